// The harness checks itself: the static server (types, 404, no traversal, extra
// headers and routes), the problem recorder (console, page errors, failed and
// cross-origin requests, CSP violations) and withCleanPage, which fails a test on them.
// If these break, the widget tests would pass without seeing anything.

import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer, launch, openPage, assertNoProblems, withCleanPage, until } from './harness.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));

/** A raw GET (the path is sent as written, not normalised by a URL parser). */
function get(origin, rawPath) {
  const { hostname, port } = new URL(origin);
  return new Promise((resolve, reject) => {
    http
      .get({ hostname, port, path: rawPath }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode, type: res.headers['content-type'], headers: res.headers, body }));
      })
      .on('error', reject);
  });
}

describe('e2e harness', () => {
  let server;
  let browser;

  before(async () => {
    server = await startServer({
      root: HERE,
      headers: (p) => (p === '/csp.html' ? { 'Content-Security-Policy': "default-src 'self'; img-src 'none'" } : {}),
      routes: {
        '/host.html': { type: 'html', body: '<!doctype html><title>host</title><p>hello</p>' },
        '/data.json': { type: 'json', body: '{"a":1}' },
        '/csp.html': { type: 'html', body: '<!doctype html><title>csp</title><img alt="" src="/nothing.png">' },
        '/noisy.html': {
          type: 'html',
          body: `<!doctype html><title>noisy</title><script type="module" src="/noisy.js"></script>`,
        },
        '/expects-404.html': {
          type: 'html',
          body: `<!doctype html><title>404</title><script type="module">await fetch('/gone.json'); document.body.dataset.done = '1';</script>`,
        },
        '/noisy.js': {
          type: 'js',
          body: `console.error('an error'); console.warn('a warning');
                 fetch('/missing.json').catch(() => {});
                 fetch('http://localhost:9/elsewhere').catch(() => {});
                 setTimeout(() => { throw new Error('boom'); });`,
        },
      },
    });
    browser = await launch();
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  test('serves files and routes with their types; 404 otherwise; no way out of the root', async () => {
    const js = await get(server.origin, '/harness.mjs');
    assert.equal(js.status, 200);
    assert.match(js.type, /^text\/javascript/);
    const host = await get(server.origin, '/host.html');
    assert.equal(host.status, 200);
    assert.match(host.type, /^text\/html/);
    assert.match(host.body, /hello/);
    assert.match((await get(server.origin, '/data.json')).type, /^application\/json/);
    assert.equal((await get(server.origin, '/nope.txt')).status, 404);
    for (const p of ['/../../package.json', '/..%2F..%2Fpackage.json', '/%2e%2e/%2e%2e/package.json', '/....//package.json', '/%2e%2e%5c%2e%2e%5cpackage.json']) {
      const r = await get(server.origin, p);
      assert.equal(r.status, 404, `${p} → ${r.status}`);
      assert.doesNotMatch(r.body, /devDependencies/, p);
    }
    const csp = await get(server.origin, '/csp.html');
    assert.match(csp.headers['content-security-policy'], /img-src 'none'/);
    assert.equal((await get(server.origin, '/host.html')).headers['content-security-policy'], undefined);
  });

  test('a quiet page has no problems', async () => {
    const { page, problems, close } = await openPage(browser, `${server.url}host.html`);
    try {
      await page.waitForSelector('p');
      assertNoProblems(problems);
    } finally {
      await close();
    }
  });

  test('records console errors and warnings, page errors, failed and cross-origin requests', async () => {
    const { problems, close } = await openPage(browser, `${server.url}noisy.html`);
    try {
      const want = [/console error: an error/, /console warning: a warning/, /page error: .*boom/, /HTTP 404: GET .*\/missing\.json/, /request to another origin: GET http:\/\/localhost:9\/elsewhere/, /failed request: GET http:\/\/localhost:9\/elsewhere/];
      await until(() => want.every((re) => problems.some((p) => re.test(p))), { what: `all problems recorded (have: ${problems.join(' | ')})` });
      assert.throws(() => assertNoProblems(problems), /had problems/);
    } finally {
      await close();
    }
  });

  test('withCleanPage: runs the body on a ready page, returns its value and closes the context', async () => {
    let seen;
    const order = [];
    const value = await withCleanPage(browser, `${server.url}host.html`, { ready: async () => order.push('ready') }, async (session) => {
      order.push('body');
      seen = session;
      assert.equal(await session.page.locator('p').textContent(), 'hello');
      return 42;
    });
    assert.equal(value, 42);
    assert.deepEqual(order, ['ready', 'body']);
    assert.ok(seen.page.isClosed(), 'the page is closed afterwards');
  });

  test('withCleanPage fails on every kind of problem, and still closes the context', async () => {
    let seen;
    await assert.rejects(
      withCleanPage(browser, `${server.url}noisy.html`, async (session) => {
        seen = session;
        const want = [/console error/, /console warning/, /page error/, /HTTP 404/, /request to another origin/, /failed request/];
        await until(() => want.every((re) => session.problems.some((p) => re.test(p))), { what: 'all problems recorded' });
      }),
      (e) => /noisy\.html had problems/.test(e.message) && /console error: an error/.test(e.message) && /request to another origin/.test(e.message),
    );
    assert.ok(seen.page.isClosed());
    await assert.rejects(
      withCleanPage(browser, `${server.url}csp.html`, async ({ problems }) => {
        await until(() => problems.some((p) => p.startsWith('CSP violation')), { what: 'a CSP violation' });
      }),
      /CSP violation/,
    );
  });

  test("withCleanPage: the body's own failure is the one reported, and the context is closed", async () => {
    let seen;
    await assert.rejects(
      withCleanPage(browser, `${server.url}noisy.html`, async (session) => {
        seen = session;
        throw new Error('the body failed');
      }),
      /the body failed/,
    );
    assert.ok(seen.page.isClosed());
  });

  test('withCleanPage: `allow` lets through only the problems it names', async () => {
    const loaded = async ({ page, problems }) => {
      await page.locator('body[data-done="1"]').waitFor({ state: 'attached' });
      await until(() => problems.some((p) => p.includes('/gone.json')), { what: 'the 404 recorded' });
    };
    await withCleanPage(browser, `${server.url}expects-404.html`, { allow: ['/gone.json'] }, loaded);
    await withCleanPage(browser, `${server.url}expects-404.html`, { allow: [/\/gone\.json\b/] }, loaded);
    await assert.rejects(withCleanPage(browser, `${server.url}expects-404.html`, { allow: ['/other.json'] }, loaded), /had problems/);
    await assert.rejects(
      withCleanPage(browser, `${server.url}noisy.html`, { allow: ['/missing.json'] }, async ({ problems }) => {
        await until(() => problems.some((p) => p.includes('an error')), { what: 'the console error' });
      }),
      (e) => /console error: an error/.test(e.message) && !/missing\.json/.test(e.message),
    );
  });

  test('records CSP violations', async () => {
    const { problems, close } = await openPage(browser, `${server.url}csp.html`);
    try {
      await until(() => problems.some((p) => p.startsWith('CSP violation') && p.includes('img-src')), { what: `a CSP violation (have: ${problems.join(' | ')})` });
    } finally {
      await close();
    }
  });
});
