// Note files for Obsidian: names safe on every file system, front matter Obsidian reads, and
// a round trip that loses nothing, on hostile titles and on every item of the four seeds.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { canonicalIdsOfUrl } from '../../core/canonical-id.js';
import { LectioError } from '../../core/errors.js';
import type { ParsedItem } from '../../core/item.js';
import { isUntouchedTemplate, noteTemplate } from '../../core/note-template.js';
import { readListFile } from '../read-list-file.js';
import {
  type NoteFileEdits,
  type NoteFileItem,
  noteFileName,
  parseNoteFile,
  renderNoteFile,
  slugTag,
} from './note-file.js';

function item(fields: Partial<NoteFileItem> = {}): NoteFileItem {
  return {
    id: 1,
    title: 'Attention Is All You Need',
    aliases: [],
    status: 'inbox',
    importance: null,
    rating: null,
    pass: 0,
    readAt: null,
    why: null,
    topics: [],
    links: [],
    ids: {},
    year: null,
    authors: [],
    note: '',
    ...fields,
  };
}

/** The editable fields as a note file gives them back. */
function editable(i: NoteFileItem): NoteFileEdits {
  return {
    id: i.id,
    title: i.title,
    why: i.why,
    status: i.status,
    importance: i.importance,
    rating: i.rating,
    topics: i.topics,
    note: i.note,
  };
}

function applyEdits(i: NoteFileItem, e: NoteFileEdits): NoteFileItem {
  return {
    ...i,
    title: e.title ?? i.title,
    why: e.why,
    status: e.status ?? i.status,
    importance: e.importance ?? null,
    rating: e.rating ?? null,
    topics: e.topics ?? [],
    note: e.note,
  };
}

function assertRoundTrip(i: NoteFileItem): void {
  const text = renderNoteFile(i);
  const parsed = parseNoteFile(text, noteFileName(i));
  assert.deepEqual(parsed, editable(i), `round trip of #${i.id} ${JSON.stringify(i.title)}`);
  assert.equal(renderNoteFile(applyEdits(i, parsed)), text, `re-render of #${i.id}`);
}

function badInput(fn: () => unknown, message: RegExp): void {
  assert.throws(fn, (error: unknown) => {
    assert.ok(error instanceof LectioError, String(error));
    assert.equal(error.code, 'bad_input');
    assert.match(error.message, message);
    return true;
  });
}

function utf8Bytes(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/** What any note file name must be, whatever the title. */
function assertSafeName(name: string, id: number): void {
  assert.ok(name.endsWith(` (${id}).md`), name);
  assert.doesNotMatch(name, /[\\/:*?"<>|#^[\]\p{Cc}]/u, name);
  assert.ok(!name.startsWith('.') && !name.startsWith(' '), name);
  assert.notEqual(name, '..');
  assert.equal(path.basename(name), name);
  assert.ok(utf8Bytes(name) <= 255, `${utf8Bytes(name)} bytes: ${name}`);
  assert.ok(name.length <= 255, name);
  // With the u flag this matches lone surrogates only: a pair is one code point.
  assert.doesNotMatch(name, /[\uD800-\uDFFF]/u, `lone surrogate in ${JSON.stringify(name)}`);
  // The id suffix is the last " (" group: the name gives the id back.
  assert.equal(/ \((\d+)\)\.md$/u.exec(name)?.[1], String(id));
}

describe('note file names', () => {
  const cases: Array<[string, string]> = [
    ['Attention Is All You Need', 'Attention Is All You Need'],
    // seed 002: colons everywhere in paper titles.
    [
      'LLAMA 2: Open Foundation and Fine-Tuned Chat Models',
      'LLAMA 2 Open Foundation and Fine-Tuned Chat Models',
    ],
    ['../../etc/passwd', 'etc passwd'],
    ['..', 'untitled'],
    ['.hidden', 'hidden'],
    ['CON', 'CON'],
    ['a/b\\c', 'a b c'],
    ['   ', 'untitled'],
    ['', 'untitled'],
    ['#|^[]', 'untitled'],
    ['What? "Really" <yes> *maybe*', 'What Really yes maybe'],
    ['trailing dots...', 'trailing dots'],
    ['tabs\tand\nnew\r\nlines\u0000and NUL\u0085', 'tabs and new lines and NUL'],
    ['FlashAttention-2 (2023)', 'FlashAttention-2 (2023)'],
    ['大模型推理优化：KV Cache', '大模型推理优化：KV Cache'],
    ['🦙 LLaMA: 🔥 hot', '🦙 LLaMA 🔥 hot'],
    ['ما هو الانتباه', 'ما هو الانتباه'],
    // A right-to-left override would make "gpj.md" display as "dm.jpg".
    ['report\u202Egpj', 'report gpj'],
    ['a\uD800b', 'a b'],
    // seed 003 before repair: mojibake is odd but legal text; C1 controls are not.
    ['AIèŠ¯ç‰‡ä¸Ž\u0081å¤§æ¨¡åž‹', 'AIèŠ¯ç‰‡ä¸Ž å¤§æ¨¡åž‹'],
    // Decomposed (macOS) and composed accents give one name.
    ['Cafe\u0301', 'Café'],
  ];
  for (const [title, expected] of cases) {
    it(JSON.stringify(title), () => {
      const name = noteFileName({ id: 42, title });
      assert.equal(name, `${expected} (42).md`);
      assertSafeName(name, 42);
    });
  }

  it('cut long titles at 80 code points, on a character boundary, with an ellipsis', () => {
    assert.equal(noteFileName({ id: 3, title: 'x'.repeat(500) }), `${'x'.repeat(79)}… (3).md`);
    assert.equal(noteFileName({ id: 3, title: 'x'.repeat(80) }), `${'x'.repeat(80)} (3).md`);
    // An emoji right at the cut: the pair stays whole.
    assert.equal(noteFileName({ id: 3, title: `${'a'.repeat(78)}😀😀😀` }), `${'a'.repeat(78)}😀… (3).md`);
    // A family emoji is five code points in one glyph: all of it or none.
    assert.equal(noteFileName({ id: 3, title: `${'a'.repeat(76)}👨‍👩‍👧 and more` }), `${'a'.repeat(76)}… (3).md`);
    // No trailing space or dot before the ellipsis.
    assert.equal(
      noteFileName({ id: 3, title: `${'a'.repeat(77)}. b${'c'.repeat(50)}` }),
      `${'a'.repeat(77)}… (3).md`,
    );
  });

  it('cut CJK and emoji titles by bytes too, so the name fits in 255 bytes', () => {
    const cjk = noteFileName({ id: 7, title: '中'.repeat(300) });
    assert.equal(cjk, `${'中'.repeat(65)}… (7).md`);
    const emoji = noteFileName({ id: 7, title: '🔥'.repeat(300) });
    assert.equal(emoji, `${'🔥'.repeat(49)}… (7).md`);
    // A zalgo title is one enormous grapheme: cut between its code points.
    const zalgo = noteFileName({ id: 7, title: `x${'\u0301'.repeat(500)}` });
    assert.equal(zalgo, `x${'\u0301'.repeat(78)}… (7).md`);
    for (const name of [cjk, emoji, zalgo]) assertSafeName(name, 7);
  });

  it('are unique by construction, even for titles that end like an id suffix', () => {
    const titles = [
      'Same',
      'Same',
      'Same (2)',
      'Same (2).md',
      'same',
      'Same/',
      'Same:',
      'x'.repeat(500),
      'x'.repeat(501),
    ];
    const names = titles.map((title, i) => noteFileName({ id: i + 1, title }));
    assert.equal(new Set(names).size, names.length, names.join('\n'));
    // Unique on case-insensitive file systems too (macOS, Windows).
    assert.equal(new Set(names.map((n) => n.toLowerCase())).size, names.length);
    names.forEach((name, i) => assertSafeName(name, i + 1));
  });
});

describe('tags from topics', () => {
  const cases: Array<[string, string]> = [
    ['LLM / KV cache', 'LLM/KV-cache'],
    ['LLM Inference', 'LLM-Inference'],
    ['1. deep learning', '1-deep-learning'],
    ['Mixture-of-Experts', 'Mixture-of-Experts'],
    ['📚 研究领域概览 / 模型优化', '研究领域概览/模型优化'],
    ['C++ / I/O', 'C/I/O'],
    ['2023', '_2023'],
    ['2023 / 01', '_2023/01'],
    ['v1.5: what #changed?', 'v1-5-what-changed'],
    ['🔥🔥', ''],
    ['', ''],
  ];
  for (const [topic, tag] of cases) {
    it(`${JSON.stringify(topic)} → ${JSON.stringify(tag)}`, () => {
      assert.equal(slugTag(topic), tag);
      assert.doesNotMatch(slugTag(topic), /\s/u);
    });
  }
});

describe('rendering', () => {
  it('writes the front matter Obsidian reads and the note as the body', () => {
    const text = renderNoteFile(
      item({
        id: 12,
        title: 'LLAMA 2: Open Foundation and Fine-Tuned Chat Models',
        aliases: ['Llama 2'],
        status: 'read',
        importance: 4,
        rating: 5,
        pass: 2,
        readAt: '2026-11-20T09:00:00.000Z',
        why: 'the open baseline',
        topics: ['LLM / Large Language Model'],
        links: [
          { url: 'https://github.com/facebookresearch/llama', role: 'code', label: 'code' },
          { url: 'https://arxiv.org/abs/2307.09288', role: 'paper' },
        ],
        ids: { arxiv: '2307.09288', github: 'facebookresearch/llama' },
        year: 2023,
        authors: ['Hugo Touvron'],
        note: '## Takeaways\n\nRLHF in two stages.\n',
      }),
    );
    assert.equal(
      text,
      [
        '---',
        'lectio_id: 12',
        'title: "LLAMA 2: Open Foundation and Fine-Tuned Chat Models"',
        'aliases:',
        '  - Llama 2',
        'tags:',
        '  - LLM/Large-Language-Model',
        'topics:',
        '  - LLM / Large Language Model',
        'status: read',
        'importance: 4',
        'rating: 5',
        'pass: 2',
        'read_at: 2026-11-20T09:00:00.000Z',
        'why: the open baseline',
        'year: 2023',
        'authors:',
        '  - Hugo Touvron',
        'arxiv: "2307.09288"',
        'github: facebookresearch/llama',
        'url: https://arxiv.org/abs/2307.09288',
        'links:',
        '  - "code: https://github.com/facebookresearch/llama"',
        '  - "paper: https://arxiv.org/abs/2307.09288"',
        '---',
        '## Takeaways',
        '',
        'RLHF in two stages.',
        '',
      ].join('\n'),
    );
  });

  it('leaves out empty fields but keeps an empty why to fill in', () => {
    assert.equal(
      renderNoteFile(item({ id: 5, title: 'GShard' })),
      '---\nlectio_id: 5\ntitle: GShard\nstatus: inbox\nwhy:\n---\n',
    );
  });

  it('quotes what YAML would misread', () => {
    const text = renderNoteFile(item({ title: '- [x] #1: "yes"', why: 'null', topics: ['2023'] }));
    assert.match(text, /^title: '- \[x\] #1: "yes"'$/mu);
    assert.match(text, /^why: "null"$/mu);
    assert.match(text, /^ {2}- "2023"$/mu);
  });

  it('keeps a long title on one line, as a reader searching the vault expects', () => {
    const title = `${'word '.repeat(100)}end: of title`;
    assert.ok(renderNoteFile(item({ title })).includes(`\ntitle: "${title}"\n`));
  });
});

/** Titles, whys and notes from the brief's list of things seen in real lists, and worse. */
const HOSTILE: NoteFileItem[] = [
  item({ id: 1, title: 'LLaMA 2: Open Foundation', why: 'key: value # not a comment' }),
  item({ id: 2, title: '"Quoted" and \'single\'', why: '- starts like a list' }),
  item({ id: 3, title: '[bracketed] {braced} & *starred* !tagged %percent @at `tick`' }),
  item({ id: 4, title: '#hash | pipe ^caret', topics: ['# / |'] }),
  item({
    id: 5,
    title: '大模型推理：从 KV Cache 到 PagedAttention',
    topics: ['大模型 / 推理'],
    why: '为什么读？',
  }),
  item({ id: 6, title: '🦙 emoji 👨‍👩‍👧 family', note: '🔥\n' }),
  item({ id: 7, title: 'עברית و العربية mixed RTL', why: '\u202Eoverride' }),
  item({ id: 8, title: 'x'.repeat(2000), why: 'y '.repeat(300) }),
  item({ id: 9, title: 'AIèŠ¯ç‰‡ä¸Žå¤§æ¨¡åž‹éƒ¨ç½² mojibake \u0081\uFFFD' }),
  item({ id: 10, title: '', why: '' }),
  item({ id: 11, title: '   padded   ', why: '  spaced  ' }),
  item({ id: 12, title: '1984', why: '2024', topics: ['2023', 'true', 'null'] }),
  item({ id: 13, title: 'null', why: 'true', status: 'to-read' }),
  item({ id: 14, title: 'multi\nline\ntitle', why: 'first line\nsecond line\n\nafter a blank\n' }),
  item({ id: 15, title: 'why with trailing blank lines', why: 'a\n\n\n' }),
  item({ id: 16, title: 'U+2028 then dashes\u2028---\u2028more', why: 'x\u2029---' }),
  item({ id: 17, title: 'why holds a document marker', why: 'a\n---\nb: c\n...\nd' }),
  item({ id: 18, title: 'note holds front matter', note: '---\nlectio_id: 99\ntitle: fake\n---\nbody\n' }),
  item({ id: 19, title: 'note holds rules', note: 'intro\n\n---\n\n```yaml\nkey: value\n---\n```\n---' }),
  item({ id: 20, title: 'note starts with newlines', note: '\n\nfirst real line\n' }),
  item({ id: 21, title: 'note with CRLF', note: '## Problem\r\n\r\nsomething\r\n' }),
  item({ id: 22, title: 'note without final newline', note: 'no newline at the end' }),
  item({ id: 23, title: 'note of blank lines', note: '\n\n\n' }),
  item({ id: 24, title: 'note with a BOM and tabs', note: '\uFEFF\tindented\n' }),
  item({ id: 25, title: 'control chars \u0007\u001B[31m', why: 'tab\there\u0000nul' }),
  item({
    id: 26,
    title: 'every field',
    aliases: ['alias: one', '- two'],
    status: 'skipped',
    importance: 0,
    rating: 1,
  }),
  item({
    id: 27,
    title: 'reading',
    status: 'reading',
    importance: 5,
    rating: 5,
    pass: 3,
    readAt: '2026-01-02',
  }),
  item({ id: 28, title: 'many topics', topics: ['A / B / C', 'A', 'a / b / c', 'LLM/KV cache'] }),
  item({ id: 29, title: 'ids and links', ids: { doi: '10.1145/3079856.3080246', youtube: 'dQw4w9WgXcQ' } }),
  item({
    id: 30,
    title: 'links with odd urls',
    links: [
      { url: 'https://example.com/a#frag?x=1&y="2"', role: 'blog' },
      { url: 'https://example.com/中文', role: 'other', label: '代码' },
    ],
    authors: ['O\'Brien, "Pat"', '张三'],
    year: 1991,
  }),
  item({ id: 31, title: '~', why: '&anchor *alias !!tag' }),
  item({ id: 32, title: '? complex key', why: ': leading colon' }),
  item({ id: 2 ** 40, title: 'a large id' }),
];

describe('round trip: parse(render(item)) gives every editable field back', () => {
  for (const i of HOSTILE) {
    it(`#${i.id} ${JSON.stringify(i.title.slice(0, 40))}`, () => assertRoundTrip(i));
  }
});

describe('round trip on every item of the four seeds', () => {
  const seedsDir = path.resolve(process.cwd(), '..', 'shared', 'seeds');
  const seeds = fs
    .readdirSync(seedsDir)
    .filter((f) => f.endsWith('.txt'))
    .sort();
  it('there are four seeds', () => assert.equal(seeds.length, 4));
  for (const file of seeds) {
    it(file, () => {
      const parsed = readListFile(path.join(seedsDir, file)).parsed.items;
      assert.ok(parsed.length > 10, `${file}: ${parsed.length} items`);
      const names = new Set<string>();
      parsed.forEach((p, index) => {
        const i = fromSeed(p, index + 1);
        assertRoundTrip(i);
        // The same item edited in Obsidian: every editable field changed, read back.
        const edited: NoteFileItem = {
          ...i,
          why: `${i.title}\nbecause: "${i.title}"`,
          status: 'read',
          importance: 5,
          rating: 4,
          note: `${noteTemplate(i)}\n---\n${i.title}\n`,
        };
        assertRoundTrip(edited);
        const name = noteFileName(i);
        assertSafeName(name, i.id);
        names.add(name);
      });
      assert.equal(names.size, parsed.length);
    });
  }
});

function fromSeed(p: ParsedItem, id: number): NoteFileItem {
  const ids: NoteFileItem['ids'] = {};
  for (const link of p.links) {
    for (const c of canonicalIdsOfUrl(link.url)) {
      if (c.scheme !== 'url' && c.scheme in { arxiv: 1, doi: 1, github: 1, youtube: 1 }) {
        ids[c.scheme as keyof NoteFileItem['ids']] ??= c.value;
      }
    }
  }
  return item({
    id,
    title: p.title,
    aliases: p.aliases,
    status: p.status ?? 'inbox',
    importance: p.importance,
    why: p.why,
    topics: p.topic.length > 0 ? [p.topic.join(' / ')] : [],
    links: p.links,
    ids,
    year: p.year,
    authors: p.authors,
    note: p.notes.join('\n'),
  });
}

describe('parsing files as editors leave them', () => {
  const exported = renderNoteFile(
    item({
      id: 8,
      title: 'Switch Transformers',
      status: 'to-read',
      importance: 3,
      topics: ['Mixture-of-Experts'],
    }),
  );

  it('an untouched export', () => {
    assert.deepEqual(parseNoteFile(exported, 'a.md'), {
      id: 8,
      title: 'Switch Transformers',
      why: null,
      status: 'to-read',
      importance: 3,
      rating: null,
      topics: ['Mixture-of-Experts'],
      note: '',
    });
  });

  it('saved with CRLF line ends and a BOM (Windows editors)', () => {
    const windows = `\uFEFF${exported.replace(/\n/gu, '\r\n')}## Problem\r\nrouting\r\n`;
    const e = parseNoteFile(windows, 'a.md');
    assert.equal(e.id, 8);
    assert.equal(e.status, 'to-read');
    assert.equal(e.note, '## Problem\r\nrouting\r\n');
  });

  it('rewritten by Obsidian: plain scalars, flow lists, a filled why and a number typed as a number', () => {
    const text = [
      '---',
      'lectio_id: 8',
      'title: Switch Transformers',
      'tags: [Mixture-of-Experts, new-tag]',
      'topics: [Mixture-of-Experts]',
      'status: reading',
      'importance: 2',
      'rating: "4"',
      'why: 2024.10',
      'cssclasses: []',
      '---   ',
      '',
      'Typed in Obsidian.',
    ].join('\n');
    assert.deepEqual(parseNoteFile(text, 'a.md'), {
      id: 8,
      title: 'Switch Transformers',
      why: '2024.10',
      status: 'reading',
      importance: 2,
      rating: 4,
      topics: ['Mixture-of-Experts'],
      note: '\nTyped in Obsidian.',
    });
  });

  it('keys emptied or removed: importance and rating cleared, title and status unchanged', () => {
    const e = parseNoteFile('---\nlectio_id: 8\nimportance:\nwhy: "  "\n---\nbody', 'a.md');
    assert.deepEqual(e, { id: 8, why: '  ', importance: null, rating: null, topics: [], note: 'body' });
  });

  it('a front matter at the very end, with no newline after it', () => {
    assert.equal(parseNoteFile('---\nlectio_id: 8\n---', 'a.md').note, '');
  });

  it('a one-topic string is a list of one', () => {
    assert.deepEqual(parseNoteFile('---\nlectio_id: 8\ntopics: LLM / KV cache\n---\n', 'a.md').topics, [
      'LLM / KV cache',
    ]);
  });
});

describe('refusing broken files, naming the file and the field', () => {
  const cases: Array<[string, string, RegExp]> = [
    ['no front matter', '# Just a note\n\nlectio_id: 3\n', /^n\.md: no lectio front matter \(lectio_id\)$/u],
    ['empty file', '', /^n\.md: no lectio front matter/u],
    ['front matter not on the first line', '\n---\nlectio_id: 3\n---\n', /^n\.md: no lectio front matter/u],
    [
      'front matter without lectio_id',
      '---\ntitle: x\n---\nbody',
      /^n\.md: no lectio front matter \(lectio_id\)$/u,
    ],
    ['empty front matter', '---\n---\nbody', /^n\.md: no lectio front matter/u],
    ['front matter that is a list', '---\n- lectio_id\n---\n', /^n\.md: no lectio front matter/u],
    [
      'unclosed front matter',
      '---\nlectio_id: 3\ntitle: x\n',
      /^n\.md: front matter has no closing --- line$/u,
    ],
    [
      'malformed YAML',
      '---\nlectio_id: 3\ntitle: [unclosed\nwhy: x\n---\n',
      /^n\.md: front matter is not valid YAML: [^\n]+ \(line \d+\)$/u,
    ],
    [
      'tab-indented YAML',
      '---\nlectio_id: 3\naliases:\n\t- x\n---\n',
      /^n\.md: front matter is not valid YAML: /u,
    ],
    [
      'duplicate keys',
      '---\nlectio_id: 3\nlectio_id: 4\n---\n',
      /^n\.md: front matter is not valid YAML: .*unique/u,
    ],
    [
      'empty lectio_id',
      '---\nlectio_id:\n---\n',
      /^n\.md: lectio_id: must be an item id \(a positive whole number\), not nothing$/u,
    ],
    ['text lectio_id', '---\nlectio_id: abc\n---\n', /^n\.md: lectio_id: must be an item id .*not "abc"$/u],
    ['zero lectio_id', '---\nlectio_id: 0\n---\n', /^n\.md: lectio_id: /u],
    ['negative lectio_id', '---\nlectio_id: -3\n---\n', /^n\.md: lectio_id: /u],
    ['fractional lectio_id', '---\nlectio_id: 1.5\n---\n', /^n\.md: lectio_id: /u],
    ['list lectio_id', '---\nlectio_id: [1]\n---\n', /^n\.md: lectio_id: .*not a list or a map$/u],
    [
      'unknown status',
      '---\nlectio_id: 3\nstatus: done\n---\n',
      /^n\.md: status: "done" is not one of inbox, to-read, reading, read, skipped$/u,
    ],
    ['status in capitals', '---\nlectio_id: 3\nstatus: Read\n---\n', /^n\.md: status: "Read"/u],
    [
      'importance too high',
      '---\nlectio_id: 3\nimportance: 7\n---\n',
      /^n\.md: importance: must be a whole number from 0 to 5 or empty, not "7"$/u,
    ],
    [
      'importance in words',
      '---\nlectio_id: 3\nimportance: high\n---\n',
      /^n\.md: importance: .*not "high"$/u,
    ],
    [
      'rating zero',
      '---\nlectio_id: 3\nrating: 0\n---\n',
      /^n\.md: rating: must be a whole number from 1 to 5 or empty, not "0"$/u,
    ],
    ['rating half', '---\nlectio_id: 3\nrating: 4.5\n---\n', /^n\.md: rating: /u],
    [
      'why as a list',
      '---\nlectio_id: 3\nwhy:\n  - a\n---\n',
      /^n\.md: why: must be text, not a list or a map$/u,
    ],
    ['title as a map', '---\nlectio_id: 3\ntitle: {a: 1}\n---\n', /^n\.md: title: must be text/u],
    [
      'topics as a map',
      '---\nlectio_id: 3\ntopics:\n  a: b\n---\n',
      /^n\.md: topics: must be a list of text$/u,
    ],
    [
      'topics holding a list',
      '---\nlectio_id: 3\ntopics:\n  - [a]\n---\n',
      /^n\.md: topics: must be a list of text$/u,
    ],
  ];
  for (const [name, text, message] of cases) {
    it(name, () => badInput(() => parseNoteFile(text, 'n.md'), message));
  }
});

describe('the note template', () => {
  it('asks the five questions, each followed by an empty line', () => {
    assert.equal(
      noteTemplate({ title: 'GShard', links: [{ url: 'https://arxiv.org/abs/2006.16668', role: 'paper' }] }),
      '## Problem\n\n## Method\n\n## Contribution\n\n## Code\n\n## Takeaways\n\n',
    );
  });

  it('lists the code links under Code, once each', () => {
    const links = [
      { url: 'https://arxiv.org/abs/2110.02861v1', role: 'paper' },
      { url: 'https://github.com/TimDettmers/bitsandbytes', role: 'code' },
      { url: 'https://github.com/TimDettmers/bitsandbytes', role: 'code' },
      { url: 'https://github.com/other/repo', role: 'code' },
    ];
    assert.equal(
      noteTemplate({ title: '8-Bit Optimizers', links }),
      '## Problem\n\n## Method\n\n## Contribution\n\n## Code\n\n' +
        '- https://github.com/TimDettmers/bitsandbytes\n- https://github.com/other/repo\n\n## Takeaways\n\n',
    );
  });

  it('is untouched when only whitespace changed, touched when a word was written', () => {
    const it8 = { title: 'x', links: [{ url: 'https://github.com/a/b', role: 'code' }] };
    const template = noteTemplate(it8);
    assert.ok(isUntouchedTemplate(template, it8));
    assert.ok(isUntouchedTemplate(template.trimEnd(), it8));
    assert.ok(isUntouchedTemplate(template.replace(/\n/gu, '\r\n  '), it8));
    assert.ok(isUntouchedTemplate(`\n\n${template}\n\n\n`, it8));
    assert.ok(!isUntouchedTemplate(template.replace('## Method\n', '## Method\nrouting\n'), it8));
    assert.ok(!isUntouchedTemplate(template.replace('- https://github.com/a/b\n', ''), it8));
    assert.ok(!isUntouchedTemplate('', it8));
    assert.ok(!isUntouchedTemplate(noteTemplate({ title: 'x', links: [] }), it8));
  });
});
