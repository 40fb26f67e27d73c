// passage-map: the widget's JavaScript entry point.
//
//   import { mount } from './passage-map.js';
//   const map = await mount(document.querySelector('#map'), { place: 'cecot', lang: 'es' });
//   map.select('el-chorrillo'); map.set_layers(['cecot']); map.destroy();
//
// Everything it loads comes from the folder this file is served from.
import init, { mount as mountWasm } from './passage_map.js';

let ready;

/** Mounts a widget into `target` and resolves to its handle. */
export async function mount(target, options = {}) {
  if (!(target instanceof Element)) throw new TypeError('passage-map: mount needs an element');
  ready ??= init({ module_or_path: new URL('passage_map_bg.wasm', import.meta.url) });
  await ready;
  const userSelect = options.onSelect;
  const opts = {
    story: new URL('story/story.json', import.meta.url).href,
    basemap: new URL('basemap/', import.meta.url).href,
    ...options,
    onSelect(place) {
      target.dispatchEvent(new CustomEvent('passagemap:select', { detail: { place }, bubbles: true, composed: true }));
      if (typeof userSelect === 'function') userSelect(place);
    },
  };
  return mountWasm(target, opts);
}
