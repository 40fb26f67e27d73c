// Names on the map (countries, seas, towns, landmarks from the basemap bands): present at
// the home view in English and Spanish, never overlapping one another, a place marker or
// a place's own name, decorative for assistive technology, in the system sans with a
// halo; and the surroundings named where the story's key places are.

import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, withCleanPage, waitForPlaces, waitForMapStill, until } from './harness.mjs';

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

/** The names drawn, with their boxes, and the boxes of markers and place names. */
function mapText(page) {
  return page.evaluate(() => {
    const t = window.__pmTest;
    const box = (el) => {
      const r = el.getBoundingClientRect();
      return { x0: r.left, y0: r.top, x1: r.right, y1: r.bottom };
    };
    const svg = t.one('svg.pm-svg').getBoundingClientRect();
    const names = t.all('.pm-names text.pm-name').map((el) => ({ text: el.textContent, ...box(el) }));
    return {
      map: { x0: svg.left, y0: svg.top, x1: svg.right, y1: svg.bottom },
      names,
      markers: t.all('g.pm-place .pm-hit').map(box),
      placeNames: t.all('g.pm-place text.pm-label').map((el) => ({ text: el.textContent, ...box(el) })),
      hidden: t.all('.pm-names').map((g) => g.getAttribute('aria-hidden')),
    };
  });
}

const overlap = (a, b, slack = 0.5) =>
  a.x0 + slack < b.x1 && b.x0 + slack < a.x1 && a.y0 + slack < b.y1 && b.y0 + slack < a.y1;

function assertClear({ map, names, markers, placeNames }, where) {
  for (const [i, a] of names.entries()) {
    assert.ok(a.x0 >= map.x0 - 0.5 && a.x1 <= map.x1 + 0.5 && a.y0 >= map.y0 - 0.5 && a.y1 <= map.y1 + 0.5, `${where}: "${a.text}" leaves the map`);
    for (const b of names.slice(i + 1)) assert.ok(!overlap(a, b), `${where}: "${a.text}" overlaps "${b.text}"`);
    for (const m of markers) assert.ok(!overlap(a, m), `${where}: "${a.text}" covers a place marker`);
    for (const p of placeNames) assert.ok(!overlap(a, p), `${where}: "${a.text}" covers the place name "${p.text}"`);
  }
}

/**
 * The demo page once its places and names are drawn and the map rests;
 * `withCleanPage` fails on any problem it records.
 */
function withNames(query, fn) {
  const ready = async ({ page }) => {
    await waitForPlaces(page);
    await until(() => page.evaluate(() => window.__pmTest.all('.pm-names text').length > 0), { what: 'names on the map' });
    await waitForMapStill(page);
  };
  return withCleanPage(browser, `${server.url}index.html${query}`, { ready }, fn);
}

describe('names on the map', () => {
  test('the home view names countries and seas in English, none overlapping', async () => {
    await withNames('', async ({ page }) => {
      const text = await mapText(page);
      const names = text.names.map((n) => n.text);
      for (const name of ['Honduras', 'Nicaragua', 'Costa Rica', 'Caribbean Sea', 'Pacific Ocean']) {
        assert.ok(names.includes(name), `"${name}" is on the map (drawn: ${names.join(', ')})`);
      }
      assert.deepEqual(text.hidden, ['true'], 'the names are hidden from assistive technology');
      assertClear(text, 'home view');
      const style = await page.evaluate(() => {
        const cs = getComputedStyle(window.__pmTest.one('.pm-names text'));
        return { font: cs.fontFamily, paint: cs.paintOrder, stroke: cs.strokeWidth };
      });
      assert.match(style.font, /system-ui|sans-serif/);
      assert.match(style.paint, /^stroke/);
      const country = await page.evaluate(() => getComputedStyle(window.__pmTest.one('.pm-names .pm-name-country')).textTransform);
      assert.equal(country, 'uppercase', 'countries are set in capitals');
      assert.equal(style.stroke, '4px');
    });
  });

  test('in Spanish the names follow lang', async () => {
    await withNames('?lang=es', async ({ page }) => {
      const text = await mapText(page);
      const names = text.names.map((n) => n.text);
      for (const name of ['Mar Caribe', 'Océano Pacífico', 'Honduras']) {
        assert.ok(names.includes(name), `"${name}" is on the map (drawn: ${names.join(', ')})`);
      }
      assert.ok(!names.includes('Caribbean Sea'));
      assertClear(text, 'home view, Spanish');
    });
  });

  test('zoomed in, names keep clear of each other and of the markers', async () => {
    await withNames('', async ({ page }) => {
      for (let i = 0; i < 3; i++) {
        const from = await page.evaluate(() => window.__pmTest.sig());
        await page.click('button.pm-zoom-in');
        await waitForMapStill(page, { from });
        assertClear(await mapText(page), `zoom in ×${i + 1}`);
      }
    });
  });

  for (const [place, expected, atLeast] of [
    ['catem', ['Costa Rica', 'Panama'], 2],
    ['cecot', ['Zacatecoluca', 'San Vicente', 'Tecoluca', 'El Salvador', 'Pacific Ocean'], 1],
    ['san-vicente', ['Metetí', 'Yaviza', 'La Palma', 'Panama', 'Gulf of Panama'], 1],
    ['el-chorrillo', ['Casco Viejo', 'Ancón Hill', 'Bridge of the Americas', 'Bay of Panama', 'Ancón'], 1],
  ]) {
    test(`the surroundings of ${place} are named`, async () => {
      await withNames(`?place=${place}`, async ({ page }) => {
        // The city band (and its names) may arrive after the flight ends.
        const names = await until(async () => {
          const drawn = (await mapText(page)).names.map((n) => n.text);
          return expected.filter((n) => drawn.includes(n)).length >= atLeast ? drawn : null;
        }, { what: `${atLeast} of ${expected.join(', ')} around ${place}` });
        assert.ok(expected.filter((n) => names.includes(n)).length >= atLeast, names.join(', '));
        assertClear(await mapText(page), place);
      });
    });
  }
});
