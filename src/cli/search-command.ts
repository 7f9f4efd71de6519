// lectio search QUERY [-n N] [--json]: find items by the words of their title, aliases,
// authors, abstract, notes, why and topics, with filters (src/core/search-query.ts).

import type { Command } from 'commander';
import { LectioError } from '../core/errors.js';
import type { SearchHit, SnippetPart } from '../core/search-index.js';
import { FILTER_NAMES, type ParsedQuery, parseSearchQuery, withTopicPaths } from '../core/search-query.js';
import { searchHitJson } from '../core/item-json.js';
import { MARK_CLOSE, MARK_OPEN, markText, renderParts } from '../core/search-snippet.js';
import { globals, noteOnStderr, openStoreForReading, printJson } from './cli-context.js';
import { stars } from './item-view.js';

const EXAMPLES = `
Words match anywhere (all of them); the last one also as a prefix while you type it.
  lectio search flash attention
  lectio search '"attention is all you need"'     a phrase
  lectio search 'quant* kv'                       a prefix
  lectio search 量化                               Chinese and Japanese match inside words
Filters (quote the query for the shell when it has > < or spaces):
  topic:LLM  topic:"LLM / kv cache"   a topic and its sub-topics
  status:to-read,reading   kind:paper   list:papers (a list's file name)
  'year:2023'  'year:>=2023'  'year:2020..2023'  'stars:>=4'
  has:code  has:notes  has:why  has:pdf  has:abstract
A query of filters only lists the items they select:
  lectio search 'has:code stars:>=4 status:to-read'
In --json, snippet.text marks the words found with ${MARK_OPEN} and ${MARK_CLOSE}.`;

const BOLD = '\u001b[1m';
const NORMAL = '\u001b[22m';

/**
 * The shell has taken the quotes off `topic:"LLM / kv cache"` and left one argument with
 * spaces; put them back so that the value stays one value. Only topic: and list: values hold
 * spaces, and only up to the next filter: `'has:code stars:>=4'` in one argument (the help's
 * own example) is two filters, `'topic:LLM / kv cache stars:>=4'` a topic and a filter.
 */
export function queryOfArgs(args: readonly string[]): string {
  return args
    .map((arg) => {
      const filter = /^(topic|list):([^"]*\s[^"]*)$/iu.exec(arg);
      if (!filter) return arg;
      const [, name, text] = filter as unknown as [string, string, string];
      const next = NEXT_FILTER.exec(text);
      const value = next === null ? text : text.slice(0, next.index);
      return /\s/u.test(value.trim()) ? `${name}:"${value.trim()}"${text.slice(value.length)}` : arg;
    })
    .join(' ');
}

const NEXT_FILTER = new RegExp(`\\s(?=(?:${FILTER_NAMES.join('|')}):)`, 'iu');

const STATUS_MARK: Record<string, string> = {
  inbox: '[inbox]',
  'to-read': '[ ]',
  reading: '[reading]',
  read: '[x]',
  skipped: '[skipped]',
};

function hitLines(
  hit: SearchHit,
  query: ParsedQuery,
  mark: (parts: readonly SnippetPart[]) => string,
): string {
  const where = [hit.kind, hit.year, hit.topics[0]].filter((x) => x !== null && x !== undefined).join(' · ');
  const head = `#${String(hit.id).padEnd(5)} ${(STATUS_MARK[hit.status] ?? hit.status).padEnd(9)} ${stars(hit.importance)}  ${mark(markText(hit.title, query.terms))}  (${where})`;
  if (!hit.snippet || hit.snippet.field === 'title') return head;
  return `${head}\n${' '.repeat(7)}${hit.snippet.field}: ${mark(hit.snippet.parts)}`;
}

export function registerSearch(program: Command): void {
  program
    .command('search')
    .description('find items by title, aliases, authors, abstract, notes, why and topics, with filters')
    .argument(
      '<query...>',
      'words, "a phrase", prefix*, and filters (topic: status: kind: year: stars: has: list:)',
    )
    .option('-n, --number <n>', 'how many hits', '20')
    .option('--json', 'print JSON: id, title, kind, status, importance, year, topics, score, snippet')
    .addHelpText('after', EXAMPLES)
    .action((args: string[], opts: { number: string }, command: Command) => {
      const limit = Number(opts.number);
      if (!Number.isInteger(limit) || limit < 1 || limit > 10_000) {
        throw new LectioError('bad_input', `-n must be a whole number from 1 to 10000, not "${opts.number}"`);
      }
      // A malformed query is refused before the library is opened.
      const query = parseSearchQuery(queryOfArgs(args));
      const store = openStoreForReading(command);
      let hits: SearchHit[] = [];
      try {
        // One more than shown, to tell whether there are more.
        if (store) {
          const resolved = withTopicPaths(query, () => store.topics().map((t) => t.path), noteOnStderr);
          hits = store.searchIndex().search(resolved, limit + 1);
        }
      } finally {
        store?.close();
      }
      const more = hits.length > limit;
      if (more) hits = hits.slice(0, limit);
      if (globals(command).json) {
        printJson(hits.map(searchHitJson));
        return;
      }
      if (hits.length === 0) {
        process.stdout.write(
          store ? 'no items match\n' : 'the library is empty; run "lectio import FILE" first\n',
        );
        return;
      }
      const mark = process.stdout.isTTY
        ? (parts: readonly SnippetPart[]) => renderParts(parts, BOLD, NORMAL)
        : (parts: readonly SnippetPart[]) => renderParts(parts, MARK_OPEN, MARK_CLOSE);
      const lines = hits.map((hit) => hitLines(hit, query, mark));
      if (more) lines.push(`… more hits: -n ${limit * 2} shows more`);
      process.stdout.write(`${lines.join('\n')}\n`);
    });
}
