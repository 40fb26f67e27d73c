// Colour and contrast: every layer's colour keeps 3:1 against the land and sea fills
// (WCAG 1.4.11) in the light and the dark scheme — point symbols may lean on their
// outline instead —, the widget is dark under prefers-color-scheme: dark and usable in
// forced-colours mode (Windows high contrast), both emulated, both clean under axe-core.

import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, withCleanPage, assertAxeClean, readDistJson } from './harness.mjs';

const story = readDistJson('story/story.json');
const features = readDistJson('story/places.geojson').features;

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

/** WCAG relative luminance of a CSS colour the browser computed ("rgb(r, g, b)" or "#rrggbb"). */
function luminance(css) {
  const hex = /^#([0-9a-f]{6})$/i.exec(css.trim());
  const rgb = hex ? [0, 2, 4].map((i) => parseInt(hex[1].slice(i, i + 2), 16)) : css.match(/[\d.]+/g).slice(0, 3).map(Number);
  const [r, g, b] = rgb.map((v) => v / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
const contrast = (a, b) => {
  const [x, y] = [luminance(a), luminance(b)].sort((m, n) => n - m);
  return (x + 0.05) / (y + 0.05);
};

/**
 * The demo page with `media` emulated (`page.emulateMedia` before it loads), once its
 * places are drawn and the map rests; `withCleanPage` fails on any problem it records.
 */
const withMedia = (query, media, fn) =>
  withCleanPage(browser, `${server.url}index.html${query}`, { markers: null, beforeGoto: (page) => page.emulateMedia(media) }, fn);

/** The fills and the point symbols' outline the widget uses now. */
const fills = (page) =>
  page.evaluate(() => {
    const t = window.__pmTest;
    const widget = getComputedStyle(t.one('.pm-widget'));
    const symbol = getComputedStyle(t.one('g.pm-place:not(.pm-selected) .pm-symbol'));
    return {
      land: widget.getPropertyValue('--pm-land'),
      sea: widget.getPropertyValue('--pm-sea'),
      paper: widget.backgroundColor,
      ink: widget.color,
      outline: symbol.stroke,
      outlineWidth: parseFloat(symbol.strokeWidth),
    };
  });

describe('colour and contrast', () => {
  for (const colorScheme of ['light', 'dark']) {
    test(`layer colours keep 3:1 against land and sea (${colorScheme})`, async () => {
      await withMedia('', { colorScheme }, async ({ page }) => {
        const f = await fills(page);
        for (const layer of story.layers) {
          const onlyPoints = features.filter((p) => p.properties.layer === layer.id).every((p) => p.geometry.type === 'Point');
          for (const [name, fill] of [['land', f.land], ['sea', f.sea]]) {
            const direct = contrast(layer.colour, fill);
            // A point symbol may stand out by its outline: outline against the fill, colour against the outline.
            const outlined = onlyPoints && f.outlineWidth >= 1.5 && contrast(f.outline, fill) >= 3 && contrast(layer.colour, f.outline) >= 3;
            assert.ok(direct >= 3 || outlined, `${layer.id} ${layer.colour} on ${name} ${fill}: ${direct.toFixed(2)}:1 (${colorScheme})`);
          }
        }
      });
    });
  }

  test('dark scheme: a dark widget, clean under axe', async () => {
    await withMedia('?place=el-chorrillo', { colorScheme: 'dark' }, async ({ page }) => {
      const f = await fills(page);
      assert.ok(luminance(f.paper) < 0.05, `dark background (${f.paper})`);
      assert.ok(contrast(f.ink, f.paper) >= 7, 'text keeps AAA contrast');
      // The legend's swatches: each stands out from the panel by its colour or its outline.
      const swatches = await page.evaluate(() =>
        window.__pmTest.all('.pm-legend .pm-swatch path').map((p) => {
          const cs = getComputedStyle(p);
          return { fill: cs.fill, stroke: cs.stroke, width: parseFloat(cs.strokeWidth) };
        }),
      );
      assert.equal(swatches.length, story.layers.length);
      for (const s of swatches) {
        const outlined = s.stroke !== 'none' && s.width >= 1 && contrast(s.stroke, f.paper) >= 3 && contrast(s.fill, s.stroke) >= 3;
        assert.ok(contrast(s.fill, f.paper) >= 3 || outlined, `swatch ${s.fill} on the panel ${f.paper}`);
      }
      await assertAxeClean(page, 'the demo page in the dark scheme');
    });
  });

  test('forced colours: controls keep borders and focus, the map keeps its colours, clean under axe', async () => {
    await withMedia('?place=cecot', { forcedColors: 'active' }, async ({ page }) => {
      const state = await page.evaluate(() => {
        const t = window.__pmTest;
        const cs = (sel) => getComputedStyle(t.one(sel));
        return {
          forced: matchMedia('(forced-colors: active)').matches,
          symbolFill: cs('g.pm-place[data-place="cecot"] .pm-symbol').fill,
          zoomBorder: cs('.pm-zoom-in').borderTopStyle,
          printBorder: cs('.pm-card .pm-print').borderTopStyle,
          swatch: getComputedStyle(t.one('.pm-legend .pm-swatch path')).fill,
        };
      });
      assert.ok(state.forced, 'forced colours are emulated');
      assert.equal(state.symbolFill, 'rgb(34, 34, 34)', 'the CECOT symbol keeps its layer colour');
      assert.notEqual(state.zoomBorder, 'none');
      assert.notEqual(state.printBorder, 'none');
      assert.notEqual(state.swatch, 'none');
      // Keyboard focus stays visible.
      await page.focus('.pm-list-place[data-place="el-chorrillo"]');
      await page.keyboard.press('Tab');
      await page.keyboard.press('Shift+Tab');
      const outline = await page.evaluate(() => getComputedStyle(window.__pmTest.active()).outlineStyle);
      assert.notEqual(outline, 'none', 'the focused control has an outline');
      await assertAxeClean(page, 'the demo page in forced colours');
    });
  });
});
