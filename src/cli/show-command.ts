// lectio show ID|URL|ARXIV-ID|DOI|"title words"

import type { Command } from 'commander';
import { LectioError } from '../core/errors.js';
import type { ItemMetadata } from '../core/feed-store.js';
import { eventInWords } from '../core/history-words.js';
import { findOtherWorks } from '../core/merge-service.js';
import { resolveRef } from '../core/resolve-ref.js';
import { globals, openStoreForReading, printJson } from './cli-context.js';
import { itemDetails, itemJson } from './item-view.js';
import { otherWorkLines } from './merge-command.js';

/** The last changes, newest last: "2026-11-26 status reading → read". */
function historyLines(
  history: ReadonlyArray<Record<string, unknown> & { at: string; kind: string }>,
): string {
  if (history.length === 0) return '';
  const shown = history.slice(-10).map((e) => `    ${e.at.slice(0, 10)}  ${eventInWords(e, 60)}`);
  const more = history.length > 10 ? ` (last 10 of ${history.length})` : '';
  return `  history${more}:\n${shown.join('\n')}\n`;
}

/** What arXiv (or a feed) said beyond the lists: abstract, categories, journal reference, DOI. */
function metadataLines(m: ItemMetadata | null): string {
  if (!m) return '';
  const out: string[] = [];
  const facts = [
    m.categories.length ? m.categories.join(' ') : null,
    m.journalRef ? `published: ${m.journalRef}` : null,
    m.doi ? `doi:${m.doi}` : null,
  ].filter(Boolean);
  if (facts.length) out.push(`  ${facts.join(' · ')}`);
  if (m.abstract)
    out.push(`  abstract: ${m.abstract.length > 600 ? `${m.abstract.slice(0, 599)}…` : m.abstract}`);
  return out.length ? `${out.join('\n')}\n` : '';
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
        const metadata = store.feedStore().itemMetadata(id);
        // Rows merged by an id they share but titled as two works (as `lectio duplicates` shows them).
        const otherWorks = item.sources.length > 1 ? findOtherWorks(store, 20, store.itemTitles([id])) : [];
        if (globals(command).json) printJson({ ...itemJson(item), metadata, history, otherWorks });
        else {
          const others = otherWorks.map((o) => otherWorkLines(o, '    ').join('\n'));
          const warning = others.length ? `  two works under one id:\n${others.join('\n')}\n` : '';
          process.stdout.write(
            `${itemDetails(item)}\n${warning}${metadataLines(metadata)}${historyLines(history)}`,
          );
        }
      } finally {
        store.close();
      }
    });
}
