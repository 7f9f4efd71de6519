// `lectio enrich` end to end: the real CLI against a real HTTP server on 127.0.0.1 that
// answers like the arXiv API did (test/replay-server.ts, recordings in ../shared/testdata).

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { SqliteLibraryStore } from '../src/store/sqlite/sqlite-library-store.js';
import { openDatabase } from '../src/store/sqlite/open-database.js';
import { childEnv, importOk, oneLineError, runCli, runCliAsync, tempDir } from './cli-helpers.js';
import { ReplayServer } from './replay-server.js';

let server: ReplayServer;
before(async () => {
  server = await ReplayServer.start();
});
after(() => server.close());

function env(): NodeJS.ProcessEnv {
  return childEnv({ LECTIO_ARXIV_API: `${server.url}/api/query`, LECTIO_CONFIG: '/nonexistent/lectio.json' });
}

function enrich(db: string, ...args: string[]) {
  return runCliAsync(['--db', db, 'enrich', ...args], { env: env() });
}

function show(
  db: string,
  ref: string,
): Record<string, unknown> & { metadata: Record<string, unknown> | null } {
  const r = runCli(['--db', db, 'show', ref, '--json']);
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout) as Record<string, unknown> & { metadata: Record<string, unknown> | null };
}

const LIST = `# Reading
## Random walks
- [HB walks](https://arxiv.org/abs/1605.08386) ⭐⭐⭐⭐
- [AEW10](https://arxiv.org/pdf/1707.08567v1)
## Elsewhere
- Heat-bath random walks with Markov bases
- [Not on arXiv](https://example.org/paper.pdf)
`;

function library(t: import('node:test').TestContext): string {
  const dir = tempDir(t);
  fs.writeFileSync(path.join(dir, 'reading.md'), LIST);
  const db = path.join(dir, 'lib.db');
  importOk(db, [path.join(dir, 'reading.md')]);
  return db;
}

function apiRequests(): number {
  return server.requestsTo('/api/query').length;
}

describe('lectio enrich', () => {
  test('fills title, authors, year, abstract and categories; the lists’ names become aliases', async (t) => {
    const db = library(t);
    const r = await enrich(db, '1605.08386', '--json');
    assert.equal(r.status, 0, r.stderr);
    const report = JSON.parse(r.stdout) as { fetched: number; changed: Array<{ fields: string[] }> };
    assert.equal(report.fetched, 1);
    const item = show(db, '1605.08386');
    assert.equal(item.title, 'Heat-bath random walks with Markov bases');
    assert.ok((item.aliases as string[]).includes('HB walks'));
    assert.ok((item.authors as string[]).length >= 2);
    assert.equal(item.year, 2016);
    assert.match(String(item.metadata?.abstract), /heat-bath random walk/u);
    assert.ok((item.metadata?.categories as string[]).length > 0);
    assert.equal(item.importance, 4, 'what the list said stays');
    const history = item.history as Array<{ kind: string }>;
    assert.ok(history.some((e) => e.kind === 'enriched'));
  });

  test('a title learned from arXiv merges the title-only entry, and says so', async (t) => {
    const db = library(t);
    const before = (JSON.parse(runCli(['--db', db, 'list', '--json']).stdout) as unknown[]).length;
    const r = await enrich(db, '--all', '--json');
    assert.equal(r.status, 0, r.stderr);
    const report = JSON.parse(r.stdout) as { merges: Array<{ into: number; from: number; reason: string }> };
    assert.equal(report.merges.length, 1, JSON.stringify(report.merges));
    assert.match(report.merges[0]!.reason, /title/u);
    const items = JSON.parse(runCli(['--db', db, 'list', '--json']).stdout) as Array<{ topics: string[] }>;
    assert.equal(items.length, before - 1);
    const merged = show(db, '1605.08386');
    assert.deepEqual(merged.topics, ['Random walks', 'Elsewhere']);
    const text = await enrich(db, '--all', '--refresh');
    assert.equal(text.status, 0, text.stderr);
    assert.match(text.stdout, /2 item\(s\) with an arXiv id/u);
  });

  test('nothing is fetched twice: a second run answers from the cache', async (t) => {
    const db = library(t);
    assert.equal((await enrich(db, '--all')).status, 0);
    const asked = apiRequests();
    const again = await enrich(db, '1605.08386', '1707.08567', '--json');
    assert.equal(again.status, 0, again.stderr);
    assert.equal(apiRequests(), asked, 'no request the second time');
    assert.equal((JSON.parse(again.stdout) as { cached: number }).cached, 2);
    const refresh = await enrich(db, '1605.08386', '--refresh', '--json');
    assert.equal(refresh.status, 0);
    assert.equal(apiRequests(), asked + 1, '--refresh asks again');
  });

  test('fields the user edited are never overwritten', async (t) => {
    const db = library(t);
    const store = new SqliteLibraryStore(openDatabase(db));
    const id = store.findItemIdsByUrlOrKey(['arxiv:1707.08567'])[0]!;
    store.transaction(() =>
      store.setUserFields(id, { title: 'My workshop notes', why: 'for the IT course' }, 'x'),
    );
    store.close();
    assert.equal((await enrich(db, String(id))).status, 0);
    const item = show(db, String(id));
    assert.equal(item.title, 'My workshop notes');
    assert.equal(item.why, 'for the IT course');
    assert.match(String(item.metadata?.abstract), /workshop/iu);
  });

  test('an item without an arXiv id is named, not sent', async (t) => {
    const db = library(t);
    const r = await enrich(db, 'Not on arXiv');
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /no arXiv id/u);
  });

  test('bad use: no REF and no --all, an unknown REF, an empty library', async (t) => {
    const db = library(t);
    const none = await enrich(db);
    assert.equal(none.status, 2);
    assert.match(oneLineError(none.stderr), /--all/u);
    const unknown = await enrich(db, '9999');
    assert.equal(unknown.status, 3);
    const empty = await enrich(path.join(tempDir(t), 'none.db'), '--all');
    assert.equal(empty.status, 3);
  });

  test('arXiv unreachable: one line, exit 7, the library unchanged', async (t) => {
    const db = library(t);
    const listBefore = runCli(['--db', db, 'list', '--json']).stdout;
    server.fail({ kind: 'status', status: 503 }, 5);
    const r = await enrich(db, '--all', '--json');
    assert.equal(r.status, 7, r.stderr);
    assert.match(oneLineError(r.stderr), /not looked up/u);
    assert.equal(runCli(['--db', db, 'list', '--json']).stdout, listBefore);
  });

  test('cut off part way: what was fetched is kept, exit 8 (partial), and the next run finishes', async (t) => {
    const dir = tempDir(t);
    // 101 ids: two requests of at most 100.
    const ids = server.knownIds.filter((id) => /^\d{4}\.\d{4,5}$/u.test(id)).slice(0, 101);
    assert.equal(ids.length, 101);
    fs.writeFileSync(
      path.join(dir, 'many.md'),
      `# Many\n${ids.map((id, i) => `- [paper ${i}](https://arxiv.org/abs/${id})`).join('\n')}\n`,
    );
    const db = path.join(dir, 'lib.db');
    importOk(db, [path.join(dir, 'many.md')]);
    // The first request is answered as arXiv would; every try of the second fails.
    server.fail({ kind: 'delay', ms: 0 });
    server.fail({ kind: 'status', status: 503 }, 5);
    const run = enrich(db, '--all', '--json');
    const r = await run;
    assert.equal(r.status, 8, r.stderr);
    assert.match(oneLineError(r.stderr), /what was fetched is kept/u);
    const report = JSON.parse(r.stdout) as { fetched: number; failed: string[] };
    assert.ok(report.fetched > 0 && report.failed.length > 0, JSON.stringify(report).slice(0, 300));
    const finish = await enrich(db, '--all', '--json');
    assert.equal(finish.status, 0, finish.stderr);
    const done = JSON.parse(finish.stdout) as { fetched: number };
    assert.equal(done.fetched, report.failed.length, 'the second run asks only for what was missing');
  });
});
