// markdown-it runs every link destination through normalizeLink: mdurl's parser, punycode
// on the host and mdurl's encoder, a fifth of its parse of a list that is mostly links.
// For the common URL that none of them would change (an http(s) URL of lower-case ASCII
// host and characters mdurl.encode keeps as they are) that work returns its input; this
// skips it, and hands everything else to markdown-it's own normalizeLink.

/**
 * An http(s) URL that normalizeLink returns unchanged: a lower-case ASCII host (punycode
 * leaves it alone), an optional port, and then only the characters mdurl.encode never
 * escapes (letters, digits and ;/?:@&=+$,-_.!~*'()#). No `%`: escapes take another path.
 * fast-normalize-link.test.ts checks the claim on every link of the real lists.
 */
const UNCHANGED_URL = /^https?:\/\/[a-z0-9][a-z0-9.-]*(?::\d+)?(?:[/?#][A-Za-z0-9;/?:@&=+$,\-_.!~*'()#]*)?$/;

export function isUnchangedByNormalizeLink(url: string): boolean {
  return UNCHANGED_URL.test(url);
}

/** Gives `md` the shortcut; what markdown-it produces is the same, link for link. */
export function useFastNormalizeLink<T extends { normalizeLink(url: string): string }>(md: T): T {
  const normalizeLink = md.normalizeLink.bind(md);
  md.normalizeLink = (url: string) => (UNCHANGED_URL.test(url) ? url : normalizeLink(url));
  return md;
}
