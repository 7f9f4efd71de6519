// BibTeX and BibLaTeX text → raw entries (type, key, fields with their LaTeX kept). One pass
// over the string: @string macros and `#` concatenation are resolved here, @comment and
// @preamble and text between entries skipped, month macros (jan…dec) known. A malformed
// entry becomes a warning naming its line and the parser resumes at the next line that
// starts with `@`; what was read before it is kept.

export interface BibEntry {
  /** Entry type in lower case: "article", "inproceedings". */
  type: string;
  key: string;
  /** Field names in lower case → raw values (macros expanded, braces and LaTeX kept). */
  fields: Map<string, string>;
  /** 1-based line of the `@`. */
  line: number;
}

export interface BibParse {
  entries: BibEntry[];
  warnings: string[];
  /** How many `@` entries the text announced (entries + skipped ones), to tell BibTeX from other text. */
  announced: number;
}

/** BibTeX's month macros, January first. */
export const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** Characters that end a type, key, field or macro name. */
const STOPS = new Set([...' \t\r\n"#%\'(),={}'].map((c) => c.charCodeAt(0)));

class Malformed extends Error {
  constructor(
    message: string,
    readonly at: number,
  ) {
    super(message);
  }
}

export function parseBibtex(text: string): BibParse {
  const lineStarts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  const lineOf = (offset: number): number => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((lineStarts[mid] as number) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };

  const macros = new Map<string, string>(MONTHS.map((m) => [m, m]));
  const entries: BibEntry[] = [];
  const warnings: string[] = [];
  let announced = 0;
  let i = 0;
  const n = text.length;

  const skipSpace = (): void => {
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 32 || c === 9 || c === 10 || c === 13) i++;
      else if (c === 37 /* % */) {
        const nl = text.indexOf('\n', i);
        i = nl === -1 ? n : nl + 1;
      } else break;
    }
  };
  const identifier = (): string => {
    const start = i;
    while (i < n && !STOPS.has(text.charCodeAt(i))) i++;
    return text.slice(start, i);
  };
  const braced = (): string => {
    // text[i] === '{'
    const start = i + 1;
    let depth = 0;
    for (; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c === 92 /* \ */) {
        i++;
        continue;
      }
      if (c === 123) depth++;
      else if (c === 125 && --depth === 0) {
        i++;
        return text.slice(start, i - 1);
      } else if (c === 64 /* @ */ && depth === 1 && text.charCodeAt(i - 1) === 10) {
        // An `@` at the start of a line inside a value: the entry was never closed.
        throw new Malformed('unbalanced braces', start);
      }
    }
    throw new Malformed('unbalanced braces', start);
  };
  const quoted = (): string => {
    const start = i + 1;
    let depth = 0;
    for (i++; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c === 92) {
        i++;
        continue;
      }
      if (c === 123) depth++;
      else if (c === 125) depth--;
      else if (c === 34 && depth === 0) {
        i++;
        return text.slice(start, i - 1);
      } else if (c === 10 && text.charCodeAt(i + 1) === 64) break;
    }
    throw new Malformed('unterminated quoted value', start);
  };
  const value = (): string => {
    let out = '';
    for (;;) {
      skipSpace();
      const c = text[i];
      if (c === '{') out += braced();
      else if (c === '"') out += quoted();
      else {
        const start = i;
        const word = identifier();
        if (word === '') throw new Malformed('a value is missing', start);
        if (/^\d+$/u.test(word)) out += word;
        else {
          const expanded = macros.get(word.toLowerCase());
          // An undefined macro keeps its name: better a visible "acmcs" than nothing.
          out += expanded ?? word;
        }
      }
      // "@string{a1 = a0 # a0}" doubled forty times is a 1 KB file whose value outgrows memory.
      if (out.length > MAX_VALUE)
        throw new Malformed(`a value over ${MAX_VALUE.toLocaleString('en-US')} characters`, i);
      skipSpace();
      if (text[i] === '#') {
        i++;
        continue;
      }
      return out;
    }
  };

  while (i < n) {
    const at = text.indexOf('@', i);
    if (at === -1) break;
    i = at + 1;
    skipSpace();
    const type = identifier().toLowerCase();
    if (!/^[a-z][\w-]*$/u.test(type)) continue; // an @ in prose (an e-mail address)
    skipSpace();
    const open = text[i];
    if (open !== '{' && open !== '(') continue;
    const close = open === '{' ? '}' : ')';
    if (type === 'comment') {
      try {
        if (open === '{') braced();
      } catch {
        i = at + 1;
      }
      continue;
    }
    announced++;
    const line = lineOf(at);
    try {
      i++;
      if (type === 'preamble') {
        value();
        skipSpace();
        if (text[i] !== close) throw new Malformed(`expected "${close}"`, i);
        i++;
        continue;
      }
      if (type === 'string') {
        skipSpace();
        const name = identifier().toLowerCase();
        skipSpace();
        if (!name || text[i] !== '=') throw new Malformed('expected "name = value"', i);
        i++;
        macros.set(name, value());
        skipSpace();
        if (text[i] !== close) throw new Malformed(`expected "${close}"`, i);
        i++;
        continue;
      }
      skipSpace();
      const keyStart = i;
      const closeCode = close.charCodeAt(0);
      for (
        let c = text.charCodeAt(i);
        i < n && c !== 44 && c !== closeCode && c > 32;
        c = text.charCodeAt(++i)
      );
      const key = text.slice(keyStart, i);
      skipSpace();
      const fields = new Map<string, string>();
      for (;;) {
        if (text[i] === ',') {
          i++;
          skipSpace();
        }
        if (text[i] === close) {
          i++;
          break;
        }
        if (i >= n) throw new Malformed(`the entry is not closed with "${close}"`, i);
        const nameAt = i;
        const name = identifier().toLowerCase();
        skipSpace();
        if (!name || text[i] !== '=') {
          throw new Malformed(name ? `field "${name}" has no "="` : 'expected a field name', nameAt);
        }
        i++;
        const v = value();
        if (!fields.has(name)) fields.set(name, v);
        skipSpace();
        if (text[i] !== ',' && text[i] !== close)
          throw new Malformed(`expected "," or "${close}" after field "${name}"`, i);
      }
      entries.push({ type, key, fields, line });
    } catch (error) {
      if (!(error instanceof Malformed)) throw error;
      warnings.push(
        `line ${line}: @${type}{${entryKey(text, at)}… skipped: ${error.message} (line ${lineOf(error.at)})`,
      );
      // Resume at the next line that starts with '@'.
      const next = text.indexOf('\n@', at + 1);
      i = next === -1 ? n : next + 1;
    }
  }
  return { entries, warnings, announced };
}

function entryKey(text: string, at: number): string {
  const m = /^@\s*\w+\s*[{(]\s*([^,\s{}()]{0,60})/u.exec(text.slice(at, at + 200));
  return m?.[1] ?? '';
}

/** The longest field value read: far beyond any abstract, far below what @string expansion can reach. */
const MAX_VALUE = 100_000;
