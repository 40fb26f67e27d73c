// The browser survives what the fuzzers throw at the story parser (fuzz/, and the fixed
// cases of crates/passage-map-core/tests/hostile_inputs.rs): nesting past serde_json's
// limit, huge numbers, strings of 10 MB, invalid UTF-8 served as files, empty and
// wrong-shaped files, and the largest inputs of the committed fuzz corpus. Each goes to
// its own widget through mount(el, {story: {story, places, passages}}) as texts, or as
// files the widget fetches. Each must show its errors in `.pm-errors`, log nothing to the
// console (a Rust panic would), and leave the shared wasm instance working: a widget
// mounted afterwards draws the default story.

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

import { REPO, launch, startServer, withCleanPage, waitForPlaces, readDistJson } from './harness.mjs';

const PLACE_COUNT = readDistJson('story/places.geojson').features.length;

const html = (body, head = '') =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Hostile stories</title><link rel="icon" href="/favicon.svg">${head}</head><body>${body}</body></html>`;

/** The largest inputs of the committed story_bytes corpus, cut at NUL like the fuzzer. */
function corpusCases(n) {
  const dir = path.join(REPO, 'fuzz/corpus/story_bytes');
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .map((f) => ({ f, size: fs.statSync(path.join(dir, f)).size }))
    .sort((a, b) => b.size - a.size || a.f.localeCompare(b.f))
    .slice(0, n)
    .map(({ f }) => {
      const bytes = fs.readFileSync(path.join(dir, f));
      const parts = [];
      let start = 0;
      for (let i = 0; i < bytes.length && parts.length < 3; i++) {
        if (bytes[i] === 0) {
          parts.push(bytes.subarray(start, i));
          start = i + 1;
        }
      }
      parts.push(bytes.subarray(start));
      // Lossy UTF-8, as the fuzz harness and a browser's Response.text() decode.
      const [story = '', places = '', passages = ''] = parts.map((b) => b.toString('utf8'));
      return { name: `corpus ${f.slice(0, 12)}`, story, places, passages };
    });
}

// Runs in the page: builds each case from the default story and mounts it. Cases are made
// here, not sent from node, so that 10 MB strings do not cross the protocol.
const HOST_JS = `import { mount } from '/passage-map.js';
const get = (f) => fetch('/story/' + f).then((r) => r.text());
const [story, places, passages] = await Promise.all(['story.json', 'places.geojson', 'passages.json'].map(get));
const edit = (text, f) => { const v = JSON.parse(text); f(v); return JSON.stringify(v); };
const raw = (text, f, marker, replacement) => edit(text, f).replace(JSON.stringify(marker), replacement);
const big = 'é'.repeat(5 * 1024 * 1024); // 10 MB of UTF-8
let nested = 'x';
for (let i = 0; i < 120; i++) nested = { en: nested };
window.cases = {
  'nesting past the limit': { story, places: '['.repeat(100000), passages: '{"a":'.repeat(100000) },
  'nesting 120 deep': { story, passages, places: edit(places, (p) => { p.features[0].properties.name = nested; }) },
  'a number past f64': { story, passages, places: raw(places, (p) => { p.features[0].properties.accuracy_m = '@@'; }, '@@', '1e400') },
  'huge finite numbers': {
    story, passages,
    places: raw(places, (p) => { p.features[0].geometry.coordinates = [1e308, -1e308]; p.features[1].properties.accuracy_m = '@@'; }, '@@', '9'.repeat(300)),
  },
  '10 MB strings': {
    story,
    places: edit(places, (p) => { p.features[3].properties.description.en = big; p.features[4].properties.aliases = [big]; }),
    passages: edit(passages, (q) => { q.passages[2].quote = big; q.passages[3].places[0].mention = big; }),
  },
  'empty files': { story: '', places: '', passages: '' },
  'wrong shapes': { story: '[]', places: '{"type":"FeatureCollection","features":[null,1,"x",[]]}', passages: '{"passages":7}' },
  'a byte-order mark and nulls': { story: '\\ufeff' + story, places: places.replace('{', '{\\u0000'), passages },
  ...(window.corpus ?? {}),
};
window.mountCase = async (name) => {
  const el = document.createElement('div');
  el.className = 'w';
  el.dataset.case = name;
  document.body.append(el);
  await mount(el, { story: window.cases[name] });
  return true;
};
window.mountUrl = async (name, url) => {
  const el = document.createElement('div');
  el.className = 'w';
  el.dataset.case = name;
  document.body.append(el);
  await mount(el, { story: url });
  return true;
};
window.ready = true;`;

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

describe('hostile stories in the browser', () => {
  it('every fuzzer-style case shows its errors, no panic, and the wasm keeps working', { timeout: 600_000 }, async () => {
    const story = fs.readFileSync(path.join(REPO, 'dist/story/story.json'));
    const places = fs.readFileSync(path.join(REPO, 'dist/story/places.geojson'));
    const passages = fs.readFileSync(path.join(REPO, 'dist/story/passages.json'));
    // Invalid UTF-8 in files the widget fetches: outside strings (invalid JSON) and inside
    // a quote (decoded to U+FFFD, so the quote is kept with a replacement character).
    const badPlaces = Buffer.concat([places.subarray(0, 1), Buffer.from([0xff, 0xc0, 0xaf]), places.subarray(1)]);
    const at = passages.indexOf(Buffer.from('"quote":"')) + 9;
    const badPassages = Buffer.concat([passages.subarray(0, at), Buffer.from([0x80, 0xfe]), passages.subarray(at)]);
    const corpus = corpusCases(5);
    const routes = {
      '/host.html': {
        body: html(
          '',
          `<style>.w { height: 420px; }</style><script>window.corpus = ${JSON.stringify(Object.fromEntries(corpus.map((c) => [c.name, c]))).replace(/</g, '\\u003c')};</script><script type="module" src="/host.js"></script>`,
        ),
      },
      '/host.js': { type: 'js', body: HOST_JS },
      '/utf8/story.json': { type: 'json', body: story },
      '/utf8/places.geojson': { type: 'json', body: badPlaces },
      '/utf8/passages.json': { type: 'json', body: badPassages },
    };
    const server = await startServer({ routes });
    try {
      await withCleanPage(browser, `${server.url}host.html`, async ({ page, problems }) => {
        await page.waitForFunction(() => window.ready === true, null, { timeout: 60_000 });
        const expected = {
          'nesting past the limit': [/places\.geojson: \$: not valid JSON: recursion limit exceeded/, /passages\.json: \$: not valid JSON: recursion limit exceeded/],
          'nesting 120 deep': [/places\.geojson: \$\.features\[0\]\.properties\.name\.en: expected a string, found an object/],
          'a number past f64': [/places\.geojson: \$: not valid JSON: number out of range/],
          'huge finite numbers': [/places\.geojson: \$\.features\[0\]\.geometry\.coordinates: longitude 1e308|longitude .* is outside/],
          '10 MB strings': [/passages\.json: \$\.passages\[3\]\.places\[0\]\.mention: ".*" does not occur in the passage's quote/],
          'empty files': [/story\.json: \$: not valid JSON/],
          'wrong shapes': [/story\.json: \$: expected an object, found an array|story\.json/],
          'a byte-order mark and nulls': [/not valid JSON/],
        };
        const names = [...Object.keys(expected), ...corpus.map((c) => c.name)];
        for (const name of names) {
          await page.evaluate((n) => window.mountCase(n), name);
          const box = page.locator(`[data-case="${name}"]`);
          // A corpus case may be a valid story: then the map draws instead.
          const shown = box.locator('.pm-errors, g.pm-place').first();
          await shown.waitFor({ timeout: 120_000 });
          if (expected[name]) {
            const errors = box.locator('.pm-errors');
            await errors.waitFor();
            const text = await errors.textContent();
            for (const re of expected[name]) assert.match(text, re, `${name}: ${text.slice(0, 400)}`);
          }
          assert.deepEqual(problems, [], `${name}: console or page errors`);
          // Free the page's memory for the next case.
          await page.evaluate((n) => document.querySelector(`[data-case="${n}"]`).remove(), name);
        }

        await page.evaluate(() => window.mountUrl('utf8', '/utf8/story.json'));
        const utf8 = page.locator('[data-case="utf8"] .pm-errors');
        await utf8.waitFor({ timeout: 60_000 });
        const text = await utf8.textContent();
        assert.match(text, /places\.geojson: \$: not valid JSON/);
        assert.doesNotMatch(text, /passages\.json/, 'a replacement character inside a quote is no error');

        // The one wasm instance still works: the default story draws in full.
        await page.evaluate(() => window.mountUrl('after', '/story/story.json'));
        await page.locator('[data-case="after"] g.pm-place').first().waitFor({ timeout: 60_000 });
        await waitForPlaces(page, PLACE_COUNT, 60_000);
      });
    } finally {
      await server.close();
    }
  });
});
