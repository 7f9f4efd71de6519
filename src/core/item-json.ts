// The JSON shapes of items, search hits and import reports: the CLI's --json contract
// (PRODUCT.md) and the HTTP API's bodies are the same objects, made here once.

import type { ImportReport } from './import-lists.js';
import type { ItemRecord } from './library-store.js';
import type { SearchHit } from './search-index.js';
import { MARK_CLOSE, MARK_OPEN, renderParts } from './search-snippet.js';

export function itemJson(item: ItemRecord) {
  return {
    id: item.id,
    title: item.title,
    kind: item.kind,
    status: item.status,
    importance: item.importance,
    topics: item.topics,
    links: item.links.map((l) =>
      l.label ? { url: l.url, role: l.role, label: l.label } : { url: l.url, role: l.role },
    ),
    ids: item.ids,
    why: item.why,
    notes: item.notes,
    note: item.note,
    rating: item.rating,
    pass: item.pass,
    readAt: item.readAt,
    lists: item.listCount,
    sources: item.sources.map((s) => ({ file: s.file, line: s.line })),
    aliases: item.aliases,
    year: item.year,
    authors: item.authors,
    orphaned: item.orphaned,
  };
}

export function searchHitJson(hit: SearchHit) {
  return {
    id: hit.id,
    title: hit.title,
    kind: hit.kind,
    status: hit.status,
    importance: hit.importance,
    year: hit.year,
    topics: hit.topics,
    score: hit.score,
    snippet: hit.snippet
      ? { field: hit.snippet.field, text: renderParts(hit.snippet.parts, MARK_OPEN, MARK_CLOSE) }
      : null,
  };
}

export function importSummary(report: ImportReport) {
  return {
    files: report.files.map((f) => ({
      path: f.path,
      outcome: f.outcome,
      entries: f.entries,
      warnings: f.warnings,
    })),
    added: report.added,
    updated: report.updated,
    merged: report.merged,
    merges: report.merges,
    otherWorks: report.otherWorks,
    orphaned: report.orphaned,
    items: report.items,
  };
}
