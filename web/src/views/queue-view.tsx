// What to read next, with the reasons; marking an entry changes the queue in place. The
// top-level topics beside it are the user's order: drag one (or use its arrows) to reorder,
// and the queue follows.

import { useEffect, useState } from 'preact/hooks';
import { api, type QueueItem, type Status, type TopicSummary } from '../api.js';
import { ErrorLine } from '../components/common.js';
import { isTyping } from '../keyboard.js';
import { href, type Location, navigate } from '../router.js';

const ACTIONS: Array<{ label: string; key: string; request: { status?: Status; pass?: number } }> = [
  { label: 'reading', key: 'g', request: { status: 'reading' } },
  { label: 'pass 1', key: '1', request: { pass: 1 } },
  { label: 'pass 2', key: '2', request: { pass: 2 } },
  { label: 'pass 3', key: '3', request: { pass: 3 } },
  { label: 'read', key: 'r', request: { status: 'read' } },
  { label: 'skip', key: 's', request: { status: 'skipped' } },
];

export function QueueView(_props: { loc: Location }) {
  const [queue, setQueue] = useState<QueueItem[] | null>(null);
  const [topics, setTopics] = useState<TopicSummary[]>([]);
  const [cursor, setCursor] = useState(0);
  const [dragging, setDragging] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string>('');

  const reload = async () => {
    const [q, t] = await Promise.all([api.queue(30), api.topics()]);
    setQueue(q);
    setTopics(t.filter((x) => x.depth === 0));
  };
  useEffect(() => {
    reload().catch(setError);
  }, []);

  const mark = async (entry: QueueItem, request: { status?: Status; pass?: number }) => {
    try {
      const result = await api.mark(entry.id, request);
      setDone(`#${result.id} ${result.from} → ${result.to}${request.pass ? ` · pass ${request.pass}` : ''}`);
      await reload();
    } catch (e) {
      setError(e);
    }
  };
  const reorder = async (from: number, to: number) => {
    if (from === to) return;
    const order = topics.map((t) => t.path);
    const [moved] = order.splice(from, 1);
    if (moved === undefined) return;
    order.splice(to, 0, moved);
    try {
      await api.prioritize(order);
      await reload();
    } catch (e) {
      setError(e);
    }
  };

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!queue || isTyping(event) || event.ctrlKey || event.metaKey || event.altKey) return;
      const entry = queue[cursor];
      if (event.key === 'j' || event.key === 'ArrowDown') setCursor((c) => Math.min(queue.length - 1, c + 1));
      else if (event.key === 'k' || event.key === 'ArrowUp') setCursor((c) => Math.max(0, c - 1));
      else if (event.key === 'Enter' && entry) navigate(href('item', [entry.id]));
      else {
        const action = ACTIONS.find((a) => a.key === event.key);
        if (!action || !entry) return;
        void mark(entry, action.request);
      }
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  return (
    <div class="queue-page">
      <section class="queue" aria-label="reading queue">
        <h1>Read next</h1>
        <p class="hint dim">j/k move · Enter open · g reading · 1 2 3 passes · r read · s skip</p>
        <ErrorLine error={error} />
        <p class="done" role="status">
          {done}
        </p>
        {queue === null ? <p>Loading…</p> : null}
        {queue?.length === 0 ? (
          <p class="empty">Nothing left to read. Import a list or add a paper.</p>
        ) : null}
        <ol>
          {queue?.map((entry, i) => (
            <li
              class={`queue-entry${i === cursor ? ' cursor' : ''}`}
              data-id={entry.id}
              onClick={() => setCursor(i)}
            >
              <div class="queue-head">
                <span class="rank">{entry.rank}.</span>
                <a href={href('item', [entry.id])} class="title">
                  {entry.title}
                </a>
              </div>
              <ul class="reasons" aria-label="why it is here">
                {entry.reasons.map((r) => (
                  <li>{r}</li>
                ))}
              </ul>
              <div class="buttons" role="group" aria-label={`mark #${entry.id}`}>
                {ACTIONS.map((a) => (
                  <button type="button" title={`key ${a.key}`} onClick={() => void mark(entry, a.request)}>
                    {a.label}
                  </button>
                ))}
              </div>
            </li>
          ))}
        </ol>
      </section>
      <aside class="priorities" aria-label="topic priorities">
        <h2>Topic order</h2>
        <p class="dim">Drag to reorder; the queue follows.</p>
        <ol>
          {topics.map((t, i) => (
            <li
              draggable
              class={dragging === i ? 'dragging' : ''}
              data-topic={t.path}
              onDragStart={(e) => {
                setDragging(i);
                e.dataTransfer?.setData('text/plain', String(i));
              }}
              onDragOver={(e) => e.preventDefault()}
              onDrop={(e) => {
                e.preventDefault();
                const from = Number(e.dataTransfer?.getData('text/plain') ?? dragging);
                setDragging(null);
                void reorder(from, i);
              }}
              onDragEnd={() => setDragging(null)}
            >
              <span class="grip" aria-hidden="true">
                ⋮⋮
              </span>
              <span class="topic-name">{t.path}</span>
              <span class="count dim">{t.items - t.read - t.skipped} left</span>
              <button
                type="button"
                aria-label={`move ${t.path} up`}
                disabled={i === 0}
                onClick={() => void reorder(i, i - 1)}
              >
                ↑
              </button>
              <button
                type="button"
                aria-label={`move ${t.path} down`}
                disabled={i === topics.length - 1}
                onClick={() => void reorder(i, i + 1)}
              >
                ↓
              </button>
            </li>
          ))}
        </ol>
      </aside>
    </div>
  );
}
