// The print handout: printing the demo page with a place selected gives at most four A4
// pages (Chromium's own PDF) with the title, the map without its controls, the place
// with every passage and each passage's full citation with the article's address, the
// legend and the data sources. The card's "Print handout" button opens the print dialog.

import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startServer, launch, withCleanPage, waitForPlaces, waitForMapStill, readDistJson } from './harness.mjs';

const story = readDistJson('story/story.json');
const passages = readDistJson('story/passages.json').passages;
const articles = new Map(story.articles.map((a) => [a.id, a]));

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

/** Pages of a PDF: its page objects (`/Type /Page`, not `/Pages`). */
const pageCount = (pdf) => (pdf.toString('latin1').match(/\/Type\s*\/Page(?![a-z])/g) ?? []).length;

/** The PDF's text through poppler's pdftotext, or null where it is not installed. */
function pdfText(pdf) {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'pm-print-')), 'handout.pdf');
  fs.writeFileSync(file, pdf);
  const r = spawnSync('pdftotext', [file, '-'], { encoding: 'utf8' });
  fs.rmSync(path.dirname(file), { recursive: true });
  return r.status === 0 ? r.stdout.replace(/\s+/g, ' ') : null;
}

/**
 * The demo page on a place's card once the map rests; `withCleanPage` fails on any
 * problem it records.
 */
function withPlace(place, fn) {
  const ready = async ({ page }) => {
    await waitForPlaces(page);
    await page.waitForSelector(`.pm-card[data-place="${place}"]`);
    await waitForMapStill(page);
  };
  return withCleanPage(browser, `${server.url}index.html?place=${place}`, { ready }, fn);
}

describe('print handout', () => {
  for (const place of ['cecot', 'panama-canal', 'el-chorrillo', 'howard']) {
    test(`${place}: at most 4 A4 pages, citations with addresses, no controls`, async () => {
      await withPlace(place, async ({ page }) => {
        const mine = passages.filter((p) => p.places.some((m) => m.id === place));
        const pdf = await page.pdf({ format: 'A4', printBackground: true });
        const pages = pageCount(pdf);
        assert.ok(pages >= 1 && pages <= 4, `${pages} pages`);

        await page.emulateMedia({ media: 'print' });
        const printed = await page.evaluate(() => {
          const t = window.__pmTest;
          const shown = (el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
          return {
            controls: t.all('button, input, select, textarea, .pm-controls, .pm-timeline, .pm-locator').filter(shown).map((e) => e.outerHTML.slice(0, 80)),
            title: t.one('.pm-title')?.textContent,
            card: shown(t.one('.pm-card')),
            description: shown(t.one('.pm-card .pm-description')),
            accuracy: shown(t.one('.pm-card .pm-accuracy')),
            quotes: t.all('.pm-card .pm-passage blockquote').filter(shown).length,
            notes: t.all('.pm-card .pm-cite-note').filter(shown).map((e) => e.textContent),
            legend: shown(t.one('.pm-legend')),
            sources: shown(t.one('.pm-attribution')),
            map: shown(t.one('svg.pm-svg')) && t.all('g.pm-place').length > 0,
          };
        });
        assert.deepEqual(printed.controls, [], 'no controls in print');
        assert.equal(printed.title, story.title.en);
        for (const k of ['card', 'description', 'accuracy', 'legend', 'sources', 'map']) assert.ok(printed[k], `${k} is printed`);
        assert.equal(printed.quotes, mine.length, 'every passage is printed');
        assert.equal(printed.notes.length, mine.length, 'every passage has its citation');
        for (const [i, p] of mine.entries()) {
          const a = articles.get(p.article);
          assert.ok(printed.notes[i].startsWith(`${a.author}, “${a.title},”`), printed.notes[i]);
          if (a.url) assert.ok(printed.notes[i].includes(`accessed`) && printed.notes[i].endsWith(`${a.url}.`), printed.notes[i]);
        }
        const text = pdfText(pdf);
        if (text !== null) {
          assert.ok(text.includes(story.title.en), 'the PDF has the title');
          for (const url of new Set(mine.map((p) => articles.get(p.article).url).filter(Boolean))) {
            assert.ok(text.replace(/ /g, '').includes(url.replace(/ /g, '')), `the PDF writes out ${url}`);
          }
          assert.ok(!/Copy citation|Print handout|Start the tour/.test(text), 'no control labels in the PDF');
        }
      });
    });
  }

  test('the card\'s "Print handout" button opens the print dialog', async () => {
    await withPlace('el-chorrillo', async ({ page }) => {
      await page.evaluate(() => {
        window.__printed = 0;
        window.print = () => window.__printed++;
      });
      await page.click('.pm-card button.pm-print');
      assert.equal(await page.evaluate(() => window.__printed), 1);
    });
  });
});
