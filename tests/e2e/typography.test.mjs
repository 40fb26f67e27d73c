// The host page's typography does not reach into the widget. The same widget is
// measured on a plain page and on host pages with the common `html { font-size: 62.5% }`,
// a `* { font-size: 40px; line-height: 3 }` page and a page that sets every inherited
// text property on the widget's own element: inside the widget every measured element
// (body text, panel title, list buttons, legend, tour, card, passages, timeline) must
// have the same computed font, line height, spacing and box height as on the plain
// page, for the script module and for the custom element. The iframe is its own
// document; its text is measured against the plain page too.

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';

import { launch, startServer, withCleanPage, waitForPlaces } from './harness.mjs';

const HOSTS = {
  plain: '',
  'html { font-size: 62.5% }': 'html { font-size: 62.5%; }',
  '* { font-size: 40px; line-height: 3 }': '* { font-size: 40px; line-height: 3; }',
  'inherited text properties on the host element': `
    body, #m, passage-map {
      font: italic 700 22px/4 "Courier New", monospace; font-variant: small-caps;
      letter-spacing: 3px; word-spacing: 9px; text-transform: uppercase; text-align: right;
      text-indent: 40px; text-shadow: 1px 1px red; white-space: pre; color: rgb(200, 0, 0);
      font-feature-settings: "smcp"; font-kerning: none; -webkit-text-fill-color: blue;
      color-scheme: dark; direction: rtl; fill: rgb(255, 0, 0); stroke: rgb(0, 255, 0); cursor: crosshair; word-break: break-all; hyphens: auto;
    }`,
};

// What is measured, in three states of the widget: as loaded, with a place's card open,
// and at the first tour stop.
const PROBES = {
  start: {
    'widget base': '.pm-widget',
    'panel title': '.pm-title',
    'start tour button': '.pm-start-tour',
    'search label': '.pm-search label',
    'search input': '.pm-search input',
    'legend title': '.pm-legend legend',
    'legend toggle': '.pm-layer-toggle',
    'list button': 'button.pm-list-place',
    attribution: '.pm-attribution',
    timeline: '.pm-timeline',
    'timeline year': '.pm-axis-year',
    'zoom button': '.pm-control',
    'scale bar': '.pm-scale',
  },
  card: {
    'card title': '.pm-card-title',
    'card kind': '.pm-kind',
    'passage text': '.pm-passage blockquote',
    'passage mark': '.pm-passage mark',
    citation: '.pm-cite',
    'show on map': '.pm-show',
  },
  tour: {
    'tour progress': '.pm-tour-progress',
    'tour title': '.pm-tour-title',
    'tour caption': '.pm-tour-caption',
    'tour nav button': '.pm-tour-nav button',
  },
};

const TEXT_PROPS = [
  'fontSize', 'lineHeight', 'fontFamily', 'fontWeight', 'fontStyle', 'fontVariantCaps', 'fontFeatureSettings',
  'fontKerning', 'letterSpacing', 'wordSpacing', 'textTransform', 'textAlign', 'textIndent', 'textShadow',
  'whiteSpace', 'color', 'webkitTextFillColor', 'fill', 'stroke', 'colorScheme', 'direction', 'cursor', 'wordBreak', 'hyphens',
];

/** Computed text properties (and, with `boxes`, the box height) of each probe. */
function measure(page, probes, boxes) {
  return page.evaluate(
    ({ probes, props, boxes }) => {
      const out = {};
      for (const [name, sel] of Object.entries(probes)) {
        const el = window.__pmTest.one(sel);
        if (!el) {
          out[name] = `missing: ${sel}`;
          continue;
        }
        const cs = getComputedStyle(el);
        const m = Object.fromEntries(props.map((p) => [p, cs[p]]));
        if (boxes) m.height = Math.round(el.getBoundingClientRect().height * 10) / 10;
        out[name] = m;
      }
      return out;
    },
    { probes, props: TEXT_PROPS, boxes },
  );
}

const html = (body, css, script) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Host page</title><link rel="icon" href="/favicon.svg">` +
  `<style>${css}\n#m, passage-map { display: block; height: 900px; }</style>${script ? `<script type="module" src="${script}"></script>` : ''}</head><body>${body}</body></html>`;

const EMBEDDINGS = {
  module: {
    body: '<div id="m"></div>',
    script: '/module.js',
    tour: () => window.handle.tour(1),
  },
  'custom element': {
    body: '<passage-map id="pm"></passage-map>',
    script: '/passage-map.js',
    tour: () => document.getElementById('pm').setAttribute('tour', '1'),
  },
};

let browser;
let server;
before(async () => {
  browser = await launch();
  const routes = {
    '/module.js': { type: 'js', body: `import { mount } from '/passage-map.js'; window.handle = await mount(document.getElementById('m'), {});` },
  };
  Object.keys(HOSTS).forEach((host, i) => {
    for (const [kind, e] of Object.entries(EMBEDDINGS)) {
      routes[`/${kind.replace(' ', '-')}-${i}.html`] = { body: html(e.body, HOSTS[host], e.script) };
    }
    routes[`/iframe-${i}.html`] = {
      body: html('<iframe id="f" src="/embed.html" title="Story map"></iframe>', `${HOSTS[host]}\niframe { display: block; width: 1264px; height: 900px; border: 0; }`, null),
    };
  });
  server = await startServer({ routes });
});
after(async () => {
  await browser?.close();
  await server?.close();
});

/** Loads one host page and measures the widget in its three states. */
async function widgetTypography(kind, hostIndex) {
  const url = `${server.url}${kind.replace(' ', '-')}-${hostIndex}.html`;
  return withCleanPage(browser, url, { viewport: { width: 1280, height: 1000 } }, async ({ page }) => {
    await waitForPlaces(page);
    const start = await measure(page, PROBES.start, true);
    await page.locator('button.pm-list-place[data-place="el-chorrillo"]').click();
    await page.locator('.pm-card[data-place="el-chorrillo"] .pm-passage').first().waitFor();
    const card = await measure(page, PROBES.card, true);
    await page.evaluate(EMBEDDINGS[kind].tour);
    await page.locator('.pm-tour-title').waitFor();
    const tour = await measure(page, PROBES.tour, true);
    return { ...start, ...card, ...tour };
  });
}

/** Every difference between a host page's measurements and the plain page's, one line each. */
function differences(got, want) {
  const lines = [];
  for (const [name, w] of Object.entries(want)) {
    const g = got[name];
    if (typeof w === 'string' || typeof g === 'string') {
      if (g !== w) lines.push(`${name}: ${g} (plain page: ${w})`);
      continue;
    }
    for (const p of Object.keys(w)) if (g[p] !== w[p]) lines.push(`${name} ${p}: ${g[p]} (plain page: ${w[p]})`);
  }
  return lines;
}

describe('host typography does not reach into the widget', () => {
  for (const kind of Object.keys(EMBEDDINGS)) {
    describe(kind, () => {
      let plain;
      before(async () => {
        plain = await widgetTypography(kind, 0);
      });

      it('on a plain page: 15 px body text, headings a little larger, nothing missing', () => {
        for (const [name, m] of Object.entries(plain)) assert.equal(typeof m, 'object', `${name}: ${m}`);
        assert.equal(plain['widget base'].fontSize, '15px');
        assert.equal(plain['list button'].fontSize, '15px');
        assert.equal(plain['legend toggle'].fontSize, '15px');
        assert.equal(plain['tour caption'].fontSize, '15px');
        for (const heading of ['panel title', 'card title', 'tour title']) {
          const px = parseFloat(plain[heading].fontSize);
          assert.ok(px >= 16 && px <= 20, `${heading}: ${px}px`);
        }
      });

      Object.keys(HOSTS).forEach((host, i) => {
        if (i === 0) return;
        it(`on a page with ${host}: the same as on the plain page`, async () => {
          const got = await widgetTypography(kind, i);
          const diff = differences(got, plain);
          assert.deepEqual(diff, [], `${diff.length} differences:\n  ${diff.join('\n  ')}`);
        });
      });
    });
  }

  it('the iframe: its widget text is the same as the module on a plain page, whatever the host page', async () => {
    const plainPage = await widgetTypography('module', 0);
    const want = Object.fromEntries(
      Object.entries(plainPage)
        .filter(([name]) => name in PROBES.start)
        .map(([name, m]) => [name, Object.fromEntries(TEXT_PROPS.filter((p) => p !== 'cursor').map((p) => [p, m[p]]))]),
    );
    for (let i = 0; i < Object.keys(HOSTS).length; i++) {
      await withCleanPage(browser, `${server.url}iframe-${i}.html`, { viewport: { width: 1280, height: 1000 } }, async ({ page }) => {
        const frame = await page.locator('#f').elementHandle().then((h) => h.contentFrame());
        await waitForPlaces(frame);
        const got = await measure(frame, PROBES.start, false);
        const diff = differences(got, want);
        assert.deepEqual(diff, [], `iframe on "${Object.keys(HOSTS)[i]}": ${diff.length} differences:\n  ${diff.join('\n  ')}`);
      });
    }
  });
});
