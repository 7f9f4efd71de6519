// Search as you type, over HTTP: each keystroke cancels the request before it. The query
// is the language of `lectio search` (words, "phrases", prefix*, topic: status: year: …).

import { useEffect, useState } from 'preact/hooks';
import { api, type SearchHitJson } from '../api.js';
import { ErrorLine, leafOf, Marked, Stars, StatusBadge } from '../components/common.js';
import { href, type Location } from '../router.js';

export const AS_YOU_TYPE = 20;

const SYNTAX: Array<[string, string]> = [
  ['flash attention', 'every word, anywhere'],
  ['"attention is all you need"', 'a phrase'],
  ['quant*', 'a prefix'],
  ['topic:"LLM / kv cache"', 'a topic and its sub-topics'],
  ['status:to-read,reading', 'status'],
  ['year:>=2023 stars:>=4', 'years and stars'],
  ['has:code has:why', 'what it has'],
];

export function SearchView(props: { loc: Location }) {
  const q = props.loc.params.get('q') ?? '';
  const [result, setResult] = useState<{ q: string; hits: SearchHitJson[]; more: boolean } | null>(null);
  const [error, setError] = useState<unknown>(null);
  // While typing, the best 20 (cheaper to rank and mark); "more" asks for 200.
  const [limit, setLimit] = useState(AS_YOU_TYPE);
  useEffect(() => setLimit(AS_YOU_TYPE), [q]);
  useEffect(() => {
    if (q.trim() === '') {
      setResult(null);
      setError(null);
      return;
    }
    const controller = new AbortController();
    api.search(q, limit, controller.signal).then(
      (r) => {
        setResult({ q, ...r });
        setError(null);
      },
      (e: unknown) => {
        if (!controller.signal.aborted) setError(e);
      },
    );
    return () => controller.abort();
  }, [q, limit]);
  return (
    <section class="search" aria-label="search results">
      <h1>Search</h1>
      {q.trim() === '' ? (
        <div class="syntax">
          <p>Type in the search box above ( / ). The query language:</p>
          <dl>
            {SYNTAX.map(([example, meaning]) => (
              <>
                <dt>
                  <a href={href('search', [], { q: example })}>
                    <code>{example}</code>
                  </a>
                </dt>
                <dd>{meaning}</dd>
              </>
            ))}
          </dl>
        </div>
      ) : null}
      <ErrorLine error={error} />
      {result && result.hits.length === 0 ? <p class="empty">No items match “{result.q}”.</p> : null}
      <ol class="hits">
        {result?.hits.map((hit) => (
          <li class="hit">
            <div class="hit-head">
              <StatusBadge status={hit.status} /> <Stars value={hit.importance} />{' '}
              <a class="title" href={href('item', [hit.id])}>
                {hit.snippet?.field === 'title' ? <Marked text={hit.snippet.text} /> : hit.title}
              </a>
              <span class="meta dim">
                {' '}
                {hit.kind}
                {hit.year ? ` · ${hit.year}` : ''}
                {hit.topics[0] ? ` · ${leafOf(hit.topics[0])}` : ''}
              </span>
            </div>
            {hit.snippet && hit.snippet.field !== 'title' ? (
              <p class="snippet">
                <span class="field">{hit.snippet.field}:</span> <Marked text={hit.snippet.text} />
              </p>
            ) : null}
          </li>
        ))}
      </ol>
      {result?.more ? (
        limit === AS_YOU_TYPE ? (
          <button type="button" onClick={() => setLimit(200)}>
            more hits
          </button>
        ) : (
          <p class="dim">More hits: narrow the query with filters.</p>
        )
      ) : null}
    </section>
  );
}
