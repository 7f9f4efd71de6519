// The markdown export imports back into the same library: for every seed and every list in
// ../shared/testdata/lists, import → export → import into an empty library → compare item by
// item (titles, aliases, canonical ids, links with roles and labels, topics, status,
// importance, why, notes).

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { importLists } from '../src/core/import-lists.js';
import { titleKey } from '../src/core/identity.js';
import { type ExportItem, itemIds } from '../src/core/library-export.js';
import { type Link, LINK_ROLES } from '../src/core/item.js';
import type { LibraryStore } from '../src/core/library-store.js';
import { exportMarkdown } from '../src/formats/export/markdown-export.js';
import { cleanTitle } from '../src/formats/markdown/item-fields.js';
import { readListFile } from '../src/formats/read-list-file.js';
import { openDatabase } from '../src/store/sqlite/open-database.js';
import { SqliteLibraryStore } from '../src/store/sqlite/sqlite-library-store.js';
import { LISTS_DIR, SEEDS, seed, tempDir, testList } from './cli-helpers.js';

const LISTS = fs
  .readdirSync(LISTS_DIR)
  .filter((f) => f.endsWith('.md'))
  .sort()
  .map((f) => path.join(LISTS_DIR, f));

const now = () => new Date('2026-01-01T00:00:00Z');

function libraryOf(dir: string, name: string, files: readonly string[]): LibraryStore {
  const store = new SqliteLibraryStore(openDatabase(path.join(dir, `${name}.sqlite`)));
  importLists(
    store,
    files.map((f) => readListFile(f)),
    { now },
  );
  return store;
}

/**
 * A link's label as the round trip keeps it: what the list called the link ("Tweet",
 * "[pdf]", "torch"), or '' when the label is only one of the item's names (a title link's
 * label is the title again) or its URL (an autolink's).
 */
function labelOf(link: Link, item: ExportItem): string {
  const label = link.label ?? '';
  if (label === '' || label === link.url) return '';
  const names = new Set([item.title, ...item.aliases].map(titleKey));
  return names.has(titleKey(label)) || names.has(titleKey(cleanTitle(label).title)) ? '' : label;
}

/**
 * The words the export writes on a link the list gave no label, where markdown needs one to
 * carry the link ("Title [site](https://nips.cc/)", "[notes](./papers/LLM/LLAMA2.md)"): it
 * only says the link's role again, so it may come back where there was no label before.
 */
const ROLE_WORDS_WRITTEN = new Set<string>([
  ...LINK_ROLES.filter((role) => role !== 'other'),
  'docs',
  'link',
]);

/** What the round trip keeps, per item, in a form that compares as a whole. */
export function comparable(item: ExportItem) {
  return {
    title: item.title,
    aliases: [...item.aliases].sort(),
    ids: itemIds(item.links),
    links: item.links.map((l) => `${l.role} [${labelOf(l, item)}] ${l.url}`).sort(),
    topics: [...item.topics].sort(),
    status: item.status === 'inbox' ? 'to-read' : item.status,
    importance: item.importance,
    why: item.why,
    notes: [...item.notes].sort(),
  };
}

/**
 * `item` read back, as `comparable` has it, except that a role word the export wrote on a
 * link that had no label (ROLE_WORDS_WRITTEN) counts as no label, as it was `before`.
 */
function comparableAfter(item: ExportItem, before: ExportItem | undefined) {
  const unlabelled = new Set(before?.links.filter((l) => labelOf(l, before) === '').map((l) => l.url));
  return comparable({
    ...item,
    links: item.links.map((l) =>
      unlabelled.has(l.url) && ROLE_WORDS_WRITTEN.has(labelOf(l, item)) ? { url: l.url, role: l.role } : l,
    ),
  });
}

/** Items by their title and the URLs of their links, which the round trip keeps. */
function byKey(items: readonly ExportItem[]): Map<string, ExportItem[]> {
  const out = new Map<string, ExportItem[]>();
  for (const item of items) {
    const key = `${item.title}\u0000${item.links
      .map((l) => l.url)
      .sort()
      .join(' ')}`;
    out.set(key, [...(out.get(key) ?? []), item]);
  }
  return out;
}

function roundTrip(t: import('node:test').TestContext, files: readonly string[]): void {
  const dir = tempDir(t);
  const original = libraryOf(dir, 'original', files);
  const before = original.exportItems({});
  original.close();
  const exported = path.join(dir, 'exported.md');
  fs.writeFileSync(exported, exportMarkdown(before));
  const again = libraryOf(dir, 'again', [exported]);
  const after = again.exportItems({});
  again.close();
  const a = byKey(before.items);
  const b = byKey(after.items);
  const missing = [...a.keys()].filter((k) => !b.has(k));
  const extra = [...b.keys()].filter((k) => !a.has(k));
  assert.deepEqual(
    { missing: missing.slice(0, 5), extra: extra.slice(0, 5) },
    { missing: [], extra: [] },
    `${missing.length} items lost, ${extra.length} items new`,
  );
  for (const [key, items] of a) {
    const back = (b.get(key) ?? []).map((item, i) => comparableAfter(item, items[i]));
    assert.deepEqual(back, items.map(comparable), key);
  }
  assert.equal(after.items.length, before.items.length);
}

for (const file of [...SEEDS, ...LISTS]) {
  test(`markdown export of ${path.basename(file)} imports back into the same library`, (t) => {
    roundTrip(t, [file]);
  });
}

// Together, the lists hold the same paper under titles and links that only some entries
// tie together (place-entry.ts joinSameTitle): the export must not merge what the import kept
// apart, nor keep apart what it merged.
test('markdown export of the seeds and real lists together imports back into the same library', (t) => {
  roundTrip(t, [...SEEDS, ...LISTS]);
});

// The audit's cases, and the lines a reader of the export finds them on: every other name on
// an "aka:" line (before, seed 000's "cnn-winograd" came back as nothing), and each link under
// the label its list gave it (dair-ai's "Tweet" came back as "link: …" with no label).
const KEPT: Array<{ title: string; aliases?: string[]; link?: Required<Link>; line: string }> = [
  {
    title: 'Fast Algorithms for Convolutional Neural Networks',
    aliases: ['cnn-winograd'],
    line: '- [ ] [Fast Algorithms for Convolutional Neural Networks](https://arxiv.org/abs/1509.09308)\n  - aka: cnn-winograd',
  },
  {
    title: 'TensorFlow Lite Micro: Embedded Machine Learning on TinyML Systemsa',
    aliases: ['tensorflow lite micro'],
    line: '  - aka: tensorflow lite micro',
  },
  {
    title: 'Scaling Rectified Flow Transformers for High-Resolution Image Synthesis',
    aliases: ['stable diffusion 3'],
    line: '  - aka: stable diffusion 3',
  },
  { title: 'Flash Attention-2', aliases: ['Flash Attention 2'], line: '  - aka: Flash Attention 2' },
  {
    title: 'Efficient KG Reasoning for Small LLMs',
    link: { url: 'https://x.com/omarsar0/status/1910319109096747191', role: 'other', label: 'Tweet' },
    line: '  - [Tweet](https://x.com/omarsar0/status/1910319109096747191)',
  },
  {
    title: 'Efficient KG Reasoning for Small LLMs',
    link: { url: 'https://arxiv.org/abs/2504.03137', role: 'paper', label: 'Paper' },
    line: '- [ ] Efficient KG Reasoning for Small LLMs (2025) [Paper](https://arxiv.org/abs/2504.03137)',
  },
  {
    title:
      'BppAttack: Stealthy and Efficient Trojan Attacks against Deep Neural Networks via Image Quantization and Contrastive Adversarial Learning',
    link: {
      url: 'https://github.com/RU-System-Software-and-Security/BppAttack',
      role: 'code',
      label: 'torch',
    },
    line: '  - code: [torch](https://github.com/RU-System-Software-and-Security/BppAttack)',
  },
  {
    title: 'BNN+: Improved Binary Network Training',
    link: { url: 'https://openreview.net/pdf?id=SJfHg2A5tQ', role: 'pdf', label: 'paper' },
    line: '- [ ] BNN+: Improved Binary Network Training (2019) [paper](https://openreview.net/pdf?id=SJfHg2A5tQ)',
  },
  {
    title: 'GQA: Training Generalized Multi-Query Transformer Models from Multi-Head Checkpoints',
    aliases: ['GQA'],
    link: { url: 'https://arxiv.org/pdf/2305.13245.pdf', role: 'pdf', label: '[pdf]' },
    line: '[[pdf]](https://arxiv.org/pdf/2305.13245.pdf)',
  },
];

test('aliases and link labels come back, on the lines the lists themselves would write', (t) => {
  const dir = tempDir(t);
  const files = [
    seed('000'),
    seed('003'),
    testList('ml-papers-of-the-week_dair-ai.md'),
    testList('awesome-model-quantization_htqin.md'),
    testList('awesome-llm-inference_DefTruth.md'),
  ];
  const original = libraryOf(dir, 'original', files);
  const text = exportMarkdown(original.exportItems({}));
  original.close();
  const exported = path.join(dir, 'exported.md');
  fs.writeFileSync(exported, text);
  const again = libraryOf(dir, 'again', [exported]);
  const after = again.exportItems({}).items;
  again.close();
  for (const c of KEPT) {
    assert.ok(text.includes(c.line), `the export writes ${JSON.stringify(c.line)}`);
    const item = after.find((i) => i.title.endsWith(c.title));
    assert.ok(item, c.title);
    for (const alias of c.aliases ?? []) assert.ok(item.aliases.includes(alias), `${c.title}: aka ${alias}`);
    if (c.link)
      assert.deepEqual(
        item.links.find((l) => l.url === c.link?.url),
        c.link,
        c.title,
      );
  }
});
