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
  const budget = Math.floor((1 - floor) * longer);
  if (Math.abs(n - m) > budget) return 0;
  let prev = new Array<number>(m + 1);
  let cur = new Array<number>(m + 1);
  for (let j = 0; j <= m; j++) prev[j] = j;
  for (let i = 1; i <= n; i++) {
    cur[0] = i;
    let rowMin = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= m; j++) {
      const cost = ca === b.charCodeAt(j - 1) ? 0 : 1;
      const v = Math.min((prev[j] as number) + 1, (cur[j - 1] as number) + 1, (prev[j - 1] as number) + cost);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > budget) return 0;
    [prev, cur] = [cur, prev];
  }
  return 1 - (prev[m] as number) / longer;
}
