// Every route of the API, in one table: what the CLI does, over HTTP. Each handler calls the
// same core service as its command in src/cli/ and nothing else; the inbox's routes are in
// their own file, spread in below.

import { z } from 'zod';
import { addItem } from '../core/add-item.js';
import { LectioError } from '../core/errors.js';
import { importLists } from '../core/import-lists.js';
import { ITEM_KINDS, STATUSES } from '../core/item.js';
import { importSummary, itemJson, searchHitJson } from '../core/item-json.js';
import { setNote, rateItem, setImportance, setWhy } from '../core/item-edits.js';
import { ITEM_SORTS, type LibraryStore } from '../core/library-store.js';
import { MARKABLE, markItem } from '../core/mark-item.js';
import { createPlan, showPlan } from '../core/plan-service.js';
import { readingQueue } from '../core/reading-queue.js';
import { readingEventsOf, readingProgress } from '../core/reading-progress.js';
import { resolveRef } from '../core/resolve-ref.js';
import { parseSearchQuery, withTopicPaths } from '../core/search-query.js';
import { moveItems, prioritizeTopics, renameTopic, topicSummaries } from '../core/topic-service.js';
import { resolveTopic, treeOrder } from '../core/topic-tree.js';
import { checkListName, listInputOfBytes } from '../formats/read-list-file.js';
import { inboxRoutes } from './inbox-routes.js';
import { id, itemId, type Route, route } from './route.js';

/** Uploaded lists are known by this prefix and their name: dropping the same file again updates it. */
export const UPLOAD_PREFIX = 'upload:';

const markable = z.enum(MARKABLE as readonly ['to-read', 'reading', 'read', 'skipped']);

function itemDetail(store: LibraryStore, itemIdValue: number) {
  const item = store.getItems([itemIdValue])[0];
  if (!item) throw new LectioError('not_found', `no item #${itemIdValue}`);
  const history = store.eventsOf(itemIdValue).map((e) => ({ at: e.at, kind: e.kind, ...e.data }));
  // The CLI's JSON, with each source's matching rule (the item page shows why a source joined).
  return { ...itemJson(item), sources: item.sources, createdAt: item.createdAt, history };
}

const listQuery = z.object({
  topic: z.string().max(500).optional(),
  status: z.enum(STATUSES).optional(),
  kind: z.enum(ITEM_KINDS).optional(),
  noWhy: z.enum(['true', 'false']).optional(),
  sort: z.enum(ITEM_SORTS).default('added'),
  order: z.enum(['asc', 'desc']).default('asc'),
  offset: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

const libraryRoutes: Route[] = [
  route({
    method: 'GET',
    path: '/api/stats',
    tag: 'library',
    summary: 'counts of items, lists, sources, links and topics (lectio stats)',
    handle: ({ store }) => store.stats(),
  }),
  route({
    method: 'GET',
    path: '/api/items',
    tag: 'library',
    summary: 'one page of the library, filtered and sorted (lectio list)',
    query: listQuery,
    handle: ({ store }, { query }) => {
      const order = treeOrder(store.topics());
      return store.pageItems({
        ...(query.topic ? { topic: resolveTopic(order, query.topic) } : {}),
        ...(query.status ? { status: query.status } : {}),
        ...(query.kind ? { kind: query.kind } : {}),
        ...(query.noWhy === 'true' ? { noWhy: true } : {}),
        sort: query.sort,
        descending: query.order === 'desc',
        offset: query.offset,
        limit: query.limit,
      });
    },
  }),
  route({
    method: 'POST',
    path: '/api/items',
    tag: 'library',
    status: 201,
    summary: 'add a paper, or update it when the library has it (lectio add)',
    body: z.object({
      ref: z.string().min(1).max(2000),
      title: z.string().max(2000).optional(),
      why: z.string().max(10_000).optional(),
      topic: z.string().max(500).optional(),
      importance: z.number().int().min(0).max(5).optional(),
      status: markable.optional(),
    }),
    handle: ({ store, now }, { body }) => addItem(store, body, now()),
  }),
  route({
    method: 'GET',
    path: '/api/resolve',
    tag: 'library',
    summary: 'the item a reference names: an id, arXiv id, DOI, URL or title words',
    query: z.object({ ref: z.string().min(1).max(2000) }),
    handle: ({ store }, { query }) => ({ id: resolveRef(store, query.ref) }),
  }),
  route({
    method: 'GET',
    path: '/api/items/:id',
    tag: 'item',
    summary: 'one item: links, notes, topics, sources with file and line, history (lectio show)',
    handle: ({ store }, { params }) => itemDetail(store, itemId(store, params)),
  }),
  route({
    method: 'POST',
    path: '/api/items/:id/mark',
    tag: 'item',
    summary: 'set the status and/or the reading pass done (lectio mark)',
    body: z.object({ status: markable.optional(), pass: z.number().int().min(1).max(3).optional() }),
    handle: ({ store, now }, { params, body }) => markItem(store, itemId(store, params), body, now()),
  }),
  route({
    method: 'POST',
    path: '/api/mark',
    tag: 'library',
    summary: 'set the status of several items at once, in one transaction',
    body: z.object({ ids: z.array(id).min(1).max(10_000), status: markable }),
    handle: ({ store, now }, { body }) =>
      store.transaction(() => {
        const at = now();
        return body.ids.map((one) => markItem(store, one, { status: body.status }, at));
      }),
  }),
  route({
    method: 'POST',
    path: '/api/move',
    tag: 'library',
    summary: 'move several items to a topic, created if new, in one transaction (lectio move)',
    body: z.object({ ids: z.array(id).min(1).max(10_000), topic: z.string().min(1).max(500) }),
    handle: ({ store, now }, { body }) => moveItems(store, body.ids, body.topic, now()),
  }),
  route({
    method: 'PUT',
    path: '/api/items/:id/why',
    tag: 'item',
    summary: 'why you saved it; "" clears yours (lectio why)',
    body: z.object({ why: z.string().max(10_000) }),
    handle: ({ store, now }, { params, body }) => {
      const one = itemId(store, params);
      setWhy(store, one, body.why, now());
      return itemDetail(store, one);
    },
  }),
  route({
    method: 'PUT',
    path: '/api/items/:id/note',
    tag: 'item',
    summary: 'the item’s markdown note (lectio note)',
    body: z.object({ note: z.string().max(1_000_000) }),
    handle: ({ store, now }, { params, body }) => {
      const one = itemId(store, params);
      const changed = setNote(store, one, body.note, now());
      return { changed, item: itemDetail(store, one) };
    },
  }),
  route({
    method: 'PUT',
    path: '/api/items/:id/rating',
    tag: 'item',
    summary: 'rating after reading, 1-5, or null to clear (lectio rate)',
    body: z.object({ rating: z.number().int().min(1).max(5).nullable() }),
    handle: ({ store, now }, { params, body }) => {
      const one = itemId(store, params);
      rateItem(store, one, body.rating, now());
      return itemDetail(store, one);
    },
  }),
  route({
    method: 'PUT',
    path: '/api/items/:id/importance',
    tag: 'item',
    summary: 'importance before reading, 0-5, or null to use the lists’ (lectio add --importance)',
    body: z.object({ importance: z.number().int().min(0).max(5).nullable() }),
    handle: ({ store, now }, { params, body }) => {
      const one = itemId(store, params);
      setImportance(store, one, body.importance, now());
      return itemDetail(store, one);
    },
  }),
  route({
    method: 'GET',
    path: '/api/search',
    tag: 'search',
    summary: 'full-text search with the query syntax of lectio search; snippets mark hits with « »',
    query: z.object({ q: z.string().max(2000), limit: z.coerce.number().int().min(1).max(1000).default(50) }),
    handle: ({ store }, { query }) => {
      const parsed = withTopicPaths(parseSearchQuery(query.q), () => store.topics().map((t) => t.path));
      const hits = store.searchIndex().search(parsed, query.limit + 1);
      return { hits: hits.slice(0, query.limit).map(searchHitJson), more: hits.length > query.limit };
    },
  }),
  route({
    method: 'POST',
    path: '/api/import',
    tag: 'import',
    summary: 'import markdown lists (text or base64 bytes), all or nothing (lectio import)',
    body: z.object({
      files: z
        .array(
          z.union([
            z.object({ name: z.string().max(200), text: z.string() }),
            z.object({ name: z.string().max(200), base64: z.string() }),
          ]),
        )
        .min(1)
        .max(100),
    }),
    handle: ({ store, now }, { body }) => {
      // Every file is read and parsed before the library is touched, as on the command line.
      // A name is a list's identity: two files of one name would leave the last one's entries.
      const names = new Set<string>();
      const inputs = body.files.map((file) => {
        const name = checkListName(file.name);
        if (names.has(name)) {
          throw new LectioError('bad_input', `two files named "${name}" in one import; rename one`);
        }
        names.add(name);
        const bytes = 'text' in file ? Buffer.from(file.text, 'utf8') : Buffer.from(file.base64, 'base64');
        return listInputOfBytes(`${UPLOAD_PREFIX}${name}`, bytes, name);
      });
      return importSummary(importLists(store, inputs, { now }));
    },
  }),
];

const readerRoutes: Route[] = [
  route({
    method: 'GET',
    path: '/api/queue',
    tag: 'queue',
    summary: 'what to read next, with the reasons (lectio next)',
    query: z.object({
      limit: z.coerce.number().int().min(1).max(500).default(20),
      topic: z.string().max(500).optional(),
    }),
    handle: ({ store, now, settings }, { query }) => {
      const request = { now: now(), weights: settings().weights, limit: query.limit };
      const entries = readingQueue(store, query.topic ? { ...request, topic: query.topic } : request);
      return entries.map((e, i) => ({ rank: i + 1, ...e }));
    },
  }),
  route({
    method: 'GET',
    path: '/api/topics',
    tag: 'topics',
    summary: 'topics in your order with counts and progress (lectio topics)',
    handle: ({ store }) => topicSummaries(store),
  }),
  route({
    method: 'POST',
    path: '/api/topics/prioritize',
    tag: 'topics',
    summary: 'put these topics first, in this order (lectio topic prioritize)',
    body: z.object({ topics: z.array(z.string().min(1).max(500)).min(1).max(10_000) }),
    handle: ({ store }, { body }) => {
      prioritizeTopics(store, body.topics);
      return topicSummaries(store);
    },
  }),
  route({
    method: 'POST',
    path: '/api/topics/rename',
    tag: 'topics',
    summary: 'rename a topic, or merge it into another (lectio topic rename|merge)',
    body: z.object({
      from: z.string().min(1).max(500),
      to: z.string().min(1).max(500),
      mode: z.enum(['rename', 'merge']).default('rename'),
    }),
    handle: ({ store, now }, { body }) => renameTopic(store, body.from, body.to, body.mode, now()),
  }),
  route({
    method: 'GET',
    path: '/api/plans',
    tag: 'plans',
    summary: 'every plan with its weeks and progress (lectio plan list)',
    handle: ({ store, now }) => store.plans().map((p) => showPlan(store, p.name, now())),
  }),
  route({
    method: 'POST',
    path: '/api/plans',
    tag: 'plans',
    status: 201,
    summary: 'plan a topic or named items at a weekly pace (lectio plan create)',
    body: z.object({
      name: z.string().min(1).max(200),
      perWeek: z.number().int().min(1).max(100),
      start: z.string().max(40).optional(),
      topic: z.string().max(500).optional(),
      refs: z.array(z.string().min(1).max(2000)).max(10_000).optional(),
    }),
    handle: ({ store, now, settings }, { body }) => {
      const at = now();
      const created = createPlan(store, body, at, settings().weights);
      return showPlan(store, created.name, at);
    },
  }),
  route({
    method: 'GET',
    path: '/api/plans/:name',
    tag: 'plans',
    summary: 'one plan: its weeks, what is done and what is late (lectio plan show)',
    handle: ({ store, now }, { params }) => showPlan(store, params.name ?? '', now()),
  }),
  route({
    method: 'DELETE',
    path: '/api/plans/:name',
    tag: 'plans',
    summary: 'delete a plan; its items stay (lectio plan delete)',
    handle: ({ store }, { params }) => {
      const found = store.planByName((params.name ?? '').trim());
      if (!found) throw new LectioError('not_found', `no plan "${params.name ?? ''}"`);
      store.transaction(() => store.deletePlan(found.id));
      return { deleted: found.name };
    },
  }),
  route({
    method: 'GET',
    path: '/api/progress',
    tag: 'plans',
    summary: 'reads and passes per week against the weekly target, streaks (lectio progress)',
    query: z.object({ weeks: z.coerce.number().int().min(1).max(520).default(12) }),
    handle: ({ store, now, settings }, { query }) =>
      readingProgress(readingEventsOf(store.readingEvents()), now(), settings().weeklyTarget, query.weeks),
  }),
];

/** The whole API; openapi.ts documents exactly this table. */
export const ROUTES: readonly Route[] = [...libraryRoutes, ...readerRoutes, ...inboxRoutes];
