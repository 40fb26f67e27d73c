// End-to-end tests of the three ways to embed the widget (iframe, script module,
// custom element) on host pages that try to break it, under a strict CSP, two widgets
// on one page, mount/destroy/mount, and stories of one's own — good, broken, offline.

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

import { DIST, launch, startServer, withCleanPage, waitForPlaces, readDistJson, scaleBar, until } from './harness.mjs';

const PLACES = readDistJson('story/places.geojson').features.map((f) => f.properties);
const STORY = readDistJson('story/story.json');
const COLOUR = Object.fromEntries(STORY.layers.map((l) => [l.id, l.colour]));
// Every far place (outside the home view) is drawn too, pinned to the edge.
const PLACE_COUNT = PLACES.length;

const HOSTILE_CSS = `
  svg { display: none !important; }
  button { all: unset; }
  * { font-size: 40px; box-sizing: content-box; }
  path { fill: red; }
  div { height: 10px; overflow: hidden; }
  mark { background: black; color: black; }
`;

const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";

const html = (body, head = '') =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Host page</title><link rel="icon" href="/favicon.svg">${head}</head><body>${body}</body></html>`;

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/**
 * The widget still draws and works on `page`: every marker (or, when a place is
 * selected at start, that place's marker `probe`), symbols in their layer colour,
 * buttons in the widget's own style, a card with marked passages.
 */
async function assertWidgetWorks(page, { all = true, probe = 'cecot' } = {}) {
  const scope = page;
  if (all) await waitForPlaces(page, PLACE_COUNT);
  await scope.locator(`g.pm-place[data-place="${probe}"]`).waitFor();
  const look = await scope.evaluate((probe) => {
    const svg = window.__pmTest.one('svg.pm-svg');
    const r = svg.getBoundingClientRect();
    const symbol = window.__pmTest.one(`g.pm-place[data-place="${probe}"] path.pm-symbol`);
    const button = window.__pmTest.one('button.pm-list-place');
    return {
      display: getComputedStyle(svg).display,
      width: r.width,
      height: r.height,
      fill: getComputedStyle(symbol).fill,
      buttonFont: getComputedStyle(button).fontSize,
      buttonCursor: getComputedStyle(button).cursor,
    };
  }, probe);
  assert.notEqual(look.display, 'none', 'the map is hidden by the host page');
  assert.ok(look.width > 200 && look.height > 200, `map box ${look.width}×${look.height}`);
  const hex = COLOUR[PLACES.find((p) => p.id === probe).layer];
  const rgb = `rgb(${parseInt(hex.slice(1, 3), 16)}, ${parseInt(hex.slice(3, 5), 16)}, ${parseInt(hex.slice(5, 7), 16)})`;
  assert.equal(look.fill, rgb, 'symbols keep their layer colour');
  assert.notEqual(look.buttonFont, '40px', "the host's font size leaks in");
  assert.equal(look.buttonCursor, 'pointer', "the host's button reset leaks in");
  await scope.locator('button.pm-list-place[data-place="el-chorrillo"]').click();
  await scope.locator('.pm-card-title', { hasText: 'El Chorrillo' }).waitFor();
  const marks = await scope.locator('.pm-card mark').count();
  assert.ok(marks > 0, 'the card shows passages with their mentions marked');
}

describe('embedding', () => {
  it('script module: mount() draws and works on a hostile page, and leaks no style', async () => {
    const server = await startServer({
      routes: {
        '/host.html': {
          body: html(
            `<h1>Host</h1><p class="host-text">Host text</p><div id="m"></div><button id="host-button">Host button</button>`,
            `<style>${HOSTILE_CSS} #m { height: 600px !important; overflow: visible; }</style><script type="module" src="/host.js"></script>`,
          ),
        },
        '/host.js': { type: 'js', body: `import { mount } from '/passage-map.js'; window.handle = await mount(document.getElementById('m'), {});` },
      },
    });
    try {
      await withCleanPage(browser, `${server.url}host.html`, async ({ page }) => {
        await assertWidgetWorks(page);
        // The widget's CSS stays inside: the host's own button keeps the host's reset.
        const hostButton = await page.evaluate(() => getComputedStyle(document.getElementById('host-button')).cursor);
        assert.equal(hostButton, 'auto');
      });
    } finally {
      await server.close();
    }
  });

  it('custom element: <passage-map> draws on a hostile page and its attributes take effect live', async () => {
    const server = await startServer({
      routes: {
        '/host.html': {
          body: html(
            `<passage-map id="pm" place="cecot" lang="es"></passage-map>`,
            `<style>${HOSTILE_CSS} passage-map { display: block; height: 600px !important; }</style><script type="module" src="/passage-map.js"></script>`,
          ),
        },
      },
    });
    try {
      await withCleanPage(browser, `${server.url}host.html`, async ({ page }) => {
        const cecot = PLACES.find((p) => p.id === 'cecot');
        await page.locator('.pm-card-title', { hasText: cecot.name.es }).waitFor();
        assert.equal(await page.locator('.pm-widget').getAttribute('lang'), 'es');
        await assertWidgetWorks(page, { all: false, probe: 'cecot' });
        // Live attributes: place selects, layers filters, lang re-renders.
        await page.evaluate(() => document.getElementById('pm').setAttribute('place', 'howard'));
        await page.locator('.pm-card[data-place="howard"]').waitFor();
        await page.evaluate(() => document.getElementById('pm').setAttribute('layers', 'cecot'));
        await waitForPlaces(page, PLACES.filter((p) => p.layer === 'cecot').length); // markers and places in groups
        assert.deepEqual(await page.evaluate(() => window.__pmTest.all('button.pm-list-place').map((b) => b.dataset.place).sort()), PLACES.filter((p) => p.layer === 'cecot').map((p) => p.id).sort(), 'only the CECOT layer listed');
        await page.evaluate(() => document.getElementById('pm').setAttribute('lang', 'en'));
        await page.locator('.pm-widget[lang="en"]').waitFor();
      });
    } finally {
      await server.close();
    }
  });

  it('iframe: fills its box, announces its height, and does not capture the wheel until focused', async () => {
    const server = await startServer({
      routes: {
        '/host.html': {
          body: html(
            `<div class="spacer"></div><iframe id="f" src="/embed.html?place=cecot" title="Story map"></iframe><div class="spacer"></div>`,
            `<style>${HOSTILE_CSS} .spacer { height: 900px !important; } iframe { display: block; width: 900px; height: 560px; border: 0; }</style><script type="module" src="/host.js"></script>`,
          ),
        },
        '/host.js': {
          type: 'js',
          body: `window.heights = []; addEventListener('message', (e) => { if (e.data && e.data.type === 'passage-map:height') window.heights.push(e.data.height); });`,
        },
      },
    });
    try {
      await withCleanPage(browser, `${server.url}host.html`, { viewport: { width: 1000, height: 700 } }, async ({ page }) => {
        const frame = page.frameLocator('#f');
        await frame.locator('.pm-card[data-place="cecot"]').waitFor();
        const heights = await until(() => page.evaluate(() => window.heights.length && window.heights), { what: 'a height message' });
        assert.ok(heights.every((h) => Number.isFinite(h) && h >= 400), `heights ${heights}`);

        await page.evaluate(() => document.getElementById('f').scrollIntoView({ block: 'center' }));
        const f = page.frames().find((x) => x.url().includes('embed.html'));
        const before = await scaleBar(f);
        const scrollBefore = await page.evaluate(() => scrollY);
        const box = await page.locator('#f').boundingBox();
        await page.mouse.move(box.x + 200, box.y + 200);
        await page.mouse.wheel(0, 300);
        await until(async () => (await page.evaluate(() => scrollY)) !== scrollBefore, { what: 'the page to scroll' });
        assert.equal((await scaleBar(f)).key, before.key, 'an unfocused iframe map must not zoom on the wheel');
        await f.locator('.pm-hint').waitFor();

        // After a click the map has focus and the wheel zooms it (the page scrolled: measure again).
        const mapBox = await f.locator('svg.pm-svg').boundingBox();
        await page.mouse.click(mapBox.x + 200, mapBox.y + mapBox.height - 100);
        await page.mouse.wheel(0, -300);
        await until(async () => (await scaleBar(f)).key !== before.key, { what: 'the focused map to zoom' });
      });
    } finally {
      await server.close();
    }
  });

  it('iframe on touch: one finger scrolls the page (with a hint), two fingers move the map', async () => {
    const server = await startServer({
      routes: {
        '/host.html': {
          body: html(
            `<div class="spacer"></div><iframe id="f" src="/embed.html?place=cecot" title="Story map"></iframe><div class="spacer"></div>`,
            `<meta name="viewport" content="width=device-width, initial-scale=1"><style>.spacer { height: 900px; } iframe { display: block; width: 380px; height: 520px; border: 0; }</style>`,
          ),
        },
      },
    });
    try {
      await withCleanPage(browser, `${server.url}host.html`, { viewport: { width: 400, height: 700 }, hasTouch: true, isMobile: true }, async ({ page, context }) => {
        await page.frameLocator('#f').locator('.pm-card[data-place="cecot"]').waitFor();
        const frame = page.frames().find((f) => f.url().includes('embed.html'));
        await page.evaluate(() => document.getElementById('f').scrollIntoView({ block: 'start' }));
        const box = await page.locator('#f').boundingBox();
        const map = await frame.evaluate(() => {
          const r = window.__pmTest.one('svg.pm-svg').getBoundingClientRect();
          return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
        });
        const at = { x: box.x + map.x, y: box.y + map.y };
        const cdp = await context.newCDPSession(page);
        // Each touch event a frame apart, as a finger moves (pacing input, not waiting for a render).
        const touch = async (type, points) => {
          await cdp.send('Input.dispatchTouchEvent', { type, touchPoints: points });
          await page.evaluate(() => window.__pmTest.frame());
        };
        const view = () => frame.evaluate(() => window.__pmTest.one('g.pm-basemap')?.getAttribute('transform') ?? '');

        // One finger: the page scrolls, the map stays, a hint says how to move it.
        const scroll0 = await page.evaluate(() => scrollY);
        const view0 = await view();
        await touch('touchStart', [{ x: at.x, y: at.y, id: 1 }]);
        for (let i = 1; i <= 10; i++) await touch('touchMove', [{ x: at.x, y: at.y - i * 12, id: 1 }]);
        await touch('touchEnd', []);
        await until(async () => (await page.evaluate(() => scrollY)) > scroll0, { what: 'the page to scroll' });
        await frame.locator('.pm-hint').waitFor();
        assert.equal(await view(), view0, 'one finger must not move the map');

        // Two fingers spreading apart: the map zooms.
        await page.evaluate(() => document.getElementById('f').scrollIntoView({ block: 'start' }));
        const box2 = await page.locator('#f').boundingBox();
        const c = { x: box2.x + map.x, y: box2.y + map.y };
        await touch('touchStart', [{ x: c.x - 40, y: c.y, id: 1 }, { x: c.x + 40, y: c.y, id: 2 }]);
        for (let i = 1; i <= 10; i++) {
          await touch('touchMove', [{ x: c.x - 40 - i * 6, y: c.y, id: 1 }, { x: c.x + 40 + i * 6, y: c.y, id: 2 }]);
        }
        await touch('touchEnd', []);
        await until(async () => (await view()) !== view0, { what: 'two fingers to move the map' });
      });
    } finally {
      await server.close();
    }
  });

  it('works under a strict Content-Security-Policy served as a header', async () => {
    const server = await startServer({
      headers: () => ({ 'Content-Security-Policy': CSP }),
      routes: {
        '/host.html': {
          body: html(`<passage-map place="el-chorrillo"></passage-map>`, `<link rel="stylesheet" href="/host.css"><script type="module" src="/passage-map.js"></script>`),
        },
        '/host.css': { type: 'css', body: 'passage-map { height: 640px; }' },
      },
    });
    try {
      const pages = [
        [`${server.url}index.html`, { all: true }],
        [`${server.url}embed.html?place=cecot`, { all: false, probe: 'cecot' }],
        [`${server.url}host.html`, { all: false, probe: 'el-chorrillo' }],
      ];
      for (const [url, expect] of pages) {
        await withCleanPage(browser, url, { what: url }, async ({ page }) => {
          await assertWidgetWorks(page, expect);
        });
      }
    } finally {
      await server.close();
    }
  });

  it('two widgets on one page work independently; destroy leaves no listeners; mount again works', async () => {
    const server = await startServer({
      routes: {
        '/host.html': {
          body: html(`<div id="a" class="w"></div><div id="b" class="w"></div><button data-passage-map-place="catem" data-passage-map-for="b" id="link">CATEM</button>`, `<style>.w { height: 560px; }</style><script type="module" src="/host.js"></script>`),
        },
        '/host.js': {
          type: 'js',
          body: `import { mount } from '/passage-map.js';
            window.mount = mount;
            window.events = [];
            document.getElementById('a').addEventListener('passagemap:select', (e) => window.events.push(['a', e.detail.place]));
            window.a = await mount(document.getElementById('a'), { place: 'cecot', onSelect: (id) => window.events.push(['a-callback', id]) });
            window.b = await mount(document.getElementById('b'), { place: 'el-chorrillo' });
            window.ready = true;`,
        },
      },
    });
    try {
      await withCleanPage(browser, `${server.url}host.html`, async ({ page }) => {
        const cdp = await page.context().newCDPSession(page);
        const documentListeners = async () => {
          const { result } = await cdp.send('Runtime.evaluate', { expression: 'document' });
          const { listeners } = await cdp.send('DOMDebugger.getEventListeners', { objectId: result.objectId });
          return listeners.length;
        };
        await page.waitForFunction(() => window.ready === true);
        await page.locator('#a .pm-card[data-place="cecot"]').waitFor();
        await page.locator('#b .pm-card[data-place="el-chorrillo"]').waitFor();
        await page.evaluate(() => window.a.select('howard'));
        await page.locator('#a .pm-card[data-place="howard"]').waitFor();
        assert.equal(await page.locator('#b .pm-card').getAttribute('data-place'), 'el-chorrillo', 'B is not affected by A');
        assert.deepEqual(await page.evaluate(() => window.events.filter((e) => e[1] === 'howard')), [['a', 'howard'], ['a-callback', 'howard']]);

        // A host link aimed at widget B.
        await page.locator('#link').click();
        await page.locator('#b .pm-card[data-place="catem"]').waitFor();
        assert.equal(await page.locator('#a .pm-card').getAttribute('data-place'), 'howard');

        const withBoth = await documentListeners();
        await page.evaluate(() => window.a.destroy());
        assert.equal(await page.evaluate(() => document.getElementById('a').shadowRoot.childElementCount), 0);
        const afterDestroy = await documentListeners();
        assert.ok(afterDestroy < withBoth, `document listeners ${withBoth} → ${afterDestroy}`);
        // Mount again into the same element.
        await page.evaluate(async () => {
          window.a = await window.mount(document.getElementById('a'), { place: 'guantanamo' });
        });
        await page.locator('#a .pm-card[data-place="guantanamo"]').waitFor();
        assert.equal(await documentListeners(), withBoth, 'mounting again restores exactly the listeners of one widget');
        await page.evaluate(() => { window.a.destroy(); window.b.destroy(); });
        assert.equal(await page.locator('g.pm-place').count(), 0);
      });
    } finally {
      await server.close();
    }
  });

  it('an own story: a good one draws; a broken one names each problem and keeps its valid layers', async () => {
    const minimal = (f) => fs.readFileSync(path.join(DIST, 'examples/minimal-story', f), 'utf8');
    const places = JSON.parse(minimal('places.geojson'));
    places.features[1].geometry.coordinates = [-79.547, 98.956]; // latitude out of range
    const routes = {
      '/host.html': { body: html(`<div id="good" class="w"></div><div id="bad" class="w"></div><div id="offline" class="w"></div><div id="inline" class="w"></div>`, `<style>.w { height: 520px; }</style><script type="module" src="/host.js"></script>`) },
      '/host.js': {
        type: 'js',
        body: `import { mount } from '/passage-map.js';
          window.good = await mount(document.getElementById('good'), { story: '/examples/minimal-story/story.json' });
          window.bad = await mount(document.getElementById('bad'), { story: '/broken/story.json' });
          window.offline = await mount(document.getElementById('offline'), { story: '/flaky/story.json' });
          const get = (f) => fetch('/examples/minimal-story/' + f).then((r) => r.json());
          const [story, places, passages] = await Promise.all(['story.json', 'places.geojson', 'passages.json'].map(get));
          window.inline = await mount(document.getElementById('inline'), { story: { story, places, passages }, place: 'quarry-heights' });`,
      },
      '/broken/story.json': { type: 'json', body: minimal('story.json') },
      '/broken/places.geojson': { type: 'json', body: JSON.stringify(places) },
      '/broken/passages.json': { type: 'json', body: '{"passages": [' },
    };
    const server = await startServer({ routes });
    try {
      // The 404 of the first attempt at /flaky/story.json is the one expected problem.
      await withCleanPage(browser, `${server.url}host.html`, { allow: ['/flaky/story.json'] }, async ({ page }) => {
        await page.locator('#good g.pm-place').nth(1).waitFor();
        assert.equal(await page.locator('#good g.pm-place').count(), 2);
        // The story given as objects to mount().
        await page.locator('#inline .pm-card[data-place="quarry-heights"] .pm-passage').waitFor();

        const alert = page.locator('#bad .pm-errors[role="alert"]');
        await alert.waitFor();
        const text = await alert.textContent();
        assert.match(text, /places\.geojson: \$\.features\[1\]\.geometry\.coordinates: latitude 98\.956 is outside/);
        assert.match(text, /passages\.json: \$: not valid JSON/);
        await page.locator('#bad g.pm-place[data-place="el-chorrillo"]').waitFor();
        assert.equal(await page.locator('#bad g.pm-place').count(), 1, 'the valid place is still drawn');
        assert.equal(await page.locator('#bad button.pm-list-place').count(), 1);

        // Offline: story.json cannot be fetched → a readable message and a retry that works.
        const retry = page.locator('#offline button.pm-retry');
        await retry.waitFor();
        assert.match(await page.locator('#offline .pm-errors').textContent(), /could not fetch .*flaky\/story\.json \(HTTP 404\)/);
        routes['/flaky/story.json'] = routes['/broken/story.json'];
        routes['/flaky/places.geojson'] = { type: 'json', body: minimal('places.geojson') };
        routes['/flaky/passages.json'] = { type: 'json', body: minimal('passages.json') };
        await retry.click();
        await page.locator('#offline g.pm-place').nth(1).waitFor();
      });
    } finally {
      await server.close();
    }
  });

  it('a hostile story: its text stays text, its javascript: links are refused, nothing runs', async () => {
    const minimal = (f) => JSON.parse(fs.readFileSync(path.join(DIST, 'examples/minimal-story', f), 'utf8'));
    const story = minimal('story.json');
    story.articles[0].url = 'javascript:alert(1)';
    story.attribution.push({ name: '<b>bold</b> source', licence: 'x', url: 'javascript:alert(2)' });
    const places = minimal('places.geojson');
    places.features[0].properties.name.en = '<img src=/evil.png onerror="window.pwned=1">El Chorrillo';
    places.features[0].properties.description.en = '<script>window.pwned=2</script>';
    const passages = minimal('passages.json');
    const routes = {
      '/host.html': { body: html(`<div id="m"></div>`, `<style>#m { height: 560px; }</style><script type="module" src="/host.js"></script>`) },
      '/host.js': { type: 'js', body: `import { mount } from '/passage-map.js'; window.h = await mount(document.getElementById('m'), { story: '/hostile/story.json', place: 'el-chorrillo' });` },
      '/hostile/story.json': { type: 'json', body: JSON.stringify(story) },
      '/hostile/places.geojson': { type: 'json', body: JSON.stringify(places) },
      '/hostile/passages.json': { type: 'json', body: JSON.stringify(passages) },
    };
    const server = await startServer({ routes });
    try {
      await withCleanPage(browser, `${server.url}host.html`, async ({ page }) => {
        let dialogs = 0;
        page.on('dialog', (d) => {
          dialogs++;
          d.dismiss();
        });
        const title = page.locator('.pm-card-title');
        await title.waitFor();
        assert.equal(await title.textContent(), places.features[0].properties.name.en, 'the name is shown as text');
        assert.equal(await page.locator('.pm-card img, .pm-card script').count(), 0, 'no element made from story text');
        assert.equal(await page.locator('.pm-description').textContent(), '<script>window.pwned=2</script>');
        // The javascript: article URL is an error, and no link is made from it.
        assert.match(await page.locator('.pm-errors').textContent(), /story\.json: \$\.articles\[0\]\.url: expected an http:\/\/ or https:\/\/ address/);
        assert.equal(await page.locator('a[href^="javascript:"]').count(), 0);
        assert.equal(await page.evaluate(() => window.pwned ?? null), null);
        assert.equal(dialogs, 0);
        assert.ok(!server.log.includes('/evil.png'), 'no request made from story text');
      });
    } finally {
      await server.close();
    }
  });

  it('the demo page offers "Embed this map" snippets for the current view', async () => {
    const server = await startServer();
    try {
      await withCleanPage(browser, `${server.url}index.html?place=cecot&lang=es`, async ({ page }) => {
        await page.locator('.pm-card[data-place="cecot"]').waitFor();
        await page.locator('#embed-button').click();
        const iframe = await page.locator('#embed-iframe').inputValue();
        const script = await page.locator('#embed-script').inputValue();
        assert.match(iframe, new RegExp(`<iframe src="${server.url}embed\\.html\\?place=cecot&lang=es"`));
        assert.match(script, /<script type="module" src=".*\/passage-map\.js"><\/script>/);
        assert.match(script, /<passage-map place="cecot" lang="es"/);
      });
    } finally {
      await server.close();
    }
  });
});
