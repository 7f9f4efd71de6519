import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Snippet } from './search-index.js';
import { parseSearchQuery } from './search-query.js';
import { buildSnippet, MARK_CLOSE, MARK_OPEN, markText, renderParts } from './search-snippet.js';

const text = (snippet: Snippet | null): string | null =>
  snippet ? `${snippet.field}: ${renderParts(snippet.parts, MARK_OPEN, MARK_CLOSE)}` : null;

describe('buildSnippet: where a hit shows why it matched', () => {
  const item = (fields: Partial<Record<'title' | 'why' | 'notes' | 'abstract', string>>) =>
    (['title', 'why', 'notes', 'abstract'] as const).map((field) => ({ field, text: fields[field] ?? null }));
  const cases: Array<[string, ReturnType<typeof item>, string | null]> = [
    [
      'memory management',
      item({ title: 'Efficient Memory Management for LLM Serving', abstract: 'memory management again' }),
      // A tie goes to the field listed first: the title.
      'title: Efficient «Memory» «Management» for LLM Serving',
    ],
    [
      'efficient paging',
      item({ title: 'Efficient Memory Management', abstract: 'virtual memory and paging, efficient too' }),
      'abstract: virtual memory and «paging», «efficient» too',
    ],
    // Prefixes, case and accents as the index sees them; "bit" inside "8-bit推理".
    ['quant', item({ title: 'SmoothQuant and QUANTIZATION' }), 'title: SmoothQuant and «QUANTIZATION»'],
    ['memoire', item({ why: 'la Mémoire virtuelle' }), 'why: la «Mémoire» virtuelle'],
    ['bit 推理', item({ notes: '贡献：无精度损失的8-bit推理' }), 'notes: 贡献：无精度损失的8-«bit推理»'],
    ['量化 ', item({ notes: '模型压缩与量化 / 量化技术' }), 'notes: 模型压缩与«量化» / «量化»技术'],
    ['zebra', item({ title: 'Nothing here' }), null],
  ];
  for (const [query, fields, expected] of cases) {
    it(query, () => assert.equal(text(buildSnippet(fields, parseSearchQuery(query).terms)), expected));
  }

  it('cuts long text to a window around the most words of the query, at word boundaries', () => {
    const filler = (n: number) => Array.from({ length: n }, (_, i) => `word${i}`).join(' ');
    const abstract = `${filler(40)} kv cache paging ${filler(10)} paging again ${filler(40)}`;
    const snippet = text(
      buildSnippet([{ field: 'abstract', text: abstract }], parseSearchQuery('kv cache paging').terms),
    );
    assert.match(snippet ?? '', /^abstract: …word\d+ .*«kv» «cache» «paging» .* «paging» again .*word\d+…$/u);
    assert.ok((snippet ?? '').length < 200);
  });

  it('marks a whole title for a result line', () => {
    const parts = markText('Attention Is All You Need', parseSearchQuery('attention need').terms);
    assert.equal(renderParts(parts, '[', ']'), '[Attention] Is All You [Need]');
  });
});
