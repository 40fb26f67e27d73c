// A story of 20,000 places (bench/synthetic.mjs, fixed seed): the map draws the places on
// a canvas and the list shows only the rows in its scroll box, and every place stays
// reachable — by a click on the canvas (hit test through the core's spatial index), by
// keyboard on the map (a roving marker over the places in view, nearest the centre first)
// and in the list (arrow keys, Home, End), and by the search. axe-core finds nothing;
// no console error, no request to another origin, no CSP violation.

import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startServer, launch, withCleanPage, until, assertAxeClean, focused } from './harness.mjs';
import { writeStory } from '../../bench/synthetic.mjs';

const POINTS = 19_700;
const POLYGONS = 300;
const PLACES = POINTS + POLYGONS;
/** The widget's strict CSP, as the other pages are tested under. */
const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";

let server;
/** The same site without the CSP header, for axe-core (injected as an inline script). */
let plain;
let browser;
let dir;

before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pm-big-'));
  writeStory(dir, { points: POINTS, polygons: POLYGONS, seed: 1989 });
  server = await startServer({ mounts: { '/big/': dir }, headers: () => ({ 'Content-Security-Policy': CSP }) });
  plain = await startServer({ mounts: { '/big/': dir } });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
  await plain?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

const STORY = '/big/story.json';
const nameOf = (id) => `Site ${id.slice(2)}`;

/**
 * The demo on the big story once the canvas is drawn (`withCleanPage`: fails on any
 * problem the page records). Call as `withBig([query, [site, [options,]]] fn)`.
 */
async function withBig(...args) {
  const fn = args.pop();
  const [query = '', site = server, options = {}] = args;
  const ready = async ({ page }) => {
    await page.locator('canvas.pm-canvas').waitFor({ timeout: 60_000 });
    await until(() => page.evaluate(() => {
      const c = window.__pmTest.one('canvas.pm-canvas');
      if (!c || c.width < 10) return false;
      // Drawn: some pixel is not transparent.
      const data = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
      for (let i = 3; i < data.length; i += 4 * 97) if (data[i] !== 0) return true;
      return false;
    }), { timeout: 60_000, what: 'the canvas to be drawn' });
  };
  await withCleanPage(browser, `${site.url}index.html?story=${encodeURIComponent(STORY)}${query}`, { ...options, ready }, fn);
}

const cardTitle = (page) => page.locator('section.pm-card .pm-card-title').textContent();

describe(`a story of ${PLACES.toLocaleString('en')} places`, () => {
  test('draws its places on a canvas, keeps the DOM small and the list virtual', async () => {
    await withBig(async ({ page }) => {
      const counts = await page.evaluate(() => ({
        markers: window.__pmTest.all('g.pm-place').length,
        rows: window.__pmTest.all('.pm-vlist li').length,
        elements: window.__pmTest.roots().reduce((n, r) => n + r.querySelectorAll('*').length, 0),
        canvases: window.__pmTest.all('canvas.pm-canvas').length,
        setsize: Number(window.__pmTest.one('.pm-vlist li')?.getAttribute('aria-setsize')),
      }));
      assert.equal(counts.canvases, 1);
      assert.ok(counts.markers >= 1 && counts.markers < 20, `a few SVG markers (the keyboard's), found ${counts.markers}`);
      assert.ok(counts.rows > 5 && counts.rows < 80, `only the rows in view, found ${counts.rows}`);
      // Every place and each of the five layer headings is a row of the list.
      assert.equal(counts.setsize, PLACES + 5);
      assert.ok(counts.elements < 3_000, `DOM elements: ${counts.elements}`);
      assert.match(await page.locator('.pm-vlist-count').textContent(), new RegExp(`^${PLACES} places`));
    });
  });

  test('reading the places shows a progress bar, and the page keeps painting', async () => {
    // Every animation frame while loading: what the progress bar says.
    const watch = (page) => page.addInitScript(() => {
      window.__pmProgress = [];
      let last = performance.now();
      window.__pmLongestFrame = 0;
      const look = () => {
        const now = performance.now();
        window.__pmLongestFrame = Math.max(window.__pmLongestFrame, now - last);
        last = now;
        const p = window.__pmTest?.one('progress');
        if (p) window.__pmProgress.push({ role: p.getAttribute('role') ?? p.computedRole ?? 'progressbar', value: Number(p.value), max: Number(p.max), label: p.getAttribute('aria-label') });
        if (!window.__pmTest?.one('canvas.pm-canvas')) requestAnimationFrame(look);
      };
      requestAnimationFrame(look);
    });
    await withBig('', server, { beforeGoto: watch }, async ({ page }) => {
      const seen = await page.evaluate(() => window.__pmProgress);
      assert.ok(seen.length >= 1, 'a progress bar was painted while the places were read');
      for (const p of seen) {
        assert.equal(p.max, 100);
        assert.ok(p.value >= 0 && p.value <= 100);
        assert.match(p.label, /^Loading (about [\d,]+ places|the places)… \d+%$/);
      }
      const values = seen.map((p) => p.value);
      assert.deepEqual(values, [...values].sort((a, b) => a - b), 'it only grows');
      assert.equal(await page.getByRole('progressbar').count(), 0, 'gone once the map is drawn');
    });
  });

  test('a click on the canvas selects the place under the pointer', async () => {
    await withBig('&place=p-00000', async ({ page }) => {
      // Deep-linked, the place is selected and drawn as an SVG marker: note where.
      await page.locator('section.pm-card[data-place="p-00000"]').waitFor();
      const symbolAt = (id) => page.evaluate((id) => {
        const r = window.__pmTest.one(`g.pm-place[data-place="${id}"] .pm-symbol`)?.getBoundingClientRect();
        return r ? { x: r.left + r.width / 2, y: r.top + r.height / 2 } : null;
      }, id);
      const at = await until(async () => {
        const a = await symbolAt('p-00000');
        await page.evaluate(() => window.__pmTest.frame());
        const b = await symbolAt('p-00000');
        return a && b && a.x === b.x && a.y === b.y ? a : null;
      }, { what: 'the selected marker at rest' });
      // Closed, it goes back to the canvas (once the keyboard cursor is on another place).
      await page.locator('section.pm-card .pm-close').click();
      await until(async () => (await page.locator('section.pm-card').count()) === 0, { what: 'the card closed' });
      await page.locator('.pm-cursor').focus();
      if ((await page.locator('.pm-cursor').getAttribute('data-place')) === 'p-00000') {
        await page.keyboard.press('ArrowDown');
        await until(async () => (await page.locator('.pm-cursor').getAttribute('data-place')) !== 'p-00000', { what: 'the cursor on another place' });
      }
      assert.equal(await page.locator('g.pm-place[data-place="p-00000"]').count(), 0, 'drawn on the canvas only');
      assert.equal(await page.evaluate(({ x, y }) => window.__pmTest.roots()[1].elementFromPoint(x, y)?.localName, at), 'canvas');
      await page.mouse.click(at.x, at.y);
      await page.locator('section.pm-card[data-place="p-00000"]').waitFor();
      assert.equal(await cardTitle(page), nameOf('p-00000'));
      // A click on empty canvas selects nothing.
      await page.locator('section.pm-card .pm-close').click();
      await until(async () => (await page.locator('section.pm-card').count()) === 0, { what: 'the card closed' });
      const empty = await page.evaluate(() => {
        const svg = window.__pmTest.one('svg.pm-svg').getBoundingClientRect();
        return { x: svg.left + 60, y: svg.bottom - 60 };
      });
      await page.mouse.click(empty.x, empty.y);
      await page.evaluate(() => window.__pmTest.frame());
      assert.equal(await page.locator('section.pm-card').count(), 0, 'no place under an empty spot');
    });
  });

  test('by keyboard on the map: a roving marker over the places in view, nearest the centre first', async () => {
    await withBig(async ({ page }) => {
      await page.locator('svg.pm-svg').focus();
      await page.keyboard.press('Tab');
      let f = await focused(page);
      assert.match(f.cls, /pm-cursor/, 'Tab from the map reaches the cursor marker');
      const label1 = await page.evaluate(() => window.__pmTest.active().getAttribute('aria-label'));
      assert.match(label1, /^Site \d{5}\. Place 1 of \d+ in view/);
      const first = f.place;
      await page.keyboard.press('ArrowDown');
      await until(async () => (await focused(page))?.place !== first, { what: 'focus on the next place' });
      f = await focused(page);
      assert.match(f.cls, /pm-cursor/);
      const label2 = await page.evaluate(() => window.__pmTest.active().getAttribute('aria-label'));
      assert.match(label2, /Place 2 of \d+ in view/);
      await page.keyboard.press('ArrowUp');
      await until(async () => (await focused(page))?.place === first, { what: 'focus back on the first place' });
      await page.keyboard.press('Enter');
      await page.locator(`section.pm-card[data-place="${first}"]`).waitFor();
      assert.equal(await cardTitle(page), nameOf(first));
    });
  });

  test('by keyboard in the list: arrow keys and End reach the last place', async () => {
    await withBig(async ({ page }) => {
      const firstRow = page.locator('.pm-vlist button.pm-list-place').first();
      await firstRow.focus();
      await page.keyboard.press('ArrowDown');
      await until(async () => (await focused(page))?.place !== (await firstRow.getAttribute('data-place')), { what: 'the next row' });
      await page.keyboard.press('End');
      const last = await until(async () => {
        const f = await focused(page);
        return f?.place && f.place !== null && (await page.evaluate(() => window.__pmTest.active().closest('li').getAttribute('aria-posinset'))) === String(PLACES + 5) ? f : null;
      }, { what: 'focus on the last row' });
      const rows = await page.evaluate(() => window.__pmTest.all('.pm-vlist li').length);
      assert.ok(rows < 80, `still only the rows in view: ${rows}`);
      await page.keyboard.press('Enter');
      await page.locator(`section.pm-card[data-place="${last.place}"]`).waitFor();
    });
  });

  test('by search: typing a name lists it and Enter selects it', async () => {
    await withBig(async ({ page }) => {
      const box = page.getByRole('searchbox', { name: 'Search places' });
      await box.fill('Site 12345');
      await until(() => page.evaluate(() => window.__pmTest.all('.pm-vlist button.pm-list-place').map((b) => b.dataset.place).join() === 'p-12345'), { what: 'the list showing the one match' });
      await box.press('Enter');
      await page.locator('section.pm-card[data-place="p-12345"]').waitFor();
      assert.equal(await cardTitle(page), 'Site 12345');
    });
  });

  test('axe-core finds nothing, with and without a selected place', async () => {
    await withBig('', plain, async ({ page }) => {
      await assertAxeClean(page, 'the big story');
      await page.locator('.pm-vlist button.pm-list-place').nth(2).click();
      await page.locator('section.pm-card').waitFor();
      await assertAxeClean(page, 'the big story with a card');
    });
  });
});
