// lectio stats

import type { Command } from 'commander';
import { globals, openStoreForReading, printJson } from './cli-context.js';
import { plural } from './text-width.js';

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
          `${plural(stats.items, 'item')} from ${plural(stats.lists, 'list')} (${plural(stats.sources, 'entry', 'entries')}, ${plural(stats.links, 'link')}, ${plural(stats.topics, 'topic')})`,
          `${stats.inSeveralLists === 1 ? '1 item appears' : `${stats.inSeveralLists} items appear`} in more than one list`,
          `status: ${kv(stats.byStatus)}`,
          `kind: ${kv(stats.byKind)}`,
          stats.orphaned ? `${plural(stats.orphaned, 'item')} no longer in any list (kept)` : '',
        ]
          .filter(Boolean)
          .join('\n') + '\n',
      );
    });
}
