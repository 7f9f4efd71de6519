// A route of the HTTP API: its method and path, the schemas of its query and body (zod:
// they validate the request, give the handler its types and write the OpenAPI document),
// and a handler that calls the core. Handlers never see HTTP: they return data or throw
// LectioError, and app.ts turns either into a response in one place.

import { z } from 'zod';
import { LectioError } from '../core/errors.js';
import type { LibraryStore } from '../core/library-store.js';
import type { QueueWeights } from '../core/rank-queue.js';
import type { WeeklyTarget } from '../core/reading-progress.js';

/** What every handler works with; passed in by whoever starts the server (no singletons). */
export interface ApiDeps {
  store: LibraryStore;
  now: () => Date;
  /** The config file's settings, read per request so an edit shows without a restart. */
  settings: () => { weights: QueueWeights; weeklyTarget: WeeklyTarget };
}

export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface RouteInput<Q, B> {
  params: Record<string, string>;
  query: Q;
  body: B;
}

export interface Route<Q = unknown, B = unknown> {
  method: Method;
  /** `/api/items/:id`; a `:name` segment matches one path segment. */
  path: string;
  summary: string;
  /** The tag that groups it in the OpenAPI document (and the view that uses it). */
  tag: string;
  query?: z.ZodType<Q>;
  body?: z.ZodType<B>;
  /** Status of a success; 200 unless said. */
  status?: number;
  handle(deps: ApiDeps, input: RouteInput<Q, B>): unknown;
}

/** Keeps each route's handler typed by its own schemas inside a mixed table. */
export function route<Q = undefined, B = undefined>(definition: Route<Q, B>): Route {
  return definition as unknown as Route;
}

/** An item id in a path or a body. */
export const id = z.coerce
  .number()
  .int()
  .min(1)
  .max(2 ** 31);

/** The item a path's `:id` names; a malformed id is bad input, an unknown one not found. */
export function itemId(store: LibraryStore, params: Record<string, string>): number {
  const parsed = id.safeParse(params.id);
  if (!parsed.success) throw new LectioError('bad_input', `id: not an item id: "${params.id ?? ''}"`);
  if (!store.getItems([parsed.data])[0]) throw new LectioError('not_found', `no item #${parsed.data}`);
  return parsed.data;
}
