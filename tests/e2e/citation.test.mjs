// "Copy citation" / "Copiar cita": each passage copies its article's Chicago note (author,
// “title,” publication, date, accessed <today>, address) to the clipboard; where the
// browser refuses the clipboard, the note is shown selected in a read-only field.

import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, withCleanPage, waitForPlaces, until, readDistJson } from './harness.mjs';

const story = readDistJson('story/story.json');
const passages = readDistJson('story/passages.json').passages;
const articles = new Map(story.articles.map((a) => [a.id, a]));

const MONTHS = {
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
  es: ['enero', 'febrero', 'marzo', 'abril', 'mayo', 'junio', 'julio', 'agosto', 'septiembre', 'octubre', 'noviembre', 'diciembre'],
};

/** A date as the Chicago note writes it (the format documented in core's citation.rs). */
function chicagoDate(iso, lang) {
  const [y, m, d] = iso.split('-').map(Number);
  const month = m ? MONTHS[lang][m - 1] : null;
  if (lang === 'es') return month ? (d ? `${d} de ${month} de ${y}` : `${month} de ${y}`) : `${y}`;
  return month ? (d ? `${month} ${d}, ${y}` : `${month} ${y}`) : `${y}`;
}

function expectedNote(a, lang, today) {
  const date = a.date ? chicagoDate(a.date, lang) : lang === 'es' ? 's. f.' : 'n.d.';
  let note = `${a.author}, “${a.title},” ${a.publication}, ${date}`;
  if (a.url) note += `, ${lang === 'es' ? 'consultado el' : 'accessed'} ${chicagoDate(today, lang)}, ${a.url}`;
  return note.endsWith('.') ? note : `${note}.`;
}

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

const PLACE = 'el-chorrillo';
const first = passages.find((p) => p.places.some((m) => m.id === PLACE));

/**
 * The demo page on PLACE's card (`withCleanPage`: fails on any problem it records);
 * `fn(session)` also gets `today`, the page's date. Call as `withCard(query, [options,] fn)`.
 */
async function withCard(query, ...rest) {
  const fn = rest.pop();
  const [options = {}] = rest;
  const ready = async ({ page }) => {
    await waitForPlaces(page);
    await page.waitForSelector(`.pm-card[data-place="${PLACE}"] .pm-copy-citation`);
  };
  await withCleanPage(browser, `${server.url}index.html?place=${PLACE}${query}`, { ...options, ready }, async (session) => {
    const today = await session.page.evaluate(() => {
      const d = new Date();
      return `${d.getFullYear()}-${d.getMonth() + 1}-${d.getDate()}`;
    });
    await fn({ ...session, today });
  });
}

describe('copy citation', () => {
  for (const lang of ['en', 'es']) {
    test(`copies the Chicago note to the clipboard (${lang})`, async () => {
      await withCard(`&lang=${lang}`, async ({ page, context, today }) => {
        await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.origin });
        const button = page.locator('.pm-card .pm-passage').first().locator('.pm-copy-citation');
        assert.equal((await button.textContent()).trim(), lang === 'es' ? 'Copiar cita' : 'Copy citation');
        await button.click();
        await until(async () => (await button.textContent()).trim() === (lang === 'es' ? 'Cita copiada' : 'Citation copied'), { what: 'the copied state' });
        const copied = await page.evaluate(() => navigator.clipboard.readText());
        const a = articles.get(first.article);
        assert.equal(copied, expectedNote(a, lang, today));
        if (a.url) assert.ok(copied.includes(a.url));
      });
    });
  }

  test('where the clipboard is refused, the note is shown selected in a read-only field', async () => {
    const refused = {
      beforeGoto: (p) =>
        p.addInitScript(() => {
          Clipboard.prototype.writeText = () => Promise.reject(new DOMException('refused', 'NotAllowedError'));
        }),
    };
    await withCard('', refused, async ({ page, today }) => {
      const passage = page.locator('.pm-card .pm-passage').first();
      await passage.locator('.pm-copy-citation').click();
      const field = passage.locator('.pm-cite-fallback input');
      await field.waitFor();
      const state = await field.evaluate((el) => ({
        value: el.value,
        readOnly: el.readOnly,
        selected: el.value.slice(el.selectionStart, el.selectionEnd),
        focused: el.getRootNode().activeElement === el,
        label: el.closest('label')?.textContent,
      }));
      const note = expectedNote(articles.get(first.article), 'en', today);
      assert.equal(state.value, note);
      assert.ok(state.readOnly);
      assert.equal(state.selected, note, 'the whole note is selected');
      assert.ok(state.focused);
      assert.match(state.label, /Ctrl\+C/);
    });
  });
});
