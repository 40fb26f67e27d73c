// The demo page (index.html) in headless Chromium: places, cards and passages against
// the story files, keyboard, mouse, deep links, layers, zoom, the lazy city basemap,
// the phone layout, axe-core and reduced motion. Every page load must stay on its own
// origin with no console error or warning, no failed request and no CSP violation.

import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startServer,
  launch,
  withCleanPage,
  waitForPlaces,
  waitForMapStill,
  viewSignature,
  scaleBar,
  focused,
  until,
  assertAxeClean,
  readDistJson,
} from './harness.mjs';

const story = readDistJson('story/story.json');
const places = readDistJson('story/places.geojson').features.map((f) => ({
  ...f.properties,
  id: f.properties?.id ?? f.id,
  geometryType: f.geometry?.type,
}));
const passages = readDistJson('story/passages.json').passages;
const articles = new Map(story.articles.map((a) => [a.id, a]));
const placeById = new Map(places.map((p) => [p.id, p]));
const nameOf = (id) => placeById.get(id).name.en;
const passagesOf = (id) => passages.filter((p) => p.places.some((m) => m.id === id));
const isApproximate = (p) => p.placeholder === true || p.accuracy_m > 500;
const OFF_MAP = ' (outside this view)';

/** The mentions a quote shows marked: leftmost match first, longest where several start together. */
function expectedMarks(quote, mentions) {
  const out = [];
  const ms = mentions.filter((m) => m);
  for (let i = 0; i < quote.length; ) {
    const len = Math.max(0, ...ms.filter((m) => quote.startsWith(m, i)).map((m) => m.length));
    if (len) {
      out.push(quote.slice(i, i + len));
      i += len;
    } else {
      i += 1;
    }
  }
  return out;
}

let server;
let browser;

before(async () => {
  server = await startServer();
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/**
 * A page of the site through the harness's `withCleanPage`: waits for every place
 * (`markers: n` for n, `markers: null` for at least one: far from the start view, a deep
 * link draws only the markers near the view) and for the map to rest, runs `fn`, then
 * fails on any problem the page recorded.
 */
const withPage = (pathAndQuery, options, fn) =>
  typeof options === 'function'
    ? withPage(pathAndQuery, {}, options)
    : withCleanPage(browser, server.url + pathAndQuery, { markers: places.length, what: pathAndQuery, ...options }, fn);

const css = (s) => JSON.stringify(s); // attribute values in selectors

/** Clicks a place's entry in the list and waits for its card. */
async function selectFromList(page, id) {
  await page.locator(`button.pm-list-place[data-place=${css(id)}]`).click();
  await page.locator(`section.pm-card[data-place=${css(id)}]`).waitFor();
}

/** A point of the map with nothing clickable under it (no marker, shape or control), nearest the centre. */
async function emptyMapPoint(page) {
  const p = await page.evaluate(() => {
    const svg = window.__pmTest.one('svg.pm-svg');
    const root = svg.getRootNode();
    const r = svg.getBoundingClientRect();
    const pts = [];
    for (let y = r.top + 80; y < r.bottom - 80; y += 20) {
      for (let x = r.left + 80; x < r.right - 80; x += 20) pts.push({ x, y });
    }
    const cx = r.left + r.width / 2;
    const cy = r.top + r.height / 2;
    pts.sort((a, b) => Math.hypot(a.x - cx, a.y - cy) - Math.hypot(b.x - cx, b.y - cy));
    const clear = (x, y) => {
      const el = root.elementFromPoint(x, y);
      return el && svg.contains(el) && !el.closest('g.pm-place, .pm-shape, .pm-ring');
    };
    return pts.find(({ x, y }) => [[0, 0], [-12, -12], [12, 12], [-12, 12], [12, -12]].every(([dx, dy]) => clear(x + dx, y + dy)));
  });
  assert.ok(p, 'found no empty point on the map');
  return p;
}

/**
 * The place control (a marker, or a group of places that would overlap) drawn nearest the
 * map's centre: its `data-opener` (a control keeps it, and its element, while the camera
 * moves: a group is keyed by its first place) and its position in map pixels.
 */
async function centralControl(page) {
  return page.evaluate(() => {
    const svg = window.__pmTest.one('svg.pm-svg');
    const { width, height } = svg.getBoundingClientRect();
    const ms = window.__pmTest.all('g.pm-place:not(.pm-offscreen)').map((g) => ({ opener: g.dataset.opener, ...window.__pmTest.pos(g) }));
    ms.sort((a, b) => Math.hypot(a.x - width / 2, a.y - height / 2) - Math.hypot(b.x - width / 2, b.y - height / 2));
    return ms[0];
  });
}

/** Where the control with this `data-opener` is drawn (map pixels), or null. */
async function controlPosition(page, opener) {
  return page.evaluate((opener) => {
    const g = window.__pmTest.one(`g.pm-place[data-opener="${CSS.escape(opener)}"]`);
    return g ? window.__pmTest.pos(g) : null;
  }, opener);
}

/**
 * The place controls drawn: single markers (`place`) and groups (`group`: how many places),
 * with their accessible name and state, and whether the centre of their hit circle lies
 * in the map's box (what the reader can see).
 */
async function drawnControls(page) {
  return page.evaluate(() => {
    const r = window.__pmTest.one('svg.pm-svg').getBoundingClientRect();
    return window.__pmTest.all('g.pm-place').map((g) => {
      const h = g.querySelector(':scope > .pm-hit').getBoundingClientRect();
      const [x, y] = [h.left + h.width / 2, h.top + h.height / 2];
      return {
        place: g.dataset.place ?? null,
        group: g.dataset.group ? Number(g.dataset.group) : null,
        opener: g.dataset.opener,
        label: g.getAttribute('aria-label'),
        role: g.getAttribute('role'),
        tabindex: g.getAttribute('tabindex'),
        pressed: g.getAttribute('aria-pressed'),
        offscreen: g.classList.contains('pm-offscreen'),
        inView: x >= r.left && x <= r.right && y >= r.top && y <= r.bottom,
      };
    });
  });
}

describe('passage-map demo page (index.html)', () => {
  test('the story files have what these tests need', () => {
    assert.ok(places.length >= 5, 'places.geojson has places');
    assert.ok(passages.length > 0, 'passages.json has passages');
    for (const layer of ['el-chorrillo', 'canal-zone', 'catem', 'darien', 'cecot']) {
      assert.ok(places.some((p) => p.layer === layer), `a place of layer ${layer}`);
    }
    assert.ok(placeById.has('el-chorrillo') && placeById.has('cecot'));
  });

  test('every place is on the map at the home view, as its own marker or in a group, and has a list entry; each place’s own marker is a button named by its English name', async () => {
    // Reduced motion: each zoom below is a jump, not a flight (the flights are groups.test.mjs's).
    await withPage('index.html', { reducedMotion: 'reduce' }, async ({ page }) => {
      const listed = await page.evaluate(() =>
        window.__pmTest.all('button.pm-list-place').map((b) => ({ id: b.dataset.place, text: b.textContent })),
      );
      for (const place of places) {
        const ls = listed.filter((b) => b.id === place.id);
        assert.equal(ls.length, 1, `one list button for ${place.id}`);
        assert.ok(ls[0].text.startsWith(place.name.en), `list button ${place.id} reads "${ls[0].text}"`);
      }
      assert.equal(listed.length, places.length, 'no list entry for an unknown place');

      // The home view: every place once, as its own marker or counted in a group.
      const home = await drawnControls(page);
      for (const c of home) {
        assert.equal(c.role, 'button', `role of ${c.opener}`);
        assert.equal(c.tabindex, '0', `tabindex of ${c.opener}`);
      }
      const own = home.filter((c) => c.place !== null).map((c) => c.place);
      const groups = home.filter((c) => c.group !== null);
      assert.deepEqual(own.filter((id, i) => own.indexOf(id) !== i), [], 'no place has two markers');
      for (const id of own) assert.ok(placeById.has(id), `marker of an unknown place ${id}`);
      for (const g of groups) {
        assert.ok(g.group >= 2, `a group holds at least two places (${g.label})`);
        const lead = g.opener.replace(/^marker:/, '');
        assert.ok(placeById.has(lead) && !own.includes(lead), `group ${g.label} is keyed by a place that is not drawn on its own (${g.opener})`);
      }
      assert.equal(own.length + groups.reduce((n, g) => n + g.group, 0), places.length, `markers (${own.length}) and the places in groups (${groups.map((g) => g.group)}) add up to every place`);

      // Each place's own marker, reached by expanding the groups that hold it (a group
      // keyed by its first place: expanding it again from home follows the same path).
      const seen = new Map();
      const record = async () => {
        for (const c of await drawnControls(page)) {
          if (c.place === null || !c.inView || seen.has(c.place)) continue;
          c.byRole = await page.getByRole('button', { name: c.label, exact: true }).count();
          seen.set(c.place, c);
        }
      };
      const homeSig = await viewSignature(page);
      const goHome = async () => {
        if ((await viewSignature(page)) === homeSig) return;
        await page.locator('button.pm-reset').click();
        await until(async () => (await viewSignature(page)) === homeSig, { what: 'Reset to bring back the home view' });
      };
      const expand = async (opener) => {
        const before = await viewSignature(page);
        await page.locator(`g.pm-place[data-opener=${css(opener)}]`).focus();
        await page.keyboard.press('Enter');
        await waitForMapStill(page, { from: before });
      };
      await record();
      const expanded = new Set();
      const paths = [[]];
      while (paths.length && seen.size < places.length) {
        const path = paths.shift();
        await goHome();
        for (const opener of path) await expand(opener);
        await record();
        for (const g of (await drawnControls(page)).filter((c) => c.group !== null && c.inView)) {
          const key = `${g.opener}/${g.group}`;
          if (expanded.has(key) || path.length >= 6) continue;
          expanded.add(key);
          paths.push([...path, g.opener]);
        }
      }
      for (const place of places) {
        const m = seen.get(place.id);
        assert.ok(m, `place ${place.id} is drawn as its own marker at the home view or once its group is expanded (groups expanded: ${[...expanded].join(', ')})`);
        const want = m.offscreen ? place.name.en + OFF_MAP : place.name.en;
        assert.equal(m.label, want, `aria-label of marker ${place.id}`);
        assert.equal(m.role, 'button', `role of marker ${place.id}`);
        assert.equal(m.tabindex, '0', `tabindex of marker ${place.id}`);
        assert.equal(m.pressed, 'false', `aria-pressed of marker ${place.id}`);
        assert.ok(m.byRole >= 1, `a button named exactly "${want}" in the accessibility tree`);
      }
    });
  });

  test('each place’s card shows its name, accuracy and every passage that names it, verbatim and cited', async () => {
    await withPage('index.html', async ({ page }) => {
      for (const place of places) {
        await selectFromList(page, place.id);
        const card = await page.evaluate((id) => {
          const c = window.__pmTest.one(`section.pm-card[data-place="${CSS.escape(id)}"]`);
          return {
            cards: window.__pmTest.all('section.pm-card').length,
            title: c.querySelector('.pm-card-title')?.textContent,
            accuracy: c.querySelector('.pm-accuracy')?.textContent ?? '',
            passages: [...c.querySelectorAll('.pm-passage')].map((f) => ({
              quote: f.querySelector('blockquote')?.textContent,
              marks: [...f.querySelectorAll('blockquote mark')].map((m) => m.textContent),
              cite: f.querySelector('.pm-cite')?.textContent ?? '',
              links: [...f.querySelectorAll('.pm-cite a')].map((a) => ({ href: a.getAttribute('href'), rel: a.getAttribute('rel') ?? '' })),
              shows: [...f.querySelectorAll('button.pm-show')].map((b) => b.dataset.place),
            })),
          };
        }, place.id);
        const where = `card of ${place.id}`;
        assert.equal(card.cards, 1, `${where}: exactly one card`);
        assert.equal(card.title, place.name.en, `${where}: title`);
        if (isApproximate(place)) assert.match(card.accuracy, /Approximate location/, `${where}: approximate (accuracy_m ${place.accuracy_m}, placeholder ${place.placeholder})`);
        else assert.doesNotMatch(card.accuracy, /Approximate location/, `${where}: not approximate (accuracy_m ${place.accuracy_m})`);

        const expected = passagesOf(place.id);
        assert.equal(card.passages.length, expected.length, `${where}: number of passages`);
        expected.forEach((want, i) => {
          const got = card.passages[i];
          const at = `${where}, passage ${want.id}`;
          assert.equal(got.quote, want.quote, `${at}: quote verbatim`);
          const mentions = want.places.map((m) => m.mention);
          assert.deepEqual(got.marks, expectedMarks(want.quote, mentions), `${at}: marked mentions`);
          for (const m of mentions) assert.ok(got.marks.some((k) => k.includes(m)), `${at}: mention "${m}" is marked`);
          const article = articles.get(want.article);
          assert.ok(article, `${at}: article ${want.article} in story.json`);
          assert.ok(got.cite.includes(article.author), `${at}: citation names the author "${article.author}" (${got.cite})`);
          assert.ok(got.cite.includes(article.title), `${at}: citation names the title "${article.title}" (${got.cite})`);
          if (article.url) {
            assert.ok(got.links.some((a) => a.href === article.url), `${at}: citation links ${article.url} (${JSON.stringify(got.links)})`);
            for (const a of got.links) assert.ok(a.rel.split(/\s+/).includes('noopener'), `${at}: link rel "${a.rel}" has noopener`);
          } else {
            assert.deepEqual(got.links, [], `${at}: no link when the article has no url`);
          }
          const named = [...new Set(want.places.map((m) => m.id))];
          assert.deepEqual([...got.shows].sort(), [...named].sort(), `${at}: a "show on map" button per place named`);
        });
      }
    });
  });

  test('“show on map” in a passage selects that place', async () => {
    const passage = passages.find((p) => new Set(p.places.map((m) => m.id)).size >= 2);
    assert.ok(passage, 'a passage naming two places');
    const [a, b] = [...new Set(passage.places.map((m) => m.id))];
    await withPage('index.html', async ({ page }) => {
      await selectFromList(page, a);
      const before = await viewSignature(page);
      await page.locator(`section.pm-card[data-place=${css(a)}] button.pm-show[data-place=${css(b)}]`).first().click();
      await page.locator(`section.pm-card[data-place=${css(b)}]`).waitFor();
      assert.equal(await page.locator('section.pm-card').count(), 1);
      assert.equal(await page.locator(`section.pm-card .pm-card-title`).textContent(), nameOf(b));
      assert.equal(await page.locator(`button.pm-list-place[data-place=${css(b)}]`).getAttribute('aria-current'), 'true');
      await waitForMapStill(page, { from: before });
      // Where the flight ends, the place is drawn as its own marker, pressed (not inside a group).
      const drawn = await drawnControls(page);
      const own = drawn.find((c) => c.place === b);
      assert.ok(own && own.inView, `${b} has its own marker in view once the map rests (controls in view: ${JSON.stringify(drawn.filter((c) => c.inView).map((c) => c.label))})`);
      assert.equal(own.pressed, 'true', `aria-pressed of marker ${b}`);
      assert.equal(drawn.filter((c) => c.pressed === 'true').length, 1, 'one marker pressed');
    });
  });

  test('keyboard only: Tab to CECOT in the list and Enter opens its card, with a visible focus', async () => {
    await withPage('index.html', async ({ page }) => {
      let f = null;
      let presses = 0;
      for (; presses < 200; presses++) {
        await page.keyboard.press('Tab');
        f = await focused(page);
        if (f?.tag === 'button' && f.cls.split(' ').includes('pm-list-place') && f.place === 'cecot') break;
      }
      assert.ok(f?.place === 'cecot', `reached the CECOT list button with Tab (stopped after ${presses} presses on ${JSON.stringify(f)})`);
      assert.notEqual(f.outline, 'none', 'the focused list button shows an outline');
      await page.keyboard.press('Enter');
      await page.locator('section.pm-card[data-place="cecot"]').waitFor();
      assert.equal(await page.locator('section.pm-card .pm-card-title').textContent(), nameOf('cecot'));
      await waitForMapStill(page);
    });
  });

  test('keyboard only: on the map, Tab reaches a place control, Enter opens a group until a marker, Enter selects it; + zooms, arrows pan', async () => {
    await withPage('index.html', async ({ page }) => {
      // From the page's start, Tab until the map has focus, then once more: a place
      // control (a marker, or a group of places that would overlap).
      let f = null;
      for (let i = 0; i < 20 && !(f?.tag === 'svg'); i++) {
        await page.keyboard.press('Tab');
        f = await focused(page);
      }
      assert.equal(f?.tag, 'svg', 'the map (svg.pm-svg) is in the tab order');
      assert.notEqual(f.outline, 'none', 'the focused map shows an outline');
      await page.keyboard.press('Tab');
      f = await focused(page);
      assert.equal(f?.tag, 'g', `Tab from the map goes to a place control (got ${JSON.stringify(f)})`);
      assert.ok(f.cls.split(' ').includes('pm-place'), `a g.pm-place (got class "${f.cls}")`);
      assert.ok(f.hitStroke && f.hitStroke !== 'none' && f.hitStrokeWidth !== '0px', `the focused control's .pm-hit has a stroke (${f.hitStroke}, ${f.hitStrokeWidth})`);
      const sigBefore = await page.evaluate(() => window.scrollY + ',' + window.__pmTest.one('.pm-map').scrollTop + ',' + window.__pmTest.one('.pm-map').scrollLeft);
      assert.equal(sigBefore, '0,0,0', 'focusing a marker scrolls neither the page nor the map box');
      // A group: Enter zooms in until its places separate, and focus stays on the control,
      // which becomes its first place's marker (or a smaller group).
      const groupOf = () => page.evaluate(() => {
        const a = window.__pmTest.active();
        return { opener: a?.dataset.opener ?? null, group: a?.dataset.group ? Number(a.dataset.group) : null };
      });
      let g = await groupOf();
      const opener = g.opener;
      for (let step = 0; g.group !== null; step++) {
        assert.ok(step < 6, `a group control becomes a marker after a few Enter presses (still ${JSON.stringify(g)})`);
        const before = await viewSignature(page);
        await page.keyboard.press('Enter');
        await waitForMapStill(page, { from: before });
        const next = await groupOf();
        assert.equal(next.opener, opener, 'focus stays on the same place control');
        assert.ok(next.group === null || next.group < g.group, `the group splits (${g.group} → ${next.group})`);
        g = next;
      }
      f = await focused(page);
      assert.ok(f?.tag === 'g' && f.place && `marker:${f.place}` === opener, `focus on the marker of ${opener} (got ${JSON.stringify(f)})`);
      assert.notEqual(f.hitStroke, 'none', 'the focused marker shows its focus ring');
      const viewBefore = await viewSignature(page);
      await page.keyboard.press('Enter');
      await page.locator(`section.pm-card[data-place=${css(f.place)}]`).waitFor();
      assert.equal(await page.locator('section.pm-card .pm-card-title').textContent(), nameOf(f.place));
      await waitForMapStill(page, { from: viewBefore });

      // Back on the map: + zooms in, ArrowLeft pans (the content moves right).
      await page.locator('svg.pm-svg').focus();
      const s0 = await scaleBar(page);
      await page.keyboard.press('+');
      await until(async () => (await scaleBar(page)).key !== s0.key, { what: 'the scale bar to change after +' });
      const s1 = await scaleBar(page);
      assert.ok(Math.abs(s1.metresPerPixel / s0.metresPerPixel - 0.5) < 0.05, `+ zooms in ×2 (${s0.key} → ${s1.key})`);
      const m = await centralControl(page);
      await page.keyboard.press('ArrowLeft');
      const moved = await until(async () => {
        const p = await controlPosition(page, m.opener);
        return p && (p.x !== m.x || p.y !== m.y) ? p : null;
      }, { what: `control ${m.opener} to move after ArrowLeft` });
      assert.ok(moved.x > m.x + 50, `ArrowLeft moves the content right (${m.x} → ${moved.x})`);
      assert.ok(Math.abs(moved.y - m.y) < 1, 'ArrowLeft does not move it vertically');
    });
  });

  test('deep link ?place=cecot opens its card; choosing another place replaces the query', async () => {
    await withPage('index.html?place=cecot', { markers: null }, async ({ page }) => {
      await page.locator('section.pm-card[data-place="cecot"]').waitFor();
      assert.equal(await page.locator('section.pm-card .pm-card-title').textContent(), nameOf('cecot'));
      assert.equal(await page.locator('button.pm-list-place[data-place="cecot"]').getAttribute('aria-current'), 'true');
      const lengthBefore = await page.evaluate(() => history.length);
      await selectFromList(page, 'el-chorrillo');
      await page.waitForFunction(() => location.search === '?place=el-chorrillo');
      assert.equal(await page.evaluate(() => history.length), lengthBefore, 'replaceState, not pushState');
      await waitForMapStill(page);
    });
  });

  test('layer toggles hide and show a layer’s places on the map (markers and places in groups) and list entries', async () => {
    await withPage('index.html', async ({ page }) => {
      // CECOT's layer is drawn as its own markers at the home view; the Canal Zone's places
      // are all inside groups there.
      for (const layer of ['cecot', 'canal-zone']) {
        const ids = places.filter((p) => p.layer === layer).map((p) => p.id);
        assert.ok(ids.length > 0, `places of layer ${layer}`);
        const ownBefore = (await drawnControls(page)).filter((c) => ids.includes(c.place)).map((c) => c.place);
        const box = page.locator(`input[type=checkbox][data-layer=${css(layer)}]`);
        assert.equal(await box.isChecked(), true);
        await box.uncheck();
        await waitForPlaces(page, places.length - ids.length).catch((e) => {
          throw new Error(`unchecking ${layer} hides its ${ids.length} places and keeps the others: ${e.message}`);
        });
        for (const id of ids) {
          assert.equal(await page.locator(`g.pm-place[data-place=${css(id)}]`).count(), 0, `no marker for ${id}`);
          assert.equal(await page.locator(`button.pm-list-place[data-place=${css(id)}]`).count(), 0, `no list entry for ${id}`);
        }
        await box.check();
        await waitForPlaces(page, places.length);
        for (const id of ids) assert.equal(await page.locator(`button.pm-list-place[data-place=${css(id)}]`).count(), 1, `list entry for ${id} back`);
        const ownAfter = (await drawnControls(page)).filter((c) => ids.includes(c.place)).map((c) => c.place);
        assert.deepEqual(ownAfter.sort(), ownBefore.sort(), `the markers of ${layer} are drawn again as before`);
      }
    });
  });

  test('zoom buttons zoom in and out; reset flies back to the start view', async () => {
    await withPage('index.html', async ({ page }) => {
      const s0 = await scaleBar(page);
      assert.ok(s0.text && Number.isFinite(s0.metresPerPixel), `a scale bar (${JSON.stringify(s0)})`);
      await page.locator('button.pm-zoom-in').click();
      await until(async () => (await scaleBar(page)).key !== s0.key, { what: 'zoom in' });
      const s1 = await scaleBar(page);
      assert.ok(s1.metresPerPixel < s0.metresPerPixel * 0.6, `zoom in (${s0.key} → ${s1.key})`);
      await page.locator('button.pm-zoom-out').click();
      await until(async () => (await scaleBar(page)).key === s0.key, { what: `zoom out back to ${s0.key}` });
      await page.locator('button.pm-zoom-in').click();
      await page.locator('button.pm-zoom-in').click();
      await until(async () => (await scaleBar(page)).metresPerPixel < s0.metresPerPixel / 3, { what: 'zoom in twice' });
      const s2 = await scaleBar(page);
      assert.notEqual(s2.text, s0.text, 'the scale bar text changed');
      const zoomed = await viewSignature(page);
      await page.locator('button.pm-reset').click();
      await waitForMapStill(page, { from: zoomed });
      const s3 = await scaleBar(page);
      assert.equal(s3.key, s0.key, 'reset brings back the start scale');
      assert.equal(s3.text, s0.text);
    });
  });

  test('mouse: a drag pans the map by the distance dragged', async () => {
    await withPage('index.html', async ({ page }) => {
      const m = await centralControl(page);
      const p = await emptyMapPoint(page);
      const [dx, dy] = [120, 70];
      await page.mouse.move(p.x, p.y);
      await page.mouse.down();
      await page.mouse.move(p.x + dx, p.y + dy, { steps: 8 });
      await page.mouse.up();
      await until(async () => {
        const q = await controlPosition(page, m.opener);
        return q && Math.hypot(q.x - m.x - dx, q.y - m.y - dy) < 6;
      }, { timeout: 3000, what: `control ${m.opener} to move by (${dx}, ${dy}) from (${m.x}, ${m.y}) after the drag` }).catch(async (e) => {
        throw new Error(`${e.message}; it is at ${JSON.stringify(await controlPosition(page, m.opener))}`);
      });
      assert.equal(await page.locator('section.pm-card').count(), 0, 'a drag is not a click on what is under it');
    });
  });

  test('mouse: a double-click zooms in ×2 around the pointer', async () => {
    await withPage('index.html', async ({ page }) => {
      const s0 = await scaleBar(page);
      const m = await centralControl(page);
      const q = await emptyMapPoint(page);
      const svg = await page.locator('svg.pm-svg').boundingBox();
      await page.mouse.dblclick(q.x, q.y);
      await until(async () => (await scaleBar(page)).key !== s0.key, { what: 'zoom after double-click' });
      const s1 = await scaleBar(page);
      assert.ok(Math.abs(s1.metresPerPixel / s0.metresPerPixel - 0.5) < 0.05, `double-click zooms in ×2 (${s0.key} → ${s1.key})`);
      // The point under the pointer stays put: a place's offset from it doubles (a group
      // stands at its first place, and keeps its element when it splits).
      const [ax, ay] = [q.x - svg.x, q.y - svg.y];
      const after = await controlPosition(page, m.opener);
      const want = { x: ax + 2 * (m.x - ax), y: ay + 2 * (m.y - ay) };
      assert.ok(after && Math.hypot(after.x - want.x, after.y - want.y) < 3, `control ${m.opener} at ${JSON.stringify(after)}, expected about ${JSON.stringify(want)}`);
    });
  });

  test('mouse: the wheel over the map zooms in (the demo page needs no focus first)', async () => {
    await withPage('index.html', async ({ page }) => {
      const s0 = await scaleBar(page);
      const r = await emptyMapPoint(page);
      await page.mouse.move(r.x, r.y);
      await page.mouse.wheel(0, -300);
      await until(async () => (await scaleBar(page)).key !== s0.key, { what: 'zoom after the wheel' });
      const s1 = await scaleBar(page);
      assert.ok(s1.metresPerPixel < s0.metresPerPixel * 0.9, `wheel zooms in (${s0.key} → ${s1.key})`);
      assert.equal(await page.evaluate(() => window.scrollY), 0, 'the wheel did not scroll the page');
    });
  });

  test('El Chorrillo: zooms to street scale and only then loads the city basemap', async () => {
    await withPage('index.html', async ({ page, requests }) => {
      await until(() => requests.some((u) => u.endsWith('/basemap/region.json')), { what: 'the regional basemap request' });
      await waitForMapStill(page);
      assert.deepEqual(requests.filter((u) => u.includes('basemap/city.json')), [], 'city.json is not requested on first load');
      const before = await viewSignature(page);
      await selectFromList(page, 'el-chorrillo');
      await waitForMapStill(page, { from: before });
      const s = await scaleBar(page);
      assert.match(s.text, / m$/, `street scale after the flight (scale bar "${s.text}")`);
      await until(() => requests.some((u) => u.endsWith('/basemap/city.json')), { what: 'the city basemap request once zoomed in' });
      assert.equal(requests.filter((u) => u.endsWith('/basemap/city.json')).length, 1, 'city.json requested once');
    });
  });

  test('phone (390×844): the map above the panel, both visible', async () => {
    await withPage('index.html', { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true }, async ({ page }) => {
      const map = page.locator('.pm-map');
      const panel = page.locator('aside.pm-panel');
      assert.ok(await map.isVisible(), 'map visible');
      assert.ok(await panel.isVisible(), 'panel visible');
      const a = await map.boundingBox();
      const b = await panel.boundingBox();
      assert.ok(a.height >= 200 && a.width >= 300, `map has room (${JSON.stringify(a)})`);
      assert.ok(b.height > 0 && b.width >= 300, `panel has room (${JSON.stringify(b)})`);
      assert.ok(a.y + a.height <= b.y + 0.5, `map (bottom ${a.y + a.height}) above the panel (top ${b.y})`);
    });
  });

  test('axe-core: the start page', async () => {
    await withPage('index.html', async ({ page }) => {
      await assertAxeClean(page, 'index.html');
    });
  });

  test('axe-core: with the El Chorrillo card open', async () => {
    await withPage('index.html', async ({ page }) => {
      await selectFromList(page, 'el-chorrillo');
      await waitForMapStill(page);
      await assertAxeClean(page, 'index.html with the El Chorrillo card');
    });
  });

  test('axe-core: the phone layout', async () => {
    await withPage('index.html', { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true }, async ({ page }) => {
      await assertAxeClean(page, 'index.html at 390×844');
    });
  });

  test('prefers-reduced-motion: selecting a place jumps instead of flying', async () => {
    const options = { beforeGoto: (page) => page.emulateMedia({ reducedMotion: 'reduce' }) };
    await withPage('index.html', options, async ({ page }) => {
      assert.equal(await page.evaluate(() => matchMedia('(prefers-reduced-motion: reduce)').matches), true);
      // El Chorrillo's control: its marker, or the group it leads (keyed by it: the same element).
      const r = await page.evaluate(async () => {
        const t = window.__pmTest;
        const pos = () => JSON.stringify(t.pos(t.one('g.pm-place[data-opener="marker:el-chorrillo"]'))) + t.one('.pm-scale')?.textContent + t.one('.pm-scale svg')?.getAttribute('width');
        const start = pos();
        t.one('button.pm-list-place[data-place="el-chorrillo"]').click();
        await t.frame();
        await t.frame();
        const two = pos();
        for (let i = 0; i < 10; i++) await t.frame();
        return { start, two, final: pos() };
      });
      assert.notEqual(r.two, r.start, 'the view changed');
      assert.equal(r.two, r.final, 'the final view is reached within two animation frames');
    });
  });

  test('markers pinned to the map’s edge are not covered by the map controls', async () => {
    await withPage('index.html', async ({ page }) => {
      const covered = await page.evaluate(() =>
        window.__pmTest.all('g.pm-place.pm-offscreen').flatMap((g) => {
          const r = g.querySelector('.pm-symbol').getBoundingClientRect();
          const el = g.getRootNode().elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
          return el && g.contains(el) ? [] : [`${g.dataset.place} at (${Math.round(r.left + r.width / 2)}, ${Math.round(r.top + r.height / 2)}) is under ${el?.outerHTML.slice(0, 80)}`];
        }),
      );
      assert.deepEqual(covered, [], 'an edge marker can be seen and clicked');
    });
  });
});
