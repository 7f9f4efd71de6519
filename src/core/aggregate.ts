// Folding an item's sources into the one item the user sees. A merged item keeps every
// source, link, topic and note; its status is the furthest along, its importance the highest.

import { titleKey } from './identity.js';
import { furthestStatus, highestImportance, type Link } from './item.js';
import { isOwnList, METADATA_LIST_PATH, type ItemAggregate, type StoredSource } from './library-store.js';
import { itemKindFromLinks, labelNamesRole } from './link-role.js';

/**
 * How much a string reads like a paper's full title. Seed 000 writes "cnn-winograd" and
 * seed 003 "Flash Attention-2" where other lists give the full title; the full one wins.
 */
export function titleQuality(title: string): number {
  let score = Math.min(title.length, 160) / 40;
  if (/\s/u.test(title)) score += 2;
  if (/[A-Z]/u.test(title) && /[a-z]/u.test(title)) score += 2;
  if (title === title.toLowerCase() && /[a-z]/u.test(title)) score -= 3;
  if (title === title.toUpperCase() && /[A-Z]{4}/u.test(title)) score -= 1;
  if (/[:：]/u.test(title)) score += 1;
  if (/^https?:|\.(pdf|md|html?)$|^[\w.-]+\.[a-z]{2,}\//iu.test(title)) score -= 4;
  if (title.length > 250) score -= 4;
  return score;
}

export function uniqueLinks(links: readonly Link[]): Link[] {
  const seen = new Set<string>();
  const out: Link[] = [];
  for (const link of links) {
    if (seen.has(link.url)) continue;
    seen.add(link.url);
    out.push(link);
  }
  return out;
}

/**
 * Whether a source's title is its paper link's name and more: a row about the paper, not the
 * paper. mli's list has the videos "[ResNet](arxiv 1512.03385) 论文逐段精读" and "撑起计算机视觉
 * 半边天的 [ResNet](…)" beside its table row "[ResNet](…pdf)"; the item is the paper, "ResNet",
 * which the longer titles outscored.
 */
function namesAroundItsPaper(s: StoredSource): boolean {
  return s.links.some(
    (l) =>
      (l.role === 'paper' || l.role === 'pdf') &&
      l.label !== undefined &&
      l.label.length > 2 &&
      s.title.length > l.label.length &&
      s.title.includes(l.label) &&
      // "[Paper](…)" beside dair-ai's "PaperBench" names the link, not the work.
      !labelNamesRole(l.label, l.url),
  );
}

/**
 * The title a link alone gives its entry ("- <https://arxiv.org/abs/2205.14135>" is titled
 * "arxiv.org/abs/2205.14135", parse-markdown-list.ts titleFromUrl): a stand-in until a list
 * names the paper, never one of its names.
 */
const URL_AS_TITLE = /^(?:[a-z0-9-]+\.)+[a-z]{2,}\/\S*$/iu;

/** The title the item goes by: what its sources agree on, or the fullest of them. */
function bestTitle(sources: readonly StoredSource[]): string {
  // One source (most items of a big import): its title, whatever it scores.
  if (sources.length === 1) return (sources[0] as StoredSource).title;
  let best = '';
  let bestScore = Number.NEGATIVE_INFINITY;
  // Titles the lists agree on win: seeds 000 and 004 say "In-Datacenter Performance
  // Analysis of a Tensor Processing Unit", seed 003 adds "(TPU)".
  const agree = new Map<string, number>();
  const keys = sources.map((s) => titleKey(s.title));
  for (const key of keys) agree.set(key, (agree.get(key) ?? 0) + 1);
  for (const [i, s] of sources.entries()) {
    // arXiv's own title (lectio enrich) is the paper's real name: "vLLM" in three lists is an alias of it.
    const authority = s.file === METADATA_LIST_PATH ? 1000 : 0;
    const q =
      authority +
      titleQuality(s.title) +
      2 * ((agree.get(keys[i] as string) ?? 1) - 1) -
      (namesAroundItsPaper(s) ? 3 : 0);
    if (q > bestScore) {
      bestScore = q;
      best = s.title;
    }
  }
  return best;
}

export function aggregateSources(
  sources: readonly StoredSource[],
  fallback: ItemAggregate | null,
): ItemAggregate {
  if (sources.length === 0 && fallback) return fallback;
  const best = bestTitle(sources);
  const names = new Set<string>();
  for (const s of sources) {
    for (const name of [s.title, ...s.aliases]) {
      if (name && name !== best && !URL_AS_TITLE.test(name)) names.add(name);
    }
  }
  let status = null;
  let importance = null;
  let why: string | null = null;
  let year: number | null = null;
  let authors: string[] = [];
  const links: Link[] = [];
  const topics: string[] = [];
  const lists = new Set<number>();
  for (const s of sources) {
    if (s.topic && !topics.includes(s.topic)) topics.push(s.topic);
    if (!isOwnList(s.file)) lists.add(s.listId);
    status = furthestStatus(status, s.status);
    importance = highestImportance(importance, s.importance);
    why ??= s.why;
    year ??= s.year;
    if (s.authors.length > authors.length) authors = s.authors;
    links.push(...s.links);
  }
  return {
    title: best || fallback?.title || '(untitled)',
    aliases: [...names],
    kind: itemKindFromLinks(uniqueLinks(links)),
    status: status ?? 'to-read',
    importance,
    why,
    year,
    authors,
    topics,
    listCount: lists.size,
  };
}
