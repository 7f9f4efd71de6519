// `lectio enrich`: arXiv's metadata for items that carry an arXiv id. What arXiv says becomes
// one more source of the item (the list `lectio:arxiv`), so it folds like any list: its title
// becomes the item's (aggregate.ts gives arXiv's title precedence; the lists' names become
// aliases), its authors and year fill what the lists lacked, its DOI and title are identity
// evidence. Fields the user set (user_* columns: title, status, why, importance) are never
// touched: user-fields.ts keeps the user's word above every source.
//
// Learned titles and DOIs merge items: seed 003 files "PagedAttention" by title alone while
// another list links arXiv 2309.06180; once arXiv names 2309.06180 "Efficient Memory
// Management for Large Language Model Serving with PagedAttention", an item with that title
// and no contradicting evidence (identity.ts) is the same paper, and the two become one.
//
// Network work runs outside transactions; each batch's answers are cached and applied in one
// transaction as they come, so a run cut short keeps what it fetched and never asks again.

import { aggregateSources } from './aggregate.js';
import type { CachedPaper, PaperMetadata } from './feed-store.js';
import { compareRecords, identityKeySets, titleKeys } from './identity.js';
import { newEntry, type Link, type ParsedItem } from './item.js';
import { METADATA_LIST_PATH, type LibraryStore } from './library-store.js';
import { keptApart } from './place-entry.js';
import { refreshTopicRanks } from './topic-service.js';

/** What enrich needs of the arXiv client (src/sources/arxiv-api.ts ArxivClient). */
export interface PaperFetcher {
  fetchByIds(
    ids: string[],
    onProgress?: (p: { done: number; total: number }) => void,
  ): Promise<{ papers: PaperMetadata[]; missing: string[]; failed: string[]; errors: string[] }>;
}

export interface EnrichOptions {
  /** Ask arXiv again even for ids already in the cache. */
  refresh: boolean;
  now: () => Date;
  /** Ids per request (arXiv takes 100). */
  batchSize?: number;
  onProgress?: (done: number, total: number) => void;
}

export interface EnrichChange {
  id: number;
  title: string;
  arxivId: string;
  /** The fields arXiv filled or changed: "title", "authors", "year", "abstract", "doi"... */
  fields: string[];
}

export interface EnrichMerge {
  into: number;
  from: number;
  title: string;
  reason: string;
}

export interface EnrichReport {
  /** Items with an arXiv id that were asked about. */
  items: number;
  /** Of those, answered from the cache without a request. */
  cached: number;
  fetched: number;
  changed: EnrichChange[];
  merges: EnrichMerge[];
  /** arXiv ids arXiv does not know. */
  missing: string[];
  /** arXiv ids that could not be looked up (network, refused). */
  failed: string[];
  errors: string[];
}

export interface EnrichTarget {
  itemId: number;
  arxivId: string;
}

export async function enrichItems(
  store: LibraryStore,
  targets: readonly EnrichTarget[],
  fetcher: PaperFetcher,
  options: EnrichOptions,
): Promise<EnrichReport> {
  const feeds = store.feedStore();
  const report: EnrichReport = {
    items: targets.length,
    cached: 0,
    fetched: 0,
    changed: [],
    merges: [],
    missing: [],
    failed: [],
    errors: [],
  };
  const byId = new Map<string, number[]>();
  for (const t of targets) byId.set(t.arxivId, [...(byId.get(t.arxivId) ?? []), t.itemId]);
  const ids = [...byId.keys()];
  const cache = options.refresh ? new Map<string, CachedPaper>() : feeds.cachedPapers(ids.map(keyOf));
  const fromCache = ids.filter((id) => cache.has(keyOf(id)));
  const toFetch = ids.filter((id) => !cache.has(keyOf(id)));
  report.cached = fromCache.reduce((n, id) => n + (byId.get(id)?.length ?? 0), 0);
  // Merges move items: `alias` follows an item id to where it went.
  const alias = new Map<number, number>();
  const apply = (answers: ReadonlyArray<CachedPaper>): void => {
    const at = options.now().toISOString();
    store.transaction(() => {
      for (const answer of answers) {
        const arxivId = answer.key.slice('arxiv:'.length);
        if (!answer.paper) {
          report.missing.push(arxivId);
          continue;
        }
        for (const itemId of byId.get(arxivId) ?? []) {
          let id = itemId;
          while (alias.has(id)) id = alias.get(id) as number;
          applyPaper(store, id, answer.paper, at, report, alias);
        }
      }
    });
  };

  let done = 0;
  const total = ids.length;
  apply(fromCache.map((id) => cache.get(keyOf(id)) as CachedPaper));
  done += fromCache.length;
  options.onProgress?.(done, total);
  const batchSize = options.batchSize ?? 100;
  for (let i = 0; i < toFetch.length; i += batchSize) {
    const batch = toFetch.slice(i, i + batchSize);
    const result = await fetcher.fetchByIds(batch);
    const fetchedAt = options.now().toISOString();
    const answers: CachedPaper[] = [
      ...result.papers.map((paper) => ({ key: keyOf(paper.id), fetchedAt, paper })),
      ...result.missing.map((id) => ({ key: keyOf(id), fetchedAt, paper: null })),
    ];
    store.transaction(() => feeds.cachePapers(answers));
    report.fetched += result.papers.length;
    report.failed.push(...result.failed);
    report.errors.push(...result.errors);
    apply(answers);
    done += batch.length;
    options.onProgress?.(done, total);
  }
  return report;
}

function keyOf(arxivId: string): string {
  return `arxiv:${arxivId}`;
}

/** arXiv's answer as the entry an import would have produced. */
export function entryOfPaper(paper: PaperMetadata): ParsedItem {
  const year = paper.published ? Number(paper.published.slice(0, 4)) : null;
  const extra: Record<string, string> = { eprint: paper.id, archivePrefix: 'arXiv' };
  if (paper.primaryCategory) extra.primaryClass = paper.primaryCategory;
  if (paper.categories.length > 0) extra.categories = paper.categories.join(' ');
  if (paper.version !== null) extra.version = String(paper.version);
  if (paper.comment) extra.comment = paper.comment;
  if (paper.doi) extra.doi = paper.doi;
  // Versionless links, as lists write them: arXiv's own are per version (…/abs/1707.08567v1).
  const links: Link[] = [
    { url: `https://arxiv.org/abs/${paper.id}`, role: 'paper', label: 'arXiv' },
    { url: `https://arxiv.org/pdf/${paper.id}`, role: 'pdf', label: 'pdf' },
  ];
  if (paper.doi) links.push({ url: `https://doi.org/${paper.doi}`, role: 'paper', label: 'doi' });
  return newEntry({
    title: paper.title,
    links,
    year: Number.isInteger(year) ? year : null,
    authors: paper.authors,
    bib: {
      type: paper.journalRef ? 'article' : 'misc',
      ...(paper.journalRef ? { venue: paper.journalRef } : {}),
      abstract: paper.abstract,
      extra,
    },
  });
}

function applyPaper(
  store: LibraryStore,
  itemId: number,
  paper: PaperMetadata,
  at: string,
  report: EnrichReport,
  alias: Map<number, number>,
): void {
  const feeds = store.feedStore();
  const before = store.getItems([itemId])[0];
  if (!before) return;
  const metaBefore = feeds.itemMetadata(itemId);
  const listId =
    store.listByPath(METADATA_LIST_PATH)?.id ??
    store.saveList(METADATA_LIST_PATH, 'metadata from arXiv', '', at);
  const entry = entryOfPaper(paper);
  const { lookup: keys, stored } = identityKeySets(entry.links);
  const tkeys = titleKeys(entry.title);
  feeds.removeItemSources(itemId, listId);
  store.addSource(itemId, listId, { ...entry, line: 1 }, stored, tkeys, `arxiv:${paper.id}`);

  // What arXiv taught us may show that other items are this paper.
  let id = itemId;
  const others = new Map<number, string>();
  // The same rules as an import (identity.ts), and the user's `lectio unmerge` decisions.
  const mayJoin = (other: number): boolean =>
    other !== id && !others.has(other) && !(store.hasMergeDecisions() && keptApart(store, id, other));
  for (const m of store.findItemsByKeys(keys))
    if (mayJoin(m.itemId)) others.set(m.itemId, `both carry ${m.key}`);
  const evidence = { ...store.evidenceOf(id), titles: [paper.title] };
  for (const candidate of store.findItemsByTitleKeys(tkeys)) {
    if (mayJoin(candidate) && compareRecords(evidence, store.evidenceOf(candidate)).verdict === 'same')
      others.set(candidate, 'the title arXiv gives');
  }
  for (const [other, reason] of others) {
    // The older item stays: its id is the one the user has seen longest.
    const [into, from] = other < id ? [other, id] : [id, other];
    store.mergeItems(into, from, reason, at);
    alias.set(from, into);
    report.merges.push({ into, from, title: paper.title, reason });
    id = into;
  }

  store.saveAggregate(id, aggregateSources(store.sourcesOf(id), null), at);
  feeds.setItemMetadata(id, {
    abstract: paper.abstract || null,
    categories: paper.categories,
    journalRef: paper.journalRef,
    doi: paper.doi,
    enrichedAt: at,
  });
  refreshTopicRanks(store, [id]);
  const after = store.getItems([id])[0];
  const fields: string[] = [];
  if (after && after.title !== before.title) fields.push('title');
  if (after && after.authors.join('\n') !== before.authors.join('\n')) fields.push('authors');
  if (after && after.year !== before.year) fields.push('year');
  if ((metaBefore?.abstract ?? null) !== (paper.abstract || null)) fields.push('abstract');
  if ((metaBefore?.doi ?? null) !== paper.doi) fields.push('doi');
  if ((metaBefore?.journalRef ?? null) !== paper.journalRef) fields.push('journal reference');
  if (fields.length > 0 || others.size > 0) {
    store.addEvent(id, 'enriched', { arxiv: paper.id, version: paper.version, fields }, at);
    report.changed.push({ id, title: after?.title ?? paper.title, arxivId: paper.id, fields });
  }
}
