// The real inputs the tests read: the four seeds and the public lists in ../shared, read-only
// and shared by every lectio checkout (never copied into the repo). Tests run from the
// package root (npm test, node --test dist/...).

import fs from 'node:fs';
import path from 'node:path';

export const SHARED_DIR = path.resolve(process.cwd(), '..', 'shared');
export const SEEDS_DIR = path.join(SHARED_DIR, 'seeds');
export const LISTS_DIR = path.join(SHARED_DIR, 'testdata', 'lists');

const filesOf = (dir: string): string[] =>
  fs
    .readdirSync(dir)
    .sort()
    .map((f) => path.join(dir, f));

/** Every real list: the public lists, then the seeds, each in name order. */
export const REAL_LISTS: readonly string[] = [...filesOf(LISTS_DIR), ...filesOf(SEEDS_DIR)];
