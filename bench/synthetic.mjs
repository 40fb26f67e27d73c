// A synthetic big story for the benchmarks: N points and M polygons over the regional
// view (lon −89.5…−77.5, lat 7.5…14.5), five layers, valid per
// docs/story-format.md (`cargo xtask check-story <folder>` passes), generated from a
// fixed seed so that every run and every machine draws exactly the same map.
// bench/run.mjs makes 1,000, 10,000 and 100,000 points, each with 3% as many polygons
// (30, 300, 3,000); the command line makes 10,000 points and 300 polygons unless told.
//
//   node bench/synthetic.mjs <out-folder> [--points N] [--polygons N] [--seed S]
//
// The first two places sit where the default story's CECOT and El Chorrillo are, so the
// fly-to sequence covers the same distance on both stories.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const WEST = -89.5;
export const EAST = -77.5;
export const SOUTH = 7.5;
export const NORTH = 14.5;

/** The ids the fly-to sequence selects on the synthetic story. */
export const FLY_IDS = ['p-00000', 'p-00001'];

/** The id of the last point of a story of `points` points (the points come first in places.geojson). */
export const lastPointId = (points) => `p-${pad(points - 1)}`;

const LAYERS = [
  { id: 'alpha', colour: '#b85000', symbol: 'circle' },
  { id: 'bravo', colour: '#0072b2', symbol: 'square' },
  { id: 'charlie', colour: '#007d5c', symbol: 'triangle' },
  { id: 'delta', colour: '#a8457c', symbol: 'diamond' },
  { id: 'echo', colour: '#222222', symbol: 'star' },
];

/** Linked passages (one article paragraph each, naming one place). */
const PASSAGES = 50;

/** mulberry32: a small, fast, seedable PRNG (uniform in [0, 1)). */
export function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const round = (x) => Math.round(x * 1e5) / 1e5;
const pad = (i) => String(i).padStart(5, '0');

/**
 * The story's files as strings: { 'story.json', 'places.geojson', 'passages.json',
 * 'articles/synthetic.txt' }, plus counts.
 */
export function generate({ points = 10_000, polygons = 300, seed = 1989 } = {}) {
  const random = rng(seed);
  const between = (a, b) => a + (b - a) * random();
  // Half the points uniform, half in 40 clusters (towns), like real data is.
  const clusters = Array.from({ length: 40 }, () => [between(WEST + 0.5, EAST - 0.5), between(SOUTH + 0.3, NORTH - 0.3)]);
  const fixed = [
    [-88.805, 13.53361], // where CECOT is
    [-79.5456, 8.9494], // where El Chorrillo is
  ];
  const features = [];
  const place = (i, geometry, approx) => {
    const layer = LAYERS[i % LAYERS.length];
    const n = pad(i);
    return {
      type: 'Feature',
      properties: {
        id: `p-${n}`,
        layer: layer.id,
        name: { en: `Site ${n}`, es: `Sitio ${n}` },
        kind: { en: geometry.type === 'Point' ? 'synthetic point' : 'synthetic area', es: 'sitio sintético' },
        description: { en: `Synthetic place ${n}, generated for the benchmarks (seed ${seed}).` },
        accuracy_m: approx ? 1000 + Math.round(random() * 4000) : 50 + Math.round(random() * 250),
        sources: [{ title: 'bench/synthetic.mjs (generated)', url: null }],
        licence: 'generated (no licence needed)',
      },
      geometry,
    };
  };
  for (let i = 0; i < points; i++) {
    let lon;
    let lat;
    if (i < fixed.length) {
      [lon, lat] = fixed[i];
    } else if (i % 2 === 0) {
      lon = between(WEST, EAST);
      lat = between(SOUTH, NORTH);
    } else {
      const [cx, cy] = clusters[Math.floor(random() * clusters.length)];
      // Roughly normal spread (sum of uniforms), ~0.15° around the cluster centre.
      const g = () => (random() + random() + random() - 1.5) * 0.3;
      lon = Math.min(EAST, Math.max(WEST, cx + g()));
      lat = Math.min(NORTH, Math.max(SOUTH, cy + g()));
    }
    // One point in ten is "approximate" (accuracy > 500 m: the widget draws a ring).
    features.push(place(i, { type: 'Point', coordinates: [round(lon), round(lat)] }, i >= fixed.length && i % 10 === 3));
  }
  for (let j = 0; j < polygons; j++) {
    const cx = between(WEST + 0.2, EAST - 0.2);
    const cy = between(SOUTH + 0.2, NORTH - 0.2);
    const r = between(0.02, 0.15);
    const n = 8 + Math.floor(random() * 12);
    const ring = [];
    for (let k = 0; k < n; k++) {
      // Counter-clockwise (exterior), a star-ish irregular outline.
      const a = (2 * Math.PI * k) / n;
      const rr = r * between(0.6, 1.0);
      ring.push([round(cx + rr * Math.cos(a)), round(cy + rr * Math.sin(a))]);
    }
    ring.push(ring[0]);
    features.push(place(points + j, { type: 'Polygon', coordinates: [ring] }, j % 4 === 0));
  }

  const linked = features.slice(0, Math.min(PASSAGES, features.length));
  const paragraphs = linked.map((f, k) => `Paragraph ${k + 1} of the synthetic article names ${f.properties.name.en} in passing.`);
  const article = `title: Synthetic article\n---\n${paragraphs.join('\n')}\n`;
  const passages = {
    passages: linked.map((f, k) => ({
      id: `synthetic-${pad(k)}`,
      article: 'synthetic-article',
      quote: paragraphs[k],
      places: [{ id: f.properties.id, mention: f.properties.name.en }],
    })),
  };
  const story = {
    title: { en: `Synthetic story: ${features.length} places`, es: `Historia sintética: ${features.length} lugares` },
    places: 'places.geojson',
    passages: 'passages.json',
    layers: LAYERS.map((l) => ({ id: l.id, name: { en: `Layer ${l.id}`, es: `Capa ${l.id}` }, colour: l.colour, symbol: l.symbol })),
    home: [WEST - 0.1, SOUTH - 0.1, EAST + 0.1, NORTH + 0.1],
    articles: [
      {
        id: 'synthetic-article',
        file: 'articles/synthetic.txt',
        title: 'Synthetic article',
        author: 'passage-map benchmarks',
        publication: 'bench/synthetic.mjs',
        date: null,
        url: null,
        language: 'en',
      },
    ],
    attribution: [{ name: `Synthetic data (bench/synthetic.mjs, seed ${seed})`, licence: 'generated (no licence needed)', url: null }],
  };
  return {
    files: {
      'story.json': JSON.stringify(story),
      'places.geojson': JSON.stringify({ type: 'FeatureCollection', features }),
      'passages.json': JSON.stringify(passages),
      'articles/synthetic.txt': article,
    },
    places: features.length,
    points,
    polygons,
  };
}

/** Writes the story into `dir` (created); returns what `generate` returns. */
export function writeStory(dir, options) {
  const out = generate(options);
  for (const [name, text] of Object.entries(out.files)) {
    const file = path.join(dir, name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
  }
  return out;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const dir = args.find((a, i) => !a.startsWith('--') && !(i > 0 && args[i - 1].startsWith('--')));
  if (!dir) {
    console.error('usage: node bench/synthetic.mjs <out-folder> [--points N] [--polygons N] [--seed S]');
    process.exit(2);
  }
  const num = (flag, dflt) => {
    const i = args.indexOf(flag);
    return i >= 0 ? Number(args[i + 1]) : dflt;
  };
  const out = writeStory(dir, { points: num('--points', 10_000), polygons: num('--polygons', 300), seed: num('--seed', 1989) });
  console.log(`synthetic story: ${out.places} places (${out.points} points, ${out.polygons} polygons) in ${dir}`);
}
