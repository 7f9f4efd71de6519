// The library as a static site that works opened from the file system: an index with the
// topics in the user's order, a knowledge map (topics sized by their items, joined to their
// sub-topics and to the topics they share items with) and client-side search; a page per
// topic with its items. Every piece of list text is escaped; the search data is embedded in
// the page (file:// forbids fetching it) as JSON that cannot close its script element; only
// http(s) links become links. Pure: returns the files, the CLI writes them.

import type { ExportItem, ExportSelection } from '../../core/library-export.js';
import { topicTree, walkTopics, type TopicNode } from './topic-order.js';

export interface SiteOptions {
  title?: string;
  generatedAt: string;
}

/** Relative path (fixed names made here, never from the library) → contents. */
export type SiteFiles = Map<string, string>;

const STATUS_LABEL: Record<string, string> = {
  inbox: 'inbox',
  'to-read': 'to read',
  reading: 'reading',
  read: 'read',
  skipped: 'skipped',
};

export function exportSite(selection: ExportSelection, options: SiteOptions): SiteFiles {
  const title = options.title ?? 'Reading list';
  const files: SiteFiles = new Map();
  const byTopic = new Map<string, ExportItem[]>();
  const unfiled: ExportItem[] = [];
  for (const item of selection.items) {
    if (item.topics.length === 0) unfiled.push(item);
    for (const topic of item.topics) byTopic.set(topic, [...(byTopic.get(topic) ?? []), item]);
  }
  const nodes = walkTopics(topicTree(selection.topics, byTopic.keys())).filter(
    (n) => subtreeCount(n, byTopic) > 0,
  );
  const pageOf = new Map<string, string>();
  nodes.forEach((node, i) => pageOf.set(node.path, `topics/t${i + 1}.html`));
  // The page that shows an item in full: its first topic's, or the unfiled page.
  const homeOf = (item: ExportItem): string =>
    (item.topics[0] !== undefined ? pageOf.get(item.topics[0]) : undefined) ?? 'topics/unfiled.html';

  for (const node of nodes) {
    const page = pageOf.get(node.path) ?? '';
    const subs = node.children.filter((c) => pageOf.has(c.path));
    const body = [
      `<p class="crumbs"><a href="../index.html">${escapeHtml(title)}</a> / ${escapeHtml(node.path)}</p>`,
      `<h1>${escapeHtml(node.name)}</h1>`,
      subs.length > 0
        ? `<ul class="subtopics">${subs.map((c) => `<li><a href="../${pageOf.get(c.path) ?? ''}">${escapeHtml(c.name)}</a> (${subtreeCount(c, byTopic)})</li>`).join('')}</ul>`
        : '',
      itemList(byTopic.get(node.path) ?? [], page, homeOf),
    ];
    files.set(page, pageHtml(`${node.path} · ${title}`, body.join('\n'), '../'));
  }
  if (unfiled.length > 0) {
    const body = `<p class="crumbs"><a href="../index.html">${escapeHtml(title)}</a></p><h1>Without a topic</h1>\n${itemList(unfiled, 'topics/unfiled.html', homeOf)}`;
    files.set('topics/unfiled.html', pageHtml(`Without a topic · ${title}`, body, '../'));
  }

  const index = selection.items.map((item) => ({
    id: item.id,
    t: item.title,
    a: item.authors.join(', '),
    k: item.topics.join(' | '),
    w: item.why ?? '',
    s: item.status,
    i: item.importance,
    y: item.year,
    p: `${homeOf(item)}#item-${item.id}`,
  }));
  const topicsHtml = nodes
    .map(
      (n) =>
        `<li class="depth-${Math.min(n.depth, 6)}"><a href="${pageOf.get(n.path) ?? ''}">${escapeHtml(n.name)}</a> <span class="count">${subtreeCount(n, byTopic)}</span></li>`,
    )
    .join('\n');
  const body = [
    `<h1>${escapeHtml(title)}</h1>`,
    `<p class="meta">${selection.items.length} items · ${nodes.length} topics · exported ${escapeHtml(options.generatedAt.slice(0, 10))} by lectio</p>`,
    '<section><h2>Search</h2>',
    '<input id="q" type="search" placeholder="words of a title, an author, a topic, a why" autocomplete="off">',
    '<ol id="results"></ol></section>',
    `<section><h2>Knowledge map</h2>${knowledgeMap(nodes, byTopic, pageOf)}</section>`,
    `<section><h2>Topics</h2><ul class="topics">\n${topicsHtml}\n${unfiled.length > 0 ? `<li><a href="topics/unfiled.html">Without a topic</a> <span class="count">${unfiled.length}</span></li>` : ''}</ul></section>`,
    `<script type="application/json" id="lectio-data">${jsonForScript(index)}</script>`,
    '<script src="assets/search.js"></script>',
  ];
  files.set('index.html', pageHtml(title, body.join('\n'), ''));
  files.set('assets/style.css', STYLE);
  files.set('assets/search.js', SEARCH_JS);
  return files;
}

function subtreeCount(node: TopicNode, byTopic: ReadonlyMap<string, ExportItem[]>): number {
  const ids = new Set<number>();
  const visit = (n: TopicNode): void => {
    for (const item of byTopic.get(n.path) ?? []) ids.add(item.id);
    n.children.forEach(visit);
  };
  visit(node);
  return ids.size;
}

function itemList(items: readonly ExportItem[], page: string, homeOf: (item: ExportItem) => string): string {
  return `<ol class="items">\n${items.map((item) => itemHtml(item, homeOf(item) === page ? null : homeOf(item))).join('\n')}\n</ol>`;
}

function itemHtml(item: ExportItem, elsewhere: string | null): string {
  const head = safeUrl(item.links[0]?.url);
  const title = head ? `<a href="${escapeHtml(head)}">${escapeHtml(item.title)}</a>` : escapeHtml(item.title);
  if (elsewhere) {
    return `<li class="item ref"><span class="status ${item.status}">${STATUS_LABEL[item.status] ?? ''}</span> ${title} <a class="more" href="../${elsewhere}#item-${item.id}">details</a></li>`;
  }
  const parts = [
    `<li class="item" id="item-${item.id}"><span class="status ${item.status}">${STATUS_LABEL[item.status] ?? ''}</span>`,
    item.importance
      ? `<span class="stars" title="importance ${item.importance} of 5">${'★'.repeat(item.importance)}</span>`
      : '',
    ` ${title}`,
    item.year !== null ? ` <span class="year">(${item.year})</span>` : '',
  ];
  if (item.authors.length > 0)
    parts.push(`<div class="authors">${escapeHtml(item.authors.join(', '))}</div>`);
  if (item.why) parts.push(`<div class="why"><b>why:</b> ${escapeHtml(item.why)}</div>`);
  const links = item.links
    .map((l) => {
      const url = safeUrl(l.url);
      return url
        ? `<a href="${escapeHtml(url)}">${escapeHtml(l.role)}</a>`
        : `<span title="${escapeHtml(l.url)}">${escapeHtml(l.role)}</span>`;
    })
    .join(' · ');
  if (links) parts.push(`<div class="links">${links}</div>`);
  if (item.notes.length > 0) {
    parts.push(`<ul class="notes">${item.notes.map((n) => `<li>${escapeHtml(n)}</li>`).join('')}</ul>`);
  }
  if (item.note)
    parts.push(`<details class="note"><summary>note</summary><pre>${escapeHtml(item.note)}</pre></details>`);
  parts.push('</li>');
  return parts.join('');
}

/**
 * Topics as circles sized by their items, in the user's order down the page and by depth
 * across, each joined to its sub-topics; arcs join topics that share items (the 60 pairs
 * sharing most). Plain SVG: no script, every label escaped, every node a link to its page.
 */
function knowledgeMap(
  nodes: readonly TopicNode[],
  byTopic: ReadonlyMap<string, ExportItem[]>,
  pageOf: ReadonlyMap<string, string>,
): string {
  const shown = nodes.slice(0, 400);
  if (shown.length === 0) return '<p>No topics yet.</p>';
  const row = 26;
  const pos = new Map<string, { x: number; y: number; r: number }>();
  const max = Math.max(...shown.map((n) => subtreeCount(n, byTopic)));
  shown.forEach((n, i) => {
    const r = 3 + 9 * Math.sqrt(subtreeCount(n, byTopic) / Math.max(max, 1));
    pos.set(n.path, { x: 20 + (n.depth - 1) * 28, y: 20 + i * row, r });
  });
  const edges: string[] = [];
  for (const n of shown) {
    const from = pos.get(n.path);
    for (const c of n.children) {
      const to = pos.get(c.path);
      if (from && to) edges.push(`<path class="tree" d="M${from.x} ${from.y}V${to.y}H${to.x}"/>`);
    }
  }
  const shared = new Map<string, number>();
  const topicsOf = new Map<number, string[]>();
  for (const [topic, items] of byTopic) {
    if (!pos.has(topic)) continue;
    for (const item of items) topicsOf.set(item.id, [...(topicsOf.get(item.id) ?? []), topic]);
  }
  for (const topics of topicsOf.values()) {
    for (let i = 0; i < topics.length; i++) {
      for (let j = i + 1; j < topics.length; j++) {
        const key = [topics[i], topics[j]].sort().join('\u0000');
        shared.set(key, (shared.get(key) ?? 0) + 1);
      }
    }
  }
  const width = 760;
  const arcs = [...shared.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 60)
    .map(([key, count]) => {
      const [a, b] = key.split('\u0000').map((p) => pos.get(p ?? ''));
      if (!a || !b) return '';
      const bend = width - 200 + Math.min(160, Math.abs(b.y - a.y) / 4);
      return `<path class="shared" stroke-width="${Math.min(1 + Math.log2(count), 6).toFixed(1)}" d="M${width - 220} ${a.y}C${bend} ${a.y} ${bend} ${b.y} ${width - 220} ${b.y}"><title>${count} shared</title></path>`;
    });
  const circles = shown.map((n) => {
    const p = pos.get(n.path);
    if (!p) return '';
    const count = subtreeCount(n, byTopic);
    return `<a href="${pageOf.get(n.path) ?? ''}"><circle cx="${p.x}" cy="${p.y}" r="${p.r.toFixed(1)}"/><text x="${p.x + 14}" y="${p.y + 4}">${escapeHtml(n.name)} (${count})</text><line class="guide" x1="${p.x + 14}" y1="${p.y}" x2="${width - 220}" y2="${p.y}"/></a>`;
  });
  const height = 20 + shown.length * row;
  return `<svg class="map" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="topics and the items they share">${edges.join('')}${arcs.join('')}${circles.join('')}</svg>${nodes.length > shown.length ? `<p>The first ${shown.length} of ${nodes.length} topics.</p>` : ''}`;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/gu, (c) => `&#${c.charCodeAt(0)};`);
}

/** Only web links become links: `javascript:`, `data:` and relative paths of the list's own repository do not. */
export function safeUrl(url: string | undefined): string | null {
  if (!url) return null;
  return /^https?:\/\/[^\s]+$/iu.test(url.trim()) ? url.trim() : null;
}

/** JSON inside <script>: nothing in it can end the element, open a comment or break a line in old parsers. */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</gu, '\\u003c')
    .replace(/>/gu, '\\u003e')
    .replace(/&/gu, '\\u0026')
    .replace(/\u2028/gu, '\\u2028')
    .replace(/\u2029/gu, '\\u2029');
}

function pageHtml(title: string, body: string, root: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<link rel="stylesheet" href="${root}assets/style.css">
</head>
<body>
${body}
</body>
</html>
`;
}

const STYLE = `body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}
a{color:#1a5fb4}h1{margin-bottom:.2rem}.meta,.crumbs,.count,.year,.authors{color:#666}
.items{padding-left:1.2rem}.item{margin:.6rem 0}.status{font-size:.75rem;border-radius:3px;padding:0 .3rem;background:#eee}
.status.read{background:#d4f4dd}.status.reading{background:#fff1c2}.status.skipped{background:#f4d4d4}
.stars{color:#c88a00;margin-left:.3rem}.why{margin-left:.5rem}.notes{color:#444;font-size:.9rem}
.topics{list-style:none;padding:0}.depth-2{margin-left:1rem}.depth-3{margin-left:2rem}.depth-4{margin-left:3rem}.depth-5,.depth-6{margin-left:4rem}
#q{width:100%;font-size:1.1rem;padding:.4rem}.map{max-width:100%;height:auto}.map circle{fill:#1a5fb4;opacity:.75}
.map text{font-size:12px}.map .tree{fill:none;stroke:#999}.map .shared{fill:none;stroke:#c88a00;opacity:.45}.map .guide{stroke:#eee}
`;

/**
 * Search over the embedded index: every word must appear in the title, authors, topics or
 * why. Results are built with textContent only; links go to pages this export wrote.
 */
const SEARCH_JS = `'use strict';
(function () {
  var data = JSON.parse(document.getElementById('lectio-data').textContent);
  var input = document.getElementById('q');
  var out = document.getElementById('results');
  var hay = data.map(function (d) { return (d.t + ' ' + d.a + ' ' + d.k + ' ' + d.w).toLowerCase(); });
  function render() {
    var words = input.value.toLowerCase().split(/\\s+/).filter(Boolean);
    while (out.firstChild) out.removeChild(out.firstChild);
    if (words.length === 0) return;
    var shown = 0;
    for (var i = 0; i < data.length && shown < 100; i++) {
      var ok = true;
      for (var j = 0; j < words.length; j++) if (hay[i].indexOf(words[j]) < 0) { ok = false; break; }
      if (!ok) continue;
      shown++;
      var d = data[i];
      var li = document.createElement('li');
      var a = document.createElement('a');
      a.setAttribute('href', d.p);
      a.textContent = d.t;
      li.appendChild(a);
      var meta = document.createElement('span');
      meta.className = 'count';
      meta.textContent = ' ' + [d.s, d.i ? '\\u2605'.repeat(d.i) : '', d.y || '', d.k].filter(Boolean).join(' \\u00b7 ');
      li.appendChild(meta);
      out.appendChild(li);
    }
    if (shown === 0) {
      var none = document.createElement('li');
      none.textContent = 'nothing matches';
      out.appendChild(none);
    }
  }
  input.addEventListener('input', render);
})();
`;
