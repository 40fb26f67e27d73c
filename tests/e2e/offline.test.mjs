// The classroom file: dist/passage-map-offline.html, copied alone into a temporary folder
// and opened through file://, shows the map, selects CECOT from the list and reads a
// passage's whole article, and the browser makes no request but the file itself.

import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DIST, launch, openPage, assertNoProblems, waitForPlaces, until, readDistJson } from './harness.mjs';

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
    const { page, problems, requests, close } = await openPage(browser, null);
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
    await page.waitForSelector('.pm-reader .pm-reader-text p');
    const text = await page.$eval('.pm-reader .pm-reader-text', (e) => e.textContent);
    assert.ok(text.includes(mine[0].quote.slice(0, 60)), 'the article holds the passage');
    assert.equal(await page.$('.pm-reader-missing'), null);

    // Zoom to El Chorrillo: the city-scale basemap is inside the file too.
    await page.goto(`${fileUrl}?place=el-chorrillo&lang=es`);
    await waitForPlaces(page);
    await until(() => page.evaluate(() => window.__pmTest.all('.pm-basemap path.pm-lake, .pm-basemap path.pm-canal').length > 0), { what: 'the city basemap' });
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'es');

    const others = requests.filter((u) => !u.startsWith(fileUrl));
    assert.deepEqual(others, [], 'no request but the file itself');
    assertNoProblems(problems);
    assert.ok(total > 0);
    await close();
  });
});
