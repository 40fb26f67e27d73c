// The storytelling features against the default story, in headless Chromium: the
// guided tour (English and Spanish), the article reader and its mentions, the timeline
// and its range of years, the search, the live region, Escape and where focus returns,
// the host page's scrollytelling and tour API, fly_to, and axe-core in each of these
// states. Expected text comes from the story files in dist/story. Every page load must
// stay on its own origin with no console error or warning, no failed request and no
// CSP violation.

import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {
  DIST,
  startServer,
  launch,
  withCleanPage,
  waitForPlaces,
  waitForMapStill,
  viewSignature,
  scaleBar,
  focused,
  until,
  assertAxeClean,
  readDistJson,
} from './harness.mjs';

const story = readDistJson('story/story.json');
const tour = story.tour;
const places = readDistJson('story/places.geojson').features.map((f) => ({ ...f.properties, id: f.properties?.id ?? f.id }));
const passages = readDistJson('story/passages.json').passages;
const placeById = new Map(places.map((p) => [p.id, p]));
const passageById = new Map(passages.map((p) => [p.id, p]));
const articleById = new Map(story.articles.map((a) => [a.id, a]));
const nameOf = (id, lang = 'en') => placeById.get(id).name[lang];
const passagesNaming = (id) => passages.filter((p) => p.places.some((m) => m.id === id));
const sorted = (xs) => [...xs].sort();

/** The places a tour stop shows: those of its layers, or of its place's layer when it names none. */
const stopPlaces = (stop) => {
  const layers = stop.layers ?? [placeById.get(stop.place).layer];
  return sorted(places.filter((p) => layers.includes(p.layer)).map((p) => p.id));
};

/** The years an event touches, as the timeline counts them. */
const eventYears = (e) => [Number(e.start.slice(0, 4)), Number((e.end ?? e.start).slice(0, 4))];
const allYears = places.flatMap((p) => (p.events ?? []).flatMap(eventYears));
const FIRST_YEAR = Math.min(...allYears);
const LAST_YEAR = Math.max(...allYears);
/** The places a range of years leaves: an event touching it, or no events at all. */
const placesInYears = (from, to) =>
  sorted(
    places
      .filter((p) => !(p.events ?? []).length || p.events.some((e) => eventYears(e)[0] <= to && eventYears(e)[1] >= from))
      .map((p) => p.id),
  );

/** An article's paragraphs as the reader shows them: the non-empty lines after `---`, trimmed. */
function articleParagraphs(id) {
  const text = fs.readFileSync(path.join(DIST, 'story', articleById.get(id).file), 'utf8');
  const lines = text.split('\n');
  const rule = lines.findIndex((l) => l.trimEnd() === '---');
  assert.ok(rule > 0, `${id}: the metadata ends with ---`);
  return lines.slice(rule + 1).map((l) => l.trim()).filter((l) => l);
}

/** Lowercase, accents removed: what the search ignores. */
const fold = (s) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
/** The places whose names, aliases, kinds or descriptions (both languages) hold `q`. */
const searchHits = (q) =>
  sorted(
    places
      .filter((p) =>
        [p.name, p.kind, p.description].flatMap((t) => (t ? [t.en, t.es] : [])).concat(p.aliases ?? []).some((t) => fold(t ?? '').includes(fold(q))),
      )
      .map((p) => p.id),
  );

/** "1 place shown", "12 places shown". */
const shownText = (n) => `${n} ${n === 1 ? 'place' : 'places'} shown`;
/** "No places match", "1 place matches", "3 places match". */
const matchText = (n) => (n === 0 ? 'No places match' : n === 1 ? '1 place matches' : `${n} places match`);
const selectedText = (id) => {
  const n = passagesNaming(id).length;
  return `${nameOf(id)} selected — ${n} ${n === 1 ? 'passage' : 'passages'}`;
};

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

/**
 * A page of the site through the harness's `withCleanPage`: waits for every place
 * (`markers: n` for n, `markers: null` for at least one) and for the map to rest, runs
 * `fn`, then fails on any problem the page recorded.
 */
const withPage = (pathAndQuery, options, fn) =>
  typeof options === 'function'
    ? withPage(pathAndQuery, {}, options)
    : withCleanPage(browser, server.url + pathAndQuery, { markers: places.length, what: pathAndQuery, ...options }, fn);

const css = (s) => JSON.stringify(s); // attribute values in selectors

/**
 * What the map shows: `ids`, the place of each control (a marker's place; a group
 * control's first place, which it is keyed and focused by), sorted; `count`, the places
 * shown (a group control counts its places).
 */
const mapShows = (page) =>
  page.evaluate(() => ({
    ids: window.__pmTest
      .all('g.pm-place')
      .map((g) => g.dataset.place ?? g.dataset.opener?.replace(/^marker:/, ''))
      .sort(),
    count: window.__pmTest.shownPlaces(),
  }));
/** The control that shows a place on the map: its marker, or the group control it leads. */
const controlOf = (id) => `g.pm-place[data-place=${JSON.stringify(id)}], g.pm-place.pm-group[data-opener=${JSON.stringify(`marker:${id}`)}]`;
/** Ids of the list's entries, in list order. */
const listIds = (page) => page.evaluate(() => window.__pmTest.all('button.pm-list-place').map((b) => b.dataset.place));
/** The live region's text. */
const liveText = (page) => page.evaluate(() => window.__pmTest.one('p.pm-sr-only[role=status]')?.textContent ?? null);
/** The page's query parameters. */
const query = (page) => page.evaluate(() => Object.fromEntries(new URLSearchParams(location.search)));

/** Waits until `get()` deep-equals `want`; fails showing the last value. */
async function settlesTo(get, want, what, timeout = 10_000) {
  let last;
  try {
    await until(async () => {
      last = await get();
      return JSON.stringify(last) === JSON.stringify(want);
    }, { timeout, what });
  } catch (e) {
    assert.deepEqual(last, want, `${what} (waited ${timeout} ms)`);
    throw e;
  }
}

const waitLive = (page, text) => settlesTo(() => liveText(page), text, 'the live region');
/** Waits until the map shows exactly the places `ids` (every one of them drawn, as in the home view). */
const waitShown = (page, ids, what) =>
  settlesTo(
    async () => {
      const m = await mapShows(page);
      return { count: m.count, others: m.ids.filter((id) => !ids.includes(id)) };
    },
    { count: ids.length, others: [] },
    what ?? 'the places the map shows',
  );
/** Whether the map shows the place as the one selected: its marker pressed, or its group control marked. */
const shownSelected = (page, id) =>
  page.evaluate((sel) => {
    const g = window.__pmTest.one(sel);
    return !!g && (g.classList.contains('pm-group') ? g.classList.contains('pm-has-selected') : g.getAttribute('aria-pressed') === 'true');
  }, controlOf(id));

/** Whether the focused element (through shadow roots) matches `selector`. */
const focusIs = (page, selector) => page.evaluate((s) => window.__pmTest.active()?.matches(s) ?? false, selector);
async function waitFocus(page, selector) {
  try {
    await until(() => focusIs(page, selector), { timeout: 5_000, what: `focus on ${selector}` });
  } catch (e) {
    throw new Error(`${e.message}; focus is on ${JSON.stringify(await focused(page))}`);
  }
}

/** The tour panel as a reader sees it. */
const tourView = (page) =>
  page.evaluate(() => {
    const t = window.__pmTest;
    const s = t.one('section.pm-tour');
    if (!s) return null;
    return {
      step: s.dataset.step,
      progress: s.querySelector('.pm-tour-progress')?.textContent,
      title: s.querySelector('h3.pm-tour-title')?.textContent,
      caption: s.querySelector('.pm-tour-caption')?.textContent,
      quotes: [...s.querySelectorAll('figure.pm-passage blockquote')].map((b) => b.textContent),
      marks: [...s.querySelectorAll('figure.pm-passage blockquote mark')].map((m) => m.textContent),
      prevDisabled: s.querySelector('.pm-tour-prev')?.disabled,
      nextDisabled: s.querySelector('.pm-tour-next')?.disabled,
    };
  });

/** Whether the place's marker (or the group control it leads) is drawn inside the map, not pinned to its edge. */
const markerInView = (page, id) =>
  page.evaluate((sel) => {
    const t = window.__pmTest;
    const g = t.one(sel);
    if (!g || g.classList.contains('pm-offscreen')) return false;
    const m = g.getBoundingClientRect();
    const s = t.one('svg.pm-svg').getBoundingClientRect();
    const [x, y] = [m.left + m.width / 2, m.top + m.height / 2];
    return x > s.left && x < s.right && y > s.top && y < s.bottom;
  }, controlOf(id));

/**
 * Checks the tour panel at stop `n` (1-based) in `lang`; `address`: the page's own
 * address says ?tour=n (the demo page; a host page's address is its own).
 */
async function checkStop(page, n, lang = 'en', { address = true } = {}) {
  const stop = tour[n - 1];
  const where = `tour stop ${n} (${stop.place}, ${lang})`;
  await page.locator(`section.pm-tour[data-step="${n}"]`).waitFor();
  const v = await tourView(page);
  assert.equal(v.progress, lang === 'es' ? `Parada ${n} de ${tour.length}` : `Stop ${n} of ${tour.length}`, `${where}: progress`);
  assert.equal(v.title, nameOf(stop.place, lang), `${where}: title is the place's name`);
  assert.equal(v.caption, stop.caption[lang], `${where}: caption`);
  assert.deepEqual(v.quotes, stop.passages.map((id) => passageById.get(id).quote), `${where}: the stop's passages, verbatim`);
  for (const id of stop.passages) {
    for (const m of passageById.get(id).places) assert.ok(v.marks.some((k) => k.includes(m.mention)), `${where}: mention "${m.mention}" of ${id} is marked`);
  }
  assert.equal(v.prevDisabled, n === 1, `${where}: Previous disabled only at the first stop`);
  assert.equal(v.nextDisabled, n === tour.length, `${where}: Next disabled only at the last stop`);
  // Zoomed in, the map leaves out markers far outside the view, and groups places that
  // would overlap: what it draws is of the stop's layers.
  const drawn = await mapShows(page);
  assert.ok(drawn.ids.includes(stop.place), `${where}: the stop's place has a marker (or leads a group)`);
  assert.deepEqual(drawn.ids.filter((id) => !stopPlaces(stop).includes(id)), [], `${where}: only markers of the stop's layers`);
  assert.ok(drawn.count <= stopPlaces(stop).length, `${where}: no more places on the map (${drawn.count}) than the stop's layers hold`);
  assert.deepEqual(sorted(await listIds(page)), stopPlaces(stop), `${where}: only the stop's layers in the list`);
  if (address) await settlesTo(async () => (await query(page)).tour, String(n), `${where}: ?tour=${n} in the address`);
}

/** Clicks a place's entry in the list and waits for its card. */
async function selectFromList(page, id) {
  await page.locator(`button.pm-list-place[data-place=${css(id)}]`).click();
  await page.locator(`section.pm-card[data-place=${css(id)}]`).waitFor();
}

describe('storytelling on the demo page (index.html)', () => {
  test('the story files have what these tests need', () => {
    assert.ok(tour.length >= 3, 'story.json has a tour of several stops');
    for (const stop of tour) {
      assert.ok(placeById.has(stop.place), `tour stop place ${stop.place} is a place`);
      assert.ok(stop.caption?.en && stop.caption?.es, `tour stop ${stop.place} has captions in both languages`);
      for (const id of stop.passages) assert.ok(passageById.has(id), `tour stop ${stop.place}: passage ${id} exists`);
    }
    assert.ok(placeById.has('cecot') && placeById.has('guantanamo'));
    assert.ok(passagesNaming('guantanamo').some((p) => p.article === 'specht-cecot'), 'the CECOT article mentions Guantánamo');
    assert.ok(Number.isFinite(FIRST_YEAR) && LAST_YEAR > FIRST_YEAR);
  });

  test('the whole tour in English: every stop’s place, caption, passages and layers; Previous; Exit keeps the place', async () => {
    await withPage('index.html', async ({ page }) => {
      const start = page.locator('button.pm-start-tour');
      assert.equal((await start.textContent()).trim(), 'Start the tour');
      const historyLength = await page.evaluate(() => history.length);
      await start.click();
      await page.locator('section.pm-tour[data-step="1"]').waitFor();
      await waitFocus(page, 'h3.pm-tour-title');
      await waitLive(page, `Stop 1 of ${tour.length}: ${nameOf(tour[0].place)}`);
      for (let n = 1; n <= tour.length; n++) {
        if (n > 1) {
          await page.locator('button.pm-tour-next').click();
          await page.locator(`section.pm-tour[data-step="${n}"]`).waitFor();
          await waitLive(page, `Stop ${n} of ${tour.length}: ${nameOf(tour[n - 1].place)}`);
        }
        await waitForMapStill(page);
        await checkStop(page, n);
        assert.ok(await markerInView(page, tour[n - 1].place), `stop ${n}: the map shows ${tour[n - 1].place}`);
        assert.ok(await shownSelected(page, tour[n - 1].place), `stop ${n}: the map shows ${tour[n - 1].place} selected`);
      }
      assert.equal(await page.evaluate(() => history.length), historyLength, 'the stops replace the address, they add no history entries');
      // Previous goes back one stop.
      await page.locator('button.pm-tour-prev').click();
      await page.locator(`section.pm-tour[data-step="${tour.length - 1}"]`).waitFor();
      await waitForMapStill(page);
      await checkStop(page, tour.length - 1);
      // Exit: the tour panel goes, the place stays selected with its card, every layer is back.
      const last = tour[tour.length - 2].place;
      await page.locator('button.pm-tour-exit').click();
      await page.locator('section.pm-tour').waitFor({ state: 'detached' });
      await page.locator(`section.pm-card[data-place=${css(last)}]`).waitFor();
      await waitFocus(page, 'button.pm-start-tour');
      await waitLive(page, 'Tour ended');
      assert.deepEqual(sorted(await listIds(page)), sorted(places.map((p) => p.id)), 'every place listed again');
      const boxes = await page.evaluate(() => window.__pmTest.all('input[type=checkbox][data-layer]').map((b) => b.checked));
      assert.deepEqual(boxes, story.layers.map(() => true), 'every layer switched on again');
      const q = await query(page);
      assert.deepEqual(q, { place: last }, 'the address keeps only the place');
      // Zoomed in on the place, the map draws only nearby markers: the home view shows them all.
      const here = await viewSignature(page);
      await page.locator('button.pm-reset').click();
      await waitForMapStill(page, { from: here });
      await waitShown(page, places.map((p) => p.id), 'every place on the map in the home view after the tour');
    });
  });

  test('the tour in Spanish (?lang=es): start button, “Parada 1 de 11”, captions in Spanish; ?tour=3 opens at stop 3', async () => {
    await withPage('index.html?lang=es', { reducedMotion: 'reduce' }, async ({ page }) => {
      const start = page.locator('button.pm-start-tour');
      assert.equal((await start.textContent()).trim(), 'Iniciar el recorrido');
      await start.click();
      await checkStop(page, 1, 'es');
      await waitLive(page, `Parada 1 de ${tour.length}: ${nameOf(tour[0].place, 'es')}`);
      assert.match(await page.locator('button.pm-tour-exit').textContent(), /Salir del recorrido/);
      await page.locator('button.pm-tour-next').click();
      await checkStop(page, 2, 'es');
      await waitLive(page, `Parada 2 de ${tour.length}: ${nameOf(tour[1].place, 'es')}`);
    });
    await withPage('index.html?lang=es&tour=3', { markers: null }, async ({ page }) => {
      await checkStop(page, 3, 'es');
    });
  });

  test('reader: “Read the whole article” from CECOT’s card shows the whole article, the passage marked and in view; a mention selects its place; Back returns focus', async () => {
    const article = 'specht-cecot';
    const paragraphs = articleParagraphs(article);
    const at = (id) => paragraphs.findIndex((p) => p.includes(passageById.get(id).quote));
    // The CECOT passage of this article quoted furthest down: the reader must scroll to it.
    const candidates = passagesNaming('cecot').filter((p) => p.article === article);
    for (const p of candidates) assert.ok(at(p.id) >= 0, `passage ${p.id} is quoted verbatim in one paragraph of ${article}`);
    const from = candidates.reduce((a, b) => (at(b.id) > at(a.id) ? b : a));
    assert.ok(at(from.id) > 10, `passage ${from.id} is far down the article (paragraph ${at(from.id)})`);

    await withPage('index.html?place=cecot', { markers: null }, async ({ page }) => {
      const card = page.locator('section.pm-card[data-place="cecot"]');
      await card.waitFor();
      const read = card.locator(`button.pm-read[data-opener=${css(`read:${from.id}`)}]`);
      assert.equal((await read.textContent()).trim(), 'Read the whole article');
      await read.click();
      await page.locator('article.pm-reader .pm-came-from').waitFor();
      const r = await page.evaluate(() => {
        const t = window.__pmTest;
        const reader = t.one('article.pm-reader');
        const text = reader.querySelector('.pm-reader-text');
        const came = text.querySelectorAll('.pm-came-from');
        const c = came[0].getBoundingClientRect();
        // Every box that scrolls around it, and the window, must show the marked paragraph.
        const boxes = [];
        let scrolled = 0;
        for (let a = came[0].parentElement ?? came[0].getRootNode().host; a; a = a.parentElement ?? a.getRootNode().host ?? null) {
          if (/(auto|scroll)/.test(getComputedStyle(a).overflowY) && a.scrollHeight > a.clientHeight) {
            boxes.push(a.getBoundingClientRect());
            scrolled += a.scrollTop;
          }
        }
        const inView = c.top >= -1 && c.top < innerHeight - 20 && boxes.every((b) => c.top >= b.top - 1 && c.top < b.bottom - 20);
        return {
          title: reader.querySelector('h3.pm-reader-title')?.textContent,
          cite: reader.querySelector('.pm-cite')?.textContent,
          paragraphs: [...text.querySelectorAll(':scope > p, :scope > .pm-came-from > p:not(.pm-came-from-label)')].map((p) => p.textContent),
          cameFrom: came.length,
          cameFromLabel: came[0].querySelector('.pm-came-from-label')?.textContent,
          cameFromText: [...came[0].querySelectorAll('p:not(.pm-came-from-label)')].map((p) => p.textContent).join('\n'),
          inView,
          scrolled: scrolled + scrollY,
          focusInReader: reader.contains(t.active()),
        };
      });
      const a = articleById.get(article);
      assert.equal(r.title, a.title, 'the reader is headed by the article’s title');
      assert.ok(r.cite.includes(a.author), `the citation names ${a.author}`);
      assert.deepEqual(r.paragraphs, paragraphs, 'the whole article, verbatim, one paragraph per line of the file');
      assert.equal(r.cameFrom, 1, 'one paragraph is marked as the one the reader came from');
      assert.equal(r.cameFromLabel, 'The passage you came from');
      assert.ok(r.cameFromText.includes(from.quote), `the marked paragraph holds the quote of ${from.id}`);
      assert.ok(r.scrolled > 0, 'the reader scrolled to the marked paragraph');
      assert.ok(r.inView, 'the marked paragraph is in view');
      assert.ok(r.focusInReader, 'focus is in the reader');
      assert.deepEqual(await query(page), { place: 'cecot', article, passage: from.id });

      // Back: the card again, focus on the button that opened the reader.
      await page.locator('article.pm-reader button.pm-back').click();
      await card.waitFor();
      await waitFocus(page, `button.pm-read[data-opener=${css(`read:${from.id}`)}]`);
      assert.deepEqual(await query(page), { place: 'cecot' });

      // A mention in the reader selects its place: the map flies there, the reader stays.
      await read.click();
      await page.locator('article.pm-reader .pm-came-from').waitFor();
      const mention = page.locator('article.pm-reader button.pm-mention[data-place="guantanamo"]').first();
      assert.equal(await mention.getAttribute('aria-pressed'), 'false');
      const before = await viewSignature(page);
      await mention.click();
      await until(() => shownSelected(page, 'guantanamo'), { what: 'the map to show Guantánamo selected' });
      await waitLive(page, selectedText('guantanamo'));
      await waitForMapStill(page, { from: before });
      assert.ok(await markerInView(page, 'guantanamo'), 'the map shows Guantánamo');
      assert.equal(await page.locator('article.pm-reader').count(), 1, 'the reader stays open');
      assert.equal(await mention.getAttribute('aria-pressed'), 'true', 'the mention shows its place is the one selected');
      assert.deepEqual(await query(page), { place: 'guantanamo', article, passage: from.id });
      await page.locator('article.pm-reader button.pm-back').click();
      await page.locator('section.pm-card[data-place="guantanamo"]').waitFor();
    });

    // The deep link opens the reader at once, at the passage.
    const deep = candidates.find((p) => p.id !== from.id);
    await withPage(`index.html?article=${article}&passage=${deep.id}`, { markers: null }, async ({ page }) => {
      await page.locator('article.pm-reader .pm-came-from').waitFor();
      assert.equal(await page.locator('h3.pm-reader-title').textContent(), articleById.get(article).title);
      assert.ok((await page.locator('.pm-came-from').textContent()).includes(deep.quote), `the marked paragraph holds the quote of ${deep.id}`);
      const shown = await page.evaluate(() =>
        window.__pmTest.all('.pm-reader-text > p, .pm-reader-text > .pm-came-from > p:not(.pm-came-from-label)').map((p) => p.textContent),
      );
      assert.deepEqual(shown, paragraphs, 'the whole article');
    });
  });

  test('articles list: every article, each opens in the reader; Back returns to the list and its entry', async () => {
    await withPage('index.html', async ({ page }) => {
      const open = page.locator('button.pm-show-articles');
      assert.equal((await open.textContent()).trim(), 'Articles');
      await open.click();
      await page.locator('section.pm-articles').waitFor();
      const titles = await page.locator('button.pm-article-open').allTextContents();
      assert.deepEqual(titles, story.articles.map((a) => a.title), 'one button per article, by title');
      const a = story.articles[1];
      await page.locator(`button.pm-article-open[data-opener=${css(`article:${a.id}`)}]`).click();
      await page.locator('.pm-reader-text > p:not(.pm-status)').first().waitFor();
      assert.equal(await page.locator('h3.pm-reader-title').textContent(), a.title);
      const shown = await page.evaluate(() => window.__pmTest.all('.pm-reader-text > p').map((p) => p.textContent));
      assert.deepEqual(shown, articleParagraphs(a.id), `the whole of ${a.id}`);
      assert.equal(await page.locator('.pm-came-from').count(), 0, 'no passage marked when opened from the list');
      await page.locator('article.pm-reader button.pm-back').click();
      await page.locator('section.pm-articles').waitFor();
      await waitFocus(page, `button.pm-article-open[data-opener=${css(`article:${a.id}`)}]`);
    });
  });

  test('timeline: the year sliders by keyboard filter the map and the list; All dates resets; ticks select by click and keyboard', async () => {
    await withPage('index.html', async ({ page }) => {
      const fromInput = page.locator('section.pm-timeline label.pm-from input[type=range]');
      const toInput = page.locator('section.pm-timeline label.pm-to input[type=range]');
      const output = page.locator('section.pm-timeline output.pm-range-value');
      const allDates = page.locator('section.pm-timeline button.pm-all-dates');
      for (const input of [fromInput, toInput]) {
        assert.equal(await input.getAttribute('min'), String(FIRST_YEAR));
        assert.equal(await input.getAttribute('max'), String(LAST_YEAR));
      }
      assert.equal(await output.textContent(), `${FIRST_YEAR} – ${LAST_YEAR}`);
      assert.equal(await allDates.count(), 0, 'no “All dates” button before a range is set');

      const expectRange = async (from, to) => {
        const want = placesInYears(from, to);
        const where = `years ${from}–${to}`;
        await settlesTo(() => output.textContent(), `${from} – ${to}`, `${where}: the range shown`);
        assert.equal(await fromInput.getAttribute('aria-valuetext'), String(from), `${where}: “from” slider's value text`);
        assert.equal(await toInput.getAttribute('aria-valuetext'), String(to), `${where}: “to” slider's value text`);
        await waitShown(page, want, `${where}: the places on the map`);
        assert.deepEqual(sorted(await listIds(page)), want, `${where}: the list`);
        await waitLive(page, shownText(want.length));
        const q = await query(page);
        assert.deepEqual([q.from, q.to], [String(from), String(to)], `${where}: ?from=&to= in the address`);
        assert.equal(await allDates.isVisible(), true, `${where}: “All dates” is offered`);
        return want;
      };

      // “To” slider: Home → only the first year.
      await toInput.focus();
      await page.keyboard.press('Home');
      const first = await expectRange(FIRST_YEAR, FIRST_YEAR);
      assert.ok(first.length < places.length, 'the first year leaves out places');
      assert.ok(await focusIs(page, 'label.pm-to input[type=range]'), 'the “to” slider keeps the focus as the range changes');
      // ArrowRight eleven times: eleven years more.
      for (let i = 0; i < 11; i++) await page.keyboard.press('ArrowRight');
      await expectRange(FIRST_YEAR, FIRST_YEAR + 11);
      // “From” slider: End → up to the “to” year.
      await fromInput.focus();
      await page.keyboard.press('End');
      const one = await expectRange(FIRST_YEAR + 11, FIRST_YEAR + 11);
      assert.ok(one.some((id) => !first.includes(id)), 'the range moved: other places are shown');
      // A place with no dated event is never filtered by the years.
      for (const p of places.filter((p) => !(p.events ?? []).length)) assert.ok(one.includes(p.id), `${p.id} (no events) stays`);

      // “All dates” by keyboard: every year again, and the focus stays in the timeline.
      await allDates.focus();
      await page.keyboard.press('Enter');
      await settlesTo(() => output.textContent(), `${FIRST_YEAR} – ${LAST_YEAR}`, 'the range after All dates');
      assert.ok(await focusIs(page, 'section.pm-timeline *'), `focus stays in the timeline after “All dates” (on ${JSON.stringify(await focused(page))})`);
      await waitShown(page, places.map((p) => p.id), 'every place on the map after All dates');
      assert.equal((await listIds(page)).length, places.length, 'every place listed after All dates');
      assert.equal(await allDates.count(), 0, '“All dates” goes once every year is shown');
      const q = await query(page);
      assert.equal(q.from ?? q.to, undefined, 'no years in the address');

      // A tick: a click selects its place. Take a tick that nothing covers at its dot.
      const tick = await page.evaluate(() => {
        const ticks = window.__pmTest.all('g.pm-tick');
        for (const g of ticks) {
          const r = g.querySelector('.pm-tick-dot').getBoundingClientRect();
          const [x, y] = [r.left + r.width / 2, r.top + r.height / 2];
          if (g.getRootNode().elementFromPoint(x, y)?.closest('g.pm-tick') === g) {
            return { x, y, place: g.dataset.place, label: g.getAttribute('aria-label'), role: g.getAttribute('role') };
          }
        }
        return null;
      });
      assert.ok(tick, 'a tick can be clicked');
      assert.equal(tick.role, 'button');
      const p = placeById.get(tick.place);
      assert.ok(
        p.events.some((e) => tick.label === `${e.start}: ${e.label.en} — ${p.name.en}`),
        `the tick's label names its date, event and place ("${tick.label}")`,
      );
      await page.mouse.click(tick.x, tick.y);
      await page.locator(`section.pm-card[data-place=${css(tick.place)}]`).waitFor();
      await waitLive(page, selectedText(tick.place));

      // Keyboard: the ticks are one tab stop; End goes to the last, Enter selects it.
      const tabStops = await page.evaluate(() => window.__pmTest.all('g.pm-tick[tabindex="0"]').length);
      assert.equal(tabStops, 1, 'one tick in the tab order');
      await page.locator('g.pm-tick[tabindex="0"]').focus();
      await page.keyboard.press('End');
      const lastTick = await page.evaluate(() => {
        const ticks = window.__pmTest.all('g.pm-tick');
        return { place: ticks[ticks.length - 1].dataset.place, focused: window.__pmTest.active() === ticks[ticks.length - 1] };
      });
      assert.ok(lastTick.focused, 'End moves focus to the last tick');
      await page.keyboard.press('Enter');
      await page.locator(`section.pm-card[data-place=${css(lastTick.place)}]`).waitFor();
    });
  });

  test('search: ignores case and accents, says when nothing matches, Enter selects the first result, Escape clears', async () => {
    await withPage('index.html', async ({ page }) => {
      const box = page.getByRole('searchbox', { name: 'Search places' });
      assert.equal(await box.count(), 1, 'a search box labelled “Search places”');
      assert.equal(await page.locator('.pm-search input[type=search]').count(), 1);
      const darien = searchHits('Darién');
      assert.ok(darien.includes('san-vicente') && darien.includes('lajas-blancas'), `the Darién camps are found (${darien})`);
      for (const typed of ['darien', 'DARIÉN']) {
        await box.fill('');
        await box.pressSequentially(typed);
        await settlesTo(async () => sorted(await listIds(page)), darien, `the list for “${typed}”`);
        await waitLive(page, matchText(darien.length));
      }
      await box.fill('');
      await box.pressSequentially('carcel');
      await settlesTo(() => listIds(page), searchHits('carcel'), 'the list for “carcel”');
      assert.deepEqual(await listIds(page), ['cecot'], '“carcel” finds CECOT (megacárcel)');
      await waitLive(page, matchText(1));
      await box.press('Enter');
      await page.locator('section.pm-card[data-place="cecot"]').waitFor();
      assert.ok(await focusIs(page, '.pm-search input[type=search]'), 'focus stays in the search box');
      assert.equal(await page.locator('section.pm-card .pm-card-title').textContent(), nameOf('cecot'));
      await waitLive(page, selectedText('cecot'));

      await box.fill('');
      await box.pressSequentially('zzzz');
      await page.locator('p.pm-no-match').waitFor();
      assert.equal(await page.locator('p.pm-no-match').textContent(), 'No places match');
      assert.equal(await page.locator('button.pm-list-place').count(), 0);
      await waitLive(page, 'No places match');
      // Escape in the box clears it (and closes nothing else).
      await box.press('Escape');
      await settlesTo(async () => (await listIds(page)).length, places.length, 'every place listed after Escape');
      assert.equal(await box.inputValue(), '');
      assert.equal(await page.locator('section.pm-card[data-place="cecot"]').count(), 1, 'the card stays');
    });
  });

  test('live region: selecting, a tour stop, a layer toggle, a search', async () => {
    await withPage('index.html', { reducedMotion: 'reduce' }, async ({ page }) => {
      assert.equal(await page.locator('p.pm-sr-only[role=status]').count(), 1, 'one status region');
      await selectFromList(page, 'cecot');
      await waitLive(page, selectedText('cecot'));
      const catem = places.filter((p) => p.layer === 'catem').length;
      await page.locator('input[type=checkbox][data-layer="catem"]').uncheck();
      await waitLive(page, shownText(places.length - catem));
      await page.locator('input[type=checkbox][data-layer="catem"]').check();
      await waitLive(page, shownText(places.length));
      await page.locator('.pm-search input[type=search]').fill('darien');
      await waitLive(page, matchText(searchHits('darien').length));
      await page.locator('.pm-search input[type=search]').fill('');
      await page.locator('button.pm-start-tour').click();
      await waitLive(page, `Stop 1 of ${tour.length}: ${nameOf(tour[0].place)}`);
      await page.locator('button.pm-tour-next').click();
      await waitLive(page, `Stop 2 of ${tour.length}: ${nameOf(tour[1].place)}`);
    });
  });

  test('Escape closes the reader, the tour, the card — and focus returns to what opened each', async () => {
    await withPage('index.html', { reducedMotion: 'reduce' }, async ({ page }) => {
      // A card opened from the list: focus on its title; Escape → back to the list entry.
      await selectFromList(page, 'cecot');
      await waitFocus(page, 'h3.pm-card-title');
      await page.keyboard.press('Escape');
      await page.locator('section.pm-card').waitFor({ state: 'detached' });
      await waitFocus(page, 'button.pm-list-place[data-place="cecot"]');

      // The reader: Escape → the card, focus on “Read the whole article”; Escape → no card.
      await selectFromList(page, 'cecot');
      const id = passagesNaming('cecot')[0].id;
      await page.locator(`button.pm-read[data-opener=${css(`read:${id}`)}]`).click();
      await page.locator('article.pm-reader .pm-reader-text > p:not(.pm-status)').first().waitFor();
      await page.keyboard.press('Escape');
      await page.locator('section.pm-card[data-place="cecot"]').waitFor();
      assert.equal(await page.locator('article.pm-reader').count(), 0, 'the reader closed');
      await waitFocus(page, `button.pm-read[data-opener=${css(`read:${id}`)}]`);
      await page.keyboard.press('Escape');
      await page.locator('section.pm-card').waitFor({ state: 'detached' });
      await waitFocus(page, 'button.pm-list-place[data-place="cecot"]');

      // The tour: Escape ends it, the stop's place stays selected, focus on “Start the tour”.
      await page.locator('button.pm-start-tour').click();
      await waitFocus(page, 'h3.pm-tour-title');
      await page.keyboard.press('Escape');
      await page.locator('section.pm-tour').waitFor({ state: 'detached' });
      await page.locator(`section.pm-card[data-place=${css(tour[0].place)}]`).waitFor();
      await waitFocus(page, 'button.pm-start-tour');
      await page.keyboard.press('Escape');
      await page.locator('section.pm-card').waitFor({ state: 'detached' });

      // A marker, by keyboard: Enter opens the card and leaves focus on the marker; Escape
      // closes the card and focus is still (or again) on the marker.
      await page.locator('button.pm-reset').click();
      await waitShown(page, places.map((p) => p.id), 'every place on the map in the home view');
      const marker = page.locator('g.pm-place[data-place="cecot"]');
      await marker.focus();
      await page.keyboard.press('Enter');
      await page.locator('section.pm-card[data-place="cecot"]').waitFor();
      await waitForMapStill(page);
      await waitFocus(page, 'g.pm-place[data-place="cecot"]');
      await page.keyboard.press('Escape');
      await page.locator('section.pm-card').waitFor({ state: 'detached' });
      await waitFocus(page, 'g.pm-place[data-place="cecot"]');
    });
  });

  test('host fly_to(-79.548, 8.951, 15): street scale (about 4.7 m a pixel), the selected place stays selected', async () => {
    await withPage('index.html?place=cecot', { markers: null }, async ({ page }) => {
      await page.locator('section.pm-card[data-place="cecot"]').waitFor();
      const before = await viewSignature(page);
      await page.evaluate(() => window.passageMap.fly_to(-79.548, 8.951, 15));
      await waitForMapStill(page, { from: before });
      const want = (2 * Math.PI * 6378137 * Math.cos((8.951 * Math.PI) / 180)) / (256 * 2 ** 15);
      const s = await scaleBar(page);
      assert.ok(Math.abs(s.metresPerPixel / want - 1) < 0.15, `scale ${s.metresPerPixel.toFixed(2)} m/px (${s.key}), want about ${want.toFixed(2)}`);
      assert.equal(await page.locator('section.pm-card[data-place="cecot"]').count(), 1, 'CECOT’s card is still open');
      assert.equal(await page.locator('button.pm-list-place[data-place="cecot"]').getAttribute('aria-current'), 'true');
      assert.equal((await query(page)).place, 'cecot');
    });
  });

  for (const lang of ['en', 'es']) {
    test(`axe-core (${lang}): the tour, the articles list, the reader, a timeline range, a search`, async () => {
      await withPage(`index.html?lang=${lang}`, { reducedMotion: 'reduce' }, async ({ page }) => {
        await page.locator('button.pm-start-tour').click();
        await checkStop(page, 1, lang);
        await assertAxeClean(page, `the tour (${lang})`);
        await page.locator('button.pm-tour-exit').click();
        await page.locator('section.pm-tour').waitFor({ state: 'detached' });

        await page.locator('button.pm-show-articles').click();
        await page.locator('section.pm-articles').waitFor();
        await assertAxeClean(page, `the articles list (${lang})`);
        await page.locator('button.pm-article-open').last().click();
        await page.locator('.pm-reader-text > p:not(.pm-status)').first().waitFor();
        await assertAxeClean(page, `the reader (${lang})`);
        await page.locator('article.pm-reader button.pm-back').click();
        await page.locator('section.pm-articles button.pm-back').click();
        await page.locator('section.pm-articles').waitFor({ state: 'detached' });

        // A card with a passage, then the reader from it (the marked paragraph and mentions).
        await selectFromList(page, 'cecot');
        await page.locator('section.pm-card button.pm-read').first().click();
        await page.locator('.pm-came-from').waitFor();
        await assertAxeClean(page, `the reader at a passage (${lang})`);
        await page.keyboard.press('Escape');
        await page.locator('section.pm-card').waitFor();

        await page.locator('label.pm-from input[type=range]').fill('1989');
        await page.locator('label.pm-to input[type=range]').fill('1990');
        await settlesTo(async () => sorted(await listIds(page)), placesInYears(1989, 1990), 'the list for 1989–1990');
        await assertAxeClean(page, `a timeline range (${lang})`);
        await page.locator('button.pm-all-dates').click();

        await page.locator('.pm-search input[type=search]').fill('darien');
        await settlesTo(async () => sorted(await listIds(page)), searchHits('darien'), 'the list for “darien”');
        await assertAxeClean(page, `a search (${lang})`);
        await page.locator('.pm-search input[type=search]').fill('zzzz');
        await page.locator('p.pm-no-match').waitFor();
        await assertAxeClean(page, `a search without results (${lang})`);
      });
    });
  }
});

/** A host page: a tall intro, then the widget in a sticky box beside three tall step sections. */
function scrollyPage(widget, head = '') {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Scrollytelling host</title><link rel="icon" href="/favicon.svg">
<style>
  body { margin: 0; font: 16px/1.4 sans-serif; }
  .intro, .outro { height: 900px; padding: 1rem; }
  .story { display: grid; grid-template-columns: 880px 1fr; }
  .sticky { position: sticky; top: 0; height: 100vh; }
  .sticky > * { display: block; height: 100%; }
  [data-passage-map-step] { height: 1100px; padding: 1rem; border-top: 1px solid #999; }
</style>
<script>window.tourEvents = []; document.addEventListener('passagemap:tour', (e) => window.tourEvents.push(e.detail.stop));</script>
${head}</head><body>
<div class="intro"><h1>A story in three steps</h1></div>
<div class="story">
  <div class="sticky">${widget}</div>
  <div class="steps">
    <section data-passage-map-step="1"><h2>Step one</h2></section>
    <section data-passage-map-step="2"><h2>Step two</h2></section>
    <section data-passage-map-step="3"><h2>Step three</h2></section>
  </div>
</div>
<div class="outro"></div>
</body></html>`;
}

describe('the tour from the host page', () => {
  const HOST = { address: false };
  /** Scrolls step `n`'s section to the middle of the window, by script or by the mouse wheel. */
  async function scrollToStep(page, n, how) {
    const section = page.locator(`[data-passage-map-step="${n}"]`);
    if (how === 'wheel') {
      const dy = await section.evaluate((el) => {
        const r = el.getBoundingClientRect();
        return Math.round(r.top + r.height / 2 - innerHeight / 2);
      });
      await page.mouse.move(1100, 400); // over the text column, not the map
      await page.mouse.wheel(0, dy);
    } else {
      await section.evaluate((el) => el.scrollIntoView({ block: 'center' }));
    }
    await page.locator(`section.pm-tour[data-step="${n}"]`).waitFor();
    await checkStop(page, n, 'en', HOST);
    await settlesTo(() => page.evaluate(() => window.tourEvents.at(-1)), n, `the passagemap:tour event for stop ${n}`);
  }

  test('custom element: tour="2" opens at stop 2; scrolling each section to the middle takes it to that stop', async () => {
    const s = await startServer({
      routes: { '/host.html': { body: scrollyPage('<passage-map id="pm" tour="2"></passage-map>', '<script type="module" src="/passage-map.js"></script>') } },
    });
    try {
      await withCleanPage(browser, `${s.url}host.html`, { reducedMotion: 'reduce' }, async ({ page }) => {
        await checkStop(page, 2, 'en', HOST);
        assert.deepEqual(await page.evaluate(() => window.tourEvents), [2], 'passagemap:tour told the page about stop 2');
        await scrollToStep(page, 1, 'script');
        await scrollToStep(page, 3, 'wheel');
        await scrollToStep(page, 2, 'script');
        // The attribute, live.
        await page.evaluate(() => document.getElementById('pm').setAttribute('tour', '4'));
        await checkStop(page, 4, 'en', HOST);
        assert.equal(await page.evaluate(() => location.search), '', 'the host page’s address is left alone');
      });
    } finally {
      await s.close();
    }
  });

  test('mount(): scrollytelling, handle.tour(3) and the passagemap:tour event; tour(0) ends the tour', async () => {
    const s = await startServer({
      routes: {
        '/host.html': { body: scrollyPage('<div id="m"></div>', '<script type="module" src="/host.js"></script>') },
        '/host.js': {
          type: 'js',
          body: `import { mount } from '/passage-map.js';
            window.handle = await mount(document.getElementById('m'), {});
            window.ready = true;`,
        },
      },
    });
    try {
      await withCleanPage(browser, `${s.url}host.html`, { reducedMotion: 'reduce' }, async ({ page }) => {
        await page.waitForFunction(() => window.ready === true);
        await waitForPlaces(page, places.length);
        assert.equal(await page.locator('section.pm-tour').count(), 0, 'no tour before a step is reached');
        assert.deepEqual(await page.evaluate(() => window.tourEvents), [], 'no passagemap:tour event before a step is reached');
        await scrollToStep(page, 2, 'script');
        await scrollToStep(page, 3, 'wheel');
        await scrollToStep(page, 1, 'script');
        await page.evaluate(() => window.handle.tour(3));
        await checkStop(page, 3, 'en', HOST);
        await settlesTo(() => page.evaluate(() => window.tourEvents.at(-1)), 3, 'the passagemap:tour event for stop 3');
        await page.evaluate(() => window.handle.tour(0));
        await page.locator('section.pm-tour').waitFor({ state: 'detached' });
        await settlesTo(() => page.evaluate(() => window.tourEvents.at(-1)), null, 'the passagemap:tour event for the end of the tour');
      });
    } finally {
      await s.close();
    }
  });
});
