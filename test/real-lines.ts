// Single lines of the real lists (../shared), read where they are, so that a test of one rule
// can name the line that motivates it without copying it into the repository.

import fs from 'node:fs';
import path from 'node:path';
import { decodeText } from '../src/formats/text-decoding.js';
import { LISTS_DIR, SEEDS_DIR } from './real-lists.js';

const linesOf = new Map<string, readonly string[]>();

/**
 * The lines of a real list as lectio reads it (decoded, mojibake repaired): a public list by
 * its file name ("ml-papers-of-the-week_dair-ai.md"), a seed by its number ("003").
 */
export function realLines(list: string): readonly string[] {
  let lines = linesOf.get(list);
  if (lines === undefined) {
    const file = /^\d{3}$/u.test(list)
      ? path.join(SEEDS_DIR, fs.readdirSync(SEEDS_DIR).find((f) => f.startsWith(`${list}_`)) ?? list)
      : path.join(LISTS_DIR, list);
    lines = decodeText(fs.readFileSync(file), list).text.split('\n');
    linesOf.set(list, lines);
  }
  return lines;
}

/** Line `n` (1-based) of a real list. */
export function realLine(list: string, n: number): string {
  const line = realLines(list)[n - 1];
  if (line === undefined) throw new Error(`${list} has no line ${n}`);
  return line;
}

/** Lines `from` to `to` (1-based, inclusive) of a real list, as one text. */
export function realText(list: string, from: number, to: number): string {
  return `${realLines(list)
    .slice(from - 1, to)
    .join('\n')}\n`;
}

/** A table row of a real list under its table's header: the row as its list has it. */
export function realTableRow(list: string, n: number): string {
  const lines = realLines(list);
  let rule = n - 2;
  while (rule > 0 && !/^\s*\|?\s*:?-{3,}/u.test(lines[rule] ?? '')) rule--;
  if (rule <= 0) throw new Error(`${list}:${n} is not in a table`);
  return `${lines[rule - 1]}\n${lines[rule]}\n${lines[n - 1]}\n`;
}
