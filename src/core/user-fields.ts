// What the user says about an item against what their lists say. Lists are re-imported
// for years; a `lectio mark`, `why`, `rate` or `move` must survive that, yet a list that
// later ticks a paper `[x]` is news the library should take.

import { STATUS_RANK, type Status } from './item.js';

/** What the lists say, folded (aggregate.ts). */
export interface ListFields {
  title: string;
  status: Status;
  importance: number | null;
  why: string | null;
  /** Topic paths of its sources, first seen first. */
  topics: string[];
}

/** What the user set with lectio itself; null where they never did. */
export interface UserFields {
  title: string | null;
  status: Status | null;
  importance: number | null;
  why: string | null;
  /** The one topic the item was moved to (`lectio move`). */
  topic: string | null;
}

export interface Effective {
  title: string;
  status: Status;
  importance: number | null;
  why: string | null;
  topics: string[];
  /** The user's status after this fold: cleared when a list moved further along. */
  userStatus: Status | null;
}

/**
 * The user's word wins over a list's, field by field. One exception, for status: when a
 * list's folded status *changes* (the file was edited) to something further along than
 * the user's, the list is the newer statement and wins (the user's status is cleared).
 * So `mark reading` then ticking `[x]` in the README gives read, while a list that still
 * says `[ ]` never undoes `mark read`, and `mark to-read` after a read (a re-read) sticks.
 */
export function effectiveFields(
  list: ListFields,
  user: UserFields,
  previousListStatus: Status | null,
): Effective {
  let userStatus = user.status;
  if (
    userStatus !== null &&
    previousListStatus !== null &&
    list.status !== previousListStatus &&
    STATUS_RANK[list.status] > STATUS_RANK[userStatus]
  ) {
    userStatus = null;
  }
  return {
    title: user.title ?? list.title,
    status: userStatus ?? list.status,
    importance: user.importance ?? list.importance,
    why: user.why ?? list.why,
    // A move files the item under that topic alone: it leaves every topic the lists gave it,
    // which is what moving means in a tree (the store files the sources there too).
    topics: user.topic !== null ? [user.topic] : list.topics,
    userStatus,
  };
}
