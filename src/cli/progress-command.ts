// lectio progress: reads and passes per week against the weekly target, and streaks.

import type { Command } from 'commander';
import { type ReadingEvent, readingEventsOf, readingProgress } from '../core/reading-progress.js';
import { globals, openStoreForReading, printJson } from './cli-context.js';
import { clockNow, loadSettings } from './settings.js';

export function registerProgress(program: Command): void {
  program
    .command('progress')
    .description('reads and passes per week against your weekly target (set in the config file), and streaks')
    .option('--weeks <n>', 'how many weeks to show', '8')
    .option('--json', 'print JSON')
    .action((opts: { weeks: string }, command: Command) => {
      const weeks = Math.max(1, Math.min(520, Math.trunc(Number(opts.weeks)) || 8));
      const settings = loadSettings();
      const store = openStoreForReading(command);
      let events: ReadingEvent[] = [];
      try {
        events = readingEventsOf(store?.readingEvents() ?? []);
      } finally {
        store?.close();
      }
      const view = readingProgress(events, clockNow(), settings.weeklyTarget, weeks);
      if (globals(command).json) {
        printJson(view);
        return;
      }
      const t = view.target;
      const out = [`weekly target: ${t.deep} deep read${t.deep === 1 ? '' : 's'} + ${t.skims} skims`, ''];
      out.push('week of       deep  skims  passes 1/2/3');
      for (const w of view.weeks) {
        const bar = `${'█'.repeat(Math.min(w.deep, 10))}${'▒'.repeat(Math.min(w.skims, 10))}`;
        const mark = w.met ? '✓' : w === view.thisWeek ? '…' : ' ';
        out.push(
          `${w.start}   ${String(w.deep).padStart(4)}  ${String(w.skims).padStart(5)}  ${`${w.passes[1]}/${w.passes[2]}/${w.passes[3]}`.padStart(12)}  ${mark} ${bar}`,
        );
      }
      const tw = view.thisWeek;
      const left = [
        tw.deep < t.deep ? `${t.deep - tw.deep} deep read${t.deep - tw.deep === 1 ? '' : 's'}` : null,
        tw.skims < t.skims ? `${t.skims - tw.skims} skim${t.skims - tw.skims === 1 ? '' : 's'}` : null,
      ].filter(Boolean);
      out.push('');
      out.push(left.length ? `this week: ${left.join(' and ')} to go` : 'this week: target met');
      out.push(
        `streak: ${view.streak} week${view.streak === 1 ? '' : 's'} (best ${view.bestStreak}) · ${view.totalRead} read in all`,
      );
      process.stdout.write(`${out.join('\n')}\n`);
    });
}
