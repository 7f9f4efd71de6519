import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Status } from './item.js';
import {
  parsePlanStart,
  planSlots,
  planView,
  validatePerWeek,
  type PlanDefinition,
  type PlanItemState,
} from './reading-plan.js';

// Wednesday 25 November 2026, 10:00 on the user's clock.
const now = new Date(2026, 10, 25, 10, 0);

const plan = (start: string, itemIds: number[], perWeek = 2): PlanDefinition => ({
  name: 'LLM inference',
  perWeek,
  start,
  itemIds,
});

const states = (statuses: Record<number, Status>): Map<number, PlanItemState> =>
  new Map(
    Object.entries(statuses).map(([id, status]) => [
      Number(id),
      { id: Number(id), title: `Paper ${id}`, status },
    ]),
  );

describe('plan slots', () => {
  it('fill weeks in order, each due on its last day', () => {
    // Seed 003 style: two papers a week from Monday 23 November.
    const slots = planSlots(plan('2026-11-23', [10, 11, 12, 13, 14]));
    assert.deepEqual(
      [...slots.entries()],
      [
        [10, { plan: 'LLM inference', week: 1, due: '2026-11-29', position: 0 }],
        [11, { plan: 'LLM inference', week: 1, due: '2026-11-29', position: 1 }],
        [12, { plan: 'LLM inference', week: 2, due: '2026-12-06', position: 2 }],
        [13, { plan: 'LLM inference', week: 2, due: '2026-12-06', position: 3 }],
        [14, { plan: 'LLM inference', week: 3, due: '2026-12-13', position: 4 }],
      ],
    );
  });
  it('start a week on any weekday and cross month and year ends', () => {
    const slots = planSlots(plan('2026-12-24', [1, 2, 3], 1));
    assert.deepEqual(
      [...slots.values()].map((s) => s.due),
      ['2026-12-30', '2027-01-06', '2027-01-13'],
    );
  });
  it('keep the first place of an id listed twice', () => {
    assert.deepEqual(planSlots(plan('2026-11-23', [1, 2, 3, 1], 1)).get(1)?.week, 1);
  });
  it('refuse a start that is not a date', () => {
    assert.throws(() => planSlots(plan('2026-02-30', [1])), {
      code: 'bad_input',
      message: 'plan "LLM inference" start: not a date: "2026-02-30"',
    });
  });
});

describe('plan view', () => {
  // Started Monday 9 November, two a week: today (25 November) is in week 3.
  const started = plan('2026-11-09', [1, 2, 3, 4, 5, 6, 7]);
  const items = states({
    1: 'read',
    2: 'to-read',
    3: 'skipped',
    4: 'reading',
    5: 'to-read',
    6: 'read',
    7: 'to-read',
  });
  const view = planView(started, items, now);

  it('place today in its week', () => {
    assert.equal(view.currentWeek, 3);
    assert.equal(view.thisWeek?.week, 3);
    assert.deepEqual(
      view.thisWeek?.items.map((i) => [i.id, i.done, i.late]),
      [
        [5, false, false],
        [6, true, false],
      ],
    );
  });
  it('date every week and the end of the plan', () => {
    assert.deepEqual(
      view.weeks.map((w) => [w.week, w.start, w.due, w.items.map((i) => i.id)]),
      [
        [1, '2026-11-09', '2026-11-15', [1, 2]],
        [2, '2026-11-16', '2026-11-22', [3, 4]],
        [3, '2026-11-23', '2026-11-29', [5, 6]],
        [4, '2026-11-30', '2026-12-06', [7]],
      ],
    );
    assert.equal(view.end, '2026-12-06');
  });
  it('count read and skipped as done, and unfinished items of past weeks as late', () => {
    assert.deepEqual(
      view.late.map((i) => i.id),
      [2, 4],
    );
    assert.equal(view.done, 3);
    assert.equal(view.total, 7);
    assert.equal(view.onTrack, false);
  });

  const cases: Array<
    [string, PlanDefinition, Map<number, PlanItemState>, Date, Partial<Record<string, unknown>>]
  > = [
    [
      'due today is not late yet',
      plan('2026-11-19', [1], 1),
      states({ 1: 'to-read' }),
      now,
      { currentWeek: 1, late: [], onTrack: true },
    ],
    [
      'due last night is late on the first minute of the next day',
      plan('2026-11-19', [1], 1),
      states({ 1: 'to-read' }),
      new Date(2026, 10, 26, 0, 1),
      { currentWeek: 2, late: [{ id: 1, title: 'Paper 1', status: 'to-read' }], onTrack: false },
    ],
    [
      'before the start',
      plan('2026-12-01', [1, 2], 1),
      states({ 1: 'to-read', 2: 'to-read' }),
      now,
      { currentWeek: 0, thisWeek: null, late: [], onTrack: true },
    ],
    [
      'after the end',
      plan('2026-10-01', [1, 2], 1),
      states({ 1: 'read', 2: 'read' }),
      now,
      { currentWeek: 8, thisWeek: null, end: '2026-10-14', done: 2, total: 2, onTrack: true },
    ],
    [
      'an item deleted since keeps its place',
      plan('2026-11-23', [1, 99, 2], 2),
      states({ 1: 'to-read', 2: 'to-read' }),
      now,
      { total: 2, end: '2026-12-06' },
    ],
    [
      'an empty plan has one empty week',
      plan('2026-11-23', []),
      new Map(),
      now,
      { currentWeek: 1, end: '2026-11-29', total: 0, done: 0, onTrack: true },
    ],
  ];
  for (const [name, definition, itemStates, at, expected] of cases) {
    it(name, () => {
      const v = planView(definition, itemStates, at);
      const actual: Record<string, unknown> = { ...v };
      for (const key of Object.keys(expected)) assert.deepEqual(actual[key], expected[key], key);
    });
  }
  it('put a deleted item nowhere and its neighbours in their weeks', () => {
    const v = planView(plan('2026-11-23', [1, 99, 2], 2), states({ 1: 'to-read', 2: 'to-read' }), now);
    assert.deepEqual(
      v.weeks.map((w) => w.items.map((i) => i.id)),
      [[1], [2]],
    );
  });
});

describe('plan start', () => {
  const monday = new Date(2026, 10, 30, 9, 0);
  const sunday = new Date(2026, 10, 29, 22, 0);
  const cases: Array<[string | undefined, Date, string]> = [
    [undefined, now, '2026-11-25'],
    ['today', now, '2026-11-25'],
    ['Today', new Date(2026, 10, 25, 23, 59), '2026-11-25'],
    ['monday', now, '2026-11-30'],
    ['Monday', monday, '2026-11-30'],
    ['monday', sunday, '2026-11-30'],
    ['2026-12-01', now, '2026-12-01'],
    [' 2027-01-04 ', now, '2027-01-04'],
    ['2020-02-29', now, '2020-02-29'],
  ];
  for (const [text, at, expected] of cases) {
    it(`${JSON.stringify(text)} on ${at.toDateString()} → ${expected}`, () =>
      assert.equal(parsePlanStart(text, at), expected));
  }
  for (const text of [
    '2026-02-30',
    '2027-02-29',
    'next week',
    '',
    '26-12-01',
    '2026-1-5',
    '2026/12/01',
    'tuesday',
  ]) {
    it(`refuse ${JSON.stringify(text)}`, () => {
      assert.throws(() => parsePlanStart(text, now), {
        code: 'bad_input',
        message: `start: expected YYYY-MM-DD, "today" or "monday", got "${text}"`,
      });
    });
  }
});

describe('per week', () => {
  for (const n of [1, 5, 100]) it(`accept ${n}`, () => assert.equal(validatePerWeek(n), n));
  for (const n of [0, -1, 101, 1.5, NaN]) {
    it(`refuse ${n}`, () => {
      assert.throws(() => validatePerWeek(n), {
        code: 'bad_input',
        message: `per-week: must be a whole number from 1 to 100, got ${n}`,
      });
    });
  }
  it('refuse a plan with a bad pace', () => {
    assert.throws(() => planView(plan('2026-11-23', [1], 0), new Map(), now), { code: 'bad_input' });
  });
});
