// The search language of `lectio search`: words, "quoted phrases", prefixes (quant*) and
// filters (topic:, status:, kind:, year:, stars:, has:, list:), parsed into a structure that
// a store turns into its own query. Nothing typed here ever reaches a query engine raw.

import { hasCjk } from './cjk.js';
import { LectioError } from './errors.js';
import { ITEM_KINDS, type ItemKind, STATUSES, type Status } from './item.js';
import { resolveTopicFilter } from './topic-tree.js';

/**
 * `typed`: the user wrote `quant*`. `implicit`: the last word of a query that does not end
 * in a space, which is still being typed (search-as-you-type), so "quant" finds
 * "quantization" too, once it has three characters. A trailing space says the word is complete.
 */
export type PrefixMode = 'none' | 'typed' | 'implicit';

export interface SearchTerm {
  /** The words as typed, without the quotes or the trailing `*`. */
  text: string;
  /** Written in double quotes: its words must appear together, in this order. */
  phrase: boolean;
  prefix: PrefixMode;
}

/** Inclusive bounds; null is open. */
export interface NumberRange {
  min: number | null;
  max: number | null;
}

export const HAS_VALUES = ['code', 'pdf', 'slides', 'video', 'blog', 'notes', 'why', 'abstract'] as const;
/** Link roles (code, pdf, ...), a note of the user's or a list's (notes), a why, an abstract. */
export type HasValue = (typeof HAS_VALUES)[number];

export type SearchFilter =
  | { type: 'topic'; path: string }
  | { type: 'status'; anyOf: Status[] }
  | { type: 'kind'; anyOf: ItemKind[] }
  | { type: 'year'; range: NumberRange }
  | { type: 'stars'; range: NumberRange }
  | { type: 'has'; what: HasValue }
  | { type: 'list'; name: string };

/** Every term and every filter must hold. No terms: the items the filters select. */
export interface ParsedQuery {
  terms: SearchTerm[];
  filters: SearchFilter[];
}

/**
 * The query with each `topic:` name resolved as `list --topic` resolves it: a topic's path in
 * any case, or the last name of one path ("topic:量化技术" for "核心领域必读论文 / 模型压缩与量化 /
 * 量化技术"). `topicPaths` is asked only when the query has a topic filter; `onUnknown`
 * hears of a name that is no topic (resolveTopicFilter).
 */
export function withTopicPaths(
  query: ParsedQuery,
  topicPaths: () => readonly string[],
  onUnknown: (message: string) => void = () => {},
): ParsedQuery {
  if (!query.filters.some((f) => f.type === 'topic')) return query;
  const paths = topicPaths();
  return {
    ...query,
    filters: query.filters.map((f) =>
      f.type === 'topic' ? { type: 'topic', path: resolveTopicFilter(paths, f.path, onUnknown) } : f,
    ),
  };
}

export const FILTER_NAMES = ['topic', 'status', 'kind', 'year', 'stars', 'has', 'list'] as const;
type FilterName = (typeof FILTER_NAMES)[number];

const FILTER_LIST = FILTER_NAMES.map((n) => `${n}:`).join(' ');

/**
 * A word being typed is a prefix from its third character. Two letters ("st", "re") begin
 * words in a large share of the library, so the prefix ranks thousands of rows (two-letter
 * prefixes were 11 of the 35 queries over 10 ms, bench/search-bench.ts) to show someone still
 * typing what is noise to them; from the third letter a prefix names something. Shorter
 * words match whole words, or as a prefix when the user writes `re*`.
 */
const MIN_IMPLICIT_PREFIX = 3;
/**
 * CJK text keeps the rule it had: a CJK character is a word by itself, and the store finds a
 * run inside longer runs whatever its length (sqlite-search.ts, ftsExpression).
 */
const MIN_IMPLICIT_PREFIX_CJK = 2;

/** A word has something to search for: a letter or a digit (the index ignores the rest). */
const SEARCHABLE = /[\p{L}\p{N}]/u;

function bad(message: string): LectioError {
  return new LectioError('bad_input', `search: ${message}`);
}

interface Token {
  /** The text without quotes; for a filter, the value. */
  text: string;
  /** The whole token was in quotes ("..."). */
  phrase: boolean;
  star: boolean;
  /** `name:` when the token has the shape of a filter. */
  filter: string | null;
  /** The token is the last thing typed (no space after it). */
  atEnd: boolean;
}

function isSpace(c: string): boolean {
  return /\s/u.test(c);
}

/** Splits the query into tokens; quotes group, a quote left open is an error. */
function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const closingQuote = (open: number): number => {
    const close = input.indexOf('"', open + 1);
    if (close < 0) {
      throw bad(`a quote is not closed: ${JSON.stringify(input.slice(open, open + 30))}`);
    }
    return close;
  };
  while (i < input.length) {
    if (isSpace(input[i] ?? '')) {
      i++;
      continue;
    }
    if (input[i] === '"') {
      const close = closingQuote(i);
      const text = input.slice(i + 1, close);
      i = close + 1;
      let star = false;
      while (input[i] === '*') {
        star = true;
        i++;
      }
      tokens.push({ text, phrase: true, star, filter: null, atEnd: i >= input.length });
      continue;
    }
    // A bare token runs to the next space; a quote inside it (topic:"LLM / kv cache")
    // groups up to the closing quote.
    let text = '';
    let quoted = false;
    while (i < input.length && !isSpace(input[i] ?? '')) {
      if (input[i] === '"') {
        const close = closingQuote(i);
        text += input.slice(i + 1, close);
        quoted = true;
        i = close + 1;
      } else {
        text += input[i];
        i++;
      }
    }
    const named = /^([A-Za-z]+):([^]*)$/u.exec(text);
    if (named && named[1] !== undefined && named[2] !== undefined) {
      const name = named[1].toLowerCase();
      const known = (FILTER_NAMES as readonly string[]).includes(name);
      if (known || named[2] !== '' || quoted) {
        tokens.push({ text: named[2], phrase: false, star: false, filter: name, atEnd: i >= input.length });
        continue;
      }
    }
    let star = false;
    if (!quoted) {
      const stripped = text.replace(/\*+$/u, '');
      star = stripped !== text;
      text = stripped;
    }
    tokens.push({ text, phrase: quoted, star, filter: null, atEnd: i >= input.length });
  }
  return tokens;
}

export function parseSearchQuery(input: string): ParsedQuery {
  // Control characters separate words (and a NUL would end the query early in C code).
  const tokens = tokenize(input.replace(/\p{Cc}/gu, ' '));
  const terms: SearchTerm[] = [];
  const filters: SearchFilter[] = [];
  tokens.forEach((token, index) => {
    if (token.filter !== null) {
      filters.push(parseFilter(token.filter, token.text));
      return;
    }
    const text = token.text.trim().replace(/\s+/gu, ' ');
    if (!SEARCHABLE.test(text)) return;
    let prefix: PrefixMode = token.star ? 'typed' : 'none';
    const last = index === tokens.length - 1;
    if (
      prefix === 'none' &&
      last &&
      token.atEnd &&
      !token.phrase &&
      [...text].length >= (hasCjk(text) ? MIN_IMPLICIT_PREFIX_CJK : MIN_IMPLICIT_PREFIX)
    ) {
      prefix = 'implicit';
    }
    terms.push({ text, phrase: token.phrase, prefix });
  });
  if (terms.length === 0 && filters.length === 0) {
    throw bad(`nothing to search for; give words, "a phrase" or filters (${FILTER_LIST})`);
  }
  return { terms, filters };
}

function parseFilter(name: string, rawValue: string): SearchFilter {
  if (!(FILTER_NAMES as readonly string[]).includes(name)) {
    throw bad(
      `unknown filter "${name}:" (filters: ${FILTER_LIST}); to search for the text, quote it: "${name}:${rawValue}"`,
    );
  }
  const value = rawValue.trim();
  const filterName = name as FilterName;
  if (value === '') throw bad(`${name}: needs a value (${EXAMPLES[filterName]})`);
  switch (filterName) {
    case 'topic': {
      // "LLM/kv cache" and "LLM / kv cache" name the same path.
      const path = value
        .split('/')
        .map((part) => part.trim().replace(/\s+/gu, ' '))
        .join(' / ');
      if (path.split(' / ').some((part) => part === '')) throw bad(`topic:${value}: an empty topic name`);
      return { type: 'topic', path };
    }
    case 'status':
      return { type: 'status', anyOf: oneOf(name, value, STATUSES) };
    case 'kind':
      return { type: 'kind', anyOf: oneOf(name, value, ITEM_KINDS) };
    case 'year':
      return { type: 'year', range: parseRange(name, value, 1000, 2999) };
    case 'stars':
      return { type: 'stars', range: parseRange(name, value, 0, 5) };
    case 'has': {
      const what = value.toLowerCase();
      if (!(HAS_VALUES as readonly string[]).includes(what)) {
        throw bad(`has:${value}: expected one of ${HAS_VALUES.join(', ')}`);
      }
      return { type: 'has', what: what as HasValue };
    }
    case 'list':
      return { type: 'list', name: value };
  }
}

const EXAMPLES: Record<FilterName, string> = {
  topic: 'topic:LLM or topic:"LLM / kv cache"',
  status: `status:to-read or status:reading,read; one of ${STATUSES.join(', ')}`,
  kind: `kind:paper; one of ${ITEM_KINDS.join(', ')}`,
  year: 'year:2023, year:>=2023 or year:2020..2023',
  stars: 'stars:5, stars:>=4 or stars:3..5',
  has: `has:code; one of ${HAS_VALUES.join(', ')}`,
  list: 'list:papers for papers.md',
};

/** `status:read` or `status:to-read,reading`. */
function oneOf<T extends string>(name: string, value: string, allowed: readonly T[]): T[] {
  const out: T[] = [];
  for (const part of value.toLowerCase().split(',')) {
    const v = part.trim();
    if (!(allowed as readonly string[]).includes(v)) {
      throw bad(`${name}:${value}: "${v}" is not one of ${allowed.join(', ')}`);
    }
    if (!out.includes(v as T)) out.push(v as T);
  }
  return out;
}

/** `2023`, `=2023`, `>2023`, `>=2023`, `<2023`, `<=2023`, `2020..2023`, `2020..`, `..2023`. */
function parseRange(name: string, value: string, lowest: number, highest: number): NumberRange {
  const usage =
    name === 'year'
      ? 'expected a year like 2023, >=2023, <2020 or 2020..2023'
      : `expected ${lowest}-${highest} stars like 4, >=4 or 3..5`;
  const number = (text: string): number => {
    if (!/^\d+$/u.test(text)) throw bad(`${name}:${value}: ${usage}`);
    const n = Number(text);
    if (n < lowest || n > highest) throw bad(`${name}:${value}: ${n} is out of range (${lowest}-${highest})`);
    return n;
  };
  const range = /^(\d*)\.\.(\d*)$/u.exec(value);
  if (range) {
    const [, from = '', to = ''] = range;
    if (from === '' && to === '') throw bad(`${name}:${value}: ${usage}`);
    const result = { min: from === '' ? null : number(from), max: to === '' ? null : number(to) };
    if (result.min !== null && result.max !== null && result.min > result.max) {
      throw bad(`${name}:${value}: the range is empty (${result.min} is after ${result.max})`);
    }
    return result;
  }
  const compared = /^(>=|<=|>|<|=)?(.*)$/u.exec(value);
  const op = compared?.[1] ?? '=';
  const n = number(compared?.[2]?.trim() ?? '');
  const result: NumberRange =
    op === '>='
      ? { min: n, max: null }
      : op === '>'
        ? { min: n + 1, max: null }
        : op === '<='
          ? { min: null, max: n }
          : op === '<'
            ? { min: null, max: n - 1 }
            : { min: n, max: n };
  if ((result.min !== null && result.min > highest) || (result.max !== null && result.max < lowest)) {
    throw bad(`${name}:${value}: nothing can match (${lowest}-${highest})`);
  }
  return result;
}
