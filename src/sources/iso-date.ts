// Feeds date things three ways: arXiv's Atom `2017-07-27T08:18:33Z`, RSS's RFC 822
// `Thu, 24 Sep 2026 00:00:00 -0400`, Hugging Face's `2024-10-25T00:57:09.392Z`. Sources
// return one form, UTC ISO 8601 to the second, so that dates sort as strings.

export function toIsoDate(text: string | null | undefined): string | null {
  if (text === null || text === undefined) return null;
  const trimmed = text.trim();
  if (trimmed === '') return null;
  const ms = Date.parse(trimmed);
  if (Number.isNaN(ms)) return null;
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
