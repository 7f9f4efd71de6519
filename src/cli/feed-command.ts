// lectio feed add SPEC [--include W…] [--exclude W…] | feed list | feed remove SPEC | feed fetch [SPEC…]

import type { Command } from 'commander';
import { LectioError } from '../core/errors.js';
import type { StoredFeed } from '../core/feed-store.js';
import { landEntries, type LandReport, rerankInbox } from '../core/inbox.js';
import { feedUrl, fetchFeed } from '../sources/feeds.js';
import { HttpFetcher } from '../sources/http-fetch.js';
import { globals, openStoreForReading, printJson, withExistingStore, withStore } from './cli-context.js';
import { progressOnStderr } from './progress.js';
import { clockNow, isLoopbackUrl, loadSettings, type SourceUrls } from './settings.js';

function words(values: readonly string[] | undefined): string[] {
  return (values ?? [])
    .flatMap((v) => v.split(','))
    .map((w) => w.trim())
    .filter(Boolean);
}

function baseUrlsOf(sources: SourceUrls): { arxivRss?: string; hfDailyPapers?: string } {
  return {
    ...(sources.arxivRss ? { arxivRss: sources.arxivRss } : {}),
    ...(sources.hfDailyPapers ? { hfDailyPapers: sources.hfDailyPapers } : {}),
  };
}

export function registerFeed(program: Command): void {
  const feed = program
    .command('feed')
    .description('follow arXiv categories, Hugging Face daily papers and RSS/Atom feeds');

  feed
    .command('add')
    .description('follow a feed: arxiv:cs.LG (or cs.LG+stat.ML), hf:daily, rss:URL or atom:URL')
    .argument('<spec>', 'arxiv:CATEGORY, hf:daily, rss:URL or atom:URL')
    .option(
      '--include <words...>',
      'keep only entries holding one of these words (comma-separated; quantiz* for a prefix)',
    )
    .option('--exclude <words...>', 'leave out entries holding one of these words')
    .option('--json', 'print the feed as JSON')
    .action((spec: string, opts: { include?: string[]; exclude?: string[] }, command: Command) => {
      const settings = loadSettings();
      const url = feedUrl(spec, baseUrlsOf(settings.sources));
      const include = words(opts.include);
      const exclude = words(opts.exclude);
      const added = withStore(command, (store) =>
        store.transaction(() => {
          const feeds = store.feedStore();
          if (feeds.feedBySpec(spec.trim())) {
            throw new LectioError('conflict', `already following ${spec.trim()} (lectio feed list)`);
          }
          feeds.addFeed({ spec: spec.trim(), url, include, exclude }, clockNow().toISOString());
          return feeds.feedBySpec(spec.trim()) as StoredFeed;
        }),
      );
      if (globals(command).json) printJson(added);
      else {
        const filters = [
          include.length ? `include ${include.join(', ')}` : '',
          exclude.length ? `exclude ${exclude.join(', ')}` : '',
        ].filter(Boolean);
        process.stdout.write(
          `following ${added.spec} (${added.url})${filters.length ? ` · ${filters.join(' · ')}` : ''}\n` +
            `run "lectio feed fetch" to bring its new papers into the inbox\n`,
        );
      }
    });

  feed
    .command('list')
    .description('the feeds you follow')
    .option('--json', 'print the feeds as JSON')
    .action((_opts: unknown, command: Command) => {
      const store = openStoreForReading(command);
      const feeds = store ? store.feedStore().feeds() : [];
      store?.close();
      if (globals(command).json) {
        printJson(feeds);
        return;
      }
      if (feeds.length === 0) {
        process.stdout.write('no feeds yet: lectio feed add arxiv:cs.LG | hf:daily | rss:URL | atom:URL\n');
        return;
      }
      for (const f of feeds) {
        const fetched = f.fetchedAt
          ? `fetched ${f.fetchedAt.slice(0, 16).replace('T', ' ')}`
          : 'never fetched';
        const filters = [
          f.include.length ? `include ${f.include.join(', ')}` : '',
          f.exclude.length ? `exclude ${f.exclude.join(', ')}` : '',
        ].filter(Boolean);
        process.stdout.write(
          `${f.spec}  ${f.title ?? ''}\n    ${f.url} · ${fetched} · ${f.waiting} in the inbox` +
            `${filters.length ? ` · ${filters.join(' · ')}` : ''}${f.lastError ? `\n    last error: ${f.lastError}` : ''}\n`,
        );
      }
    });

  feed
    .command('remove')
    .description('stop following a feed (what it brought stays)')
    .argument('<spec>', 'the feed, as feed list shows it')
    .action((spec: string, _opts: unknown, command: Command) => {
      withExistingStore(command, (store) =>
        store.transaction(() => {
          const f = store.feedStore().feedBySpec(spec.trim());
          if (!f) throw new LectioError('not_found', `not following ${spec.trim()} (lectio feed list)`);
          store.feedStore().removeFeed(f.id);
        }),
      );
      process.stdout.write(`stopped following ${spec.trim()}\n`);
    });

  feed
    .command('fetch')
    .description(
      'bring new papers of every feed (or the named ones) into the inbox, ranked against the library',
    )
    .argument('[specs...]', 'only these feeds')
    .option('--json', 'print the report as JSON')
    .action(async (specs: string[], _opts: unknown, command: Command) => {
      const json = globals(command).json === true;
      const settings = loadSettings();
      const store = openStoreForReading(command);
      const all = store ? store.feedStore().feeds() : [];
      if (!store || all.length === 0) {
        store?.close();
        throw new LectioError(
          'not_found',
          'no feeds to fetch: lectio feed add arxiv:cs.LG | hf:daily | rss:URL',
        );
      }
      try {
        const chosen = specs.length === 0 ? all : specs.map((s) => byName(all, s));
        const baseUrls = baseUrlsOf(settings.sources);
        // Back-off is for real servers; a server on this machine (a test's) answers at once.
        const local = chosen.every((f) => isLoopbackUrl(feedUrl(f.spec, baseUrls)));
        const http = new HttpFetcher({ serviceName: 'feeds', ...(local ? { retryBaseMs: 10 } : {}) });
        const reports: Array<LandReport & { error?: string }> = [];
        const progress = json ? null : progressOnStderr('feeds');
        for (const [i, f] of chosen.entries()) {
          progress?.update(i, chosen.length);
          try {
            const fetched = await fetchFeed(f.spec, { baseUrls, http });
            const at = clockNow().toISOString();
            const report = store.transaction(() => {
              const landed = landEntries(store, f, fetched.entries, at);
              store.feedStore().markFetched(f.id, at, fetched.title, null);
              return landed;
            });
            reports.push(report);
          } catch (error) {
            if (!(error instanceof LectioError)) throw error;
            store.transaction(() =>
              store.feedStore().markFetched(f.id, clockNow().toISOString(), null, error.message),
            );
            reports.push({
              spec: f.spec,
              entries: 0,
              added: 0,
              known: 0,
              seen: 0,
              filtered: 0,
              error: error.message,
            });
          }
        }
        progress?.update(chosen.length, chosen.length);
        progress?.done();
        const ranked = store.transaction(() => rerankInbox(store));
        if (json) printJson({ feeds: reports, inbox: ranked });
        else {
          for (const r of reports) {
            process.stdout.write(
              r.error
                ? `${r.spec}: failed: ${withoutSpec(r.error, r.spec)}\n`
                : `${r.spec}: ${r.entries} entries · ${r.added} new in the inbox · ${r.known} already in the library · ` +
                    `${r.seen} seen before${r.filtered ? ` · ${r.filtered} left out by your words` : ''}\n`,
            );
          }
          process.stdout.write(`${ranked} waiting in the inbox: lectio inbox\n`);
        }
        const failed = reports.filter((r) => r.error);
        if (failed.length > 0) {
          throw new LectioError(
            failed.length < reports.length ? 'partial' : 'network',
            `${failed.length} of ${reports.length} feeds failed (${failed[0]?.error}); what the others brought is kept`,
          );
        }
      } finally {
        store.close();
      }
    });
}

function byName(feeds: readonly StoredFeed[], spec: string): StoredFeed {
  const f = feeds.find((x) => x.spec === spec.trim());
  if (!f) throw new LectioError('not_found', `not following ${spec.trim()} (lectio feed list)`);
  return f;
}

/** An error about a feed without the "feed SPEC: " it starts with, when the line names the feed already. */
function withoutSpec(error: string, spec: string): string {
  return error.startsWith(`feed ${spec}: `) ? error.slice(`feed ${spec}: `.length) : error;
}
