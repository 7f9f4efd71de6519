// lectio show ID|URL|ARXIV-ID|DOI|"title words"

import type { Command } from 'commander';
import { LectioError } from '../core/errors.js';
import { resolveRef } from '../core/resolve-ref.js';
import { globals, openStoreForReading, printJson } from './cli-context.js';
import { itemDetails, itemJson } from './item-view.js';

/** The last changes, newest last: "2026-11-26 status reading → read". */
function historyLines(
  history: ReadonlyArray<Record<string, unknown> & { at: string; kind: string }>,
): string {
  if (history.length === 0) return '';
  const words = (e: Record<string, unknown> & { kind: string }): string => {
    switch (e.kind) {
      case 'status':
        return `${String(e.from)} → ${String(e.to)}${e.by === 'list' ? ' (a list)' : ''}`;
      case 'pass':
        return `pass ${String(e.pass)}`;
      case 'merge':
        return `merged #${String(e.from)} (${String(e.reason)})`;
      case 'unmerge':
        return e.into !== undefined
          ? `unmerged ${String(e.source)} into #${String(e.into)}`
          : `split from #${String(e.from)} (${String(e.source)})`;
      case 'rating':
        return `rated ${String(e.rating)}`;
      case 'why':
        return `why: ${String(e.why).slice(0, 60)}`;
      case 'note':
        return `note (${String(e.chars)} characters)`;
      default:
        return e.kind;
    }
  };
  const shown = history.slice(-10).map((e) => `    ${e.at.slice(0, 10)}  ${words(e)}`);
  const more = history.length > 10 ? ` (last 10 of ${history.length})` : '';
  return `  history${more}:\n${shown.join('\n')}\n`;
}

export function registerShow(program: Command): void {
  program
    .command('show')
    .description('show one item: its links, notes, topics and every place it was found')
    .argument('<ref>', 'an item id, an arXiv id, a DOI, a URL or words of the title')
    .option('--json', 'print JSON')
    .action((ref: string, _opts: unknown, command: Command) => {
      const store = openStoreForReading(command);
      if (!store) throw new LectioError('not_found', 'the library is empty; run "lectio import FILE" first');
      try {
        const id = resolveRef(store, ref);
        const item = store.getItems([id])[0];
        if (!item) throw new LectioError('not_found', `no item #${id}`);
        const history = store.eventsOf(id).map((e) => ({ at: e.at, kind: e.kind, ...e.data }));
        if (globals(command).json) printJson({ ...itemJson(item), history });
        else process.stdout.write(`${itemDetails(item)}\n${historyLines(history)}`);
      } finally {
        store.close();
      }
    });
}
