// The queue's pre-selection in SQL (LibraryStore.topQueueIds) must pick what the full
// score of rank-queue.ts would: the same answer as ranking every unread item, on the
// seeds with prioritised topics, a plan and several weightings.

import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { importLists } from '../src/core/import-lists.js';
import type { LibraryStore } from '../src/core/library-store.js';
import { markItem } from '../src/core/mark-item.js';
import { createPlan } from '../src/core/plan-service.js';
import {
  DEFAULT_QUEUE_WEIGHTS,
  type PlanSlot,
  type QueueWeights,
  rankQueue,
} from '../src/core/rank-queue.js';
import { planSlots } from '../src/core/reading-plan.js';
import { readingQueue } from '../src/core/reading-queue.js';
import { prioritizeTopics, renameTopic } from '../src/core/topic-service.js';
import { treeOrder } from '../src/core/topic-tree.js';
import { readListFile } from '../src/formats/read-list-file.js';
import { openDatabase } from '../src/store/sqlite/open-database.js';
import { SqliteLibraryStore } from '../src/store/sqlite/sqlite-library-store.js';
import { makeTempDir, removeDir, SEEDS } from './cli-helpers.js';

const now = new Date('2026-11-25T10:00:00Z');
let dir = '';
let store: LibraryStore;

function fullRanking(weights: QueueWeights, limit: number): number[] {
  const slots = new Map<number, PlanSlot[]>();
  for (const plan of store.plans())
    for (const [id, slot] of planSlots(plan)) slots.set(id, [...(slots.get(id) ?? []), slot]);
  const all = store.queueRows({}).map((row) => ({ ...row, plans: slots.get(row.id) ?? [] }));
  return rankQueue(all, { now, weights, topicOrder: treeOrder(store.topics()) }, limit).map((e) => e.id);
}

describe('the queue pre-selected in SQL agrees with ranking everything', () => {
  before(() => {
    dir = makeTempDir('lectio-prerank-');
    store = new SqliteLibraryStore(openDatabase(path.join(dir, 'library.sqlite')));
    importLists(
      store,
      SEEDS.map((f) => readListFile(f)),
      { now: () => new Date('2025-06-01T00:00:00Z') },
    );
    prioritizeTopics(store, ['LLM Inference', 'others', 'Mixture-of-Experts']);
    createPlan(
      store,
      { name: 'moe', perWeek: 3, topic: 'Mixture-of-Experts', start: '2026-11-16' },
      now,
      DEFAULT_QUEUE_WEIGHTS,
    );
    const some = store.queueRows({}).slice(0, 3);
    for (const row of some) markItem(store, row.id, { pass: 1 }, now);
  });
  after(() => {
    store.close();
    removeDir(dir);
  });

  const weightings: Array<[string, QueueWeights]> = [
    ['default weights', DEFAULT_QUEUE_WEIGHTS],
    ['age first', { ...DEFAULT_QUEUE_WEIGHTS, age: 20 }],
    ['plans off', { ...DEFAULT_QUEUE_WEIGHTS, plan: 0, due: 0 }],
    [
      'consensus and importance only',
      { topic: 0, importance: 3, consensus: 5, reading: 0, plan: 0, due: 0, age: 0 },
    ],
  ];
  for (const [name, weights] of weightings) {
    for (const limit of [1, 5, 20, 500]) {
      it(`${name}, top ${limit}`, () => {
        const fast = readingQueue(store, { now, weights, limit }).map((e) => e.id);
        assert.deepEqual(fast, fullRanking(weights, limit));
      });
    }
  }
  it('keeps the materialised topic ranks true after a rename and a new priority', () => {
    prioritizeTopics(store, ['Compilers']);
    renameTopic(store, 'LLM Inference', 'Inference', 'rename', now);
    renameTopic(store, 'others', 'Compilers', 'merge', now);
    assert.deepEqual(
      readingQueue(store, { now, weights: DEFAULT_QUEUE_WEIGHTS, limit: 20 }).map((e) => e.id),
      fullRanking(DEFAULT_QUEUE_WEIGHTS, 20),
    );
  });
});
