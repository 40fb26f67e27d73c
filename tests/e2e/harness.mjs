// Shared helpers of the end-to-end tests: a static server for the built site, a
// headless Chromium (the system one; never downloaded), pages that record every
// problem (console errors and warnings, page errors, failed or cross-origin requests,
// CSP violations), and waits that poll the page instead of sleeping.
//
// The widget renders into an open shadow root: Playwright's CSS locators pierce it,
// and the init script below gives in-page code `window.__pmTest` to do the same.

import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
/** The built site under test: env PM_DIST, else `<repo>/dist`. */
export const DIST = path.resolve(process.env.PM_DIST || path.join(REPO, 'dist'));
export const AXE_PATH = path.join(REPO, 'node_modules', 'axe-core', 'axe.min.js');

const TYPES = {
  html: 'text/html; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  mjs: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  wasm: 'application/wasm',
  json: 'application/json; charset=utf-8',
  geojson: 'application/geo+json; charset=utf-8',
  txt: 'text/plain; charset=utf-8',
  md: 'text/markdown; charset=utf-8',
  svg: 'image/svg+xml',
  png: 'image/png',
  ico: 'image/x-icon',
};

function typeOf(nameOrType) {
  if (nameOrType.includes('/')) return nameOrType;
  const ext = nameOrType.includes('.') ? path.extname(nameOrType).slice(1) : nameOrType;
  return TYPES[ext.toLowerCase()] ?? 'application/octet-stream';
}

/** Reads a JSON file of the site under test. */
export function readDistJson(rel) {
  return JSON.parse(fs.readFileSync(path.join(DIST, rel), 'utf8'));
}

/**
 * A static file server on 127.0.0.1 (port chosen by the OS).
 * - `root`: folder served; `/` and folders serve their index.html; 404 for anything
 *   missing, outside `root` (no `..` traversal) or not GET/HEAD.
 * - `headers(urlPath)`: extra response headers per request (e.g. a CSP).
 * - `routes`: in-memory pages, `{ '/host.html': { type: 'html', body: '…', status? } }`.
 * - `mounts`: more folders at URL prefixes, `{ '/bench/': '/some/folder' }` (longest first).
 * Resolves to `{ url, origin, close, log }` (`log`: every path requested, in order).
 */
export async function startServer({ root = DIST, headers = () => ({}), routes = {}, mounts = {} } = {}) {
  const table = Object.entries(mounts)
    .map(([prefix, dir]) => [prefix, path.resolve(dir)])
    .sort((a, b) => b[0].length - a[0].length);
  const log = [];
  const server = http.createServer((req, res) => {
    let urlPath;
    try {
      urlPath = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    } catch {
      urlPath = null;
    }
    if (urlPath !== null) log.push(urlPath);
    const send = (status, type, body) => {
      res.writeHead(status, {
        'Content-Type': type,
        'Cache-Control': 'no-store',
        'X-Content-Type-Options': 'nosniff',
        ...(urlPath !== null ? headers(urlPath) : {}),
      });
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    const notFound = () => send(404, 'text/plain; charset=utf-8', 'not found\n');
    if (urlPath === null || urlPath.includes('\0') || (req.method !== 'GET' && req.method !== 'HEAD')) return notFound();
    const route = routes[urlPath];
    if (route) return send(route.status ?? 200, typeOf(route.type ?? 'html'), route.body);
    const [prefix, base] = table.find(([p]) => urlPath.startsWith(p)) ?? ['/', path.resolve(root)];
    let file = path.resolve(base, '.' + path.posix.normalize('/' + urlPath.slice(prefix.length)));
    if (file !== base && !file.startsWith(base + path.sep)) return notFound();
    if (urlPath.split('/').includes('..')) return notFound();
    fs.stat(file, (err, st) => {
      if (!err && st.isDirectory()) {
        file = path.join(file, 'index.html');
        if (!fs.existsSync(file)) return notFound();
      } else if (err || !st.isFile()) {
        return notFound();
      }
      fs.readFile(file, (err2, body) => (err2 ? notFound() : send(200, typeOf(path.basename(file)), body)));
    });
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address();
  const origin = `http://127.0.0.1:${port}`;
  return {
    url: `${origin}/`,
    origin,
    log,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}

/** The system Chromium, headless. */
export function launch() {
  return chromium.launch({
    executablePath: process.env.PM_CHROMIUM || '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
    ],
  });
}

// Runs in every frame before the page's own scripts: reports CSP violations and gives
// tests a shadow-piercing query.
const INIT_SCRIPT = `(() => {
  document.addEventListener('securitypolicyviolation', (e) => {
    try {
      window.__pmReportCsp(JSON.stringify({
        directive: e.violatedDirective, effective: e.effectiveDirective, blocked: e.blockedURI,
        source: e.sourceFile, line: e.lineNumber, sample: e.sample, page: location.href,
      }));
    } catch (_) {}
  }, true);
  const roots = () => {
    const out = [document];
    for (let i = 0; i < out.length; i++) {
      for (const el of out[i].querySelectorAll('*')) if (el.shadowRoot) out.push(el.shadowRoot);
    }
    return out;
  };
  window.__pmTest = {
    roots,
    all: (sel) => roots().flatMap((r) => [...r.querySelectorAll(sel)]),
    one: (sel) => { for (const r of roots()) { const el = r.querySelector(sel); if (el) return el; } return null; },
    active: () => { let a = document.activeElement; while (a && a.shadowRoot && a.shadowRoot.activeElement) a = a.shadowRoot.activeElement; return a; },
    frame: () => new Promise((r) => requestAnimationFrame(() => r())),
    // Places the map shows: a marker each, or a group control counting several.
    shownPlaces: () => window.__pmTest.all('g.pm-place').reduce((n, g) => n + (g.dataset.group ? Number(g.dataset.group) : 1), 0),
    // Where a marker is drawn, in the map's pixels (its own transform and its groups').
    pos: (g) => { const m = g.getCTM(); return m ? { x: Math.round(m.e * 10) / 10, y: Math.round(m.f * 10) / 10 } : null; },
    // Changes whenever the camera does: shapes' transform, scale bar, marker positions.
    sig: () => [
      window.__pmTest.one('g.pm-shapes')?.getAttribute('transform'),
      (window.__pmTest.one('.pm-scale')?.textContent ?? '') + (window.__pmTest.one('.pm-scale svg')?.getAttribute('width') ?? ''),
      ...window.__pmTest.all('g.pm-place').map((g) => JSON.stringify(window.__pmTest.pos(g))),
    ].join('|'),
  };
})();`;

/**
 * A new browser context and page that record problems, then (when `url` is given)
 * loads `url`. Options: `viewport` (default 1280×800), `reducedMotion`, `beforeGoto(page)`,
 * and any other browser.newContext option.
 * Resolves to `{ page, context, problems, requests, origin, close }`:
 * `problems` — console errors/warnings, page errors, failed requests (network errors
 * and HTTP ≥ 400), requests to another origin (data: and blob: allowed), CSP
 * violations; `requests` — every URL requested, in order.
 */
export async function openPage(browser, url, { viewport = { width: 1280, height: 800 }, beforeGoto, ...contextOptions } = {}) {
  const context = await browser.newContext({ viewport, ...contextOptions });
  const problems = [];
  const requests = [];
  const origin = url ? new URL(url).origin : null;
  await context.exposeBinding('__pmReportCsp', ({ frame }, json) => {
    problems.push(`CSP violation: ${json}`);
  });
  await context.addInitScript({ content: INIT_SCRIPT });
  const page = await context.newPage();
  page.on('console', (msg) => {
    const type = msg.type();
    if (type === 'error' || type === 'warning') {
      const loc = msg.location();
      // The browser's own guess at /favicon.ico is not the page's doing.
      if (loc?.url && new URL(loc.url, 'http://x').pathname === '/favicon.ico') return;
      problems.push(`console ${type}: ${msg.text()}${loc?.url ? ` (${loc.url}:${loc.lineNumber})` : ''}`);
    }
  });
  page.on('pageerror', (err) => problems.push(`page error: ${err.stack || err.message || err}`));
  page.on('request', (req) => {
    const u = req.url();
    requests.push(u);
    if (u.startsWith('data:') || u.startsWith('blob:')) return;
    let o = null;
    try {
      o = new URL(u).origin;
    } catch {}
    if (origin && o !== origin) problems.push(`request to another origin: ${req.method()} ${u}`);
  });
  page.on('requestfailed', (req) => {
    problems.push(`failed request: ${req.method()} ${req.url()} (${req.failure()?.errorText})`);
  });
  page.on('response', (res) => {
    if (res.status() >= 400) problems.push(`HTTP ${res.status()}: ${res.request().method()} ${res.url()}`);
  });
  if (beforeGoto) await beforeGoto(page);
  if (url) await page.goto(url);
  return { page, context, problems, requests, origin, close: () => context.close() };
}

/** Fails listing every problem a page recorded. */
export function assertNoProblems(problems, what = 'the page') {
  assert.deepEqual(problems, [], `${what} had problems:\n  ${problems.join('\n  ')}`);
}

/**
 * The way a test uses a page: opens it with `openPage(browser, url, options)`, waits
 * until it is ready, runs `fn(session)` (`{ page, context, problems, requests, origin,
 * close }`), then fails unless the page recorded no problem — no console error or
 * warning, page error, failed request, request to another origin or CSP violation —
 * from its opening until `fn` returned. The context is closed whatever happens.
 * Resolves to what `fn` returns. `options` may be left out.
 *
 * Options, besides openPage's (`viewport`, `locale`, `reducedMotion`, `beforeGoto`, any
 * browser.newContext option):
 * - `markers`: first wait for the map's places (`waitForPlaces`: a number for exactly
 *   that many, `null` for at least one), then for the map to come to rest; left out,
 *   no such wait.
 * - `ready(session)`: a further wait before `fn` (a card, a canvas drawn…).
 * - `allow`: problems the test causes on purpose, each a RegExp or a string the
 *   problem's text contains; every other problem still fails the test.
 * - `what`: how the failure names the page (default: the URL's path and query).
 */
export async function withCleanPage(browser, url, options, fn) {
  if (typeof options === 'function') [fn, options] = [options, {}];
  const { markers, ready, allow = [], what, ...pageOptions } = options ?? {};
  const session = await openPage(browser, url, pageOptions);
  try {
    if (markers !== undefined) {
      await waitForPlaces(session.page, markers);
      await waitForMapStill(session.page);
    }
    if (ready) await ready(session);
    const result = await fn(session);
    const allowed = (p) => allow.some((a) => (a instanceof RegExp ? a.test(p) : p.includes(a)));
    const name = what ?? (url ? ((u) => u.pathname + u.search)(new URL(url)) : 'the page');
    assertNoProblems(session.problems.filter((p) => !allowed(p)), name);
    return result;
  } finally {
    await session.close();
  }
}

/**
 * Waits until the map shows `n` places (a marker `g.pm-place` each, or a group control
 * `g.pm-place.pm-group[data-group=count]` for places that would overlap), or at least one
 * when `n` is omitted. Returns the count.
 */
export async function waitForPlaces(page, n, timeout = 20_000) {
  await page.waitForFunction(
    (n) => {
      const count = window.__pmTest.shownPlaces();
      return n == null ? count > 0 : count === n;
    },
    n ?? null,
    { timeout, polling: 'raf' },
  ).catch(async (e) => {
    const count = await page.evaluate(() => window.__pmTest.shownPlaces()).catch(() => '?');
    const errors = await page.evaluate(() => window.__pmTest.all('.pm-errors, .pm-status').map((e) => e.textContent)).catch(() => []);
    throw new Error(`waited for ${n ?? '≥1'} place markers, found ${count}${errors.length ? `; widget says: ${errors.join(' | ')}` : ''}\n${e.message}`);
  });
  return page.evaluate(() => window.__pmTest.shownPlaces());
}

/**
 * A string that changes whenever the map's camera does: the place shapes' transform,
 * the scale bar and every marker's position.
 */
export function viewSignature(page) {
  return page.evaluate(() => window.__pmTest.sig());
}

/**
 * Waits for the map to stop moving (a fly-to ends within 1.8 s): the view signature
 * unchanged across `frames` consecutive animation frames. With `from`, first waits
 * until the view differs from that signature. Returns the final signature.
 */
export async function waitForMapStill(page, { from = null, frames = 5, timeout = 10_000 } = {}) {
  return page.evaluate(
    async ({ from, frames, timeout }) => {
      const t = window.__pmTest;
      const sig = t.sig;
      const t0 = performance.now();
      const late = () => performance.now() - t0 > timeout;
      if (from !== null) {
        while (sig() === from) {
          if (late()) throw new Error('the map did not move');
          await t.frame();
        }
      }
      let last = sig();
      let same = 0;
      while (same < frames) {
        if (late()) throw new Error('the map did not come to rest');
        await t.frame();
        const s = sig();
        same = s === last ? same + 1 : 0;
        last = s;
      }
      return last;
    },
    { from, frames, timeout },
  );
}

/**
 * The scale bar: its text ("100 km"), its accessible name, its length in pixels and
 * the metres per pixel they make.
 */
export async function scaleBar(page) {
  return page.evaluate(() => {
    const el = window.__pmTest.one('.pm-scale');
    const text = el?.querySelector('span')?.textContent ?? null;
    const label = el?.getAttribute('aria-label') ?? null;
    const bar = el?.querySelector('.pm-scale-bar');
    const px = bar ? bar.getBBox().width : NaN;
    const m = /^([\d.,]+)\s*(k?m)$/.exec((text ?? '').trim());
    const metres = m ? Number(m[1].replace(',', '.')) * (m[2] === 'km' ? 1000 : 1) : NaN;
    return { text, label, px, metresPerPixel: metres / px, key: `${text}/${px}` };
  });
}

/**
 * Where a marker is drawn, in the map's pixels (its transform combined with its
 * groups'), or null when it is not drawn.
 */
export async function markerPosition(page, id) {
  return page.evaluate((id) => {
    const g = window.__pmTest.one(`g.pm-place[data-place="${CSS.escape(id)}"]`);
    return g ? window.__pmTest.pos(g) : null;
  }, id);
}

/** The focused element, through shadow roots: `{ tag, cls, place, outline, hitStroke }`. */
export async function focused(page) {
  return page.evaluate(() => {
    const a = window.__pmTest.active();
    if (!a) return null;
    const cs = getComputedStyle(a);
    const hit = a.querySelector?.(':scope > .pm-hit');
    return {
      tag: a.localName,
      cls: a.getAttribute('class') ?? '',
      place: a.getAttribute('data-place'),
      outline: cs.outlineStyle,
      outlineWidth: cs.outlineWidth,
      hitStroke: hit ? getComputedStyle(hit).stroke : null,
      hitStrokeWidth: hit ? getComputedStyle(hit).strokeWidth : null,
    };
  });
}

/** Polls `fn` (sync or async) until it returns a truthy value; returns it. */
export async function until(fn, { timeout = 10_000, interval = 25, what = 'a condition' } = {}) {
  const t0 = Date.now();
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() - t0 > timeout) throw new Error(`timed out after ${timeout} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, interval));
  }
}

/** Runs axe-core on the page; fails listing each violation's id, help and nodes. */
export async function assertAxeClean(page, what) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.addScriptTag({ path: AXE_PATH });
  const result = await page.evaluate(() =>
    window.axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] }),
  );
  const lines = result.violations.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help}\n      ${v.nodes
        .slice(0, 8)
        .map((n) => `${JSON.stringify(n.target)} — ${n.failureSummary?.replace(/\s+/g, ' ')}`)
        .join('\n      ')}${v.nodes.length > 8 ? `\n      … and ${v.nodes.length - 8} more` : ''}`,
  );
  assert.equal(result.violations.length, 0, `axe-core violations on ${what}:\n  ${lines.join('\n  ')}`);
}
