// String measures the identity rules use (identity.ts decides what they mean). Pure functions.

/** Decodes the HTML entities that bibliographic exports leave in text ("lud &#228; scher", "&amp;"). */
export function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s
    .replace(/\s?&#(\d{1,7});\s?/gu, (_m, d: string) => safeChar(Number(d)))
    .replace(/\s?&#x([0-9a-f]{1,6});\s?/giu, (_m, h: string) => safeChar(parseInt(h, 16)))
    .replace(/&(amp|lt|gt|quot|apos|nbsp);/gu, (_m, n: string) => NAMED[n] ?? '');
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

function safeChar(code: number): string {
  return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '';
}

/** Lower case, every run of characters other than letters and digits one space: "flashattention 2". */
export function spacedWords(s: string): string {
  return s
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Lower case, accents folded, entities decoded: the base of every comparison. */
export function foldText(s: string): string {
  const decoded = decodeEntities(s);
  // Plain ASCII (most titles) has nothing to fold but case.
  if (ASCII.test(decoded)) return decoded.toLowerCase();
  return decoded.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

const ASCII = /^[\x00-\x7f]*$/u;

/** Words of a folded text: runs of letters and digits. */
export function words(s: string): string[] {
  return foldText(s).match(/[\p{L}\p{N}]+/gu) ?? [];
}

/**
 * Levenshtein similarity of two strings, 1 − distance / longer length; 1 for equal strings.
 * Stops early (returns 0) when the similarity cannot reach `floor`.
 */
export function editSimilarity(a: string, b: string, floor = 0): number {
  if (a === b) return 1;
  const n = a.length;
  const m = b.length;
  const longer = Math.max(n, m);
  if (longer === 0) return 1;
  // (The small epsilon: (1 - 0.8) * 25 is 4.999… in floating point, and 0.8 must reach 0.8.)
  const budget = Math.floor((1 - floor) * longer + 1e-9);
  if (Math.abs(n - m) > budget) return 0;
  // Only cells within `budget` of the diagonal can stay within budget (Ukkonen's band): the
  // rest count as over it. Titles compared against a floor of 0.85 touch a sixth of the table.
  const over = budget + 1;
  let prev = new Int32Array(m + 1);
  let cur = new Int32Array(m + 1);
  for (let j = 0; j <= m; j++) prev[j] = Math.min(j, over);
  for (let i = 1; i <= n; i++) {
    const from = Math.max(1, i - budget);
    const to = Math.min(m, i + budget);
    cur[0] = Math.min(i, over);
    if (from > 1) cur[from - 1] = over;
    let rowMin = from === 1 ? cur[0] : over;
    const ca = a.charCodeAt(i - 1);
    for (let j = from; j <= to; j++) {
      const cost = ca === b.charCodeAt(j - 1) ? 0 : 1;
      const up = j <= i - 1 + budget ? (prev[j] as number) : over;
      const v = Math.min(up + 1, (cur[j - 1] as number) + 1, (prev[j - 1] as number) + cost, over);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > budget) return 0;
    [prev, cur] = [cur, prev];
  }
  const distance = prev[m] as number;
  return distance > budget ? 0 : 1 - distance / longer;
}
