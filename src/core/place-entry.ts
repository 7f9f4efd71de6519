// Where one entry (a list line, a BibTeX record, a `lectio add`) belongs: an existing item
// or a new one. The rules themselves live in identity.ts; this applies them against the
// store, with the user's own decisions (`lectio merge`, `lectio unmerge`) first.

import {
  compareRecords,
  keyMatchContradiction,
  type RecordComparison,
  isSeriesTitle,
  entryKeySets,
  titleMergeContradiction,
  titlesMayMatch,
  type TitleEvidence,
  titleKey,
  titleKeys,
  titleBlockingKeys,
  titleLookupKeys,
  weakKeyTitlesDiffer,
  otherPartOfSeries,
} from './identity.js';
import type { ParsedItem } from './item.js';
import { ADDED_LIST_PATH, type LibraryStore, type StoredEntry, USER_MERGE_MATCH } from './library-store.js';

export interface Placement {
  itemId: number;
  created: boolean;
  /** The rule that placed it: "new", the matching key ("arxiv:1706.03762"), "title", "similar title"... */
  reason: string;
  /** Items this entry showed to be the same work, merged into `itemId`. */
  joined: number[];
  /** Keys the source is stored under: identity keys, and its anchor when it has one. */
  keys: string[];
  /** Title keys, and the title's blocking keys ("t:^…", "t:$…") when the entry names authors. */
  titleKeys: string[];
}

export interface PlaceContext {
  /** The source's stable name across re-imports (`sourceAnchorNamer`), which merge decisions refer to. */
  anchor?: string;
  /** Title keys the entry's own bibliography gives to several works (identity.ts isSeriesTitle). */
  seriesTitleKeys?: ReadonlySet<string>;
  /** The item this list's earlier entry of the same title made, when nothing else places it. */
  returning?: ReturningEntries;
}

/** Prefix of the keys that name sources (stored beside identity keys, never matched as identity). */
export const ANCHOR_PREFIX = 'src:';
/** Prefix of blocking tokens stored beside title keys. */
export const TOKEN_PREFIX = 't:';
/** Prefix of the blocking tokens of sources without a DOI or arXiv id. */
export const ID_LESS_TOKEN_PREFIX = 'u:';
/** A blocking key held by more items than this is too common to find candidates with ("proceeding"). */
export const COMMON_TOKEN = 100;
/** Fuzzy candidates compared per entry, most shared tokens first. */
const MAX_CANDIDATES = 8;

/**
 * Stable names of a list's entries: the list's path and the entry's citation key, else its
 * title key, else its line; a second entry with the same name gets "~2". They survive
 * re-imports of an edited file, so that `lectio unmerge` and `lectio merge` decisions hold.
 * Entries are named one at a time, in list order: an import names each just before placing
 * it, while its title's keys are still at hand (identity.ts keeps the last 50k).
 */
export function sourceAnchorNamer(listPath: string): (entry: ParsedItem) => string {
  const seen = new Map<string, number>();
  return (e) => {
    const base = e.bib?.citationKey || titleKeys(e.title)[0] || `line${e.line}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return `${ANCHOR_PREFIX}${listPath}#${base}${n > 1 ? `~${n}` : ''}`;
  };
}

/**
 * The anchor of a source lectio writes itself (`lectio add`, `lectio inbox keep`): its line
 * in the added list, which is never re-imported and never reuses a line (migration 15 named
 * the older ones, "~2" where an old line repeated).
 */
export function addedAnchor(line: number): string {
  return `${ANCHOR_PREFIX}${ADDED_LIST_PATH}#line${line}`;
}

/** Title keys a bibliography gives to several works (identity.ts isSeriesTitle). */
export function seriesTitleKeys(entries: readonly ParsedItem[]): Set<string> {
  const byKey = new Map<string, ParsedItem[]>();
  for (const e of entries) {
    if (!e.bib) continue;
    const key = titleKeys(e.title)[0];
    if (!key) continue;
    const group = byKey.get(key);
    if (group) group.push(e);
    else byKey.set(key, [e]);
  }
  const out = new Set<string>();
  for (const [key, group] of byKey) if (group.length > 1 && isSeriesTitle(group)) out.add(key);
  return out;
}

export function placeEntry(
  store: LibraryStore,
  entry: ParsedItem,
  at: string,
  context: PlaceContext = {},
): Placement {
  const {
    lookup: keys,
    stored: storedKeys,
    weak,
  } = entry.aboutList ? { lookup: [], stored: [], weak: false } : entryKeySets(entry.title, entry.links);
  const tkeys = titleKeys(entry.title);
  const tokens = entry.authors.length > 0 ? titleBlockingKeys(entry.title) : [];
  // Blocking tokens in two sets: every source's ("t:"), and those of sources with no DOI or
  // arXiv id ("u:"). An entry with such an id looks only among the second: a record with
  // another DOI would contradict it, one with the same DOI is found by the key.
  const idLess = !keys.some((k) => k.startsWith('doi:') || k.startsWith('arxiv:'));
  const stored = {
    keys: context.anchor ? [...storedKeys, context.anchor] : storedKeys,
    titleKeys: [
      ...tkeys,
      ...tokens.map((t) => TOKEN_PREFIX + t),
      ...(idLess ? tokens.map((t) => ID_LESS_TOKEN_PREFIX + t) : []),
    ],
  };
  // What the rules read of the entry, without copying the whole entry for each one.
  const evidence: TitleEvidence = {
    links: entry.links,
    year: entry.year,
    authors: entry.authors,
    bib: entry.bib,
    titles: [entry.title],
  };
  const joined: number[] = [];

  // The user's decisions: sources they merged with this one, sources they split from it.
  const decisions = context.anchor ? store.mergeDecisionsOf(context.anchor) : { together: [], apart: [] };
  const apart = new Set(decisions.apart);
  const allowed = (itemId: number): boolean =>
    apart.size === 0 || !store.anchorsOfItem(itemId).some((a) => apart.has(a));
  const placed = (itemId: number, reason: string): Placement => ({
    itemId,
    created: false,
    reason,
    joined,
    ...stored,
  });

  if (decisions.together.length > 0) {
    const target = store.findItemsByKeys(decisions.together).find((m) => allowed(m.itemId));
    if (target) return placed(target.itemId, USER_MERGE_MATCH);
  }

  // Only a title that ends in a bracket may name a part of a series (otherPartOfSeries).
  const partOfSeries = /[)）】\]]\s*$/u.test(entry.title);
  const byKey = store.findItemsByKeys(keys).filter((m) => {
    if (!allowed(m.itemId)) return false;
    const pageKey = partOfSeries && m.key.startsWith('url:');
    if (entry.bib === undefined && !weak && !pageKey) return true;
    const theirs = store.evidenceOf(m.itemId);
    if (pageKey && otherPartOfSeries(entry.title, theirs.titles ?? [])) return false;
    if (entry.bib === undefined && !weak) return true;
    if (entry.bib !== undefined && keyMatchContradiction(evidence, theirs) !== null) return false;
    return !weak || !weakKeyTitlesDiffer(m.key, evidence, theirs);
  });
  const first = byKey[0];
  if (first) {
    // One entry carrying the ids of two items shows they are one work.
    for (const other of new Set(byKey.map((m) => m.itemId))) {
      // ...unless the user split them (`lectio unmerge`): their word wins over a shared DOI.
      if (other === first.itemId || (apartDecisions(store) && keptApart(store, first.itemId, other)))
        continue;
      const key = byKey.find((m) => m.itemId === other)?.key ?? '';
      // ...or a page joins two parts of a series: the book's page, linked by another list,
      // found each of mli's four 研究的艺术 videos, kept apart when they were placed.
      if (key.startsWith('url:') && partsOfOneSeries(store, first.itemId, other)) continue;
      store.mergeItems(first.itemId, other, `both carry ${key}`, at);
      joined.push(other);
    }
    joinSameTitle(store, first.itemId, evidence, tkeys, context, allowed, at, joined);
    return placed(first.itemId, first.key);
  }

  const lookup = tokens.length > 0 ? titleLookupKeys(entry.title) : [];
  const best = bestTitleMatch(store, evidence, tkeys, lookup, idLess, context, allowed);
  if (best) return placed(best.itemId, best.comparison.rule);
  const back = context.returning?.next(entry.title, entry.topic.join(' / '));
  if (back !== undefined && allowed(back)) return placed(back, 'same entry');
  return { itemId: store.createItem(at), created: true, reason: 'new', joined, ...stored };
}

/**
 * The items a changed list's entries made before, which no other list holds, by title: an
 * entry that neither a key nor the title rules place goes back to the item its own earlier
 * version made. The real case: seed 002's "Ray" and seed 003's "OSDI", "LLM.int8()" and
 * "三遍阅读法" have no link that identifies them and titles too short to match; when their
 * list changed, even by a newline at its end, each was created again and the old item, with
 * the user's status and notes, was left "kept without a source". So is an entry whose link
 * the user corrected (another arXiv id): the title rules find the old item but its old id
 * contradicts the new one; the entry is the same, so it keeps the user's status and notes,
 * and the old id goes with the rows the list no longer holds (LibraryStore.dropKeptRows).
 * An entry the list dropped earlier and now gives again comes back too (its item is kept,
 * orphaned, with the list's anchor).
 *
 * An earlier item is not taken when an entry of the list still carries one of its ids (that
 * entry is its own): dair-ai adds a week at the top with a new "Agent S" (2504.00906) above the
 * old one (2410.08164). Of several earlier entries of one title, the one under the same topic
 * goes first ("Ray" under "Systems" and under "RL"), then list order; each is taken once.
 */
export class ReturningEntries {
  private readonly byTitle = new Map<string, StoredEntry[]>();

  constructor(
    entries: readonly StoredEntry[],
    /** Whether some entry of the list as it is now carries an identity key of the item. */
    private readonly claimed: (itemId: number) => boolean,
  ) {
    for (const entry of entries) {
      const key = titleKey(entry.title);
      if (!key) continue;
      const queue = this.byTitle.get(key);
      if (queue) queue.push(entry);
      else this.byTitle.set(key, [entry]);
    }
  }

  /** The item an earlier entry of this title made, under this topic first. */
  next(title: string, topic: string): number | undefined {
    const queue = this.byTitle.get(titleKey(title));
    if (!queue) return undefined;
    const free = queue.filter((e) => !this.claimed(e.itemId));
    return (free.find((e) => e.topic === topic) ?? free[0])?.itemId;
  }

  /** The entry was placed: an earlier entry of its title that made this item is accounted for. */
  placed(title: string, itemId: number): void {
    if (this.byTitle.size === 0) return; // a new list, or nothing left without a list: every entry passes here
    const queue = this.byTitle.get(titleKey(title));
    const at = queue?.findIndex((e) => e.itemId === itemId) ?? -1;
    if (queue && at >= 0) queue.splice(at, 1);
  }
}

/**
 * An entry placed by a key that also has the exact title of another item joins that item too,
 * when nothing contradicts it, neither with the entry nor with the item the key found. The
 * entry shows the two are one work, as an entry carrying the ids of two items does. The real
 * case: DefTruth's list gives "FASTDECODE: High-Throughput GPU-Efficient LLM Serving using
 * Heterogeneous" (truncated) with arXiv 2403.11421, chenhongyu's the whole title with an
 * OpenReview link (no title match: the titles differ), and then his reading list the whole
 * title with the arXiv link: it joins the arXiv item by key and, by title, the OpenReview
 * one. Without this the library kept two FastDecodes, and likewise two Medusas (DefTruth's
 * list names it twice, once with the arXiv link) and two Orcas (the USENIX page and its PDF).
 */
function joinSameTitle(
  store: LibraryStore,
  itemId: number,
  evidence: TitleEvidence,
  tkeys: readonly string[],
  context: PlaceContext,
  allowed: (itemId: number) => boolean,
  at: string,
  joined: number[],
): void {
  if (tkeys.length === 0) return;
  // The series test reads the bibliographies (and writes a bulk import's waiting rows first):
  // only when another item has the title, which is rare.
  const others = store
    .findItemsByTitleKeys(tkeys)
    .filter((id) => id !== itemId && !joined.includes(id) && allowed(id));
  if (others.length === 0 || isSeries(store, tkeys, context)) return;
  for (const other of others) {
    const theirs = store.evidenceOf(other);
    const comparison = compareRecords(evidence, theirs);
    if (comparison.verdict !== 'same' || comparison.rule !== 'title') continue;
    // The item as it is now, with what an earlier join brought: two namesakes that a DOI each
    // kept apart must not both join it.
    if (titleMergeContradiction(store.evidenceOf(itemId), theirs) !== null) continue;
    if (apartDecisions(store) && keptApart(store, itemId, other)) continue;
    store.mergeItems(itemId, other, 'an entry found by a key has its title', at);
    joined.push(other);
  }
}

/** Whether a title names a series, in the entry's bibliography or a stored one (identity.ts isSeriesTitle). */
function isSeries(store: LibraryStore, tkeys: readonly string[], context: PlaceContext): boolean {
  return tkeys.some((k) => context.seriesTitleKeys?.has(k) || isStoredSeries(store, k));
}

/** The candidate the rules call the same work: the same title first, then the closest title. */
function bestTitleMatch(
  store: LibraryStore,
  evidence: TitleEvidence,
  tkeys: readonly string[],
  tokens: readonly string[],
  idLess: boolean,
  context: PlaceContext,
  allowed: (itemId: number) => boolean,
): { itemId: number; comparison: RecordComparison } | null {
  let exact = store.findItemsByTitleKeys(tkeys);
  const series = exact.length > 0 && isSeries(store, tkeys, context);
  if (series) exact = [];
  const fuzzy =
    tokens.length > 0
      ? fuzzyCandidates(store, tokens, idLess ? TOKEN_PREFIX : ID_LESS_TOKEN_PREFIX).filter(
          (id) => !exact.includes(id),
        )
      : [];
  let best: { itemId: number; comparison: RecordComparison } | null = null;
  const near = fuzzy.length > 0 ? store.titlesOfItems(fuzzy) : new Map<number, string[]>();
  const titles = evidence.titles ?? [];
  // A series title ("Reminiscences on Influential Papers") is no evidence, near or not.
  const nearEnough = (id: number): boolean => {
    const its = near.get(id) ?? [];
    if (!titlesMayMatch(titles, its)) return false;
    if (series || tkeys.some((k) => context.seriesTitleKeys?.has(k))) return false;
    return !its.some((t) => titleKeys(t).some((k) => isStoredSeries(store, k)));
  };
  for (const itemId of [...exact, ...fuzzy.filter(nearEnough)]) {
    if (!allowed(itemId)) continue;
    const comparison = compareRecords(evidence, store.evidenceOf(itemId));
    if (comparison.verdict !== 'same') continue;
    if (series && comparison.rule === 'title') continue;
    if (comparison.rule === 'title') return { itemId, comparison };
    if (!best || comparison.titleSimilarity > best.comparison.titleSimilarity) best = { itemId, comparison };
  }
  return best;
}

/** Whether the library holds any merge decision (a cheap check: most never do). */
function apartDecisions(store: LibraryStore): boolean {
  return store.hasMergeDecisions();
}

/** Whether the user split two items apart (some source of one is kept apart from some source of the other). */
export function keptApart(store: LibraryStore, a: number, b: number): boolean {
  const other = new Set(store.anchorsOfItem(b));
  if (other.size === 0) return false;
  return store.anchorsOfItem(a).some((x) => store.mergeDecisionsOf(x).apart.some((y) => other.has(y)));
}

/** Items sharing the most title tokens with the entry. */
export function fuzzyCandidates(
  store: LibraryStore,
  tokens: readonly string[],
  prefix = TOKEN_PREFIX,
): number[] {
  const shared = new Map<number, number>();
  const found = store.findItemsByTitleTokens(
    tokens.map((t) => prefix + t),
    COMMON_TOKEN,
  );
  for (const ids of found.values()) {
    for (const id of ids) shared.set(id, (shared.get(id) ?? 0) + 1);
  }
  return [...shared]
    .sort((a, b) => b[1] - a[1] || a[0] - b[0])
    .slice(0, MAX_CANDIDATES)
    .map(([id]) => id);
}

/** Whether a stored bibliography uses this title key for several works. */
function isStoredSeries(store: LibraryStore, key: string): boolean {
  const byList = new Map<number, TitleEvidence[]>();
  for (const r of store.bibRecordsWithTitleKey(key, 50)) {
    const group = byList.get(r.listId) ?? [];
    group.push(r.evidence);
    byList.set(r.listId, group);
  }
  return [...byList.values()].some((group) => group.length > 1 && isSeriesTitle(group));
}

/** Whether two items are two parts of one series by their titles (otherPartOfSeries). */
function partsOfOneSeries(store: LibraryStore, a: number, b: number): boolean {
  const theirs = store.evidenceOf(b).titles ?? [];
  return (store.evidenceOf(a).titles ?? []).some((title) => otherPartOfSeries(title, theirs));
}
