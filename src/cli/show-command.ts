// lectio show ID|URL|ARXIV-ID|DOI|"title words"

import type { Command } from 'commander';
import { LectioError } from '../core/errors.js';
import { resolveRef } from '../core/resolve-ref.js';
import { globals, openStoreForReading, printJson } from './cli-context.js';
import { itemDetails, itemJson } from './item-view.js';

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
        if (globals(command).json) printJson(itemJson(item));
        else process.stdout.write(`${itemDetails(item)}\n`);
      } finally {
        store.close();
      }
    });
}
