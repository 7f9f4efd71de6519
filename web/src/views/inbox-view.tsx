// Triage of what the feeds brought (`lectio feed fetch`): best match first, each with why it
// was ranked (its best topic, the library items it is most like, the words that matched).
// Keep files it under a topic as to-read; dismiss drops it for good.

import { useEffect, useState } from 'preact/hooks';
import { api, type InboxView as Entry, type TopicSummary } from '../api.js';
import { ErrorLine } from '../components/common.js';
import { isTyping } from '../keyboard.js';
import { href, type Location, navigate } from '../router.js';

export function InboxView(_props: { loc: Location }) {
  const [entries, setEntries] = useState<Entry[] | null>(null);
  const [waiting, setWaiting] = useState(0);
  const [topics, setTopics] = useState<TopicSummary[]>([]);
  const [cursor, setCursor] = useState(0);
  const [topicOf, setTopicOf] = useState<Record<number, string>>({});
  const [done, setDone] = useState('');
  const [error, setError] = useState<unknown>(null);

  const reload = async () => {
    const [inbox, t] = await Promise.all([api.inbox(100), api.topics()]);
    setEntries(inbox.entries);
    setWaiting(inbox.waiting);
    setTopics(t);
    setCursor((c) => Math.min(c, Math.max(0, inbox.entries.length - 1)));
  };
  useEffect(() => {
    reload().catch(setError);
  }, []);

  const keep = async (entry: Entry) => {
    try {
      const topic = topicOf[entry.itemId] ?? entry.bestTopic ?? undefined;
      const kept = await api.keep(entry.itemId, topic ? { topic } : {});
      setDone(`kept #${kept.itemId} ${kept.title}${kept.topic ? ` → ${kept.topic}` : ''}`);
      await reload();
    } catch (e) {
      setError(e);
    }
  };
  const dismiss = async (entry: Entry) => {
    try {
      const gone = await api.dismiss(entry.itemId);
      setDone(`dismissed #${gone.id} ${gone.title}`);
      await reload();
    } catch (e) {
      setError(e);
    }
  };

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!entries || isTyping(event) || event.ctrlKey || event.metaKey || event.altKey) return;
      const entry = entries[cursor];
      if (event.key === 'j' || event.key === 'ArrowDown')
        setCursor((c) => Math.min(entries.length - 1, c + 1));
      else if (event.key === 'k' || event.key === 'ArrowUp') setCursor((c) => Math.max(0, c - 1));
      else if (event.key === 'Enter' && entry) navigate(href('item', [entry.itemId]));
      else if (event.key === 'y' && entry) void keep(entry);
      else if (event.key === 'x' && entry) void dismiss(entry);
      else return;
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  return (
    <section class="inbox" aria-label="inbox">
      <h1>Inbox</h1>
      <p class="hint dim">j/k move · Enter open · y keep · x dismiss</p>
      <ErrorLine error={error} />
      <p class="done" role="status">
        {done}
      </p>
      {entries === null ? <p>Loading…</p> : null}
      {entries?.length === 0 ? (
        <p class="empty">
          The inbox is empty. Follow a feed (<code>lectio feed add arxiv:cs.LG</code>), then{' '}
          <code>lectio feed fetch</code>.
        </p>
      ) : null}
      <ol>
        {entries?.map((entry, i) => (
          <li
            class={`queue-entry inbox-entry${i === cursor ? ' cursor' : ''}`}
            data-id={entry.itemId}
            onClick={() => setCursor(i)}
          >
            <div class="queue-head">
              <span class="rank" title="score 0-100">
                {entry.score === null ? '–' : Math.round(entry.score)}
              </span>
              <a href={href('item', [entry.itemId])} class="title">
                {entry.title}
              </a>
            </div>
            <ul class="reasons" aria-label="why it is ranked here">
              <li>{entry.feed}</li>
              {entry.reasons.map((r) => (
                <li>{r}</li>
              ))}
            </ul>
            <div class="buttons" role="group" aria-label={`triage #${entry.itemId}`}>
              <select
                aria-label="topic to keep it under"
                value={topicOf[entry.itemId] ?? entry.bestTopic ?? ''}
                onChange={(e) =>
                  setTopicOf({ ...topicOf, [entry.itemId]: (e.target as HTMLSelectElement).value })
                }
              >
                <option value="">(its best topic)</option>
                {topics.map((t) => (
                  <option value={t.path}>{t.path}</option>
                ))}
              </select>
              <button type="button" title="key y" onClick={() => void keep(entry)}>
                keep
              </button>
              <button type="button" title="key x" onClick={() => void dismiss(entry)}>
                dismiss
              </button>
            </div>
          </li>
        ))}
      </ol>
      {waiting > (entries?.length ?? 0) ? (
        <p class="dim">… and {waiting - (entries?.length ?? 0)} more waiting</p>
      ) : null}
    </section>
  );
}
