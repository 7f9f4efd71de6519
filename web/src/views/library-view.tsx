// The library: the topic tree in the user's order with counts and progress, and every item
// of the chosen topic in a virtualised list, filtered and sorted by the server, a page at a
// time. Rows can be selected (click, shift-click, x) and marked together, or moved to a topic
// (m: an existing topic from the list, or a new one typed).

import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { api, type ItemSummary, type Status, type TopicSummary } from '../api.js';
import { ErrorLine, leafOf, Stars, StatusBadge } from '../components/common.js';
import { VirtualList } from '../components/virtual-list.js';
import { isTyping } from '../keyboard.js';
import { href, type Location, navigate } from '../router.js';

const PAGE = 100;
const ROW_HEIGHT = 44;
const STATUSES: Status[] = ['to-read', 'reading', 'read', 'skipped'];
const KINDS = ['paper', 'code', 'blog', 'video', 'slides', 'notes', 'site', 'other'];
const SORTS: Array<[string, string]> = [
  ['added', 'added'],
  ['title', 'title'],
  ['importance', 'stars'],
  ['year', 'year'],
  ['status', 'status'],
  ['updated', 'changed'],
];

export function TopicTree(props: { topics: TopicSummary[]; current: string; params: URLSearchParams }) {
  const link = (topic: string | undefined) => {
    const params = Object.fromEntries(props.params);
    return href('library', [], { ...params, topic });
  };
  return (
    <nav class="topics" aria-label="topics">
      <a href={link(undefined)} class={props.current === '' ? 'active' : ''}>
        All items
      </a>
      <ul>
        {props.topics.map((t) => {
          const done = t.read + t.skipped;
          return (
            <li style={{ paddingLeft: `${t.depth * 14}px` }}>
              <a href={link(t.path)} class={props.current === t.path ? 'active' : ''} title={t.path}>
                <span class="topic-name">{leafOf(t.path)}</span>
                <span class="count">{t.items}</span>
              </a>
              <progress max={Math.max(1, t.items)} value={done} aria-label={`${done} of ${t.items} done`} />
            </li>
          );
        })}
      </ul>
    </nav>
  );
}

/** The selection's "move to topic": an existing topic offered as you type, or a new path. */
function MoveToTopic(props: {
  topics: TopicSummary[];
  inputRef: { current: HTMLInputElement | null };
  onMove: (topic: string) => Promise<void>;
}) {
  const [topic, setTopic] = useState('');
  const submit = async (event: Event) => {
    event.preventDefault();
    if (topic.trim() === '') return;
    await props.onMove(topic.trim());
    setTopic('');
  };
  return (
    <form class="move" onSubmit={(e) => void submit(e)}>
      <label>
        move to{' '}
        <input
          ref={props.inputRef}
          list="move-topics"
          value={topic}
          placeholder="topic (m)"
          aria-label="move to topic"
          onInput={(e) => setTopic((e.target as HTMLInputElement).value)}
        />
      </label>
      <datalist id="move-topics">
        {props.topics.map((t) => (
          <option value={t.path} />
        ))}
      </datalist>
      <button type="submit" disabled={topic.trim() === ''}>
        move
      </button>
    </form>
  );
}

export function LibraryView(props: { loc: Location }) {
  const p = props.loc.params;
  const topic = p.get('topic') ?? '';
  const status = p.get('status') ?? '';
  const kind = p.get('kind') ?? '';
  const sort = p.get('sort') ?? 'added';
  const order = p.get('order') === 'desc' ? 'desc' : 'asc';
  const noWhy = p.get('noWhy') === 'true';
  const key = [topic, status, kind, sort, order, noWhy].join('\u0000');

  const [topics, setTopics] = useState<TopicSummary[]>([]);
  const [total, setTotal] = useState<number | null>(null);
  const [version, setVersion] = useState(0);
  const pages = useRef(new Map<number, ItemSummary[] | 'loading'>());
  const [, redraw] = useState(0);
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const [cursor, setCursor] = useState(0);
  const anchor = useRef<number | null>(null);
  const moveInput = useRef<HTMLInputElement | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState('');

  useEffect(() => {
    api.topics().then(setTopics, setError);
  }, [version]);

  const fetchPage = useCallback(
    (page: number) => {
      if (pages.current.has(page)) return;
      pages.current.set(page, 'loading');
      api
        .items({
          ...(topic ? { topic } : {}),
          ...(status ? { status } : {}),
          ...(kind ? { kind } : {}),
          noWhy,
          sort,
          order,
          offset: page * PAGE,
          limit: PAGE,
        })
        .then(
          (result) => {
            pages.current.set(page, result.rows);
            setTotal(result.total);
            redraw((n) => n + 1);
          },
          (e: unknown) => {
            pages.current.delete(page);
            setError(e);
          },
        );
    },
    [key, version],
  );

  useEffect(() => {
    pages.current = new Map();
    setTotal(null);
    setError(null);
    fetchPage(0);
  }, [key, version]);
  useEffect(() => {
    setSelected(new Set());
    setCursor(0);
    setDone('');
  }, [key]);

  const rowAt = (i: number): ItemSummary | undefined => {
    const page = pages.current.get(Math.floor(i / PAGE));
    return Array.isArray(page) ? page[i % PAGE] : undefined;
  };
  const onRange = (first: number, last: number) => {
    for (let page = Math.floor(first / PAGE); page <= Math.floor(last / PAGE); page++) fetchPage(page);
  };
  const toggle = (index: number, range: boolean) => {
    const row = rowAt(index);
    if (!row) return;
    const next = new Set(selected);
    if (range && anchor.current !== null) {
      const [a, b] = anchor.current < index ? [anchor.current, index] : [index, anchor.current];
      for (let i = a; i <= b; i++) {
        const r = rowAt(i);
        if (r) next.add(r.id);
      }
    } else if (next.has(row.id)) next.delete(row.id);
    else next.add(row.id);
    anchor.current = index;
    setSelected(next);
  };
  const markSelected = async (to: Status) => {
    try {
      await api.markMany([...selected], to);
      setSelected(new Set());
      setVersion((v) => v + 1);
    } catch (e) {
      setError(e);
    }
  };
  // The moved items leave the topic shown here and the tree's counts change: reload both.
  const moveSelected = async (to: string) => {
    try {
      const result = await api.move([...selected], to);
      const n = result.moved.length;
      setDone(
        `moved ${n} ${n === 1 ? 'item' : 'items'} to ${result.topic}${result.created ? ' (new topic)' : ''}`,
      );
      setSelected(new Set());
      setVersion((v) => v + 1);
    } catch (e) {
      setError(e);
    }
  };

  // Renewed before the paint (a layout effect): a key pressed once the new selection or cursor
  // shows acts on it, not on the state before.
  useLayoutEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (isTyping(event) || event.ctrlKey || event.metaKey || event.altKey || total === null) return;
      if (event.key === 'j' || event.key === 'ArrowDown') setCursor((c) => Math.min(total - 1, c + 1));
      else if (event.key === 'k' || event.key === 'ArrowUp') setCursor((c) => Math.max(0, c - 1));
      else if (event.key === 'x' || event.key === ' ') toggle(cursor, event.shiftKey);
      else if (event.key === 'm' && selected.size > 0) moveInput.current?.focus();
      else if (event.key === 'Enter' || event.key === 'o') {
        const row = rowAt(cursor);
        if (row) navigate(href('item', [row.id]));
      } else return;
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  const setParam = (name: string, value: string | undefined) => {
    const params = Object.fromEntries(p);
    if (value === undefined || value === '') delete params[name];
    else params[name] = value;
    navigate(href('library', [], params), true);
  };

  return (
    <div class="library">
      <TopicTree topics={topics} current={topic} params={p} />
      <section class="items" aria-label="items">
        <div class="toolbar">
          <h1>{topic ? leafOf(topic) : 'All items'}</h1>
          <span class="total">{total === null ? '…' : `${total.toLocaleString()} items`}</span>
          <label>
            status{' '}
            <select
              value={status}
              onChange={(e) => setParam('status', (e.target as HTMLSelectElement).value)}
            >
              <option value="">any</option>
              {STATUSES.map((s) => (
                <option value={s}>{s}</option>
              ))}
            </select>
          </label>
          <label>
            kind{' '}
            <select value={kind} onChange={(e) => setParam('kind', (e.target as HTMLSelectElement).value)}>
              <option value="">any</option>
              {KINDS.map((k) => (
                <option value={k}>{k}</option>
              ))}
            </select>
          </label>
          <label>
            sort{' '}
            <select value={sort} onChange={(e) => setParam('sort', (e.target as HTMLSelectElement).value)}>
              {SORTS.map(([value, label]) => (
                <option value={value}>{label}</option>
              ))}
            </select>
          </label>
          <button
            type="button"
            onClick={() => setParam('order', order === 'asc' ? 'desc' : undefined)}
            aria-label={
              order === 'asc' ? 'ascending; click for descending' : 'descending; click for ascending'
            }
          >
            {order === 'asc' ? '↑' : '↓'}
          </button>
          <label>
            <input
              type="checkbox"
              checked={noWhy}
              onChange={(e) => setParam('noWhy', (e.target as HTMLInputElement).checked ? 'true' : undefined)}
            />{' '}
            no why
          </label>
        </div>
        {selected.size > 0 ? (
          <div class="selection" role="region" aria-label="selection">
            <span>{selected.size} selected · mark as</span>
            {STATUSES.map((s) => (
              <button type="button" onClick={() => void markSelected(s)}>
                {s}
              </button>
            ))}
            <MoveToTopic topics={topics} inputRef={moveInput} onMove={moveSelected} />
            <button type="button" onClick={() => setSelected(new Set())}>
              clear
            </button>
          </div>
        ) : null}
        {done ? (
          <p class="done" role="status">
            {done}
          </p>
        ) : null}
        <ErrorLine error={error} />
        {total === 0 ? (
          <p class="empty">No items here. Import a list (Import) or change the filters.</p>
        ) : null}
        <VirtualList<ItemSummary>
          label="items"
          total={total ?? 0}
          rowHeight={ROW_HEIGHT}
          rowAt={rowAt}
          onRange={onRange}
          focusIndex={cursor}
          renderRow={(row, i) =>
            row ? (
              <div
                class={`item-row${i === cursor ? ' cursor' : ''}${selected.has(row.id) ? ' selected' : ''}`}
              >
                <input
                  type="checkbox"
                  aria-label={`select ${row.title.slice(0, 80)}`}
                  checked={selected.has(row.id)}
                  onClick={(e) => {
                    setCursor(i);
                    toggle(i, (e as MouseEvent).shiftKey);
                  }}
                />
                <StatusBadge status={row.status} />
                <Stars value={row.importance} />
                <a class="title" href={href('item', [row.id])} title={row.title.slice(0, 500)}>
                  {row.title}
                </a>
                <span class="meta">
                  {row.kind}
                  {row.year ? ` · ${row.year}` : ''}
                  {row.listCount > 1 ? ` · in ${row.listCount} lists` : ''}
                </span>
              </div>
            ) : (
              <div class="item-row loading">…</div>
            )
          }
        />
      </section>
    </div>
  );
}
