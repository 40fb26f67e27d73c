// passage-map: the widget's JavaScript entry point. Three ways in:
//
//   import { mount } from './passage-map.js';
//   const map = await mount(document.querySelector('#map'), { place: 'cecot', lang: 'es' });
//   map.select('el-chorrillo'); map.set_layers(['cecot']); map.fly_to(-79.54, 8.95, 14);
//   map.tour(3); map.tour(0); map.destroy();
//
//   <script type="module" src=".../passage-map.js"></script>
//   <passage-map place="cecot" lang="es" layers="cecot,darien" tour="1"></passage-map>
//
// Sections of the host page marked data-passage-map-step="3" take the widget to that
// tour stop as they scroll into view (scrollytelling, no library).
//
// The widget renders into a shadow root, so the host page's CSS cannot break it and
// its CSS cannot leak out. Everything it loads comes from the folder this file is in.
import init, { mount as mountWasm } from './passage_map.js';

const here = (path) => new URL(path, import.meta.url).href;
let ready;

function stylesheet(root) {
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = here('passage-map.css');
  const loaded = new Promise((resolve) => {
    link.addEventListener('load', resolve, { once: true });
    link.addEventListener('error', resolve, { once: true });
  });
  root.append(link);
  return loaded;
}

// Elements of the host page marked data-passage-map-place="<id>" select that place.
// data-passage-map-for="<widget element id>" limits one to a single widget.
function bindHostLinks(target, handle) {
  const activate = (event) => {
    const el = event.target instanceof Element ? event.target.closest('[data-passage-map-place]') : null;
    if (!el) return;
    const only = el.getAttribute('data-passage-map-for');
    if (only && only !== target.id) return;
    if (event.type === 'keydown' && event.key !== 'Enter' && event.key !== ' ') return;
    if (event.type === 'keydown' && (el.matches('a[href], button'))) return; // they click on Enter themselves
    event.preventDefault();
    handle.select(el.getAttribute('data-passage-map-place'));
  };
  for (const el of document.querySelectorAll('[data-passage-map-place]')) {
    if (!el.matches('a[href], button, [tabindex]')) {
      el.setAttribute('tabindex', '0');
      el.setAttribute('role', 'button');
    }
  }
  document.addEventListener('click', activate);
  document.addEventListener('keydown', activate);
  return () => {
    document.removeEventListener('click', activate);
    document.removeEventListener('keydown', activate);
  };
}

// Sections marked data-passage-map-step="<stop>" drive the tour as they reach the middle
// of the window; data-passage-map-for="<widget element id>" limits one to a single widget.
function bindScrollSteps(target, handle) {
  const sections = [...document.querySelectorAll('[data-passage-map-step]')].filter((el) => {
    const only = el.getAttribute('data-passage-map-for');
    return !only || only === target.id;
  });
  if (!sections.length || typeof IntersectionObserver !== 'function') return () => {};
  let current = null;
  const observer = new IntersectionObserver(
    (entries) => {
      for (const entry of entries) {
        if (!entry.isIntersecting) continue;
        const step = Number(entry.target.getAttribute('data-passage-map-step'));
        if (Number.isInteger(step) && step >= 0 && step !== current) {
          current = step;
          handle.tour(step);
        }
      }
    },
    // A band across the middle of the window: one section at a time is "current".
    { rootMargin: '-45% 0px -45% 0px' },
  );
  for (const el of sections) observer.observe(el);
  return () => observer.disconnect();
}

// Fetches a story's three files while the wasm compiles. Any problem → null, and the
// widget fetches the story itself, reporting what went wrong in its own words.
async function prefetchStory(url) {
  try {
    // As text, or (places.geojson, which may be tens of megabytes) as bytes, which the
    // wasm copies once instead of decoding and re-encoding a string.
    const get = async (u, bytes = false) => {
      const r = await fetch(u);
      if (!r.ok) throw new Error(`HTTP ${r.status}`);
      return bytes ? new Uint8Array(await r.arrayBuffer()) : r.text();
    };
    const story = await get(url);
    const manifest = JSON.parse(story);
    const near = (name, fallback) => new URL(typeof name === 'string' ? name : fallback, url).href;
    const [places, passages] = await Promise.all([
      get(near(manifest.places, 'places.geojson'), true),
      get(near(manifest.passages, 'passages.json')),
    ]);
    return { story, places, passages, url };
  } catch {
    return null;
  }
}

/**
 * Mounts a widget into `target` and resolves to its handle:
 * `select(id)`, `set_layers(ids)`, `fly_to(lon, lat, zoom?)`, `tour(stop)` (1-based; 0
 * ends the tour), `destroy()`.
 * Options: story (URL of story.json or {story, places, passages}), place, layers, tour
 * (stop to open at, or true for the first), lang, onSelect(placeId), onTour(stop or null),
 * hostLinks (default true: marked links and scroll steps of the page drive the widget),
 * wheelNeedsFocus, urlState.
 * The element also dispatches `passagemap:select` ({detail: {place}}) and
 * `passagemap:tour` ({detail: {stop}}, stop null when the tour ends) events.
 */
export async function mount(target, options = {}) {
  if (!(target instanceof Element)) throw new TypeError('passage-map: mount needs an element');
  ready ??= init({ module_or_path: here('passage_map_bg.wasm') });
  const shadow = target.shadowRoot ?? target.attachShadow({ mode: 'open' });
  shadow.replaceChildren();
  const container = document.createElement('div');
  container.className = 'pm-root';
  const styled = stylesheet(shadow);
  shadow.append(container);
  const storyUrl =
    typeof options.story === 'string' ? new URL(options.story, document.baseURI).href : options.story ? null : here('story/story.json');
  const [, , prefetched] = await Promise.all([ready, styled, storyUrl ? prefetchStory(storyUrl) : null]);
  const userSelect = options.onSelect;
  const userTour = options.onTour;
  const opts = {
    basemap: here('basemap/'),
    ...options,
    story: prefetched ?? storyUrl ?? options.story,
    onSelect(place) {
      target.dispatchEvent(new CustomEvent('passagemap:select', { detail: { place }, bubbles: true, composed: true }));
      if (typeof userSelect === 'function') userSelect(place);
    },
    onTour(stop) {
      target.dispatchEvent(new CustomEvent('passagemap:tour', { detail: { stop }, bubbles: true, composed: true }));
      if (typeof userTour === 'function') userTour(stop);
    },
  };
  const handle = mountWasm(container, opts);
  const unbindLinks = options.hostLinks === false ? () => {} : bindHostLinks(target, handle);
  const unbindSteps = options.hostLinks === false ? () => {} : bindScrollSteps(target, handle);
  const unbind = () => {
    unbindLinks();
    unbindSteps();
  };
  const destroy = handle.destroy.bind(handle);
  let destroyed = false;
  return {
    select: (id) => handle.select(String(id)),
    set_layers: (layers) => handle.set_layers(layers),
    fly_to: (lon, lat, zoom) => handle.fly_to(lon, lat, zoom),
    tour: (stop) => handle.tour(stop ?? 0),
    destroy() {
      if (destroyed) return;
      destroyed = true;
      unbind();
      destroy();
      handle.free();
      shadow.replaceChildren();
    },
  };
}

/** `<passage-map story place layers tour lang>`: attributes take effect live. */
class PassageMapElement extends HTMLElement {
  static observedAttributes = ['story', 'place', 'layers', 'tour', 'lang'];
  #handle = null;
  #mounting = null;

  connectedCallback() {
    this.#remount();
  }

  disconnectedCallback() {
    this.#mounting = null;
    this.#handle?.destroy();
    this.#handle = null;
  }

  attributeChangedCallback(name, before, after) {
    if (!this.isConnected || before === after || !this.#handle) return;
    if (name === 'place' && after) this.#handle.select(after);
    else if (name === 'layers') this.#handle.set_layers(after ?? '');
    else if (name === 'tour') this.#handle.tour(after === null ? 0 : after === '' ? 1 : Number(after));
    else this.#remount();
  }

  async #remount() {
    this.#handle?.destroy();
    this.#handle = null;
    const options = {};
    for (const name of ['place', 'layers', 'tour', 'lang']) {
      if (this.hasAttribute(name)) options[name] = this.getAttribute(name);
    }
    if (this.hasAttribute('story')) options.story = new URL(this.getAttribute('story'), document.baseURI).href;
    const mounting = mount(this, options);
    this.#mounting = mounting;
    const handle = await mounting;
    if (this.#mounting !== mounting) handle.destroy();
    else this.#handle = handle;
  }
}

if (!customElements.get('passage-map')) customElements.define('passage-map', PassageMapElement);
