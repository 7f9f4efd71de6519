import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';

import { LectioError } from '../core/errors.js';
import { decodeText, firstInvalidUtf8, looksDoubleEncoded, repairMojibake } from './text-decoding.js';

// Tests run from the repo root (npm test), so shared/ sits beside it.
const shared = path.resolve(process.cwd(), '..', 'shared');
const seedPath = (name: string): string => path.join(shared, 'seeds', name);
const listsDir = path.join(shared, 'testdata', 'lists');

const SEED_CLEAN_EN = '000_9f7fca159070c6d7.txt';
const SEED_CLEAN_NOTES = '002_a57d02453f4a5b86.txt';
const SEED_MOJIBAKE_ZH = '003_72845790a68c46cc.txt';
const SEED_ONE_APOSTROPHE = '004_dcdacb51cc173ef7.txt';

const bytes = (...parts: Array<string | number[]>): Uint8Array =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : Buffer.from(p))));

function refusal(input: Uint8Array): LectioError {
  try {
    decodeText(input, 'list.md');
  } catch (error) {
    assert.ok(error instanceof LectioError, `expected a LectioError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected decodeText to refuse the input');
}

describe('decodeText refuses what is not a text list', () => {
  const cases: Array<{ name: string; input: Uint8Array; message: string | RegExp }> = [
    { name: 'zero bytes', input: bytes(), message: 'list.md: the file is empty' },
    { name: 'only whitespace', input: bytes(' \n\t\r\n  \n'), message: 'list.md: the file is empty' },
    {
      name: 'only a BOM and blank lines',
      input: bytes([0xef, 0xbb, 0xbf], '\n\n'),
      message: 'list.md: the file is empty',
    },
    {
      name: 'PNG header',
      input: bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d], 'IHDR'),
      message: 'list.md: looks like a binary file (PNG), not a text list',
    },
    {
      name: 'PDF header, even though the rest is ASCII',
      input: bytes('%PDF-1.7\n%âãÏÓ\n1 0 obj\n'),
      message: 'list.md: looks like a binary file (PDF), not a text list',
    },
    {
      name: 'ZIP header (an .epub or .docx)',
      input: bytes([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0], 'mimetype'),
      message: 'list.md: looks like a binary file (ZIP), not a text list',
    },
    {
      name: 'gzip header',
      input: bytes([0x1f, 0x8b, 0x08, 0, 0, 0, 0, 0]),
      message: 'list.md: looks like a binary file (gzip), not a text list',
    },
    {
      name: 'NUL bytes inside otherwise plain text',
      input: bytes('# Papers\n- one\n', [0, 0, 0x01, 0x02], 'two\n'),
      message: 'list.md: looks like a binary file (NUL byte at byte 15), not a text list',
    },
    {
      name: 'UTF-16 without a byte-order mark',
      input: Buffer.from('# Papers\n- Attention Is All You Need\n', 'utf16le'),
      message: 'list.md: looks like UTF-16 text without a byte-order mark; save it as UTF-8 and try again',
    },
    {
      name: 'a Latin-1 byte on line 3',
      // "line one\n" is 9 bytes, "line two\n" 9 more, then "Caf" and the lone 0xE9 of Latin-1 "é".
      input: bytes('line one\nline two\nCaf', [0xe9], '\nline four\n'),
      message: 'list.md: not valid UTF-8 at line 3 (byte 21); save it as UTF-8 and try again',
    },
    {
      name: 'a truncated 3-byte sequence at the end, counted with CRLF line ends',
      input: bytes('a\r\nb\r\nc\r\nd ', [0xe4, 0xb8]),
      message: 'list.md: not valid UTF-8 at line 4 (byte 11); save it as UTF-8 and try again',
    },
    {
      name: 'an overlong encoding of "/"',
      input: bytes('ok\n', [0xc0, 0xaf]),
      message: 'list.md: not valid UTF-8 at line 2 (byte 3); save it as UTF-8 and try again',
    },
  ];
  for (const { name, input, message } of cases) {
    it(name, () => {
      const error = refusal(input);
      assert.equal(error.code, 'bad_input');
      if (typeof message === 'string') assert.equal(error.message, message);
      else assert.match(error.message, message);
      assert.ok(!error.message.includes('\n'), 'the message is one line');
    });
  }
});

describe('decodeText normalises honest text', () => {
  const utf16be = (s: string): Buffer => Buffer.from(s, 'utf16le').swap16();
  const cases: Array<{ name: string; input: Uint8Array; text: string; warnings: string[] }> = [
    {
      name: 'plain UTF-8 passes through',
      input: bytes('# 论文\n- a\n'),
      text: '# 论文\n- a\n',
      warnings: [],
    },
    {
      name: 'a UTF-8 BOM is stripped',
      input: bytes([0xef, 0xbb, 0xbf], '# Papers\n'),
      text: '# Papers\n',
      warnings: [],
    },
    { name: 'CRLF becomes LF', input: bytes('a\r\nb\r\n\r\nc'), text: 'a\nb\n\nc', warnings: [] },
    { name: 'old Mac CR becomes LF', input: bytes('a\rb\r'), text: 'a\nb\n', warnings: [] },
    {
      name: 'UTF-16 LE with BOM is converted',
      input: Buffer.from('\ufeff# Lesen\r\n- Zürich ⭐ 论文\r\n', 'utf16le'),
      text: '# Lesen\n- Zürich ⭐ 论文\n',
      warnings: ['list.md: converted from UTF-16 LE to UTF-8'],
    },
    {
      name: 'UTF-16 BE with BOM is converted',
      input: utf16be('\ufeff- 📚 books\n'),
      text: '- 📚 books\n',
      warnings: ['list.md: converted from UTF-16 BE to UTF-8'],
    },
  ];
  for (const { name, input, text, warnings } of cases) {
    it(name, () => {
      const decoded = decodeText(input, 'list.md');
      assert.equal(decoded.text, text);
      assert.deepEqual(decoded.warnings, warnings);
      assert.equal(decoded.mojibake.detected, false);
    });
  }
});

describe('real accented text is never taken for mojibake', () => {
  const words = [
    'Café',
    'naïve',
    'Zürich',
    'Ångström',
    'São Paulo',
    'Mötley Crüe',
    'pâte brisée',
    'Ærøskøbing',
    'Nâzım Hikmet',
    '“CAFÉ” — 25 °C ± 2',
    'Müller, É. (2020) – «Über» naïve ©',
  ];
  for (const word of words) {
    it(word, () => {
      const line = `- [ ] ${word} https://example.org/${encodeURIComponent(word)}\n`;
      const decoded = decodeText(bytes(line), 'list.md');
      assert.equal(decoded.text, line);
      assert.deepEqual(decoded.warnings, []);
      assert.equal(looksDoubleEncoded(line), false);
      // Even forced through the repair, a lone accented letter is left alone.
      assert.equal(repairMojibake(line).text, line);
    });
  }
});

describe('honest UTF-8 files come back byte-identical', () => {
  const files = [
    ...readdirSync(listsDir).map((name) => path.join(listsDir, name)),
    seedPath(SEED_CLEAN_EN),
    seedPath(SEED_CLEAN_NOTES),
  ];
  it('finds the 8 shared lists and the 2 clean seeds', () => assert.equal(files.length, 10));
  for (const file of files) {
    it(path.basename(file), () => {
      const raw = readFileSync(file);
      const decoded = decodeText(raw, file);
      assert.deepEqual(decoded.mojibake, { detected: false, repairedRuns: 0, unrepairable: 0 });
      assert.deepEqual(decoded.warnings, []);
      assert.ok(Buffer.from(decoded.text, 'utf8').equals(raw), 'text differs from the file');
    });
  }
});

describe('repairMojibake on single lines of seed 003', () => {
  const lines = readFileSync(seedPath(SEED_MOJIBAKE_ZH), 'utf8').split('\n');
  const cases: Array<{ line: number; why: string; repaired: string }> = [
    {
      line: 1,
      why: '与 lost its 0x8E and 型 its 0x9E',
      repaired: '# AI芯片与大模型部署 - 顶级论文与研究资源',
    },
    { line: 3, why: 'the emoji went through cp1254 (ğ is 0xF0)', repaired: '## 📚 研究领域概览' },
    {
      line: 9,
      why: '🏛 lost 0x8F and cannot be guessed; its VS16 (EF B8 8F) can',
      repaired: '## \uFFFD\uFE0F 顶级研究实验室与机构',
    },
    {
      line: 74,
      why: '架构 lost a byte in both characters; word hints pick 架构 over 恶意',
      repaired: '- 核心方向：GPU架构、Transformer优化、推理加速',
    },
    {
      line: 134,
      why: 'every ⭐ (E2 AD 90) lost both trailing bytes; 重 and 要 lost one each',
      repaired: '   - 重要性：⭐⭐⭐⭐⭐ (必读)',
    },
  ];
  for (const { line, why, repaired } of cases) {
    it(`line ${line}: ${why}`, () => assert.equal(repairMojibake(lines[line - 1]!).text, repaired));
  }

  it('counts what it could not recover', () => {
    const result = repairMojibake(lines[8]!);
    assert.deepEqual(
      { repairedRuns: result.repairedRuns, guessed: result.guessed, unrepairable: result.unrepairable },
      { repairedRuns: 2, guessed: 4, unrepairable: 1 },
    );
  });
});

describe('repairMojibake on made-up lines', () => {
  const cases: Array<{ damaged: string; repaired: string }> = [
    { damaged: 'rating: ââââ', repaired: 'rating: ⭐⭐⭐⭐' },
    { damaged: 'Shaped Googleâ€™s TPUv4i', repaired: 'Shaped Google’s TPUv4i' },
    { damaged: 'CafÃ© in ZÃ¼rich', repaired: 'Café in Zürich' },
    { damaged: 'O(nÂ²) Memory', repaired: 'O(n²) Memory' },
    { damaged: 'pâte', repaired: 'pâte' },
    { damaged: 'https://arxiv.org/abs/1706.03762', repaired: 'https://arxiv.org/abs/1706.03762' },
  ];
  for (const { damaged, repaired } of cases) {
    it(`${damaged} -> ${repaired}`, () => assert.equal(repairMojibake(damaged).text, repaired));
  }
});

describe('seed 003: Chinese reading list double-encoded through cp1252/cp1254', () => {
  const raw = readFileSync(seedPath(SEED_MOJIBAKE_ZH));
  const damaged = raw.toString('utf8');
  const decoded = decodeText(raw, 'seed-003.md');

  const mustContain = [
    'AI芯片与大模型部署',
    '重要性：⭐⭐⭐⭐⭐ (必读)',
    '代码：https://github.com/Dao-AILab/flash-attention',
    '链接：https://arxiv.org/abs/1706.03762',
    '## 📚 研究领域概览',
    '### 一、Transformer基础架构',
  ];
  for (const expected of mustContain) {
    it(`contains ${expected}`, () => assert.ok(decoded.text.includes(expected)));
  }

  it('keeps every URL unchanged', () => {
    const urls = damaged.match(/https?:\/\/\S+/g) ?? [];
    assert.ok(urls.length > 40, `only ${urls.length} URLs found`);
    assert.deepEqual(decoded.text.match(/https?:\/\/\S+/g), urls);
  });

  it('reports the repair in numbers and in one warning', () => {
    assert.equal(decoded.mojibake.detected, true);
    assert.ok(decoded.mojibake.repairedRuns > 300, `repairedRuns ${decoded.mojibake.repairedRuns}`);
    assert.ok(decoded.mojibake.unrepairable <= 10, `unrepairable ${decoded.mojibake.unrepairable}`);
    assert.equal(decoded.warnings.length, 1);
    assert.match(
      decoded.warnings[0]!,
      /^seed-003\.md: text was double-encoded \(UTF-8 read as Windows-1252\); repaired \d+ runs, guessed \d+ characters whose bytes were lost, \d+ characters could not be recovered$/,
    );
  });

  it('leaves no mojibake behind', () => {
    assert.doesNotMatch(
      decoded.text,
      /[åæçèéäï][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u0192\u2013-\u203a\u20ac\u2122]/,
    );
    assert.equal(looksDoubleEncoded(decoded.text), false);
  });

  it('is idempotent: decoding the repaired text changes nothing', () => {
    const again = decodeText(Buffer.from(decoded.text, 'utf8'), 'seed-003.md');
    assert.equal(again.text, decoded.text);
    assert.equal(again.mojibake.detected, false);
  });
});

describe('seed 004: one double-encoded apostrophe in an English list', () => {
  const raw = readFileSync(seedPath(SEED_ONE_APOSTROPHE));
  const decoded = decodeText(raw, 'seed-004.md');

  it('repairs Googleâ€™s and changes nothing else', () => {
    const expected = raw.toString('utf8').replace('Googleâ€™s', 'Google’s');
    assert.notEqual(expected, raw.toString('utf8'));
    assert.equal(decoded.text, expected);
    assert.ok(decoded.text.includes('Google’s TPUv4i'));
  });

  it('says so', () => {
    assert.deepEqual(decoded.mojibake, { detected: true, repairedRuns: 1, unrepairable: 0 });
    assert.deepEqual(decoded.warnings, [
      'seed-004.md: text was double-encoded (UTF-8 read as Windows-1252); repaired 1 run, 0 characters could not be recovered',
    ]);
  });
});

describe('firstInvalidUtf8', () => {
  const cases: Array<{ input: Uint8Array; offset: number }> = [
    { input: bytes('all good 论文 ⭐'), offset: -1 },
    { input: bytes('ab', [0x80]), offset: 2 },
    { input: bytes('surrogate ', [0xed, 0xa0, 0x80]), offset: 10 },
    { input: bytes([0xf4, 0x90, 0x80, 0x80]), offset: 0 },
    { input: bytes('x', [0xff]), offset: 1 },
  ];
  for (const { input, offset } of cases) {
    it(`${Buffer.from(input).toString('hex')} -> ${offset}`, () =>
      assert.equal(firstInvalidUtf8(input), offset));
  }
});
