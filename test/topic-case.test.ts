// Topics are matched by their exact spelling when lectio decides one is empty
// (sqlite-library-store.ts dropEmptyTopics): a list that fixes the case of a heading leaves
// the old spelling with nothing under it, and it goes; two lists that spell a heading
// differently keep a topic each, as they say.

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

  it('stay two when two lists spell them so', () => {
    ok([
      'import',
      write('a.md', `## LLM\n\n${paperA}\n`),
      write('b.md', `## llm\n### serving\n\n${paperB}\n`),
    ]);
    assert.deepEqual(tree(), [
      ['LLM', 1, 1],
      ['llm', 2, 1],
      ['llm / serving', null, 1],
    ]);
  });

  it('lose the old spelling when a list fixes the case of its heading', () => {
    ok(['import', write('b.md', `## LLM\n### Serving\n\n${paperB}\n`)]);
    assert.deepEqual(tree(), [
      ['LLM', 1, 2],
      ['LLM / Serving', null, 1],
    ]);
  });
});
