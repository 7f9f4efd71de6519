// lectio topics [--json]; lectio topic prioritize|rename|merge

import type { Command } from 'commander';
import { prioritizeTopics, renameTopic, type TopicSummary, topicSummaries } from '../core/topic-service.js';
import { globals, openStoreForReading, printJson, withExistingStore } from './cli-context.js';
import { parentOf, rootOf } from '../core/topic-tree.js';
import { clockNow } from './settings.js';
import { displayWidth, fitWidth, plural } from './text-width.js';

export function registerTopics(program: Command): void {
  program
    .command('topics')
    .description('topics in your order, with counts and reading progress')
    .option('--json', 'print JSON')
    .action((_opts: unknown, command: Command) => {
      const store = openStoreForReading(command);
      let topics: TopicSummary[] = [];
      try {
        topics = store ? topicSummaries(store) : [];
      } finally {
        store?.close();
      }
      if (globals(command).json) printJson(topics);
      else if (topics.length === 0) process.stdout.write('no topics yet\n');
      else process.stdout.write(`${renderTopics(topics)}\n`);
    });
}

export function registerTopic(program: Command): void {
  const topic = program.command('topic').description('order, rename and merge topics');
  topic
    .command('prioritize')
    .description('put these topics first, in this order (sub-topics follow their parent)')
    .argument('<topics...>', 'topic names or paths, most important first')
    .option('--json', 'print the named topics with their places as JSON')
    .action((names: string[], _opts: unknown, command: Command) => {
      withExistingStore(command, (store) => {
        const named = prioritizeTopics(store, names);
        const all = topicSummaries(store);
        const places = named.map((path) => {
          const root = all.find((t) => t.path === rootOf(path));
          return { path, rank: root?.rank ?? null, topLevel: path === rootOf(path) };
        });
        if (globals(command).json) {
          printJson(places);
          return;
        }
        // The places of the named topics, not the whole tree (lectio topics prints that).
        const lines = places.map((p) =>
          p.topLevel
            ? `  #${p.rank ?? '?'}  ${p.path}`
            : `  ${p.path}: first under "${parentOf(p.path) ?? ''}", which is topic #${p.rank ?? '?'} ` +
              `(to move it up: lectio topic prioritize "${rootOf(p.path)}")`,
        );
        process.stdout.write(`topics in your order now:\n${lines.join('\n')}\n`);
      });
    });
  for (const mode of ['rename', 'merge'] as const) {
    topic
      .command(mode)
      .description(
        mode === 'rename'
          ? 'rename a topic (kept when its list is imported again)'
          : 'merge a topic into another (kept when its list is imported again)',
      )
      .argument('<from>', 'the topic')
      .argument('<to>', mode === 'rename' ? 'its new name' : 'the topic it joins')
      .option('--json', 'print the result as JSON')
      .action((from: string, to: string, _opts: unknown, command: Command) => {
        withExistingStore(command, (store) => {
          const r = renameTopic(store, from, to, mode, clockNow());
          if (globals(command).json) {
            printJson(r);
            return;
          }
          process.stdout.write(
            `${r.merged ? 'merged' : 'renamed'} "${r.from}" ${r.merged ? 'into' : 'to'} "${r.to}" (${plural(r.items, 'item')})\n`,
          );
        });
      });
  }
}

function renderTopics(topics: readonly TopicSummary[]): string {
  const width = Math.min(48, Math.max(...topics.map((t) => t.depth * 2 + displayWidth(leaf(t.path)))));
  return topics
    .map((t) => {
      const name = `${'  '.repeat(t.depth)}${leaf(t.path)}`;
      const rank = t.rank !== null ? `${String(t.rank).padStart(2)}.` : '   ';
      const done = t.read + t.skipped;
      const bar = t.items > 0 ? progressBar(done / t.items) : progressBar(0);
      return `${rank} ${fitWidth(name, width)}  ${String(t.items).padStart(5)} ${t.items === 1 ? 'item ' : 'items'}  ${bar} ${done}/${t.items} done${t.reading ? ` · ${t.reading} reading` : ''}`;
    })
    .join('\n');
}

function progressBar(fraction: number): string {
  const filled = Math.round(fraction * 10);
  return `${'█'.repeat(filled)}${'░'.repeat(10 - filled)}`;
}

function leaf(path: string): string {
  const at = path.lastIndexOf(' / ');
  return at < 0 ? path : path.slice(at + 3);
}
