// oEmbed: embed.html names its oEmbed response in a discovery link, and the widget works
// where a consumer puts the response — WordPress puts a discovered embed into an
// <iframe sandbox="allow-scripts">, whose origin is `null`, so every module script,
// wasm and JSON fetch of the widget is a cross-origin request: it works when the
// widget's files carry Access-Control-Allow-Origin: * (as `cargo xtask serve` sends and
// the README shows for Apache, nginx and Caddy), and fails without it.

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

import { DIST, launch, openPage, startServer, withCleanPage, until } from './harness.mjs';

const SECRET = 'Ab12Cd34Ef';
const host = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>A post</title><link rel="icon" href="/favicon.svg"></head><body>
<h1>A post</h1>
<iframe class="wp-embedded-content" sandbox="allow-scripts" security="restricted" src="/embed.html?place=cecot#?secret=${SECRET}"
        data-secret="${SECRET}" title="Story map" width="650" height="600" style="display:block;border:0"></iframe>
<script>
  window.messages = [];
  addEventListener('message', (e) => { if (e.source === document.querySelector('iframe').contentWindow) window.messages.push(e.data); });
</script></body></html>`;

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/** A server for dist/ and the host page; the widget's files get `headers`. */
const serve = (headers) => startServer({ routes: { '/host.html': { body: host } }, headers: (p) => (p === '/host.html' ? {} : headers) });

describe('oEmbed', () => {
  it('embed.html names oembed.json, a rich response with an iframe of embed.html', async () => {
    const html = fs.readFileSync(path.join(DIST, 'embed.html'), 'utf8');
    const link = /<link rel="alternate" type="application\/json\+oembed" href="([^"]+)"[^>]*>/.exec(html);
    assert.ok(link, 'embed.html has an oEmbed discovery link');
    const server = await serve({ 'Access-Control-Allow-Origin': '*' });
    try {
      const res = await fetch(new URL(link[1], `${server.url}embed.html`));
      assert.equal(res.status, 200);
      const json = await res.json();
      assert.equal(json.version, '1.0');
      assert.equal(json.type, 'rich');
      assert.ok(json.width > 0 && json.height > 0);
      const src = /<iframe src="([^"]+)"/.exec(json.html)?.[1];
      assert.match(src ?? '', /(^|\/)embed\.html$/, json.html);
    } finally {
      await server.close();
    }
  });

  it('in a sandbox="allow-scripts" frame (origin null) the widget loads with Access-Control-Allow-Origin: *, and asks WordPress for its height', async () => {
    const server = await serve({ 'Access-Control-Allow-Origin': '*' });
    try {
      await withCleanPage(browser, `${server.url}host.html`, async ({ page, requests }) => {
        const frame = page.frame({ url: /embed\.html/ });
        await frame.locator('.pm-card[data-place="cecot"] .pm-passage').first().waitFor();
        assert.equal(await frame.evaluate(() => self.origin), 'null', 'the frame is sandboxed');
        // Module scripts, the wasm, the story's JSON and the stylesheet (a <link> in the
        // shadow root) all came through.
        for (const re of [/passage-map\.[0-9a-f]+\.js$/, /\.wasm$/, /story\/places\.geojson$/, /story\/passages\.json$/, /passage-map\.[0-9a-f]+\.css$/]) {
          assert.ok(requests.some((u) => re.test(u)), `requested ${re}`);
        }
        const styled = await frame.evaluate(() => getComputedStyle(window.__pmTest.one('.pm-widget')).display);
        assert.equal(styled, 'flex', "the widget's stylesheet applies");
        const asked = await until(() => page.evaluate((s) => window.messages.find((m) => m && m.secret === s), SECRET), {
          what: "the frame's height message in WordPress's format",
        });
        assert.equal(asked.message, 'height');
        assert.ok(asked.value >= 400, `height ${asked.value}`);
      });
    } finally {
      await server.close();
    }
  });

  it('without Access-Control-Allow-Origin the sandboxed frame cannot load the widget', async () => {
    const server = await serve({});
    // This page must record a problem (the CORS error): openPage, not withCleanPage.
    const { page, problems, close } = await openPage(browser, `${server.url}host.html`);
    try {
      await until(() => problems.some((p) => /CORS|Access-Control-Allow-Origin/i.test(p)), { what: 'a CORS error' });
      const frame = page.frame({ url: /embed\.html/ });
      assert.match(await frame.locator('#map').innerText(), /needs JavaScript and WebAssembly/);
      assert.equal(await frame.evaluate(() => window.__pmTest.all('.pm-widget').length), 0);
    } finally {
      await close();
      await server.close();
    }
  });
});
