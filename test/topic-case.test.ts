// Headings that differ only in case make one topic (topic-tree.ts TopicSpelling): one list's
// "## LLM" and another's "## llm / Serving" are LLM and LLM / Serving, not two roots. A library
// an older lectio left with both spellings loses the other one when its list is imported again.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { lectioAt, makeTempDir, removeDir, stdoutOf } from './cli-helpers.js';

interface TopicJson {
  path: string;
  rank: number | null;
  items: number;
}

describe('topics in another case', () => {
  let dir = '';
  let db = '';
  const ok = (args: readonly string[]): string => stdoutOf(lectioAt(db, args), args);
  const tree = (): Array<[string, number | null, number]> =>
    (JSON.parse(ok(['topics', '--json'])) as TopicJson[]).map((t) => [t.path, t.rank, t.items]);
  const write = (name: string, text: string): string => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, text);
    return file;
  };
  before(() => {
    dir = makeTempDir('lectio-topic-case-');
    db = path.join(dir, 'library.sqlite');
  });
  after(() => removeDir(dir));

  it('join the topic as first spelt, in one import and in the next', () => {
    ok([
      'import',
      write('a.md', '## LLM\n\n- [Paper A about topic case](https://arxiv.org/abs/2401.00021)\n'),
      write(
        'b.md',
        '## llm\n### serving\n\n- [Paper B about topic case](https://arxiv.org/abs/2401.00022)\n',
      ),
    ]);
    ok([
      'import',
      write('c.md', '## Llm / Serving\n\n- [Paper C about topic case](https://arxiv.org/abs/2401.00023)\n'),
    ]);
    assert.deepEqual(tree(), [
      ['LLM', 1, 3],
      ['LLM / serving', null, 2],
    ]);
  });

  it('an older library’s second spelling goes when its list is imported again', () => {
    // As an older lectio left it: b.md's source under its own "llm" rows.
    const raw = new Database(db);
    raw.exec(`
      INSERT INTO topics (path, position) VALUES ('llm', 10), ('llm / serving', 11);
      UPDATE sources SET topic = 'llm / serving'
        WHERE list_id = (SELECT id FROM lists WHERE path LIKE '%/b.md');
    `);
    raw.close();
    assert.deepEqual(
      tree().map(([p, , n]) => [p, n]),
      [
        ['LLM', 2],
        ['LLM / serving', 1],
        ['llm', 1],
        ['llm / serving', 1],
      ],
    );
    ok([
      'import',
      write(
        'b.md',
        '## llm\n### serving\n\n- [Paper B about topic case](https://arxiv.org/abs/2401.00022)\n- [Paper D](https://arxiv.org/abs/2401.00024)\n',
      ),
    ]);
    assert.deepEqual(tree(), [
      ['LLM', 1, 4],
      ['LLM / serving', null, 3],
    ]);
  });
});
