// Issue 3's acceptance: a new user's scripted session on the four seeds, through the real
// CLI and a real library file, with a fixed clock (LECTIO_NOW): import, add, mark, why,
// note, rate, topics, next, plans and progress, and refusals that change nothing.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  type CliResult,
  childEnv,
  importOk,
  listJsonText,
  makeTempDir,
  oneLineError,
  removeDir,
  runCli,
  SEEDS,
  seed,
  stdoutOf,
} from './cli-helpers.js';

interface ShownItem {
  id: number;
  title: string;
  kind: string;
  status: string;
  importance: number | null;
  topics: string[];
  why: string | null;
  note: string;
  rating: number | null;
  pass: number;
  readAt: string | null;
  links: Array<{ url: string; role: string }>;
  ids: Record<string, string>;
}

interface QueueJson {
  rank: number;
  id: number;
  title: string;
  reasons: string[];
  why: string;
  topic: string | null;
  missingWhy: boolean;
}

let dir = '';
let db = '';
let configFile = '';

function lectio(
  args: readonly string[],
  now = '2026-11-25T10:00:00Z',
  extra: NodeJS.ProcessEnv = {},
): CliResult {
  return runCli(['--db', db, ...args], {
    env: childEnv({ LECTIO_NOW: now, LECTIO_CONFIG: configFile, ...extra }),
  });
}

function ok(args: readonly string[], now?: string, extra?: NodeJS.ProcessEnv): string {
  return stdoutOf(lectio(args, now, extra), args);
}

function show(ref: string): ShownItem {
  return JSON.parse(ok(['show', ref, '--json'])) as ShownItem;
}

function queue(args: readonly string[] = [], now?: string): QueueJson[] {
  return JSON.parse(ok(['next', '--json', ...args], now)) as QueueJson[];
}

const PAGED = '2309.06180'; // PagedAttention: in seeds 000, 003 and 004
const TPU = '1704.04760';

describe('a new reader on the four seeds', () => {
  before(() => {
    dir = makeTempDir('lectio-session-');
    db = path.join(dir, 'library.sqlite');
    configFile = path.join(dir, 'config.json'); // absent: defaults
    importOk(db, SEEDS);
  });
  after(() => removeDir(dir));

  it('adds what the library has already by the same identity rules, and says so', () => {
    const before = JSON.parse(listJsonText(db)) as unknown[];
    const out = ok(['add', `https://arxiv.org/pdf/${PAGED}v1`, '--why', 'vLLM serving at scale']);
    assert.match(
      out,
      /^already in the library as #\d+ .*PagedAttention.*\(arxiv:2309\.06180\); updated link .*, why\n$/u,
    );
    const after = JSON.parse(listJsonText(db)) as unknown[];
    assert.equal(after.length, before.length, 'no new item');
    const item = show(PAGED);
    assert.equal(item.why, 'vLLM serving at scale');
    assert.ok(item.links.some((l) => l.url === `https://arxiv.org/pdf/${PAGED}v1`));
    // Adding it again brings nothing new.
    assert.match(ok(['add', `arxiv:${PAGED}`]), /already in the library as #\d+ .*nothing new to add/u);
  });

  it('adds a new paper by arXiv id with a topic, importance and why', () => {
    const out = ok([
      'add',
      '2401.18079',
      '--title',
      'KVQuant: Towards 10 Million Context Length LLM Inference',
      '--topic',
      'LLM / kv cache',
      '--importance',
      '4',
      '--why',
      'long contexts',
    ]);
    assert.match(out, /^added #\d+ {2}KVQuant/u);
    const item = show('2401.18079');
    assert.deepEqual(item.topics, ['LLM / kv cache']);
    assert.equal(item.importance, 4);
    assert.equal(item.why, 'long contexts');
    assert.equal(item.ids.arxiv, '2401.18079');
    // A title the library already holds finds that item.
    assert.match(
      ok(['add', 'KVQuant: Towards 10 Million Context Length LLM Inference']),
      /already in the library .*same title/u,
    );
  });

  it('marks status and passes, with read dates and a history', () => {
    let out = ok(['mark', PAGED, 'reading']);
    assert.match(out, /to-read → reading/u);
    assert.equal(queue()[0]?.id, show(PAGED).id, 'what is being read comes first');
    assert.match(queue()[0]?.why ?? '', /^reading · topic #\d+ LLM \/ kv cache · ★★★★★ · in 3 lists/u);

    out = ok(['mark', PAGED, '--pass', '2'], '2026-11-26T09:00:00Z');
    assert.match(out, /reading → read · pass 2 \(the whole paper\)/u);
    const item = show(PAGED);
    assert.equal(item.status, 'read');
    assert.equal(item.pass, 2);
    assert.equal(item.readAt, '2026-11-26T09:00:00.000Z');
    assert.ok(!queue().some((e) => e.id === item.id), 'read items leave the queue');
    // A lower pass later is a re-read: logged, the furthest pass kept and said.
    out = ok(['mark', PAGED, '--pass', '1'], '2026-11-26T09:30:00Z');
    assert.match(out, /still read · pass 1 \(abstract, figures, conclusion\); furthest pass 2$/mu);
    assert.equal(show(PAGED).pass, 2);
    // A pass 1 on an unread paper means it was started.
    ok(['mark', TPU, '--pass', '1'], '2026-11-26T10:00:00Z');
    assert.equal(show(TPU).status, 'reading');
  });

  it('records why, finds what lacks one, and marks it in the queue', () => {
    const noWhy = JSON.parse(ok(['list', '--no-why', '--json'])) as ShownItem[];
    const tpu = show(TPU);
    assert.ok(noWhy.some((i) => i.id === tpu.id));
    assert.ok(noWhy.every((i) => i.why === null));
    assert.ok(queue().find((e) => e.id === tpu.id)?.missingWhy);
    assert.match(queue().find((e) => e.id === tpu.id)?.why ?? '', /no why yet$/u);
    ok(['why', TPU, 'the first TPU paper: why systolic arrays']);
    assert.equal(show(TPU).why, 'the first TPU paper: why systolic arrays');
    const after = JSON.parse(ok(['list', '--no-why', '--json'])) as ShownItem[];
    assert.ok(!after.some((i) => i.id === tpu.id));
    assert.ok(!queue().find((e) => e.id === tpu.id)?.missingWhy);
  });

  it('writes notes from --text, stdin and $EDITOR on the template', () => {
    ok(['note', TPU, '--text', 'Systolic arrays, 8-bit MACs.']);
    assert.equal(show(TPU).note, 'Systolic arrays, 8-bit MACs.');
    const piped = runCli(['--db', db, 'note', TPU, '-'], {
      env: childEnv({ LECTIO_NOW: '2026-11-26T11:00:00Z' }),
      input: '## Takeaways\n\nlatency over throughput\n',
    });
    assert.equal(piped.status, 0, piped.stderr);
    assert.equal(show(TPU).note, '## Takeaways\n\nlatency over throughput\n');
    // An editor that appends a line to whatever it is given.
    const editor = path.join(dir, 'editor.mjs');
    fs.writeFileSync(
      editor,
      "import fs from 'node:fs';\nfs.appendFileSync(process.argv[2], 'EDITED IN EDITOR\\n');\n",
    );
    const id = show('FlashAttention: Fast and Memory-Efficient').id;
    ok(['note', String(id)], undefined, { EDITOR: `"${process.execPath}" "${editor}"` });
    const note = show(String(id)).note;
    for (const heading of ['## Problem', '## Method', '## Contribution', '## Code', '## Takeaways']) {
      assert.ok(note.includes(heading), `template has ${heading}`);
    }
    assert.ok(note.endsWith('EDITED IN EDITOR\n'));
    // An editor that saves nothing leaves no note behind.
    const other = show('Fast Algorithms for Convolutional Neural Networks').id;
    ok(['note', String(other)], undefined, { EDITOR: 'true' });
    assert.equal(show(String(other)).note, '');
  });

  it('refuses a note that is not text, and an editor that leaves no file, changing nothing', () => {
    const before = show(TPU).note;
    for (const bytes of [Buffer.from([0x78, 0x00, 0x79, 0xff]), Buffer.from('caf\xe9 latin-1', 'latin1')]) {
      const r = runCli(['--db', db, 'note', TPU, '-'], { env: childEnv(), input: bytes });
      assert.equal(r.status, 2, r.stderr);
      assert.match(oneLineError(r.stderr), /stdin: .*; the note was not changed$/u);
    }
    // Text that looks double-encoded is kept as written: a note may quote mojibake.
    const quoted = 'the list shows "Ã©" and "â€™"\n';
    const kept = runCli(['--db', db, 'note', PAGED, '-'], { env: childEnv(), input: quoted });
    assert.equal(kept.status, 0, kept.stderr);
    assert.equal(show(PAGED).note, quoted);
    const gone = lectio(['note', TPU], undefined, { EDITOR: 'rm' });
    assert.equal(gone.status, 2, gone.stderr);
    assert.match(
      oneLineError(gone.stderr),
      /the editor "rm" left no file to read; the note was not changed/u,
    );
    assert.equal(show(TPU).note, before);
  });

  it('rates after reading, from 1 to 5 only', () => {
    ok(['rate', PAGED, '5']);
    assert.equal(show(PAGED).rating, 5);
    const bad = lectio(['rate', PAGED, '9']);
    assert.equal(bad.status, 2);
    assert.match(oneLineError(bad.stderr), /rating .* 1 to 5/u);
    for (const text of ['1e0', '0x3', '3.0']) assert.equal(lectio(['rate', PAGED, text]).status, 2, text);
    assert.equal(show(PAGED).rating, 5);
  });

  it('narrows the queue to one kind of item with next --kind', () => {
    const papers = queue(['--kind', 'paper', '-n', '15']);
    assert.ok(papers.length > 0);
    for (const e of papers) assert.equal(show(String(e.id)).kind, 'paper', e.title);
    const code = queue(['--kind', 'code', '-n', '5']);
    assert.ok(code.length > 0);
    for (const e of code) assert.equal(show(String(e.id)).kind, 'code', e.title);
    assert.equal(lectio(['next', '--kind', 'podcast']).status, 2);
  });

  it('prints JSON for --json after every command that says something of an item', () => {
    const id = show(PAGED).id;
    assert.deepEqual(JSON.parse(ok(['why', PAGED, '--json'])), {
      id,
      title: show(PAGED).title,
      why: show(PAGED).why,
    });
    assert.equal((JSON.parse(ok(['rate', PAGED, '4', '--json'])) as { rating: number }).rating, 4);
    ok(['rate', PAGED, '5']);
    assert.equal((JSON.parse(ok(['note', PAGED, '--show', '--json'])) as { id: number }).id, id);
    const sub = JSON.parse(ok(['topic', 'prioritize', 'LLM / kv cache', '--json'])) as Array<{
      topLevel: boolean;
    }>;
    assert.equal(sub[0]?.topLevel, false);
    assert.match(
      ok(['topic', 'prioritize', 'LLM / kv cache']),
      /^  LLM \/ kv cache: first under "LLM", which is topic #\d+ \(to move it up: lectio topic prioritize "LLM"\)$/mu,
    );
  });

  it('orders topics as the user prioritises them, sub-topics following their parent', () => {
    const said = ok(['topic', 'prioritize', 'LLM Inference', 'Mixture-of-Experts']);
    // The named topics' places, not the whole tree again.
    assert.equal(said, 'topics in your order now:\n  #1  LLM Inference\n  #2  Mixture-of-Experts\n');
    const topics = JSON.parse(ok(['topics', '--json'])) as Array<{
      path: string;
      rank: number | null;
      items: number;
      read: number;
    }>;
    assert.equal(topics[0]?.path, 'LLM Inference');
    assert.equal(topics[0]?.rank, 1);
    assert.equal(topics[1]?.path, 'Mixture-of-Experts');
    const llm = topics.findIndex((t) => t.path === 'LLM');
    assert.equal(topics[llm + 1]?.path.startsWith('LLM / '), true, 'sub-topics follow their parent');
    const first = queue().find((e) => e.topic !== null && !/reading/u.test(e.why));
    assert.equal(first?.topic, 'LLM Inference');
    assert.match(first?.why ?? '', /topic #1 LLM Inference/u);
    // Only one topic's queue.
    const moe = queue(['--topic', 'mixture-of-experts', '-n', '50']);
    assert.ok(moe.length > 0 && moe.every((e) => e.topic === 'Mixture-of-Experts'));
  });

  it('keeps a renamed topic renamed when its list comes back changed', () => {
    const copy = path.join(dir, 'notes-list.md');
    fs.copyFileSync(seed('002'), copy);
    importOk(db, [copy]);
    ok(['topic', 'rename', 'Blog notes', 'Blogs']);
    fs.appendFileSync(copy, '\n- [A new post](https://example.com/a-new-post)\n');
    importOk(db, [copy]);
    const topics = (JSON.parse(ok(['topics', '--json'])) as Array<{ path: string }>).map((t) => t.path);
    assert.ok(topics.includes('Blogs'));
    assert.ok(!topics.includes('Blog notes'));
    const clash = lectio(['topic', 'rename', 'Blogs', 'LLM']);
    assert.equal(clash.status, 4);
    assert.match(oneLineError(clash.stderr), /topic merge/u);
  });

  it('keeps the user status over an unchanged list, and takes a list that moves further', () => {
    const copy = path.join(dir, 'todo.md');
    fs.writeFileSync(copy, '# Todo\n\n- [ ] [Some paper on caching](https://arxiv.org/abs/2312.00001)\n');
    importOk(db, [copy]);
    ok(['mark', '2312.00001', 'skipped']);
    fs.appendFileSync(copy, '- [ ] [Another paper on caching](https://arxiv.org/abs/2312.00002)\n');
    importOk(db, [copy]);
    assert.equal(show('2312.00001').status, 'skipped', 'the list did not change its word: the user wins');
    fs.writeFileSync(copy, fs.readFileSync(copy, 'utf8').replace('- [ ] [Some', '- [x] [Some'));
    importOk(db, [copy]);
    assert.equal(show('2312.00001').status, 'read', 'the list ticked it since: the newer word wins');
    assert.ok(show('2312.00001').readAt, 'an edited checkbox is a read, now');
  });

  it("takes a new list's tick as the status, and no read of this week", () => {
    const first = path.join(dir, 'first.md');
    const second = path.join(dir, 'second.md');
    fs.writeFileSync(first, '# First\n\n- [ ] [A paper on paging](https://arxiv.org/abs/2312.00003)\n');
    fs.writeFileSync(second, '# Second\n\n- [x] [A paper on paging](https://arxiv.org/abs/2312.00003)\n');
    importOk(db, [first]);
    importOk(db, [second]);
    const item = show('2312.00003');
    assert.equal(item.status, 'read');
    assert.equal(item.readAt, null, 'read once, when the list does not say');
  });

  it('plans a topic at a weekly pace: this week, done and late', () => {
    const out = ok([
      'plan',
      'create',
      'MoE path',
      '--topic',
      'Mixture-of-Experts',
      '--per-week',
      '2',
      '--start',
      '2026-11-23',
    ]);
    assert.match(out, /^plan "MoE path": \d+ items, 2 a week, 2026-11-23 to /u);
    const view = JSON.parse(ok(['plan', 'show', 'MoE path', '--json'])) as {
      currentWeek: number;
      thisWeek: { items: Array<{ id: number }>; due: string };
      late: unknown[];
    };
    assert.equal(view.currentWeek, 1);
    assert.equal(view.thisWeek.items.length, 2);
    assert.equal(view.thisWeek.due, '2026-11-29');
    const [a, b] = view.thisWeek.items;
    const planned = queue(['-n', '200']).find((e) => e.id === a?.id);
    assert.match(planned?.why ?? '', /plan 'MoE path', week 1, due Sunday/u);
    ok(['mark', String(a?.id), 'read'], '2026-11-27T10:00:00Z');
    // A week later, the unread one of week 1 is late.
    const later = JSON.parse(ok(['plan', 'show', 'MoE path', '--json'], '2026-12-01T10:00:00Z')) as {
      currentWeek: number;
      late: Array<{ id: number }>;
      done: number;
    };
    assert.equal(later.currentWeek, 2);
    assert.deepEqual(
      later.late.map((l) => l.id),
      [b?.id],
    );
    assert.equal(later.done, 1);
    assert.match(
      ok(['plan', 'show', 'MoE path'], '2026-12-01T10:00:00Z'),
      /late from earlier weeks:\n {2}\[ \] #\d+/u,
    );
    const dup = lectio(['plan', 'create', 'moe path', '--topic', 'Mixture-of-Experts', '--per-week', '2']);
    assert.equal(dup.status, 4);
    const neither = lectio(['plan', 'create', 'Empty', '--per-week', '2']);
    assert.equal(neither.status, 2);
    assert.match(oneLineError(neither.stderr), /give the items, --topic TOPIC or REF…$/u);
    const both = lectio([
      'plan',
      'create',
      'Both',
      '--topic',
      'Mixture-of-Experts',
      PAGED,
      '--per-week',
      '2',
    ]);
    assert.match(oneLineError(both.stderr), /not both$/u);
    // Named items may be read already (PagedAttention is): the plan says they count as done.
    const named = ok(['plan', 'create', 'Named', PAGED, TPU, '--per-week', '1']);
    assert.match(named, /^plan "Named": 2 items, .*\n1 of them is read already and counts as done\n/u);
    ok(['plan', 'delete', 'Named']);
  });

  it('counts reads and passes per week against the weekly target, with streaks', () => {
    const json = JSON.parse(ok(['progress', '--json'], '2026-11-28T12:00:00Z')) as {
      thisWeek: { start: string; deep: number; skims: number };
      target: { deep: number; skims: number };
      totalRead: number;
    };
    assert.equal(json.thisWeek.start, '2026-11-23');
    assert.deepEqual(json.target, { deep: 1, skims: 3 });
    assert.ok(json.thisWeek.deep >= 2, 'PagedAttention (pass 2) and the MoE paper were read this week');
    assert.ok(json.thisWeek.skims >= 1, 'the TPU paper got a first pass');
    const text = ok(['progress'], '2026-11-28T12:00:00Z');
    assert.match(text, /weekly target: 1 deep read \+ 3 skims/u);
    assert.match(text, /streak: \d+ weeks? \(best \d+\)/u);
  });

  it('reads the weights from the config file', () => {
    fs.writeFileSync(
      configFile,
      JSON.stringify({
        queue: { weights: { topic: 0, importance: 0, consensus: 0, reading: 0, plan: 0, due: 0, age: 0 } },
      }),
    );
    const flat = queue(['-n', '5']);
    assert.deepEqual(
      flat.map((e) => e.id),
      [...flat.map((e) => e.id)].sort((x, y) => x - y),
      'all scores equal: ties by id',
    );
    fs.writeFileSync(configFile, '{"queue": {"weights": {"topic": "high"}}}');
    const bad = lectio(['next']);
    assert.equal(bad.status, 2);
    assert.match(oneLineError(bad.stderr), /config\.json: .*topic/u);
    fs.rmSync(configFile);
  });

  it('lists the closest matches for an unknown reference and the candidates for an ambiguous one, changing nothing', () => {
    const before = listJsonText(db);
    const unknown = lectio(['mark', 'Pagedattenton memory mangement', 'read']);
    assert.equal(unknown.status, 3);
    assert.match(oneLineError(unknown.stderr), /no item matches .*closest: #\d+ /u);
    const ambiguous = lectio(['why', 'attention', 'x']);
    assert.equal(ambiguous.status, 4);
    const said = oneLineError(ambiguous.stderr);
    assert.match(said, /matches \d+ items: #\d+ .*use an id/u);
    // Eight are named; the line says how many it leaves out.
    const [, count] = /matches (\d+) items/u.exec(said) ?? [];
    const named = said.match(/#\d+ /gu)?.length ?? 0;
    assert.equal(named, Math.min(Number(count), 8));
    if (Number(count) > 8)
      assert.match(said, new RegExp(`… ${Number(count) - 8} more \\(lectio search\\)`, 'u'));
    assert.equal(lectio(['mark', '999999', 'read']).status, 3);
    assert.equal(lectio(['mark', PAGED, 'finished']).status, 2);
    const passAsStatus = lectio(['mark', PAGED, '2']);
    assert.equal(passAsStatus.status, 2);
    assert.match(passAsStatus.stderr, /unknown status "2"; .*\(a reading pass: --pass 2\)/u);
    assert.equal(lectio(['mark', PAGED, '--pass', '4']).status, 2);
    assert.equal(listJsonText(db), before);
  });
});
