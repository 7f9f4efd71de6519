// lectio enrich [REF…|--all] [--refresh]: title, authors, year, abstract, categories, version,
// journal reference and DOI from the arXiv API, for items with an arXiv id.

import type { Command } from 'commander';
import { enrichItems, type EnrichReport, type EnrichTarget } from '../core/enrich-items.js';
import { LectioError } from '../core/errors.js';
import type { LibraryStore } from '../core/library-store.js';
import { resolveRef } from '../core/resolve-ref.js';
import { ArxivClient } from '../sources/arxiv-api.js';
import { globals, openStoreForReading, printJson } from './cli-context.js';
import { progressOnStderr } from './progress.js';
import { clockNow, isLoopbackUrl, loadSettings } from './settings.js';

interface EnrichOpts {
  all?: boolean;
  refresh?: boolean;
}

export function registerEnrich(program: Command): void {
  program
    .command('enrich')
    .description('fill title, authors, year, abstract, categories, journal reference and DOI from arXiv')
    .argument('[refs...]', 'items (id, arXiv id, DOI, URL or title words); or --all')
    .option('--all', 'every item with an arXiv id not enriched yet (with --refresh: every one)')
    .option('--refresh', 'ask arXiv again, even for what is cached')
    .option('--json', 'print the report as JSON')
    .action(async (refs: string[], opts: EnrichOpts, command: Command) => {
      if (refs.length === 0 && !opts.all) {
        throw new LectioError('bad_input', 'enrich: name items (REF…) or give --all');
      }
      if (refs.length > 0 && opts.all) throw new LectioError('bad_input', 'enrich: REFs or --all, not both');
      const json = globals(command).json === true;
      const settings = loadSettings();
      const store = openStoreForReading(command);
      if (!store) throw new LectioError('not_found', 'the library is empty; run "lectio import FILE" first');
      try {
        const { targets, without } = targetsOf(store, refs, opts);
        const baseUrl = settings.sources.arxivApi;
        const client = new ArxivClient({
          ...(baseUrl ? { baseUrl } : {}),
          // arXiv asks for 3 s between requests; a server on this machine (a test) does not.
          ...(baseUrl && isLoopbackUrl(baseUrl) ? { minIntervalMs: 0, retryBaseMs: 10 } : {}),
        });
        const progress = json || targets.length === 0 ? null : progressOnStderr('arXiv metadata');
        const report = await enrichItems(store, targets, client, {
          refresh: opts.refresh === true,
          now: clockNow,
          ...(progress ? { onProgress: (d: number, t: number) => progress.update(d, t) } : {}),
        });
        progress?.done();
        if (json) printJson({ ...report, withoutArxivId: without });
        else printReport(report, without);
        if (report.failed.length > 0) {
          const done = report.items - report.failed.length;
          throw new LectioError(
            done > 0 ? 'partial' : 'network',
            `${report.failed.length} of ${report.items} ids not looked up (${report.errors[0] ?? 'arXiv failed'})` +
              (done > 0 ? '; what was fetched is kept, run enrich again to finish' : ''),
          );
        }
      } finally {
        store.close();
      }
    });
}

function targetsOf(
  store: LibraryStore,
  refs: readonly string[],
  opts: EnrichOpts,
): { targets: EnrichTarget[]; without: Array<{ id: number; title: string }> } {
  const feeds = store.feedStore();
  if (opts.all) {
    const all = feeds.arxivIdsOfItems().filter((t) => opts.refresh || t.enrichedAt === null);
    return { targets: all, without: [] };
  }
  const ids = [...new Set(refs.map((ref) => resolveRef(store, ref)))];
  const targets = feeds.arxivIdsOfItems(ids);
  const have = new Set(targets.map((t) => t.itemId));
  const without = store
    .getItems(ids.filter((id) => !have.has(id)))
    .map((item) => ({ id: item.id, title: item.title }));
  return { targets, without };
}

function printReport(report: EnrichReport, without: Array<{ id: number; title: string }>): void {
  const out: string[] = [];
  if (report.items === 0 && without.length === 0)
    out.push('nothing to enrich: every item with an arXiv id is done');
  else {
    out.push(
      `${report.items} item(s) with an arXiv id: ${report.fetched} fetched, ${report.cached} from the cache, ` +
        `${report.changed.length} updated, ${report.merges.length} merged`,
    );
  }
  for (const c of report.changed)
    out.push(`  #${c.id}  ${c.title}  (arXiv ${c.arxivId}: ${c.fields.join(', ') || 'merged'})`);
  for (const m of report.merges) out.push(`  merged #${m.from} into #${m.into}: ${m.reason} ("${m.title}")`);
  if (report.missing.length > 0) out.push(`  arXiv does not know: ${report.missing.join(', ')}`);
  for (const w of without) out.push(`  #${w.id}  ${w.title}: no arXiv id, nothing to ask arXiv`);
  process.stdout.write(`${out.join('\n')}\n`);
}
