// Reading plans: an ordered list of items read at a weekly pace from a start date (seed 003
// lays its paths out by week with a weekly target). A plan stores only its order; which week an
// item falls in, when it is due and whether it is late are derived here from the clock.
//
// Dates are the user's calendar days. A day is handled as a whole number of days since
// 1970-01-01 computed with Date.UTC, so adding seven days is adding 7 and a change to or from
// summer time can never move a due date. "Today" is read from the local fields of the clock
// (getFullYear/getMonth/getDate): at 00:30 on a Monday the user's week has begun, whatever UTC says.

import { LectioError } from './errors.js';
import type { Status } from './item.js';

const MS_PER_DAY = 86_400_000;
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;

/** The user's calendar day at `now`, as a day number. */
export function localDay(now: Date): number {
  return Date.UTC(now.getFullYear(), now.getMonth(), now.getDate()) / MS_PER_DAY;
}

/** "YYYY-MM-DD" → day number, or NaN when the text is not a real date ("2026-02-30"). */
export function parseDay(text: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (m === null) return NaN;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(year, month - 1, day);
  const back = new Date(ms);
  // Date.UTC rolls 2026-02-30 over to March 2nd; a real date survives the round trip.
  if (back.getUTCFullYear() !== year || back.getUTCMonth() !== month - 1 || back.getUTCDate() !== day)
    return NaN;
  // Date.UTC maps years 0-99 to 1900-1999; the round trip above already rejected those.
  return ms / MS_PER_DAY;
}

/** Day number → "YYYY-MM-DD". */
export function formatDay(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** 0 = Sunday ... 6 = Saturday. Day 0 (1970-01-01) was a Thursday. */
export function weekdayOf(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

export function weekdayName(day: number): string {
  return WEEKDAYS[weekdayOf(day)] ?? '';
}

/** The Monday starting the week that holds `day` (weeks run Monday to Sunday). */
export function mondayOf(day: number): number {
  return day - ((weekdayOf(day) + 6) % 7);
}

/** Where one item sits in one plan. */
export interface PlanSlot {
  plan: string;
  week: number;
  /** YYYY-MM-DD, last day of that plan week */
  due: string;
  /** position in the plan, 0-based */
  position: number;
}

export interface PlanDefinition {
  name: string;
  perWeek: number;
  /** YYYY-MM-DD */
  start: string;
  /** ordered item ids */
  itemIds: readonly number[];
}

export interface PlanItemState {
  id: number;
  title: string;
  status: Status;
}

export type PlanItemView = PlanItemState & { done: boolean; late: boolean };

export interface PlanWeek {
  week: number;
  /** YYYY-MM-DD, first day of the plan week */
  start: string;
  /** YYYY-MM-DD, last day of the plan week */
  due: string;
  items: PlanItemView[];
}

export interface PlanView {
  name: string;
  perWeek: number;
  start: string;
  /** YYYY-MM-DD, due date of the last week */
  end: string;
  /** 0 before the start, weeks.length + 1 or more after the end */
  currentWeek: number;
  weeks: PlanWeek[];
  thisWeek: PlanWeek | null;
  late: PlanItemState[];
  done: number;
  total: number;
  /** nothing is late */
  onTrack: boolean;
}

export const MAX_PER_WEEK = 100;

export function validatePerWeek(perWeek: number): number {
  if (!Number.isInteger(perWeek) || perWeek < 1 || perWeek > MAX_PER_WEEK) {
    throw new LectioError(
      'bad_input',
      `per-week: must be a whole number from 1 to ${MAX_PER_WEEK}, got ${perWeek}`,
    );
  }
  return perWeek;
}

function startDay(plan: PlanDefinition): number {
  const day = parseDay(plan.start);
  if (Number.isNaN(day))
    throw new LectioError('bad_input', `plan "${plan.name}" start: not a date: "${plan.start}"`);
  return day;
}

/**
 * Item i (0-based) is in week floor(i / perWeek) + 1, due on the last day of that week:
 * start + 7 × week − 1. An id listed twice keeps its first place.
 */
export function planSlots(plan: PlanDefinition): Map<number, PlanSlot> {
  const perWeek = validatePerWeek(plan.perWeek);
  const start = startDay(plan);
  const slots = new Map<number, PlanSlot>();
  plan.itemIds.forEach((id, position) => {
    if (slots.has(id)) return;
    const week = Math.floor(position / perWeek) + 1;
    slots.set(id, { plan: plan.name, week, due: formatDay(start + 7 * week - 1), position });
  });
  return slots;
}

const isDone = (status: Status): boolean => status === 'read' || status === 'skipped';

/**
 * The plan as of `now`. Items missing from `items` (deleted since the plan was made) are left
 * out of the view but keep their place, so the rest of the plan does not shift a week.
 */
export function planView(
  plan: PlanDefinition,
  items: ReadonlyMap<number, PlanItemState>,
  now: Date,
): PlanView {
  const perWeek = validatePerWeek(plan.perWeek);
  const start = startDay(plan);
  const today = localDay(now);
  const weekCount = Math.max(1, Math.ceil(plan.itemIds.length / perWeek));
  const weeks: PlanWeek[] = [];
  for (let week = 1; week <= weekCount; week++) {
    const first = start + 7 * (week - 1);
    weeks.push({ week, start: formatDay(first), due: formatDay(first + 6), items: [] });
  }
  const late: PlanItemState[] = [];
  const seen = new Set<number>();
  let done = 0;
  plan.itemIds.forEach((id, position) => {
    const state = items.get(id);
    if (state === undefined || seen.has(id)) return;
    seen.add(id);
    const week = Math.floor(position / perWeek) + 1;
    const due = start + 7 * week - 1;
    const itemDone = isDone(state.status);
    const itemLate = !itemDone && due < today;
    if (itemDone) done++;
    if (itemLate) late.push(state);
    weeks[week - 1]?.items.push({ ...state, done: itemDone, late: itemLate });
  });
  const currentWeek = today < start ? 0 : Math.floor((today - start) / 7) + 1;
  return {
    name: plan.name,
    perWeek,
    start: plan.start,
    end: formatDay(start + 7 * weekCount - 1),
    currentWeek,
    weeks,
    thisWeek: weeks[currentWeek - 1] ?? null,
    late,
    done,
    total: seen.size,
    onTrack: late.length === 0,
  };
}

/**
 * `--start`: absent → today; "today"; "monday" → the coming Monday, or today when today is a
 * Monday (plans usually start with a week); or a date YYYY-MM-DD.
 */
export function parsePlanStart(text: string | undefined, now: Date): string {
  const today = localDay(now);
  if (text === undefined) return formatDay(today);
  const word = text.trim().toLowerCase();
  if (word === 'today') return formatDay(today);
  if (word === 'monday') return formatDay(today + ((8 - weekdayOf(today)) % 7));
  const day = parseDay(word);
  if (Number.isNaN(day)) {
    throw new LectioError('bad_input', `start: expected YYYY-MM-DD, "today" or "monday", got "${text}"`);
  }
  return formatDay(day);
}
