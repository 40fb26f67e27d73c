// Places that would pile up on the map are drawn as one group control; the locator inset;
// how far a place's fly-to zooms. On the demo page (index.html, 1280×800) in headless
// Chromium: no two place controls overlapping by more than half, at the home view and
// zoomed in; every target at least 24×24 px; the headline places named in visible labels
// in English and Spanish; a group opened by keyboard (focus stays, the live region
// speaks, its places come apart) and by mouse; a selected place drawn as its own marker;
// the locator inset at street scale and back home; CECOT, CATEM and San Vicente shown
// with their surroundings and uncertainty rings; axe-core with groups and after opening
// one. Every page load must stay on its own origin with no console error or warning, no
// failed request and no CSP violation.

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
  until,
  assertAxeClean,
  readDistJson,
} from './harness.mjs';

const places = readDistJson('story/places.geojson').features.map((f) => ({
  ...f.properties,
  id: f.properties?.id ?? f.id,
  geometry: f.geometry,
}));
const placeById = new Map(places.map((p) => [p.id, p]));
const isApproximate = (p) => p.placeholder === true || p.accuracy_m > 500;
const HEADLINE = ['el-chorrillo', 'howard', 'rodman', 'sherman', 'catem', 'san-vicente', 'cecot'];

/** A control's hit circle is 28 px across: closer centres than its radius overlap by more than half. */
const MIN_CENTRE_PX = 14;
/** WCAG 2.5.8 (target size, minimum). */
const MIN_TARGET_PX = 24;
/** Places closer than this on screen are one group. */
const GROUP_PX = 28;

const WORDS = {
  en: { places: 'places', zoom: 'Zoom in to see them', zoomed: (n) => `Zoomed in on ${n} places` },
  es: { places: 'lugares', zoom: 'Acercar para verlos', zoomed: (n) => `Acercado a ${n} lugares` },
};

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
 * (`markers: n` for n, `markers: null` for at least one) and for the map to rest, runs
 * `fn`, then fails on any problem the page recorded.
 */
const withPage = (pathAndQuery, options, fn) =>
  typeof options === 'function'
    ? withPage(pathAndQuery, {}, options)
    : withCleanPage(browser, server.url + pathAndQuery, { markers: places.length, what: pathAndQuery, ...options }, fn);

const css = (s) => JSON.stringify(s); // attribute values in selectors

/**
 * Every place control drawn (`g.pm-place`: a marker, or a group with `data-group`), with
 * its hit circle's centre and size in the page's pixels, its visible label and whether
 * the hit circle's centre lies in the map's box; and the map's box.
 */
async function controls(page) {
  return page.evaluate(() => {
    const r = window.__pmTest.one('svg.pm-svg').getBoundingClientRect();
    const map = { left: r.left, top: r.top, right: r.right, bottom: r.bottom };
    const list = window.__pmTest.all('g.pm-place').map((g) => {
      const h = g.querySelector(':scope > .pm-hit')?.getBoundingClientRect();
      const x = h ? h.left + h.width / 2 : NaN;
      const y = h ? h.top + h.height / 2 : NaN;
      // What the pointer would hit at the middle of the target, when it is not this control.
      const top = Number.isFinite(x) ? g.getRootNode().elementFromPoint(x, y) : null;
      return {
        opener: g.dataset.opener,
        place: g.dataset.place ?? null,
        group: g.dataset.group ? Number(g.dataset.group) : null,
        label: g.getAttribute('aria-label'),
        role: g.getAttribute('role'),
        tabindex: g.getAttribute('tabindex'),
        pressed: g.getAttribute('aria-pressed'),
        text: g.querySelector(':scope > text.pm-label')?.textContent ?? null,
        offscreen: g.classList.contains('pm-offscreen'),
        x,
        y,
        w: h?.width ?? 0,
        h: h?.height ?? 0,
        inView: x >= map.left && x <= map.right && y >= map.top && y <= map.bottom,
        coveredBy: top && g.contains(top)
          ? null
          : top?.closest('button')
            ? `the button "${top.closest('button').getAttribute('aria-label') ?? top.closest('button').textContent}"`
            : (top?.outerHTML.slice(0, 90) ?? 'nothing'),
      };
    });
    return { map, list };
  });
}

const shown = (cs) => cs.reduce((n, c) => n + (c.group ?? 1), 0);
const describeControl = (c) => `${c.place ?? `group ${c.opener} of ${c.group}`} at (${Math.round(c.x)}, ${Math.round(c.y)})`;

/**
 * No two place controls the reader can see (not edge-pinned) overlap by more than half,
 * and every control's hit target is at least 24×24 px. Returns the controls.
 */
async function assertControlsApart(page, what) {
  const { list } = await controls(page);
  const small = list.filter((c) => c.w < MIN_TARGET_PX || c.h < MIN_TARGET_PX).map((c) => `${describeControl(c)}: ${c.w}×${c.h}`);
  assert.deepEqual(small, [], `${what}: hit targets under ${MIN_TARGET_PX}×${MIN_TARGET_PX} px`);
  const seen = list.filter((c) => c.inView && !c.offscreen);
  const close = [];
  for (let i = 0; i < seen.length; i++) {
    for (let j = i + 1; j < seen.length; j++) {
      const d = Math.hypot(seen[i].x - seen[j].x, seen[i].y - seen[j].y);
      if (d < MIN_CENTRE_PX) close.push(`${describeControl(seen[i])} and ${describeControl(seen[j])}: ${d.toFixed(1)} px apart`);
    }
  }
  assert.deepEqual(close, [], `${what}: place controls overlapping by more than half`);
  return list;
}

/**
 * A group control's visible label and accessible name: "<names> +k" (its headline or
 * selected places, then how many more: k ≥ 1, names + k = its count), and the name
 * starting with that label ("<label>: n places. Zoom in to see them").
 */
function assertGroupWords(c, lang) {
  const at = `group ${c.opener} (${c.group} places)`;
  assert.ok(c.text, `${at} has a visible label`);
  const m = /^(.+) \+(\d+)$/.exec(c.text);
  assert.ok(m, `${at}: label "${c.text}" reads "<names> +<more>"`);
  const named = m[1].split(', ');
  const more = Number(m[2]);
  assert.ok(more >= 1, `${at}: label "${c.text}" counts at least one more place (not "+0")`);
  assert.equal(named.length + more, c.group, `${at}: label "${c.text}" names ${named.length} and counts ${more} more`);
  for (const name of named) assert.ok(places.some((p) => p.name[lang] === name), `${at}: "${name}" is a place's ${lang} name`);
  const w = WORDS[lang];
  assert.equal(c.label, `${c.text}: ${c.group} ${w.places}. ${w.zoom}`, `${at}: accessible name`);
  assert.equal(c.role, 'button', `${at}: role`);
  assert.equal(c.tabindex, '0', `${at}: tabindex`);
}

/**
 * Where each place name of a visible `text.pm-label` is drawn: for a marker its label, for
 * a group each name its label lists. `inMap`: the name's whole extent (start of its first
 * character to end of its last) lies inside the map's box, and the label is rendered.
 */
async function namesOnMap(page) {
  return page.evaluate(() => {
    const r = window.__pmTest.one('svg.pm-svg').getBoundingClientRect();
    return window.__pmTest.all('g.pm-place > text.pm-label').flatMap((t) => {
      const g = t.parentElement;
      const text = t.textContent;
      const rendered = t.checkVisibility({ opacityProperty: true, visibilityProperty: true }) && t.getBBox().width > 0;
      const box = t.getBoundingClientRect();
      const ctm = t.getScreenCTM();
      const names = g.dataset.group ? text.replace(/ \+\d+$/, '').split(', ') : [text];
      let from = 0;
      return names.map((name) => {
        const i = text.indexOf(name, from);
        from = i + name.length;
        const a = new DOMPoint(t.getStartPositionOfChar(i).x, t.getStartPositionOfChar(i).y).matrixTransform(ctm);
        const b = new DOMPoint(t.getEndPositionOfChar(i + name.length - 1).x, t.getEndPositionOfChar(i + name.length - 1).y).matrixTransform(ctm);
        const inMap = rendered && Math.min(a.x, b.x) >= r.left && Math.max(a.x, b.x) <= r.right + 0.5 && box.top >= r.top && box.bottom <= r.bottom;
        return { name, label: text, opener: g.dataset.opener, group: !!g.dataset.group, from: Math.round(Math.min(a.x, b.x)), to: Math.round(Math.max(a.x, b.x)), inMap };
      });
    });
  });
}

// Spherical Web Mercator, as the widget projects (metres, y north).
const mercator = ([lon, lat]) => [(6378137 * lon * Math.PI) / 180, 6378137 * Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360))];

/**
 * The map's current projection in the page's pixels, fitted to the controls that stand
 * where a point place is (its marker, or a group it leads) and checked against all of
 * them; null with fewer than two such controls in view.
 */
function fitProjection(list) {
  const pts = list
    .filter((c) => c.inView && !c.offscreen)
    .map((c) => ({ c, p: placeById.get(c.opener.replace(/^marker:/, '')) }))
    .filter(({ p }) => p?.geometry?.type === 'Point')
    .map(({ c, p }) => ({ id: p.id, x: c.x, y: c.y, m: mercator(p.geometry.coordinates) }));
  let best = null;
  for (let i = 0; i < pts.length; i++) {
    for (let j = i + 1; j < pts.length; j++) {
      const d = Math.hypot(pts[i].x - pts[j].x, pts[i].y - pts[j].y);
      if (!best || d > best.d) best = { d, a: pts[i], b: pts[j] };
    }
  }
  if (!best || best.d < 100) return null;
  const k = best.d / Math.hypot(best.a.m[0] - best.b.m[0], best.a.m[1] - best.b.m[1]);
  const x0 = best.a.x - k * best.a.m[0];
  const y0 = best.a.y + k * best.a.m[1];
  const project = (p) => {
    const [mx, my] = mercator(p.geometry.coordinates);
    return { x: x0 + k * mx, y: y0 - k * my };
  };
  for (const q of pts) {
    const at = project(placeById.get(q.id));
    assert.ok(Math.hypot(at.x - q.x, at.y - q.y) < 2, `the map is Web Mercator: ${q.id} drawn at (${q.x}, ${q.y}), projected at (${at.x.toFixed(1)}, ${at.y.toFixed(1)})`);
  }
  return project;
}

/**
 * The point places a group holds, as far as positions tell: those drawn in no marker of
 * their own, in the map's box, whose projected position is within 28 px of the group and
 * nearer to it than to any other group. (Lines and areas stand at an anchor the test
 * does not compute; the group's count covers them.)
 */
function pointMembers(list, group) {
  const project = fitProjection(list);
  assert.ok(project, 'two point places drawn in view to fit the projection to');
  const own = new Set(list.filter((c) => c.place).map((c) => c.place));
  const groups = list.filter((c) => c.group !== null && !c.offscreen);
  return places
    .filter((p) => p.geometry?.type === 'Point' && !own.has(p.id))
    .filter((p) => {
      const q = project(p);
      const d = Math.hypot(q.x - group.x, q.y - group.y);
      return d < GROUP_PX && groups.every((g) => g === group || Math.hypot(q.x - g.x, q.y - g.y) >= d);
    })
    .map((p) => p.id);
}

/**
 * After a group of `before.group` places holding `members` (point places) opened: each of
 * them is now drawn, in the map's box, as its own marker where it is, or inside a smaller
 * group near it, not covered by another element (the map's buttons, the locator inset);
 * the places drawn in view are at least the group's count.
 */
function assertGroupOpened(list, before, members, what) {
  const seen = list.filter((c) => c.inView && !c.offscreen);
  assert.ok(seen.length >= 2, `${what}: more than one control drawn for its places (${seen.map(describeControl).join('; ')})`);
  assert.ok(shown(seen) >= before.group, `${what}: the view shows at least its ${before.group} places (${shown(seen)})`);
  const project = fitProjection(list);
  if (!project) {
    // At street scale beside an area (El Chorrillo's marker stands at its centre) fewer than
    // two point places may be in view to fit the projection to: each point member is then
    // at least drawn as its own marker, uncovered.
    for (const id of members) {
      const own = seen.find((c) => c.place === id);
      assert.ok(own, `${what}: ${id} is drawn as its own marker (controls: ${seen.map(describeControl).join('; ')})`);
      assert.ok(!own.coveredBy, `${what}: ${id}'s marker is under ${own.coveredBy}`);
    }
    return;
  }
  const covered = [];
  for (const id of members) {
    const q = project(placeById.get(id));
    const own = seen.find((c) => c.place === id);
    const holder = own ?? seen.find((c) => c.group !== null && c.group < before.group && Math.hypot(c.x - q.x, c.y - q.y) < GROUP_PX);
    assert.ok(holder, `${what}: ${id} (projected at ${Math.round(q.x)}, ${Math.round(q.y)}) is drawn in view, as its own marker or in a smaller group (controls: ${seen.map(describeControl).join('; ')})`);
    if (own) assert.ok(Math.hypot(own.x - q.x, own.y - q.y) < 2, `${what}: ${id}'s marker where it is`);
    // The view the group opened to leaves its places where they can be seen and clicked.
    covered.push(...(holder.coveredBy ? [`${id}: ${describeControl(holder)} is under ${holder.coveredBy}`] : []));
  }
  assert.deepEqual([...new Set(covered)], [], `${what}: the group's places are covered by other elements`);
}

/** The live region's text once it says `want`. */
async function liveRegionSays(page, want) {
  return until(
    async () => {
      const t = await page.evaluate(() => window.__pmTest.one('p.pm-sr-only[role=status]')?.textContent ?? null);
      return t === want ? t : null;
    },
    { what: `the live region to say "${want}"` },
  ).catch(async (e) => {
    const t = await page.evaluate(() => window.__pmTest.one('p.pm-sr-only[role=status]')?.textContent ?? null);
    throw new Error(`${e.message}; it says ${JSON.stringify(t)}`);
  });
}

/** Metres the scale bar's text stands for ("5 km" → 5000). */
function scaleMetres(s) {
  const m = /^([\d.,]+)\s*(k?m)$/.exec((s.text ?? '').trim());
  assert.ok(m, `a scale bar with a length (${JSON.stringify(s)})`);
  return Number(m[1].replace(',', '.')) * (m[2] === 'km' ? 1000 : 1);
}

/** Tabs from the page's start until a group control has focus; returns its data-opener. */
async function tabToGroup(page) {
  for (let i = 0; i < 80; i++) {
    await page.keyboard.press('Tab');
    const a = await page.evaluate(() => {
      const a = window.__pmTest.active();
      return a?.matches?.('g.pm-place.pm-group') ? a.dataset.opener : null;
    });
    if (a) return a;
  }
  assert.fail('reached no group control with Tab');
}

describe('place groups, the locator inset and fly-to surroundings (index.html, 1280×800)', () => {
  test('the story has the headline places these tests need', () => {
    assert.deepEqual(places.filter((p) => p.headline === true).map((p) => p.id).sort(), [...HEADLINE].sort());
  });

  test('home view: every place shown once; no two place controls overlap by more than half; every target at least 24×24 px', async () => {
    await withPage('index.html', async ({ page }) => {
      const list = await assertControlsApart(page, 'home view');
      assert.equal(shown(list), places.length, 'markers and the places in groups add up to every place');
      const groups = list.filter((c) => c.group !== null);
      assert.ok(groups.length >= 1, 'places that would overlap at the home view make a group');
      for (const g of groups) assertGroupWords(g, 'en');
    });
  });

  test('zoomed in 1, 2 and 3 steps with + on the biggest group: still no two place controls overlap by more than half', async () => {
    await withPage('index.html', async ({ page }) => {
      // Drag the biggest group to the middle of the map, then zoom in there.
      const { map, list: home } = await controls(page);
      const biggest = home.filter((c) => c.group !== null).sort((a, b) => b.group - a.group)[0];
      assert.ok(biggest, 'a group at the home view');
      const [dx, dy] = [(map.left + map.right) / 2 - biggest.x, (map.top + map.bottom) / 2 - biggest.y];
      const from = await page.evaluate(({ dx, dy }) => {
        const svg = window.__pmTest.one('svg.pm-svg');
        const r = svg.getBoundingClientRect();
        const root = svg.getRootNode();
        const clear = (x, y) => {
          const el = root.elementFromPoint(x, y);
          return el && svg.contains(el) && !el.closest('g.pm-place, .pm-shape');
        };
        const inside = (x, y) => x > r.left + 60 && x < r.right - 60 && y > r.top + 60 && y < r.bottom - 60;
        for (let y = r.top + 60; y < r.bottom - 60; y += 10) {
          for (let x = r.left + 60; x < r.right - 60; x += 10) {
            if (inside(x + dx, y + dy) && clear(x, y)) return { x, y };
          }
        }
        return null;
      }, { dx, dy });
      assert.ok(from, 'an empty point of the map to drag from');
      const sig0 = await viewSignature(page);
      await page.mouse.move(from.x, from.y);
      await page.mouse.down();
      await page.mouse.move(from.x + dx, from.y + dy, { steps: 8 });
      await page.mouse.up();
      await waitForMapStill(page, { from: sig0 });
      const centred = (await controls(page)).list.find((c) => c.opener === biggest.opener);
      assert.ok(Math.hypot(centred.x - biggest.x - dx, centred.y - biggest.y - dy) < 6, `the group of ${biggest.group} dragged to the middle of the map`);
      for (let step = 1; step <= 3; step++) {
        const before = await viewSignature(page);
        await page.locator('button.pm-zoom-in').click();
        await waitForMapStill(page, { from: before });
        const { list } = await controls(page);
        assert.ok(list.some((c) => c.inView && !c.offscreen), `step ${step}: place controls in view`);
        await assertControlsApart(page, `zoomed in ${step} step(s) (scale bar ${(await scaleBar(page)).text})`);
        for (const g of list.filter((c) => c.group !== null && c.inView)) assertGroupWords(g, 'en');
      }
    });
  });

  for (const lang of ['en', 'es']) {
    test(`home view (${lang}): the headline places are named in visible labels, on their markers or in their group’s`, async () => {
      await withPage(lang === 'en' ? 'index.html' : 'index.html?lang=es', async ({ page }) => {
        const names = await namesOnMap(page);
        const missing = [];
        for (const id of HEADLINE) {
          const name = placeById.get(id).name[lang];
          const drawn = names.filter((n) => n.name === name);
          if (!drawn.some((n) => n.inMap)) {
            missing.push(drawn.length ? `"${name}" in the label "${drawn[0].label}" is drawn from x ${drawn[0].from} to ${drawn[0].to}, outside the map's box` : `"${name}" is in no label`);
          }
        }
        assert.deepEqual(missing, [], `headline places without a visible name at the home view (${lang})`);
        const { list } = await controls(page);
        for (const g of list.filter((c) => c.group !== null)) assertGroupWords(g, lang);
        for (const c of list.filter((c) => c.place && HEADLINE.includes(c.place))) {
          assert.equal(c.text, placeById.get(c.place).name[lang], `the label of ${c.place}'s marker`);
        }
      });
    });
  }

  test('keyboard: Tab to a group and Enter zooms in until its places separate; focus stays on it until it is a marker; the live region says so', async () => {
    await withPage('index.html', async ({ page }) => {
      const opener = await tabToGroup(page);
      const lead = opener.replace(/^marker:/, '');
      // Mark the focused element: the same element must keep the focus.
      await page.evaluate(() => {
        window.__pmTest.active().__pmFocusMark = true;
      });
      let before = (await controls(page)).list.find((c) => c.opener === opener);
      let members = pointMembers((await controls(page)).list, before);
      if (placeById.get(lead).geometry.type === 'Point') assert.ok(members.includes(lead), `the group holds its first place ${lead}`);
      assert.ok(members.length <= before.group, `the group's point places (${members}) are at most its count ${before.group}`);
      for (let step = 1; before.group !== null; step++) {
        assert.ok(step <= 6, `the group becomes ${lead}'s own marker after a few Enter presses`);
        const what = `after Enter on the group of ${before.group} (step ${step})`;
        const sig = await viewSignature(page);
        await page.keyboard.press('Enter');
        await waitForMapStill(page, { from: sig });
        const focus = await page.evaluate(() => {
          const a = window.__pmTest.active();
          return { same: a?.__pmFocusMark === true, cls: a?.getAttribute('class') ?? null, opener: a?.dataset?.opener ?? null };
        });
        assert.ok(focus.same && focus.cls?.split(' ').includes('pm-place'), `${what}: focus stays on the same g.pm-place (now ${JSON.stringify(focus)})`);
        assert.equal(focus.opener, opener, `${what}: the control is still keyed by ${lead}`);
        await liveRegionSays(page, WORDS.en.zoomed(before.group));
        const list = await assertControlsApart(page, what);
        assertGroupOpened(list, before, members, what);
        const now = list.find((c) => c.opener === opener);
        assert.ok(now.group === null || now.group < before.group, `${what}: the control holds fewer places (${now.group})`);
        if (now.group !== null) {
          assertGroupWords(now, 'en');
          members = pointMembers(list, now);
        } else {
          assert.equal(now.place, lead, `${what}: the control is ${lead}'s marker`);
          assert.equal(now.label, placeById.get(lead).name.en, `${what}: the marker's accessible name`);
          assert.equal(now.role, 'button');
          assert.equal(now.tabindex, '0');
          assert.equal(now.pressed, 'false');
        }
        before = now;
      }
      // The marker selects its place with Enter, as any marker does.
      await page.keyboard.press('Enter');
      await page.locator(`section.pm-card[data-place=${css(lead)}]`).waitFor();
    });
  });

  test('mouse: a click on each group at the home view zooms in until its places separate', async () => {
    await withPage('index.html', async ({ page }) => {
      const home = await controls(page);
      const homeSig = await viewSignature(page);
      const groups = home.list.filter((c) => c.group !== null && c.inView);
      assert.ok(groups.length >= 1, 'groups at the home view');
      for (const g of groups) {
        const what = `after a click on the group of ${g.group} led by ${g.opener}`;
        const away = await viewSignature(page);
        if (away !== homeSig) {
          await page.locator('button.pm-reset').click();
          assert.equal(await waitForMapStill(page, { from: away }), homeSig, 'Reset brings back the home view');
        }
        const members = pointMembers(home.list, g);
        // What the pointer hits at the middle of the group's target is the group.
        const hit = await page.evaluate(({ x, y, opener }) => {
          const svg = window.__pmTest.one('svg.pm-svg');
          const el = svg.getRootNode().elementFromPoint(x, y);
          return el?.closest('g.pm-place')?.dataset.opener === opener ? null : el?.outerHTML.slice(0, 120) ?? 'nothing';
        }, g);
        assert.equal(hit, null, `the middle of ${g.opener}'s target is not covered`);
        const sig = await viewSignature(page);
        await page.mouse.click(g.x, g.y);
        await waitForMapStill(page, { from: sig });
        await liveRegionSays(page, WORDS.en.zoomed(g.group));
        assert.equal(await page.locator('section.pm-card').count(), 0, 'a group click selects no place');
        const list = await assertControlsApart(page, what);
        assertGroupOpened(list, g, members, what);
        const now = list.find((c) => c.opener === g.opener);
        assert.ok(now && (now.group === null || now.group < g.group), `${what}: the control of ${g.opener} holds fewer places`);
      }
    });
  });

  test('a place selected from the list is drawn as its own marker, pressed, where its flight ends; no group label reads "+0"', async () => {
    // Reduced motion: each flight is a jump to where it would end.
    await withPage('index.html', { reducedMotion: 'reduce' }, async ({ page }) => {
      const wrong = [];
      for (const place of places) {
        await page.locator(`button.pm-list-place[data-place=${css(place.id)}]`).click();
        await page.locator(`section.pm-card[data-place=${css(place.id)}]`).waitFor();
        await waitForMapStill(page);
        const { list } = await controls(page);
        const own = list.find((c) => c.place === place.id);
        const scale = (await scaleBar(page)).text;
        if (!own || !own.inView) {
          const holder = list.find((c) => c.group !== null && c.inView && c.opener === `marker:${place.id}`);
          wrong.push(`${place.id} (scale bar ${scale}): no marker of its own in view${holder ? `, it is in the group "${holder.label}"` : ''}`);
        } else if (own.pressed !== 'true') {
          wrong.push(`${place.id}: its marker is not pressed (${own.pressed})`);
        }
        for (const g of list.filter((c) => c.group !== null && / \+0$/.test(c.text ?? ''))) wrong.push(`${place.id} selected: a group label "${g.text}"`);
      }
      assert.deepEqual(wrong, [], 'selected places not drawn as their own pressed marker');
    });
  });

  test('locator inset: none at home; at street scale (El Chorrillo) a box inside the region map; activating it flies home', async () => {
    let homeScale;
    await withPage('index.html', async ({ page }) => {
      assert.equal(await page.locator('button.pm-locator').count(), 0, 'no locator inset at the home view');
      homeScale = await scaleBar(page);
    });
    await withPage('index.html?place=el-chorrillo', { markers: null }, async ({ page }) => {
      await page.locator('section.pm-card[data-place="el-chorrillo"]').waitFor();
      await waitForMapStill(page);
      assert.match((await scaleBar(page)).text, / m$/, 'street scale');
      const locator = page.locator('button.pm-locator');
      await locator.waitFor();
      assert.equal(await locator.getAttribute('aria-label'), 'Overview of the region: back to the whole map');
      const boxes = await page.evaluate(() => {
        const box = (e) => {
          const r = e.getBoundingClientRect();
          return { left: r.left, top: r.top, right: r.right, bottom: r.bottom, width: r.width, height: r.height };
        };
        const b = window.__pmTest.one('button.pm-locator');
        return {
          map: box(window.__pmTest.one('.pm-map')),
          button: box(b),
          inset: box(b.querySelector('svg')),
          view: box(b.querySelector('rect.pm-locator-view')),
        };
      });
      const inside = (a, b) => a.left >= b.left - 0.5 && a.right <= b.right + 0.5 && a.top >= b.top - 0.5 && a.bottom <= b.bottom + 0.5;
      assert.ok(boxes.view.width > 0 && boxes.view.height > 0, `the view's box is drawn (${JSON.stringify(boxes.view)})`);
      assert.ok(inside(boxes.view, boxes.inset), `the view's box ${JSON.stringify(boxes.view)} lies inside the inset ${JSON.stringify(boxes.inset)}`);
      assert.ok(inside(boxes.button, boxes.map), `the inset ${JSON.stringify(boxes.button)} lies in the map's corner ${JSON.stringify(boxes.map)}`);
      assert.ok(boxes.button.width >= MIN_TARGET_PX && boxes.button.height >= MIN_TARGET_PX, 'the inset is a target of at least 24×24 px');
      const sig = await viewSignature(page);
      await locator.click();
      await waitForMapStill(page, { from: sig });
      const s = await scaleBar(page);
      assert.equal(s.key, homeScale.key, `back at the home view's scale (${homeScale.key})`);
      await locator.waitFor({ state: 'detached' });
      await waitForPlaces(page, places.length);
    });
  });

  for (const id of ['cecot', 'catem', 'san-vicente']) {
    test(`fly-to ${id}: ends with surroundings (a scale bar of at least 2 km)${isApproximate(placeById.get(id)) ? ' and its whole uncertainty ring in the map' : ''}`, async () => {
      await withPage(`index.html?place=${id}`, { markers: null }, async ({ page }) => {
        await page.locator(`section.pm-card[data-place=${css(id)}]`).waitFor();
        await waitForMapStill(page);
        const s = await scaleBar(page);
        assert.ok(scaleMetres(s) >= 2000, `the scale bar of ${id}'s view reads at least 2 km (${s.text})`);
        const { map, list } = await controls(page);
        const own = list.find((c) => c.place === id);
        assert.ok(own?.inView && own.pressed === 'true', `${id}'s own marker, pressed, in view`);
        if (!isApproximate(placeById.get(id))) return;
        const rings = await page.evaluate(() =>
          window.__pmTest.all('.pm-rings circle').map((c) => {
            const r = c.getBoundingClientRect();
            return { x: r.left + r.width / 2, y: r.top + r.height / 2, left: r.left, top: r.top, right: r.right, bottom: r.bottom, d: r.width };
          }),
        );
        const ring = rings.find((r) => Math.hypot(r.x - own.x, r.y - own.y) < 2);
        assert.ok(ring, `${id}'s uncertainty ring is drawn around its marker (rings at ${JSON.stringify(rings.map((r) => [Math.round(r.x), Math.round(r.y)]))})`);
        assert.ok(ring.d >= 28, `${id}'s ring (${ring.d.toFixed(0)} px across) is bigger than its marker`);
        assert.ok(
          ring.left >= map.left && ring.right <= map.right && ring.top >= map.top && ring.bottom <= map.bottom,
          `${id}'s ring ${JSON.stringify(ring)} fits in the map ${JSON.stringify(map)}`,
        );
      });
    });
  }

  for (const lang of ['en', 'es']) {
    test(`axe-core (${lang}): the home view with groups, and after opening one`, async () => {
      await withPage(lang === 'en' ? 'index.html' : 'index.html?lang=es', async ({ page }) => {
        const { list } = await controls(page);
        const g = list.find((c) => c.group !== null && c.inView);
        assert.ok(g, 'a group at the home view');
        await assertAxeClean(page, `index.html (${lang}) with groups`);
        const sig = await viewSignature(page);
        await page.locator(`g.pm-place[data-opener=${css(g.opener)}]`).focus();
        await page.keyboard.press('Enter');
        await waitForMapStill(page, { from: sig });
        await liveRegionSays(page, WORDS[lang].zoomed(g.group));
        await assertAxeClean(page, `index.html (${lang}) after opening the group of ${g.group}`);
      });
    });
  }
});
