// The README's embedding section works as written: its HTML snippets, pasted into plain
// pages of a site that serves dist/ at /passage-map/, draw the widget — and so does the
// release-pinned snippet with Subresource Integrity that `cargo xtask dist` writes.

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { DIST, REPO, launch, openPage, startServer, withCleanPage, until } from './harness.mjs';

/** The ```html blocks of the README's "## Embedding" section, in order. */
function embeddingSnippets() {
  const readme = fs.readFileSync(path.join(REPO, 'README.md'), 'utf8');
  const section = readme.split(/^## /m).find((s) => s.startsWith('Embedding'));
  assert.ok(section, 'README has an "## Embedding" section');
  return [...section.matchAll(/```html\n([\s\S]*?)```/g)].map((m) => m[1]);
}

const page = (body) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Pasted</title><link rel="icon" href="/passage-map/favicon.svg"></head><body><h1>A host page</h1>${body}</body></html>`;

let browser;
let server;
let site;
before(async () => {
  browser = await launch();
  // A site with dist/ at /passage-map/, as the README assumes.
  site = fs.mkdtempSync(path.join(os.tmpdir(), 'pm-readme-'));
  fs.symlinkSync(DIST, path.join(site, 'passage-map'));
  const snippets = embeddingSnippets();
  const [iframe, heightScript, moduleSnippet, element, hostLink, scrolly, frameScrolly] = snippets;
  assert.match(iframe, /<iframe/);
  assert.match(heightScript, /passage-map:height/);
  assert.match(moduleSnippet, /import \{ mount \}/);
  assert.match(element, /<passage-map /);
  assert.match(hostLink, /data-passage-map-place/);
  assert.match(scrolly, /data-passage-map-step/);
  assert.match(frameScrolly, /passage-map:tour/);
  // The scrollytelling snippets with tall sections (as a real article has) and the
  // widget kept in view; the element snippet brings the script.
  const script = element.split('\n')[0];
  const tall = '<style>section { min-height: 130vh; } .sticky-map, iframe { position: sticky; top: 0; height: 360px; }</style>';
  fs.writeFileSync(path.join(site, 'scrolly.html'), page(tall + script + scrolly));
  const sections = scrolly.split('\n').filter((l) => l.includes('<section')).join('\n');
  fs.writeFileSync(path.join(site, 'scrolly-frame.html'), page(tall + iframe + sections + frameScrolly));
  const pinned = fs.readFileSync(path.join(DIST, 'SNIPPETS.txt'), 'utf8').split('<!-- custom element')[1].replace(/^[^\n]*\n/, '');
  const tampered = pinned.replace(/integrity="sha384-[^"]+"/, 'integrity="sha384-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"');
  fs.writeFileSync(path.join(site, 'iframe.html'), page(iframe + heightScript));
  fs.writeFileSync(path.join(site, 'module.html'), page(moduleSnippet));
  fs.writeFileSync(path.join(site, 'element.html'), page(element + hostLink));
  fs.writeFileSync(path.join(site, 'pinned.html'), page(pinned));
  fs.writeFileSync(path.join(site, 'tampered.html'), page(tampered));
  server = await startServer({ root: site });
});
after(async () => {
  await browser?.close();
  await server?.close();
  if (site) fs.rmSync(site, { recursive: true, force: true });
});

describe('README embedding snippets, pasted as written', () => {
  it('iframe + height script: the map shows its place and the frame takes the announced height', async () => {
    await withCleanPage(browser, `${server.url}iframe.html`, async ({ page: p }) => {
      await p.frameLocator('iframe').locator('.pm-card[data-place="cecot"]').waitFor();
      await until(async () => (await p.evaluate(() => document.querySelector('iframe').style.height)) === '600px', {
        what: 'the host script to apply the announced height',
      });
    });
  });

  it('script module: mount() with place and layers, and the handle works', async () => {
    await withCleanPage(browser, `${server.url}module.html`, async ({ page: p }) => {
      await p.locator('.pm-card[data-place="el-chorrillo"]').waitFor();
      assert.equal(await p.locator('button.pm-list-place[data-place="cecot"]').count(), 0, 'layers option hides CECOT');
      assert.ok((await p.locator('button.pm-list-place[data-place="howard"]').count()) === 1);
      await p.evaluate(() => window.storyMap.select('cecot'));
      await p.locator('.pm-card[data-place="cecot"]').waitFor();
      await p.evaluate(() => window.storyMap.set_layers(['darien']));
      await until(async () => (await p.locator('button.pm-list-place').count()) === 3, { what: 'only the Darién layer listed' });
      await p.evaluate(() => window.storyMap.destroy());
      assert.equal(await p.locator('.pm-widget').count(), 0);
      // console.log of onSelect is the snippet's own output, not a problem.
    });
  });

  it('custom element and a host link', async () => {
    await withCleanPage(browser, `${server.url}element.html`, async ({ page: p }) => {
      await p.locator('.pm-card[data-place="cecot"]').waitFor();
      await p.locator('[data-passage-map-place="el-chorrillo"]').click();
      await p.locator('.pm-card[data-place="el-chorrillo"]').waitFor();
    });
  });

  it('scrollytelling: the page\'s sections take the custom element, and through postMessage the iframe, to their stops', async () => {
    for (const [file, frame] of [['scrolly.html', false], ['scrolly-frame.html', true]]) {
      await withCleanPage(browser, `${server.url}${file}`, { viewport: { width: 1100, height: 800 }, what: file }, async ({ page: p }) => {
        const widget = frame ? p.frameLocator('iframe') : p;
        await widget.locator('g.pm-place').first().waitFor();
        const steps = await p.evaluate(() => [...document.querySelectorAll('[data-passage-map-step]')].map((s) => s.dataset.passageMapStep));
        assert.ok(steps.length >= 2, file);
        for (const step of steps) {
          await p.evaluate((n) => document.querySelector(`[data-passage-map-step="${n}"]`).scrollIntoView({ block: 'center' }), step);
          await widget.locator(`section.pm-tour[data-step="${step}"]`).waitFor({ timeout: 10_000 });
        }
      });
    }
  });

  it('the release-pinned snippet loads with its integrity value, and a wrong one is refused', async () => {
    await withCleanPage(browser, `${server.url}pinned.html`, async ({ page }) => {
      await page.locator('.pm-card[data-place="cecot"]').waitFor();
    });
    // This page must record a problem (the refused script): openPage, not withCleanPage.
    const bad = await openPage(browser, `${server.url}tampered.html`);
    try {
      await until(() => bad.problems.some((p) => /integrity/i.test(p)), { what: 'the browser to refuse the script' });
      assert.equal(await bad.page.locator('.pm-widget').count(), 0, 'a script failing its integrity check must not run');
    } finally {
      await bad.close();
    }
  });
});
