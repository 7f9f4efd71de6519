// A count says its noun in the number it has: "1 item", "2 items". A library of one list
// with one entry is the first thing many users make.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { lectioAt, makeTempDir, removeDir, stdoutOf } from './cli-helpers.js';

describe('counts in words', () => {
  let dir = '';
  let db = '';
  const ok = (args: readonly string[]): string => stdoutOf(lectioAt(db, args), args);
  before(() => {
    dir = makeTempDir('lectio-counts-');
    db = path.join(dir, 'library.sqlite');
  });
  after(() => removeDir(dir));

  it('one item, one list, one entry, one link, one topic', () => {
    const list = path.join(dir, 'one.md');
    fs.writeFileSync(
      list,
      '## Serving\n\n- [Orca](https://www.usenix.org/conference/osdi22/presentation/yu)\n',
    );
    assert.match(ok(['import', list]), /; the library holds 1 item\n/u);
    assert.match(ok(['stats']), /^1 item from 1 list \(1 entry, 1 link, 1 topic\)\n0 items appear in more/u);
    assert.match(ok(['topics']), /Serving {2,}1 item {3}\S+ 0\/1 done/u);
  });

  it('two of each', () => {
    const list = path.join(dir, 'two.md');
    fs.writeFileSync(
      list,
      '## Serving\n\n- [Orca](https://www.usenix.org/conference/osdi22/presentation/yu)\n- [vLLM](https://arxiv.org/abs/2309.06180)\n\n## Kernels\n\n- [FlashAttention](https://arxiv.org/abs/2205.14135)\n',
    );
    assert.match(ok(['import', list]), /; the library holds 3 items\n/u);
    assert.match(
      ok(['stats']),
      /^3 items from 2 lists \(4 entries, 3 links, 2 topics\)\n1 item appears in more than one list\n/u,
    );
    assert.match(ok(['topics']), /Serving {2,}2 items {2}\S+ 0\/2 done/u);
  });

  it("a merge is reported under the item's title, with the entry's own when it names the item otherwise", () => {
    const list = path.join(dir, 'renamed.md');
    fs.writeFileSync(list, '- [PA](https://arxiv.org/abs/2309.06180)\n');
    assert.match(
      ok(['import', list]),
      /\n {2}#\d+ vLLM {2}← renamed\.md:1 "PA" \(same arxiv:2309\.06180\)\n/u,
    );
  });

  it('an item added by hand is no list of its own; one entry of a list is "1 entry"', () => {
    ok(['add', 'https://arxiv.org/abs/2312.00752', '--title', 'Mamba']);
    assert.match(ok(['stats']), /^4 items from 3 lists \(6 entries,/u);
    const list = path.join(dir, 'single.md');
    fs.writeFileSync(list, '- [Orca](https://www.usenix.org/conference/osdi22/presentation/yu)\n');
    assert.match(ok(['import', list]), /single\.md: new, 1 entry\n/u);
  });
});
