// `lectio next`: the library's unread items, ranked by rank-queue.ts, with their plan slots.

import type { ItemKind } from './item.js';
import type { LibraryStore } from './library-store.js';
import { type PlanSlot, type QueueEntry, type QueueWeights, rankQueue } from './rank-queue.js';
import { planSlots } from './reading-plan.js';
import { resolveTopic, treeOrder } from './topic-tree.js';

export interface QueueRequest {
  now: Date;
  weights: QueueWeights;
  limit: number;
  topic?: string;
  /** Only items of this kind (next --kind paper). */
  kind?: ItemKind;
}

export function readingQueue(store: LibraryStore, request: QueueRequest): QueueEntry[] {
  const order = treeOrder(store.topics());
  const filter: { topic?: string; kind?: ItemKind } = {};
  if (request.topic !== undefined) filter.topic = resolveTopic(order, request.topic);
  if (request.kind !== undefined) filter.kind = request.kind;
  const slots = new Map<number, PlanSlot[]>();
  for (const plan of store.plans()) {
    for (const [id, slot] of planSlots(plan)) {
      const list = slots.get(id);
      if (list) list.push(slot);
      else slots.set(id, [slot]);
    }
  }
  // The database picks the best by every factor but plans (which only add to a score); the
  // planned items join them, and rankQueue orders the few with the whole score. A margin
  // absorbs float differences between SQL and JavaScript at the cut.
  const ids = new Set(store.topQueueIds(filter, request.weights, request.now, request.limit + 16));
  for (const id of slots.keys()) ids.add(id);
  const candidates = store
    .queueRows({ ...filter, ids: [...ids] })
    .map((row) => ({ ...row, plans: slots.get(row.id) ?? [] }));
  return rankQueue(
    candidates,
    { now: request.now, weights: request.weights, topicOrder: order },
    request.limit,
  );
}
