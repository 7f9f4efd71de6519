// lectio mark REF to-read|reading|read|skipped [--pass 1|2|3]

import type { Command } from 'commander';
import { markItem, parseMarkStatus, parsePass } from '../core/mark-item.js';
import { resolveRef } from '../core/resolve-ref.js';
import { globals, printJson, withExistingStore } from './cli-context.js';
import { clockNow } from './settings.js';

const PASS_NAMES = ['', 'abstract, figures, conclusion', 'the whole paper', 'reproduced'];

export function registerMark(program: Command): void {
  program
    .command('mark')
    .description('set the status of an item, or the reading pass done (1 skim, 2 whole paper, 3 reproduce)')
    .argument('<ref>', 'an item id, an arXiv id, a DOI, a URL or words of the title')
    .argument('[status]', 'to-read, reading, read or skipped')
    .option('--pass <n>', 'reading pass done: 1 abstract/figures/conclusion, 2 whole paper, 3 reproduce')
    .option('--json', 'print the result as JSON')
    .action((ref: string, statusText: string | undefined, opts: { pass?: string }, command: Command) => {
      const request = {
        ...(statusText !== undefined ? { status: parseMarkStatus(statusText) } : {}),
        ...(opts.pass !== undefined ? { pass: parsePass(opts.pass) } : {}),
      };
      const result = withExistingStore(command, (store) =>
        markItem(store, resolveRef(store, ref), request, clockNow()),
      );
      if (globals(command).json) {
        printJson(result);
        return;
      }
      const status = result.from === result.to ? `still ${result.to}` : `${result.from} → ${result.to}`;
      // A pass below the furthest is a re-read: logged, while the item keeps its furthest pass.
      const furthest = request.pass && result.pass > request.pass ? `; furthest pass ${result.pass}` : '';
      const pass = request.pass ? ` · pass ${request.pass} (${PASS_NAMES[request.pass]})${furthest}` : '';
      process.stdout.write(`#${result.id}  ${result.title}: ${status}${pass}\n`);
    });
}
