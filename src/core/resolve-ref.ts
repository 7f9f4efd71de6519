// A reference the user types (an item id, an arXiv id, a DOI, a URL or title words) → one item.

import { canonicalIdsOfUrl, idKey, parseArxivId, parseDoi } from './canonical-id.js';
import { LectioError } from './errors.js';
import type { LibraryStore } from './library-store.js';

export type RefTarget =
  { kind: 'url'; url: string } | { kind: 'doi'; doi: string } | { kind: 'arxiv'; id: string };

/**
 * What a typed reference names: a URL (also "github.com/owner/repo" without a scheme), a DOI
 * or an arXiv id. Null for anything else, which are title words.
 */
export function refTarget(ref: string): RefTarget | null {
  const trimmed = ref.trim();
  if (/^https?:\/\//iu.test(trimmed)) return { kind: 'url', url: trimmed };
  // A DOI typed whole runs to its end: in running text a DOI stops at "<", but Wiley's
  // "10.1002/1521-396X(199711)164:1<141::AID-PSSA141>3.0.CO;2-G" holds one.
  const whole = /^(?:doi:)?\s*(10\.\d{4,9}\/\S+)$/iu.exec(trimmed)?.[1];
  const doi = whole === undefined ? null : parseDoi(`https://doi.org/${whole}`);
  if (doi) return { kind: 'doi', doi };
  const arxiv = parseArxivId(trimmed);
  if (arxiv && /^(arxiv:)?\s*([a-z-]+(\.[a-z]{2})?\/)?\d{4}\.?\d{3,5}(v\d+)?$/iu.test(trimmed)) {
    return { kind: 'arxiv', id: arxiv };
  }
  if (/^github\.com\//iu.test(trimmed) || /^[\w.-]+\.[a-z]{2,}\/\S*$/iu.test(trimmed)) {
    return { kind: 'url', url: `https://${trimmed}` };
  }
  return null;
}

export function keysOfRef(ref: string): string[] {
  const target = refTarget(ref);
  if (target === null) return [];
  // An arXiv DOI (10.48550/arXiv.1706.03762) names the arXiv paper, as its doi.org link does.
  if (target.kind === 'doi') {
    const [id] = canonicalIdsOfUrl(`https://doi.org/${target.doi}`);
    return [id ? idKey(id) : `doi:${target.doi}`];
  }
  if (target.kind === 'arxiv') return [`arxiv:${target.id}`];
  return canonicalIdsOfUrl(target.url).map(idKey);
}

export function resolveRef(store: LibraryStore, ref: string): number {
  const trimmed = ref.trim();
  const asId = /^#?(\d{1,9})$/u.exec(trimmed);
  if (asId?.[1]) {
    const id = Number(asId[1]);
    if (store.getItems([id]).length === 1) return id;
    // "#0", "#99999": an id, said so; a bare number may be title words ("1984").
    if (trimmed.startsWith('#')) throw new LectioError('not_found', `no item #${id}`);
  }
  const keys = keysOfRef(trimmed);
  if (keys.length > 0) {
    const ids = store.findItemIdsByUrlOrKey(keys);
    if (ids.length === 1 && ids[0] !== undefined) return ids[0];
    if (ids.length > 1) throw ambiguous(store, ref, ids);
  }
  const byTitle = store.findItemIdsByTitleWords(trimmed, 10);
  if (byTitle.exact.length === 1 && byTitle.exact[0] !== undefined) return byTitle.exact[0];
  if (byTitle.all.length === 1 && byTitle.all[0] !== undefined) return byTitle.all[0];
  if (byTitle.all.length > 1) throw ambiguous(store, ref, byTitle.all);
  const near = store.findItemIdsByTitleWords(trimmed, 5, true).all;
  const hint =
    near.length > 0
      ? `; closest: ${store
          .getItems(near)
          .map((i) => `#${i.id} ${i.title.slice(0, 60)}`)
          .join(' | ')}`
      : '';
  throw new LectioError('not_found', `no item matches "${ref}"${hint}`);
}

function ambiguous(store: LibraryStore, ref: string, ids: readonly number[]): LectioError {
  const items = store.getItems(ids.slice(0, 8));
  const list = items.map((i) => `#${i.id} ${i.title.slice(0, 60)}`).join(' | ');
  const more = ids.length > items.length ? ` | … ${ids.length - items.length} more (lectio search)` : '';
  return new LectioError('ambiguous', `"${ref}" matches ${ids.length} items: ${list}${more}; use an id`, {
    ids,
  });
}
