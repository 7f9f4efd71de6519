// lectio stats

import type { Command } from 'commander';
import { globals, openStoreForReading, printJson } from './cli-context.js';

export function registerStats(program: Command): void {
  program
    .command('stats')
    .description('count items, lists, sources, links and topics')
    .option('--json', 'print JSON')
    .action((_opts: unknown, command: Command) => {
      const store = openStoreForReading(command);
      const stats = store?.stats() ?? null;
      store?.close();
      if (globals(command).json) {
        printJson(stats ?? { items: 0 });
        return;
      }
      if (!stats) {
        process.stdout.write('the library is empty; run "lectio import FILE" first\n');
        return;
      }
      const kv = (o: Record<string, number>): string =>
        Object.entries(o)
          .sort((a, b) => b[1] - a[1])
          .map(([k, v]) => `${k} ${v}`)
          .join(', ');
      process.stdout.write(
        [
          `${stats.items} items from ${stats.lists} lists (${stats.sources} entries, ${stats.links} links, ${stats.topics} topics)`,
          `${stats.inSeveralLists} items appear in more than one list`,
          `status: ${kv(stats.byStatus)}`,
          `kind: ${kv(stats.byKind)}`,
          stats.orphaned ? `${stats.orphaned} items no longer in any list (kept)` : '',
        ]
          .filter(Boolean)
          .join('\n') + '\n',
      );
    });
}
