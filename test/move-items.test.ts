// Issue 5's "move": `lectio move REF... --topic T` through the real CLI on a real library file
// (the four seeds and a list of our own, edited between imports). A moved item shows under T
// alone, stays there when its lists are re-imported or T is renamed, says so in its history,
// keeps topic ranks true; a ref that names nothing moves nothing.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import {
  type CliResult,
  lectioAt,
  listItems,
  listJsonText,
  makeTempDir,
  oneLineError,
  removeDir,
  SEEDS,
  stdoutOf,
} from './cli-helpers.js';

interface TopicJson {
  path: string;
  rank: number | null;
  items: number;
  read: number;
}

interface MoveJson {
  topic: string;
  created: boolean;
  moved: Array<{ id: number; title: string; from: string[] }>;
  unchanged: number[];
}

const PAGED = '2309.06180'; // PagedAttention: in seeds 000, 003 and 004, and in our list
const FLASH = 'https://arxiv.org/abs/2205.14135';
const SMOOTH = '2211.10438';

/** Our own list: PagedAttention and FlashAttention under Serving, SmoothQuant under Quantization. */
function ownList(options: { pagedRead?: boolean; pagedUnder?: string; extra?: string } = {}): string {
  const paged = `- [${options.pagedRead ? 'x' : ' '}] [Efficient Memory Management for Large Language Model Serving with PagedAttention](https://arxiv.org/abs/${PAGED})`;
  const under = options.pagedUnder ?? 'Serving';
  return [
    '# Move test list',
    '',
    '## Serving',
    '',
    ...(under === 'Serving' ? [paged] : []),
    `- [ ] [FlashAttention: Fast and Memory-Efficient Exact Attention with IO-Awareness](${FLASH})`,
    '',
    '## Quantization',
    '',
    ...(under === 'Quantization' ? [paged] : []),
    `- [ ] [SmoothQuant: Accurate and Efficient Post-Training Quantization for Large Language Models](https://arxiv.org/abs/${SMOOTH})`,
    ...(options.extra ? [options.extra] : []),
    '',
  ].join('\n');
}

let dir = '';
let db = '';
let listFile = '';

function lectio(args: readonly string[]): CliResult {
  return lectioAt(db, args);
}

function ok(args: readonly string[]): string {
  return stdoutOf(lectio(args), args);
}

function topics(): TopicJson[] {
  return JSON.parse(ok(['topics', '--json'])) as TopicJson[];
}

function itemOf(arxivOrUrl: string) {
  const item = listItems(db).find(
    (i) => i.ids.arxiv === arxivOrUrl || i.links.some((l) => l.url === arxivOrUrl),
  );
  assert.ok(item, arxivOrUrl);
  return item;
}

function idsUnder(topic: string): number[] {
  return (JSON.parse(ok(['list', '--topic', topic, '--json'])) as Array<{ id: number }>).map((i) => i.id);
}

describe('lectio move', () => {
  before(() => {
    dir = makeTempDir('lectio-move-');
    db = path.join(dir, 'library.sqlite');
    listFile = path.join(dir, 'own-list.md');
    fs.writeFileSync(listFile, ownList());
    ok(['import', ...SEEDS, listFile]);
  });
  after(() => removeDir(dir));

  it('files two items under a new topic alone, and the tree counts them there', () => {
    const paged = itemOf(PAGED);
    const flash = itemOf(FLASH);
    assert.ok(
      paged.topics.includes('Serving') && paged.topics.length > 1,
      'PagedAttention is in several topics',
    );
    const servingBefore = topics().find((t) => t.path === 'Serving');
    assert.equal(servingBefore?.items, 2);

    const result = JSON.parse(
      ok(['move', PAGED, String(flash.id), '--topic', 'Reading group / this week', '--json']),
    ) as MoveJson;
    assert.equal(result.topic, 'Reading group / this week');
    assert.equal(result.created, true);
    assert.deepEqual(
      result.moved.map((m) => [m.id, m.from]),
      [
        [paged.id, paged.topics],
        [flash.id, flash.topics],
      ],
    );

    assert.deepEqual(itemOf(PAGED).topics, ['Reading group / this week']);
    assert.deepEqual(idsUnder('Reading group').sort(), [paged.id, flash.id].sort());
    for (const left of paged.topics) assert.ok(!idsUnder(left).includes(paged.id), `left ${left}`);
    const tree = topics();
    assert.equal(
      tree.find((t) => t.path === 'Serving'),
      undefined,
      'the move left Serving empty: it is gone from the tree',
    );
    assert.equal(tree.find((t) => t.path === 'Reading group')?.items, 2);
    assert.equal(tree.find((t) => t.path === 'Reading group / this week')?.items, 2);
  });

  it('says so in the history, in words', () => {
    const shown = ok(['show', PAGED]);
    assert.match(shown, /moved to Reading group \/ this week \(from [^)]*Serving[^)]*\)/u);
    const history = (
      JSON.parse(ok(['show', PAGED, '--json'])) as { history: Array<{ kind: string; to?: string }> }
    ).history;
    assert.deepEqual(
      history.filter((e) => e.kind === 'topic').map((e) => e.to),
      ['Reading group / this week'],
    );
  });

  it('keeps topic ranks true: the queue ranks a moved item by its new topic', () => {
    const root = topics().find((t) => t.path === 'Reading group');
    assert.ok(root?.rank);
    const handle = new Database(db, { readonly: true });
    try {
      const ranks = handle
        .prepare(`SELECT topic_rank FROM items WHERE id IN (?, ?)`)
        .pluck()
        .all(itemOf(PAGED).id, itemOf(FLASH).id);
      assert.deepEqual(ranks, [root.rank, root.rank]);
    } finally {
      handle.close();
    }
    // First among topics, a moved item says so among the reasons the queue gives.
    ok(['topic', 'prioritize', 'Reading group']);
    const queue = JSON.parse(ok(['next', '--json', '-n', '100'])) as Array<{ id: number; reasons: string[] }>;
    const paged = queue.find((e) => e.id === itemOf(PAGED).id);
    assert.ok(paged?.reasons.includes('topic #1 Reading group / this week'), JSON.stringify(paged));
  });

  it('survives a re-import of an edited list: the move stays, the list still ticks it read', () => {
    fs.writeFileSync(listFile, ownList({ pagedRead: true, pagedUnder: 'Quantization' }));
    ok(['import', listFile]);
    const paged = itemOf(PAGED);
    assert.deepEqual(paged.topics, ['Reading group / this week']);
    assert.equal(paged.status, 'read');
    assert.deepEqual(itemOf(FLASH).topics, ['Reading group / this week']);
    assert.ok(!idsUnder('Quantization').includes(paged.id));
    assert.ok(idsUnder('Quantization').includes(itemOf(SMOOTH).id), 'the others follow their list');
    const readThere = listItems(db).filter(
      (i) => i.topics[0] === 'Reading group / this week' && i.status === 'read',
    );
    assert.equal(topics().find((t) => t.path === 'Reading group / this week')?.read, readThere.length);
  });

  it('moves with the topic when it is renamed, and stays through the next import', () => {
    ok(['topic', 'rename', 'Reading group', 'Journal club']);
    assert.deepEqual(itemOf(PAGED).topics, ['Journal club / this week']);
    fs.writeFileSync(
      listFile,
      ownList({
        pagedUnder: 'Quantization',
        extra: '- [ ] [Another paper for the list](https://arxiv.org/abs/2501.00042)',
      }),
    );
    ok(['import', listFile]);
    assert.deepEqual(itemOf(PAGED).topics, ['Journal club / this week']);
    assert.deepEqual(itemOf(FLASH).topics, ['Journal club / this week']);
  });

  it('to an existing topic in any case, and an item already there is left as it is', () => {
    const smooth = itemOf(SMOOTH);
    const result = JSON.parse(
      ok(['move', SMOOTH, PAGED, '--topic', 'journal club / THIS WEEK', '--json']),
    ) as MoveJson;
    assert.equal(result.topic, 'Journal club / this week');
    assert.equal(result.created, false);
    assert.deepEqual(
      result.moved.map((m) => m.id),
      [smooth.id],
    );
    assert.deepEqual(result.unchanged, [itemOf(PAGED).id]);
    const text = ok(['move', SMOOTH, '--topic', 'Journal club / this week']);
    assert.match(text, /^moved 0 items to "Journal club \/ this week"\nalready there: #\d+\n$/u);
  });

  it('refuses a ref that names nothing, and moves none of the others', () => {
    const before = listJsonText(db);
    const treeBefore = topics();
    const flash = itemOf(FLASH);
    for (const args of [
      ['move', String(flash.id), '999999', '--topic', 'Elsewhere'],
      ['move', String(flash.id), 'no paper has this title at all', '--topic', 'Elsewhere'],
    ]) {
      const r = lectio(args);
      assert.notEqual(r.status, 0);
      assert.match(oneLineError(r.stderr), /999999|no paper has this title/u);
    }
    const noTopic = lectio(['move', String(flash.id)]);
    assert.equal(noTopic.status, 2);
    assert.match(noTopic.stderr, /--topic/u);
    assert.equal(listJsonText(db), before);
    assert.deepEqual(topics(), treeBefore);
  });

  it('says so when add --topic names another topic for a moved item, which stays', () => {
    const text = ok(['add', PAGED, '--topic', 'Serving']);
    assert.match(text, /kept under "Journal club \/ this week", where it was moved/u);
    assert.doesNotMatch(text, /topic "Serving"/u);
    assert.deepEqual(itemOf(PAGED).topics, ['Journal club / this week']);
    assert.equal(
      topics().find((t) => t.path === 'Serving'),
      undefined,
      'the topic the add named files nothing: it is not left behind',
    );
  });

  it('keeps the move of an item merged into another', () => {
    const added = JSON.parse(
      ok([
        'add',
        'https://example.org/serving-notes',
        '--title',
        'Notes on serving',
        '--topic',
        'Scratch',
        '--json',
      ]),
    ) as { itemId: number };
    ok(['merge', String(added.itemId), String(itemOf(FLASH).id)]);
    const merged = listItems(db).find((i) => i.id === added.itemId);
    assert.deepEqual(merged?.topics, ['Journal club / this week']);
    assert.ok(!idsUnder('Scratch').includes(added.itemId));
    assert.equal(
      topics().find((t) => t.path === 'Scratch'),
      undefined,
      'nothing else was under Scratch',
    );
  });
});

describe('topics left empty', () => {
  let emptyDir = '';
  let file = '';
  const p = (n: number): string => `https://arxiv.org/abs/2401.0000${n}`;
  const list = (a2Heading: boolean): string =>
    [
      '# Empties',
      '## A',
      '### A1',
      `- [Paper one about empty topics](${p(1)})`,
      ...(a2Heading ? ['### A2'] : []),
      `- [Paper two about empty topics](${p(2)})`,
      '## B',
      `- [Paper three about empty topics](${p(3)})`,
      '## C',
      `- [Paper four about empty topics](${p(4)})`,
      '',
    ].join('\n');
  const at = (args: readonly string[]): string => stdoutOf(lectioAt(db, args), args);
  const tree = (): Array<[string, number | null, number]> =>
    (JSON.parse(at(['topics', '--json'])) as TopicJson[]).map((t) => [t.path, t.rank, t.items]);
  const topicRank = (arxiv: string): number => {
    const reader = new Database(db, { readonly: true });
    try {
      return Number(
        reader
          .prepare('SELECT topic_rank FROM items WHERE id = (SELECT item_id FROM item_keys WHERE key = ?)')
          .pluck()
          .get(`arxiv:${arxiv}`),
      );
    } finally {
      reader.close();
    }
  };

  before(() => {
    emptyDir = makeTempDir('lectio-empty-topics-');
    db = path.join(emptyDir, 'library.sqlite');
    file = path.join(emptyDir, 'empties.md');
    fs.writeFileSync(file, list(true));
    at(['import', file]);
  });
  after(() => removeDir(emptyDir));

  it('go when a move takes their last item; a parent stays while a sub-topic holds one', () => {
    assert.deepEqual(tree(), [
      ['A', 1, 2],
      ['A / A1', null, 1],
      ['A / A2', null, 1],
      ['B', 2, 1],
      ['C', 3, 1],
    ]);
    at(['move', p(1), '--topic', 'C']);
    assert.deepEqual(tree(), [
      ['A', 1, 1],
      ['A / A2', null, 1],
      ['B', 2, 1],
      ['C', 3, 2],
    ]);
  });

  it('take their rank with them: the topics after a top-level one move up, and so do their items', () => {
    assert.equal(topicRank('2401.00004'), 3);
    at(['move', p(3), '--topic', 'C']);
    assert.deepEqual(tree(), [
      ['A', 1, 1],
      ['A / A2', null, 1],
      ['C', 2, 3],
    ]);
    for (const n of [1, 3, 4]) assert.equal(topicRank(`2401.0000${n}`), 2);
  });

  it('stay gone through a re-import, and a heading dropped from the list goes too', () => {
    fs.writeFileSync(file, list(false));
    at(['import', file]);
    // Paper two now sits under A1 (the heading before it); paper one stays where it was moved.
    assert.deepEqual(tree(), [
      ['A', 1, 1],
      ['A / A1', null, 1],
      ['C', 2, 3],
    ]);
    assert.equal(topicRank('2401.00002'), 1);
  });

  it('stay while a plan reads them', () => {
    at(['plan', 'create', 'C plan', '--topic', 'C', '--per-week', '1']);
    at(['move', p(1), p(3), p(4), '--topic', 'D']);
    assert.deepEqual(tree(), [
      ['A', 1, 1],
      ['A / A1', null, 1],
      ['C', 2, 0],
      ['D', 3, 3],
    ]);
  });

  it('stay while an item moved there waits for a list to name it again', () => {
    at(['move', p(2), '--topic', 'Mine']);
    assert.deepEqual(
      tree().map(([topic]) => topic),
      ['C', 'D', 'Mine'],
    );
    // Paper two leaves the list (kept, orphaned), then another list names it again.
    fs.writeFileSync(file, list(false).replace(/^- \[Paper two.*\n/mu, ''));
    at(['import', file]);
    assert.ok(
      tree().some(([topic]) => topic === 'Mine'),
      'the orphaned item is still filed under Mine',
    );
    const again = path.join(emptyDir, 'again.md');
    fs.writeFileSync(again, `## Elsewhere\n\n- [Paper two about empty topics](${p(2)})\n`);
    at(['import', again]);
    assert.deepEqual(
      tree().find(([topic]) => topic === 'Mine'),
      ['Mine', 3, 1],
    );
    assert.equal(
      tree().find(([topic]) => topic === 'Elsewhere'),
      undefined,
      'its source is filed under Mine',
    );
  });

  it('come back when a list files a moved item under a topic an older lectio dropped', () => {
    const raw = new Database(db);
    raw.exec("DELETE FROM topics WHERE path = 'Mine'");
    raw.close();
    const again = path.join(emptyDir, 'again.md');
    fs.writeFileSync(
      again,
      `## Elsewhere\n\n- [Paper two about empty topics](${p(2)})\n- [Paper five](${p(5)})\n`,
    );
    at(['import', again]);
    assert.deepEqual(
      tree().find(([topic]) => topic === 'Mine'),
      ['Mine', 4, 1],
    );
  });
});

/**
 * Runs `body` on a library of its own: `lists` (file name → text) written to a new directory
 * and imported in that order; the directory goes afterwards.
 */
function inOwnLibrary(label: string, lists: Record<string, string>, body: () => void): void {
  const own = makeTempDir(label);
  try {
    db = path.join(own, 'library.sqlite');
    const files = Object.entries(lists).map(([name, text]) => {
      const file = path.join(own, name);
      fs.writeFileSync(file, text);
      return file;
    });
    ok(['import', ...files]);
    body();
  } finally {
    removeDir(own);
  }
}

const PAGED_ENTRY = `[Efficient Memory Management for Large Language Model Serving with PagedAttention](https://arxiv.org/abs/${PAGED})`;
const FLASH_ENTRY = `[FlashAttention: Fast and Memory-Efficient Exact Attention with IO-Awareness](${FLASH})`;

describe('a source unmerged from a moved item', () => {
  it('goes back under its list’s heading; the item stays where it was moved', () => {
    const lists = {
      'serving.md': `## Serving\n\n- ${PAGED_ENTRY}\n`,
      'memory.md': `## Memory\n\n- ${PAGED_ENTRY}\n`,
    };
    inOwnLibrary('lectio-unmerge-moved-', lists, () => {
      const item = itemOf(PAGED);
      assert.deepEqual([...item.topics].sort(), ['Memory', 'Serving']);
      ok(['move', PAGED, '--topic', 'Reading group']);
      assert.deepEqual(
        topics().map((t) => [t.path, t.items]),
        [['Reading group', 1]],
        'both headings emptied by the move',
      );
      ok(['unmerge', String(item.id), 'memory.md:3']);
      const after = listItems(db);
      assert.deepEqual(after.find((i) => i.id === item.id)?.topics, ['Reading group']);
      const split = after.find((i) => i.id !== item.id);
      assert.deepEqual(split?.topics, ['Memory'], 'under the heading memory.md gives it');
      assert.deepEqual(
        topics().map((t) => [t.path, t.items]),
        [
          ['Reading group', 1],
          ['Memory', 1],
        ],
      );
    });
  });
});

describe('renaming a topic whose name has a character beyond U+FFFF', () => {
  it('renames its sub-topics and what was moved there too', () => {
    inOwnLibrary(
      'lectio-rename-astral-',
      { 'rockets.md': `## Serving\n- ${PAGED_ENTRY}\n- ${FLASH_ENTRY}\n` },
      () => {
        // Headings lose their emoji on import; a move names the topic as the user types it.
        ok(['move', PAGED, '--topic', '🚀 𠀀 Serving / Batching']);
        ok(['move', FLASH, '--topic', '🚀 𠀀 Serving / Kernels']);
        ok(['topic', 'rename', '🚀 𠀀 Serving', 'Launch']);
        assert.deepEqual(
          topics().map((t) => [t.path, t.items]),
          [
            ['Launch', 2],
            ['Launch / Batching', 1],
            ['Launch / Kernels', 1],
          ],
        );
        assert.deepEqual(itemOf(FLASH).topics, ['Launch / Kernels']);
      },
    );
  });
});

describe('a plan on a sub-topic', () => {
  it('follows a rename of the topic above it', () => {
    inOwnLibrary('lectio-plan-rename-', { 'plans.md': `## A\n### A1\n\n- ${FLASH_ENTRY}\n` }, () => {
      ok(['plan', 'create', 'Sub plan', '--topic', 'A / A1', '--per-week', '1']);
      ok(['topic', 'rename', 'A', 'B']);
      const reader = new Database(db, { readonly: true });
      const topic = reader.prepare("SELECT topic FROM plans WHERE name = 'Sub plan'").pluck().get();
      reader.close();
      assert.equal(topic, 'B / A1');
      assert.deepEqual(
        topics().map((t) => t.path),
        ['B', 'B / A1'],
      );
    });
  });
});
