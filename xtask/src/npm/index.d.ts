// Types of the passage-map script module and its <passage-map> custom element.
// Importing the module defines the custom element.

/** A place's id in the story (`properties.id` of its feature), e.g. `"cecot"`. */
export type PlaceId = string;
/** A layer's id in the story's `story.json`, e.g. `"darien"`. */
export type LayerId = string;

/** A story given as its three files, as parsed JSON or as JSON text. */
export interface StoryFiles {
  /** `story.json`: title, layers, articles, attribution, tour. */
  story: object | string;
  /** The places: an RFC 7946 FeatureCollection. */
  places: object | string;
  /** `passages.json`. */
  passages: object | string;
  /** Where `story.json` would be: article texts are fetched relative to it. */
  url?: string;
}

/** What `mount` takes. Every option is optional. */
export interface MountOptions {
  /** The URL of a `story.json` (relative to the page), or the story's files. Default: the story shipped beside the module. */
  story?: string | StoryFiles;
  /** The URL of the folder holding `region.json` and `city.json`. Default: the basemap shipped beside the module. */
  basemap?: string;
  /** The place selected at start. */
  place?: PlaceId;
  /** The layers shown at start: ids, as an array or comma-separated. Default: every layer. */
  layers?: LayerId[] | string;
  /** Open the guided tour at this stop (1-based); `true` or `""` for the first. */
  tour?: number | string | boolean;
  /** The interface language; anything but `"es"` is English. */
  lang?: 'en' | 'es' | (string & {});
  /** Called with the place's id whenever a place is selected. */
  onSelect?: (place: PlaceId) => void;
  /** Called with the tour stop (1-based) whenever it changes, `null` when the tour ends. */
  onTour?: (stop: number | null) => void;
  /** Elements of the page marked `data-passage-map-place` and sections marked `data-passage-map-step` drive the widget. Default `true`. */
  hostLinks?: boolean;
  /** The wheel zooms the map only while it has focus (or with Ctrl/⌘). Default `false`. */
  wheelNeedsFocus?: boolean;
  /** Read the view from the page's address (`?place=`, `?tour=`…) and keep the address up to date. Default `false`. */
  urlState?: boolean;
}

/** A mounted widget. */
export interface PassageMapHandle {
  /** Selects a place and flies to it. */
  select(place: PlaceId): void;
  /** Shows exactly these layers (ids, as an array or comma-separated). */
  set_layers(layers: LayerId[] | string): void;
  /** Flies to a longitude and latitude (degrees), at a web-map zoom level if given. */
  fly_to(lon: number, lat: number, zoom?: number): void;
  /** Goes to a stop of the guided tour (1-based); `0`, `null` or no argument ends the tour. */
  tour(stop?: number | null): void;
  /** Removes the widget, with its listeners and timers. */
  destroy(): void;
}

/**
 * Mounts a widget into `target` (rendered into its shadow root) and resolves to its
 * handle. The element then dispatches `passagemap:select` and `passagemap:tour` events.
 */
export function mount(target: Element, options?: MountOptions): Promise<PassageMapHandle>;

/** `event.detail` of `passagemap:select`. */
export interface PassageMapSelectDetail {
  place: PlaceId;
}
/** `event.detail` of `passagemap:tour`: the stop (1-based), `null` when the tour ends. */
export interface PassageMapTourDetail {
  stop: number | null;
}
export type PassageMapSelectEvent = CustomEvent<PassageMapSelectDetail>;
export type PassageMapTourEvent = CustomEvent<PassageMapTourDetail>;

/** The events a widget's element dispatches (they bubble and cross shadow roots). */
export interface PassageMapEventMap {
  'passagemap:select': PassageMapSelectEvent;
  'passagemap:tour': PassageMapTourEvent;
}

/**
 * `<passage-map story place layers tour lang>`: attributes take effect live (`place`
 * selects, `layers` filters, `tour` goes to a stop; `story` and `lang` load again).
 */
export interface PassageMapElement extends HTMLElement {}

declare global {
  interface HTMLElementTagNameMap {
    'passage-map': PassageMapElement;
  }
  // <passage-map>, and any element given to `mount`, dispatches these events.
  interface HTMLElementEventMap extends PassageMapEventMap {}
}
