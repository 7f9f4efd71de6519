// The JSON backup: `lectio export --format json` then `lectio import BACKUP.json` into an
// empty library gives the same library (list, show with history, notes, plans, topic order
// and renames, search); a library that holds anything is refused unless --replace; a bad
// backup is one line, and the library it was meant for is left as it was.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { childEnv, listJsonText, oneLineError, runCli, seed, tempDir } from './cli-helpers.js';

const env = childEnv({ LECTIO_NOW: '2026-11-25T10:00:00Z', LECTIO_CONFIG: '/nonexistent/lectio.json' });

function ok(db: string, args: readonly string[]): string {
  const r = runCli(['--db', db, ...args], { env });
  assert.equal(r.status, 0, `${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

function fail(db: string, args: readonly string[]): { status: number | null; line: string } {
  const r = runCli(['--db', db, ...args], { env });
  assert.notEqual(r.status, 0, `${args.join(' ')} should fail`);
  return { status: r.status, line: oneLineError(r.stderr) };
}

/** Everything a user can see of a library, as text. */
function everything(db: string): Record<string, string> {
  const items = JSON.parse(listJsonText(db)) as Array<{ id: number }>;
  const out: Record<string, string> = {
    list: listJsonText(db),
    topics: ok(db, ['topics', '--json']),
    plans: ok(db, ['plan', 'list']),
    plan: ok(db, ['plan', 'show', 'MoE path', '--all']),
    progress: ok(db, ['progress', '--json']),
    next: ok(db, ['next', '--json']),
    search: ok(db, ['search', 'attention', '--json']),
    stats: ok(db, ['stats', '--json']),
  };
  for (const { id } of items) out[`show ${id}`] = ok(db, ['show', String(id), '--json']);
  return out;
}

function libraryWithAHistory(dir: string): string {
  const db = path.join(dir, 'original.sqlite');
  ok(db, ['import', seed('002'), seed('004')]);
  ok(db, ['mark', '1706.03762', 'reading']);
  ok(db, ['mark', '1706.03762', '--pass', '2']);
  ok(db, ['mark', '1706.03762', 'read']);
  ok(db, ['why', '1706.03762', 'the transformer, from the source']);
  ok(db, ['note', '1706.03762', '--text', '# Problem\n\nsequence models are slow\n']);
  ok(db, ['rate', '1706.03762', '5']);
  ok(db, ['add', '2401.18079', '--title', 'KVQuant', '--topic', 'LLM / kv cache', '--importance', '4']);
  const topics = JSON.parse(ok(db, ['topics', '--json'])) as Array<{ path: string }>;
  const last = topics[topics.length - 1]?.path ?? '';
  ok(db, ['topic', 'prioritize', last]);
  ok(db, ['plan', 'create', 'MoE path', '--topic', last, '--per-week', '2', '--start', '2026-11-02']);
  ok(db, ['topic', 'rename', 'LLM', 'Large language models']);
  return db;
}

test('a JSON backup restores into an empty library as the same library, history included', (t) => {
  const dir = tempDir(t);
  const db = libraryWithAHistory(dir);
  const backup = path.join(dir, 'backup.json');
  ok(db, ['export', '--format', 'json', '--out', backup]);
  const parsed = JSON.parse(fs.readFileSync(backup, 'utf8')) as {
    format: string;
    version: number;
    schema: number;
  };
  assert.equal(parsed.format, 'lectio-backup');
  assert.equal(parsed.version, 1);
  const restored = path.join(dir, 'restored.sqlite');
  const report = JSON.parse(ok(restored, ['import', backup, '--json'])) as {
    items: number;
    replaced: boolean;
  };
  assert.equal(report.replaced, false);
  const before = everything(db);
  const after = everything(restored);
  assert.deepEqual(Object.keys(after), Object.keys(before));
  for (const key of Object.keys(before)) assert.equal(after[key], before[key], key);
  // The history came along: the show of the paper lists its status changes, pass and rating.
  const show = JSON.parse(before['show 1'] ?? '{}') as { history?: unknown[] };
  assert.ok(Array.isArray(show.history));
  assert.match(after.list ?? '', /Large language models/u);
  // And the restored library keeps working: a re-import of a list changes nothing.
  const again = JSON.parse(ok(restored, ['import', seed('002'), '--json'])) as { added: number };
  assert.equal(again.added, 0);
});

test('restoring into a library that holds anything is refused, unless --replace', (t) => {
  const dir = tempDir(t);
  const db = libraryWithAHistory(dir);
  const backup = path.join(dir, 'backup.json');
  ok(db, ['export', '--format', 'json', '--out', backup]);
  const other = path.join(dir, 'other.sqlite');
  ok(other, ['import', seed('000')]);
  const otherBefore = everythingLight(other);
  const refused = fail(other, ['import', backup]);
  assert.equal(refused.status, 4);
  assert.match(refused.line, /not empty.*--replace/u);
  assert.deepEqual(everythingLight(other), otherBefore);
  ok(other, ['import', backup, '--replace']);
  assert.equal(listJsonText(other), listJsonText(db));
  assert.equal(ok(other, ['topics', '--json']), ok(db, ['topics', '--json']));
});

type Tables = Record<string, Array<Record<string, unknown>>>;

function withoutTable(tables: Tables, name: string): Tables {
  return Object.fromEntries(Object.entries(tables).filter(([table]) => table !== name));
}

/** The backup with its first item changed: a backup edited by hand. */
function withItem<B extends { tables: Tables }>(backup: B, change: Record<string, unknown>): B {
  const [first, ...rest] = backup.tables.items ?? [];
  return { ...backup, tables: { ...backup.tables, items: [{ ...first, ...change }, ...rest] } };
}

test("a backup keeps the user's decisions and feeds: an unmerged row stays apart after a restore and a re-import", (t) => {
  const dir = tempDir(t);
  const db = path.join(dir, 'original.sqlite');
  const list = path.join(dir, 'list.md');
  fs.writeFileSync(
    list,
    '- [Attention Is All You Need](https://arxiv.org/abs/1706.03762)\n- [Attention is all you need](https://example.org/attention)\n',
  );
  ok(db, ['import', list]);
  const item = (JSON.parse(ok(db, ['list', '--json'])) as Array<{ id: number }>)[0]?.id ?? 0;
  ok(db, ['unmerge', String(item), `${list}:2`]);
  ok(db, ['feed', 'add', 'arxiv:cs.LG']);
  // An item no list mentions any more keeps its rows (source 0), and a removed feed what it brought.
  const dropped = path.join(dir, 'dropped.md');
  fs.writeFileSync(
    dropped,
    '- [Orca](https://www.usenix.org/conference/osdi22/presentation/yu)\n- [GQA](https://arxiv.org/abs/2305.13245)\n',
  );
  ok(db, ['import', dropped]);
  ok(db, ['mark', '2305.13245', 'read']);
  fs.writeFileSync(dropped, '- [Orca](https://www.usenix.org/conference/osdi22/presentation/yu)\n');
  assert.match(ok(db, ['import', dropped]), /kept without a source: #\d+ GQA/u);
  ok(db, ['feed', 'add', 'rss:https://example.org/feed.xml']);
  const handle = new Database(db);
  const feed = handle.prepare("SELECT id FROM feeds WHERE spec LIKE 'rss:%'").pluck().get() as number;
  handle
    .prepare(
      "INSERT INTO inbox_entries (key, feed_id, state, title, summary, seen_at) VALUES ('guid:x', ?, 'dismissed', 'Old post', '', '2026-11-20T00:00:00Z')",
    )
    .run(feed);
  handle.close();
  ok(db, ['feed', 'remove', 'rss:https://example.org/feed.xml']);
  const backup = path.join(dir, 'backup.json');
  ok(db, ['export', '--format', 'json', '--out', backup]);
  const restored = path.join(dir, 'restored.sqlite');
  ok(restored, ['import', backup]);
  fs.appendFileSync(list, '- [Mamba](https://arxiv.org/abs/2312.00752)\n');
  ok(db, ['import', list]);
  ok(restored, ['import', list]);
  assert.equal(listJsonText(restored), listJsonText(db));
  assert.equal((JSON.parse(listJsonText(restored)) as unknown[]).length, 5, 'the unmerged row stays apart');
  assert.match(ok(restored, ['feed', 'list']), /arxiv:cs\.LG/u);
});

function everythingLight(db: string): { list: string; topics: string } {
  return { list: listJsonText(db), topics: ok(db, ['topics', '--json']) };
}

test('a bad backup is one line, exit 2, and the library is left as it was', (t) => {
  const dir = tempDir(t);
  const db = libraryWithAHistory(dir);
  const backup = path.join(dir, 'backup.json');
  ok(db, ['export', '--format', 'json', '--out', backup]);
  const good = JSON.parse(fs.readFileSync(backup, 'utf8')) as {
    version: number;
    schema: number;
    tables: Record<string, Array<Record<string, unknown>>>;
  };
  const target = path.join(dir, 'target.sqlite');
  ok(target, ['import', seed('000')]);
  const targetBefore = everythingLight(target);
  const cases: Array<[string, unknown, RegExp]> = [
    ['newer version', { ...good, version: 99 }, /version 99/u],
    ['newer schema', { ...good, schema: 999 }, /newer lectio/u],
    ['tables not an object', { ...good, tables: [] }, /tables/u],
    ['a row that is not an object', { ...good, tables: { ...good.tables, items: [1] } }, /items\[0\]/u],
    [
      'a cell that is an object',
      { ...good, tables: { ...good.tables, topics: [{ path: { x: 1 } }] } },
      /topics\[0\]\.path/u,
    ],
    // Its last row breaks the table: everything before it is undone with it.
    [
      'a row that does not fit',
      {
        ...good,
        tables: { ...good.tables, events: [...(good.tables.events ?? []), { id: 'abc', item_id: 1 }] },
      },
      /events/u,
    ],
    ['an unknown table', { ...good, tables: { ...good.tables, secrets: [] } }, /unknown table secrets/u],
    ['no items table', { ...good, tables: withoutTable(good.tables, 'items') }, /no table items/u],
    [
      'a link of no item',
      {
        ...good,
        tables: {
          ...good.tables,
          links: [...(good.tables.links ?? []), { ...good.tables.links?.[0], item_id: 999999 }],
        },
      },
      /1 links of no item or source/u,
    ],
    ['a status lectio does not know', withItem(good, { status: 'bogus' }), /status lectio does not know/u],
    ['importance 99', withItem(good, { importance: 99 }), /importance outside 0-5/u],
  ];
  for (const [name, value, message] of cases) {
    const file = path.join(dir, `bad-${name.replace(/\W+/gu, '-')}.json`);
    fs.writeFileSync(file, JSON.stringify(value));
    const r = fail(target, ['import', file, '--replace']);
    assert.equal(r.status, 2, name);
    assert.match(r.line, message, name);
    assert.deepEqual(everythingLight(target), targetBefore, name);
  }
  const mixed = fail(target, ['import', backup, seed('002')]);
  assert.equal(mixed.status, 2);
  assert.match(mixed.line, /on its own/u);
  assert.deepEqual(everythingLight(target), targetBefore);
});

test('a JSON backup is the whole library: --topic and --status are refused', (t) => {
  const dir = tempDir(t);
  const db = path.join(dir, 'lib.sqlite');
  ok(db, ['import', seed('004')]);
  const r = fail(db, ['export', '--format', 'json', '--status', 'read']);
  assert.equal(r.status, 2);
});
