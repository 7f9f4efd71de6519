// lectio add URL|ARXIV-ID|DOI|"Title" [--why] [--topic] [--importance] [--status] [--title]

import type { Command } from 'commander';
import { addItem } from '../core/add-item.js';
import { parseMarkStatus } from '../core/mark-item.js';
import { globals, printJson, withStore } from './cli-context.js';
import { clockNow } from './settings.js';

interface AddOptions {
  why?: string;
  topic?: string;
  importance?: string;
  status?: string;
  title?: string;
}

export function registerAdd(program: Command): void {
  program
    .command('add')
    .description('add a paper (or update it when the library has it already)')
    .argument('<ref>', 'a URL, an arXiv id, a DOI or a title')
    .option('--why <text>', 'why you save it')
    .option('--topic <topic>', 'file it under this topic ("LLM / Quantization")')
    .option('--importance <0-5>', 'how important it looks before reading')
    .option('--status <status>', 'to-read, reading, read or skipped')
    .option('--title <title>', 'its title, when the ref is a URL or an id')
    .option('--json', 'print the result as JSON')
    .action((ref: string, opts: AddOptions, command: Command) => {
      const request = {
        ref,
        ...(opts.title !== undefined ? { title: opts.title } : {}),
        ...(opts.why !== undefined ? { why: opts.why } : {}),
        ...(opts.topic !== undefined ? { topic: opts.topic } : {}),
        ...(opts.importance !== undefined ? { importance: Number(opts.importance) } : {}),
        ...(opts.status !== undefined ? { status: parseMarkStatus(opts.status) } : {}),
      };
      const result = withStore(command, (store) => addItem(store, request, clockNow()));
      if (globals(command).json) {
        printJson(result);
        return;
      }
      if (result.created) process.stdout.write(`added #${result.itemId}  ${result.title}\n`);
      else {
        const how = result.reason === 'title' ? 'same title' : result.reason;
        const what = result.changes.length ? `updated ${result.changes.join(', ')}` : 'nothing new to add';
        process.stdout.write(
          `already in the library as #${result.itemId}  ${result.title}  (${how}); ${what}\n`,
        );
      }
    });
}
