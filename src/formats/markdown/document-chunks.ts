// A large markdown document parsed a piece at a time, with the tokens markdown-it gives for
// the whole document.
//
// markdown-it returns every token of a document at once, and the walk then holds them all:
// on the 19 MB benchmark list that is over a million tokens (about a gigabyte), which the
// garbage collector copied and promoted again and again, for longer than markdown-it took
// to make them. Parsed ~16 KB at a time, each chunk's tokens die young: that alone took the
// 100k list's parse step from ~9 s to ~5 s, and its import's peak memory from ~0.8 GB to
// ~0.3 GB (bench/run.ts).
//
// A cut must change nothing, so chunks are cut only before a line that is an ATX heading at
// column 0 ("# …" to "###### …", as markdown-it's heading rule reads it). Such a line ends
// every open block of markdown-it's rules at that point (paragraph, list, blockquote, table,
// setext heading, indented code, reference definition: a heading is a terminator of each, or
// too little indented to continue it) except two, which a cut therefore never follows:
// - a fenced code block or an HTML block still open at the cut runs on past it. Both are
//   top-level tokens, so a chunk whose last token is one of them is parsed again together
//   with the next chunk;
// - reference definitions ("[id]: url") are global: a definition in one chunk changes links
//   in the others. A chunk that defines one says so (`definesReferences`), and the caller
//   parses the document whole instead.
// Token line maps are shifted by the lines before the chunk, so they read as for the whole.

import type { Token } from 'markdown-it';

/** What this file needs of a markdown-it instance. */
export interface BlockParser {
  parse(src: string, env: object): Token[];
}

/**
 * Where the next cut may fall, at the earliest. On the 100k list, chunks of 4 to 16 KB
 * parsed alike and fastest; 64 KB took ~20% longer and twice the memory (chunk tokens that
 * outlive the young generation are promoted, and then collected the slow way).
 */
export const CHUNK_CHARS = 16 * 1024;

export interface TokenChunk {
  tokens: Token[];
  /** Character offsets of the chunk in the text: [start, end). */
  start: number;
  end: number;
  /** The chunk holds a reference definition: cutting may have changed other chunks' links. */
  definesReferences: boolean;
}

/** The chunks of `text` in order; one chunk when `chunkChars` is Infinity or the text is short. */
export function* tokenChunks(
  md: BlockParser,
  text: string,
  chunkChars: number = CHUNK_CHARS,
): Generator<TokenChunk> {
  // Line maps count lines as markdown-it does; a lone "\r" is a line break to it, which the
  // offsets below would not count. decodeText normalises line ends, so this is for callers
  // that pass raw text.
  const cuttable = Number.isFinite(chunkChars) && !text.includes('\r');
  let start = 0;
  let linesBefore = 0;
  for (;;) {
    let end = cuttable ? nextCut(text, start + chunkChars) : text.length;
    let env: { references?: object } = {};
    let tokens = md.parse(text.slice(start, end), env);
    while (end < text.length && endsInOpenBlock(tokens)) {
      end = nextCut(text, end + 1);
      env = {};
      tokens = md.parse(text.slice(start, end), env);
    }
    if (linesBefore > 0) {
      for (const t of tokens) if (t.map) t.map = [t.map[0] + linesBefore, t.map[1] + linesBefore];
    }
    yield {
      tokens,
      start,
      end,
      definesReferences: env.references !== undefined && Object.keys(env.references).length > 0,
    };
    if (end >= text.length) return;
    linesBefore += countLines(text, start, end);
    start = end;
  }
}

/** A fence or HTML block is the chunk's last token: it may go on in the next chunk. */
function endsInOpenBlock(tokens: readonly Token[]): boolean {
  const last = tokens[tokens.length - 1];
  return last !== undefined && (last.type === 'fence' || last.type === 'html_block');
}

/** The start of the first line at or after `from` that is a column-0 ATX heading, or text.length. */
function nextCut(text: string, from: number): number {
  let at = from;
  for (;;) {
    const newline = text.indexOf('\n#', at - 1);
    if (newline < 0) return text.length;
    const line = newline + 1;
    let hashes = 0;
    while (hashes < 7 && text.charCodeAt(line + hashes) === 0x23) hashes++;
    const after = line + hashes;
    // markdown-it's heading rule: one to six "#", then a space, a tab or the end of the line.
    if (hashes <= 6 && (after >= text.length || /[ \t\n]/u.test(text.charAt(after)))) return line;
    at = line + 1;
  }
}

function countLines(text: string, start: number, end: number): number {
  let n = 0;
  for (let i = text.indexOf('\n', start); i >= 0 && i < end; i = text.indexOf('\n', i + 1)) n++;
  return n;
}
