// lectio next [-n N] [--topic T] [--json]: what to read next, and why.

import { type Command, Option } from 'commander';
import { ITEM_KINDS, type ItemKind } from '../core/item.js';
import { LectioError } from '../core/errors.js';
import type { QueueEntry } from '../core/rank-queue.js';
import { readingQueue } from '../core/reading-queue.js';
import { globals, openStoreForReading, printJson } from './cli-context.js';
import { clockNow, loadSettings } from './settings.js';

export function registerNext(program: Command): void {
  program
    .command('next')
    .description('what to read next: unread items ranked by topic priority, importance, lists, plans and age')
    .option('-n, --number <n>', 'how many', '10')
    .option('--topic <topic>', 'only this topic and its sub-topics')
    .addOption(new Option('--kind <kind>', 'only this kind (paper, code, blog…)').choices([...ITEM_KINDS]))
    .option('--json', 'print JSON')
    .action((opts: { number: string; topic?: string; kind?: ItemKind }, command: Command) => {
      const limit = Number(opts.number);
      if (!Number.isInteger(limit) || limit < 1) {
        throw new LectioError('bad_input', `-n must be a whole number >= 1, not "${opts.number}"`);
      }
      const settings = loadSettings();
      const store = openStoreForReading(command);
      let entries: QueueEntry[] = [];
      try {
        if (store) {
          entries = readingQueue(store, {
            now: clockNow(),
            weights: settings.weights,
            limit,
            ...(opts.topic !== undefined ? { topic: opts.topic } : {}),
            ...(opts.kind !== undefined ? { kind: opts.kind } : {}),
          });
        }
      } finally {
        store?.close();
      }
      if (globals(command).json) {
        printJson(entries.map((e, i) => ({ rank: i + 1, ...e })));
        return;
      }
      if (entries.length === 0) {
        process.stdout.write(
          store ? 'nothing left to read here\n' : 'the library is empty; run "lectio import FILE" first\n',
        );
        return;
      }
      process.stdout.write(queueText(entries));
    });
}

/** The queue as `next` prints it: rank, id and title, then why it is there, indented. */
export function queueText(entries: readonly QueueEntry[]): string {
  const width = String(entries.length).length;
  const lines = entries.map(
    (e, i) => `${String(i + 1).padStart(width)}. #${e.id}  ${e.title}\n${' '.repeat(width + 2)}${e.why}`,
  );
  return `${lines.join('\n')}\n`;
}
