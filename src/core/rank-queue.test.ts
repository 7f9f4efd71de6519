import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  DEFAULT_QUEUE_WEIGHTS,
  mergeWeights,
  rankQueue,
  type PlanSlot,
  type QueueCandidate,
  type QueueWeights,
} from './rank-queue.js';

// Wednesday 25 November 2026, 10:00 on the user's clock.
const now = new Date(2026, 10, 25, 10, 0);
const daysAgo = (days: number): string => new Date(now.getTime() - days * 86_400_000).toISOString();

const item = (id: number, fields: Partial<QueueCandidate> = {}): QueueCandidate => ({
  id,
  title: `Paper ${id}`,
  status: 'to-read',
  importance: null,
  topics: [],
  listCount: 1,
  createdAt: daysAgo(1),
  hasWhy: true,
  pass: 0,
  plans: [],
  ...fields,
});

const slot = (week: number, due: string, position = 0, plan = 'LLM inference'): PlanSlot => ({
  plan,
  week,
  due,
  position,
});

const NO_WEIGHTS: QueueWeights = {
  topic: 0,
  importance: 0,
  consensus: 0,
  reading: 0,
  plan: 0,
  due: 0,
  age: 0,
};
const only = (factor: keyof QueueWeights): QueueWeights => ({ ...NO_WEIGHTS, [factor]: 1 });

const topicOrder = ['Quantization', 'LLM', 'LLM / KV cache', 'LLM / Attention', 'Systems'];

const ids = (
  candidates: readonly QueueCandidate[],
  weights: QueueWeights = DEFAULT_QUEUE_WEIGHTS,
  limit = 100,
): number[] => rankQueue(candidates, { now, weights, topicOrder }, limit).map((e) => e.id);

describe('rank queue: each factor alone', () => {
  // Ids run against the expected order, so a factor that did nothing would leave them by id.
  const cases: Array<[keyof QueueWeights, QueueCandidate[], number[]]> = [
    [
      'topic',
      [
        item(1, { topics: ['Systems'] }),
        item(2, { topics: ['LLM / KV cache'] }),
        item(3, { topics: ['Systems', 'Quantization'] }),
        item(4, { topics: [] }),
        item(5, { topics: ['Not in the order'] }),
      ],
      [3, 2, 1, 5, 4],
    ],
    ['importance', [item(1, { importance: 2 }), item(2), item(3, { importance: 5 })], [3, 1, 2]],
    [
      'consensus',
      [
        item(1, { listCount: 1 }),
        item(2, { listCount: 3 }),
        item(3, { listCount: 7 }),
        item(4, { listCount: 5 }),
      ],
      // five lists and seven lists are both "many": tied, so by id.
      [3, 4, 2, 1],
    ],
    ['reading', [item(1), item(2, { status: 'reading' }), item(3, { pass: 1 })], [2, 3, 1]],
    [
      'plan',
      [
        item(1, { plans: [slot(3, '2026-12-13', 5)] }),
        item(2, { plans: [slot(1, '2026-11-29', 1)] }),
        item(3, { plans: [slot(1, '2026-11-29', 0)] }),
        item(4),
      ],
      [3, 2, 1, 4],
    ],
    [
      'due',
      [
        item(1, { plans: [slot(1, '2026-12-05')] }), // in 10 days: not yet
        item(2, { plans: [slot(1, '2026-11-28')] }), // in 3 days
        item(3, { plans: [slot(1, '2026-11-20')] }), // late
        item(4, { plans: [slot(1, '2026-11-26')] }), // tomorrow
        item(5, { plans: [slot(1, '2026-12-02')] }), // in 7 days: the last that counts
      ],
      [3, 4, 2, 5, 1],
    ],
    [
      'age',
      [
        item(1, { createdAt: daysAgo(1) }),
        item(2, { createdAt: daysAgo(200) }),
        item(3, { createdAt: daysAgo(800) }),
        item(4, { createdAt: daysAgo(400) }), // a year or more is the most age can give: tied with 3
      ],
      [3, 4, 2, 1],
    ],
  ];
  for (const [factor, candidates, expected] of cases) {
    it(factor, () => assert.deepEqual(ids(candidates, only(factor)), expected));
  }
});

describe('rank queue: default weights', () => {
  it('put a paper being read before any unplanned paper not started', () => {
    const best = item(1, { topics: ['Quantization'], importance: 5, listCount: 9, createdAt: daysAgo(900) });
    assert.deepEqual(ids([best, item(2, { status: 'reading' })]), [2, 1]);
  });
  it('let a late plan item with a top topic pass a bare paper being read', () => {
    const late = item(1, { topics: ['Quantization'], importance: 4, plans: [slot(1, '2026-11-22')] });
    assert.deepEqual(ids([item(2, { status: 'reading' }), late]), [1, 2]);
  });
  it('weigh the first topic place above three stars and below four', () => {
    const secondTopicFiveStars = item(2, { topics: ['LLM'], importance: 5 });
    assert.deepEqual(
      ids([item(1, { topics: ['Quantization'], importance: 2 }), secondTopicFiveStars]),
      [1, 2],
    );
    assert.deepEqual(
      ids([item(1, { topics: ['Quantization'], importance: 1 }), secondTopicFiveStars]),
      [2, 1],
    );
  });
  it('puts a plan slot late by weeks before any unplanned paper, and a paper in progress before it', () => {
    // The beginner plan of seed 003's reading paths, week 1 and 19 days late, in the last topic.
    const late = item(1, { topics: ['Systems'], plans: [slot(1, '2026-11-06', 1)] });
    const best = item(2, {
      topics: ['Quantization'],
      importance: 5,
      listCount: 5,
      createdAt: '2024-01-01T00:00:00Z',
    });
    const inProgress = item(3, { topics: ['Quantization'], status: 'reading' });
    assert.deepEqual(ids([best, late, inProgress]), [3, 1, 2]);
  });
  it('score the example exactly', () => {
    const [entry] = rankQueue(
      [item(1, { topics: ['Quantization'], importance: 5, listCount: 3, plans: [slot(2, '2026-11-27', 5)] })],
      { now, weights: DEFAULT_QUEUE_WEIGHTS, topicOrder },
      1,
    );
    // topic 5 × 1 + importance 2 × 1 + consensus 1 × 0.5 + plan 1/(1.1 + 0.005) + due 8 × (1 − 2/14) + age
    const expected = 5 + 2 + 0.5 + 1 / 1.105 + 8 * (1 - 2 / 14) + (0.5 * 1) / 365;
    assert.ok(Math.abs(entry!.score - expected) < 1e-3, `${entry!.score} vs ${expected}`);
  });
});

describe('rank queue: weights change the order', () => {
  const topTopic = item(1, { topics: ['Quantization'] });
  const fiveStarsThirdTopic = item(2, { topics: ['Systems'], importance: 5 });
  const cases: Array<[string, unknown, number[]]> = [
    ['defaults: two topic places outweigh five stars', undefined, [1, 2]],
    ['importance turned up: the stars win', { importance: 3 }, [2, 1]],
    ['topic turned off', { topic: 0 }, [2, 1]],
  ];
  for (const [name, override, expected] of cases) {
    it(name, () =>
      assert.deepEqual(
        ids([topTopic, fiveStarsThirdTopic], mergeWeights(DEFAULT_QUEUE_WEIGHTS, override)),
        expected,
      ),
    );
  }
});

describe('rank queue: ties, filters and limits', () => {
  it('break ties by id ascending, whatever the input order', () => {
    assert.deepEqual(ids([item(9), item(3), item(5)]), [3, 5, 9]);
    assert.deepEqual(ids([item(9), item(3), item(5)], DEFAULT_QUEUE_WEIGHTS, 2), [3, 5]);
  });
  it('leave out read, skipped and inbox items even when they would rank first', () => {
    const strong = { topics: ['Quantization'], importance: 5, listCount: 5, pass: 3 };
    const candidates = [
      item(1, { ...strong, status: 'read' }),
      item(2, { ...strong, status: 'skipped' }),
      item(3, { ...strong, status: 'inbox' }),
      item(4),
      item(5, { status: 'reading' }),
    ];
    assert.deepEqual(ids(candidates), [5, 4]);
  });
  it('return nothing for a limit of 0 and everything for a large one', () => {
    assert.deepEqual(ids([item(1), item(2)], DEFAULT_QUEUE_WEIGHTS, 0), []);
    assert.deepEqual(ids([item(1), item(2)], DEFAULT_QUEUE_WEIGHTS, Infinity), [1, 2]);
  });
  it('keep exactly the best `limit` of a large library, as a full sort would', () => {
    let seed = 42;
    const random = (): number => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed / 2_147_483_648;
    };
    const statuses = ['to-read', 'reading', 'read', 'to-read', 'to-read'] as const;
    const candidates = Array.from({ length: 3000 }, (_, i) =>
      item(3000 - i, {
        status: statuses[Math.floor(random() * statuses.length)]!,
        importance: random() < 0.3 ? null : Math.floor(random() * 6),
        topics: random() < 0.2 ? [] : [topicOrder[Math.floor(random() * topicOrder.length)]!],
        listCount: 1 + Math.floor(random() * 3),
        createdAt: daysAgo(Math.floor(random() * 3) * 100),
        plans: random() < 0.1 ? [slot(1 + Math.floor(random() * 3), '2026-11-27')] : [],
      }),
    );
    const all = rankQueue(candidates, { now, weights: DEFAULT_QUEUE_WEIGHTS, topicOrder }, Infinity);
    for (let i = 1; i < all.length; i++) {
      const [a, b] = [all[i - 1]!, all[i]!];
      assert.ok(
        a.score > b.score || (a.score === b.score && a.id < b.id),
        `entries ${i - 1} and ${i} out of order`,
      );
    }
    for (const limit of [1, 7, 50, 500]) {
      assert.deepEqual(
        ids(candidates, DEFAULT_QUEUE_WEIGHTS, limit),
        all.slice(0, limit).map((e) => e.id),
        `limit ${limit}`,
      );
    }
  });
  it('rank 100,000 candidates well inside the CLI budget', () => {
    const candidates = Array.from({ length: 100_000 }, (_, i) =>
      item(i + 1, {
        importance: i % 6,
        topics: [topicOrder[i % topicOrder.length]!],
        listCount: 1 + (i % 4),
        createdAt: daysAgo(i % 500),
        plans: i % 10 === 0 ? [slot(1 + (i % 7), '2026-11-27', i % 50)] : [],
      }),
    );
    const started = performance.now();
    const top = rankQueue(candidates, { now, weights: DEFAULT_QUEUE_WEIGHTS, topicOrder }, 20);
    const elapsed = performance.now() - started;
    assert.equal(top.length, 20);
    // Tens of milliseconds on the development machine; the bound only catches an accidental quadratic.
    assert.ok(elapsed < 1000, `${elapsed.toFixed(0)} ms`);
  });
});

describe('rank queue: reasons', () => {
  const entry = (candidate: QueueCandidate, at: Date = now) =>
    rankQueue([candidate], { now: at, weights: DEFAULT_QUEUE_WEIGHTS, topicOrder }, 1)[0]!;

  it('read like the issue example', () => {
    const e = entry(
      item(1, { topics: ['Quantization'], importance: 5, listCount: 3, plans: [slot(2, '2026-11-27', 5)] }),
    );
    assert.equal(
      e.why,
      "topic #1 Quantization · ★★★★★ · in 3 lists · plan 'LLM inference', week 2, due Friday",
    );
    assert.equal(e.topic, 'Quantization');
    assert.equal(e.topicRank, 1);
    assert.deepEqual(e.plan, slot(2, '2026-11-27', 5));
    assert.equal(e.missingWhy, false);
  });

  const cases: Array<[string, QueueCandidate, string[]]> = [
    ['reading, nothing else', item(1, { status: 'reading' }), ['reading']],
    ['reading with a pass done', item(1, { status: 'reading', pass: 2 }), ['reading, pass 2 done']],
    ['a pass done on a to-read paper', item(1, { pass: 1 }), ['pass 1 done']],
    [
      'every reason, in order',
      item(1, {
        status: 'reading',
        topics: ['Systems', 'LLM / KV cache'],
        importance: 4,
        listCount: 2,
        plans: [slot(3, '2026-12-20', 9, 'Later plan'), slot(1, '2026-11-25', 0, 'Systems basics')],
        createdAt: daysAgo(200),
        hasWhy: false,
      }),
      [
        'reading',
        // "LLM" is the second top-level topic; KV cache sits under it.
        'topic #2 LLM / KV cache',
        '★★★★☆',
        'in 2 lists',
        "plan 'Systems basics', week 1, due today",
        'saved 7 months ago',
        'no why yet',
      ],
    ],
    ['one star', item(1, { importance: 1 }), ['★☆☆☆☆']],
    ['no stars, one list, recent: nothing to say', item(1), []],
    ['a topic missing from the order ranks last', item(1, { topics: ['Robotics'] }), ['topic #4 Robotics']],
    ['under 90 days is not old', item(1, { createdAt: daysAgo(89) }), []],
    ['no why', item(1, { hasWhy: false }), ['no why yet']],
  ];
  for (const [name, candidate, reasons] of cases) {
    it(name, () => {
      const e = entry(candidate);
      assert.deepEqual(e.reasons, reasons);
      assert.equal(e.why, reasons.join(' · '));
    });
  }

  describe('due dates in words (today is Wednesday 2026-11-25)', () => {
    const dues: Array<[string, string]> = [
      ['2026-11-25', 'due today'],
      ['2026-11-26', 'due tomorrow'],
      ['2026-11-27', 'due Friday'],
      ['2026-12-01', 'due Tuesday'],
      ['2026-12-02', 'due 2026-12-02'],
      ['2027-01-10', 'due 2027-01-10'],
      ['2026-11-24', '1 day late'],
      ['2026-11-20', '5 days late'],
    ];
    for (const [due, words] of dues) {
      it(`${due} → ${words}`, () => {
        assert.deepEqual(entry(item(1, { plans: [slot(2, due)] })).reasons, [
          `plan 'LLM inference', week 2, ${words}`,
        ]);
      });
    }
    it('take the day from the local clock, late in the evening too', () => {
      const lateEvening = new Date(2026, 10, 25, 23, 59);
      assert.equal(
        entry(item(1, { plans: [slot(1, '2026-11-26')] }), lateEvening).reasons[0],
        "plan 'LLM inference', week 1, due tomorrow",
      );
      const justAfterMidnight = new Date(2026, 10, 26, 0, 1);
      assert.equal(
        entry(item(1, { plans: [slot(1, '2026-11-26')] }), justAfterMidnight).reasons[0],
        "plan 'LLM inference', week 1, due today",
      );
    });
    it('count days across a change of summer time (Europe and US, late March / early November)', () => {
      const march = new Date(2026, 2, 27, 12, 0); // Friday before the last Sunday of March
      assert.equal(
        entry(item(1, { plans: [slot(1, '2026-03-30')] }), march).reasons[0],
        "plan 'LLM inference', week 1, due Monday",
      );
      assert.equal(
        entry(item(1, { plans: [slot(1, '2026-04-03')] }), march).reasons[0],
        "plan 'LLM inference', week 1, due 2026-04-03",
      );
    });
  });
});

describe('merge weights', () => {
  it('keep the base for no overrides and replace only the given weights', () => {
    assert.deepEqual(mergeWeights(DEFAULT_QUEUE_WEIGHTS, undefined), DEFAULT_QUEUE_WEIGHTS);
    assert.deepEqual(mergeWeights(DEFAULT_QUEUE_WEIGHTS, {}), DEFAULT_QUEUE_WEIGHTS);
    assert.deepEqual(mergeWeights(DEFAULT_QUEUE_WEIGHTS, { topic: 4, age: 0 }), {
      ...DEFAULT_QUEUE_WEIGHTS,
      topic: 4,
      age: 0,
    });
    assert.equal(DEFAULT_QUEUE_WEIGHTS.topic, 5);
  });
  const bad: Array<[string, unknown, string]> = [
    ['negative', { topic: -1 }, 'queue weight "topic": must be a number >= 0'],
    ['a string', { due: '2' }, 'queue weight "due": must be a number >= 0'],
    ['not finite', { age: Infinity }, 'queue weight "age": must be a number >= 0'],
    ['NaN', { plan: NaN }, 'queue weight "plan": must be a number >= 0'],
    [
      'unknown name',
      { topci: 1 },
      'queue weight "topci": unknown, expected one of topic, importance, consensus, reading, plan, due, age',
    ],
    ['not an object', 3, 'queue weights: must be an object of name: number'],
    ['a list', [1, 2], 'queue weights: must be an object of name: number'],
  ];
  for (const [name, override, message] of bad) {
    it(`refuse ${name}`, () => {
      assert.throws(() => mergeWeights(DEFAULT_QUEUE_WEIGHTS, override), { code: 'bad_input', message });
    });
  }
});
