// One item: what it is, its links by role, why it was saved, the note (markdown with a live
// preview), status, passes, rating, topics, every place a list mentions it, and its history.

import { useEffect, useState } from 'preact/hooks';
import { eventInWords } from '../../../src/core/history-words.js';
import { sourceMatchInWords } from '../../../src/core/merge-words.js';
import { api, type ItemDetail, type Status } from '../api.js';
import { ErrorLine, ExternalLink, leafOf, Stars, StatusBadge } from '../components/common.js';
import { MarkdownPreview } from '../components/markdown-preview.js';
import { href, type Location } from '../router.js';

const STATUSES: Status[] = ['to-read', 'reading', 'read', 'skipped'];
const PASSES = ['', 'abstract, figures, conclusion', 'the whole paper', 'reproduced'];
const ROLE_ORDER = ['paper', 'pdf', 'code', 'blog', 'slides', 'video', 'notes', 'site', 'other'];

function sourceName(file: string): string {
  if (file === 'lectio:added') return 'lectio add';
  if (file.startsWith('upload:')) return file.slice('upload:'.length);
  return file;
}

export function ItemView(props: { loc: Location }) {
  const id = Number(props.loc.args[0]);
  const [item, setItem] = useState<ItemDetail | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [note, setNote] = useState('');
  const [noteState, setNoteState] = useState<'saved' | 'editing' | 'saving'>('saved');
  const [why, setWhy] = useState('');

  const load = (detail: ItemDetail) => {
    setItem(detail);
    setNote(detail.note);
    setWhy(detail.why ?? '');
    setNoteState('saved');
  };
  useEffect(() => {
    setItem(null);
    setError(null);
    if (!Number.isInteger(id) || id < 1) {
      setError(new Error('not an item id'));
      return;
    }
    api.item(id).then(load, setError);
  }, [id]);

  const act = async (fn: () => Promise<unknown>) => {
    try {
      setError(null);
      await fn();
      load(await api.item(id));
    } catch (e) {
      setError(e);
    }
  };
  const saveNote = async () => {
    setNoteState('saving');
    try {
      const result = await api.setNote(id, note);
      setItem(result.item);
      setNoteState('saved');
    } catch (e) {
      setNoteState('editing');
      setError(e);
    }
  };

  if (!item) return error ? <ErrorLine error={error} /> : <p class="loading">Loading…</p>;
  const groups = ROLE_ORDER.map((role) => [role, item.links.filter((l) => l.role === role)] as const).filter(
    ([, links]) => links.length > 0,
  );
  const merges = item.history.filter((e) => e.kind === 'merge');
  return (
    <article class="item-page">
      <header>
        <h1>{item.title}</h1>
        {item.aliases.length ? <p class="aliases">also: {item.aliases.join(' · ')}</p> : null}
        <p class="byline">
          {[
            item.authors.length ? item.authors.join(', ') : null,
            item.year ? String(item.year) : null,
            item.kind,
            item.lists > 1 ? `in ${item.lists} lists` : null,
          ]
            .filter((part) => part !== null)
            .join(' · ')}
          {Object.entries(item.ids).map(([k, v]) => (
            <span class="id-chip">
              {' '}
              {k}:{v}
            </span>
          ))}
        </p>
      </header>
      <ErrorLine error={error} />
      <section class="reading" aria-label="reading">
        <div>
          <StatusBadge status={item.status} /> <Stars value={item.importance} />
          {item.readAt ? <span class="dim"> read {item.readAt.slice(0, 10)}</span> : null}
        </div>
        <div class="buttons" role="group" aria-label="status">
          {STATUSES.map((s) => (
            <button
              type="button"
              aria-pressed={item.status === s}
              onClick={() => void act(() => api.mark(id, { status: s }))}
            >
              {s}
            </button>
          ))}
        </div>
        <div class="buttons" role="group" aria-label="reading passes">
          {[1, 2, 3].map((n) => (
            <button
              type="button"
              aria-pressed={item.pass >= n}
              title={PASSES[n]}
              onClick={() => void act(() => api.mark(id, { pass: n }))}
            >
              pass {n}
            </button>
          ))}
        </div>
        <div class="buttons rating" role="group" aria-label="rating">
          <span>rating</span>
          {[1, 2, 3, 4, 5].map((n) => (
            <button
              type="button"
              class="star"
              aria-label={`rate ${n}`}
              aria-pressed={item.rating !== null && item.rating >= n}
              onClick={() => void act(() => api.rate(id, item.rating === n ? null : n))}
            >
              {item.rating !== null && item.rating >= n ? '★' : '☆'}
            </button>
          ))}
        </div>
      </section>
      <section aria-label="why">
        <h2>Why</h2>
        <form
          class="why"
          onSubmit={(e) => {
            e.preventDefault();
            void act(() => api.setWhy(id, why));
          }}
        >
          <input
            value={why}
            aria-label="why you saved it"
            placeholder="why you saved it"
            onInput={(e) => setWhy((e.target as HTMLInputElement).value)}
          />
          <button type="submit" disabled={why === (item.why ?? '')}>
            save
          </button>
        </form>
      </section>
      {groups.length ? (
        <section aria-label="links">
          <h2>Links</h2>
          <dl class="links">
            {groups.map(([role, links]) => (
              <>
                <dt>{role}</dt>
                {links.map((l) => (
                  <dd>
                    <ExternalLink url={l.url}>{l.url}</ExternalLink>
                    {l.label ? <span class="dim"> [{l.label}]</span> : null}
                  </dd>
                ))}
              </>
            ))}
          </dl>
        </section>
      ) : null}
      <section aria-label="note" class="note">
        <h2>
          Note{' '}
          <span class="dim note-state">
            {noteState === 'saved' ? 'saved' : noteState === 'saving' ? 'saving…' : 'not saved (Ctrl+S)'}
          </span>
        </h2>
        <div class="note-editor">
          <textarea
            aria-label="note (markdown)"
            value={note}
            placeholder="Markdown: problem, method, contribution, takeaways…"
            onInput={(e) => {
              setNote((e.target as HTMLTextAreaElement).value);
              setNoteState('editing');
            }}
            onKeyDown={(e) => {
              if ((e.ctrlKey || e.metaKey) && e.key === 's') {
                e.preventDefault();
                void saveNote();
              }
            }}
          />
          <MarkdownPreview source={note} />
        </div>
        <button type="button" onClick={() => void saveNote()} disabled={noteState !== 'editing'}>
          save note
        </button>
      </section>
      {item.notes.length ? (
        <section aria-label="notes from the lists">
          <h2>From the lists</h2>
          <ul class="list-notes">
            {item.notes.map((n) => (
              <li>{n}</li>
            ))}
          </ul>
        </section>
      ) : null}
      <section aria-label="topics">
        <h2>Topics</h2>
        <ul class="chips">
          {item.topics.map((t) => (
            <li>
              <a href={href('library', [], { topic: t })} title={t}>
                {leafOf(t)}
              </a>
            </li>
          ))}
        </ul>
      </section>
      <section aria-label="sources">
        <h2>Sources</h2>
        <ul class="sources">
          {item.sources.map((s) => (
            <li>
              <code>
                {sourceName(s.file)}:{s.line}
              </code>
              <span class="dim"> {sourceMatchInWords(s.match)}</span>
            </li>
          ))}
        </ul>
        {item.orphaned ? (
          <p class="dim">No list mentions this item any more; it is kept for its notes.</p>
        ) : null}
      </section>
      <section aria-label="history">
        <h2>History{merges.length ? ` · ${merges.length} merge${merges.length > 1 ? 's' : ''}` : ''}</h2>
        <ul class="history">
          {item.history.map((e) => (
            <li>
              <time>{e.at.slice(0, 10)}</time> {eventInWords(e, 120)}
            </li>
          ))}
        </ul>
      </section>
    </article>
  );
}
