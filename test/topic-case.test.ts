// Topics that differ only in case are one topic: one list's "## LLM" and another's "## llm"
// file under the topic as the library first spelt it (topic-tree.ts TopicSpelling), as
// `add --topic` and `move` already did. A list that fixes the case of a heading of its own
// renames the topic when no other list uses it; the old spelling, with nothing left under
// it, goes (sqlite-library-store.ts dropEmptyTopics).

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { lectioAt, makeTempDir, removeDir, stdoutOf } from './cli-helpers.js';

interface TopicJson {
  path: string;
  rank: number | null;
  items: number;
}

describe('topics that differ only in case', () => {
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
  const paperA = '- [Paper A about topic case](https://arxiv.org/abs/2401.00021)';
  const paperB = '- [Paper B about topic case](https://arxiv.org/abs/2401.00022)';
  before(() => {
    dir = makeTempDir('lectio-topic-case-');
    db = path.join(dir, 'library.sqlite');
  });
  after(() => removeDir(dir));

  it('are one topic, spelt as the first list spells it', () => {
    ok([
      'import',
      write('a.md', `## LLM\n\n${paperA}\n`),
      write('b.md', `## llm\n### serving\n\n${paperB}\n`),
    ]);
    assert.deepEqual(tree(), [
      ['LLM', 1, 2],
      ['LLM / serving', null, 1],
    ]);
    assert.equal(ok(['list', '--topic', 'llm', '--json']).match(/"id"/gu)?.length, 2);
  });

  it('follow a list that fixes the case of a heading only it uses', () => {
    ok(['import', write('b.md', `## LLM\n### Serving\n\n${paperB}\n`)]);
    assert.deepEqual(tree(), [
      ['LLM', 1, 2],
      ['LLM / Serving', null, 1],
    ]);
  });

  it('keep their priority when a list fixes the case of its own heading', () => {
    const db2 = path.join(dir, 'priority.sqlite');
    const run = (args: readonly string[]): string => stdoutOf(lectioAt(db2, args), args);
    const order = (): Array<[string, number | null]> =>
      (JSON.parse(run(['topics', '--json'])) as TopicJson[]).map((t) => [t.path, t.rank]);
    const c = write('c.md', `## Systems\n\n${paperA}\n\n## vision\n### detection\n\n${paperB}\n`);
    run(['import', c]);
    run(['topic', 'prioritize', 'vision']);
    assert.deepEqual(order(), [
      ['vision', 1],
      ['vision / detection', null],
      ['Systems', 2],
    ]);
    run(['import', write('c.md', `## Systems\n\n${paperA}\n\n## Vision\n### Detection\n\n${paperB}\n`)]);
    assert.deepEqual(order(), [
      ['Vision', 1],
      ['Vision / Detection', null],
      ['Systems', 2],
    ]);
  });

  it('keep the spelling another list still uses', () => {
    ok(['import', write('b.md', `## llm\n### Serving\n\n${paperB}\n`)]);
    assert.deepEqual(tree(), [
      ['LLM', 1, 2],
      ['LLM / Serving', null, 1],
    ]);
  });

  it('change case by topic rename, also when two lists share the topic', () => {
    ok(['import', write('c.md', `## llm\n### serving\n\n${paperA.replace('00021', '00023')}\n`)]);
    assert.deepEqual(tree()[1], ['LLM / Serving', null, 2], 'c.md files under the spelling there is');
    ok(['topic', 'rename', 'LLM / Serving', 'LLM / SERVING']);
    assert.deepEqual(tree()[1], ['LLM / SERVING', null, 2]);
    ok(['import', write('c.md', `## llm\n### Serving\n\n${paperA.replace('00021', '00023')}\n`)]);
    assert.deepEqual(
      tree()[1],
      ['LLM / SERVING', null, 2],
      'the rename holds for a list that another shares',
    );
    ok(['topic', 'rename', 'LLM / SERVING', 'LLM / Serving']);
  });

  it('keep a rename the user made, whatever case a list writes the old name in', () => {
    ok(['topic', 'rename', 'LLM / Serving', 'LLM / Inference']);
    ok(['import', write('b.md', `## LLM\n### SERVING\n\n${paperB}\n`)]);
    assert.deepEqual(tree(), [
      ['LLM', 1, 3],
      ['LLM / Inference', null, 2],
    ]);
  });
});
