// The widget lays itself out by the size of the box it is given, not by the window:
// boxes of 360×640, 650×600 (a theme's column), 650×980 and 1200×600 (alignwide), for
// the custom element, the script module and the iframe, in a 900 px tall window.
// In each: the map is visible (at least 200 px tall), the place card's title is visible
// inside the panel and its first passage can be scrolled into view there, nothing
// overflows the box, nothing scrolls sideways; from 760 px wide map and panel sit side
// by side, below that the map is above the panel.
// Also: the README's iframe snippet is a block, so a theme that centres its column's
// children places it like any other block.

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

import { DIST, REPO, launch, startServer, withCleanPage } from './harness.mjs';

const BOXES = [
  [360, 640],
  [650, 600],
  [650, 980],
  [1200, 600],
];
const WINDOW_HEIGHT = 900;
const WIDE = 760; // the container width from which map and panel sit side by side

const page = (body) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Host</title><link rel="icon" href="/passage-map/favicon.svg"><style>body { margin: 0; padding: 20px; }</style></head><body>${body}</body></html>`;

const size = (w, h) => `width:${w}px;height:${h}px`;
const METHODS = {
  element: (w, h) =>
    page(`<script type="module" src="/passage-map/passage-map.js"></script><passage-map id="box" place="cecot" style="display:block;${size(w, h)}"></passage-map>`),
  module: (w, h) =>
    page(`<div id="box" style="${size(w, h)}"></div><script type="module">
      import { mount } from '/passage-map/passage-map.js';
      window.storyMap = await mount(document.getElementById('box'), { place: 'cecot' });
    </script>`),
  iframe: (w, h) =>
    page(`<iframe id="box" src="/passage-map/embed.html?place=cecot" title="Story map" style="display:block;border:0;${size(w, h)}"></iframe>`),
};

/** The README's iframe snippet (the first ```html block of "## Embedding"). */
function readmeIframe() {
  const readme = fs.readFileSync(path.join(REPO, 'README.md'), 'utf8');
  const section = readme.split(/^## /m).find((s) => s.startsWith('Embedding'));
  return /```html\n([\s\S]*?)```/.exec(section)[1];
}

let browser;
let server;
before(async () => {
  browser = await launch();
  const routes = {};
  for (const [name, make] of Object.entries(METHODS)) {
    for (const [w, h] of BOXES) routes[`/${name}-${w}x${h}.html`] = { body: make(w, h) };
  }
  // A block theme's content column: 650 px wide, centred, children centred by margins
  // (as Twenty Twenty-Three does), a heading above the iframe.
  routes['/column.html'] = {
    body: page(`<style>.column > * { max-width: 650px; margin-left: auto !important; margin-right: auto !important; }</style>
      <div class="column"><h2 id="title">A post</h2>${readmeIframe()}</div>`),
  };
  server = await startServer({ root: path.join(REPO, 'www'), mounts: { '/passage-map/': DIST }, routes });
});
after(async () => {
  await browser?.close();
  await server?.close();
});

/** Measures, in the document the widget lives in, the box and the widget's parts. */
function measure(boxSelector) {
  const t = window.__pmTest;
  const rect = (el) => {
    const b = el.getBoundingClientRect();
    return { x: b.x, y: b.y, width: b.width, height: b.height, right: b.right, bottom: b.bottom };
  };
  const box = boxSelector
    ? rect(document.querySelector(boxSelector))
    : { x: 0, y: 0, width: innerWidth, height: innerHeight, right: innerWidth, bottom: innerHeight };
  const panelEl = t.one('.pm-panel');
  const panel = rect(panelEl);
  // The panel's scrollport (its box less borders and a horizontal scrollbar).
  panel.bottom = panel.y + panelEl.clientTop + panelEl.clientHeight;
  const title = rect(t.one('.pm-card-title'));
  const passageEl = t.one('.pm-card .pm-passage');
  panelEl.scrollTop += passageEl.getBoundingClientRect().top - panelEl.getBoundingClientRect().top - 8;
  const passage = rect(passageEl);
  const sideways = ['.pm-widget', '.pm-story', '.pm-body', '.pm-main', '.pm-timeline', '.pm-panel']
    .map((sel) => [sel, t.one(sel)])
    .filter(([, el]) => el && el.scrollWidth > el.clientWidth + 1)
    .map(([sel, el]) => `${sel} ${el.scrollWidth} > ${el.clientWidth}`);
  if (document.documentElement.scrollWidth > innerWidth) sideways.push(`page ${document.documentElement.scrollWidth} > ${innerWidth}`);
  return {
    box,
    widget: rect(t.one('.pm-widget')),
    map: rect(t.one('svg.pm-svg')),
    timeline: rect(t.one('.pm-timeline')),
    panel,
    title,
    passage,
    sideways,
  };
}

const inside = (a, b, slack = 1) =>
  a.x >= b.x - slack && a.y >= b.y - slack && a.right <= b.right + slack && a.bottom <= b.bottom + slack;
const show = (r) => `${Math.round(r.width)}×${Math.round(r.height)} at (${Math.round(r.x)}, ${Math.round(r.y)})`;

describe('the widget fits the box it is given', () => {
  for (const method of Object.keys(METHODS)) {
    for (const [w, h] of BOXES) {
      it(`${method} in a ${w}×${h} box`, async () => {
        const options = { viewport: { width: w + 40, height: WINDOW_HEIGHT }, what: `${method} ${w}×${h}` };
        await withCleanPage(browser, `${server.url}${method}-${w}x${h}.html`, options, async ({ page: p }) => {
          const frame = method === 'iframe' ? p.frame({ url: /embed\.html/ }) : p.mainFrame();
          await frame.locator('.pm-card[data-place="cecot"] .pm-passage').first().waitFor();
          const m = await frame.evaluate(measure, method === 'iframe' ? null : '#box');
          const at = `${method} ${w}×${h}: `;

          assert.ok(Math.abs(m.box.width - w) < 1 && Math.abs(m.box.height - h) < 1, `${at}box ${show(m.box)}`);
          assert.ok(inside(m.widget, m.box), `${at}widget ${show(m.widget)} overflows the box ${show(m.box)}`);
          assert.deepEqual(m.sideways, [], `${at}scrolls sideways`);

          assert.ok(m.map.height >= 200, `${at}map only ${show(m.map)}`);
          assert.ok(inside(m.map, m.box), `${at}map ${show(m.map)} outside the box`);
          assert.ok(m.timeline.y >= m.map.bottom - 1 && m.timeline.x < m.map.right, `${at}timeline ${show(m.timeline)} under the map ${show(m.map)}`);

          if (w >= WIDE) {
            assert.ok(m.panel.x >= m.map.right - 1, `${at}panel ${show(m.panel)} beside the map ${show(m.map)}`);
            assert.ok(m.map.width >= w / 2, `${at}map ${show(m.map)} has the larger share`);
          } else {
            assert.ok(m.panel.y >= m.timeline.bottom - 1, `${at}panel ${show(m.panel)} below map and timeline`);
          }
          assert.ok(inside(m.panel, m.box), `${at}panel ${show(m.panel)} outside the box`);
          // Readable: room for the card, its title in view, a passage scrolls into view.
          const room = m.panel.bottom - m.panel.y;
          assert.ok(room >= Math.min(250, h / 3), `${at}panel only ${Math.round(room)} px tall`);
          assert.ok(inside(m.title, m.panel), `${at}card title ${show(m.title)} not in the panel ${show(m.panel)}`);
          assert.ok(m.passage.y >= m.panel.y - 1 && m.passage.y + 60 <= m.panel.bottom, `${at}first passage ${show(m.passage)} cannot be read in the panel ${show(m.panel)}`);

          if (method === 'iframe') {
            const host = await p.evaluate(() => document.documentElement.scrollWidth - innerWidth);
            assert.ok(host <= 0, `${at}the host page scrolls sideways by ${host} px`);
          }
        });
      });
    }
  }

  it("the README's iframe is a block: a theme's centred 650 px column places it under the heading", async () => {
    await withCleanPage(browser, `${server.url}column.html`, { viewport: { width: 1280, height: 900 } }, async ({ page: p }) => {
      await p.frameLocator('iframe').locator('.pm-card[data-place="cecot"]').waitFor();
      const [title, frame] = await p.evaluate(() =>
        ['#title', 'iframe'].map((s) => {
          const r = document.querySelector(s).getBoundingClientRect();
          return { x: r.x, width: r.width };
        }),
      );
      assert.equal(frame.x, title.x, `iframe at x=${frame.x}, the heading at x=${title.x}`);
      assert.equal(frame.width, 650);
    });
  });
});
