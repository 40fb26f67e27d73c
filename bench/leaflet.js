// The Leaflet baseline of the passage-map benchmarks: the same story (places as circle
// markers, polygons and lines in the layer colours from story.json, uncertainty rings
// and highlight rings like the widget's), the regional basemap from the Natural Earth
// source GeoJSON the widget's region.json is built from, a minimal side panel listing the
// places as buttons, no tiles.
//
//   leaflet.html?renderer=svg|canvas           the default story (/story/story.json)
//   leaflet.html?synthetic=10000               the synthetic story bench/run.mjs generates
//   leaflet.html?story=/path/to/story.json     any story on this site
//   leaflet.html?renderer=canvas&minimal=1     the minimal page: the places only (points as
//                                              circle markers, polygons and lines in their
//                                              layer colours) on one renderer: no basemap,
//                                              no rings, no list, passages not fetched
//
// For bench/run.mjs it exposes `window.__bench`: { system, map, places, drawn(),
// select(id), signature() }.
/* global L */
(function () {
  'use strict';

  const params = new URLSearchParams(location.search);
  const rendererName = params.get('renderer') === 'canvas' ? 'canvas' : 'svg';
  const minimal = params.get('minimal') === '1';
  const synthetic = params.get('synthetic');
  const storyUrl = new URL(
    synthetic ? `/bench-data/synthetic-${Number(synthetic)}/story.json` : params.get('story') || '/story/story.json',
    location.href,
  ).href;
  const BASEMAP = '/bench-data/geodata/';

  // The widget's zoom per wheel notch is 2^(-deltaY × 0.002): 0.2 zoom levels for one
  // 100 px notch. Leaflet's default (60 px per level, snapped to whole levels) would zoom
  // more than five times as far per notch; these settings make one notch 0.2 levels, so
  // both systems run the same wheel sequence over the same views.
  const WHEEL_PX_PER_ZOOM_LEVEL = 354;
  const FIT_PADDING = 24; // the widget's FIT_PADDING_PX
  const SYMBOL_PX = 7; // the widget's marker "radius"
  const MIN_FOCUS_WIDTH_M = 1500; // the widget's MIN_FOCUS_WIDTH_M
  const FLIGHT_MS = [350, 1800]; // the widget clamps its fly-to durations to this range

  const make = (opts) => (rendererName === 'canvas' ? L.canvas(opts) : L.svg(opts));
  const map = L.map('map', {
    zoomSnap: 0,
    zoomDelta: 1,
    wheelPxPerZoomLevel: WHEEL_PX_PER_ZOOM_LEVEL,
    attributionControl: true,
    renderer: make(),
    minZoom: 3,
    maxZoom: 22,
  });
  let baseRenderer = null;
  if (!minimal) {
    map.createPane('basemap').style.zIndex = 350;
    baseRenderer = make({ pane: 'basemap' });
  }
  const placeRenderer = make();

  const text = (t) => (t && (t.en ?? Object.values(t)[0])) || '';
  const byId = new Map(); // id → { feature, layer, item }
  let places = 0;
  let selected = null;

  function focusBounds(entry) {
    const acc = entry.feature.properties.accuracy_m || 0;
    const half = Math.max(acc * 3, MIN_FOCUS_WIDTH_M / 2);
    if (entry.feature.geometry.type === 'Point') return entry.layer.getLatLng().toBounds(2 * half);
    const b = entry.layer.getBounds();
    return L.latLngBounds(b.getSouthWest(), b.getNorthEast()).extend(b.getCenter().toBounds(2 * half));
  }

  // Leaflet's own van Wijk–Nuij flight length (Map.flyTo), clamped like the widget's.
  function flightMs(bounds) {
    const target = map._getBoundsCenterZoom(bounds, { padding: L.point(FIT_PADDING, FIT_PADDING) });
    const from = map.project(map.getCenter());
    const to = map.project(target.center);
    const size = map.getSize();
    const w0 = Math.max(size.x, size.y);
    const w1 = w0 * map.getZoomScale(map.getZoom(), target.zoom);
    const u1 = to.distanceTo(from) || 1;
    const rho = 1.42;
    const rho2 = rho * rho;
    const r = (i) => {
      const s1 = i ? -1 : 1;
      const s2 = i ? w1 : w0;
      const t1 = w1 * w1 - w0 * w0 + s1 * rho2 * rho2 * u1 * u1;
      const b = t1 / (2 * s2 * rho2 * u1);
      const sq = Math.sqrt(b * b + 1) - b;
      return sq < 1e-9 ? -18 : Math.log(sq);
    };
    const natural = (1000 * (r(1) - r(0))) / rho * 0.8;
    return Math.min(FLIGHT_MS[1], Math.max(FLIGHT_MS[0], natural));
  }

  function select(id) {
    const entry = byId.get(String(id));
    if (!entry) return;
    if (selected) {
      selected.item?.removeAttribute('aria-current');
      if (selected.layer.setRadius) selected.layer.setRadius(SYMBOL_PX);
      selected.layer.setStyle({ color: selected.feature.geometry.type === 'Point' ? '#fff' : selected.colour, weight: selected.weight });
    }
    selected = entry;
    entry.item?.setAttribute('aria-current', 'true');
    entry.layer.setStyle({ color: '#1d1d1b', weight: entry.weight + 1 });
    const bounds = focusBounds(entry);
    map.flyToBounds(bounds, { padding: [FIT_PADDING, FIT_PADDING], duration: flightMs(bounds) / 1000 });
  }

  function panel(story, features) {
    const nav = document.getElementById('panel');
    for (const layer of story.layers) {
      const section = document.createElement('section');
      const h = document.createElement('h4');
      h.textContent = text(layer.name);
      const ul = document.createElement('ul');
      for (const f of features) {
        if (f.properties.layer !== layer.id) continue;
        const li = document.createElement('li');
        const button = document.createElement('button');
        button.type = 'button';
        button.dataset.place = f.properties.id;
        const swatch = document.createElement('span');
        swatch.className = 'swatch';
        swatch.style.background = layer.colour;
        const name = document.createElement('span');
        name.textContent = text(f.properties.name);
        button.append(swatch, name);
        button.addEventListener('click', () => select(f.properties.id));
        li.append(button);
        ul.append(li);
        const entry = byId.get(f.properties.id);
        if (entry) entry.item = button;
      }
      section.append(h, ul);
      nav.append(section);
    }
  }

  async function json(url) {
    const r = await fetch(url);
    if (!r.ok) throw new Error(`${url}: HTTP ${r.status}`);
    return r.json();
  }

  async function start() {
    const story = await json(storyUrl);
    const placesUrl = new URL(story.places, storyUrl).href;
    const [placesJson, , countries, borders] = await Promise.all(
      minimal
        ? [json(placesUrl)]
        : [
            json(placesUrl),
            json(new URL(story.passages, storyUrl).href), // fetched like the widget does (not drawn)
            json(`${BASEMAP}ca_countries_ne10m.geojson`),
            json(`${BASEMAP}ca_borders_ne10m.geojson`),
          ],
    );
    const home = story.home;
    if (home) {
      map.fitBounds([[home[1], home[0]], [home[3], home[2]]], { padding: [FIT_PADDING, FIT_PADDING], animate: false });
    } else {
      map.fitBounds(L.geoJSON(placesJson).getBounds(), { padding: [FIT_PADDING, FIT_PADDING], animate: false });
    }
    if (!minimal) {
      // The widget's basemap styles (.pm-land, .pm-border).
      L.geoJSON(countries, {
        renderer: baseRenderer, interactive: false,
        style: { fillColor: '#f2efe9', fillOpacity: 1, color: '#b9b2a2', weight: 0.6 },
      }).addTo(map);
      L.geoJSON(borders, {
        renderer: baseRenderer, interactive: false,
        style: { fill: false, color: '#8d8575', weight: 1, dashArray: '4 3' },
      }).addTo(map);
    }

    const colours = new Map(story.layers.map((l) => [l.id, l.colour]));
    const features = placesJson.features;
    const shapes = [];
    const rings = [];
    const markers = [];
    for (const f of features) {
      const p = f.properties;
      const colour = colours.get(p.layer) || '#222222';
      // The minimal page draws no uncertainty (rings, dashed outlines) and no highlight rings.
      const approx = !minimal && (p.accuracy_m || 0) > 500;
      const onclick = () => select(p.id);
      let layer;
      let weight;
      if (f.geometry.type === 'Point') {
        const [lon, lat] = f.geometry.coordinates;
        weight = 1.5;
        layer = L.circleMarker([lat, lon], {
          renderer: placeRenderer, radius: SYMBOL_PX, color: '#fff', weight, fillColor: colour, fillOpacity: 1, className: 'bench-place',
        });
        if (approx) {
          rings.push(L.circle([lat, lon], {
            renderer: placeRenderer, radius: p.accuracy_m, fill: false, color: colour, weight: 1.5, dashArray: '5 4', interactive: false,
          }));
        }
        if (p.highlight && !minimal) {
          rings.push(L.circleMarker([lat, lon], { renderer: placeRenderer, radius: 11, fill: false, color: '#1d1d1b', weight: 2, interactive: false }));
        }
        markers.push(layer);
      } else {
        const line = /LineString/.test(f.geometry.type);
        weight = line ? 3 : 2;
        layer = L.geoJSON(f, {
          renderer: placeRenderer,
          style: line
            ? { color: colour, weight, opacity: 0.7, fill: false, className: 'bench-place' }
            : { color: colour, weight, fillColor: colour, fillOpacity: approx ? 0.08 : 0.22, dashArray: approx ? '6 4' : null, className: 'bench-place' },
        }).getLayers()[0];
        shapes.push(layer);
      }
      layer.on('click', onclick);
      byId.set(p.id, { feature: f, layer, item: null, colour, weight });
    }
    // Shapes under rings under markers, like the widget.
    for (const l of shapes) l.addTo(map);
    for (const l of rings) l.addTo(map);
    for (const l of markers) l.addTo(map);
    places = features.length;
    if (!minimal) panel(story, features);
    map.attributionControl.addAttribution((story.attribution || []).map((a) => a.name).join(' · '));
  }

  function drawn() {
    if (rendererName === 'svg') return document.querySelectorAll('#map path.bench-place').length;
    let n = 0;
    for (const l of Object.values(placeRenderer._layers)) if (l.options.className === 'bench-place') n++;
    return n;
  }

  // Changes whenever the view moves (pan, zoom animation, flight, inertia).
  function signature() {
    const pane = map.getPane('mapPane');
    const c = map.getCenter();
    return [
      pane.style.transform, map.getZoom().toFixed(6), c.lat.toFixed(7), c.lng.toFixed(7),
      map._animatingZoom ? 1 : 0, map._flyToFrame ? 1 : 0, map._panAnim && map._panAnim._inProgress ? 1 : 0,
    ].join(' ');
  }

  window.__bench = {
    system: minimal ? 'leaflet-minimal' : `leaflet-${rendererName}`,
    map,
    get places() { return places; },
    drawn,
    select,
    signature,
    ready: start().catch((e) => {
      console.error(e);
      throw e;
    }),
  };
})();
