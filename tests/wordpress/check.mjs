// The WordPress plugin on a real WordPress, run by `cargo xtask test-wordpress` (which
// starts the site: Debian's WordPress, theme Twenty Twenty-Three, the plugin installed
// from its zip, the README's dist/ at /passage-map/, and a static copy of dist/ on
// another port as an oEmbed provider without the plugin).
//
// Writes one post per role × method through the REST API (application passwords),
// opens each in Chromium and records what a reader gets: the map (its place's card
// with a passage, or for the static provider the map's places), console errors,
// requests to other origins. Prints the role × method matrix and fails when a cell
// differs from what is expected: every way works for the Administrator; for the Author,
// block, shortcode and pasted addresses work and the raw snippets are stripped by
// WordPress's KSES filter (Authors lack unfiltered_html).
//
// Env: PM_WP_URL (the site), PM_WP_STATIC_DIST (the static provider, ending in /),
// PM_WP_CREDENTIALS ({"admin": "admin:<application password>", "author": …}).

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

import { REPO, launch, openPage, until } from '../e2e/harness.mjs';

const SITE = process.env.PM_WP_URL;
const STATIC = process.env.PM_WP_STATIC_DIST;
const CREDENTIALS = JSON.parse(process.env.PM_WP_CREDENTIALS || '{}');
assert.ok(SITE && STATIC && CREDENTIALS.admin && CREDENTIALS.author, 'run by cargo xtask test-wordpress');
const PLUGIN_DIST = `${SITE}/wp-content/plugins/passage-map/dist/`;
const rest = (route, query = '') => `${SITE}/?rest_route=${encodeURIComponent(route)}${query}`;

/** The ```html blocks of the README's "## Embedding" section, in order. */
function readmeSnippets() {
  const readme = fs.readFileSync(path.join(REPO, 'README.md'), 'utf8');
  const section = readme.split(/^## /m).find((s) => s.startsWith('Embedding'));
  return [...section.matchAll(/```html\n([\s\S]*?)```/g)].map((m) => m[1]);
}
const [iframeSnippet, heightSnippet, moduleSnippet, elementSnippet] = readmeSnippets();
assert.match(iframeSnippet, /<iframe/);
assert.match(heightSnippet, /passage-map:height/);
assert.match(moduleSnippet, /import \{ mount \}/);
assert.match(elementSnippet, /<passage-map /);

const ownUrl = `${PLUGIN_DIST}embed.html?place=cecot&lang=en`;
const staticUrl = `${STATIC}embed.html?place=cecot`;
const html = (snippet) => `<!-- wp:html -->\n${snippet}<!-- /wp:html -->`;
const embedBlock = (url, slug) =>
  `<!-- wp:embed {"url":"${url}","type":"rich","providerNameSlug":"${slug}"} -->\n<figure class="wp-block-embed is-type-rich is-provider-${slug} wp-block-embed-${slug}"><div class="wp-block-embed__wrapper">\n${url}\n</div></figure>\n<!-- /wp:embed -->`;

// Each way of putting the map in a post: the post's content, and the place the map must
// open (null: the map's default view, its places drawn).
const METHODS = [
  { id: 'block', label: 'block (alignwide)', content: '<!-- wp:passage-map/map {"place":"cecot","align":"wide"} /-->', place: 'cecot' },
  { id: 'shortcode', label: 'shortcode', content: '<!-- wp:shortcode -->\n[passage-map place="cecot" lang="en"]\n<!-- /wp:shortcode -->', place: 'cecot' },
  { id: 'url', label: 'pasted URL, own line', content: `Where the deportees were sent:\n\n${ownUrl}\n\nMore below.`, place: 'cecot' },
  { id: 'embed-block', label: 'pasted URL, Embed block', content: embedBlock(ownUrl, 'passage-map'), place: 'cecot' },
  { id: 'iframe', label: 'README iframe + height script', content: html(iframeSnippet + heightSnippet), place: 'cecot', raw: true },
  { id: 'module', label: 'README script module', content: html(moduleSnippet), place: 'el-chorrillo', raw: true },
  { id: 'element', label: 'README custom element', content: html(elementSnippet), place: 'cecot', raw: true },
  { id: 'static', label: 'static dist/ (oEmbed discovery, no plugin)', content: `The map:\n\n${staticUrl}\n\nMore below.`, place: null, foreign: new URL(STATIC).origin },
];
const ROLES = [
  { id: 'admin', label: 'Administrator', rawWorks: true },
  { id: 'author', label: 'Author', rawWorks: false },
];

async function api(role, method, route, body) {
  const res = await fetch(rest(route), {
    method,
    headers: { Authorization: `Basic ${Buffer.from(CREDENTIALS[role]).toString('base64')}`, 'Content-Type': 'application/json' },
    body: body && JSON.stringify(body),
  });
  const json = await res.json();
  if (!res.ok) throw new Error(`${method} ${route} as ${role}: HTTP ${res.status} ${JSON.stringify(json)}`);
  return json;
}

let passed = 0;
let failed = 0;
const failures = [];
function check(name, fn) {
  return Promise.resolve()
    .then(fn)
    .then(
      () => {
        passed++;
        console.log(`ok - ${name}`);
      },
      (e) => {
        failed++;
        failures.push(`${name}: ${e.message}`);
        console.log(`not ok - ${name}\n  ${e.message.split('\n').join('\n  ')}`);
      },
    );
}

/** What a reader of `url` gets: the map or not, its problems, what is left of the content. */
async function look(browser, url, method, expectMap) {
  const { page, problems, close } = await openPage(browser, url, { viewport: { width: 1280, height: 900 } });
  try {
    const want = method.place ? `.pm-card[data-place="${method.place}"] .pm-passage` : 'g.pm-place';
    const inAnyFrame = async () => {
      for (const frame of page.frames()) {
        const found = await frame.evaluate((sel) => !!window.__pmTest?.one(sel), want).catch(() => false);
        if (found) return frame;
      }
      return null;
    };
    // Where no map is expected, the page is given until its network is idle to show one.
    const frame = expectMap
      ? await until(inAnyFrame, { timeout: 30_000, what: want }).catch(() => null)
      : await page.waitForLoadState('networkidle').then(inAnyFrame);
    const fixedHeight = await page.evaluate(() => document.querySelector('iframe.passage-map-frame')?.hasAttribute('data-passage-map-fixed-height'));
    if (frame && fixedHeight === false) {
      await until(() => page.evaluate(() => document.querySelector('iframe.passage-map-frame').style.height !== ''), {
        what: 'the height listener to size the frame',
      }).catch(() => {});
    }
    const content = await page.evaluate(() => {
      const body = document.querySelector('.wp-block-post-content, .entry-content') ?? document.body;
      return {
        frames: body.querySelectorAll('iframe').length,
        sandboxed: [...body.querySelectorAll('iframe')].filter((f) => f.getAttribute('sandbox') === 'allow-scripts').length,
        scripts: body.querySelectorAll('script').length,
        elements: body.querySelectorAll('passage-map').length,
        codeShown: /addEventListener|import \{ mount \}|mount\(document/.test(body.innerText),
        text: body.innerText.replace(/\s+/g, ' ').trim().slice(0, 160),
        frameHeight: document.querySelector('iframe.passage-map-frame')?.style.height ?? null,
        heightScript: [...document.querySelectorAll('script[src]')].some((s) => /passage-map\/assets\/height\.js/.test(s.src)),
      };
    });
    const foreign = method.foreign;
    const counted = problems.filter((p) => !(foreign && p.startsWith('request to another origin') && p.includes(foreign)));
    return {
      map: !!frame,
      inFrame: !!frame && frame !== page.mainFrame(),
      sandboxedOrigin: frame && frame !== page.mainFrame() ? await frame.evaluate(() => self.origin) : null,
      errors: counted.filter((p) => !p.startsWith('console warning')),
      warnings: counted.filter((p) => p.startsWith('console warning')),
      foreignRequests: problems.filter((p) => p.startsWith('request to another origin')).length,
      content,
    };
  } finally {
    await close();
  }
}

const browser = await launch();
const matrix = [];
try {
  await check('the plugin is active, and its dist/embed.html names this site\'s oEmbed endpoint', async () => {
    const page = await (await fetch(`${PLUGIN_DIST}embed.html`)).text();
    const href = /<link rel="alternate" type="application\/json\+oembed" href="([^"]+)"/.exec(page)?.[1];
    assert.ok(href?.startsWith(`${SITE}/`) && href.replaceAll('&amp;', '&').endsWith('rest_route=/passage-map/v1/oembed'), `discovery link ${href}`);
  });

  await check('oEmbed endpoint: keeps the address\'s options, honours maxwidth and maxheight, refuses other addresses', async () => {
    const url = `${PLUGIN_DIST}embed.html?place=cecot&lang=es&story=https://elsewhere.example/s.json`;
    const res = await fetch(rest('/passage-map/v1/oembed', `&url=${encodeURIComponent(url)}&maxwidth=500&maxheight=400&format=json`));
    assert.equal(res.status, 200);
    const o = await res.json();
    assert.equal(o.type, 'rich');
    assert.equal(o.width, 500);
    assert.equal(o.height, 400);
    const src = /src="([^"]+)"/.exec(o.html)[1].replaceAll('&amp;', '&').replaceAll('&#038;', '&');
    assert.equal(src, `${PLUGIN_DIST}embed.html?place=cecot&lang=es`, 'the story from elsewhere is dropped');
    const wide = await (await fetch(rest('/passage-map/v1/oembed', `&url=${encodeURIComponent(url)}`))).json();
    assert.deepEqual([wide.width, wide.height], [1200, 600]);
    const other = await fetch(rest('/passage-map/v1/oembed', `&url=${encodeURIComponent('https://example.org/embed.html')}`));
    assert.equal(other.status, 404);
  });

  await check('the plugin\'s dist/ files carry Access-Control-Allow-Origin: * (sandboxed oEmbed frames)', async () => {
    const res = await fetch(`${PLUGIN_DIST}passage-map.js`);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('access-control-allow-origin'), '*');
  });

  await check('options are validated: ids, language and same-site story; nothing else reaches the frame', async () => {
    const post = await api('author', 'POST', '/wp/v2/posts', {
      title: 'Hostile options',
      status: 'publish',
      content: `<!-- wp:shortcode -->\n[passage-map place="cecot&quot; onload=&quot;alert(1)" layers="cecot,Bad Id,darien,x_y" lang="fr" story="https://elsewhere.example/story.json" tour="2" height="9999"]\n<!-- /wp:shortcode -->\n\n<!-- wp:passage-map/map {"place":"el-chorrillo","story":"/stories/mine/story.json","lang":"es"} /-->`,
    });
    const rendered = (await api('author', 'GET', `/wp/v2/posts/${post.id}`)).content.rendered;
    const srcs = [...rendered.matchAll(/<iframe class="passage-map-frame" src="([^"]+)"[^>]*>/g)].map((m) => m[1].replaceAll('&#038;', '&').replaceAll('&amp;', '&'));
    assert.deepEqual(srcs, [
      `${PLUGIN_DIST}embed.html?layers=cecot%2Cdarien&tour=2`,
      `${PLUGIN_DIST}embed.html?place=el-chorrillo&lang=es&story=${encodeURIComponent(`${SITE}/stories/mine/story.json`)}`,
    ]);
    assert.match(rendered, /height="2000" data-passage-map-fixed-height/);
    assert.doesNotMatch(rendered, /onload|alert|elsewhere/);
  });

  await check('block editor, as the Author: the Story map block is offered, its options sit in the sidebar, its preview is the map, and the post keeps only its attributes', async () => {
    const [user, password] = CREDENTIALS.author_login.split(/:(.*)/s);
    const { page, problems, close } = await openPage(browser, `${SITE}/wp-login.php`, { viewport: { width: 1280, height: 900 } });
    try {
      await page.fill('#user_login', user);
      await page.fill('#user_pass', password);
      await Promise.all([page.waitForURL(/wp-admin/), page.click('#wp-submit')]);
      await page.goto(`${SITE}/wp-admin/post-new.php`);
      await page.waitForFunction(() => window.wp?.blocks?.getBlockType?.('passage-map/map') && window.wp.data.select('core/editor'), null, { timeout: 60_000 });
      const content = await page.evaluate(() => {
        const block = wp.blocks.createBlock('passage-map/map', { place: 'cecot', lang: 'es' });
        wp.data.dispatch('core/block-editor').insertBlocks(block);
        wp.data.dispatch('core/block-editor').selectBlock(block.clientId);
        wp.data.dispatch('core/edit-post').openGeneralSidebar('edit-post/block');
        return wp.data.select('core/editor').getEditedPostContent();
      });
      assert.match(content, /<!-- wp:passage-map\/map \{"place":"cecot","lang":"es"\} \/-->/);
      assert.equal(await page.getByLabel('Place', { exact: true }).inputValue(), 'cecot');
      assert.equal(await page.getByLabel('Language', { exact: true }).inputValue(), 'es');
      await page.locator('iframe.passage-map-frame[src*="place=cecot"]').first().waitFor({ timeout: 30_000 });
      const ours = problems.filter((p) => /passage-map|block-renderer/.test(p));
      assert.deepEqual(ours, [], 'problems from the block');
    } finally {
      await close();
    }
  });

  for (const role of ROLES) {
    for (const method of METHODS) {
      const expectMap = !method.raw || role.rawWorks;
      await check(`${role.label} × ${method.label}: ${expectMap ? 'the map' : 'stripped'}`, async () => {
        const post = await api(role.id, 'POST', '/wp/v2/posts', { title: `${method.label} by the ${role.label}`, status: 'publish', content: method.content });
        const seen = await look(browser, post.link, method, expectMap);
        const cell = { role: role.label, method: method.label, ...seen };
        matrix.push(cell);
        if (!expectMap) {
          assert.equal(seen.map, false, 'a raw snippet worked for a role without unfiltered_html');
          assert.equal(seen.content.scripts + seen.content.elements, 0, 'the snippet\'s script or element was kept');
          return;
        }
        assert.ok(seen.map, `no map: the post shows "${seen.content.text}"`);
        assert.deepEqual(seen.errors, [], 'problems');
        if (method.id === 'static') assert.equal(seen.sandboxedOrigin, 'null', 'WordPress sandboxes a discovered embed');
        if (['block', 'shortcode', 'url', 'embed-block'].includes(method.id)) {
          assert.ok(seen.content.heightScript, 'the height listener is enqueued as a script file');
          assert.equal(seen.content.scripts, 0, 'no script inside the post');
          assert.match(seen.content.frameHeight ?? '', /^\d+px$/, 'the frame took the height the map asked for');
        }
      });
    }
  }

  await check('Settings → Story map: the Administrator points the plugin at the site\'s /passage-map/ folder; an address there, pasted by the Author, becomes the map served from that folder', async () => {
    const [user, password] = CREDENTIALS.admin_login.split(/:(.*)/s);
    const { page, close } = await openPage(browser, `${SITE}/wp-login.php`, { viewport: { width: 1280, height: 900 } });
    try {
      await page.fill('#user_login', user);
      await page.fill('#user_pass', password);
      await Promise.all([page.waitForURL(/wp-admin/), page.click('#wp-submit')]);
      await page.goto(`${SITE}/wp-admin/options-general.php?page=passage-map`);
      await page.fill('#passage_map_base_url', '/passage-map/');
      await Promise.all([page.waitForURL(/settings-updated=true/), page.click('#submit')]);
      assert.equal(await page.inputValue('#passage_map_base_url'), `${SITE}/passage-map/`);
    } finally {
      await close();
    }
    const post = await api('author', 'POST', '/wp/v2/posts', { title: 'The folder', status: 'publish', content: `The map:\n\n${SITE}/passage-map/embed.html?place=cecot\n\nMore below.` });
    const seen = await look(browser, post.link, { place: 'cecot' }, true);
    assert.ok(seen.map, `no map: the post shows "${seen.content.text}"`);
    assert.deepEqual(seen.errors, []);
    const rendered = (await api('author', 'GET', `/wp/v2/posts/${post.id}`)).content.rendered;
    assert.match(rendered, new RegExp(`src="${SITE.replace(/[.:/]/g, '\\$&')}/passage-map/embed\\.html\\?place=cecot"`));
  });
} finally {
  await browser.close();
}

const describe = (c) => {
  if (c.map) {
    const how = c.sandboxedOrigin === 'null' ? 'map (sandboxed frame, origin null)' : c.inFrame ? 'map (iframe)' : 'map (in page)';
    return `${how}; ${c.errors.length} errors, ${c.foreignRequests} foreign requests${c.warnings.length ? `, ${c.warnings.length} warnings` : ''}`;
  }
  const left = [
    c.content.frames ? `${c.content.frames} iframe` : 'no iframe',
    c.content.scripts ? `${c.content.scripts} script` : 'no script',
    c.content.codeShown ? 'its code printed as text' : 'no code shown',
  ];
  return `no map (stripped: ${left.join(', ')})`;
};
console.log('\nrole × method, as measured on WordPress with Twenty Twenty-Three:\n');
console.log('| method | Administrator | Author |');
console.log('|---|---|---|');
for (const method of METHODS) {
  const cells = ROLES.map((r) => matrix.find((c) => c.role === r.label && c.method === method.label));
  console.log(`| ${method.label} | ${cells.map((c) => (c ? describe(c) : 'not run')).join(' | ')} |`);
}
console.log(`\n${passed} passed, ${failed} failed`);
if (failed) {
  console.log(failures.map((f) => `  ${f}`).join('\n'));
  process.exit(1);
}
