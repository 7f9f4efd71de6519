// Chinese and Japanese text has no spaces between words, so a word index that splits on
// spaces sees "无精度损失的8-bit推理" as two long tokens and never finds 推理 in it. Search
// therefore treats runs of these scripts as strings of characters (overlapping pairs in the
// index, src/store/sqlite/migrations.ts version 3). Korean separates words with spaces and
// needs none of this.

/** Kana, CJK ideographs (extension A, the main block, compatibility) and the supplementary ideographs. */
export const CJK_RANGES: ReadonlyArray<readonly [number, number]> = [
  [0x3040, 0x30ff],
  [0x3400, 0x4dbf],
  [0x4e00, 0x9fff],
  [0xf900, 0xfaff],
  [0x20000, 0x2ffff],
];

const CJK_CHAR = new RegExp(
  `[${CJK_RANGES.map(([from, to]) => `\\u{${from.toString(16)}}-\\u{${to.toString(16)}}`).join('')}]`,
  'u',
);

/** Whether the text has a CJK character anywhere (a fast test before splitting). */
export function hasCjk(text: string): boolean {
  return CJK_CHAR.test(text);
}

export function isCjk(char: string): boolean {
  const code = char.codePointAt(0) ?? 0;
  return CJK_RANGES.some(([from, to]) => code >= from && code <= to);
}

export interface TextSegment {
  text: string;
  cjk: boolean;
}

/** "8-bit推理" → "8-bit" (not CJK), "推理" (CJK): maximal runs of either kind. */
export function splitCjk(text: string): TextSegment[] {
  const out: TextSegment[] = [];
  for (const char of text) {
    const cjk = isCjk(char);
    const last = out[out.length - 1];
    if (last && last.cjk === cjk) last.text += char;
    else out.push({ text: char, cjk });
  }
  return out;
}
