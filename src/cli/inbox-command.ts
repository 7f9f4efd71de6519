// lectio inbox [-n N] | inbox keep ID… [--topic T] [--why W] | inbox dismiss ID…

import type { Command } from 'commander';
import { LectioError } from '../core/errors.js';
import { dismissInboxItem, inboxView, keepInboxItem } from '../core/inbox.js';
import { resolveRef } from '../core/resolve-ref.js';
import { globals, openStoreForReading, printJson, withExistingStore } from './cli-context.js';
import { clockNow } from './settings.js';
import { fitWidth } from './text-width.js';

export function registerInbox(program: Command): void {
  const inbox = program
    .command('inbox')
    .description('new papers from your feeds, best match to your library first; keep or dismiss them')
    .option('-n, --limit <n>', 'show at most N entries', '20')
    .option('--json', 'print the entries as JSON')
    .action((opts: { limit: string }, command: Command) => {
      const limit = Number(opts.limit);
      if (!Number.isInteger(limit) || limit < 1)
        throw new LectioError('bad_input', `-n must be a whole number >= 1, not "${opts.limit}"`);
      const store = openStoreForReading(command);
      const { entries, waiting } = store ? inboxView(store, limit) : { entries: [], waiting: 0 };
      store?.close();
      if (globals(command).json) {
        printJson(entries);
        return;
      }
      if (entries.length === 0) {
        process.stdout.write('the inbox is empty: lectio feed add arxiv:cs.LG, then lectio feed fetch\n');
        return;
      }
      const width = process.stdout.columns && process.stdout.columns > 40 ? process.stdout.columns : 100;
      entries.forEach((e, i) => {
        const score = e.score === null ? '  –' : String(Math.round(e.score)).padStart(3);
        process.stdout.write(
          `${String(i + 1).padStart(3)}. #${e.itemId}  ${score}  ${clip(e.title, width - 18)}\n`,
        );
        for (const line of [`${e.feed} · ${e.reasons[0] ?? ''}`, ...e.reasons.slice(1)])
          process.stdout.write(`            ${clip(line, width - 12)}\n`);
      });
      if (waiting > entries.length)
        process.stdout.write(`… ${waiting - entries.length} more (-n ${waiting})\n`);
      process.stdout.write(
        'keep: lectio inbox keep ID --topic T [--why …] · dismiss: lectio inbox dismiss ID\n',
      );
    });

  inbox
    .command('keep')
    .description('move entries into the library as to-read, under a topic (default: their best topic)')
    .argument('<refs...>', 'inbox entries: item ids as lectio inbox shows them (or any REF)')
    .option('--topic <topic>', 'the topic to file them under')
    .option('--why <text>', 'why you keep them')
    .option('--json', 'print the result as JSON')
    .action((refs: string[], opts: { topic?: string; why?: string }, command: Command) => {
      const now = clockNow();
      // All or none: a bad REF among several keeps nothing.
      const kept = withExistingStore(command, (store) => {
        const ids = refs.map((ref) => resolveRef(store, ref));
        const request = {
          ...(opts.topic ? { topic: opts.topic } : {}),
          ...(opts.why ? { why: opts.why } : {}),
        };
        return store.transaction(() => ids.map((id) => keepInboxItem(store, id, request, now)));
      });
      if (globals(command).json) printJson(kept);
      else
        for (const k of kept)
          process.stdout.write(`kept #${k.itemId}  ${k.title}${k.topic ? ` → ${k.topic}` : ''}\n`);
    });

  inbox
    .command('dismiss')
    .description('drop entries from the inbox; they never come back, and similar papers rank lower')
    .argument('<refs...>', 'inbox entries: item ids as lectio inbox shows them (or any REF)')
    .option('--json', 'print the result as JSON')
    .action((refs: string[], _opts: unknown, command: Command) => {
      const now = clockNow();
      const dismissed = withExistingStore(command, (store) => {
        const ids = refs.map((ref) => resolveRef(store, ref));
        return store.transaction(() => ids.map((id) => ({ id, ...dismissInboxItem(store, id, now) })));
      });
      if (globals(command).json) printJson(dismissed);
      else for (const d of dismissed) process.stdout.write(`dismissed #${d.id}  ${d.title}\n`);
    });
}

/** The text cut to `width` columns (CJK counts two), with an ellipsis when cut; no padding. */
function clip(text: string, width: number): string {
  return fitWidth(text, width).trimEnd();
}
