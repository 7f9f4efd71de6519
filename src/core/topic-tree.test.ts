import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ParsedItem } from './item.js';
import {
  isDateTopic,
  prioritize,
  renamedPath,
  resolveTopic,
  resolveTopicForWriting,
  topicAsNamed,
  TopicSpelling,
  treeOrder,
} from './topic-tree.js';

const at = (paths: string[]) => paths.map((path, i) => ({ path, position: i + 1 }));

describe('topic tree order', () => {
  it('puts every sub-topic right after its parent, siblings by position', () => {
    const topics = [
      { path: 'LLM / kv cache', position: 5 },
      { path: 'Vision', position: 2 },
      { path: 'LLM', position: 3 },
      { path: 'LLM / quantize', position: 4 },
      { path: 'Vision / detection', position: 1 },
    ];
    assert.deepEqual(treeOrder(topics), [
      'Vision',
      'Vision / detection',
      'LLM',
      'LLM / quantize',
      'LLM / kv cache',
    ]);
  });
  it('treats a path whose parent is missing as a root', () => {
    assert.deepEqual(treeOrder(at(['A / b', 'C'])), ['A / b', 'C']);
  });
});

describe('prioritize', () => {
  const order = [
    'deep learning',
    'deep learning / cnn',
    'memory',
    'LLM',
    'LLM / deploy',
    'LLM / kv cache',
    'others',
  ];
  const cases: Array<[string, string[], string[]]> = [
    [
      'one topic to the front, with its branch',
      ['LLM'],
      ['LLM', 'LLM / deploy', 'LLM / kv cache', 'deep learning', 'deep learning / cnn', 'memory', 'others'],
    ],
    [
      'several, in the order given',
      ['others', 'memory'],
      ['others', 'memory', 'deep learning', 'deep learning / cnn', 'LLM', 'LLM / deploy', 'LLM / kv cache'],
    ],
    [
      'a sub-topic moves among its siblings only',
      ['LLM / kv cache'],
      ['deep learning', 'deep learning / cnn', 'memory', 'LLM', 'LLM / kv cache', 'LLM / deploy', 'others'],
    ],
    ['the current order again changes nothing', ['deep learning', 'memory', 'LLM', 'others'], order],
  ];
  for (const [name, named, expected] of cases)
    it(name, () => assert.deepEqual(prioritize(order, named), expected));
});

describe('resolving a topic the user typed', () => {
  const paths = ['LLM', 'LLM / quantize', 'Vision / quantize', 'Mixture-of-Experts'];
  it('takes the exact path in any case, else a unique last segment', () => {
    assert.equal(resolveTopic(paths, 'llm'), 'LLM');
    assert.equal(resolveTopic(paths, 'mixture-of-experts'), 'Mixture-of-Experts');
    assert.equal(resolveTopic(paths, 'llm / QUANTIZE'), 'LLM / quantize');
  });
  it('refuses an ambiguous or unknown name with the candidates', () => {
    assert.throws(
      () => resolveTopic(paths, 'quantize'),
      /could be: "LLM \/ quantize", "Vision \/ quantize"/u,
    );
    assert.throws(() => resolveTopic(paths, 'experts'), /no topic "experts"; closest: "Mixture-of-Experts"/u);
  });
  it('for a write, reuses an existing topic or keeps the new path as typed', () => {
    assert.equal(resolveTopicForWriting(paths, 'llm'), 'LLM');
    assert.equal(resolveTopicForWriting(paths, ' LLM  /  serving '), 'LLM / serving');
    assert.equal(resolveTopicForWriting(paths, 'I/O'), 'I/O', 'a slash without spaces is part of a name');
    assert.throws(() => resolveTopicForWriting(paths, '  '), /needs a name/u);
    for (const bad of [' / ', '/', 'a / / b', 'LLM / /', '/ LLM']) {
      assert.throws(() => resolveTopicForWriting(paths, bad), /no empty one/u, bad);
    }
  });
  it('files a new topic under its existing parent, spelt as the parent is', () => {
    assert.equal(resolveTopicForWriting(paths, 'llm / new'), 'LLM / new');
    assert.equal(resolveTopicForWriting(paths, 'LLM / QUANTIZE / int4'), 'LLM / quantize / int4');
    assert.equal(resolveTopicForWriting(paths, 'Robotics / new'), 'Robotics / new', 'no parent: as typed');
    assert.equal(
      resolveTopicForWriting(['Systems / Storage'], 'systems / net'),
      'Systems / net',
      'a parent that is only a prefix of a stored path counts too',
    );
  });
});

describe('remembered renames', () => {
  const renames = new Map([
    ['Blog notes', 'Blogs'],
    ['LLM / deploy', 'Serving'],
  ]);
  const cases: Array<[string, string]> = [
    ['Blog notes', 'Blogs'],
    ['Blog notes / 2023', 'Blogs / 2023'],
    ['Blog notes extra', 'Blog notes extra'],
    ['LLM / deploy / source', 'Serving / source'],
    ['LLM', 'LLM'],
    ['blog notes / 2024', 'Blogs / 2024'],
    ['llm / DEPLOY', 'Serving'],
    ['', ''],
  ];
  it('prefer a rename of the path as spelt over one in another case', () => {
    const both = new Map([
      ['llm', 'Alpha'],
      ['LLM', 'Beta'],
    ]);
    assert.equal(renamedPath('llm / x', both), 'Alpha / x');
    assert.equal(renamedPath('LLM / x', both), 'Beta / x');
    assert.equal(renamedPath('Llm / x', both), 'Alpha / x');
  });
  it('keep the rest of the path whole when lower case changes a length', () => {
    assert.equal(renamedPath('İstanbul / food', new Map([['i̇stanbul', 'Turkey']])), 'İstanbul / food');
    assert.equal(renamedPath('ISTANBUL / food', new Map([['istanbul', 'Turkey']])), 'Turkey / food');
  });
  for (const [from, to] of cases)
    it(`"${from}" → "${to}"`, () => assert.equal(renamedPath(from, renames), to));
  it('apply to an imported entry', () => {
    const entry = { topic: ['LLM', 'deploy', 'source'] } as unknown as ParsedItem;
    assert.deepEqual(topicAsNamed(entry, new TopicSpelling([], renames)).topic, ['Serving', 'source']);
  });
});

describe('one topic in any case (TopicSpelling)', () => {
  const entry = (...topic: string[]) => ({ topic }) as unknown as ParsedItem;
  it('files an imported entry under the topic as the library spells it', () => {
    const spelling = new TopicSpelling(['LLM / KV cache']);
    assert.deepEqual(topicAsNamed(entry('llm'), spelling).topic, ['LLM']);
    assert.deepEqual(topicAsNamed(entry('llm', 'kv CACHE', 'paging'), spelling).topic, [
      'LLM',
      'KV cache',
      'paging',
    ]);
    assert.deepEqual(topicAsNamed(entry('Vision'), spelling).topic, ['Vision']);
  });
  it('keeps the first spelling met in one run for the entries after it', () => {
    const spelling = new TopicSpelling([]);
    assert.deepEqual(topicAsNamed(entry('Serving', 'vLLM'), spelling).topic, ['Serving', 'vLLM']);
    assert.deepEqual(topicAsNamed(entry('serving', 'VLLM', 'notes'), spelling).topic, [
      'Serving',
      'vLLM',
      'notes',
    ]);
    assert.equal(spelling.spell('SERVING'), 'Serving');
  });
  it('forgets a spelling nothing uses any more', () => {
    const spelling = new TopicSpelling(['LLM', 'LLM / serving']);
    spelling.unlearn('LLM / serving');
    assert.deepEqual(topicAsNamed(entry('llm', 'Serving'), spelling).topic, ['LLM', 'Serving']);
  });
});

describe('isDateTopic: headings that file papers by when', () => {
  const cases: Array<[string, boolean]> = [
    ['Top ML Papers of the Week (January 22 - January 28) - 2024', true], // dair-ai
    ['Top ML Papers of the Week (Jan 16-22)', true],
    ['Papers / 2019', true], // awesome-model-quantization_htqin
    ['2023.05', true],
    ['LLM / kv cache', false],
    ['Papers / Survey', false],
    ['Mixture-of-Experts(MoE) LLM Inference', false],
    ['GPT-4 / Scaling 2', false],
    // words that begin like a month are no dates
    ['Marlin 2', false],
    ['Decoding 3', false],
    ['Augmentation 1', false],
    ['Octo 1', false],
    ['Junction 4', false],
    ['Sept 3', true],
  ];
  for (const [path, expected] of cases) {
    it(`${path} → ${expected}`, () => assert.equal(isDateTopic(path), expected));
  }
});
