// Issue 4, search: `lectio search` on the four seeds through the real CLI and a real library
// file. Words of titles, prefixes, authors, the user's note and why, the lists' notes, topic
// names, abstracts, Chinese, every filter, ranking, marked snippets, refusals, and an index
// that follows every change to the library without any command knowing about it.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { APPLICATION_ID } from '../src/store/sqlite/open-database.js';
import { MIGRATIONS } from '../src/store/sqlite/migrations.js';
import {
  type CliResult,
  dirSnapshot,
  importOk,
  lectioAt,
  type ListedItem,
  listItems,
  listJsonText,
  makeTempDir,
  oneLineError,
  removeDir,
  runCli,
  seed,
  SEEDS,
  stdoutOf,
} from './cli-helpers.js';

interface SearchJson {
  id: number;
  title: string;
  kind: string;
  status: string;
  importance: number | null;
  year: number | null;
  topics: string[];
  score: number;
  snippet: { field: string; text: string } | null;
}

let dir = '';
let db = '';

function lectio(args: readonly string[]): CliResult {
  return lectioAt(db, args, { LECTIO_CONFIG: path.join(dir, 'none.json') });
}

function ok(args: readonly string[]): string {
  return stdoutOf(lectio(args), args);
}

function search(query: string, ...more: string[]): SearchJson[] {
  return JSON.parse(ok(['search', query, '--json', '-n', '200', ...more])) as SearchJson[];
}

function ids(hits: readonly SearchJson[]): number[] {
  return hits.map((h) => h.id);
}

const idCache = new Map<string, number>();

/** The item id of an arXiv id in the library under test (asked once per library). */
function idOf(ref: string): number {
  const key = `${db} ${ref}`;
  const known = idCache.get(key);
  if (known !== undefined) return known;
  const id = (JSON.parse(ok(['show', ref, '--json'])) as { id: number }).id;
  idCache.set(key, id);
  return id;
}

function sorted(values: readonly number[]): number[] {
  return [...values].sort((a, b) => a - b);
}

const PAGED = '2309.06180'; // Efficient Memory Management ... with PagedAttention (seeds 000, 003, 004)
const TPU = '1704.04760';
const INT8 = '2208.07339'; // LLM.int8(), by "Dettmers et al." (seed 003)
const FLASH = '2205.14135';
const GPTQ = '2210.17323';
const SYSTOLIC_NOTE = 'Systolic arrays explained; int8 quantization on the MXU.';
const ABSTRACT =
  'High throughput serving of large language models requires batching sufficiently many requests at a time. ' +
  'However, existing systems struggle because the key-value cache memory for each request is huge and grows ' +
  'and shrinks dynamically. We propose PagedAttention, an attention algorithm inspired by the classical ' +
  'virtual memory and paging techniques in operating systems, and discuss its interplay with quantization ' +
  'of the cache. On top of it, we build vLLM, an LLM serving system that achieves near-zero waste.';

describe('lectio search on the four seeds', () => {
  let all: ListedItem[] = [];

  before(() => {
    dir = makeTempDir('lectio-search-');
    db = path.join(dir, 'library.sqlite');
    importOk(db, SEEDS);
    ok(['note', TPU, '--text', SYSTOLIC_NOTE]);
    ok(['why', FLASH, 'roofline analysis of attention kernels']);
    // Abstracts come from arXiv enrichment later; the index takes them from items.abstract.
    const handle = new Database(db);
    handle.prepare('UPDATE items SET abstract = ? WHERE id = ?').run(ABSTRACT, idOf(PAGED));
    handle.close();
    all = listItems(db);
  });
  after(() => removeDir(dir));

  it('answers in the documented JSON shape, best first', () => {
    const hits = search('memory management');
    assert.ok(hits.length > 0);
    for (const hit of hits) {
      assert.deepEqual(Object.keys(hit), [
        'id',
        'title',
        'kind',
        'status',
        'importance',
        'year',
        'topics',
        'score',
        'snippet',
      ]);
      assert.deepEqual(Object.keys(hit.snippet ?? {}), ['field', 'text']);
    }
    const scores = hits.map((h) => h.score);
    assert.deepEqual(
      scores,
      [...scores].sort((a, b) => b - a),
      'scores only go down',
    );
  });

  it('finds the words of titles, the item whose title holds them all first', () => {
    const hits = search('memory management');
    assert.equal(hits[0]?.id, idOf(PAGED));
    assert.equal(hits[0]?.snippet?.field, 'title');
    assert.match(hits[0]?.snippet?.text ?? '', /Efficient «Memory» «Management» for Large/u);
    assert.ok((hits[0]?.score ?? 0) > 1, 'a title hit scores above 1');
    // Case and accents do not matter.
    assert.equal(search('MÉMORY MANAGEMENT')[0]?.id, idOf(PAGED));
  });

  it('finds a paper whose name is written as one word by its words: "flash attention" finds FlashAttention', () => {
    // Third before, under "Flash Attention-2" and seed 003's "Flash Attention 1".
    const hits = search('flash attention', '-n', '3');
    assert.equal(hits[0]?.id, idOf(FLASH), JSON.stringify(hits.map((h) => h.title)));
    // Not found at all before: the words are in PagedAttention's notes, not its names.
    assert.ok(search('paged attention', '-n', '5').some((h) => h.id === idOf(PAGED)));
  });

  it('puts the item the words name first, by its title before a colon or an alias', () => {
    // FlashAttention: Fast and Memory-Efficient Exact Attention with IO-Awareness (2205.14135)
    // leads "flashattention" even under -n 1, above titles that only mention it.
    for (const query of ['flashattention', 'FlashAttention', 'flash-attention']) {
      const [first] = search(query, '-n', '1');
      assert.equal(first?.id, idOf(FLASH), `${query}: ${first?.title}`);
    }
    const [attention] = search('attention is all you need', '-n', '1');
    assert.equal(attention?.id, idOf('1706.03762'));
  });

  it('matches the last word as a prefix while it is typed, and any word written with *', () => {
    const typing = ids(search('quantiz'));
    for (const ref of [GPTQ, '2106.08295']) assert.ok(typing.includes(idOf(ref)), `quantiz finds ${ref}`);
    // A space after the word says it is complete: no word "quantiz" anywhere.
    assert.deepEqual(search('quantiz '), []);
    assert.match(ok(['search', 'quantiz ']), /^no items match\n$/u);
    // From its third letter: two letters begin too many words to name one yet, unless
    // the user writes the *.
    assert.ok(ids(search('qua')).includes(idOf(GPTQ)), 'qua finds GPTQ');
    assert.ok(!ids(search('qu')).includes(idOf(GPTQ)), 'qu matches whole words only');
    assert.ok(ids(search('qu*')).includes(idOf(GPTQ)), 'qu* finds GPTQ');
    const star = ids(search('quant* gpt'));
    assert.ok(star.includes(idOf(GPTQ)));
    assert.ok(!star.includes(idOf('2106.08295')), 'and every word must match');
  });

  it("finds authors, the user's note, the why and the lists' notes, and says where", () => {
    const author = search('dettmers');
    assert.equal(author[0]?.id, idOf(INT8));
    assert.deepEqual(author[0]?.snippet, { field: 'authors', text: '«Dettmers» et al.' });

    const note = search('systolic');
    assert.deepEqual(ids(note), [idOf(TPU)]);
    assert.equal(note[0]?.snippet?.field, 'note');
    assert.match(note[0]?.snippet?.text ?? '', /^«Systolic» arrays explained/u);

    const why = search('roofline');
    assert.deepEqual(ids(why), [idOf(FLASH)]);
    assert.deepEqual(why[0]?.snippet, { field: 'why', text: '«roofline» analysis of attention kernels' });

    // Seed 000: "show some interesting data" under "INTEGER QUANTIZATION FOR DEEP LEARNING ...".
    const listNote = search('interesting data');
    assert.equal(listNote.length, 1);
    assert.match(listNote[0]?.title ?? '', /^INTEGER QUANTIZATION FOR DEEP LEARNING INFERENCE/u);
    assert.deepEqual(listNote[0]?.snippet, { field: 'notes', text: 'show some «interesting» «data»' });
  });

  it('finds items by the names of their topics', () => {
    const inTopic = all.filter((i) => i.topics.includes('LLM / kv cache')).map((i) => i.id);
    assert.ok(inTopic.length >= 5);
    const hits = search('kv cache');
    for (const id of inTopic) assert.ok(ids(hits).includes(id), `kv cache finds #${id}`);
    const byTopic = hits.find((h) => h.snippet?.field === 'topics');
    assert.match(byTopic?.snippet?.text ?? '', /LLM \/ «kv» «cache»/u);
  });

  it('finds abstracts, and cuts long text around the hits', () => {
    const hits = search('paging techniques');
    assert.deepEqual(ids(hits), [idOf(PAGED)]);
    const snippet = hits[0]?.snippet;
    assert.equal(snippet?.field, 'abstract');
    assert.match(
      snippet?.text ?? '',
      /^….*virtual memory and «paging» «techniques» in operating systems.*…$/u,
    );
    assert.ok((snippet?.text.length ?? 0) < ABSTRACT.length);
  });

  it('ranks a title hit above a hit in the notes or the abstract only', () => {
    const hits = search('quantization');
    const titleHits = hits.filter((h) => /quantiz/iu.test(h.title));
    const tpu = hits.findIndex((h) => h.id === idOf(TPU));
    const paged = hits.findIndex((h) => h.id === idOf(PAGED));
    assert.ok(titleHits.length >= 10);
    assert.ok(tpu >= titleHits.length, 'the note-only hit comes after every title hit');
    assert.ok(paged >= titleHits.length, 'the abstract-only hit comes after every title hit');
    assert.equal(hits[tpu]?.snippet?.field, 'note');
    assert.equal(hits[paged]?.snippet?.field, 'abstract');
    assert.ok((hits[tpu]?.score ?? 2) < 1 && (hits[paged]?.score ?? 2) < 1);
  });

  it('finds Chinese words inside longer runs of Chinese text (seed 003)', () => {
    const quant = search('量化');
    // "GPTQ/AWQ量化论文" holds it in its title, so it comes first; GPTQ and AWQ are filed
    // under 模型压缩与量化 / 量化技术.
    assert.equal(quant[0]?.title, 'GPTQ/AWQ量化论文');
    assert.equal(quant[0]?.snippet?.text, 'GPTQ/AWQ«量化»论文');
    for (const ref of [GPTQ, INT8]) assert.ok(ids(quant).includes(idOf(ref)), `量化 finds ${ref}`);
    const gptq = quant.find((h) => h.id === idOf(GPTQ));
    assert.equal(gptq?.snippet?.field, 'topics');
    assert.match(gptq?.snippet?.text ?? '', /模型压缩与«量化» \/ «量化»技术/u);

    const inference = search('推理');
    const orca = all.find((i) => i.title.startsWith('Orca: A Distributed Serving System'))?.id;
    for (const id of [orca, idOf(INT8)]) assert.ok(ids(inference).includes(id ?? -1), `推理 finds #${id}`);
    // LLM.int8()'s note is "贡献：无精度损失的8-bit推理": found inside a run, and with its Latin neighbour.
    assert.match(inference.find((h) => h.id === idOf(INT8))?.snippet?.text ?? '', /8-bit«推理»/u);
    assert.deepEqual(ids(search('8-bit推理')), [idOf(INT8)]);
    assert.ok(ids(search('推理系统')).includes(orca ?? -1));
    assert.ok(!ids(search('推理系统')).includes(idOf(INT8)), 'a longer word needs the whole run');
    // One character matches wherever it stands in a run.
    assert.ok(ids(search('蒸')).length > 0);
  });

  it('filters by topic (and its sub-topics), status, kind, year, stars, links, notes, why and list', () => {
    const same = (query: string, expected: readonly number[]): void => {
      assert.deepEqual(sorted(ids(search(query))), sorted(expected), query);
      assert.ok(expected.length > 0, `${query} selects something in the seeds`);
    };
    same(
      'topic:"LLM / kv cache"',
      all.filter((i) => i.topics.includes('LLM / kv cache')).map((i) => i.id),
    );
    same(
      'topic:llm',
      all.filter((i) => i.topics.some((t) => t === 'LLM' || t.startsWith('LLM / '))).map((i) => i.id),
    );
    same(
      'status:read',
      all.filter((i) => i.status === 'read').map((i) => i.id),
    );
    same(
      'kind:blog',
      all.filter((i) => i.kind === 'blog').map((i) => i.id),
    );
    same(
      'has:code',
      all.filter((i) => i.links.some((l) => l.role === 'code')).map((i) => i.id),
    );
    same(
      'has:why',
      all.filter((i) => i.why !== null).map((i) => i.id),
    );
    const withNotes = JSON.parse(listJsonText(db)) as Array<{ id: number; notes: string[]; note: string }>;
    same(
      'has:notes',
      withNotes.filter((i) => i.notes.length > 0 || i.note !== '').map((i) => i.id),
    );
    same(
      'list:004_dcdacb51cc173ef7',
      all
        .filter((i) => i.sources.some((s) => path.basename(s.file) === path.basename(seed('004'))))
        .map((i) => i.id),
    );
    assert.deepEqual(
      sorted(ids(search('LIST:004_DCDACB51CC173EF7.txt'))),
      sorted(ids(search('list:004_dcdacb51cc173ef7'))),
    );

    const years = (query: string, holds: (year: number) => boolean, includes: number): void => {
      const found = search(query).map((h) => h.year ?? 0);
      assert.ok(found.includes(includes) && found.every(holds), `${query}: ${found.join(' ')}`);
    };
    years('year:2023', (y) => y === 2023, 2023);
    years('year:>=2023', (y) => y >= 2023, 2024);
    years('year:>2023', (y) => y === 2024, 2024);
    years('year:<2018', (y) => y < 2018, 2017);
    years('year:<=2017', (y) => y <= 2017, 2017);
    years('year:2020..2022', (y) => y >= 2020 && y <= 2022, 2021);
    const stars = search('stars:4');
    assert.ok(stars.length >= 2 && stars.every((h) => h.importance === 4));
    assert.ok(search('stars:>=4').every((h) => (h.importance ?? 0) >= 4));
    // Filters and words together: every one must hold.
    assert.deepEqual(ids(search('pagedattention status:to-read stars:>=5 year:2023 has:code')), [
      idOf(PAGED),
    ]);
    // A word followed by more of the query is complete: "paged" is not "PagedAttention".
    assert.ok(!ids(search('paged status:to-read')).includes(idOf(PAGED)));
    assert.deepEqual(search('systolic status:read'), []);
    // Filters that contradict each other select nothing, with or without words; a list that
    // does not exist is still an error rather than an empty answer.
    assert.deepEqual(search('status:read', 'status:to-read'), []);
    assert.deepEqual(search('status:read status:to-read'), []);
    assert.deepEqual(search('attention', 'year:>=2023', 'year:<2020'), []);
    const unknownList = lectio(['search', 'status:read', 'status:to-read', 'list:nosuchlist']);
    assert.equal(unknownList.status, 2);
    assert.match(unknownList.stderr, /list:nosuchlist/u);
    // A query in one argument is the same query as in several (the help's own example), and
    // the shell's unquoted topic:"LLM / kv cache" runs up to the next filter.
    const helpExample = search('has:code stars:>=4 status:to-read');
    assert.ok(helpExample.length > 0);
    assert.deepEqual(helpExample, search('has:code', 'stars:>=4', 'status:to-read'));
    const kvWithCode = search('topic:LLM / kv cache has:code');
    assert.ok(kvWithCode.length > 0);
    assert.deepEqual(kvWithCode, search('topic:"LLM / kv cache"', 'has:code'));
    assert.deepEqual(search('topic:LLM / kv cache'), search('topic:"LLM / kv cache"'));
    // A word and a topic: the hits of the word that are under the topic, in the same order.
    const underLlm = new Set(ids(search('topic:llm')));
    const topicHits = ids(search('attention topic:llm'));
    assert.ok(topicHits.length > 0);
    assert.deepEqual(
      topicHits,
      ids(search('attention')).filter((id) => underLlm.has(id)),
    );
  });

  it('lists the items a query of filters selects, in library order, -n at a time', () => {
    const hits = search('has:code');
    assert.deepEqual(ids(hits), sorted(ids(hits)));
    assert.ok(hits.every((h) => h.score === 0 && h.snippet === null));
    const three = JSON.parse(ok(['search', 'has:code', '--json', '-n', '3'])) as SearchJson[];
    assert.deepEqual(ids(three), ids(hits).slice(0, 3));
    assert.match(ok(['search', 'has:code', '-n', '3']), /\n… more hits: -n 6 shows more\n$/u);
  });

  it('marks the hits on the terminal with «» when stdout is not a terminal', () => {
    const out = ok(['search', 'pagedattention']);
    assert.match(
      out,
      /^#\d+ +\[ \] +★★★★★ {2}Efficient Memory .* with «PagedAttention» {2}\(paper · 2023 · /u,
    );
    const note = ok(['search', 'systolic arrays']);
    assert.match(note, /\n {7}note: «Systolic» «arrays» explained; int8 quantization on the MXU\.\n$/u);
  });

  it('takes FTS5 and SQL syntax as text, never as a query', () => {
    for (const query of [
      'memory OR management',
      'NEAR(memory management)',
      'memory AND',
      'NOT memory',
      '^memory',
      'memory -management',
      '{title}: memory',
      'memory"*"',
      '* memory *',
      "'; DROP TABLE items; --",
      'memory) OR (1=1',
      '"memory management"',
      '"NEAR("',
    ]) {
      const r = lectio(['search', query, '--json']);
      assert.equal(r.status, 0, `${query}: ${r.stderr}`);
      assert.ok(Array.isArray(JSON.parse(r.stdout)), query);
    }
    assert.deepEqual(ids(search('"memory management"')), [idOf(PAGED)]);
    assert.equal(listItems(db).length, all.length, 'the library is intact');
  });

  it('refuses a malformed query with one line (exit 2), and writes nothing', () => {
    const before = dirSnapshot(dir);
    for (const [args, message] of [
      [['"attention is'], /^lectio: search: a quote is not closed/u],
      [['topic:"LLM / kv'], /^lectio: search: a quote is not closed/u],
      [['year:abc'], /^lectio: search: year:abc: expected a year like 2023/u],
      [['stars:>=9'], /^lectio: search: stars:>=9: 9 is out of range \(0-5\)/u],
      [['status:done'], /^lectio: search: status:done: "done" is not one of/u],
      [['has:pony'], /^lectio: search: has:pony: expected one of code/u],
      [['author:vaswani'], /^lectio: search: unknown filter "author:"/u],
      [
        ['list:nope'],
        /^lectio: search: list:nope: no imported list has that name \(lists: 000_9f7fca159070c6d7/u,
      ],
      [['--', '---'], /^lectio: search: nothing to search for/u],
      [['memory', '-n', '0'], /^lectio: -n must be a whole number from 1 to 10000/u],
    ] as Array<[string[], RegExp]>) {
      const r = lectio(['search', ...args]);
      assert.equal(r.status, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.match(oneLineError(r.stderr), message);
      assert.equal(r.stdout, '');
    }
    for (const query of ['memory', 'has:code', '量化', 'kv cache year:>=2023']) ok(['search', query]);
    assert.deepEqual(dirSnapshot(dir), before, 'searching wrote nothing');
  });

  it('puts the quotes back that the shell took off a filter value', () => {
    const r = runCli(['--db', db, 'search', 'topic:LLM / kv cache', 'paged', '--json']);
    assert.equal(r.status, 0, r.stderr);
    assert.ok(ids(JSON.parse(r.stdout) as SearchJson[]).includes(idOf(PAGED)));
  });
});

describe('the search index follows the library', () => {
  let local = '';
  before(() => {
    dir = makeTempDir('lectio-search-sync-');
    local = dir;
    db = path.join(dir, 'library.sqlite');
  });
  after(() => removeDir(local));

  it("re-indexes a list's notes when the list changes, and topics when they are renamed", () => {
    const list = path.join(dir, 'reading.md');
    fs.writeFileSync(
      list,
      '# Reading\n\n## Biology\n\n- [Zebrafish Models of Attention](https://arxiv.org/abs/2101.00001)\n  - the zebrafish figure is the point\n',
    );
    importOk(db, [list]);
    assert.equal(search('zebrafish figure').length, 1);
    fs.writeFileSync(
      list,
      '# Reading\n\n## Biology\n\n- [Zebrafish Models of Attention](https://arxiv.org/abs/2101.00001)\n  - axolotl regeneration instead\n',
    );
    importOk(db, [list]);
    assert.deepEqual(search('figure'), []);
    assert.equal(search('axolotl')[0]?.snippet?.field, 'notes');
    ok(['topic', 'rename', 'Biology', 'Marine biology']);
    assert.deepEqual(search('marine')[0]?.snippet, { field: 'topics', text: '«Marine» biology' });
    ok(['note', '2101.00001', '--text', 'cephalopods next']);
    assert.equal(search('cephalopods')[0]?.snippet?.field, 'note');
    ok(['note', '2101.00001', '--text', '']);
    assert.deepEqual(search('cephalopods'), []);
  });

  it('indexes a library made before search existed when it is opened', () => {
    const old = path.join(dir, 'old.sqlite');
    const handle = new Database(old);
    for (const m of MIGRATIONS.filter((x) => x.version <= 2)) handle.exec(m.sql);
    handle.pragma(`application_id = ${APPLICATION_ID}`);
    handle.pragma('user_version = 2');
    handle.exec(`
      INSERT INTO lists (id, path, sha256, imported_at) VALUES (1, '/lists/old.md', 'x', '2025-01-01');
      INSERT INTO items (id, title, authors, topics, created_at, updated_at)
        VALUES (1, 'Sparse Zebra Transformers', '["Okapi et al."]', '["视觉 / 斑马"]', '2025-01-01', '2025-01-01');
      INSERT INTO sources (item_id, list_id, line, title, notes, match)
        VALUES (1, 1, 3, 'Sparse Zebra Transformers', '["stripes as 注意力"]', 'new');
    `);
    handle.close();
    const find = (query: string): SearchJson[] => {
      const r = runCli(['--db', old, 'search', query, '--json']);
      assert.equal(r.status, 0, r.stderr);
      return JSON.parse(r.stdout) as SearchJson[];
    };
    for (const query of ['zebra', 'okapi', '斑马', '注意力', 'stripes', 'list:old']) {
      assert.deepEqual(ids(find(query)), [1], query);
    }
  });
});
