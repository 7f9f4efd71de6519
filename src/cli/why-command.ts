// lectio why REF "text": why this item was saved ("" clears it).

import type { Command } from 'commander';
import { setWhy } from '../core/item-edits.js';
import { resolveRef } from '../core/resolve-ref.js';
import { globals, printJson, withExistingStore } from './cli-context.js';
import { clockNow } from './settings.js';

export function registerWhy(program: Command): void {
  program
    .command('why')
    .description('record why you saved an item (without text: print it)')
    .argument('<ref>', 'an item id, an arXiv id, a DOI, a URL or words of the title')
    .argument('[text]', 'the reason; "" clears yours')
    .option('--json', 'print the item id, title and why as JSON')
    .action((ref: string, text: string | undefined, _opts: unknown, command: Command) => {
      withExistingStore(command, (store) => {
        const id = resolveRef(store, ref);
        if (text !== undefined) setWhy(store, id, text, clockNow());
        const item = store.getItems([id])[0];
        if (globals(command).json) printJson({ id, title: item?.title ?? '', why: item?.why ?? null });
        else process.stdout.write(`#${id}  ${item?.title ?? ''}\n  why: ${item?.why ?? '(not recorded)'}\n`);
      });
    });
}
