// `lectio feed` and `lectio inbox` end to end: the real CLI against a real HTTP server on
// 127.0.0.1 replaying the recorded rss.arxiv.org feed and Hugging Face daily papers, plus
// feeds the tests make up (a second arXiv feed cross-listing the same papers, a broken one).

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test, type TestContext } from 'node:test';
import Database from 'better-sqlite3';
import { childEnv, importOk, oneLineError, runCli, runCliAsync, tempDir } from './cli-helpers.js';
import { ReplayServer } from './replay-server.js';

let server: ReplayServer;
before(async () => {
  server = await ReplayServer.start();
  // Another feed announcing two of the recorded papers again (a cross-list and a new
  // version), one of Hugging Face's, and one paper of its own.
  server.route('/other.xml', {
    contentType: 'application/rss+xml',
    body: `<?xml version="1.0"?><rss version="2.0"><channel><title>Other</title>
      <item><title>Outlier Detection for Multi-Network Data</title><link>https://arxiv.org/abs/2205.06398v2</link>
        <description>cross-listed again</description></item>
      <item><title>Random Polytope Descriptors</title><link>https://arxiv.org/abs/2009.13987v3</link>
        <description>a new version</description></item>
      <item><title>Can Knowledge Editing Really Correct Hallucinations?</title><link>https://arxiv.org/abs/2410.16251</link>
        <description>also on Hugging Face</description></item>
      <item><title>Clinical trial outcomes for medical imaging</title><link>https://example.org/med</link>
        <description>medical imaging study</description></item>
    </channel></rss>`,
  });
  server.route('/broken.xml', { contentType: 'application/rss+xml', body: '<rss><channel><item><title>cut' });
});
after(() => server.close());

function env(): NodeJS.ProcessEnv {
  return childEnv({
    LECTIO_ARXIV_RSS: `${server.url}/rss/`,
    LECTIO_HF_DAILY: `${server.url}/api/daily_papers`,
    LECTIO_CONFIG: '/nonexistent/lectio.json',
  });
}

function lectio(db: string, ...args: string[]) {
  return runCli(['--db', db, ...args], { env: env() });
}

function fetchFeeds(db: string, ...args: string[]) {
  return runCliAsync(['--db', db, 'feed', 'fetch', ...args], { env: env() });
}

interface InboxJson {
  itemId: number;
  key: string;
  title: string;
  score: number;
  bestTopic: string | null;
  like: Array<{ id: number; title: string }>;
  words: string[];
  reasons: string[];
  feed: string;
}

function inbox(db: string): InboxJson[] {
  const r = lectio(db, 'inbox', '--json', '-n', '100');
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout) as InboxJson[];
}

// A library that cares about anomaly detection and about LLM hallucinations.
const LIBRARY = `# My reading
## Anomaly detection
- [x] [Outlier detection in multi-network data with graph models](https://example.org/a) ⭐⭐⭐⭐⭐
- [ ] Network anomaly detection: outlier scores for multiple networks
- [ ] Detecting outliers across network populations
## LLM reliability
- [ ] Knowledge editing for large language models: a survey
- [ ] Hallucination in large language models: detection and correction
`;

function library(t: TestContext): string {
  const dir = tempDir(t);
  fs.writeFileSync(path.join(dir, 'reading.md'), LIBRARY);
  const db = path.join(dir, 'lib.db');
  importOk(db, [path.join(dir, 'reading.md')]);
  return db;
}

function follow(db: string, ...specs: string[]): void {
  for (const spec of specs) {
    const r = lectio(db, 'feed', 'add', ...spec.split(' '));
    assert.equal(r.status, 0, r.stderr);
  }
}

describe('lectio feed', () => {
  test('add, list and remove; a bad or repeated spec is refused in one line', (t) => {
    const db = library(t);
    follow(db, 'arxiv:cs.LG+cs.AI+cs.CL+stat.ML', 'hf:daily --exclude medical,survey*');
    const list = JSON.parse(lectio(db, 'feed', 'list', '--json').stdout) as Array<{
      spec: string;
      exclude: string[];
    }>;
    assert.deepEqual(
      list.map((f) => f.spec),
      ['arxiv:cs.LG+cs.AI+cs.CL+stat.ML', 'hf:daily'],
    );
    assert.deepEqual(list[1]?.exclude, ['medical', 'survey*']);
    const again = lectio(db, 'feed', 'add', 'hf:daily');
    assert.equal(again.status, 4);
    assert.match(oneLineError(again.stderr), /already following/u);
    const bad = lectio(db, 'feed', 'add', 'arxiv:not a category');
    assert.equal(bad.status, 2);
    assert.match(oneLineError(bad.stderr), /arXiv categories/u);
    const file = lectio(db, 'feed', 'add', 'rss:file:///etc/passwd');
    assert.equal(file.status, 2);
    assert.equal(lectio(db, 'feed', 'remove', 'hf:daily').status, 0);
    assert.equal((JSON.parse(lectio(db, 'feed', 'list', '--json').stdout) as unknown[]).length, 1);
    assert.equal(lectio(db, 'feed', 'remove', 'hf:daily').status, 3);
  });

  test('fetch lands new papers in the inbox, once, whatever feeds and versions announce them', async (t) => {
    const db = library(t);
    follow(db, 'arxiv:cs.LG+cs.AI+cs.CL+stat.ML', 'hf:daily');
    const first = await fetchFeeds(db, '--json');
    assert.equal(first.status, 0, first.stderr);
    const report = JSON.parse(first.stdout) as {
      feeds: Array<{ added: number; entries: number }>;
      inbox: number;
    };
    assert.deepEqual(
      report.feeds.map((f) => [f.entries, f.added]),
      [
        [4, 4],
        [4, 4],
      ],
    );
    assert.equal(inbox(db).length, 8);
    // A second fetch brings nothing new; a third feed announcing the same papers adds only its own.
    const second = JSON.parse((await fetchFeeds(db, '--json')).stdout) as { feeds: Array<{ seen: number }> };
    assert.deepEqual(
      second.feeds.map((f) => f.seen),
      [4, 4],
    );
    follow(db, `rss:${server.url}/other.xml`);
    const third = await fetchFeeds(db, `rss:${server.url}/other.xml`, '--json');
    assert.equal(third.status, 0, third.stderr);
    const other = (JSON.parse(third.stdout) as { feeds: Array<{ seen: number; added: number }> }).feeds[0];
    assert.deepEqual([other?.seen, other?.added], [3, 1]);
    const titles = inbox(db).map((e) => e.title);
    assert.equal(titles.length, 9);
    assert.equal(new Set(titles).size, 9, 'no paper twice');
    // Inbox entries are searchable and showable, but not in list, topics or the queue.
    assert.equal(lectio(db, 'show', '2205.06398').status, 0);
    const listed = JSON.parse(lectio(db, 'list', '--json').stdout) as Array<{ status: string }>;
    assert.equal(listed.length, 5);
    assert.ok(listed.every((i) => i.status !== 'inbox'));
    assert.equal(
      (JSON.parse(lectio(db, 'list', '--status', 'inbox', '--json').stdout) as unknown[]).length,
      9,
    );
    assert.doesNotMatch(lectio(db, 'next', '-n', '50').stdout, /Polytope/u);
    assert.match(lectio(db, 'search', 'polytope').stdout, /Random «Polytope» Descriptors  \(paper · 2020\)/u);
  });

  test('a paper already in the library is not brought in again', async (t) => {
    const db = library(t);
    const dir = path.dirname(db);
    fs.writeFileSync(path.join(dir, 'more.md'), '# More\n- [Polytopes](https://arxiv.org/abs/2009.13987)\n');
    importOk(db, [path.join(dir, 'more.md')]);
    follow(db, 'arxiv:cs.LG+cs.AI+cs.CL+stat.ML');
    const r = JSON.parse((await fetchFeeds(db, '--json')).stdout) as {
      feeds: Array<{ known: number; added: number }>;
    };
    assert.deepEqual([r.feeds[0]?.known, r.feeds[0]?.added], [1, 3]);
    assert.ok(!inbox(db).some((e) => /Polytope/u.test(e.title)));
  });

  test("a feed's include and exclude words", async (t) => {
    const db = library(t);
    follow(
      db,
      `rss:${server.url}/other.xml --exclude medical`,
      'arxiv:cs.LG+cs.AI+cs.CL+stat.ML --include outlier*,polytope',
    );
    const r = JSON.parse((await fetchFeeds(db, '--json')).stdout) as {
      feeds: Array<{ filtered: number; added: number }>;
    };
    assert.deepEqual(
      r.feeds.map((f) => [f.added, f.filtered]),
      [
        [3, 1],
        [0, 2],
      ],
    );
    assert.ok(!inbox(db).some((e) => /medical/iu.test(e.title)));
  });

  test('a failing feed: the others land, one line, exit 8; every feed failing: exit 7', async (t) => {
    const db = library(t);
    follow(db, `rss:${server.url}/broken.xml`, 'hf:daily');
    const r = await fetchFeeds(db, '--json');
    assert.equal(r.status, 8, r.stderr);
    assert.match(oneLineError(r.stderr), /1 of 2 feeds failed/u);
    assert.equal(inbox(db).length, 4);
    const listed = JSON.parse(lectio(db, 'feed', 'list', '--json').stdout) as Array<{
      lastError: string | null;
    }>;
    assert.match(String(listed[0]?.lastError), /broken|XML|truncated|malformed/iu);
    const only = await fetchFeeds(db, `rss:${server.url}/broken.xml`, '--json');
    assert.equal(only.status, 7);
    // In text, the line names the feed once.
    const said = await fetchFeeds(db, `rss:${server.url}/broken.xml`);
    const line = said.stdout.split('\n').find((l) => l.includes('failed'));
    assert.match(line ?? '', /^rss:\S+: failed: broken feed: /u);
    assert.equal(line?.split('broken.xml').length, 2, line);
    const none = await fetchFeeds(path.join(path.dirname(db), 'empty.db'));
    assert.equal(none.status, 3);
    assert.match(oneLineError(none.stderr), /feed add/u);
  });
});

describe('lectio inbox', () => {
  test('ranks by likeness to the library, with its best topic, nearest items and words', async (t) => {
    const db = library(t);
    follow(db, 'arxiv:cs.LG+cs.AI+cs.CL+stat.ML', 'hf:daily');
    assert.equal((await fetchFeeds(db)).status, 0);
    const entries = inbox(db);
    const scores = entries.map((e) => e.score);
    assert.deepEqual(
      scores,
      [...scores].sort((a, b) => b - a),
    );
    const outlier = entries.find((e) => /Outlier Detection/u.test(e.title));
    assert.ok(outlier);
    assert.equal(entries[0]?.title, outlier.title, entries.map((e) => `${e.score} ${e.title}`).join('\n'));
    assert.equal(outlier.bestTopic, 'Anomaly detection');
    assert.ok(
      outlier.words.some((w) => /outlier|network/u.test(w)),
      outlier.words.join(', '),
    );
    assert.match(outlier.like[0]?.title ?? '', /Outlier detection in multi-network/u);
    const editing = entries.find((e) => /Knowledge Editing/u.test(e.title));
    assert.equal(editing?.bestTopic, 'LLM reliability');
    const text = lectio(db, 'inbox', '-n', '2');
    assert.match(text.stdout, /topic Anomaly detection/u);
    assert.match(text.stdout, /1 more|more \(-n/u);
  });

  test('keep files an entry under a topic as to-read with the why; dismiss removes it for good', async (t) => {
    const db = library(t);
    follow(db, 'arxiv:cs.LG+cs.AI+cs.CL+stat.ML', 'hf:daily');
    assert.equal((await fetchFeeds(db)).status, 0);
    const entries = inbox(db);
    const outlier = entries.find((e) => /Outlier Detection/u.test(e.title))!;
    const drift = entries.find((e) => /Drift Contract/u.test(e.title))!;
    const editing = entries.find((e) => /Knowledge Editing/u.test(e.title))!;

    const kept = lectio(db, 'inbox', 'keep', String(outlier.itemId), '--why', 'multi-network baseline');
    assert.equal(kept.status, 0, kept.stderr);
    assert.match(kept.stdout, /→ Anomaly detection/u, 'the best topic by default');
    const explicit = lectio(db, 'inbox', 'keep', String(editing.itemId), '--topic', 'llm reliability');
    assert.equal(explicit.status, 0, explicit.stderr);
    // Each kept source is named by its own line of the added list, for the user's merge decisions.
    const reader = new Database(db, { readonly: true });
    const anchors = reader
      .prepare("SELECT key, item_id FROM item_keys WHERE key LIKE 'src:lectio:added#%' ORDER BY key")
      .raw()
      .all();
    reader.close();
    assert.deepEqual(anchors, [
      ['src:lectio:added#line1', outlier.itemId],
      ['src:lectio:added#line2', editing.itemId],
    ]);
    const item = JSON.parse(lectio(db, 'show', String(outlier.itemId), '--json').stdout) as Record<
      string,
      unknown
    >;
    assert.equal(item.status, 'to-read');
    assert.deepEqual(item.topics, ['Anomaly detection']);
    assert.equal(item.why, 'multi-network baseline');
    assert.match(lectio(db, 'next', '-n', '20').stdout, /Outlier Detection for Multi-Network Data/u);
    assert.equal(
      (JSON.parse(lectio(db, 'show', String(editing.itemId), '--json').stdout) as { topics: string[] })
        .topics[0],
      'LLM reliability',
    );

    const dismissed = lectio(db, 'inbox', 'dismiss', String(drift.itemId));
    assert.equal(dismissed.status, 0, dismissed.stderr);
    assert.equal(lectio(db, 'show', String(drift.itemId)).status, 3);
    assert.equal(inbox(db).length, 5);
    assert.equal((await fetchFeeds(db)).status, 0);
    assert.ok(!inbox(db).some((e) => /Drift Contract/u.test(e.title)), 'a dismissed paper never comes back');

    // Only what waits in the inbox can be kept or dismissed; a bad REF among several changes nothing.
    const twice = lectio(db, 'inbox', 'keep', String(outlier.itemId));
    assert.equal(twice.status, 2);
    assert.match(oneLineError(twice.stderr), /not waiting in the inbox/u);
    const before = inbox(db).length;
    const mixed = lectio(db, 'inbox', 'dismiss', String(inbox(db)[0]!.itemId), '99999');
    assert.equal(mixed.status, 3);
    assert.equal(inbox(db).length, before);
  });

  test('an empty inbox says how to fill it', (t) => {
    const db = library(t);
    const r = lectio(db, 'inbox');
    assert.equal(r.status, 0);
    assert.match(r.stdout, /feed add/u);
  });
});
