// lectio plan create|show|list|delete: reading plans with a weekly pace.

import type { Command } from 'commander';
import { LectioError } from '../core/errors.js';
import { createPlan, showPlan } from '../core/plan-service.js';
import type { PlanView } from '../core/reading-plan.js';
import { globals, printJson, withExistingStore } from './cli-context.js';
import { clockNow, loadSettings } from './settings.js';
import { plural } from './text-width.js';

interface CreateOptions {
  topic?: string;
  perWeek: string;
  start?: string;
}

export function registerPlan(program: Command): void {
  const plan = program.command('plan').description('reading plans: a set of items read at a weekly pace');
  plan
    .command('create')
    .description('plan a topic (its unread items in queue order) or the items you name, N a week')
    .argument('<name>', 'the plan name')
    .argument('[refs...]', 'items in reading order (ids, arXiv ids, DOIs, URLs, title words)')
    .option('--topic <topic>', 'plan the unread items of this topic')
    .requiredOption('--per-week <n>', 'items a week')
    .option('--start <date>', 'YYYY-MM-DD, "today" (default) or "monday"')
    .option('--json', 'print JSON')
    .action((name: string, refs: string[], opts: CreateOptions, command: Command) => {
      const perWeek = Number(opts.perWeek);
      const request = {
        name,
        perWeek,
        refs,
        ...(opts.topic !== undefined ? { topic: opts.topic } : {}),
        ...(opts.start !== undefined ? { start: opts.start } : {}),
      };
      const weights = loadSettings().weights;
      withExistingStore(command, (store) => {
        const now = clockNow();
        const created = createPlan(store, request, now, weights);
        const view = showPlan(store, created.name, now);
        if (globals(command).json) printJson(view);
        else {
          // Named items may be read already (a --topic plan takes unread ones only): say so.
          const readAlready =
            refs.length > 0 && view.done > 0
              ? `${view.done} of them ${view.done === 1 ? 'is read already and counts' : 'are read already and count'} as done\n`
              : '';
          process.stdout.write(
            `plan "${view.name}": ${plural(view.total, 'item')}, ${view.perWeek} a week, ${view.start} to ${view.end}\n${readAlready}\n${renderPlan(view)}\n`,
          );
        }
      });
    });
  plan
    .command('show')
    .description("this week's items, what is done and what is late")
    .argument('<name>', 'the plan name')
    .option('--all', 'every week, not only this one')
    .option('--json', 'print JSON')
    .action((name: string, opts: { all?: boolean }, command: Command) => {
      withExistingStore(command, (store) => {
        const view = showPlan(store, name, clockNow());
        if (globals(command).json) printJson(view);
        else process.stdout.write(`${renderPlan(view, opts.all === true)}\n`);
      });
    });
  plan
    .command('list')
    .description('every plan with its progress')
    .option('--json', 'print JSON')
    .action((_opts: unknown, command: Command) => {
      withExistingStore(command, (store) => {
        const now = clockNow();
        const views = store.plans().map((p) => showPlan(store, p.name, now));
        if (globals(command).json) printJson(views);
        else if (views.length === 0) process.stdout.write('no plans yet; see "lectio plan create --help"\n');
        else process.stdout.write(`${views.map(planSummary).join('\n')}\n`);
      });
    });
  plan
    .command('delete')
    .description('delete a plan (its items stay in the library)')
    .argument('<name>', 'the plan name')
    .option('--json', 'print the result as JSON')
    .action((name: string, _opts: unknown, command: Command) => {
      withExistingStore(command, (store) => {
        const found = store.planByName(name.trim());
        if (!found) throw new LectioError('not_found', `no plan "${name}"`);
        store.transaction(() => store.deletePlan(found.id));
        if (globals(command).json) printJson({ deleted: found.name });
        else process.stdout.write(`deleted plan "${found.name}"\n`);
      });
    });
}

function planSummary(view: PlanView): string {
  const state =
    view.currentWeek < 1 ? 'starts ' + view.start : view.onTrack ? 'on track' : `${view.late.length} late`;
  return `${view.name}: ${view.done}/${view.total} done · ${view.perWeek} a week · week ${Math.max(0, Math.min(view.currentWeek, view.weeks.length))} of ${view.weeks.length} · ${state}`;
}

const STATUS_BOX: Record<string, string> = { read: '[x]', skipped: '[-]', reading: '[~]' };

export function renderPlan(view: PlanView, all = false): string {
  const out = [planSummary(view)];
  for (const week of view.weeks) {
    const current = view.thisWeek?.week === week.week;
    if (!all && !current) continue;
    out.push('', `week ${week.week} (${week.start} to ${week.due})${current ? ' · this week' : ''}`);
    for (const item of week.items) {
      const late = item.late ? '  LATE' : '';
      out.push(`  ${STATUS_BOX[item.status] ?? '[ ]'} #${item.id}  ${item.title}${late}`);
    }
  }
  if (!all && view.thisWeek === null)
    out.push('', view.currentWeek < 1 ? `starts ${view.start}` : 'the plan has ended');
  if (view.late.length > 0 && !all) {
    const earlier = view.late.filter((l) => !view.thisWeek?.items.some((i) => i.id === l.id));
    if (earlier.length > 0) {
      out.push('', 'late from earlier weeks:');
      for (const item of earlier) out.push(`  [ ] #${item.id}  ${item.title}`);
    }
  }
  return out.join('\n');
}
