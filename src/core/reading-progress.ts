// Progress against the weekly target of seed 003: "精读1篇核心论文 + 泛读3-5篇相关论文", one deep
// read of a core paper and three to five skims of related ones each week, read with the
// three-pass method (pass 1 abstract, figures and conclusion; pass 2 the whole paper; pass 3
// reproduce it).
//
// A deep read is what pass 2 or more asks for, so an item counts as deep in a week when it was
// marked read or reached pass 2 or 3 that week. A skim is an item that got pass 1 that week and
// no deep read in the same week: reading the abstract on Monday and the paper on Thursday is one
// deep read, not a deep read and a skim. Weeks run Monday to Sunday on the user's calendar.

import { LectioError } from './errors.js';
import type { StoredEvent } from './library-store.js';
import type { Status } from './item.js';
import { formatDay, localDay, mondayOf } from './reading-plan.js';

export interface ReadingEvent {
  itemId: number;
  /** ISO timestamp */
  at: string;
  kind: 'status' | 'pass';
  status?: Status;
  pass?: number;
}

export interface WeeklyTarget {
  deep: number;
  skims: number;
}

/** Seed 003: one deep read and at least three skims a week. */
export const DEFAULT_WEEKLY_TARGET: WeeklyTarget = Object.freeze({ deep: 1, skims: 3 });

export interface ProgressWeek {
  /** Monday, YYYY-MM-DD */
  start: string;
  deep: number;
  skims: number;
  /** distinct items that reached each pass that week */
  passes: { 1: number; 2: number; 3: number };
  met: boolean;
}

export interface ProgressView {
  target: WeeklyTarget;
  /** oldest first, the last is the current week */
  weeks: ProgressWeek[];
  thisWeek: ProgressWeek;
  /** met weeks in a row up to the current week, or up to last week while this one is not met yet */
  streak: number;
  bestStreak: number;
  /** distinct items ever marked read */
  totalRead: number;
}

export const DEFAULT_PROGRESS_WEEKS = 8;

export function validateWeeklyTarget(target: WeeklyTarget): WeeklyTarget {
  for (const name of ['deep', 'skims'] as const) {
    const value = target[name];
    if (!Number.isInteger(value) || value < 0) {
      throw new LectioError('bad_input', `weekly target ${name}: must be a whole number >= 0, got ${value}`);
    }
  }
  // With nothing to do every empty week would be met and a streak would have no start.
  if (target.deep === 0 && target.skims === 0) {
    throw new LectioError('bad_input', 'weekly target: deep and skims cannot both be 0');
  }
  return target;
}

class WeekActivity {
  readonly deep = new Set<number>();
  readonly firstPass = new Set<number>();
  readonly passes = [new Set<number>(), new Set<number>(), new Set<number>()] as const;
}

export function readingProgress(
  events: readonly ReadingEvent[],
  now: Date,
  target: WeeklyTarget,
  weeks: number = DEFAULT_PROGRESS_WEEKS,
): ProgressView {
  validateWeeklyTarget(target);
  if (!Number.isInteger(weeks) || weeks < 1) {
    throw new LectioError('bad_input', `weeks: must be a whole number >= 1, got ${weeks}`);
  }
  const current = mondayOf(localDay(now));
  const activity = new Map<number, WeekActivity>();
  const everRead = new Set<number>();
  let earliest = current;

  for (const event of events) {
    const ms = Date.parse(event.at);
    if (Number.isNaN(ms)) continue;
    const week = mondayOf(localDay(new Date(ms)));
    let act = activity.get(week);
    if (act === undefined) {
      act = new WeekActivity();
      activity.set(week, act);
    }
    if (week < earliest) earliest = week;
    if (event.kind === 'status') {
      if (event.status !== 'read') continue;
      everRead.add(event.itemId);
      act.deep.add(event.itemId);
    } else {
      const pass = Math.min(3, Math.floor(event.pass ?? 0));
      if (pass < 1) continue;
      act.passes[pass - 1]!.add(event.itemId);
      if (pass >= 2) act.deep.add(event.itemId);
      else act.firstPass.add(event.itemId);
    }
  }

  const summary = (week: number): ProgressWeek => {
    const act = activity.get(week);
    let skims = 0;
    if (act !== undefined) for (const id of act.firstPass) if (!act.deep.has(id)) skims++;
    const deep = act?.deep.size ?? 0;
    return {
      start: formatDay(week),
      deep,
      skims,
      passes: { 1: act?.passes[0].size ?? 0, 2: act?.passes[1].size ?? 0, 3: act?.passes[2].size ?? 0 },
      met: deep >= target.deep && skims >= target.skims,
    };
  };

  // Runs of met weeks, walking every week from the first recorded one to the current one.
  let run = 0;
  let bestStreak = 0;
  let streakBeforeThisWeek = 0;
  for (let week = earliest; week <= current; week += 7) {
    if (week === current) streakBeforeThisWeek = run;
    run = summary(week).met ? run + 1 : 0;
    bestStreak = Math.max(bestStreak, run);
  }
  const thisWeek = summary(current);
  const streak = thisWeek.met ? run : streakBeforeThisWeek;

  const shown: ProgressWeek[] = [];
  for (let i = weeks - 1; i >= 1; i--) shown.push(summary(current - 7 * i));
  shown.push(thisWeek);

  return {
    target: { deep: target.deep, skims: target.skims },
    weeks: shown,
    thisWeek,
    streak,
    bestStreak,
    totalRead: everRead.size,
  };
}

/** The store's history as reading events: status changes and passes, other kinds dropped. */
export function readingEventsOf(events: readonly StoredEvent[]): ReadingEvent[] {
  const out: ReadingEvent[] = [];
  for (const e of events) {
    if (e.kind === 'status')
      out.push({ itemId: e.itemId, at: e.at, kind: 'status', status: e.data.to as Status });
    else if (e.kind === 'pass')
      out.push({ itemId: e.itemId, at: e.at, kind: 'pass', pass: Number(e.data.pass) });
  }
  return out;
}
