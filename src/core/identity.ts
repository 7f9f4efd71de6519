// When are two records the same work? Every rule that lectio uses to merge is here,
// each with the real case that motivates it. Pure functions; the import service and
// the store only apply them.

import { canonicalIdsOfUrl, idKey } from './canonical-id.js';
import type { BibFields, Link, LinkRole } from './item.js';

/**
 * Roles whose links say what an item *is*. Code, slides, blog posts and videos are
 * about a paper, not the paper: seed 002 gives "8-Bit Optimizers" and seed 003 gives
 * "LLM.int8()" the same code link (github.com/TimDettmers/bitsandbytes), and they are
 * two papers. Such links identify an item only when it has nothing better (a list entry
 * that *is* a repository, "Prompt Lookup Decoding - GitHub" in seed 004).
 */
const PRIMARY_ROLES: ReadonlySet<LinkRole> = new Set(['paper', 'pdf']);
const SECONDARY_ROLES: ReadonlySet<LinkRole> = new Set(['code', 'slides', 'blog', 'video']);

/** The links whose canonical ids are the item's identity. */
export function identityLinks(links: readonly Link[]): Link[] {
  const primary = links.filter((l) => PRIMARY_ROLES.has(l.role));
  if (primary.length > 0) return primary;
  // No paper link: the item is what its first non-secondary link points at (a site, a notes
  // page), or failing that its first link of any kind (a blog post, a repository).
  const first = links.find((l) => !SECONDARY_ROLES.has(l.role)) ?? links[0];
  return first ? [first] : [];
}

/** Identity keys ("arxiv:1706.03762", "github:vllm-project/vllm", "url:...") of a set of links. */
export function identityKeys(links: readonly Link[]): string[] {
  const keys = new Set<string>();
  for (const link of identityLinks(links)) {
    for (const id of canonicalIdsOfUrl(link.url)) keys.add(idKey(id));
  }
  return [...keys];
}

/** Strong ids of any link, by scheme: used to find contradictions, never to merge. */
export function strongIds(links: readonly Link[]): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const link of identityLinks(links)) {
    for (const id of canonicalIdsOfUrl(link.url)) {
      if (id.scheme === 'url') continue;
      const set = out.get(id.scheme) ?? new Set<string>();
      set.add(id.value);
      out.set(id.scheme, set);
    }
  }
  return out;
}

/**
 * The form of a title that two lists agree on: Unicode-folded, lower case, without
 * punctuation or spaces. "LLAMA 2: Open Foundation..." (seed 002) and "LLaMA 2: Open
 * Foundation..." (seed 003) agree; "Flash Attention-2" and "Flash Attention 2" agree.
 */
export function titleKey(title: string): string {
  return title
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '');
}

/**
 * The keys a title may match under: the title itself and, when it ends in a short
 * parenthetical, the title without it. Seed 003 writes "In-Datacenter Performance Analysis
 * of a Tensor Processing Unit (TPU)" where seeds 000 and 004 have no "(TPU)".
 */
export function titleKeys(title: string): string[] {
  const keys = new Set<string>();
  const full = titleKey(title);
  if (isMatchableTitle(full)) keys.add(full);
  const bare = title.replace(/\s*[(（][^()（）]{1,24}[)）]\s*$/u, '');
  if (bare !== title) {
    const k = titleKey(bare);
    if (isMatchableTitle(k)) keys.add(k);
  }
  return [...keys];
}

/**
 * Titles too short or too generic to identify anything: "Introduction blog" (seed 004),
 * "Editorial", "Foreword". Two such items share a title and nothing else.
 */
const GENERIC = new Set([
  'introduction',
  'introductionblog',
  'editorial',
  'foreword',
  'preface',
  'letterfromtheeditor',
  'readme',
  'paper',
  'code',
  'blog',
  'notes',
  'slides',
  'video',
  'link',
  'homepage',
  'website',
  'github',
  'arxiv',
  'pdf',
  'docs',
  'survey',
  'abstract',
  'overview',
  'tutorial',
  'index',
  'contents',
  'tableofcontents',
  'references',
  'untitled',
  'technicalreport',
  'whitepaper',
  'report',
  'guestEditorial'.toLowerCase(),
  'errata',
  'erratum',
  'corrigendum',
  'keynote',
  'panel',
  'bookreview',
  'bookreviews',
  'obituary',
  'inmemoriam',
  'announcements',
  'news',
  'letters',
  'editorsintroduction',
  'frontmatter',
  'backmatter',
  'authorindex',
  'subjectindex',
  'reviewers',
  'acknowledgments',
]);

export function isMatchableTitle(key: string): boolean {
  if (GENERIC.has(key)) return false;
  // CJK titles carry more per character: 8 characters is a real title.
  const cjk = /[\u3040-\u30ff\u3400-\u9fff]/u.test(key);
  return key.length >= (cjk ? 6 : 12);
}

export interface TitleEvidence {
  links: readonly Link[];
  year: number | null;
  authors: readonly string[];
  /** Venue, type and the rest, when a reference manager or arXiv gave them. */
  bib?: BibFields;
}

/** Surname of the first author, lower case: "Vaswani et al." → "vaswani", "Haotong Qin" → "qin". */
export function firstAuthorKey(authors: readonly string[]): string | null {
  const first = authors[0];
  if (!first) return null;
  const name = first
    .replace(/\bet al\.?/iu, '')
    .replace(/\(.*?\)/gu, '')
    .trim();
  if (!name) return null;
  const surname = name.includes(',') ? (name.split(',')[0] ?? '') : (name.split(/\s+/u).pop() ?? '');
  const key = titleKey(surname);
  return key.length > 0 ? key : null;
}

/**
 * Whether two records with the same title key may be merged. Any contradiction keeps
 * them apart: another arXiv id or DOI ("Attention Is All You Need" has one id and the
 * speech-separation paper another), years more than a year apart (a workshop version and
 * its journal version a year later are one work; a 2017 and a 2023 paper are not), or
 * another first author when both are known.
 */
export function titleMergeContradiction(a: TitleEvidence, b: TitleEvidence): string | null {
  const ia = strongIds(a.links);
  const ib = strongIds(b.links);
  for (const scheme of ['arxiv', 'doi', 'github', 'youtube']) {
    const sa = ia.get(scheme);
    const sb = ib.get(scheme);
    if (sa && sb && ![...sa].some((v) => sb.has(v))) return `different ${scheme} ids`;
  }
  if (a.year !== null && b.year !== null && Math.abs(a.year - b.year) > 1)
    return `years ${a.year} and ${b.year}`;
  const fa = firstAuthorKey(a.authors);
  const fb = firstAuthorKey(b.authors);
  if (fa && fb && fa !== fb) return `first authors ${fa} and ${fb}`;
  return null;
}
