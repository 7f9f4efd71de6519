// A route of the HTTP API: its method and path, the schemas of its query and body (zod:
// they validate the request, give the handler its types and write the OpenAPI document),
// and a handler that calls the core. Handlers never see HTTP: they return data or throw
// LectioError, and app.ts turns either into a response in one place.

import type { z } from 'zod';
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
