// lectio demo: imports the bundled example lists into the library and says what to read
// first, on the terminal (`npm start` serves them: serve-command.ts).

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { importLists } from '../core/import-lists.js';
import { mergeReasonInWords } from '../core/merge-words.js';
import { readingQueue } from '../core/reading-queue.js';
import { readListFile } from '../formats/read-list-file.js';
import { dbPathOf, openStore } from './cli-context.js';
import { displayPath } from './display-path.js';
import { clockNow, loadSettings } from './settings.js';
import { rowTitle, truncate } from './import-command.js';

export function examplesDir(): string {
  // dist/src/cli/demo-command.js → <package>/examples
  return path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'examples');
}

export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description('import the bundled example lists and show what to read first')
    .action((_opts: unknown, command: Command) => {
      const dir = examplesDir();
      const files = fs
        .readdirSync(dir)
        .filter((f) => f.endsWith('.md'))
        .sort()
        .map((f) => path.join(dir, f));
      const inputs = files.map((f) => readListFile(f));
      const store = openStore(command);
      try {
        const report = importLists(store, inputs, { now: () => new Date() });
        const out: string[] = [];
        out.push(`library: ${dbPathOf(command)}`);
        out.push(
          `imported ${files.length} example lists from ${displayPath(dir)}: ${report.added} added, ${report.merged} duplicates merged, ${report.updated} updated; ${report.items} items in the library`,
        );
        for (const m of report.merges.slice(0, 5)) {
          out.push(
            `  merged: ${truncate(m.itemTitle, 60)} (${path.basename(m.file)}:${m.line}${rowTitle(m)}, ${mergeReasonInWords(m.reason)})`,
          );
        }
        out.push('', 'Read first:');
        const queue = readingQueue(store, { now: clockNow(), weights: loadSettings().weights, limit: 5 });
        queue.forEach((entry, n) => {
          out.push(`  ${n + 1}. #${entry.id} ${entry.title}`);
          out.push(`     ${entry.why}`);
        });
        out.push(
          '',
          'Next: lectio import YOUR-LIST.md · lectio next · lectio mark ID read · lectio why ID "…" · lectio topics',
        );
        process.stdout.write(`${out.join('\n')}\n`);
      } finally {
        store.close();
      }
    });
}
