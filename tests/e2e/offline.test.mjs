// The classroom file: dist/passage-map-offline.html, copied alone into a temporary folder
// and opened through file://, shows the map, selects CECOT from the list and reads a
// passage's whole article, and the browser makes no request but the file itself. The
// same in Firefox (Debian's firefox-esr, driven over WebDriver BiDi) where it is
// installed; skipped elsewhere.

import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import net from 'node:net';
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { DIST, REPO, launch, withCleanPage, waitForPlaces, until, readDistJson } from './harness.mjs';

const FIREFOX = process.env.PM_FIREFOX || 'firefox-esr';
const hasFirefox = spawnSync(FIREFOX, ['--version'], { encoding: 'utf8' }).status === 0;

/** A free port on 127.0.0.1. */
const freePort = () =>
  new Promise((resolve) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });

/**
 * Headless Firefox with its WebDriver BiDi server; resolves to `{ send, events, close }`.
 * The WebSocket client is the one bundled in playwright-core.
 */
async function firefox() {
  const { ws: WebSocket } = createRequire(import.meta.url)(path.join(REPO, 'node_modules/playwright-core/lib/utilsBundle.js'));
  const port = await freePort();
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'pm-firefox-'));
  const child = spawn(FIREFOX, ['--headless', '--no-remote', '--profile', profile, `--remote-debugging-port=${port}`], {
    env: { ...process.env, HOME: profile, MOZ_CRASHREPORTER_DISABLE: '1' },
    stdio: 'ignore',
    detached: true,
  });
  const close = () => {
    try {
      process.kill(-child.pid);
    } catch {}
    fs.rmSync(profile, { recursive: true, force: true });
  };
  let socket;
  const t0 = Date.now();
  for (;;) {
    try {
      socket = await new Promise((resolve, reject) => {
        const s = new WebSocket(`ws://127.0.0.1:${port}/session`);
        s.once('open', () => resolve(s));
        s.once('error', reject);
      });
      break;
    } catch (e) {
      if (Date.now() - t0 > 60_000) {
        close();
        throw new Error(`Firefox's WebDriver BiDi did not answer: ${e.message}`);
      }
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  let id = 0;
  const pending = new Map();
  const events = [];
  socket.on('message', (data) => {
    const msg = JSON.parse(String(data));
    if (pending.has(msg.id)) {
      pending.get(msg.id)(msg);
      pending.delete(msg.id);
    } else if (msg.type === 'event') events.push(msg);
  });
  const send = (method, params = {}) =>
    new Promise((resolve, reject) => {
      const n = ++id;
      pending.set(n, (msg) => (msg.type === 'success' ? resolve(msg.result) : reject(new Error(`${method}: ${msg.message}`))));
      socket.send(JSON.stringify({ id: n, method, params }));
    });
  return { send, events, close: () => (socket.close(), close()) };
}

const places = readDistJson('story/places.geojson').features;
const passages = readDistJson('story/passages.json').passages;

let browser;
let folder;
let fileUrl;

before(async () => {
  browser = await launch();
  folder = fs.mkdtempSync(path.join(os.tmpdir(), 'pm-offline-'));
  const file = path.join(folder, 'passage-map-offline.html');
  fs.copyFileSync(path.join(DIST, 'passage-map-offline.html'), file);
  fileUrl = pathToFileURL(file).href;
});

after(async () => {
  await browser?.close();
  if (folder) fs.rmSync(folder, { recursive: true, force: true });
});

describe('one file for the classroom', () => {
  test('from file://: select CECOT, read a passage, no request but the file', async () => {
    // Opened without a URL, then from file:// below; `requests` is checked against the file.
    await withCleanPage(browser, null, { what: 'the offline file' }, async ({ page, requests }) => {
      // Anything the page tried to load from the network or the disk would show up here.
      await page.goto(fileUrl);
      const total = places.length;
      assert.ok((await waitForPlaces(page)) > 0);
      await until(() => page.evaluate(() => window.__pmTest.all('.pm-names text').length > 0), { what: 'names on the map' });

      await page.click('.pm-list-place[data-place="cecot"]');
      await page.waitForSelector('.pm-card[data-place="cecot"]');
      const mine = passages.filter((p) => p.places.some((m) => m.id === 'cecot'));
      const quotes = await page.$$eval('.pm-card .pm-passage blockquote', (els) => els.map((e) => e.textContent));
      assert.equal(quotes.length, mine.length);
      assert.equal(quotes[0], mine[0].quote);

      // Read the whole article: its text comes from inside the file.
      await page.click('.pm-card .pm-passage >> nth=0 >> .pm-read');
      // The reader says "Loading…" until the article's text (from inside the file) is there.
      await until(() => page.$eval('.pm-reader .pm-reader-text', (e, start) => e.textContent.includes(start), mine[0].quote.slice(0, 60)).catch(() => false), { what: 'the article in the reader' });
      assert.equal(await page.$('.pm-reader-missing'), null);

      // Zoom to El Chorrillo: the city-scale basemap is inside the file too.
      await page.goto(`${fileUrl}?place=el-chorrillo&lang=es`);
      await waitForPlaces(page);
      await until(() => page.evaluate(() => window.__pmTest.all('.pm-basemap path.pm-lake, .pm-basemap path.pm-canal').length > 0), { what: 'the city basemap' });
      assert.equal(await page.evaluate(() => document.documentElement.lang), 'es');

      const others = requests.filter((u) => !u.startsWith(fileUrl));
      assert.deepEqual(others, [], 'no request but the file itself');
      assert.ok(total > 0);
    });
  });

  test('Firefox: from file://, the map, CECOT and its article, no request', { skip: !hasFirefox && `${FIREFOX} is not installed` }, async () => {
    const ff = await firefox();
    try {
      await ff.send('session.new', { capabilities: {} });
      await ff.send('session.subscribe', { events: ['network.beforeRequestSent', 'log.entryAdded'] });
      const context = (await ff.send('browsingContext.getTree', {})).contexts[0].context;
      const evaluate = async (expression) =>
        (await ff.send('script.evaluate', { expression, target: { context }, awaitPromise: true })).result?.value;
      // Polls an expression (in the page, through the widget's shadow root) until it is truthy.
      const poll = (expression, what) => until(() => evaluate(`(() => { const r = document.getElementById('map').shadowRoot; return r ? ${expression} : null; })()`), { timeout: 20_000, what });
      await ff.send('browsingContext.navigate', { context, url: fileUrl, wait: 'complete' });
      assert.ok(await poll(`r.querySelectorAll('g.pm-place').length`, 'markers in Firefox'));
      assert.ok(await poll(`r.querySelectorAll('.pm-names text').length`, 'names in Firefox'));
      await evaluate(`document.getElementById('map').shadowRoot.querySelector('.pm-list-place[data-place="cecot"]').click()`);
      assert.equal(await poll(`r.querySelector('.pm-card[data-place="cecot"] h3')?.textContent`, 'the CECOT card'), 'CECOT');
      await evaluate(`document.getElementById('map').shadowRoot.querySelector('.pm-card .pm-passage .pm-read').click()`);
      const first = passages.find((p) => p.places.some((m) => m.id === 'cecot'));
      const start = JSON.stringify(first.quote.slice(0, 60));
      // The reader shows "Loading…" until the article's text (from inside the file) is there.
      assert.ok(await poll(`r.querySelector('.pm-reader-text')?.textContent.includes(${start})`, 'the article in the reader'));
      assert.equal(await evaluate(`document.getElementById('map').shadowRoot.querySelector('.pm-reader-missing') === null`), true);
      const requests = ff.events
        .filter((e) => e.method === 'network.beforeRequestSent')
        .map((e) => e.params.request.url)
        .filter((u) => !u.startsWith('data:'));
      assert.deepEqual(requests.filter((u) => !u.startsWith(fileUrl)), [], 'no request but the file itself');
      const errors = ff.events.filter((e) => e.method === 'log.entryAdded' && e.params.level === 'error').map((e) => e.params.text);
      assert.deepEqual(errors, []);
    } finally {
      ff.close();
    }
  });
});
