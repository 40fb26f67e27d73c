// passage-map benchmarks: size, load, frames and memory, each beside a Leaflet baseline
// (SVG and Canvas renderers) measured in the same run, as ratios. See bench/README.md.
//
//   node bench/run.mjs [--dist dist] [--runs 7] [--frame-runs 3] [--synthetic 10000] [--only default|synthetic]
//                      [--out target/bench/latest.json] [--trace]
//
// Every figure is the median over the runs: load and memory in all --runs runs, the frame
// sequences in --frame-runs of them (spread evenly; each sequence is ~100–250 frames).
// The systems are interleaved run by run (their order rotated), each page load in a
// fresh browser context (cold caches).

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

import { startServer } from '../tests/e2e/harness.mjs';
import { writeStory, FLY_IDS } from './synthetic.mjs';

const BENCH = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(BENCH, '..');
const CHROMIUM = process.env.PM_CHROMIUM || '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
  '--disable-component-update', '--no-first-run', '--disable-sync', '--enable-precise-memory-info',
];
const VIEWPORT = { width: 1280, height: 800 };

// Budgets from shared/PERFORMANCE.md (1 KB = 1000 bytes, 1 MB = 10^6 bytes).
const BUDGET = {
  widgetGzip: 120_000,
  firstViewGzip: 150_000,
  loadMs: 300,
  frameP95: { default: 16.7, synthetic: 33 },
  memory: 20_000_000,
};

/**
 * rAF timestamps jitter by a few tenths of a millisecond around the 16.67 ms vsync
 * interval: a frame-time figure within this of its budget (or of Leaflet's) passes.
 */
const FRAME_TOLERANCE_MS = 1;

const SYSTEMS = ['passage-map', 'leaflet-svg', 'leaflet-canvas'];
const SEQUENCES = ['drag', 'wheel', 'fly'];

// ---------------------------------------------------------------------------------------
// Arguments

function parseArgs(argv) {
  const o = { dist: 'dist', runs: 7, frameRuns: 3, synthetic: 10_000, only: null, out: 'target/bench/latest.json', trace: false };
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
    else if (flag === '--synthetic') o.synthetic = Number(value());
    else if (flag === '--only') o.only = value();
    else if (flag === '--out') o.out = value();
    else if (flag === '--trace') o.trace = true;
    else if (flag === '--help' || flag === '-h') {
      console.log('usage: node bench/run.mjs [--dist dist] [--runs 7] [--frame-runs 3] [--synthetic 10000] [--only default|synthetic] [--out target/bench/latest.json] [--trace]');
      process.exit(0);
    } else throw new Error(`unknown argument ${a}`);
  }
  if (!Number.isInteger(o.runs) || o.runs < 1) throw new Error('--runs must be a positive integer');
  if (!Number.isInteger(o.frameRuns) || o.frameRuns < 0) throw new Error('--frame-runs must be an integer ≥ 0');
  o.frameRuns = Math.min(o.frameRuns, o.runs);
  if (!Number.isInteger(o.synthetic) || o.synthetic < 10) throw new Error('--synthetic must be an integer ≥ 10');
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
    glue: find(/from\s+['"]\.\/(passage_map[^'"]*\.js)['"]/, 'wasm-bindgen glue'),
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

/** Resolves `window.__benchLoad` once every place is drawn: {ready, painted} (ms since navigation start). */
function loadProbe({ system, expected }) {
  const count =
    system === 'passage-map'
      ? () => {
          const root = document.querySelector('#map')?.shadowRoot;
          return root ? root.querySelectorAll('g.pm-place').length : 0;
        }
      : () => (window.__bench ? window.__bench.drawn() : 0);
  window.__benchCount = count;
  window.__benchLoad = new Promise((resolve) => {
    let ready = null;
    const tick = () => {
      if (ready === null) {
        if (count() >= expected) ready = performance.now();
        requestAnimationFrame(tick);
      } else {
        // One frame later: the frame that drew them (style, layout, paint or the canvas
        // redraw) has run on the main thread.
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
  const signature =
    system === 'passage-map'
      ? () => {
          const r = root();
          if (!r) return '';
          const b = r.querySelector('g.pm-basemap');
          const s = r.querySelector('g.pm-shapes');
          // A drag is previewed as a CSS transform of the svg, committed on release.
          const svg = r.querySelector('svg.pm-svg');
          return `${svg ? svg.style.transform : ''}|${b ? b.getAttribute('transform') : ''}|${s ? s.getAttribute('transform') : ''}`;
        }
      : () => (window.__bench ? window.__bench.signature() : '');
  const pan =
    system === 'passage-map'
      ? () => {
          const m = root()?.querySelector('g.pm-basemap')?.transform.baseVal.consolidate()?.matrix;
          const css = /translate\(([-\d.]+)px, ([-\d.]+)px\)/.exec(root()?.querySelector('svg.pm-svg')?.style.transform ?? '');
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

function pageUrl(origin, system, dataset, synthetic) {
  const storyPath = `/bench-data/synthetic-${synthetic}/story.json`;
  if (system === 'passage-map') return dataset === 'synthetic' ? `${origin}/index.html?story=${encodeURIComponent(storyPath)}` : `${origin}/index.html`;
  const renderer = system === 'leaflet-canvas' ? 'canvas' : 'svg';
  return `${origin}/bench/leaflet.html?renderer=${renderer}${dataset === 'synthetic' ? `&synthetic=${synthetic}` : ''}`;
}

/**
 * Waits until the view has not moved for `quietMs` and for 4 frames (a slow system's
 * frames can be longer than `quietMs`; the view must have stopped, not be between frames).
 */
async function waitIdle(page, quietMs = 300, maxMs = 8000) {
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

/**
 * One page load in a fresh context: load time, memory after load and (with `frames`) the
 * frame sequences. With `trace`, no memory figure; instead a Chromium trace of the load
 * and of each sequence, summarised (see summariseTrace).
 */
async function measurePage(browser, ctx, system, dataset, { frames = true, trace = false } = {}) {
  const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1 });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  const expected = ctx.places[dataset];
  await page.addInitScript(loadProbe, { system, expected });
  await page.addInitScript(frameRecorder, { system });
  const cdp = await context.newCDPSession(page);
  const result = { system, dataset, problems };
  const traced = async (name, fn) => {
    if (!trace) return fn();
    await browser.startTracing(page, { categories: TRACE_CATEGORIES });
    try {
      return await fn();
    } finally {
      (result.trace ??= {})[name] = summariseTrace(await browser.stopTracing());
    }
  };
  try {
    const load = await traced('load', async () => {
      await page.goto(pageUrl(ctx.origin, system, dataset, ctx.synthetic), { waitUntil: 'commit' });
      let timer;
      return Promise.race([
        page.evaluate(() => window.__benchLoad),
        new Promise((resolve) => {
          timer = setTimeout(() => resolve(null), 90_000);
        }),
      ]).finally(() => clearTimeout(timer));
    });
    if (!load) {
      const n = await page.evaluate(() => window.__benchCount()).catch(() => '?');
      throw new Error(`places not drawn after 90 s (${n} of ${expected})`);
    }
    result.load = load;
    // Let the page settle (the basemap may still be arriving) before memory and frames.
    if (system === 'passage-map') {
      await page.waitForFunction(() => document.querySelector('#map').shadowRoot.querySelector('g.pm-basemap path'), null, { timeout: 30_000 });
    } else {
      await page.evaluate(() => window.__bench.ready);
    }
    await sleep(150);

    if (!trace) {
      await cdp.send('HeapProfiler.collectGarbage');
      const mem = await page.evaluate(async ([system, glueUrl]) => {
        let wasm = 0;
        if (system === 'passage-map') {
          // The widget's wasm-bindgen module (the same URL, so the same module instance):
          // init() returns the instance's exports once loaded.
          const glue = await import(glueUrl);
          const exports = await glue.default();
          wasm = exports.memory.buffer.byteLength;
        }
        return { jsHeap: performance.memory.usedJSHeapSize, wasm, domNodes: document.getElementsByTagName('*').length };
      }, [system, ctx.glue]);
      const usage = await cdp.send('Runtime.getHeapUsage');
      result.memory = { ...mem, total: mem.jsHeap + mem.wasm, embedderHeap: usage.embedderHeapUsedSize ?? null, backingStorage: usage.backingStorageSize ?? null };
      // Elements in the widget's shadow root count as DOM too.
      if (system === 'passage-map') {
        result.memory.domNodes += await page.evaluate(() => document.querySelector('#map').shadowRoot.querySelectorAll('*').length);
      }
    }
    if (!frames) return result;

    const c = await mapCentre(page, system);
    result.frames = {};
    for (const name of SEQUENCES) {
      const w = await traced(name, () => sequences[name](page, system, c, ctx.flyIds[dataset]));
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
const x = (r) => (r == null ? '—' : `×${r.toFixed(2)}`);
const verdict = (ok) => (ok == null ? '' : ok ? 'ok' : 'OVER');

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
  for (const dataset of datasets) {
    agg[dataset] = {};
    for (const system of SYSTEMS) {
      const rs = results.filter((r) => r.system === system && r.dataset === dataset && !r.error);
      const a = {
        runs: rs.length,
        errors: results.filter((r) => r.system === system && r.dataset === dataset && r.error).map((r) => r.error),
        load: { ready: median(rs.map((r) => r.load.ready)), painted: median(rs.map((r) => r.load.painted)), all: rs.map((r) => r.load.painted) },
        memory: {
          jsHeap: median(rs.map((r) => r.memory.jsHeap)),
          wasm: median(rs.map((r) => r.memory.wasm)),
          total: median(rs.map((r) => r.memory.total)),
          embedderHeap: median(rs.map((r) => r.memory.embedderHeap)),
          domNodes: median(rs.map((r) => r.memory.domNodes)),
        },
        frames: {},
      };
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
      agg[dataset][system] = a;
    }
  }
  return agg;
}

function report(size, agg, datasets, ctx, traces) {
  const out = [];
  const W = size.widget.total;
  const L = size.leaflet.total;
  out.push('SIZE (bytes on disk; gzip -9, brotli q11)');
  out.push(
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
  );

  for (const dataset of datasets) {
    const a = agg[dataset];
    const pm = a['passage-map'];
    const sv = a['leaflet-svg'];
    const cv = a['leaflet-canvas'];
    const title = dataset === 'default' ? `DEFAULT STORY (${ctx.places.default} places)` : `SYNTHETIC STORY (${ctx.places.synthetic} places: ${ctx.synthetic} points + polygons)`;
    out.push('');
    out.push(`${title} — medians of ${pm.runs}/${sv.runs}/${cv.runs} runs (passage-map / Leaflet SVG / Leaflet Canvas); frames: ${pm.frames.drag?.runs ?? 0} runs`);
    for (const s of SYSTEMS) for (const e of a[s].errors) out.push(`  ! ${s}: ${e}`);
    const loadBudget = dataset === 'default' ? BUDGET.loadMs : null;
    const loadOk = pm.load.painted == null ? null : (loadBudget == null || pm.load.painted <= loadBudget) && pm.load.painted <= Math.min(sv.load.painted ?? Infinity, cv.load.painted ?? Infinity);
    const frameBudget = BUDGET.frameP95[dataset];
    const rows = [['measure', 'passage-map', 'Leaflet SVG', 'Leaflet Canvas', 'budget', 'pm/SVG', 'pm/Canvas', '']];
    rows.push(['load: all places drawn (painted)', ms(pm.load.painted), ms(sv.load.painted), ms(cv.load.painted), loadBudget ? `≤ ${loadBudget} ms, ≤ Leaflet` : '≤ Leaflet', x(ratio(pm.load.painted, sv.load.painted)), x(ratio(pm.load.painted, cv.load.painted)), verdict(loadOk)]);
    rows.push(['load: places in the DOM/scene', ms(pm.load.ready), ms(sv.load.ready), ms(cv.load.ready), '', x(ratio(pm.load.ready, sv.load.ready)), x(ratio(pm.load.ready, cv.load.ready)), '']);
    const none = {};
    const pct = (v) => (v == null ? '—' : `${(v * 100).toFixed(0)}%`);
    for (const s of [...SEQUENCES, 'dragDispatched']) {
      // A system that followed the real drag is compared by its real drag.
      const f = (sys) => sys.frames[s] ?? (s === 'dragDispatched' ? sys.frames.drag : null) ?? none;
      if (s === 'dragDispatched') {
        if (!pm.frames[s]) continue;
        rows.push(['drag again, as dispatched pointer events (passage-map did not follow the mouse; Leaflet: its real drag)', '', '', '', '', '', '', '']);
      }
      const broken = s === 'drag' && f(pm).panned != null && f(pm).panned < 0.5;
      const T = FRAME_TOLERANCE_MS;
      const ok = f(pm).p95 == null ? null : f(pm).p95 <= frameBudget + T && f(pm).p95 <= (f(sv).p95 ?? Infinity) + T && f(pm).p95 <= (f(cv).p95 ?? Infinity) + T;
      if (s.startsWith('drag')) {
        rows.push([`${s}: map followed the pointer`, pct(f(pm).panned), pct(f(sv).panned), pct(f(cv).panned), '100%', '', '', broken ? 'BROKEN' : '']);
      }
      rows.push([`${s}: frame p95`, ms(f(pm).p95), ms(f(sv).p95), ms(f(cv).p95), `≤ ${frameBudget} ms, ≤ Leaflet`, x(ratio(f(pm).p95, f(sv).p95)), x(ratio(f(pm).p95, f(cv).p95)), broken ? 'n/a' : verdict(ok)]);
      rows.push([`${s}: frame p50`, ms(f(pm).p50), ms(f(sv).p50), ms(f(cv).p50), '', x(ratio(f(pm).p50, f(sv).p50)), x(ratio(f(pm).p50, f(cv).p50)), '']);
      rows.push([`${s}: frame max`, ms(f(pm).max), ms(f(sv).max), ms(f(cv).max), '', x(ratio(f(pm).max, f(sv).max)), x(ratio(f(pm).max, f(cv).max)), '']);
      rows.push([`${s}: frames (> 25 ms)`, `${f(pm).frames ?? '—'} (${f(pm).long ?? '—'})`, `${f(sv).frames ?? '—'} (${f(sv).long ?? '—'})`, `${f(cv).frames ?? '—'} (${f(cv).long ?? '—'})`, '', '', '', '']);
    }
    const memBudget = dataset === 'default' ? BUDGET.memory : null;
    rows.push(['memory: JS heap + wasm', mb(pm.memory.total), mb(sv.memory.total), mb(cv.memory.total), memBudget ? `≤ ${mb(memBudget)}` : '', x(ratio(pm.memory.total, sv.memory.total)), x(ratio(pm.memory.total, cv.memory.total)), memBudget && pm.memory.total != null ? verdict(pm.memory.total <= memBudget) : '']);
    rows.push(['  JS heap (after GC)', mb(pm.memory.jsHeap), mb(sv.memory.jsHeap), mb(cv.memory.jsHeap), '', '', '', '']);
    rows.push(['  wasm memory', mb(pm.memory.wasm), '—', '—', '', '', '', '']);
    rows.push(['  DOM (Blink) heap, not budgeted', mb(pm.memory.embedderHeap), mb(sv.memory.embedderHeap), mb(cv.memory.embedderHeap), '', x(ratio(pm.memory.embedderHeap, sv.memory.embedderHeap)), x(ratio(pm.memory.embedderHeap, cv.memory.embedderHeap)), '']);
    rows.push(['  elements', pm.memory.domNodes ?? '—', sv.memory.domNodes ?? '—', cv.memory.domNodes ?? '—', '', '', '', '']);
    out.push(table(rows));
  }

  if (traces?.length) {
    out.push('');
    out.push('TRACE (one extra page per system; main-thread self time per trace event over the whole sequence, ms)');
    for (const t of traces) {
      if (t.error) {
        out.push(`  ${t.dataset} ${t.system}: ${t.error}`);
        continue;
      }
      for (const [name, s] of Object.entries(t.trace ?? {})) {
        const f = t.frames?.[name];
        const extra = name === 'load' ? `, drawn at ${ms(t.load?.painted)}` : f ? `, ${f.frames} frames, p95 ${ms(f.p95)}, max ${ms(f.max)}` : '';
        out.push(`  ${t.dataset} ${t.system} ${name}: main thread busy ${ms(s.busyMs)}${extra}`);
        out.push(`    ${s.top.map((e) => `${e.name} ${e.ms.toFixed(1)}`).join(' · ')}`);
      }
    }
  }
  return out.join('\n');
}

// ---------------------------------------------------------------------------------------
// Main

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const started = Date.now();
  for (const f of ['index.html', 'passage-map.js', 'story/story.json', 'basemap/region.json']) {
    if (!fs.existsSync(path.join(opts.dist, f))) throw new Error(`${path.join(opts.dist, f)} is missing: run \`cargo xtask dist\` first`);
  }

  // Served next to dist: the bench pages, Leaflet's files (copied from node_modules), the
  // Natural Earth source GeoJSON, the synthetic story.
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
  const syn = writeStory(path.join(data, `synthetic-${opts.synthetic}`), { points: opts.synthetic, polygons: Math.max(1, Math.round(opts.synthetic * 0.03)), seed: 1989 });
  const defaultPlaces = JSON.parse(fs.readFileSync(path.join(site, 'story/places.geojson'), 'utf8')).features.length;

  const server = await startServer({ root: site, mounts: { '/bench/': BENCH, '/bench-data/': data } });
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  const datasets = opts.only ? [opts.only] : ['default', 'synthetic'];
  const ctx = {
    origin: server.origin,
    glue: `/${widget.glue}`,
    synthetic: opts.synthetic,
    places: { default: defaultPlaces, synthetic: syn.places },
    flyIds: { default: ['cecot', 'el-chorrillo'], synthetic: FLY_IDS },
  };
  console.log(`bench: ${server.origin} · ${opts.runs} runs (frames in ${opts.frameRuns}) · ${datasets.join(' + ')} · Chromium ${browser.version()} · ${os.cpus().length} cores`);

  const results = [];
  let traces = [];
  try {
    for (let run = 0; run < opts.runs; run++) {
      for (const dataset of datasets) {
        // Rotate the order, so that no system always goes first (or right after another).
        const order = SYSTEMS.map((_, i) => SYSTEMS[(i + run) % SYSTEMS.length]);
        // Frame sequences take ~10 s a page: only --frame-runs of the runs (spread evenly
        // over them) record them; every run measures load and memory.
        const frames = Math.floor((run * opts.frameRuns) / opts.runs) !== Math.floor(((run + 1) * opts.frameRuns) / opts.runs);
        for (const system of order) {
          const r = await measurePage(browser, ctx, system, dataset, { frames });
          r.run = run;
          results.push(r);
          const f = r.frames ?? {};
          const brief = r.error
            ? `ERROR ${r.error}`
            : `load ${ms(r.load.painted)} · mem ${mb(r.memory.total)}${frames ? ` · p95 drag ${ms(f.drag?.p95)}${f.dragDispatched ? ` (dispatched ${ms(f.dragDispatched.p95)})` : ''} wheel ${ms(f.wheel?.p95)} fly ${ms(f.fly?.p95)}` : ''}`;
          console.log(`  run ${run + 1}/${opts.runs} ${dataset.padEnd(9)} ${system.padEnd(14)} ${brief}${r.problems.length ? ` · ${r.problems.length} problem(s): ${r.problems[0]}` : ''}`);
        }
      }
    }
    if (opts.trace) {
      for (const dataset of datasets) {
        for (const system of SYSTEMS) {
          console.log(`  trace ${dataset} ${system}`);
          traces.push(await measurePage(browser, ctx, system, dataset, { trace: true }));
        }
      }
    }
  } finally {
    await browser.close();
    await server.close();
    fs.rmSync(data, { recursive: true, force: true });
  }

  const agg = aggregate(results, datasets);
  const text = report(size, agg, datasets, ctx, traces);
  console.log(`\n${text}\n`);
  const json = {
    date: new Date().toISOString(),
    seconds: (Date.now() - started) / 1000,
    machine: { cores: os.cpus().length, cpu: os.cpus()[0]?.model, node: process.version, chromium: CHROMIUM },
    options: { runs: opts.runs, frameRuns: opts.frameRuns, synthetic: opts.synthetic, dist: path.relative(REPO, opts.dist) || '.', viewport: VIEWPORT },
    budget: BUDGET,
    places: ctx.places,
    size,
    summary: agg,
    runs: results,
    traces,
  };
  fs.mkdirSync(path.dirname(opts.out), { recursive: true });
  fs.writeFileSync(opts.out, `${JSON.stringify(json, null, 1)}\n`);
  console.log(`bench: ${((Date.now() - started) / 1000).toFixed(0)} s; results in ${path.relative(REPO, opts.out)}`);
  const failed = results.filter((r) => r.error).length;
  if (failed) {
    console.error(`bench: ${failed} page(s) failed`);
    process.exitCode = 1;
  }
}

main().catch((e) => {
  console.error(`bench: ${e.stack || e}`);
  process.exit(1);
});
