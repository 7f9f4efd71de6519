// Reading the fields users write around a paper: stars, checkboxes, TODO markers,
// years, labelled child lines ("代码：URL", "why: ..."), and the clean title.
// Plain string work, shared by list items, table rows and HTML blocks.

import type { LinkRole, Status } from '../../core/item.js';

/** Counts a run of stars: ⭐ ★ 🌟 and :star: count, ☆ is an empty star (★★★☆☆ is 3). */
const STAR_RUN = /(?:(?:⭐|★|🌟|:star:)\uFE0F?\s?)+/gu;
const MUST_READ = /\bmust[\s-]?read\b|必读|必看|強烈推薦|强烈推荐/iu;

/**
 * Whether MUST_READ can match: its English branch needs "read" in ASCII letters (under /iu
 * no other character folds to r, e, a or d), the others 必, 強 or 强. MUST_READ itself is
 * slow to fail on the long summaries of table rows (dair-ai), and most text has none of these.
 */
function mayBeMustRead(text: string): boolean {
  return /read/i.test(text) || text.includes('必') || text.includes('強') || text.includes('强');
}

/**
 * Whether the stars at `at` follow a number: then they count GitHub stars, not a rating
 * (htqin's "[721⭐]", "[1.2k:star:]"). A look at the characters before, not a lookbehind in
 * STAR_RUN, which would be tried at every character of every text.
 */
function afterNumber(text: string, at: number): boolean {
  let i = at - 1;
  const c = text.charCodeAt(i);
  if (c === 0x6b || c === 0x4b || c === 0x6d || c === 0x4d) i--; // k K m M
  const d = text.charCodeAt(i);
  return d >= 0x30 && d <= 0x39;
}

export function importanceOf(text: string): number | null {
  let best: number | null = null;
  for (const match of text.matchAll(STAR_RUN)) {
    if (afterNumber(text, match.index)) continue;
    const count = (match[0].match(/⭐|★|🌟|:star:/gu) ?? []).length;
    best = Math.max(best ?? 0, Math.min(5, count));
  }
  if (mayBeMustRead(text) && MUST_READ.test(text)) best = 5;
  return best;
}

/** The text without its star runs; a title's star counts ("[721⭐]") go whole in cleanTitle (COUNT_TAG). */
export function stripStars(text: string): string {
  return text
    .replace(STAR_RUN, ' ')
    .replace(/☆+/gu, ' ')
    .replace(/\s{2,}/g, ' ')
    .trim();
}

/** Status from the start of an item's text: a GFM checkbox, a TODO/DONE marker or an emoji tick. */
export type StatusMarker = 'checkbox' | 'word' | 'tag' | 'tick';

export function leadingStatus(text: string): {
  status: Status | null;
  rest: string;
  marker: StatusMarker | null;
} {
  const box = /^\s*\[([ xX✓✔-])\]\s*/u.exec(text);
  if (box) {
    const mark = box[1] ?? ' ';
    return { status: mark === ' ' ? 'to-read' : 'read', rest: text.slice(box[0].length), marker: 'checkbox' };
  }
  // Upper case when bare ("TODO [Ray](./blogs/ray/)", seed 002): "Done", "Reading" start titles.
  // In brackets any case ("[TODO] Attention Is All You Need", "[done]"): a bracketed word
  // before the title is a tag, and these words are no title.
  const bare = /^\s*(?:\*\*)?(TODO|TO-DO|DONE|READING|WIP|SKIP(?:PED)?)(?:\*\*)?\b[:：]?\s*/u.exec(text);
  const marker = bare ?? /^\s*\[(todo|to-do|done|reading|wip|skip(?:ped)?)\][:：]?\s*/iu.exec(text);
  if (marker) {
    const word = (marker[1] ?? '').toUpperCase();
    const status: Status =
      word === 'DONE'
        ? 'read'
        : word === 'READING' || word === 'WIP'
          ? 'reading'
          : word.startsWith('SKIP')
            ? 'skipped'
            : 'to-read';
    return { status, rest: text.slice(marker[0].length), marker: bare ? 'word' : 'tag' };
  }
  const tick = /^\s*(✅|✔️?|☑️?)\s*/u.exec(text);
  if (tick) return { status: 'read', rest: text.slice(tick[0].length), marker: 'tick' };
  return { status: null, rest: text, marker: null };
}

/** Status a section heading implies for the items under it ("## Done", "## 已读"). */
export function sectionStatus(heading: string): Status | null {
  const h = heading.toLowerCase();
  if (/^(done|read|finished|completed|already read|have read|已读|读完|已完成)\b/u.test(h)) return 'read';
  if (/^(reading|in progress|currently reading|正在读|在读)\b/u.test(h)) return 'reading';
  if (/^(skipped|dropped|abandoned|放弃)\b/u.test(h)) return 'skipped';
  if (/^(to[\s-]?read|todo|unread|backlog|待读|未读)\b/u.test(h)) return 'to-read';
  return null;
}

export function isMustReadHeading(heading: string): boolean {
  return mayBeMustRead(heading) && MUST_READ.test(heading);
}

/** Headings whose lists are navigation, not content. */
export function isContentsHeading(heading: string): boolean {
  return /^(table of contents|contents|toc|目录|目錄)$/iu.test(heading.trim());
}

const LEADING_NUMBERING =
  /^\s*(?:(?:part|chapter|section)\s+)?(?:\d+(?:\.\d+)*[.)、:：]?|[一二三四五六七八九十百]+[、.．:：]|[（(][一二三四五六七八九十\d]+[)）]|[ivxlc]+[.)]|[a-z][.)])\s+/iu;
const LEADING_SYMBOLS =
  /^[\s\p{Extended_Pictographic}\p{Emoji_Modifier}\uFE0F\u200D\u20E3\uFFFD#*_~|>•·●◆■▶►\-–—]+/u;

/** A heading as a topic name: numbering ("1.", "一、"), leading emoji and markup dropped. */
export function cleanTopicName(raw: string): string {
  let t = raw.replace(/<[^>]*>/g, '').trim();
  t = t.replace(LEADING_SYMBOLS, '');
  t = t.replace(LEADING_NUMBERING, '');
  t = t.replace(/^[一二三四五六七八九十百]+[、．\uFFFD]\s*/u, '');
  t = t.replace(LEADING_SYMBOLS, '');
  t = t.replace(/[\s\p{Extended_Pictographic}\uFE0F:：]+$/u, '');
  return t.replace(/\s+/g, ' ').trim();
}

/** A year the text states: "(2017)", "[Sep 2024]", "[2023/05]", "2021, ", "2024.04". */
export function yearOf(text: string): number | null {
  const m =
    /[([]\s*(?:\d{1,2}\s+)?(?:[A-Z][a-z]{2,8}\.?\s+)?((?:19|20)\d\d)(?:[./-]\d{1,2}){0,2}\s*[)\]]/u.exec(
      text,
    ) ??
    /^\s*((?:19|20)\d\d)\s*[,，:]/u.exec(text) ??
    /^\s*((?:19|20)\d\d)(?:[./-]\d{1,2})?\s*$/u.exec(text);
  if (!m?.[1]) return null;
  const year = Number(m[1]);
  return year >= 1900 && year <= 2100 ? year : null;
}

/**
 * Label words that say what a link is. A child line "代码：URL" or a link labelled
 * "[code]" names the role of the link, not a title (seeds 002 and 003).
 */
const ROLE_WORDS: ReadonlyArray<[RegExp, LinkRole]> = [
  [/^(paper|papers|arxiv|pdf|论文|原文|paper link|preprint|openreview|acl|doi)$/iu, 'paper'],
  [
    /^(code|codes|github|repo|repository|source|source code|代码|源码|代码地址|开源|开源项目|implementation)$/iu,
    'code',
  ],
  [/^(blog|post|article|博客|博文|知乎|zhihu|medium|解读)$/iu, 'blog'],
  [/^(slides?|ppt|幻灯片|slide deck|poster)$/iu, 'slides'],
  [/^(video|videos|talk|youtube|bilibili|视频|b站|recording)$/iu, 'video'],
  [/^(notes?|笔记|note)$/iu, 'notes'],
  [/^(website|site|homepage|project page|project|网站|主页|官网|home)$/iu, 'site'],
  [/^(docs?|report|技术报告|report pdf)$/iu, 'other'],
  // "link", "链接" say nothing of the role: the URL decides (not listed here on purpose).
  [/^(tweet|twitter|huggingface|hf|dataset|demo|model)$/iu, 'other'],
];

export function roleOfLabel(label: string): LinkRole | null {
  let word = label.replace(/[[\]()【】]/g, '');
  // No ASCII character is an emoji: skip the slow emoji class for ASCII labels (most are).
  // (Without the u flag: on UTF-16 code units the test says the same, three times faster.)
  if (/[^\x00-\x7f]/.test(word)) word = word.replace(/[\p{Extended_Pictographic}\uFE0F]/gu, '');
  word = word.replace(/[:：]\s*$/u, '').trim();
  // Numbered links name their role too: dair-ai's "[Paper 1](…), [Paper 2](…)".
  const last = word.charCodeAt(word.length - 1);
  if (last >= 0x30 && last <= 0x39 && /\D\s\d{1,2}$/.test(word)) word = word.replace(/\s+\d{1,2}$/, '');
  if (word.length === 0) return null;
  for (const [re, role] of ROLE_WORDS) if (re.test(word)) return role;
  return null;
}

export type FieldName = 'authors' | 'link' | 'importance' | 'why' | 'note' | 'year' | 'title' | 'status';

/** "作者：Vaswani et al." → field authors. Recognised labels of child lines, in English and Chinese. */
const FIELD_LABELS: ReadonlyArray<[RegExp, FieldName]> = [
  [/^(authors?|作者|by)$/iu, 'authors'],
  [/^(importance|priority|rating|stars?|重要性|重要程度|推荐|推荐指数|优先级)$/iu, 'importance'],
  [/^(why|reason|because|motivation|为什么|原因|理由)$/iu, 'why'],
  [/^(year|date|年份|时间|日期|发表时间)$/iu, 'year'],
  // "aka: cnn-winograd": another name (seed 000's alias line), as lectio's export writes each alias.
  [/^(title|标题|题目|全称|aka)$/iu, 'title'],
  [/^(status|状态)$/iu, 'status'],
];

export interface LabelledLine {
  label: string;
  value: string;
  field: FieldName | null;
  role: LinkRole | null;
}

/** Splits "label: value" / "label：value" / "label, value" when the label is short. */
export function splitLabel(text: string): LabelledLine | null {
  const m = /^\s*([^\s:：,，][^:：,，]{0,24}?)\s*(?:[:：]|\s[,，]|[,，])\s*(.*)$/su.exec(text);
  if (!m) return null;
  const label = (m[1] ?? '').trim();
  const value = (m[2] ?? '').trim();
  if (/^https?$/i.test(label)) return null;
  let field: FieldName | null = null;
  for (const [re, name] of FIELD_LABELS) if (re.test(label)) field = name;
  const role = roleOfLabel(label);
  if (field === null && role === null) return { label, value, field: null, role: null };
  return { label, value, field: field ?? (role ? 'link' : null), role };
}

const WHY_PREFIX = /^\s*(?:why|reason|because|motivation|为什么|原因)\s*[:：-]\s*|^\s*because\s+/iu;

/** A remark that says why the item was saved: "why: ...", "because ...". */
export function whyOf(text: string): string | null {
  const m = WHY_PREFIX.exec(text);
  if (!m) return null;
  const why = text.slice(m[0].length).trim();
  return why.length > 0 ? why : null;
}

/** Punctuation and spaces that never start or end a title. */
const TITLE_EDGE = /[\s\-–—:：,，|•·]/u;

/**
 * `text` without the runs of `edge` characters (all in the BMP) at either end: what
 * `/^[…]+|[…]+$/g` removes, without trying the end anchor at every character.
 */
function trimRuns(text: string, edge: RegExp): string {
  let start = 0;
  let end = text.length;
  while (start < end && edge.test(text.charAt(start))) start++;
  while (end > start && edge.test(text.charAt(end - 1))) end--;
  return start === 0 && end === text.length ? text : text.slice(start, end);
}

/** `text.replace(/\s+/g, ' ')`, which is the text itself unless it has a run or a non-space blank. */
export function collapseSpaces(text: string): string {
  return /[^\S ]| {2}/.test(text) ? text.replace(/\s+/g, ' ') : text;
}

/** `:scroll:` and other GitHub emoji shortcodes, and emoji: decoration before a title. */
export const LEADING_DECORATION = /^(?:[\s\p{Extended_Pictographic}\uFE0F\u200D]|:[a-z][a-z0-9_+-]*:)+/u;

/**
 * Whether LEADING_DECORATION can match: most titles start with a printable ASCII character,
 * which is no blank, no emoji and not the colon of a shortcode.
 */
export function mayStartWithDecoration(text: string): boolean {
  const first = text.charCodeAt(0);
  return !(first > 0x20 && first < 0x7f && first !== 0x3a);
}

/**
 * A count in brackets: htqin's citations "[23:fire:]" and GitHub stars "[721⭐]",
 * "[1.2k:star:]". Neither is part of the title (nor a rating: see afterNumber).
 */
const COUNT_TAG = /\[\s*\d+(?:[.,]\d+)?[kKmM]?\s*(?::fire:|:star:|⭐|🔥)\uFE0F?\s*\]/gu;

/**
 * A venue and its year, and how or where the paper was shown there: "ICLR2025", "NeurIPS 2023
 * Oral", "ICML'24 Spotlight", "ACL 2023 Findings".
 */
const VENUE = String.raw`[A-Z][A-Za-z-]{1,11}\s?(?:(?:19|20)\d\d|['’]\d\d)(?:\s+[A-Z][A-Za-z]+)?`;

/**
 * A venue before the title: DefTruth's "[**DynamicLLaVA**] [ICLR2025] Dynamic-LLaVA: ...",
 * or "[ICML'24 Spotlight]". It names where the paper appeared, not the paper, so it is no
 * alias either.
 */
const VENUE_TAG = new RegExp(String.raw`^\[\s*${VENUE}\s*\]\s*(?=\S)`, 'u');

const WHOLE_VENUE = new RegExp(`^${VENUE}$`, 'u');

/** Whether the text is a venue and no more ("NeurIPS 2023 Oral"). */
export function isVenue(text: string): boolean {
  return WHOLE_VENUE.test(text.trim());
}

/** A date before the title, as lists file papers by month: "[2023/05] QLoRA: …", "[2024.01]". No alias. */
const DATE_TAG =
  /^\[\s*(?:19|20)\d\d(?:[-/.](?:0?[1-9]|1[0-2])(?:[-/.](?:0?[1-9]|[12]\d|3[01]))?)?\s*\]\s*(?=\S)/u;

/**
 * An Obsidian or wiki link, "[[Attention Is All You Need]]", "[[Target#Heading|shown text]]":
 * its target is the title. An embed ("![[figure.png]]") is no part of it.
 */
const WIKI_LINK = /(!?)\[\[([^[\]|#\n]{1,300})(?:#[^[\]|\n]{0,300})?(?:\|([^[\]\n]{1,300}))?\]\]/gu;

/** "[**SentenceVAE**] SentenceVAE: ..." (DefTruth): a short name before the title. */
const ALIAS_TAG = /^\[\s*\**([^\]]{1,60}?)\**\s*\]\s*(?=\S)/u;

/**
 * A page title saved with the link names the site around it: seed 004's "[Prompt Lookup
 * Decoding - GitHub](…)" and "[GitHub: apple/ml-vision-transformers-ane](…)".
 */
const GITHUB_AFFIX = /^GitHub\s*[:：-]\s*|\s+[-–—|]\s+GitHub$/gu;

/**
 * The title as a reader wants it: markup, badges, fire emoji, a leading "[Alias]",
 * a trailing "(@affiliation)", "(2017)" or "[Sep 2024]" and dangling punctuation gone.
 * Returns the pieces it removed that are worth keeping (alias, year).
 */
export function cleanTitle(raw: string): { title: string; alias: string | null; year: number | null } {
  let t = raw.replace(/<[^>]*>/g, ' ');
  // Invisible characters pasted with a title: soft hyphens ("State-\u00ADAware", htqin) and
  // object replacement characters ("\uFFFCConsensus in the Presence of ...", papers-we-love).
  if (t.includes('\u00AD') || t.includes('\uFFFC')) t = t.replace(/[\u00AD\uFFFC]/gu, '');
  t = collapseSpaces(t).trim();
  const year = yearOf(t);
  if (t.includes('[')) t = t.replace(COUNT_TAG, ' ');
  t = stripStars(t);
  if (mayStartWithDecoration(t)) t = t.replace(LEADING_DECORATION, '');
  t = t.replace(/^\d{1,3}[).]\s+/u, '');
  let alias: string | null = null;
  // A wiki link's target is the note's name, the paper's title; the text shown is a name for it.
  if (t.includes('[[')) {
    t = t.replace(WIKI_LINK, (_, embed: string, target: string, shown: string | undefined) => {
      if (embed) return ' ';
      if (shown?.trim() && alias === null) alias = shown.trim();
      return target.trim();
    });
  }
  // At most a name and a venue: "[**DynamicLLaVA**] [ICLR2025] Dynamic-LLaVA: ...".
  for (let tags = 0; tags < 2 && t.startsWith('['); tags++) {
    const venue = VENUE_TAG.exec(t) ?? DATE_TAG.exec(t);
    const tag: RegExpExecArray | null = venue ?? (alias === null ? ALIAS_TAG.exec(t) : null);
    if (!tag || t.length - tag[0].length <= 8) break;
    if (!venue) alias = (tag[1] ?? '').trim() || null;
    t = t.slice(tag[0].length);
  }
  // The patterns anchored at the end are tried at every space of the title, so each runs
  // only when the end of the title can match it (this runs for every item and child line).
  if (t.includes('(@')) t = t.replace(/\s*\(@[^)]*\)\s*$/u, '');
  if (/[)\]]$/u.test(t.trimEnd())) {
    t = t.replace(/\s*[([]\s*(?:\d{1,2}\s+)?(?:[A-Z][a-z]{2,8}\.?\s+)?(?:19|20)\d\d\s*[)\]]\s*$/u, '');
  }
  t = t
    .replace(/^\s*(?:19|20)\d\d\s*[,，]\s*/u, '')
    .replace(/\*\*|__|`/g, '')
    .replace(/\[\s*\]/g, ' ');
  // Brackets a bare URL left empty: "Mamba (https://arxiv.org/abs/2312.00752)"; not a call's
  // brackets, which follow a word ("LLM.int8()").
  if (t.includes('()') || t.includes('( ')) t = t.replace(/(?:^|\s)\(\s*\)/gu, ' ');
  if (t.includes('GitHub')) t = t.replace(GITHUB_AFFIX, '');
  t = collapseSpaces(trimRuns(t, TITLE_EDGE)).trim();
  // htqin tags titles "Modulated convolutional networks. [bnn]": the tags and the period go,
  // and a bracket left open around the tag ("BiBERT: ... BERT. [**`bnn`**][code](…)]").
  if (t.endsWith(']')) t = t.replace(/(?:\s*\[[^\]]{1,20}\]+)+$/u, '');
  // "... of BERT.", "... BNNs Optimization?.", "... Outcomes ." (htqin); not the period
  // of an initial or an abbreviation ("J.", "U.S.").
  if (t.endsWith('.')) t = t.replace(/(?<=[a-z)?!\d\s]|[A-Z\d]{2})\.$/u, '');
  t = t.trim();
  if (alias && alias.toLowerCase() === t.toLowerCase()) alias = null;
  return { title: t, alias, year };
}

/** A short remark that carries no content of its own ("paper", "code", "-"). */
export function isEmptyRemark(text: string): boolean {
  return /^[\s\-–—:：,，.;|()[\]\uFFFD、。]*$/u.test(text);
}
