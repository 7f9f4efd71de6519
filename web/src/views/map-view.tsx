// The knowledge map: the library as a mind map, topics branching into sub-topics and, for a
// topic opened with a click, its most important items. Zoom with the wheel, + and -, pan by
// dragging or with the arrow keys; 0 fits it to the window.

import { useEffect, useRef, useState } from 'preact/hooks';
import { api, type ItemSummary, type TopicSummary } from '../api.js';
import { ErrorLine, leafOf } from '../components/common.js';
import { href, type Location, navigate } from '../router.js';

const ITEMS_SHOWN = 25;
const ROW = 26;
const COLUMN = 250;

interface MapNode {
  key: string;
  label: string;
  full: string;
  depth: number;
  kind: 'root' | 'topic' | 'item' | 'more';
  topic?: TopicSummary;
  item?: ItemSummary;
  children: MapNode[];
  x: number;
  y: number;
}

function clip(text: string, n = 34): string {
  return text.length > n ? `${text.slice(0, n - 1)}…` : text;
}

function buildTree(
  topics: TopicSummary[],
  open: Set<string>,
  items: Map<string, { rows: ItemSummary[]; total: number }>,
) {
  const root: MapNode = {
    key: '',
    label: 'Library',
    full: 'Library',
    depth: 0,
    kind: 'root',
    children: [],
    x: 0,
    y: 0,
  };
  const stack: MapNode[] = [root];
  for (const t of topics) {
    const node: MapNode = {
      key: t.path,
      label: `${clip(leafOf(t.path))} (${t.items})`,
      full: t.path,
      depth: t.depth + 1,
      kind: 'topic',
      topic: t,
      children: [],
      x: 0,
      y: 0,
    };
    while (stack.length > t.depth + 1) stack.pop();
    const parent = stack[stack.length - 1];
    // A sub-topic shows when its parent is open (top-level topics always show).
    if (parent && (parent.kind === 'root' || open.has(parent.key))) parent.children.push(node);
    stack.push(node);
  }
  const addItems = (node: MapNode) => {
    for (const child of node.children) addItems(child);
    const loaded = node.kind === 'topic' && open.has(node.key) ? items.get(node.key) : undefined;
    if (!loaded) return;
    // A topic's items include its sub-topics'; under an open sub-topic they show there, not twice.
    const hasSub = node.children.length > 0;
    const rows = hasSub ? loaded.rows.filter((r) => r.topics.includes(node.key)) : loaded.rows;
    for (const row of rows) {
      node.children.push({
        key: `${node.key}#${row.id}`,
        label: clip(row.title, 48),
        full: row.title,
        depth: node.depth + 1,
        kind: 'item',
        item: row,
        children: [],
        x: 0,
        y: 0,
      });
    }
    if (loaded.total > rows.length) {
      node.children.push({
        key: `${node.key}#more`,
        label: hasSub ? `all ${loaded.total} in the library` : `+${loaded.total - rows.length} more`,
        full: node.key,
        depth: node.depth + 1,
        kind: 'more',
        children: [],
        x: 0,
        y: 0,
      });
    }
  };
  addItems(root);
  // Leaves take one row each, in order; a parent sits in the middle of its children.
  let row = 0;
  const place = (node: MapNode): void => {
    node.x = node.depth * COLUMN;
    if (node.children.length === 0) {
      node.y = row++ * ROW;
      return;
    }
    for (const child of node.children) place(child);
    node.y = ((node.children[0]?.y ?? 0) + (node.children[node.children.length - 1]?.y ?? 0)) / 2;
  };
  place(root);
  return { root, rows: row };
}

function flatten(node: MapNode, out: MapNode[] = []): MapNode[] {
  out.push(node);
  for (const child of node.children) flatten(child, out);
  return out;
}

export function MapView(props: { loc: Location }) {
  const [topics, setTopics] = useState<TopicSummary[] | null>(null);
  const [open, setOpen] = useState<Set<string>>(new Set());
  const [items, setItems] = useState(new Map<string, { rows: ItemSummary[]; total: number }>());
  const [view, setView] = useState({ k: 1, x: 20, y: 20 });
  const [error, setError] = useState<unknown>(null);
  const svg = useRef<SVGSVGElement>(null);
  const drag = useRef<{ x: number; y: number; vx: number; vy: number } | null>(null);

  const moved = useRef(false);
  // #/map?topic=T: the map of one topic, opened whole (seed 003's reading path is one screen).
  const focus = props.loc.params.get('topic') ?? '';
  useEffect(() => {
    moved.current = false;
    setOpen(new Set());
    api.topics().then((all) => {
      const list = focus
        ? all
            .filter((t) => t.path === focus || t.path.startsWith(`${focus} / `))
            .map((t) => ({ ...t, depth: t.depth - (focus.split(' / ').length - 1) }))
        : all;
      setTopics(list);
      // A small library (or topic) opens whole; a big one starts at its topics.
      const roots = list.filter((t) => t.depth === 0);
      const shown = (focus ? list : roots).filter((t) => t.items > 0);
      if (list.length <= 40 && shown.reduce((n, t) => n + Math.min(t.items, ITEMS_SHOWN), 0) <= 300)
        for (const t of shown) openTopic(t.path);
    }, setError);
  }, [focus]);

  const openTopic = (topic: string) => {
    setOpen((o) => new Set(o).add(topic));
    api
      .items({ topic, sort: 'importance', order: 'desc', offset: 0, limit: ITEMS_SHOWN })
      .then(
        (page) => setItems((m) => new Map(m).set(topic, { rows: page.rows, total: page.total })),
        setError,
      );
  };
  const toggle = (topic: string) => {
    if (!open.has(topic)) openTopic(topic);
    else
      setOpen((o) => {
        const next = new Set(o);
        next.delete(topic);
        return next;
      });
  };

  const tree = topics ? buildTree(topics, open, items) : null;
  const nodes = tree ? flatten(tree.root) : [];

  const fit = () => {
    const el = svg.current;
    if (!el || !tree) return;
    const width = Math.max(...nodes.map((n) => n.x)) + 360;
    const height = Math.max(tree.rows, 1) * ROW + 40;
    const k = Math.min(1.4, Math.max(0.05, Math.min(el.clientWidth / width, el.clientHeight / height)));
    setView({ k, x: 20, y: 20 });
  };
  // Until the user zooms or pans, the map fits the window as it grows.
  useEffect(() => {
    if (!moved.current) fit();
  }, [tree?.rows, nodes.length]);
  const zoom = (factor: number, cx?: number, cy?: number) => {
    const el = svg.current;
    const px = cx ?? (el ? el.clientWidth / 2 : 0);
    const py = cy ?? (el ? el.clientHeight / 2 : 0);
    moved.current = true;
    setView((v) => {
      const k = Math.min(4, Math.max(0.05, v.k * factor));
      return { k, x: px - ((px - v.x) * k) / v.k, y: py - ((py - v.y) * k) / v.k };
    });
  };

  return (
    <section class="map-page" aria-label="knowledge map">
      <div class="toolbar">
        <h1>Knowledge map</h1>
        <button type="button" onClick={() => zoom(1.25)} aria-label="zoom in">
          +
        </button>
        <button type="button" onClick={() => zoom(0.8)} aria-label="zoom out">
          −
        </button>
        <button type="button" onClick={fit}>
          fit
        </button>
        <span class="dim hint">click a topic to open it · wheel or +/− to zoom · drag or arrows to pan</span>
      </div>
      <ErrorLine error={error} />
      <svg
        ref={svg}
        class="map"
        tabindex={0}
        role="tree"
        aria-label="topics and their items"
        onWheel={(e) => {
          e.preventDefault();
          const box = svg.current?.getBoundingClientRect();
          zoom(e.deltaY < 0 ? 1.15 : 1 / 1.15, e.clientX - (box?.left ?? 0), e.clientY - (box?.top ?? 0));
        }}
        onPointerDown={(e) => {
          if ((e.target as Element).closest('.node')) return;
          moved.current = true;
          drag.current = { x: e.clientX, y: e.clientY, vx: view.x, vy: view.y };
          (e.currentTarget as Element).setPointerCapture(e.pointerId);
        }}
        onPointerMove={(e) => {
          const d = drag.current;
          if (d) setView((v) => ({ ...v, x: d.vx + e.clientX - d.x, y: d.vy + e.clientY - d.y }));
        }}
        onPointerUp={() => {
          drag.current = null;
        }}
        onKeyDown={(e) => {
          const step = 60;
          if (e.key === '+' || e.key === '=') zoom(1.25);
          else if (e.key === '-') zoom(0.8);
          else if (e.key === '0') fit();
          else if (e.key === 'ArrowLeft') setView((v) => ({ ...v, x: v.x + step }));
          else if (e.key === 'ArrowRight') setView((v) => ({ ...v, x: v.x - step }));
          else if (e.key === 'ArrowUp') setView((v) => ({ ...v, y: v.y + step }));
          else if (e.key === 'ArrowDown') setView((v) => ({ ...v, y: v.y - step }));
          else return;
          e.preventDefault();
        }}
      >
        <g transform={`translate(${view.x},${view.y}) scale(${view.k})`}>
          {nodes.flatMap((n) =>
            n.children.map((c) => (
              <path
                class="edge"
                d={`M${n.x + 8},${n.y} C${(n.x + c.x) / 2},${n.y} ${(n.x + c.x) / 2},${c.y} ${c.x - 4},${c.y}`}
              />
            )),
          )}
          {nodes.map((n) => {
            const done = n.topic ? n.topic.read + n.topic.skipped : 0;
            const cls = `node node-${n.kind}${n.item ? ` status-${n.item.status}` : ''}${n.topic && open.has(n.key) ? ' open' : ''}`;
            const activate = () => {
              if (n.kind === 'topic') toggle(n.key);
              else if (n.kind === 'item' && n.item) navigate(href('item', [n.item.id]));
              else if (n.kind === 'more') navigate(href('library', [], { topic: n.full }));
            };
            // Keyed: nodes arrive as topics' items load, and an unkeyed <g> holding the keyboard
            // focus would become another node (Enter on a topic then opened an item).
            return (
              <g
                key={n.key}
                class={cls}
                transform={`translate(${n.x},${n.y})`}
                tabindex={n.kind === 'root' ? -1 : 0}
                role="treeitem"
                aria-expanded={n.kind === 'topic' ? open.has(n.key) : undefined}
                data-items={n.topic?.items}
                onClick={activate}
                onKeyDown={(e) => {
                  if (e.key === 'Enter' || e.key === ' ') {
                    e.preventDefault();
                    e.stopPropagation();
                    activate();
                  }
                }}
              >
                <title>{n.full}</title>
                <circle r={n.kind === 'item' ? 4 : 6} />
                {n.topic && n.topic.items > 0 ? (
                  <circle class="done" r={6} stroke-dasharray={`${(37.7 * done) / n.topic.items} 37.7`} />
                ) : null}
                <text x={10} y={4}>
                  {n.label}
                </text>
              </g>
            );
          })}
        </g>
      </svg>
    </section>
  );
}
