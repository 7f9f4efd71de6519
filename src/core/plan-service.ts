// Reading plans: a named, ordered set of items with a weekly pace (seed 003's reading paths,
// weeks 1-4, 5-8, 9-12). The schedule itself is computed by reading-plan.ts.

import { LectioError } from './errors.js';
import type { LibraryStore, StoredPlan } from './library-store.js';
import { type QueueWeights, rankQueue } from './rank-queue.js';
import {
  type PlanItemState,
  type PlanView,
  parsePlanStart,
  planView,
  validatePerWeek,
} from './reading-plan.js';
import { resolveRef } from './resolve-ref.js';
import { resolveTopic, treeOrder } from './topic-tree.js';

export interface PlanRequest {
  name: string;
  perWeek: number;
  start?: string;
  topic?: string;
  refs?: readonly string[];
}

/**
 * A topic plan takes the topic's unread items in queue order (topic, importance, consensus,
 * age: the same ranking as `lectio next`, without the pull of other plans); a plan of REFs
 * keeps the order the user gave.
 */
export function createPlan(
  store: LibraryStore,
  request: PlanRequest,
  now: Date,
  weights: QueueWeights,
): StoredPlan {
  const name = request.name.trim();
  if (name === '') throw new LectioError('bad_input', 'a plan needs a name');
  validatePerWeek(request.perWeek);
  const start = parsePlanStart(request.start, now);
  const hasRefs = (request.refs?.length ?? 0) > 0;
  if ((request.topic === undefined) === !hasRefs) {
    throw new LectioError(
      'bad_input',
      hasRefs
        ? 'plan create: give either --topic TOPIC or the items (REF…), not both'
        : 'plan create: give the items, --topic TOPIC or REF…',
    );
  }
  return store.transaction(() => {
    if (store.planByName(name))
      throw new LectioError('conflict', `a plan named "${name}" exists; see "lectio plan show ${name}"`);
    let itemIds: number[];
    let topic: string | null = null;
    if (request.topic !== undefined) {
      const order = treeOrder(store.topics());
      topic = resolveTopic(order, request.topic);
      const rows = store.queueRows({ topic }).map((row) => ({ ...row, plans: [] }));
      const ranked = rankQueue(
        rows,
        { now, weights: { ...weights, plan: 0, due: 0 }, topicOrder: order },
        rows.length,
      );
      itemIds = ranked.map((e) => e.id);
      if (itemIds.length === 0)
        throw new LectioError('bad_input', `topic "${topic}" has nothing left to read`);
    } else {
      itemIds = [];
      for (const ref of request.refs ?? []) {
        const id = resolveRef(store, ref);
        if (!itemIds.includes(id)) itemIds.push(id);
      }
    }
    const plan = { name, perWeek: request.perWeek, start, topic, createdAt: now.toISOString(), itemIds };
    const id = store.createPlan(plan);
    return { id, ...plan };
  });
}

export function showPlan(store: LibraryStore, name: string, now: Date): PlanView {
  const plan = store.planByName(name.trim());
  if (!plan) {
    const names = store.plans().map((p) => `"${p.name}"`);
    throw new LectioError(
      'not_found',
      `no plan "${name}"${names.length ? `; plans: ${names.join(', ')}` : ''}`,
    );
  }
  const items = new Map<number, PlanItemState>();
  for (const item of store.getItems(plan.itemIds))
    items.set(item.id, { id: item.id, title: item.title, status: item.status });
  return planView(plan, items, now);
}
