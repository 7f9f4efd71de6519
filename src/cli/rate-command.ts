// lectio rate REF 1-5: how good it was, after reading (importance is the guess before).

import type { Command } from 'commander';
import { parseRating, rateItem } from '../core/item-edits.js';
import { resolveRef } from '../core/resolve-ref.js';
import { globals, printJson, withExistingStore } from './cli-context.js';
import { stars } from './item-view.js';
import { clockNow } from './settings.js';

export function registerRate(program: Command): void {
  program
    .command('rate')
    .description('rate an item you read, 1-5 (distinct from its importance before reading)')
    .argument('<ref>', 'an item id, an arXiv id, a DOI, a URL or words of the title')
    .argument('<rating>', '1 to 5')
    .option('--json', 'print the item id, title and rating as JSON')
    .action((ref: string, ratingText: string, _opts: unknown, command: Command) => {
      const rating = parseRating(ratingText);
      withExistingStore(command, (store) => {
        const id = resolveRef(store, ref);
        rateItem(store, id, rating, clockNow());
        const item = store.getItems([id])[0];
        if (globals(command).json) printJson({ id, title: item?.title ?? '', rating });
        else process.stdout.write(`#${id}  ${item?.title ?? ''}: rated ${stars(rating)}\n`);
      });
    });
}
