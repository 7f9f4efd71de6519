import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Status } from './item.js';
import { DEFAULT_WEEKLY_TARGET, readingProgress, type ReadingEvent } from './reading-progress.js';

// Wednesday 25 November 2026, 10:00 on the user's clock: the current week began Monday 23 November.
const now = new Date(2026, 10, 25, 10, 0);

/** Noon on a local calendar day, so the test means the same day in every time zone. */
const noon = (day: string): string => {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d, 12, 0).toISOString();
};
const pass = (itemId: number, day: string, n: number): ReadingEvent => ({
  itemId,
  at: noon(day),
  kind: 'pass',
  pass: n,
});
const status = (itemId: number, day: string, s: Status): ReadingEvent => ({
  itemId,
  at: noon(day),
  kind: 'status',
  status: s,
});

/** The seed 003 target met in the week of `monday`: one deep read and three skims. */
let nextId = 1000;
const metWeek = (monday: string): ReadingEvent[] => [
  status(nextId++, monday, 'read'),
  pass(nextId++, monday, 1),
  pass(nextId++, monday, 1),
  pass(nextId++, monday, 1),
];

describe('reading progress: one week', () => {
  const events = [
    pass(1, '2026-11-23', 1), // abstract on Monday...
    pass(1, '2026-11-24', 2), // ...the whole paper on Tuesday: one deep read, no skim
    pass(2, '2026-11-24', 1),
    status(3, '2026-11-25', 'read'),
    pass(4, '2026-11-23', 1),
    pass(4, '2026-11-24', 1), // the same skim twice
    pass(5, '2026-11-25', 3),
    status(6, '2026-11-25', 'reading'), // started, not read
  ];
  const view = readingProgress(events, now, DEFAULT_WEEKLY_TARGET);

  it('count deep reads and skims of distinct items', () => {
    assert.deepEqual(view.thisWeek, {
      start: '2026-11-23',
      deep: 3,
      skims: 2,
      passes: { 1: 3, 2: 1, 3: 1 },
      met: false,
    });
  });
  it('meet a smaller target', () => {
    assert.equal(readingProgress(events, now, { deep: 3, skims: 2 }).thisWeek.met, true);
    assert.equal(readingProgress(events, now, { deep: 4, skims: 0 }).thisWeek.met, false);
  });
  it('count items ever read once each', () => {
    const more = [...events, status(3, '2026-10-01', 'read'), status(7, '2025-01-01', 'read')];
    assert.equal(readingProgress(more, now, DEFAULT_WEEKLY_TARGET).totalRead, 2);
  });
});

describe('reading progress: weeks', () => {
  it('show eight weeks by default, oldest first, ending with this one', () => {
    const view = readingProgress([], now, DEFAULT_WEEKLY_TARGET);
    assert.deepEqual(
      view.weeks.map((w) => w.start),
      [
        '2026-10-05',
        '2026-10-12',
        '2026-10-19',
        '2026-10-26',
        '2026-11-02',
        '2026-11-09',
        '2026-11-16',
        '2026-11-23',
      ],
    );
    assert.deepEqual(view.weeks.at(-1), view.thisWeek);
    assert.equal(readingProgress([], now, DEFAULT_WEEKLY_TARGET, 1).weeks.length, 1);
  });
  it('split weeks at midnight between Sunday and Monday, local time', () => {
    const events: ReadingEvent[] = [
      { itemId: 1, at: new Date(2026, 10, 22, 23, 30).toISOString(), kind: 'status', status: 'read' },
      { itemId: 2, at: new Date(2026, 10, 23, 0, 10).toISOString(), kind: 'status', status: 'read' },
    ];
    const view = readingProgress(events, now, DEFAULT_WEEKLY_TARGET, 2);
    assert.deepEqual(
      view.weeks.map((w) => [w.start, w.deep]),
      [
        ['2026-11-16', 1],
        ['2026-11-23', 1],
      ],
    );
  });
  it('ignore events whose time cannot be read', () => {
    const view = readingProgress(
      [{ itemId: 1, at: 'yesterday', kind: 'status', status: 'read' }],
      now,
      DEFAULT_WEEKLY_TARGET,
    );
    assert.equal(view.totalRead, 0);
  });
});

describe('reading progress: streaks', () => {
  const cases: Array<[string, ReadingEvent[], number, number]> = [
    ['nothing read', [], 0, 0],
    [
      'three met weeks, this week not met yet: the streak holds',
      [
        ...metWeek('2026-11-02'),
        ...metWeek('2026-11-09'),
        ...metWeek('2026-11-16'),
        pass(1, '2026-11-24', 1),
      ],
      3,
      3,
    ],
    [
      'this week met too: it counts',
      [
        ...metWeek('2026-11-02'),
        ...metWeek('2026-11-09'),
        ...metWeek('2026-11-16'),
        ...metWeek('2026-11-23'),
      ],
      4,
      4,
    ],
    ['last week missed: the streak is broken', [...metWeek('2026-11-02'), ...metWeek('2026-11-09')], 0, 2],
    ['only this week met', metWeek('2026-11-23'), 1, 1],
    [
      'a longer run months ago, beyond the weeks shown, is the best',
      [
        ...['2026-06-01', '2026-06-08', '2026-06-15', '2026-06-22', '2026-06-29'].flatMap(metWeek),
        ...metWeek('2026-11-09'),
        ...metWeek('2026-11-16'),
      ],
      2,
      5,
    ],
    [
      'a week with a deep read but too few skims breaks a run',
      [
        ...metWeek('2026-11-02'),
        status(1, '2026-11-10', 'read'),
        pass(2, '2026-11-10', 1),
        pass(3, '2026-11-10', 1),
        ...metWeek('2026-11-16'),
      ],
      1,
      1,
    ],
  ];
  for (const [name, events, streak, bestStreak] of cases) {
    it(name, () => {
      const view = readingProgress(events, now, DEFAULT_WEEKLY_TARGET);
      assert.equal(view.streak, streak, 'streak');
      assert.equal(view.bestStreak, bestStreak, 'best streak');
    });
  }
});

describe('reading progress: targets', () => {
  const bad: Array<[string, { deep: number; skims: number }, string]> = [
    ['nothing to do', { deep: 0, skims: 0 }, 'weekly target: deep and skims cannot both be 0'],
    ['negative', { deep: -1, skims: 3 }, 'weekly target deep: must be a whole number >= 0, got -1'],
    ['a fraction', { deep: 1, skims: 2.5 }, 'weekly target skims: must be a whole number >= 0, got 2.5'],
  ];
  for (const [name, target, message] of bad) {
    it(`refuse ${name}`, () => {
      assert.throws(() => readingProgress([], now, target), { code: 'bad_input', message });
    });
  }
  it('refuse zero weeks', () => {
    assert.throws(() => readingProgress([], now, DEFAULT_WEEKLY_TARGET, 0), { code: 'bad_input' });
  });
});
