// The Rust crate in a Yew app: `examples/yew-app`, built by `cargo xtask test` into
// `build/yew-app/` (env PM_YEW_APP), served as one static folder holding exactly what
// the crate README tells a host app to serve. `<PassageMap … />` draws the map and the
// card of its `place`, `on_select` reports the reader's selections to the app, and the
// app's own buttons change the `place` property.

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

import { REPO, launch, startServer, withCleanPage, waitForPlaces, readDistJson } from './harness.mjs';

const APP = path.resolve(process.env.PM_YEW_APP || path.join(REPO, 'build', 'yew-app'));
const PLACES = readDistJson('story/places.geojson').features.map((f) => f.properties);
const PASSAGES = readDistJson('story/passages.json').passages;
const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";

describe('examples/yew-app: <PassageMap> in a Yew app', { skip: !fs.existsSync(path.join(APP, 'index.html')) && `no ${APP}/index.html (cargo xtask test builds it)` }, () => {
  let browser;
  let server;
  before(async () => {
    browser = await launch();
    server = await startServer({ root: APP, headers: () => ({ 'Content-Security-Policy': CSP }) });
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('draws the map and the card of its place, with passages; on_select and the place property work', async () => {
    await withCleanPage(browser, server.url, async ({ page }) => {
      // The map with its places (every one in the list), and the card of the `place`
      // property (cecot).
      await waitForPlaces(page);
      assert.equal(await page.locator('button.pm-list-place').count(), PLACES.length);
      const cecot = PLACES.find((p) => p.id === 'cecot');
      await page.locator('.pm-card[data-place="cecot"] .pm-card-title', { hasText: cecot.name.en }).waitFor();
      const quotes = await page.locator('.pm-card[data-place="cecot"] .pm-passage blockquote').allTextContents();
      const named = PASSAGES.filter((p) => p.places.some((x) => x.id === 'cecot'));
      assert.equal(quotes.length, named.length, 'the card quotes every passage that names CECOT');
      assert.ok(named.some((p) => quotes[0].replace(/\s+/g, ' ').includes(p.quote.slice(0, 40).replace(/\s+/g, ' '))), `first quote: ${quotes[0]}`);
      // The basemap came from the app's folder.
      await page.locator('.pm-basemap path').first().waitFor({ state: 'attached' });
      // The widget's text keeps its own size on the app's 62.5 % root.
      assert.equal(await page.evaluate(() => getComputedStyle(document.querySelector('.pm-widget')).fontSize), '15px');

      // on_select: the reader picks a place in the list; the app hears of it.
      const before = Number(await page.locator('#selected').getAttribute('data-count'));
      await page.locator('button.pm-list-place[data-place="howard"]').click();
      await page.locator('.pm-card[data-place="howard"]').waitFor();
      await page.locator('#selected', { hasText: 'Selected: howard' }).waitFor();
      assert.equal(Number(await page.locator('#selected').getAttribute('data-count')), before + 1);

      // The app changes the `place` property: the widget selects that place.
      await page.locator('#show-el-chorrillo').click();
      await page.locator('.pm-card[data-place="el-chorrillo"] .pm-passage').first().waitFor();
      await page.locator('#selected', { hasText: 'Selected: el-chorrillo' }).waitFor();
    });
  });
});
