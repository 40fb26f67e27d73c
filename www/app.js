// The demo and iframe pages: mount the widget with options from the page's address
// (?place=, ?layers=, ?lang=, ?story= — a story on this same site only; the widget
// itself reads ?tour=, ?article=, ?passage=, ?from= and ?to=).
import { mount } from './passage-map.js';

const target = document.getElementById('map');
const embedded = target.dataset.embed === 'true';
const params = new URLSearchParams(location.search);
// A WordPress site that embeds this page through oEmbed discovery adds #?secret=… (read
// before the widget writes the address).
const secret = /^#\?secret=([A-Za-z0-9]+)$/.exec(location.hash)?.[1];
const options = { urlState: true, wheelNeedsFocus: embedded, hostLinks: false };
if (params.get('lang')) options.lang = params.get('lang');
if (params.get('layers')) options.layers = params.get('layers');
if (params.get('place')) options.place = params.get('place');
const story = params.get('story');
if (story) {
  const url = new URL(story, location.href);
  // A link must not make this site show a story from elsewhere under its name.
  if (url.origin === location.origin) options.story = url.href;
}
document.documentElement.lang = options.lang === 'es' ? 'es' : 'en';
for (const intro of document.querySelectorAll('.demo-intro')) intro.hidden = intro.lang !== document.documentElement.lang;
window.passageMap = await mount(target, options);

if (embedded && window.parent !== window) {
  // Tell the host page the height this map would like for the frame's width (side by
  // side from 760 px, else map above panel); the host's optional snippet (see the README)
  // or the WordPress plugin applies it to the iframe; a WordPress site that discovered
  // this page by oEmbed resizes its sandboxed frame on its own message format.
  const announce = () => {
    const wide = window.innerWidth >= 760;
    const height = wide ? 600 : 420 + 560;
    window.parent.postMessage({ type: 'passage-map:height', height }, '*');
    if (secret) window.parent.postMessage({ message: 'height', value: height, secret }, '*');
  };
  announce();
  window.addEventListener('resize', announce);
  // Scrollytelling through the frame: the host page's sections cannot be seen from in
  // here, so the host posts the stop ({type: 'passage-map:tour', stop}, see the README).
  // A host script that started after the announcement asks for it again.
  window.addEventListener('message', (e) => {
    if (e.source === window.parent && e.data && e.data.type === 'passage-map:height-request') announce();
  });
  window.addEventListener('message', (e) => {
    if (e.source !== window.parent || !e.data || e.data.type !== 'passage-map:tour') return;
    const stop = Number(e.data.stop);
    if (Number.isInteger(stop) && stop >= 0) window.passageMap.tour(stop);
  });
}

const embedButton = document.getElementById('embed-button');
const dialog = document.getElementById('embed-dialog');
if (embedButton && dialog) {
  embedButton.hidden = false;
  if (document.documentElement.lang === 'es') embedButton.textContent = 'Insertar este mapa';
  embedButton.addEventListener('click', () => {
    const here = new URL(location.href);
    const site = new URL('.', here);
    const query = new URLSearchParams();
    for (const key of ['place', 'layers', 'lang']) {
      const value = here.searchParams.get(key);
      if (value) query.set(key, value);
    }
    const qs = query.toString() ? `?${query}` : '';
    const attrs = [...query].map(([k, v]) => ` ${k}="${v.replace(/[&"<>]/g, (c) => `&#${c.charCodeAt(0)};`)}"`).join('');
    document.getElementById('embed-iframe').value =
      `<iframe src="${new URL(`embed.html${qs}`, site)}" title="Story map" width="100%" height="600" style="display:block;border:0" loading="lazy"></iframe>`;
    document.getElementById('embed-script').value =
      `<script type="module" src="${new URL('passage-map.js', site)}"></script>\n<passage-map${attrs} style="display:block;height:600px"></passage-map>`;
    dialog.showModal();
  });
  document.getElementById('embed-close').addEventListener('click', () => dialog.close());
}
