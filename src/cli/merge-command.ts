// lectio duplicates [--json] | lectio merge A B | lectio unmerge ITEM SOURCE:
// fixing what the identity rules got wrong. The decisions outlive re-imports.

import type { Command } from 'commander';
import {
  findDuplicates,
  findOtherWorks,
  keepSourceByUser,
  mergeByUser,
  type OtherWork,
  unmergeByUser,
} from '../core/merge-service.js';
import { resolveRef } from '../core/resolve-ref.js';
import { globals, printJson, withExistingStore } from './cli-context.js';
import { displayPath } from './display-path.js';
import { clockNow } from './settings.js';
import { plural } from './text-width.js';

const REF = 'an item id, an arXiv id, a DOI, a URL or words of the title';

/** A source as "lectio show" and "lectio duplicates" print it: file:line. */
const SOURCE_REF = /^.+:\d+$/u;

export function registerDuplicates(program: Command): void {
  program
    .command('duplicates')
    .description(
      'list likely duplicates the rules did not merge, and merged entries that name another work, with the evidence',
    )
    .option('--json', 'print JSON')
    .option('--limit <n>', 'at most this many of each', '200')
    .action((opts: { limit: string }, command: Command) => {
      const limit = Math.max(1, Number.parseInt(opts.limit, 10) || 200);
      withExistingStore(command, (store) => {
        const items = store.itemTitles();
        const titles = store.titlesOfItems(items.map((i) => i.id));
        const pairs = findDuplicates(store, limit, items, titles);
        const others = findOtherWorks(store, limit, items, titles);
        if (globals(command).json) {
          printJson([
            ...pairs.map((p) => ({
              kind: 'merge',
              a: p.a,
              b: p.b,
              verdict: p.comparison.verdict,
              rule: p.comparison.rule,
              titleSimilarity: Number(p.comparison.titleSimilarity.toFixed(3)),
              authorOverlap:
                p.comparison.authorOverlap === null ? null : Number(p.comparison.authorOverlap.toFixed(3)),
              years: p.comparison.years,
            })),
            ...others.map((o) => ({
              kind: 'split',
              item: o.item,
              source: o.source,
              with: o.with,
              keys: o.keys,
            })),
          ]);
          return;
        }
        if (pairs.length === 0 && others.length === 0) {
          process.stdout.write('no likely duplicates\n');
          return;
        }
        const out: string[] = [];
        for (const p of pairs) {
          const c = p.comparison;
          const authors =
            c.authorOverlap === null
              ? 'authors unknown'
              : `authors ${Math.round(c.authorOverlap * 100)}% shared`;
          const years = c.years.map((y) => y ?? '?').join('/');
          out.push(
            `#${p.a.id} ${cut(p.a.title)}\n#${p.b.id} ${cut(p.b.title)}\n  title ${Math.round(c.titleSimilarity * 100)}% alike, ${authors}, years ${years}: ${c.rule}`,
          );
        }
        if (pairs.length > 0) out.push(`${plural(pairs.length, 'pair')}; "lectio merge A B" joins a pair`);
        if (others.length > 0 && pairs.length > 0) out.push('');
        for (const o of others)
          out.push([`#${o.item.id} ${cut(o.item.title)}`, ...otherWorkLines(o, '  ')].join('\n'));
        if (others.length > 0)
          out.push(
            `${plural(others.length, 'item')} with entries that name two works; "lectio unmerge ITEM FILE:LINE" splits out the entry whose link is wrong, "lectio merge ITEM FILE:LINE" says they are one work`,
          );
        process.stdout.write(`${out.join('\n')}\n`);
      });
    });
}

/** The two rows of an item that name two works, why they are one item, and the commands that decide. */
export function otherWorkLines(o: OtherWork, indent: string): string[] {
  const rows = [o.with, o.source].map((s) => ({ where: `${displayPath(s.file)}:${s.line}`, title: s.title }));
  return [
    ...rows.map((r) => `${indent}${r.where} ${cut(r.title)}`),
    `${indent}one item by ${o.keys.join(', ')}, under titles of two works: one of the links is another paper's`,
    ...rows.map((r) => `${indent}lectio unmerge ${o.item.id} ${shellWord(r.where)}`),
    `${indent}lectio merge ${o.item.id} ${shellWord(rows[1]?.where ?? '')}   (they are one work)`,
  ];
}

/** A file:line as one shell word: quoted when it holds anything but plain path characters. */
function shellWord(s: string): string {
  return /^[\w./:@+-]+$/u.test(s) ? s : `'${s.replace(/'/gu, "'\\''")}'`;
}

export function registerMerge(program: Command): void {
  program
    .command('merge')
    .description(
      'merge item B into item A (kept merged by every later import); with B a source of A (FILE:LINE), keep that source in A',
    )
    .argument('<a>', REF)
    .argument('<b>', `${REF}; or a source of A as "lectio duplicates" prints it (FILE:LINE)`)
    .option('--force', 'merge even when the two carry different arXiv ids or DOIs')
    .option('--json', 'print the result as JSON')
    .action((a: string, b: string, opts: { force?: boolean }, command: Command) => {
      withExistingStore(command, (store) => {
        const into = resolveRef(store, a);
        // "lectio merge 765 htqin.md:324": the row is one work with the item, as duplicates asked.
        if (SOURCE_REF.test(b) && !b.includes('://')) {
          const kept = keepSourceByUser(store, into, b, clockNow());
          const where = `${displayPath(kept.file)}:${kept.line}`;
          if (globals(command).json)
            printJson({ id: into, kept: { id: kept.id, file: kept.file, line: kept.line } });
          else
            process.stdout.write(
              `kept ${where} in #${into} as one work; lectio duplicates no longer shows it\n`,
            );
          return;
        }
        const from = resolveRef(store, b);
        mergeByUser(store, into, from, clockNow(), { force: opts.force === true });
        const item = store.getItems([into])[0];
        if (globals(command).json) printJson({ id: into, merged: from });
        else process.stdout.write(`merged #${from} into #${into}  ${item?.title ?? ''}\n`);
      });
    });
}

export function registerUnmerge(program: Command): void {
  program
    .command('unmerge')
    .description('split one source out of an item into an item of its own (kept apart by every later import)')
    .argument('<item>', REF)
    .argument('<source>', 'the source as "lectio show" prints it (file:line), or a source id')
    .option('--json', 'print the result as JSON')
    .action((ref: string, source: string, _opts: unknown, command: Command) => {
      withExistingStore(command, (store) => {
        const id = resolveRef(store, ref);
        const created = unmergeByUser(store, id, source, clockNow());
        const item = store.getItems([created])[0];
        if (globals(command).json) printJson({ id, split: created });
        else process.stdout.write(`split ${source} out of #${id} into #${created}  ${item?.title ?? ''}\n`);
      });
    });
}

function cut(s: string): string {
  return s.length > 90 ? `${s.slice(0, 89)}…` : s;
}
