// lectio move REF... --topic T: file items under one topic, whatever their lists say.

import type { Command } from 'commander';
import { resolveRef } from '../core/resolve-ref.js';
import { moveItems } from '../core/topic-service.js';
import { globals, printJson, withExistingStore } from './cli-context.js';
import { clockNow } from './settings.js';

export function registerMove(program: Command): void {
  program
    .command('move')
    .description('move items to a topic (created if new); re-importing the lists keeps them there')
    .argument('<ref...>', 'item ids, arXiv ids, DOIs, URLs or words of a title (quoted)')
    .requiredOption('--topic <topic>', 'the topic to file them under ("LLM / Quantization")')
    .option('--json', 'print the result as JSON')
    .action((refs: string[], opts: { topic: string }, command: Command) => {
      const result = withExistingStore(command, (store) =>
        // Every ref is resolved before anything is written: one that names nothing moves nothing.
        moveItems(
          store,
          refs.map((ref) => resolveRef(store, ref)),
          opts.topic,
          clockNow(),
        ),
      );
      if (globals(command).json) {
        printJson(result);
        return;
      }
      const count = result.moved.length === 1 ? '1 item' : `${result.moved.length} items`;
      const lines = [`moved ${count} to "${result.topic}"${result.created ? ' (a new topic)' : ''}`];
      for (const item of result.moved) {
        const from = item.from.length > 0 ? `  (from ${item.from.join(', ')})` : '';
        lines.push(`  #${item.id}  ${item.title}${from}`);
      }
      if (result.unchanged.length > 0)
        lines.push(`already there: ${result.unchanged.map((id) => `#${id}`).join(' ')}`);
      process.stdout.write(`${lines.join('\n')}\n`);
    });
}
