// The npm package that `cargo xtask dist` writes to dist/npm/: `npm pack` makes
// passage-map-<version>.tgz with the files it declares; it installs offline into a new
// project; a TypeScript file type-checks against its index.d.ts with `tsc --noEmit`
// (and wrong uses fail); Node resolves its exports; and the installed files, imported
// by the bare name through an import map, draw the module and the custom element in
// Chromium, with the options' callbacks and the passagemap:select / passagemap:tour
// events.

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { DIST, REPO, launch, startServer, withCleanPage, waitForPlaces } from './harness.mjs';

const NPM_DIR = path.join(DIST, 'npm');
const TSC = path.join(REPO, 'node_modules', 'typescript', 'bin', 'tsc');

const run = (cmd, args, cwd) => execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

const TYPED_USE = `
import { mount, type MountOptions, type PassageMapHandle, type PassageMapElement, type StoryFiles } from 'passage-map';

const options: MountOptions = {
  story: '/stories/mine/story.json', basemap: '/basemap/', place: 'cecot', layers: ['cecot', 'darien'],
  tour: 1, lang: 'es', hostLinks: false, wheelNeedsFocus: true, urlState: false,
  onSelect: (place) => { const id: string = place; console.log(id); },
  onTour: (stop) => { const n: number | null = stop; console.log(n); },
};
const inline: StoryFiles = { story: {}, places: '{"type":"FeatureCollection","features":[]}', passages: {}, url: '/s/story.json' };

export async function use(el: HTMLElement): Promise<void> {
  const map: PassageMapHandle = await mount(el, options);
  map.select('el-chorrillo');
  map.set_layers(['cecot']);
  map.set_layers('cecot,darien');
  map.fly_to(-79.545, 8.949, 15);
  map.fly_to(-79.545, 8.949);
  map.tour(3);
  map.tour(0);
  map.tour();
  map.destroy();
  await mount(el, { story: inline, layers: 'cecot' });
  await mount(el);

  const element: PassageMapElement | null = document.querySelector('passage-map');
  const made: PassageMapElement = document.createElement('passage-map');
  made.addEventListener('passagemap:select', (e) => { const id: string = e.detail.place; console.log(id); });
  element?.addEventListener('passagemap:tour', (e) => { const stop: number | null = e.detail.stop; console.log(stop); });
  el.addEventListener('passagemap:select', (e) => console.log(e.detail.place.toUpperCase()));

  // Wrong uses must not type-check: the types are not \`any\`.
  // @ts-expect-error: longitude and latitude are numbers
  map.fly_to('-79', 8.9);
  // @ts-expect-error: there is no such option
  await mount(el, { plcae: 'cecot' });
  // @ts-expect-error: onSelect receives a string
  await mount(el, { onSelect: (place: number) => console.log(place) });
  // @ts-expect-error: mount needs an element
  await mount('#map');
  // @ts-expect-error: the handle has no such method
  map.zoom(3);
  made.addEventListener('passagemap:select', (e) => {
    // @ts-expect-error: the detail has no stop
    console.log(e.detail.stop);
  });
}
`;

const TSCONFIG = {
  compilerOptions: {
    strict: true, noEmit: true, target: 'ES2022', module: 'ESNext', moduleResolution: 'Bundler',
    lib: ['ES2022', 'DOM'], types: [], skipLibCheck: false,
  },
  include: ['use.ts'],
};

const PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>npm package</title><link rel="icon" href="data:,">
<script type="importmap">{ "imports": { "passage-map": "/node_modules/passage-map/passage-map.js" } }</script>
<style>#m, passage-map { display: block; height: 600px; }</style>
<script type="module">
  import { mount } from 'passage-map';
  window.events = [];
  window.callbacks = [];
  for (const type of ['passagemap:select', 'passagemap:tour'])
    document.addEventListener(type, (e) => window.events.push([type, e.target.id, e.detail.place ?? e.detail.stop]));
  window.handle = await mount(document.getElementById('m'), {
    place: 'el-chorrillo', hostLinks: false,
    onSelect: (place) => window.callbacks.push(['select', place]),
    onTour: (stop) => window.callbacks.push(['tour', stop]),
  });
</script></head>
<body><div id="m"></div><passage-map id="pm" place="cecot"></passage-map></body></html>`;

describe('npm package (dist/npm)', () => {
  let tmp;
  let project;
  let tarball;
  let version;
  before(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pm-npm-'));
    project = path.join(tmp, 'project');
    fs.mkdirSync(project);
    version = JSON.parse(fs.readFileSync(path.join(NPM_DIR, 'package.json'), 'utf8')).version;
  });
  after(() => {
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('npm pack makes passage-map-<version>.tgz with the module, its siblings, types, README and licences', () => {
    const [packed] = JSON.parse(run('npm', ['pack', '--json', '--pack-destination', tmp], NPM_DIR));
    assert.equal(packed.filename, `passage-map-${version}.tgz`);
    tarball = path.join(tmp, packed.filename);
    assert.ok(fs.existsSync(tarball));
    const files = packed.files.map((f) => f.path).sort();
    for (const f of [
      'package.json', 'index.d.ts', 'README.md', 'LICENSE-MIT', 'LICENSE-APACHE', 'NOTICE.md',
      'passage-map.js', 'passage_map.js', 'passage_map_bg.wasm', 'passage-map.css',
      'story/story.json', 'story/places.geojson', 'story/passages.json', 'basemap/region.json', 'basemap/city.json',
    ]) assert.ok(files.includes(f), `${f} is not in the tarball: ${files.join(', ')}`);
    assert.ok(files.some((f) => f.startsWith('story/articles/')), 'the articles are in the tarball');

    const pkg = JSON.parse(fs.readFileSync(path.join(NPM_DIR, 'package.json'), 'utf8'));
    assert.equal(pkg.name, 'passage-map');
    assert.equal(pkg.types, './index.d.ts');
    assert.deepEqual(pkg.exports['.'], { types: './index.d.ts', default: './passage-map.js' });
    assert.ok(Array.isArray(pkg.files) && Array.isArray(pkg.sideEffects) && pkg.sideEffects.includes('./passage-map.js'));
    assert.equal(pkg.license, 'MIT OR Apache-2.0');
    assert.match(fs.readFileSync(path.join(NPM_DIR, 'LICENSE-APACHE'), 'utf8'), /Apache License\s+Version 2\.0/);
    assert.match(fs.readFileSync(path.join(NPM_DIR, 'LICENSE-MIT'), 'utf8'), /MIT License/);
  });

  it('installs offline into a new project; Node resolves its exports', () => {
    fs.writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'host-app', private: true, type: 'module' }));
    run('npm', ['install', '--offline', '--no-audit', '--no-fund', '--ignore-scripts', tarball], project);
    const installed = path.join(project, 'node_modules', 'passage-map');
    assert.equal(JSON.parse(fs.readFileSync(path.join(installed, 'package.json'), 'utf8')).version, version);
    const resolved = run('node', ['--input-type=module', '-e',
      "console.log(import.meta.resolve('passage-map')); console.log(import.meta.resolve('passage-map/passage-map.css'))"], project)
      .trim().split('\n');
    assert.deepEqual(resolved, [
      `file://${fs.realpathSync(installed)}/passage-map.js`,
      `file://${fs.realpathSync(installed)}/passage-map.css`,
    ]);
  });

  it('a TypeScript file type-checks against index.d.ts (tsc --noEmit), and wrong uses do not', () => {
    fs.writeFileSync(path.join(project, 'use.ts'), TYPED_USE);
    fs.writeFileSync(path.join(project, 'tsconfig.json'), JSON.stringify(TSCONFIG, null, 2));
    try {
      run('node', [TSC, '--noEmit', '-p', 'tsconfig.json'], project);
    } catch (e) {
      assert.fail(`tsc --noEmit failed:\n${e.stdout}${e.stderr}`);
    }
    // Without its @ts-expect-error comments the same file has exactly those errors.
    fs.writeFileSync(path.join(project, 'use.ts'), TYPED_USE.replace(/\/\/ @ts-expect-error.*\n/g, ''));
    let out = '';
    try {
      run('node', [TSC, '--noEmit', '-p', 'tsconfig.json'], project);
    } catch (e) {
      out = e.stdout;
    }
    const errors = out.split('\n').filter((l) => /error TS\d+/.test(l));
    assert.equal(errors.length, (TYPED_USE.match(/@ts-expect-error/g) ?? []).length, out);
  });

  it('the installed files draw the module and the custom element in Chromium, with callbacks and events', async () => {
    const server = await startServer({ root: project, routes: { '/index.html': { body: PAGE } } });
    const browser = await launch();
    try {
      await withCleanPage(browser, `${server.url}index.html`, async ({ page }) => {
        await waitForPlaces(page);
        await page.locator('#m .pm-card[data-place="el-chorrillo"] .pm-passage').first().waitFor();
        await page.locator('#pm .pm-card[data-place="cecot"] .pm-passage').first().waitFor();
        await page.waitForFunction(() => window.handle);

        await page.locator('#m button.pm-list-place[data-place="howard"]').click();
        await page.locator('#m .pm-card[data-place="howard"]').waitFor();
        await page.locator('#pm button.pm-list-place[data-place="howard"]').click();
        await page.locator('#pm .pm-card[data-place="howard"]').waitFor();
        await page.evaluate(() => window.handle.tour(2));
        await page.locator('#m .pm-tour-title').waitFor();
        await page.waitForFunction(() => window.events.some(([type]) => type === 'passagemap:tour'));

        const { events, callbacks } = await page.evaluate(() => ({ events: window.events, callbacks: window.callbacks }));
        const has = (list, item) => list.some((x) => JSON.stringify(x) === JSON.stringify(item));
        assert.ok(has(events, ['passagemap:select', 'm', 'howard']), JSON.stringify(events));
        assert.ok(has(events, ['passagemap:select', 'pm', 'howard']), JSON.stringify(events));
        assert.ok(has(events, ['passagemap:tour', 'm', 2]), JSON.stringify(events));
        assert.ok(has(callbacks, ['select', 'howard']) && has(callbacks, ['tour', 2]), JSON.stringify(callbacks));
        // Everything came from the installed package.
        assert.ok(server.log.includes('/node_modules/passage-map/passage_map_bg.wasm'));
        assert.ok(server.log.includes('/node_modules/passage-map/basemap/region.json'));
      });
    } finally {
      await browser.close();
      await server.close();
    }
  });
});
