// lectio list [--topic T] [--status S] [--kind K] [--no-why] [--json]

import { type Command, Option } from 'commander';
import { ITEM_KINDS, type ItemKind, STATUSES, type Status } from '../core/item.js';
import type { ListFilter } from '../core/library-store.js';
import { resolveTopicFilter } from '../core/topic-tree.js';
import { itemsJsonRuns } from '../store/sqlite/item-listing.js';
import {
  globals,
  noteOnStderr,
  openDatabaseForReading,
  openStoreForReading,
  printJsonArray,
} from './cli-context.js';
import { itemLine } from './item-view.js';

export function registerList(program: Command): void {
  program
    .command('list')
    .description('list the items of the library')
    .option('--topic <topic>', 'only this topic and its sub-topics ("LLM" or "LLM / kv cache")')
    .addOption(new Option('--status <status>', 'only this status').choices([...STATUSES]))
    .addOption(new Option('--kind <kind>', 'only this kind').choices([...ITEM_KINDS]))
    .option('--no-why', 'only items without a why (what you saved and forgot the reason for)')
    .option('--json', 'print a JSON array')
    .action((opts: { topic?: string; status?: Status; kind?: ItemKind; why: boolean }, command: Command) => {
      const json = globals(command).json === true;
      const filter: ListFilter = {};
      if (opts.topic) filter.topic = topicNamed(command, opts.topic);
      if (opts.status) filter.status = opts.status;
      if (opts.kind) filter.kind = opts.kind;
      if (!opts.why) filter.noWhy = true;
      if (json) {
        // The whole library: a bulk read straight to the contract's text (item-listing.ts).
        // Each run is written before the next is read, inside one read transaction of WAL:
        // a writer meanwhile is not blocked, and the output is one moment of the library.
        const db = openDatabaseForReading(command);
        try {
          printJsonArray(db ? itemsJsonRuns(db, filter) : []);
        } finally {
          db?.close();
        }
        return;
      }
      const store = openStoreForReading(command);
      const items = store ? store.listItems(filter) : [];
      store?.close();
      if (items.length === 0) {
        process.stdout.write(
          store ? 'no items match\n' : 'the library is empty; run "lectio import FILE" first\n',
        );
        return;
      }
      process.stdout.write(`${items.map(itemLine).join('\n')}\n`);
    });
}

/**
 * The topic a user names, as `next --topic` and the web app read it: its path in any case, or
 * the last part of one path ("生成模型" for "所有论文 / 生成模型", which listed nothing); a name
 * that is the last part of several is an error that lists them. A topic that is not there
 * (any more: a move empties and drops one) has no items, and stderr says so with the topics
 * it is close to, so that a typo does not pass for an empty topic.
 */
function topicNamed(command: Command, name: string): string {
  const store = openStoreForReading(command);
  if (!store) return name;
  try {
    return resolveTopicFilter(
      store.topics().map((t) => t.path),
      name,
      noteOnStderr,
    );
  } finally {
    store.close();
  }
}
