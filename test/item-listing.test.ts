// `lectio list --json` reads through item-listing.ts, not listItems + itemJson: the two must
// print the same bytes, on the real lists and on text that needs escaping.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type Database from 'better-sqlite3';
import { itemJson } from '../src/cli/item-view.js';
import { importLists } from '../src/core/import-lists.js';
import type { ListFilter } from '../src/core/library-store.js';
import { readListFile } from '../src/formats/read-list-file.js';
import { listItemsJson } from '../src/store/sqlite/item-listing.js';
import { openDatabase } from '../src/store/sqlite/open-database.js';
import { SqliteLibraryStore } from '../src/store/sqlite/sqlite-library-store.js';
import { LISTS_DIR, runCli, SEEDS } from './cli-helpers.js';

const FILTERS: ListFilter[] = [
  {},
  { status: 'to-read' },
  { status: 'read' },
  { kind: 'paper' },
  { noWhy: true },
  { topic: 'LLM' },
  { topic: 'Quantization', noWhy: true },
];

describe('list --json through item-listing.ts', () => {
  let dir: string;
  let db: Database.Database;
  let store: SqliteLibraryStore;

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lectio-listing-'));
    db = openDatabase(path.join(dir, 'library.sqlite'));
    store = new SqliteLibraryStore(db);
    const lists = [...SEEDS, ...fs.readdirSync(LISTS_DIR).map((f) => path.join(LISTS_DIR, f))];
    importLists(
      store,
      lists.map((f) => readListFile(f)),
      { now: () => new Date('2026-11-23T10:00:00Z') },
    );
  });

  after(() => {
    store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const same = (filter: ListFilter) =>
    assert.equal(listItemsJson(db, filter), JSON.stringify(store.listItems(filter).map(itemJson)));

  it('prints what listItems and itemJson print, under every filter', () => {
    assert.ok(store.listItems({}).length > 1000, 'the lists make a library of some size');
    for (const filter of FILTERS) same(filter);
  });

  it('is what lectio list --json prints: compact when large, indented when small', () => {
    const list = (args: readonly string[]) => {
      const r = runCli(['--db', path.join(dir, 'library.sqlite'), 'list', '--json', ...args]);
      assert.equal(r.status, 0, r.stderr);
      return r.stdout;
    };
    const whole = listItemsJson(db, {});
    assert.ok(whole.length > 100_000);
    assert.equal(list([]), `${whole}\n`);
    // A filter that leaves a few items: printed indented, for a person.
    const candidates: Array<[string[], ListFilter]> = [
      [['--kind', 'video'], { kind: 'video' }],
      [['--kind', 'slides'], { kind: 'slides' }],
      [['--status', 'read'], { status: 'read' }],
    ];
    const few = candidates
      .map(([args, filter]) => [args, listItemsJson(db, filter)] as const)
      .find(([, text]) => text.length < 100_000 && text !== '[]');
    assert.ok(few, 'some filter leaves a few items');
    assert.equal(list(few[0]), `${JSON.stringify(JSON.parse(few[1]), null, 2)}\n`);
  });

  it('escapes as JSON.stringify does, whoever wrote the stored arrays', () => {
    const nasty = 'quote " backslash \\ tab \t newline \n bell \u0007 line-sep \u2028 emoji 🦜 é';
    db.prepare(
      `UPDATE items SET title = @s, why = @s, note = @s, topics = json_array(@s, 'plain'),
         aliases = @json, authors = json_array('A. Author', @s) WHERE id IN (1, 2, 3)`,
    ).run({ s: nasty, json: JSON.stringify([nasty]) });
    db.prepare(`UPDATE sources SET notes = @json WHERE item_id = 2`).run({
      json: JSON.stringify([nasty, 'n']),
    });
    db.prepare(`UPDATE links SET label = @s WHERE item_id = 3`).run({ s: nasty });
    for (const filter of FILTERS) same(filter);
  });

  it('takes a topic by the last part of its path, as next --topic does', () => {
    // mli's "所有论文 / 生成模型": typed as 生成模型, it listed nothing.
    const run = (args: readonly string[]) =>
      runCli(['--db', path.join(dir, 'library.sqlite'), 'list', ...args]);
    const whole = listItemsJson(db, { topic: '所有论文 / 生成模型' });
    assert.ok(JSON.parse(whole).length > 5);
    for (const json of [true, false]) {
      const byLeaf = run(['--topic', '生成模型', ...(json ? ['--json'] : [])]);
      const byPath = run(['--topic', '所有论文 / 生成模型', ...(json ? ['--json'] : [])]);
      assert.equal(byLeaf.status, 0, byLeaf.stderr);
      assert.equal(byLeaf.stdout, byPath.stdout);
      const unknown = run(['--topic', '生成', ...(json ? ['--json'] : [])]);
      assert.equal(unknown.status, 0, 'a topic that is not there has no items');
      assert.equal(unknown.stdout, json ? '[]\n' : 'no items match\n');
      // A typo does not pass for an empty topic: stderr names the topics it is close to.
      assert.equal(
        unknown.stderr,
        'note: no topic "生成"; closest: "所有论文 / 生成模型" (see "lectio topics")\n',
      );
      assert.equal(byLeaf.stderr, '');
    }
  });

  it('takes a topic by its last name in search (topic:) and export (--topic) too', () => {
    const lib = path.join(dir, 'library.sqlite');
    const search = (query: string) => runCli(['--db', lib, 'search', query, '--json', '-n', '500']);
    const byLeaf = search('topic:生成模型');
    assert.equal(byLeaf.status, 0, byLeaf.stderr);
    assert.ok(JSON.parse(byLeaf.stdout).length > 5);
    assert.equal(byLeaf.stdout, search('topic:"所有论文 / 生成模型"').stdout);
    const unknown = search('topic:生成');
    assert.equal(unknown.stdout, '[]\n', 'a topic that is not there matches nothing');
    assert.equal(
      unknown.stderr,
      'note: no topic "生成"; closest: "所有论文 / 生成模型" (see "lectio topics")\n',
    );
    assert.equal(byLeaf.stderr, '');
    // "Publication" ends a path under "MoE Model", "MoE System" and "MoE Application".
    const ambiguous = search('topic:Publication');
    assert.equal(ambiguous.status, 4, ambiguous.stderr);
    assert.match(ambiguous.stderr, /topic "Publication" could be: .*MoE Model \/ Publication/u);

    const exported = (topic: string) => runCli(['--db', lib, 'export', '--format', 'md', '--topic', topic]);
    const leaf = exported('生成模型');
    assert.equal(leaf.status, 0, leaf.stderr);
    assert.equal(leaf.stdout, exported('所有论文 / 生成模型').stdout);
    assert.match(leaf.stdout, /生成模型/u);
    const missing = exported('生成');
    assert.notEqual(missing.status, 0);
    assert.match(missing.stderr, /no topic "生成"; closest: "所有论文 \/ 生成模型"/u);
  });

  it('is an empty array when nothing matches', () => {
    assert.equal(listItemsJson(db, { topic: 'no such topic at all' }), '[]');
  });
});
