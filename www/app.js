// The demo and iframe pages: mount the widget with options from the page's address
// (?place=, ?layers=, ?lang=, ?story= — a story on this same site only).
import { mount } from './passage-map.js';

const target = document.getElementById('map');
const params = new URLSearchParams(location.search);
const options = {
  urlState: true,
  wheelNeedsFocus: target.dataset.embed === 'true',
};
if (params.get('lang')) options.lang = params.get('lang');
if (params.get('layers')) options.layers = params.get('layers');
const story = params.get('story');
if (story) {
  const url = new URL(story, location.href);
  // A link must not make this site show a story from elsewhere under its name.
  if (url.origin === location.origin) options.story = url.href;
}
document.documentElement.lang = options.lang === 'es' ? 'es' : 'en';
window.passageMap = await mount(target, options);
