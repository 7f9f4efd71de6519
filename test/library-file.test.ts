// The library file as the CLI contract describes it (PRODUCT.md): where it lives, what
// re-importing does to it, what `list --json` promises, and that two writers at once
// both get their work in. Runs the real CLI against real SQLite files.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, type TestContext, test } from 'node:test';
import Database from 'better-sqlite3';
import { EXIT_CODES } from '../src/cli/cli-context.js';
import {
  childEnv,
  importOk,
  type ListedItem,
  listItems,
  listJsonText,
  makeTempDir,
  removeDir,
  runCli,
  runCliAsync,
  SEEDS,
  seed,
  sha256File,
  tempDir,
  testList,
} from './cli-helpers.js';

describe('which library file a command uses', () => {
  /** HOME and XDG_DATA_HOME always point into the test's temp dir: never the tester's own library. */
  function sandbox(dir: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
    const home = path.join(dir, 'home');
    const xdg = path.join(dir, 'xdg');
    fs.mkdirSync(home, { recursive: true });
    fs.mkdirSync(xdg, { recursive: true });
    return childEnv({ HOME: home, XDG_DATA_HOME: xdg, ...extra });
  }
  const xdgLibrary = (dir: string) => path.join(dir, 'xdg', 'lectio', 'library.sqlite');

  test('--db names the file', (t) => {
    const dir = tempDir(t);
    const db = path.join(dir, 'nested', 'mine.sqlite');
    const r = runCli(['--db', db, 'import', seed('002')], { env: sandbox(dir) });
    assert.equal(r.status, 0, r.stderr);
    assert.ok(fs.existsSync(db), 'created where --db says, parent directories included');
    assert.equal(fs.existsSync(xdgLibrary(dir)), false);
    assert.ok(listItems(db).length > 0);
  });

  test('LECTIO_DB is used when there is no --db', (t) => {
    const dir = tempDir(t);
    const db = path.join(dir, 'from-env.sqlite');
    const env = sandbox(dir, { LECTIO_DB: db });
    assert.equal(runCli(['import', seed('002')], { env }).status, 0);
    assert.ok(fs.existsSync(db));
    assert.equal(fs.existsSync(xdgLibrary(dir)), false);
    const viaEnv = runCli(['list', '--json'], { env });
    assert.equal(viaEnv.status, 0);
    assert.equal(viaEnv.stdout, listJsonText(db), 'list reads the same file');
  });

  test('without --db or LECTIO_DB the library is $XDG_DATA_HOME/lectio/library.sqlite', (t) => {
    const dir = tempDir(t);
    const env = sandbox(dir);
    const r = runCli(['import', seed('002')], { env });
    assert.equal(r.status, 0, r.stderr);
    assert.ok(fs.existsSync(xdgLibrary(dir)));
    assert.deepEqual(fs.readdirSync(path.join(dir, 'home')), [], 'nothing written under HOME');
    const listed = runCli(['list', '--json'], { env });
    assert.equal(listed.stdout, listJsonText(xdgLibrary(dir)));
  });

  test('a relative XDG_DATA_HOME is ignored (XDG spec): $HOME/.local/share/lectio/library.sqlite', (t) => {
    const dir = tempDir(t);
    const env = sandbox(dir, { XDG_DATA_HOME: 'relative/xdg' });
    const r = runCli(['import', seed('002')], { env, cwd: dir });
    assert.equal(r.status, 0, r.stderr);
    assert.ok(fs.existsSync(path.join(dir, 'home', '.local', 'share', 'lectio', 'library.sqlite')));
    assert.equal(fs.existsSync(path.join(dir, 'relative')), false);
  });

  test('--db wins over LECTIO_DB', (t) => {
    const dir = tempDir(t);
    const flag = path.join(dir, 'flag.sqlite');
    const fromEnv = path.join(dir, 'env.sqlite');
    const env = sandbox(dir, { LECTIO_DB: fromEnv });
    assert.equal(runCli(['--db', flag, 'import', seed('002')], { env }).status, 0);
    assert.ok(fs.existsSync(flag));
    assert.equal(fs.existsSync(fromEnv), false);
    assert.equal(fs.existsSync(xdgLibrary(dir)), false);
    // The option also works after the subcommand, where people type it.
    assert.equal(runCli(['list', '--json', '--db', flag], { env }).stdout, listJsonText(flag));
  });
});

interface ImportSummary {
  files: Array<{ path: string; outcome: string; entries: number; warnings: string[] }>;
  added: number;
  updated: number;
  merged: number;
  merges: Array<{ itemId: number; title: string; file: string; line: number; reason: string }>;
  orphaned: Array<{ id: number; title: string }>;
  items: number;
}

function importJson(db: string, files: readonly string[]): ImportSummary {
  const r = runCli(['--db', db, 'import', '--json', ...files]);
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout) as ImportSummary;
}

/** Two lines of seed 004 the tests edit. */
const GSHARD_LINE = '- [ ] [GShard](https://arxiv.org/abs/2006.16668)';
const SWITCH_LINE = '- [ ] [Switch Transformers](https://arxiv.org/abs/2101.03961)';

/** Seed 004 as a list of the test's own, imported, its GShard item given a status by the user. */
function seed004WithGShard(
  t: TestContext,
  status: string,
): { db: string; list: string; original: string; gshard: ListedItem } {
  const dir = tempDir(t);
  const db = path.join(dir, 'library.sqlite');
  const list = path.join(dir, 'read-list.md');
  const original = fs.readFileSync(seed('004'), 'utf8');
  fs.writeFileSync(list, original);
  importJson(db, [list]);
  const gshard = listItems(db).find((i) => i.ids['arxiv'] === '2006.16668');
  assert.ok(gshard);
  assert.equal(runCli(['--db', db, 'mark', String(gshard.id), status]).status, 0);
  return { db, list, original, gshard };
}

describe('re-importing', () => {
  test('the same four seeds again changes nothing', (t) => {
    const dir = tempDir(t);
    const db = path.join(dir, 'library.sqlite');
    const first = importJson(db, SEEDS);
    assert.ok(first.added > 0);
    assert.deepEqual(
      first.files.map((f) => f.outcome),
      SEEDS.map(() => 'new'),
    );
    const list1 = listJsonText(db);
    const hash1 = sha256File(db);

    const again = importJson(db, SEEDS);
    assert.equal(again.added, 0);
    assert.equal(again.updated, 0);
    assert.equal(again.merged, 0);
    assert.deepEqual(again.merges, []);
    assert.deepEqual(again.orphaned, []);
    assert.equal(again.files.length, SEEDS.length);
    again.files.forEach((f, n) => {
      assert.equal(f.path, SEEDS[n], 'absolute path of each list, in the order given');
      assert.equal(f.outcome, 'unchanged');
      assert.equal(f.entries, first.files[n]!.entries);
      assert.ok(Array.isArray(f.warnings) && f.warnings.every((w) => typeof w === 'string'));
    });
    assert.equal(again.items, first.items);
    assert.equal(again.items, (JSON.parse(list1) as unknown[]).length);

    assert.equal(listJsonText(db), list1, 'list --json byte-identical');
    assert.equal(sha256File(db), hash1, 'the library file itself is byte-identical');
  });

  test('the seeds given through a different relative path are the same lists', (t) => {
    const dir = tempDir(t);
    const db = path.join(dir, 'library.sqlite');
    importOk(db, SEEDS);
    const list1 = listJsonText(db);
    const relative = SEEDS.map((s) => path.relative(dir, s));
    const r = runCli(['--db', db, 'import', '--json', ...relative], { cwd: dir });
    assert.equal(r.status, 0, r.stderr);
    const again = JSON.parse(r.stdout) as ImportSummary;
    assert.deepEqual(
      again.files.map((f) => f.outcome),
      SEEDS.map(() => 'unchanged'),
    );
    assert.equal(listJsonText(db), list1);
  });

  describe('a list that changed', () => {
    let work: string;
    let db: string;
    let list: string;
    let original: string;
    const byArxiv = (items: ListedItem[], id: string): ListedItem => {
      const found = items.filter((i) => i.ids['arxiv'] === id);
      assert.equal(found.length, 1, `one item with arXiv ${id}`);
      return found[0]!;
    };

    before(() => {
      work = makeTempDir();
      db = path.join(work, 'library.sqlite');
      list = path.join(work, 'read-list.md');
      original = fs.readFileSync(seed('004'), 'utf8');
      for (const needle of [GSHARD_LINE, SWITCH_LINE]) {
        assert.ok(original.includes(needle), `seed 004 still has: ${needle}`);
      }
      fs.writeFileSync(list, original);
      importOk(db, [list]);
    });
    after(() => removeDir(work));

    test('an edited title and checkbox update the item', () => {
      const gshardBefore = byArxiv(listItems(db), '2006.16668');
      assert.equal(gshardBefore.status, 'to-read');
      fs.writeFileSync(
        list,
        original.replace(
          GSHARD_LINE,
          '- [x] [GShard: Scaling Giant Models with Conditional Computation](https://arxiv.org/abs/2006.16668)',
        ),
      );
      const report = importJson(db, [list]);
      assert.equal(report.files[0]!.outcome, 'changed');
      assert.ok(report.updated >= 1, `updated = ${report.updated}`);
      assert.equal(report.added, 0);
      const gshard = byArxiv(listItems(db), '2006.16668');
      assert.equal(gshard.id, gshardBefore.id, 'same item, updated in place');
      assert.equal(gshard.status, 'read');
      assert.equal(gshard.title, 'GShard: Scaling Giant Models with Conditional Computation');
    });

    test('an item removed from the list is kept, orphaned, with its links', () => {
      const switchBefore = byArxiv(listItems(db), '2101.03961');
      const current = fs.readFileSync(list, 'utf8');
      fs.writeFileSync(list, current.replace(`${SWITCH_LINE}\n`, ''));
      const r = runCli(['--db', db, 'import', list]);
      assert.equal(r.status, 0, r.stderr);
      assert.match(
        r.stdout,
        new RegExp(`kept without a source: #${switchBefore.id} Switch Transformers`, 'u'),
      );

      const kept = byArxiv(listItems(db), '2101.03961');
      assert.equal(kept.id, switchBefore.id);
      assert.equal(kept.orphaned, true);
      assert.deepEqual(kept.links, switchBefore.links, 'links survive');
      assert.equal(kept.title, switchBefore.title);
      assert.deepEqual(kept.sources, [], 'no list mentions it any more');
      // The rest of the list is untouched by the removal.
      assert.equal(byArxiv(listItems(db), '2006.16668').orphaned, false);
    });

    test('an item that comes back to the list is no longer orphaned', () => {
      const id = byArxiv(listItems(db), '2101.03961').id;
      fs.writeFileSync(list, original);
      const report = importJson(db, [list]);
      assert.deepEqual(report.orphaned, []);
      const revived = byArxiv(listItems(db), '2101.03961');
      assert.equal(revived.id, id, 'the same item comes back, not a new one');
      assert.equal(revived.sources.length, 1);
      assert.equal(
        revived.orphaned,
        false,
        'list --json still says orphaned: true for an item with a source',
      );
    });

    test('import --json reports the orphaned items by id and title', () => {
      const switchItem = byArxiv(listItems(db), '2101.03961');
      assert.equal(switchItem.sources.length, 1);
      fs.writeFileSync(list, fs.readFileSync(list, 'utf8').replace(`${SWITCH_LINE}\n`, ''));
      const removed = importJson(db, [list]);
      assert.deepEqual(removed.orphaned, [{ id: switchItem.id, title: switchItem.title }]);
      assert.equal(removed.added, 0);
    });
  });

  test('an edited list keeps the items that no link identifies, with what the user did to them', (t) => {
    // Seed 002's "Ray" (a relative link) and seed 003's "OSDI", "LLM.int8()" or "三遍阅读法"
    // have nothing that identifies them but their list's entry: an edit of the list, even a
    // newline at its end, used to create each again and leave the old one, marked read, behind.
    const dir = tempDir(t);
    const db = path.join(dir, 'library.sqlite');
    const lists = ['002', '003'].map((n) => path.join(dir, `${n}.md`));
    const originals = ['002', '003'].map((n) => fs.readFileSync(seed(n)));
    lists.forEach((file, n) => fs.writeFileSync(file, originals[n]!));
    const first = importJson(db, lists);
    const ray = listItems(db).find((i) => i.title === 'Ray');
    assert.ok(ray, 'seed 002 has "Ray"');
    assert.equal(runCli(['--db', db, 'mark', String(ray.id), 'read']).status, 0);
    assert.equal(runCli(['--db', db, 'why', String(ray.id), 'the actor model, again']).status, 0);
    const edits: Array<[string, (text: Buffer) => Buffer]> = [
      ['a newline at the end', (text) => Buffer.concat([text, Buffer.from('\n')])],
      [
        'a line at the top, so that every line moves',
        (text) => Buffer.concat([Buffer.from('Read these.\n\n'), text]),
      ],
    ];
    for (const [edit, change] of edits) {
      lists.forEach((file, n) => fs.writeFileSync(file, change(originals[n]!)));
      const report = importJson(db, lists);
      assert.deepEqual(
        report.files.map((f) => f.outcome),
        ['changed', 'changed'],
        edit,
      );
      assert.equal(report.added, 0, `${edit}: nothing new`);
      assert.deepEqual(report.orphaned, [], `${edit}: nothing left without a source`);
      assert.equal(report.items, first.items, edit);
      const rays = listItems(db).filter((i) => i.title === 'Ray');
      assert.equal(rays.length, 1, `${edit}: one Ray`);
      assert.equal(rays[0]!.id, ray.id, edit);
      assert.equal(rays[0]!.status, 'read', edit);
      assert.equal(rays[0]!.why, 'the actor model, again', edit);
    }
  });

  test('a new entry of an old title with its own id is a new item; the old entry keeps its own', (t) => {
    // dair-ai adds each week at the top: a new "Agent S" (another arXiv id) above the old one.
    const { db, list, original, gshard } = seed004WithGShard(t, 'read');
    const newer = GSHARD_LINE.replace('2006.16668', '2006.16669');
    fs.writeFileSync(list, original.replace(GSHARD_LINE, `${newer}\n${GSHARD_LINE}`));
    const report = importJson(db, [list]);
    assert.equal(report.added, 1);
    const items = listItems(db);
    const old = items.find((i) => i.id === gshard.id);
    assert.equal(old?.ids['arxiv'], '2006.16668');
    assert.equal(old?.status, 'read');
    assert.ok(!old?.links.some((l) => l.url.includes('2006.16669')), 'the old item holds no new id');
    const added = items.filter((i) => i.ids['arxiv'] === '2006.16669');
    assert.equal(added.length, 1);
    assert.notEqual(added[0]!.id, gshard.id);
  });

  test('entries of one title go back to their own items: under the same topic first, and after a removal', (t) => {
    const dir = tempDir(t);
    const db = path.join(dir, 'library.sqlite');
    const list = path.join(dir, 'read-list.md');
    const original = fs.readFileSync(seed('002'), 'utf8');
    const ray = '* TODO [Ray](./blogs/ray/)';
    assert.ok(original.includes(ray));
    // Seed 002's "Ray" under "Blog notes", and a second one under "Book notes".
    const twice = original.replace('## Book notes', `## Book notes\n\n${ray}\n`);
    fs.writeFileSync(list, twice);
    importJson(db, [list]);
    const rays = listItems(db).filter((i) => i.title === 'Ray');
    assert.equal(rays.length, 2);
    const book = rays.find((i) => i.topics.some((p) => p.includes('Book notes')));
    assert.ok(book);
    assert.equal(runCli(['--db', db, 'mark', String(book.id), 'read']).status, 0);
    // The first Ray goes: the second keeps its own item, not the first one's.
    fs.writeFileSync(list, twice.replace(`${ray}\n`, ''));
    const report = importJson(db, [list]);
    assert.equal(report.added, 0);
    const kept = listItems(db).find((i) => i.id === book.id);
    assert.equal(kept?.status, 'read');
    assert.equal(kept?.orphaned, false);
    // It goes too, then comes back: the same item, not a new one.
    fs.writeFileSync(list, original.replace(`${ray}\n`, ''));
    importJson(db, [list]);
    assert.equal(listItems(db).find((i) => i.id === book.id)?.orphaned, true);
    fs.writeFileSync(list, twice);
    const back = importJson(db, [list]);
    assert.equal(back.added, 0, 'both come back to their items');
    assert.equal(listItems(db).filter((i) => i.title === 'Ray').length, 2);
    assert.equal(listItems(db).find((i) => i.id === book.id)?.status, 'read');
  });

  test('a corrected link keeps the item, and the wrong id goes', (t) => {
    const { db, list, original, gshard } = seed004WithGShard(t, 'reading');
    fs.writeFileSync(list, original.replace(GSHARD_LINE, GSHARD_LINE.replace('2006.16668', '2006.16669')));
    const report = importJson(db, [list]);
    assert.equal(report.added, 0);
    assert.deepEqual(report.orphaned, []);
    const items = listItems(db);
    const fixed = items.find((i) => i.id === gshard.id);
    assert.equal(fixed?.ids['arxiv'], '2006.16669', 'the item now has the corrected id');
    assert.equal(fixed?.status, 'reading', 'and keeps what the user did');
    assert.ok(!fixed?.links.some((l) => l.url.includes('2006.16668')), 'the wrong link is gone');
    assert.equal(items.filter((i) => i.ids['arxiv'] === '2006.16668').length, 0);
  });

  test('only the edited item counts as updated', (t) => {
    const dir = tempDir(t);
    const db = path.join(dir, 'library.sqlite');
    const list = path.join(dir, 'read-list.md');
    const original = fs.readFileSync(seed('004'), 'utf8');
    fs.writeFileSync(list, original);
    const first = importJson(db, [list]);
    fs.writeFileSync(list, original.replace(GSHARD_LINE, GSHARD_LINE.replace('- [ ]', '- [x]')));
    const report = importJson(db, [list]);
    assert.equal(report.files[0]!.outcome, 'changed');
    assert.equal(report.added, 0);
    assert.equal(
      report.updated,
      1,
      `one checkbox changed among ${first.added} items, but the import reports ${report.updated} updated`,
    );
  });
});

describe('two writers at once', () => {
  test('two imports of big lists into the same new library both succeed', async (t) => {
    const dir = tempDir(t);
    const db = path.join(dir, 'library.sqlite');
    const dair = testList('ml-papers-of-the-week_dair-ai.md');
    const defTruth = testList('awesome-llm-inference_DefTruth.md');
    const [a, b] = await Promise.all([
      runCliAsync(['--db', db, 'import', '--json', dair]),
      runCliAsync(['--db', db, 'import', '--json', defTruth]),
    ]);
    assert.equal(a.status, 0, a.stderr);
    assert.equal(b.status, 0, b.stderr);
    const files = new Set(listItems(db).flatMap((i) => i.sources.map((s) => s.file)));
    assert.ok(files.has(dair), 'items from the dair-ai list');
    assert.ok(files.has(defTruth), 'items from the DefTruth list');
    const stats = runCli(['--db', db, 'stats', '--json']);
    assert.equal((JSON.parse(stats.stdout) as { lists: number }).lists, 2);
  });

  test('two first imports racing to create the library both succeed', async (t) => {
    // The moment the race is about: a second lectio opens the file after the first has
    // created it (WAL, no tables yet) and before the first has committed its schema. The
    // test holds the write lock to keep both in that moment, then lets go.
    const dir = tempDir(t);
    const db = path.join(dir, 'library.sqlite');
    const holder = new Database(db);
    holder.pragma('journal_mode = WAL');
    holder.exec('BEGIN IMMEDIATE');
    const runs = Promise.all([
      runCliAsync(['--db', db, 'import', seed('000')]),
      runCliAsync(['--db', db, 'import', seed('002')]),
    ]);
    // Long enough for both to start and read the schema version under load; far below the 10 s busy timeout.
    await new Promise((resolve) => setTimeout(resolve, 2000));
    holder.exec('ROLLBACK');
    holder.close();
    const [a, b] = await runs;
    assert.equal(a.status, 0, `first import: ${a.stderr}`);
    assert.equal(b.status, 0, `second import: ${b.stderr}`);
    const files = new Set(listItems(db).flatMap((i) => i.sources.map((s) => s.file)));
    assert.deepEqual([...files].sort(), [seed('000'), seed('002')]);
  });

  test('an import waits for a write lock held by another process, then succeeds', async (t) => {
    const dir = tempDir(t);
    const db = path.join(dir, 'library.sqlite');
    importOk(db, [seed('002')]);
    // The CLI has no option to shorten its 10 s busy timeout, so hold the lock for ~1 s.
    const holder = new Database(db);
    holder.exec('BEGIN IMMEDIATE');
    const started = Date.now();
    let finished = false;
    const run = runCliAsync(['--db', db, 'import', seed('000')]).then((r) => {
      finished = true;
      return r;
    });

    // Readers are not blocked by a writer (WAL): list works while the lock is held.
    const reader = await runCliAsync(['--db', db, 'list', '--json']);
    assert.equal(reader.status, 0, reader.stderr);
    assert.ok((JSON.parse(reader.stdout) as unknown[]).length > 0);

    await new Promise((resolve) => setTimeout(resolve, 1000));
    assert.equal(finished, false, 'the import is still waiting for the lock');
    holder.exec('ROLLBACK');
    holder.close();
    const r = await run;
    assert.equal(r.status, 0, r.stderr);
    assert.ok(Date.now() - started >= 1000);
    const files = new Set(listItems(db).flatMap((i) => i.sources.map((s) => s.file)));
    assert.ok(files.has(seed('000')) && files.has(seed('002')));
  });

  test('the busy exit status is documented and distinct', () => {
    // Waiting out the 10 s timeout would slow the suite; pin the status it would map to.
    assert.equal(EXIT_CODES.busy, 6);
    assert.notEqual(EXIT_CODES.busy, EXIT_CODES.corrupt_db);
  });
});

describe('list --json contract (PRODUCT.md)', () => {
  const STATUSES = ['inbox', 'to-read', 'reading', 'read', 'skipped'];
  const ROLES = ['paper', 'pdf', 'code', 'blog', 'slides', 'video', 'notes', 'site', 'other'];
  const KEYS = [
    'id',
    'title',
    'kind',
    'status',
    'importance',
    'topics',
    'links',
    'ids',
    'why',
    'notes',
    'sources',
  ];
  const inputs = [
    ...SEEDS,
    testList('readinglist_checkboxes_chenhongyu2048.md'),
    testList('paper-reading_mli_zh.md'),
  ];
  let work: string;
  let items: Array<Record<string, unknown>>;

  before(() => {
    work = makeTempDir();
    const db = path.join(work, 'library.sqlite');
    importOk(db, inputs);
    items = JSON.parse(listJsonText(db)) as Array<Record<string, unknown>>;
  });
  after(() => removeDir(work));

  test('is an array of items, each with every contract key', () => {
    assert.ok(Array.isArray(items) && items.length > 200);
    for (const item of items) {
      for (const key of KEYS)
        assert.ok(key in item, `item ${JSON.stringify(item).slice(0, 120)} lacks ${key}`);
    }
  });

  test('ids are unique positive integers; titles are non-empty strings', () => {
    const ids = items.map((i) => i['id']);
    assert.ok(ids.every((id) => Number.isInteger(id) && (id as number) > 0));
    assert.equal(new Set(ids).size, ids.length);
    for (const i of items) {
      assert.equal(typeof i['title'], 'string');
      assert.notEqual((i['title'] as string).trim(), '', `item #${i['id']} has an empty title`);
      assert.equal(typeof i['kind'], 'string');
    }
  });

  test('status is one of the five; importance is null or an integer 0-5', () => {
    for (const i of items) {
      assert.ok(STATUSES.includes(i['status'] as string), `#${i['id']} status ${String(i['status'])}`);
      const imp = i['importance'];
      assert.ok(
        imp === null || (Number.isInteger(imp) && (imp as number) >= 0 && (imp as number) <= 5),
        `#${i['id']} importance ${String(imp)}`,
      );
    }
    // The seeds carry both checkboxes and stars: the values are actually used.
    assert.ok(items.some((i) => i['status'] === 'read'));
    assert.ok(items.some((i) => i['importance'] !== null));
  });

  test('topics are "A / B" strings', () => {
    for (const i of items) {
      const topics = i['topics'];
      assert.ok(Array.isArray(topics), `#${i['id']} topics`);
      for (const topic of topics as unknown[]) {
        assert.equal(typeof topic, 'string');
        const parts = (topic as string).split(' / ');
        assert.ok(
          parts.every((p) => p !== '' && p.trim() === p),
          `#${i['id']} topic ${JSON.stringify(topic)}`,
        );
      }
    }
    assert.ok(items.some((i) => (i['topics'] as string[]).some((t) => t.includes(' / '))));
  });

  test('links are {url, role} with a known role', () => {
    for (const i of items) {
      const links = i['links'] as Array<Record<string, unknown>>;
      assert.ok(Array.isArray(links));
      for (const l of links) {
        assert.equal(typeof l['url'], 'string', `#${i['id']} link url`);
        assert.ok(ROLES.includes(l['role'] as string), `#${i['id']} role ${String(l['role'])}`);
        for (const key of Object.keys(l)) assert.ok(['url', 'role', 'label'].includes(key), key);
      }
    }
  });

  test('ids is an object of strings; why is null or a string; notes are strings', () => {
    for (const i of items) {
      const ids = i['ids'];
      assert.ok(ids !== null && typeof ids === 'object' && !Array.isArray(ids), `#${i['id']} ids`);
      for (const v of Object.values(ids as object)) assert.equal(typeof v, 'string');
      assert.ok(i['why'] === null || typeof i['why'] === 'string', `#${i['id']} why`);
      assert.ok(Array.isArray(i['notes']));
      for (const n of i['notes'] as unknown[]) assert.equal(typeof n, 'string');
    }
    assert.ok(items.some((i) => typeof (i['ids'] as Record<string, unknown>)['arxiv'] === 'string'));
  });

  test('sources are {file, line} pointing into the imported files', () => {
    for (const i of items) {
      const sources = i['sources'] as Array<Record<string, unknown>>;
      assert.ok(Array.isArray(sources) && sources.length > 0, `#${i['id']} has no source`);
      for (const s of sources) {
        assert.ok(inputs.includes(s['file'] as string), `#${i['id']} source ${String(s['file'])}`);
        assert.ok(Number.isInteger(s['line']) && (s['line'] as number) >= 1);
      }
    }
  });
});
