// The views of the app, in navigation order. A view is one entry here and one file beside
// this one; `g` then its key opens it.

import type { FunctionComponent } from 'preact';
import type { Location } from '../router.js';
import { ImportView } from './import-view.js';
import { InboxView } from './inbox-view.js';
import { ItemView } from './item-view.js';
import { LibraryView } from './library-view.js';
import { MapView } from './map-view.js';
import { PlansView } from './plans-view.js';
import { QueueView } from './queue-view.js';
import { SearchView } from './search-view.js';

export interface ViewDef {
  id: string;
  label: string;
  /** After `g`: the keyboard shortcut that opens it. */
  key: string;
  /** Shown in the navigation (the item page is reached from the others). */
  nav: boolean;
  component: FunctionComponent<{ loc: Location }> | null;
  /** Why it is not there yet, for a view whose core is still being built. */
  pending?: string;
}

export const VIEWS: readonly ViewDef[] = [
  { id: 'library', label: 'Library', key: 'l', nav: true, component: LibraryView },
  { id: 'queue', label: 'Queue', key: 'q', nav: true, component: QueueView },
  { id: 'search', label: 'Search', key: 's', nav: true, component: SearchView },
  { id: 'inbox', label: 'Inbox', key: 'i', nav: true, component: InboxView },
  { id: 'plans', label: 'Plans', key: 'p', nav: true, component: PlansView },
  { id: 'map', label: 'Map', key: 'm', nav: true, component: MapView },
  { id: 'import', label: 'Import', key: 'u', nav: true, component: ImportView },
  { id: 'item', label: 'Item', key: '', nav: false, component: ItemView },
];
