// passage-map benchmarks: size, load, frames and memory, each beside Leaflet baselines
// measured in the same run, as ratios. See bench/README.md.
//
//   node bench/run.mjs [--dist dist] [--runs 5] [--frame-runs 2] [--sizes 1000,10000,100000]
//                      [--large-runs 3] [--large-frame-runs 1] [--only default|synthetic]
//                      [--load-timeout 120] [--slow-load 30] [--out target/bench/latest.json] [--trace]
//
// Two parts:
// - the default story (31 places): passage-map beside Leaflet pages with the SVG and the
//   Canvas renderer, as before;
// - generated stories of 1,000, 10,000 and 100,000 points (--sizes): passage-map (time to
//   the deep-linked place's card), the Leaflet canvas page and a minimal Leaflet page
//   (points only), and a scaling table over the sizes.
// Every figure is the median over the runs: load and memory in all runs, the frame
// sequences in --frame-runs of them (spread evenly). Stories of at least LARGE places get
// --large-runs loads and --large-frame-runs frame runs (a load takes seconds there). The
// systems are interleaved run by run (their order rotated), each page load in a fresh
// browser context (cold caches).

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

import { startServer } from '../tests/e2e/harness.mjs';
import { writeStory, FLY_IDS, lastPointId } from './synthetic.mjs';

const BENCH = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(BENCH, '..');
const CHROMIUM = process.env.PM_CHROMIUM || '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
  '--disable-component-update', '--no-first-run', '--disable-sync', '--enable-precise-memory-info',
  // performance.measureUserAgentSpecificMemory() answers at once instead of at the next
  // garbage collection (up to 20 s later).
  '--enable-blink-features=ForceEagerMeasureMemory',
];
const VIEWPORT = { width: 1280, height: 800 };

/**
 * Every response carries these: the pages are cross-origin isolated, which
 * `performance.measureUserAgentSpecificMemory()` needs (every file is same-origin, so
 * require-corp blocks nothing).
 */
const ISOLATION_HEADERS = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' };

// Budgets from shared/PERFORMANCE.md and issue #9 (1 KB = 1000 bytes, 1 MB = 10^6 bytes).
const BUDGET = {
  widgetGzip: 120_000,
  firstViewGzip: 150_000,
  loadMs: 300,
  frameP95: { default: 16.7 },
  memory: 20_000_000,
};
/** Frame p95 target of a generated story of `places` places: ≤ 16.7 ms up to 10k, ≤ 33 ms above. */
const syntheticFrameTarget = (points) => (points > 10_000 ? 33 : 16.7);

/**
 * rAF timestamps jitter by a few tenths of a millisecond around the 16.67 ms vsync
 * interval: a frame-time figure within this of its budget (or of Leaflet's) passes.
 */
const FRAME_TOLERANCE_MS = 1;

/** Stories of at least this many points get --large-runs loads and --large-frame-runs frame runs. */
const LARGE = 50_000;

/** The systems compared on each kind of story. */
const SYSTEMS = {
  default: ['passage-map', 'leaflet-svg', 'leaflet-canvas'],
  synthetic: ['passage-map', 'leaflet-canvas', 'leaflet-minimal'],
};
const LABEL = { 'passage-map': 'passage-map', 'leaflet-svg': 'Leaflet SVG', 'leaflet-canvas': 'Leaflet canvas', 'leaflet-minimal': 'Leaflet minimal' };
const SEQUENCES = ['drag', 'wheel', 'fly'];

/** The deep-linked card, in the widget's shadow root. */
const CARD_SELECTOR = (id) => `.pm-card[data-place="${id}"] .pm-card-title`;

// ---------------------------------------------------------------------------------------
// Arguments

const USAGE =
  'usage: node bench/run.mjs [--dist dist] [--runs 5] [--frame-runs 2] [--sizes 1000,10000,100000] [--large-runs 3] [--large-frame-runs 1]\n' +
  '                          [--only default|synthetic] [--load-timeout 120] [--slow-load 30] [--out target/bench/latest.json] [--trace]';

function parseArgs(argv) {
  const o = {
    dist: 'dist', runs: 5, frameRuns: 2, sizes: [1_000, 10_000, 100_000], largeRuns: 3, largeFrameRuns: 1,
    only: null, loadTimeout: 120, slowLoad: 30, out: 'target/bench/latest.json', trace: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const [flag, inline] = a.includes('=') ? a.split(/=(.*)/s) : [a, undefined];
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new Error(`${flag} needs a value`);
      return v;
    };
    if (flag === '--dist') o.dist = value();
    else if (flag === '--runs') o.runs = Number(value());
    else if (flag === '--frame-runs') o.frameRuns = Number(value());
    else if (flag === '--sizes') o.sizes = value().split(',').map((s) => Number(s.trim().replace(/_/g, '')));
    else if (flag === '--large-runs') o.largeRuns = Number(value());
    else if (flag === '--large-frame-runs') o.largeFrameRuns = Number(value());
    else if (flag === '--only') o.only = value();
    else if (flag === '--load-timeout') o.loadTimeout = Number(value());
    else if (flag === '--slow-load') o.slowLoad = Number(value());
    else if (flag === '--out') o.out = value();
    else if (flag === '--trace') o.trace = true;
    else if (flag === '--help' || flag === '-h') {
      console.log(USAGE);
      process.exit(0);
    } else throw new Error(`unknown argument ${a}\n${USAGE}`);
  }
  const positive = (v, name) => {
    if (!Number.isInteger(v) || v < 1) throw new Error(`${name} must be a positive integer`);
  };
  const natural = (v, name) => {
    if (!Number.isInteger(v) || v < 0) throw new Error(`${name} must be an integer ≥ 0`);
  };
  positive(o.runs, '--runs');
  positive(o.largeRuns, '--large-runs');
  natural(o.frameRuns, '--frame-runs');
  natural(o.largeFrameRuns, '--large-frame-runs');
  if (!(o.loadTimeout > 0)) throw new Error('--load-timeout must be a number of seconds > 0');
  if (!(o.slowLoad > 0)) throw new Error('--slow-load must be a number of seconds > 0');
  for (const n of o.sizes) if (!Number.isInteger(n) || n < 10 || n > 999_999) throw new Error(`--sizes: ${n} is not an integer in 10…999999`);
  o.sizes = [...new Set(o.sizes)].sort((a, b) => a - b);
  if (!o.sizes.length) throw new Error('--sizes needs at least one size');
  if (o.only && !['default', 'synthetic'].includes(o.only)) throw new Error('--only is default or synthetic');
  o.dist = path.resolve(REPO, o.dist);
  o.out = path.resolve(REPO, o.out);
  return o;
}

// ---------------------------------------------------------------------------------------
// Statistics

const sorted = (xs) => [...xs].sort((a, b) => a - b);
/** Nearest-rank percentile (p in 0…100). */
function percentile(xs, p) {
  if (!xs.length) return null;
  const s = sorted(xs);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}
function median(xs) {
  const s = sorted(xs.filter((x) => x !== null && x !== undefined && Number.isFinite(x)));
  if (!s.length) return null;
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}
const ratio = (a, b) => (a == null || b == null || b === 0 ? null : a / b);

// ---------------------------------------------------------------------------------------
// Size

const gzip = (buf) => zlib.gzipSync(buf, { level: 9 }).length;
const brotli = (buf) =>
  zlib.brotliCompressSync(buf, {
    params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: buf.length },
  }).length;

function measureFiles(files) {
  const rows = files.map(([label, file]) => {
    const buf = fs.readFileSync(file);
    return { file: label, raw: buf.length, gzip: gzip(buf), brotli: brotli(buf) };
  });
  const total = rows.reduce((t, r) => ({ raw: t.raw + r.raw, gzip: t.gzip + r.gzip, brotli: t.brotli + r.brotli }), { raw: 0, gzip: 0, brotli: 0 });
  return { files: rows, total };
}

/**
 * The widget's files as the entry script names them: { entry, glue, wasm, css } (file
 * names in dist/; hashed like `passage_map_bg.<hash>.wasm` or plain).
 */
export function widgetFiles(dist) {
  const entry = fs.readFileSync(path.join(dist, 'passage-map.js'), 'utf8');
  const find = (re, what) => {
    const m = entry.match(re);
    if (!m) throw new Error(`dist/passage-map.js names no ${what}`);
    return m[1];
  };
  const files = {
    glue: find(/\bfrom\s*['"]\.\/(passage_map[^'"]*\.js)['"]/, 'wasm-bindgen glue'),
    wasm: find(/['"](?:\.\/)?(passage_map_bg[^'"]*\.wasm)['"]/, 'wasm file'),
    css: find(/['"](?:\.\/)?(passage-map[^'"]*\.css)['"]/, 'stylesheet'),
  };
  // The entry itself: its hashed copy when there is one (passage-map.js is then an alias).
  const hashed = fs.readdirSync(dist).find((n) => /^passage-map\.[0-9a-f]{6,}\.js$/.test(n));
  files.entry = hashed ?? 'passage-map.js';
  return files;
}

function sizes(dist, widget) {
  const d = (p) => [p, path.join(dist, p)];
  const leafletDist = path.join(REPO, 'node_modules/leaflet/dist');
  const basemap = path.join(REPO, 'geodata/basemap');
  const storyFiles = ['story/story.json', 'story/places.geojson', 'story/passages.json'].map(d);
  const widgetSize = measureFiles([widget.wasm, widget.glue, widget.entry, widget.css].map(d));
  const leaflet = measureFiles([['leaflet.js', path.join(leafletDist, 'leaflet.js')], ['leaflet.css', path.join(leafletDist, 'leaflet.css')]]);
  const firstView = measureFiles([...storyFiles, d('basemap/region.json')]);
  const leafletData = measureFiles([
    ...storyFiles,
    ['geodata/basemap/ca_countries_ne10m.geojson', path.join(basemap, 'ca_countries_ne10m.geojson')],
    ['geodata/basemap/ca_borders_ne10m.geojson', path.join(basemap, 'ca_borders_ne10m.geojson')],
  ]);
  const city = measureFiles([d('basemap/city.json')]);
  return { widget: widgetSize, leaflet, firstView, leafletData, city };
}

// ---------------------------------------------------------------------------------------
// In-page probes (init scripts: they run before any script of the page)

/**
 * `window.__benchLoad` resolves to `{ready, painted}` in ms since navigation start:
 * `ready` in the animation frame where the probe first sees the page loaded, `painted` one
 * frame later (after the frame that styled, laid out and painted it). Loaded means:
 * - with `cardSelector` (passage-map deep-linked to a place): that place's card title is
 *   in the widget's shadow root, with its text, and laid out (has a box);
 * - else every place drawn: passage-map, the places its `g.pm-place` markers stand for (a
 *   group marker for its `data-group` places) reach `expected`; Leaflet, its place layers
 *   on the renderer (`__bench.drawn()`).
 * `window.__benchLongTasks(t)`: the main thread's long tasks (> 50 ms) that started
 * before `t`: {count, totalMs, maxMs}.
 */
function loadProbe({ system, expected, cardSelector }) {
  const root = () => document.querySelector('#map')?.shadowRoot;
  const count =
    system === 'passage-map'
      ? () => {
          const r = root();
          // querySelector first: cheap while no marker exists yet.
          if (!r || !r.querySelector('g.pm-place')) return 0;
          let n = 0;
          for (const g of r.querySelectorAll('g.pm-place')) n += g.dataset.group ? Number(g.dataset.group) || 1 : 1;
          return n;
        }
      : () => (window.__bench ? window.__bench.drawn() : 0);
  const cardShown = () => {
    const title = root()?.querySelector(cardSelector);
    return !!title && title.textContent.trim() !== '' && title.getClientRects().length > 0;
  };
  const tasks = [];
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) tasks.push([e.startTime, e.duration]);
    }).observe({ type: 'longtask', buffered: true });
  } catch {
    // No long-task timing: the figures stay empty.
  }
  window.__benchLongTasks = (t) => {
    const before = tasks.filter(([s]) => s < t).map(([, d]) => d);
    return { count: before.length, totalMs: before.reduce((a, b) => a + b, 0), maxMs: before.length ? Math.max(...before) : 0 };
  };
  window.__benchCount = count;
  const loaded = cardSelector ? cardShown : () => count() >= expected;
  window.__benchLoad = new Promise((resolve) => {
    let ready = null;
    const tick = () => {
      if (ready === null) {
        if (loaded()) ready = performance.now();
        requestAnimationFrame(tick);
      } else {
        resolve({ ready, painted: performance.now() });
      }
    };
    requestAnimationFrame(tick);
  });
}

/**
 * `window.__benchRec`: rAF timestamps, whether the view moved in each frame, and
 * `pan()`: where a fixed world point (lon −90°, lat 15°: the basemap's origin) is on
 * screen, to check that a drag really moved the map.
 */
function frameRecorder({ system }) {
  const root = () => document.querySelector('#map')?.shadowRoot;
  // The widget's elements, looked up again only when they have left the document (a
  // lookup in a shadow root of 100k elements would cost time in every frame).
  const cache = new Map();
  const el = (selector) => {
    let e = cache.get(selector);
    if (!e || !e.isConnected) {
      e = root()?.querySelector(selector) ?? null;
      cache.set(selector, e);
    }
    return e;
  };
  const signature =
    system === 'passage-map'
      ? () => {
          const b = el('g.pm-basemap');
          const s = el('g.pm-shapes');
          // A drag is previewed as a CSS transform of the svg, committed on release.
          const svg = el('svg.pm-svg');
          return `${svg ? svg.style.transform : ''}|${b ? b.getAttribute('transform') : ''}|${s ? s.getAttribute('transform') : ''}`;
        }
      : () => (window.__bench ? window.__bench.signature() : '');
  const pan =
    system === 'passage-map'
      ? () => {
          const m = el('g.pm-basemap')?.transform.baseVal.consolidate()?.matrix;
          const css = /translate\(([-\d.]+)px, ([-\d.]+)px\)/.exec(el('svg.pm-svg')?.style.transform ?? '');
          return m ? { x: m.e + (css ? Number(css[1]) : 0), y: m.f + (css ? Number(css[2]) : 0) } : null;
        }
      : () => (window.__bench ? window.__bench.map.latLngToContainerPoint([15, -90]) : null);
  let generation = 0;
  let times = [];
  let changed = [];
  let mark = -1;
  let last = '';
  let lastChange = 0;
  let lastChangeFrame = 0;
  window.__benchRec = {
    start() {
      const g = ++generation;
      times = [];
      changed = [];
      mark = -1;
      last = signature();
      lastChange = performance.now();
      lastChangeFrame = 0;
      const loop = (t) => {
        if (g !== generation) return;
        times.push(t);
        const s = signature();
        changed.push(s !== last);
        if (s !== last) {
          last = s;
          lastChange = performance.now();
          lastChangeFrame = times.length - 1;
        }
        requestAnimationFrame(loop);
      };
      requestAnimationFrame(loop);
    },
    /** The input sequence has ended (its frames count even when nothing moved). */
    mark() {
      mark = times.length;
    },
    /** Time and frames since the view last moved. */
    idle: () => ({ ms: performance.now() - lastChange, frames: times.length - 1 - lastChangeFrame }),
    pan,
    stop() {
      generation++;
      return { times, changed, mark };
    },
  };
}

// ---------------------------------------------------------------------------------------
// One page: load, memory, frame sequences

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** The page of `system` showing story `ds` (see `datasets` in main). */
function pageUrl(origin, system, ds) {
  if (system === 'passage-map') {
    if (ds.kind === 'default') return `${origin}/index.html`;
    return `${origin}/index.html?story=${encodeURIComponent(ds.storyPath)}&place=${encodeURIComponent(ds.cardId)}`;
  }
  const renderer = system === 'leaflet-svg' ? 'svg' : 'canvas';
  const minimal = system === 'leaflet-minimal' ? '&minimal=1' : '';
  return `${origin}/bench/leaflet.html?renderer=${renderer}${minimal}${ds.kind === 'synthetic' ? `&synthetic=${ds.points}` : ''}`;
}

/**
 * Waits until the view has not moved for `quietMs` and for 4 frames (a slow system's
 * frames can be longer than `quietMs`; the view must have stopped, not be between frames).
 */
async function waitIdle(page, quietMs = 300, maxMs = 15_000) {
  const t0 = Date.now();
  while (Date.now() - t0 < maxMs) {
    const idle = await page.evaluate(() => window.__benchRec.idle());
    if (idle.ms >= quietMs && idle.frames >= 4) return true;
    await sleep(50);
  }
  return false;
}

/**
 * Frame deltas of a recording: from its start to the later of the end of the input and
 * the frame after the view last moved (that frame's delta holds the last move's work).
 */
function frameWindow({ times, changed, mark }) {
  let last = -1;
  for (let i = 0; i < changed.length; i++) if (changed[i]) last = i;
  const end = Math.min(times.length - 1, Math.max(last + 1, mark));
  const deltas = [];
  for (let i = 1; i <= end; i++) deltas.push(times[i] - times[i - 1]);
  return { deltas, moved: last >= 0 };
}

async function record(page, action, { quietMs = 250 } = {}) {
  await page.evaluate(() => window.__benchRec.start());
  await action();
  await page.evaluate(() => window.__benchRec.mark());
  await waitIdle(page, quietMs);
  return frameWindow(await page.evaluate(() => window.__benchRec.stop()));
}

async function mapCentre(page, system) {
  return page.evaluate((system) => {
    const el = system === 'passage-map' ? document.querySelector('#map').shadowRoot.querySelector('.pm-svg') : document.querySelector('#map');
    const r = el.getBoundingClientRect();
    return { x: r.left + r.width / 2, y: r.top + r.height / 2, width: r.width, height: r.height };
  }, system);
}

/** Waits until `Date.now()` reaches `t` (absolute ms). */
const until = (t) => sleep(Math.max(0, t - Date.now()));

/** The drag: 300 px left and 150 px up in 60 moves over 2 s. */
const DRAG = { dx: -300, dy: -150, moves: 60, ms: 2000 };

/**
 * The same drag as pointer events dispatched to the map element from inside the page
 * (bubbling, composed): a fallback that measures panning when a system does not follow a
 * real mouse drag (see `panned` in the results).
 */
async function dispatchedDrag(page, system, c) {
  const fire = (type, x, y, buttons) =>
    page.evaluate(
      ([system, type, x, y, buttons]) => {
        const map = document.querySelector('#map');
        const el = system === 'passage-map' ? map.shadowRoot.querySelector('.pm-svg') : map;
        const init = { bubbles: true, composed: true, cancelable: true, clientX: x, clientY: y, button: 0, buttons, pointerId: 1, pointerType: 'mouse', isPrimary: true };
        el.dispatchEvent(new PointerEvent(type, init));
        el.dispatchEvent(new MouseEvent(type.replace('pointer', 'mouse'), init));
      },
      [system, type, x, y, buttons],
    );
  await fire('pointerdown', c.x, c.y, 1);
  const t0 = Date.now();
  for (let i = 1; i <= DRAG.moves; i++) {
    await until(t0 + (i * DRAG.ms) / DRAG.moves);
    await fire('pointermove', c.x + (DRAG.dx * i) / DRAG.moves, c.y + (DRAG.dy * i) / DRAG.moves, 1);
  }
  await fire('pointerup', c.x + DRAG.dx, c.y + DRAG.dy, 0);
}

const sequences = {
  /** A 2-second drag with the mouse: down, 60 moves, up. */
  async drag(page, system, c, _ids, { dispatched = false } = {}) {
    const before = await page.evaluate(() => window.__benchRec.pan());
    const w = await record(page, async () => {
      if (dispatched) return dispatchedDrag(page, system, c);
      await page.mouse.move(c.x, c.y);
      await page.mouse.down();
      const t0 = Date.now();
      for (let i = 1; i <= DRAG.moves; i++) {
        await until(t0 + (i * DRAG.ms) / DRAG.moves);
        await page.mouse.move(c.x + (DRAG.dx * i) / DRAG.moves, c.y + (DRAG.dy * i) / DRAG.moves);
      }
      await page.mouse.up();
    });
    const after = await page.evaluate(() => window.__benchRec.pan());
    // How far the map followed the pointer, as a fraction of the drag (1 = all the way).
    const d = before && after ? Math.hypot(after.x - before.x, after.y - before.y) : null;
    return { ...w, panned: d == null ? null : d / Math.hypot(DRAG.dx, DRAG.dy) };
  },
  /** 20 wheel notches over the map centre, 50 ms apart: 10 in, then 10 out (100 px each). */
  async wheel(page, system, c) {
    await page.mouse.move(c.x + 1, c.y + 1);
    return record(page, async () => {
      const t0 = Date.now();
      for (let i = 0; i < 20; i++) {
        await until(t0 + i * 50);
        await page.mouse.wheel(0, i < 10 ? -100 : 100);
      }
    });
  },
  /** A fly-to to one place, then to another (two recordings, frames pooled). */
  async fly(page, system, c, ids) {
    const deltas = [];
    let moved = true;
    for (const id of ids) {
      const w = await record(
        page,
        () => page.evaluate(([system, id]) => (system === 'passage-map' ? window.passageMap.select(id) : window.__bench.select(id)), [system, id]),
        { quietMs: 300 },
      );
      deltas.push(...w.deltas);
      moved &&= w.moved;
    }
    return { deltas, moved };
  },
};

function frameStats(deltas) {
  return {
    frames: deltas.length,
    p50: percentile(deltas, 50),
    p95: percentile(deltas, 95),
    max: deltas.length ? Math.max(...deltas) : null,
    // Frames longer than 1.5 vsync intervals: at least one frame was dropped.
    long: deltas.filter((d) => d > 25).length,
  };
}

// ---------------------------------------------------------------------------------------
// Tracing (--trace): where the main thread's time goes during each sequence

const TRACE_CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'v8.execute', 'blink.user_timing'];

/** Self time per event name on the renderer main thread. */
function summariseTrace(buffer) {
  const events = JSON.parse(buffer.toString('utf8')).traceEvents ?? [];
  const names = new Map();
  for (const e of events) if (e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain') names.set(`${e.pid}:${e.tid}`, true);
  const byThread = new Map();
  for (const e of events) {
    if (e.ph !== 'X' || !names.has(`${e.pid}:${e.tid}`) || typeof e.dur !== 'number') continue;
    const k = `${e.pid}:${e.tid}`;
    if (!byThread.has(k)) byThread.set(k, []);
    byThread.get(k).push(e);
  }
  // The busiest renderer main thread is the page's.
  let main = [];
  for (const list of byThread.values()) if (list.length > main.length) main = list;
  main.sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  const self = new Map();
  const stack = [];
  const close = (upTo) => {
    while (stack.length && stack[stack.length - 1].end <= upTo) stack.pop();
  };
  for (const e of main) {
    close(e.ts);
    const node = { e, end: e.ts + e.dur };
    if (stack.length) {
      const parent = stack[stack.length - 1];
      self.set(parent.e.name, (self.get(parent.e.name) ?? 0) - Math.min(e.dur, parent.end - e.ts));
    }
    self.set(e.name, (self.get(e.name) ?? 0) + e.dur);
    stack.push(node);
  }
  const busy = main.length ? [...self.values()].reduce((a, b) => a + b, 0) / 1000 : 0;
  const top = [...self.entries()]
    .map(([name, us]) => ({ name, ms: us / 1000 }))
    .filter((x) => x.ms >= 0.5)
    .sort((a, b) => b.ms - a.ms)
    .slice(0, 10);
  return { busyMs: busy, top };
}

/** `promise`, or `null` after `ms`. */
function within(promise, ms) {
  let timer;
  return Promise.race([promise, new Promise((resolve) => (timer = setTimeout(() => resolve(null), ms)))]).finally(() => clearTimeout(timer));
}

/**
 * Memory after load, after a forced garbage collection: `total` = what
 * `performance.measureUserAgentSpecificMemory()` attributes to the page (JS heaps, DOM,
 * shared) + the widget's wasm memory, which that API does not count. Without the API (no
 * cross-origin isolation), `total` = `usedJSHeapSize` + the DOM (Blink) heap + wasm, and
 * `method` says so.
 */
async function measureMemory(page, cdp, system, glueUrl) {
  await cdp.send('HeapProfiler.collectGarbage');
  const mem = await page.evaluate(
    async ([system, glueUrl]) => {
      let wasm = 0;
      if (system === 'passage-map') {
        // The widget's wasm-bindgen module (the same URL, so the same module instance):
        // init() returns the instance's exports once loaded.
        const glue = await import(glueUrl);
        const exports = await glue.default();
        wasm = exports.memory.buffer.byteLength;
      }
      let ua = null;
      if (window.crossOriginIsolated && performance.measureUserAgentSpecificMemory) {
        const m = await Promise.race([performance.measureUserAgentSpecificMemory(), new Promise((r) => setTimeout(() => r(null), 20_000))]);
        if (m) {
          const byType = {};
          for (const b of m.breakdown) {
            const k = b.types.length ? b.types.join('+') : 'other';
            byType[k] = (byType[k] ?? 0) + b.bytes;
          }
          ua = { bytes: m.bytes, byType };
        }
      }
      return { jsHeap: performance.memory.usedJSHeapSize, wasm, ua, domNodes: document.getElementsByTagName('*').length };
    },
    [system, glueUrl],
  );
  const usage = await cdp.send('Runtime.getHeapUsage');
  const embedderHeap = usage.embedderHeapUsedSize ?? null;
  const memory = {
    method: mem.ua ? 'measureUserAgentSpecificMemory' : 'usedJSHeapSize + embedder heap',
    total: (mem.ua ? mem.ua.bytes : mem.jsHeap + (embedderHeap ?? 0)) + mem.wasm,
    wasm: mem.wasm,
    uaBytes: mem.ua?.bytes ?? null,
    uaJs: mem.ua?.byType.JavaScript ?? null,
    uaDom: mem.ua?.byType.DOM ?? null,
    uaShared: mem.ua?.byType.Shared ?? null,
    jsHeap: mem.jsHeap,
    embedderHeap,
    domNodes: mem.domNodes,
  };
  // Elements in the widget's shadow root count as DOM too.
  if (system === 'passage-map') {
    memory.domNodes += await page.evaluate(() => document.querySelector('#map')?.shadowRoot?.querySelectorAll('*').length ?? 0);
  }
  return memory;
}

/**
 * One page load in a fresh context: load time, memory after load and (with `frames`) the
 * frame sequences. With `trace`, no memory figure; instead a Chromium trace of the load
 * and of each sequence, summarised (see summariseTrace).
 */
async function measurePage(browser, ctx, system, ds, { frames = true, trace = false } = {}) {
  const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1 });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  const deepLink = system === 'passage-map' && ds.cardId ? ds.cardId : null;
  await page.addInitScript(loadProbe, { system, expected: ds.places, cardSelector: deepLink ? CARD_SELECTOR(deepLink) : null });
  await page.addInitScript(frameRecorder, { system });
  const cdp = await context.newCDPSession(page);
  const result = { system, dataset: ds.key, problems };
  const traced = async (name, fn) => {
    if (!trace) return fn();
    await browser.startTracing(page, { categories: TRACE_CATEGORIES });
    try {
      return await fn();
    } finally {
      (result.trace ??= {})[name] = summariseTrace(await browser.stopTracing());
    }
  };
  const timeoutMs = ctx.loadTimeout * 1000;
  try {
    const load = await traced('load', async () => {
      await page.goto(pageUrl(ctx.origin, system, ds), { waitUntil: 'commit' });
      return within(page.evaluate(() => window.__benchLoad), timeoutMs);
    });
    if (!load) {
      result.timedOut = true;
      if (deepLink) throw new Error(`the card of ${deepLink} (${CARD_SELECTOR(deepLink)}) not shown after ${ctx.loadTimeout} s`);
      const n = await page.evaluate(() => window.__benchCount()).catch(() => '?');
      throw new Error(`places not drawn after ${ctx.loadTimeout} s (${n} of ${ds.places})`);
    }
    result.load = { ready: load.ready, painted: load.painted, what: deepLink ? 'card' : 'places' };
    const net = await page.evaluate(() => {
      const e = performance.getEntriesByType('resource').find((r) => /places\.geojson(\?|$)/.test(r.name));
      return e ? { placesFetched: e.responseEnd, placesBytes: e.encodedBodySize } : {};
    });
    Object.assign(result.load, net, { longTasks: await page.evaluate((t) => window.__benchLongTasks(t), load.painted) });
    // Let the page settle (the basemap may still be arriving) before memory and frames.
    if (system === 'passage-map') {
      await page
        .waitForFunction(() => document.querySelector('#map').shadowRoot.querySelector('g.pm-basemap path'), null, { timeout: 30_000 })
        .catch(() => problems.push('no basemap drawn (g.pm-basemap path) 30 s after load'));
    } else {
      await page.evaluate(() => window.__bench.ready);
    }
    await sleep(150);

    if (!trace) result.memory = await measureMemory(page, cdp, system, ctx.glue);
    if (!frames) return result;

    const c = await mapCentre(page, system);
    result.frames = {};
    for (const name of SEQUENCES) {
      const w = await traced(name, () => sequences[name](page, system, c, ds.flyIds));
      result.frames[name] = { ...frameStats(w.deltas), moved: w.moved };
      if (!w.moved) problems.push(`${name}: the view did not move`);
      if (name === 'drag') {
        result.frames.drag.panned = w.panned;
        if (w.panned != null && w.panned < 0.5) {
          // The map did not follow the mouse: measure the pan with dispatched pointer events.
          problems.push(`drag: the map followed ${(w.panned * 100).toFixed(0)}% of a real mouse drag`);
          const wd = await traced('dragDispatched', () => sequences.drag(page, system, c, null, { dispatched: true }));
          result.frames.dragDispatched = { ...frameStats(wd.deltas), moved: wd.moved, panned: wd.panned };
        }
      }
    }
  } catch (e) {
    result.error = String(e.message || e).split('\n')[0];
  } finally {
    await context.close();
  }
  return result;
}

// ---------------------------------------------------------------------------------------
// Report

const kb = (n) => (n == null ? '—' : `${(n / 1000).toFixed(1)} KB`);
const mb = (n) => (n == null ? '—' : `${(n / 1e6).toFixed(1)} MB`);
const ms = (n) => (n == null ? '—' : `${n.toFixed(1)} ms`);
const secs = (n) => (n == null ? '—' : n >= 1000 ? `${(n / 1000).toFixed(2)} s` : `${n.toFixed(0)} ms`);
const x = (r) => (r == null ? '—' : `×${r.toFixed(2)}`);
const verdict = (ok) => (ok == null ? '' : ok ? 'ok' : 'OVER');
const places = (n) => (n >= 1000 && n % 1000 === 0 ? `${n / 1000}k` : String(n));

function table(rows) {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => String(r[i] ?? '').length)));
  return rows
    .map((r, j) => {
      const line = r.map((c, i) => String(c ?? '').padEnd(widths[i])).join('  ').trimEnd();
      return j === 0 ? `${line}\n${widths.map((w) => '-'.repeat(w)).join('  ')}` : line;
    })
    .join('\n');
}

function aggregate(results, datasets) {
  const agg = {};
  for (const ds of datasets) {
    agg[ds.key] = {};
    for (const system of SYSTEMS[ds.kind]) {
      const mine = results.filter((r) => r.system === system && r.dataset === ds.key);
      const rs = mine.filter((r) => !r.error);
      const med = (f) => median(rs.map(f));
      const a = {
        runs: rs.length,
        errors: mine.filter((r) => r.error).map((r) => r.error),
        // Loads that did not finish within --load-timeout (no figure: "> N s" in the tables).
        timedOut: mine.filter((r) => r.timedOut).length,
        skipped: ds.skipped?.[system] ?? 0,
        load: {
          ready: med((r) => r.load.ready),
          painted: med((r) => r.load.painted),
          all: rs.map((r) => r.load.painted),
          placesFetched: med((r) => r.load.placesFetched),
          longTasks: med((r) => r.load.longTasks?.count),
          longTaskMax: med((r) => r.load.longTasks?.maxMs),
          longTaskTotal: med((r) => r.load.longTasks?.totalMs),
        },
        memory: {},
        frames: {},
      };
      for (const k of ['total', 'wasm', 'uaBytes', 'uaJs', 'uaDom', 'uaShared', 'jsHeap', 'embedderHeap', 'domNodes']) a.memory[k] = med((r) => r.memory?.[k]);
      a.memory.method = rs.find((r) => r.memory)?.memory.method ?? null;
      for (const s of [...SEQUENCES, 'dragDispatched']) {
        const fs_ = rs.map((r) => r.frames?.[s]).filter(Boolean);
        if (!fs_.length) continue;
        a.frames[s] = {
          runs: fs_.length,
          panned: median(fs_.map((f) => f.panned)),
          p50: median(fs_.map((f) => f.p50)),
          p95: median(fs_.map((f) => f.p95)),
          max: median(fs_.map((f) => f.max)),
          frames: median(fs_.map((f) => f.frames)),
          long: median(fs_.map((f) => f.long)),
          p95All: fs_.map((f) => f.p95),
        };
      }
      agg[ds.key][system] = a;
    }
  }
  return agg;
}

const pct = (v) => (v == null ? '—' : `${(v * 100).toFixed(0)}%`);

/** The load time of a system aggregate; a system whose every load timed out counts as the timeout. */
const loadOf = (a, timeoutS) => a.load.painted ?? (a.timedOut ? { over: timeoutS * 1000 } : null);
const loadCell = (a, timeoutS, fmt = ms) => {
  const v = loadOf(a, timeoutS);
  return v == null ? '—' : typeof v === 'object' ? `> ${timeoutS} s` : fmt(v);
};
/** `pm / other` for load times, "> ×N" when passage-map timed out. */
const loadRatio = (pm, other, timeoutS) => {
  const v = loadOf(pm, timeoutS);
  if (v && typeof v === 'object') return other.load.painted ? `> ${x(v.over / other.load.painted)}` : '—';
  return x(ratio(v, other.load.painted));
};
const loadVerdict = (pm, other, timeoutS) => {
  const v = loadOf(pm, timeoutS);
  if (v == null || other.load.painted == null) return '';
  return verdict((typeof v === 'object' ? v.over : v) <= other.load.painted);
};
/** "3 runs", with what is missing: timed-out and skipped loads. */
const runsNote = (a) => `${a.runs}${a.timedOut ? ` +${a.timedOut} timed out` : ''}${a.skipped ? ` (${a.skipped} skipped)` : ''}`;
const NONE = {};
/** The figures of sequence `s` of system aggregate `sys` (a system that followed the real drag is compared by its real drag). */
const seq = (sys, s) => sys.frames[s] ?? (s === 'dragDispatched' ? sys.frames.drag : null) ?? NONE;

function sizeSection(size) {
  const W = size.widget.total;
  const L = size.leaflet.total;
  return [
    'SIZE (bytes on disk; gzip -9, brotli q11)',
    table([
      ['what', 'raw', 'gzip', 'brotli', 'budget (gzip)', 'vs Leaflet (gzip)', ''],
      ...size.widget.files.map((f) => [`  ${f.file}`, kb(f.raw), kb(f.gzip), kb(f.brotli), '', '', '']),
      ['widget code (wasm + JS + CSS)', kb(W.raw), kb(W.gzip), kb(W.brotli), `≤ ${kb(BUDGET.widgetGzip)}`, x(ratio(W.gzip, L.gzip)), verdict(W.gzip <= BUDGET.widgetGzip)],
      ['Leaflet 1.9.4 (leaflet.js + leaflet.css)', kb(L.raw), kb(L.gzip), kb(L.brotli), '', '', ''],
      ...size.firstView.files.map((f) => [`  ${f.file}`, kb(f.raw), kb(f.gzip), kb(f.brotli), '', '', '']),
      ['first-view data (story + region basemap)', kb(size.firstView.total.raw), kb(size.firstView.total.gzip), kb(size.firstView.total.brotli), `≤ ${kb(BUDGET.firstViewGzip)}`, x(ratio(size.firstView.total.gzip, size.leafletData.total.gzip)), verdict(size.firstView.total.gzip <= BUDGET.firstViewGzip)],
      ['Leaflet page data (story + NE countries/borders)', kb(size.leafletData.total.raw), kb(size.leafletData.total.gzip), kb(size.leafletData.total.brotli), '', '', ''],
      ['city basemap (on zoom-in only)', kb(size.city.total.raw), kb(size.city.total.gzip), kb(size.city.total.brotli), '', '', ''],
    ]),
  ];
}

/** The default story: passage-map beside Leaflet SVG and Canvas. */
function defaultSection(ds, a) {
  const out = [];
  const pm = a['passage-map'];
  const sv = a['leaflet-svg'];
  const cv = a['leaflet-canvas'];
  out.push('');
  out.push(`DEFAULT STORY (${ds.places} places) — medians of ${pm.runs}/${sv.runs}/${cv.runs} runs (passage-map / Leaflet SVG / Leaflet Canvas); frames: ${pm.frames.drag?.runs ?? 0} runs`);
  for (const s of SYSTEMS.default) for (const e of a[s].errors) out.push(`  ! ${LABEL[s]}: ${e}`);
  for (const s of SYSTEMS.default) if (a[s].skipped) out.push(`  ! ${LABEL[s]}: ${a[s].skipped} run(s) skipped (a load failed, or was slow once its frames were recorded)`);
  const loadOk = pm.load.painted == null ? null : pm.load.painted <= BUDGET.loadMs && pm.load.painted <= Math.min(sv.load.painted ?? Infinity, cv.load.painted ?? Infinity);
  const frameBudget = BUDGET.frameP95.default;
  const rows = [['measure', 'passage-map', 'Leaflet SVG', 'Leaflet Canvas', 'budget', 'pm/SVG', 'pm/Canvas', '']];
  rows.push(['load: all places drawn (painted)', ms(pm.load.painted), ms(sv.load.painted), ms(cv.load.painted), `≤ ${BUDGET.loadMs} ms, ≤ Leaflet`, x(ratio(pm.load.painted, sv.load.painted)), x(ratio(pm.load.painted, cv.load.painted)), verdict(loadOk)]);
  rows.push(['load: places in the DOM/scene', ms(pm.load.ready), ms(sv.load.ready), ms(cv.load.ready), '', x(ratio(pm.load.ready, sv.load.ready)), x(ratio(pm.load.ready, cv.load.ready)), '']);
  for (const s of [...SEQUENCES, 'dragDispatched']) {
    if (s === 'dragDispatched') {
      if (!pm.frames[s]) continue;
      rows.push(['drag again, as dispatched pointer events (passage-map did not follow the mouse; Leaflet: its real drag)', '', '', '', '', '', '', '']);
    }
    const broken = s === 'drag' && seq(pm, s).panned != null && seq(pm, s).panned < 0.5;
    const T = FRAME_TOLERANCE_MS;
    const p = seq(pm, s).p95;
    const ok = p == null ? null : p <= frameBudget + T && p <= (seq(sv, s).p95 ?? Infinity) + T && p <= (seq(cv, s).p95 ?? Infinity) + T;
    if (s.startsWith('drag')) rows.push([`${s}: map followed the pointer`, pct(seq(pm, s).panned), pct(seq(sv, s).panned), pct(seq(cv, s).panned), '100%', '', '', broken ? 'BROKEN' : '']);
    rows.push([`${s}: frame p95`, ms(p), ms(seq(sv, s).p95), ms(seq(cv, s).p95), `≤ ${frameBudget} ms, ≤ Leaflet`, x(ratio(p, seq(sv, s).p95)), x(ratio(p, seq(cv, s).p95)), broken ? 'n/a' : verdict(ok)]);
    rows.push([`${s}: frame p50`, ms(seq(pm, s).p50), ms(seq(sv, s).p50), ms(seq(cv, s).p50), '', x(ratio(seq(pm, s).p50, seq(sv, s).p50)), x(ratio(seq(pm, s).p50, seq(cv, s).p50)), '']);
    rows.push([`${s}: frame max`, ms(seq(pm, s).max), ms(seq(sv, s).max), ms(seq(cv, s).max), '', x(ratio(seq(pm, s).max, seq(sv, s).max)), x(ratio(seq(pm, s).max, seq(cv, s).max)), '']);
    rows.push([`${s}: frames (> 25 ms)`, `${seq(pm, s).frames ?? '—'} (${seq(pm, s).long ?? '—'})`, `${seq(sv, s).frames ?? '—'} (${seq(sv, s).long ?? '—'})`, `${seq(cv, s).frames ?? '—'} (${seq(cv, s).long ?? '—'})`, '', '', '', '']);
  }
  rows.push(...memoryRows([pm, sv, cv], BUDGET.memory));
  out.push(table(rows));
  return out;
}

/** Memory rows for systems `s` (passage-map first); `budget`: an absolute budget, or 'leaflet' (≤ the second system). */
function memoryRows(s, budget) {
  const [pm, ...others] = s;
  const pad = (n) => Array(n).fill('');
  const okTotal = pm.memory.total == null ? '' : budget === 'leaflet' ? verdict(others[0].memory.total != null && pm.memory.total <= others[0].memory.total) : verdict(pm.memory.total <= budget);
  return [
    ['memory: total (JS + DOM + wasm)', ...s.map((a) => mb(a.memory.total)), budget === 'leaflet' ? `≤ ${LABEL[SYSTEMS.synthetic[1]]}` : `≤ ${mb(budget)}`, ...others.map((o) => x(ratio(pm.memory.total, o.memory.total))), okTotal],
    ['  JavaScript (measureUserAgentSpecificMemory)', ...s.map((a) => mb(a.memory.uaJs)), ...pad(others.length + 2)],
    ['  DOM (measureUserAgentSpecificMemory)', ...s.map((a) => mb(a.memory.uaDom)), ...pad(others.length + 2)],
    ['  shared (measureUserAgentSpecificMemory)', ...s.map((a) => mb(a.memory.uaShared)), ...pad(others.length + 2)],
    ['  wasm memory (buffer.byteLength)', mb(pm.memory.wasm), ...others.map(() => '—'), ...pad(others.length + 2)],
    ['  usedJSHeapSize (after GC), not in the total', ...s.map((a) => mb(a.memory.jsHeap)), ...pad(others.length + 2)],
    ['  elements', ...s.map((a) => a.memory.domNodes ?? '—'), ...pad(others.length + 2)],
  ];
}

/** One generated story: passage-map beside the Leaflet canvas and minimal pages. */
function syntheticSection(ds, a, ctx) {
  const out = [];
  const [pm, cv, mn] = SYSTEMS.synthetic.map((s) => a[s]);
  out.push('');
  out.push(
    `GENERATED STORY ${places(ds.points)} (${ds.places} places: ${ds.points} points + ${ds.places - ds.points} polygons; ${mb(ds.bytes)} places.geojson; deep link to ${ds.cardId}) — ` +
      `medians of ${runsNote(pm)} / ${runsNote(cv)} / ${runsNote(mn)} runs (passage-map / Leaflet canvas / Leaflet minimal); frames: ${pm.frames.drag?.runs ?? 0}/${cv.frames.drag?.runs ?? 0}/${mn.frames.drag?.runs ?? 0} runs`,
  );
  for (const s of SYSTEMS.synthetic) for (const e of a[s].errors) out.push(`  ! ${LABEL[s]}: ${e}`);
  for (const s of SYSTEMS.synthetic) if (a[s].skipped) out.push(`  ! ${LABEL[s]}: ${a[s].skipped} run(s) skipped (a load failed, or took over ${ctx.slowLoad} s once its frames were recorded)`);
  const T = ctx.loadTimeout;
  const rows = [['measure', 'passage-map', 'Leaflet canvas', 'Leaflet minimal', 'target', 'pm/canvas', 'pm/minimal', '']];
  rows.push(['load: card shown (pm) / all points drawn (Leaflet)', loadCell(pm, T), loadCell(cv, T), loadCell(mn, T), '≤ Leaflet canvas', loadRatio(pm, cv, T), loadRatio(pm, mn, T), loadVerdict(pm, cv, T)]);
  rows.push(['load: in the DOM/scene (a frame before)', ms(pm.load.ready), ms(cv.load.ready), ms(mn.load.ready), '', x(ratio(pm.load.ready, cv.load.ready)), x(ratio(pm.load.ready, mn.load.ready)), '']);
  rows.push(['load: places.geojson received', ms(pm.load.placesFetched), ms(cv.load.placesFetched), ms(mn.load.placesFetched), '', '', '', '']);
  rows.push(['load: long tasks before it (count)', ...[pm, cv, mn].map((s) => s.load.longTasks ?? '—'), '', '', '', '']);
  rows.push(['load: longest task before it', ...[pm, cv, mn].map((s) => ms(s.load.longTaskMax)), '', x(ratio(pm.load.longTaskMax, cv.load.longTaskMax)), x(ratio(pm.load.longTaskMax, mn.load.longTaskMax)), '']);
  const target = syntheticFrameTarget(ds.points);
  for (const s of [...SEQUENCES, 'dragDispatched']) {
    if (s === 'dragDispatched') {
      if (!pm.frames[s]) continue;
      rows.push(['drag again, as dispatched pointer events (passage-map did not follow the mouse; Leaflet: its real drag)', '', '', '', '', '', '', '']);
    }
    const broken = s === 'drag' && seq(pm, s).panned != null && seq(pm, s).panned < 0.5;
    const p = seq(pm, s).p95;
    if (s.startsWith('drag')) rows.push([`${s}: map followed the pointer`, pct(seq(pm, s).panned), pct(seq(cv, s).panned), pct(seq(mn, s).panned), '100%', '', '', broken ? 'BROKEN' : '']);
    rows.push([`${s}: frame p95`, ms(p), ms(seq(cv, s).p95), ms(seq(mn, s).p95), `≤ ${target} ms`, x(ratio(p, seq(cv, s).p95)), x(ratio(p, seq(mn, s).p95)), broken ? 'n/a' : verdict(p == null ? null : p <= target + FRAME_TOLERANCE_MS)]);
    rows.push([`${s}: frame p50`, ms(seq(pm, s).p50), ms(seq(cv, s).p50), ms(seq(mn, s).p50), '', x(ratio(seq(pm, s).p50, seq(cv, s).p50)), x(ratio(seq(pm, s).p50, seq(mn, s).p50)), '']);
    rows.push([`${s}: frame max`, ms(seq(pm, s).max), ms(seq(cv, s).max), ms(seq(mn, s).max), '', x(ratio(seq(pm, s).max, seq(cv, s).max)), x(ratio(seq(pm, s).max, seq(mn, s).max)), '']);
    rows.push([`${s}: frames (> 25 ms)`, ...[pm, cv, mn].map((sys) => `${seq(sys, s).frames ?? '—'} (${seq(sys, s).long ?? '—'})`), '', '', '', '']);
  }
  rows.push(...memoryRows([pm, cv, mn], 'leaflet'));
  out.push(table(rows));
  return out;
}

/** Growth of a figure from one size to the next, e.g. `×9.8`; ×10 per ×10 places is linear. */
function growth(values) {
  const parts = [];
  for (let i = 1; i < values.length; i++) parts.push(x(ratio(values[i], values[i - 1])));
  return parts.join(' → ');
}

/** The scaling tables over the generated stories: load, frame p95 and memory by size. */
function scalingSection(syn, agg, ctx) {
  const out = [];
  if (!syn.length) return out;
  const get = (ds) => SYSTEMS.synthetic.map((s) => agg[ds.key][s]);
  out.push('');
  out.push(`SCALING (generated stories ${syn.map((d) => places(d.points)).join(' / ')}; passage-map / Leaflet canvas / Leaflet minimal; medians, same run; OVER = a target of issue #9 missed)`);
  out.push('');
  out.push('load (pm: deep-linked card shown; Leaflet: all points drawn; painted)');
  out.push(
    table([
      ['places', 'pm card', 'Leaflet canvas', 'Leaflet minimal', 'pm/canvas', 'pm/minimal', 'longest task pm / canvas / minimal', 'runs', 'target', ''],
      ...syn.map((ds) => {
        const [pm, cv, mn] = get(ds);
        const T = ctx.loadTimeout;
        return [
          places(ds.points), loadCell(pm, T, secs), loadCell(cv, T, secs), loadCell(mn, T, secs),
          loadRatio(pm, cv, T), loadRatio(pm, mn, T),
          [pm, cv, mn].map((s) => secs(s.load.longTaskMax)).join(' / '),
          [pm, cv, mn].map((s) => s.runs).join('/'),
          '≤ canvas', loadVerdict(pm, cv, T),
        ];
      }),
    ]),
  );
  out.push('');
  out.push('frame p95 (ms; "fell back": passage-map did not follow the real drag, its dispatched-events figure shown)');
  const frameRows = [['places', 'sequence', 'pm', 'Leaflet canvas', 'Leaflet minimal', 'pm/canvas', 'pm/minimal', 'target', '']];
  for (const ds of syn) {
    const [pm, cv, mn] = get(ds);
    const target = syntheticFrameTarget(ds.points);
    for (const s of SEQUENCES) {
      const fell = s === 'drag' && pm.frames.dragDispatched;
      const p = fell ? pm.frames.dragDispatched.p95 : seq(pm, s).p95;
      const pmCell = p != null ? (fell ? `${ms(p)} (fell back)` : ms(p)) : pm.runs ? '—' : 'not loaded';
      frameRows.push([
        places(ds.points), s, pmCell, ms(seq(cv, s).p95), ms(seq(mn, s).p95),
        x(ratio(p, seq(cv, s).p95)), x(ratio(p, seq(mn, s).p95)), `≤ ${target}`, verdict(p == null ? null : p <= target + FRAME_TOLERANCE_MS),
      ]);
    }
  }
  out.push(table(frameRows));
  out.push('');
  out.push('memory after load (total = JS + DOM + shared by measureUserAgentSpecificMemory, + wasm memory)');
  out.push(
    table([
      ['places', 'pm total', 'of which wasm', 'Leaflet canvas', 'Leaflet minimal', 'pm/canvas', 'pm/minimal', 'elements pm / canvas / minimal', 'target', ''],
      ...syn.map((ds) => {
        const [pm, cv, mn] = get(ds);
        return [
          places(ds.points), mb(pm.memory.total), mb(pm.memory.wasm), mb(cv.memory.total), mb(mn.memory.total),
          x(ratio(pm.memory.total, cv.memory.total)), x(ratio(pm.memory.total, mn.memory.total)),
          [pm, cv, mn].map((s) => s.memory.domNodes ?? '—').join(' / '),
          '≤ canvas', verdict(pm.memory.total == null || cv.memory.total == null ? null : pm.memory.total <= cv.memory.total),
        ];
      }),
    ]),
  );
  if (syn.length > 1) {
    out.push('');
    out.push(`growth from one size to the next (${syn.map((d) => places(d.points)).join(' → ')}; ×10 per ×10 places is linear)`);
    const rows = [['figure', ...SYSTEMS.synthetic.map((s) => LABEL[s])]];
    const line = (name, f) => rows.push([name, ...SYSTEMS.synthetic.map((s) => growth(syn.map((ds) => f(agg[ds.key][s], s))))]);
    line('load (pm: card)', (a) => a.load.painted);
    line('memory total', (a) => a.memory.total);
    for (const s of SEQUENCES) line(`${s} p95`, (a) => seq(a, s).p95);
    out.push(table(rows));
  }
  return out;
}

function traceSection(traces) {
  const out = [];
  if (!traces?.length) return out;
  out.push('');
  out.push('TRACE (one extra page per system; main-thread self time per trace event over the whole sequence, ms)');
  for (const t of traces) {
    // A load that failed (e.g. timed out) still has its trace: where the time went, except
    // that Chromium writes a task's trace event when the task ends.
    if (t.error) out.push(`  ${t.dataset} ${t.system}: ${t.error}${t.timedOut ? ' (a task still running at the timeout is not in its trace)' : ''}`);
    for (const [name, s] of Object.entries(t.trace ?? {})) {
      const f = t.frames?.[name];
      const extra = name === 'load' && t.load ? `, ${t.load.what === 'card' ? 'card shown' : 'drawn'} at ${ms(t.load.painted)}` : f ? `, ${f.frames} frames, p95 ${ms(f.p95)}, max ${ms(f.max)}` : '';
      out.push(`  ${t.dataset} ${t.system} ${name}: main thread busy ${ms(s.busyMs)}${extra}`);
      out.push(`    ${s.top.map((e) => `${e.name} ${e.ms.toFixed(1)}`).join(' · ')}`);
    }
  }
  return out;
}

function report(size, agg, datasets, traces, ctx) {
  const out = [...sizeSection(size)];
  for (const ds of datasets) out.push(...(ds.kind === 'default' ? defaultSection(ds, agg[ds.key]) : syntheticSection(ds, agg[ds.key], ctx)));
  out.push(...scalingSection(datasets.filter((d) => d.kind === 'synthetic'), agg, ctx));
  out.push(...traceSection(traces));
  return out.join('\n');
}

// ---------------------------------------------------------------------------------------
// Main

/** Whether run `i` of `total` is one of `k` picked evenly (k ≤ total; the first run is always one). */
const picked = (i, k, total) => Math.ceil((i * k) / total) !== Math.ceil(((i + 1) * k) / total);

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const started = Date.now();
  for (const f of ['index.html', 'passage-map.js', 'story/story.json', 'basemap/region.json']) {
    if (!fs.existsSync(path.join(opts.dist, f))) throw new Error(`${path.join(opts.dist, f)} is missing: run \`cargo xtask dist\` first`);
  }

  // Served next to dist: the bench pages, Leaflet's files (copied from node_modules), the
  // Natural Earth source GeoJSON, the generated stories.
  const data = fs.mkdtempSync(path.join(os.tmpdir(), 'pm-bench-'));
  const leafletDist = path.join(REPO, 'node_modules/leaflet/dist');
  fs.cpSync(leafletDist, path.join(data, 'vendor/leaflet'), { recursive: true, filter: (src) => !src.endsWith('.map') && !src.includes('esm') });
  for (const f of ['ca_countries_ne10m.geojson', 'ca_borders_ne10m.geojson']) {
    fs.mkdirSync(path.join(data, 'geodata'), { recursive: true });
    fs.copyFileSync(path.join(REPO, 'geodata/basemap', f), path.join(data, 'geodata', f));
  }
  // A snapshot of dist/ is measured and served, so that a rebuild of dist/ during the run
  // (other work on this machine) cannot break or mix the pages.
  fs.cpSync(opts.dist, path.join(data, 'dist'), { recursive: true });
  const site = path.join(data, 'dist');
  const widget = widgetFiles(site);
  for (const f of Object.values(widget)) {
    if (!fs.existsSync(path.join(site, f))) throw new Error(`${path.join(opts.dist, f)} is missing: run \`cargo xtask dist\` first`);
  }
  const size = sizes(site, widget);

  const datasets = [];
  if (opts.only !== 'synthetic') {
    const n = JSON.parse(fs.readFileSync(path.join(site, 'story/places.geojson'), 'utf8')).features.length;
    datasets.push({ key: 'default', kind: 'default', places: n, runs: opts.runs, frameRuns: Math.min(opts.frameRuns, opts.runs), flyIds: ['cecot', 'el-chorrillo'] });
  }
  if (opts.only !== 'default') {
    for (const points of opts.sizes) {
      const t0 = Date.now();
      const dir = path.join(data, `synthetic-${points}`);
      const syn = writeStory(dir, { points, polygons: Math.max(1, Math.round(points * 0.03)), seed: 1989 });
      const large = points >= LARGE;
      const runs = large ? Math.min(opts.largeRuns, opts.runs) : opts.runs;
      datasets.push({
        key: `synthetic-${points}`,
        kind: 'synthetic',
        points,
        places: syn.places,
        bytes: fs.statSync(path.join(dir, 'places.geojson')).size,
        storyPath: `/bench-data/synthetic-${points}/story.json`,
        // The last point: the widget must have read the whole file to show it.
        cardId: lastPointId(points),
        runs,
        frameRuns: Math.min(large ? opts.largeFrameRuns : opts.frameRuns, runs),
        flyIds: FLY_IDS,
      });
      console.log(`bench: generated ${syn.places} places (${points} points) in ${Date.now() - t0} ms`);
    }
  }

  const server = await startServer({ root: site, mounts: { '/bench/': BENCH, '/bench-data/': data }, headers: () => ISOLATION_HEADERS });
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  const ctx = { origin: server.origin, glue: `/${widget.glue}`, loadTimeout: opts.loadTimeout, slowLoad: opts.slowLoad };
  const totalRuns = Math.max(...datasets.map((d) => d.runs));
  console.log(
    `bench: ${server.origin} · ${datasets.map((d) => `${d.key} ${d.runs} runs (frames in ${d.frameRuns})`).join(' · ')} · Chromium ${browser.version()} · ${os.cpus().length} cores`,
  );

  const results = [];
  const traces = [];
  try {
    // One unrecorded load of each page first: the browser's own first-use costs (process
    // start, code caches of the browser itself) land on no system.
    const warm = datasets[0];
    for (const system of SYSTEMS[warm.kind]) await measurePage(browser, ctx, system, warm, { frames: false });

    for (let run = 0; run < totalRuns; run++) {
      for (const ds of datasets) {
        // A story with fewer runs than the others takes part in runs spread evenly.
        if (!picked(run, ds.runs, totalRuns)) continue;
        // This story's own run index (0…ds.runs − 1).
        const k = Math.ceil((run * ds.runs) / totalRuns);
        // Frame sequences take ~10 s a page: only frameRuns of the story's runs (spread
        // evenly over them) record them; every run measures load and memory.
        const frames = picked(k, ds.frameRuns, ds.runs);
        // Rotate the order, so that no system always goes first (or right after another).
        const systems = SYSTEMS[ds.kind];
        const order = systems.map((_, i) => systems[(i + k) % systems.length]);
        ds.skipped ??= {};
        ds.done ??= {};
        for (const system of order) {
          // A system whose load failed (timed out, crashed) gets no more runs of this story;
          // one whose load took over --slow-load s none after its frames were recorded:
          // both would take minutes and tell nothing new.
          if (ds.done[system]) {
            ds.skipped[system] = (ds.skipped[system] ?? 0) + 1;
            continue;
          }
          const r = await measurePage(browser, ctx, system, ds, { frames });
          r.run = k;
          results.push(r);
          const framesRecorded = results.some((q) => q.system === system && q.dataset === ds.key && q.frames);
          if (r.error || (r.load.painted > opts.slowLoad * 1000 && (framesRecorded || ds.frameRuns === 0))) ds.done[system] = true;
          const f = r.frames ?? {};
          const brief = r.error
            ? `ERROR ${r.error}`
            : `load ${ms(r.load.painted)}${r.load.what === 'card' ? ' (card)' : ''} · mem ${mb(r.memory.total)}${frames ? ` · p95 drag ${ms(f.drag?.p95)}${f.dragDispatched ? ` (dispatched ${ms(f.dragDispatched.p95)})` : ''} wheel ${ms(f.wheel?.p95)} fly ${ms(f.fly?.p95)}` : ''}`;
          console.log(`  run ${k + 1}/${ds.runs} ${ds.key.padEnd(17)} ${system.padEnd(15)} ${brief}${r.problems.length ? ` · ${r.problems.length} problem(s): ${r.problems[0]}` : ''}`);
        }
      }
    }
    if (opts.trace) {
      // The default story and the largest generated one.
      const syn = datasets.filter((d) => d.kind === 'synthetic');
      for (const ds of [datasets.find((d) => d.kind === 'default'), syn[syn.length - 1]].filter(Boolean)) {
        for (const system of SYSTEMS[ds.kind]) {
          console.log(`  trace ${ds.key} ${system}`);
          traces.push(await measurePage(browser, ctx, system, ds, { trace: true }));
        }
      }
    }
  } finally {
    await browser.close();
    await server.close();
    fs.rmSync(data, { recursive: true, force: true });
  }

  const agg = aggregate(results, datasets);
  const text = report(size, agg, datasets, traces, ctx);
  console.log(`\n${text}\n`);
  const json = {
    date: new Date().toISOString(),
    seconds: (Date.now() - started) / 1000,
    machine: { cores: os.cpus().length, cpu: os.cpus()[0]?.model, node: process.version, chromium: CHROMIUM },
    options: { ...opts, dist: path.relative(REPO, opts.dist) || '.', out: path.relative(REPO, opts.out), viewport: VIEWPORT },
    budget: BUDGET,
    datasets: datasets.map(({ key, kind, points, places: n, bytes, cardId, runs, frameRuns }) => ({ key, kind, points, places: n, bytes, cardId, runs, frameRuns })),
    size,
    summary: agg,
    runs: results,
    traces,
  };
  fs.mkdirSync(path.dirname(opts.out), { recursive: true });
  fs.writeFileSync(opts.out, `${JSON.stringify(json, null, 1)}\n`);
  console.log(`bench: ${((Date.now() - started) / 1000).toFixed(0)} s; results in ${path.relative(REPO, opts.out)}`);
  // A load that timed out is a figure ("> N s" in the tables), not a failure of the bench;
  // a page that broke otherwise (crashed, threw) is.
  const timedOut = results.filter((r) => r.timedOut).length;
  if (timedOut) console.log(`bench: ${timedOut} load(s) timed out after ${opts.loadTimeout} s (shown as > ${opts.loadTimeout} s)`);
  const failed = results.filter((r) => r.error && !r.timedOut).length;
  if (failed) {
    console.error(`bench: ${failed} page(s) failed`);
    process.exitCode = 1;
  }
}

main().catch((e) => {
  console.error(`bench: ${e.stack || e}`);
  process.exit(1);
});
