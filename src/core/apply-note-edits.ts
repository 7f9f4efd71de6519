// Edits made to exported note files (Obsidian), taken back. Only what the file changed is
// written, so importing an untouched export changes nothing, and twice is the same as once.

import { LectioError } from './errors.js';
import type { Status } from './item.js';
import type { ItemRecord, LibraryStore } from './library-store.js';
import { setStatus } from './mark-item.js';

export interface NoteEdits {
  id: number;
  title?: string;
  why: string | null;
  status?: string;
  importance?: number | null;
  rating?: number | null;
  topics?: string[];
  note: string;
  /** Where the edits came from, for messages. */
  file: string;
}

export interface NoteImportReport {
  files: number;
  updated: Array<{ id: number; file: string; fields: string[] }>;
  unknown: Array<{ id: number; file: string }>;
  /** Fields a note file cannot change (topics are moved with lectio topic / add). */
  ignored: Array<{ id: number; file: string; field: string }>;
}

export function applyNoteEdits(
  store: LibraryStore,
  edits: readonly NoteEdits[],
  now: Date,
): NoteImportReport {
  const at = now.toISOString();
  const report: NoteImportReport = { files: edits.length, updated: [], unknown: [], ignored: [] };
  const seen = new Map<number, string>();
  for (const e of edits) {
    const other = seen.get(e.id);
    if (other !== undefined) {
      throw new LectioError(
        'conflict',
        `${e.file} and ${other} are both the note of item #${e.id}; keep one`,
      );
    }
    seen.set(e.id, e.file);
  }
  store.transaction(() => {
    for (const e of edits) {
      const item = store.getItems([e.id])[0];
      if (!item) {
        report.unknown.push({ id: e.id, file: e.file });
        continue;
      }
      const fields = applyOne(store, item, e, at);
      if (e.topics !== undefined && !sameList(e.topics, item.topics)) {
        report.ignored.push({ id: e.id, file: e.file, field: 'topics' });
      }
      if (fields.length > 0) report.updated.push({ id: e.id, file: e.file, fields });
    }
  });
  return report;
}

function applyOne(store: LibraryStore, item: ItemRecord, e: NoteEdits, at: string): string[] {
  const fields: string[] = [];
  const why = e.why?.trim() || null;
  if (why !== (item.why ?? null)) {
    store.setUserFields(item.id, { why }, at);
    store.addEvent(item.id, 'why', { why: why ?? '', from: 'notes' }, at);
    fields.push('why');
  }
  if (e.title !== undefined && e.title.trim() !== '' && e.title.trim() !== item.title) {
    store.setUserFields(item.id, { title: e.title.trim() }, at);
    store.addEvent(item.id, 'title', { title: e.title.trim(), from: 'notes' }, at);
    fields.push('title');
  }
  if (e.importance !== undefined && e.importance !== item.importance) {
    store.setUserFields(item.id, { importance: e.importance }, at);
    store.addEvent(item.id, 'importance', { importance: e.importance, from: 'notes' }, at);
    fields.push('importance');
  }
  if (e.rating !== undefined && e.rating !== item.rating) {
    store.setReadingFields(item.id, { rating: e.rating }, at);
    store.addEvent(item.id, 'rating', { rating: e.rating, from: 'notes' }, at);
    fields.push('rating');
  }
  if (e.status !== undefined && e.status !== item.status) {
    setStatus(store, item.id, e.status as Status, at);
    fields.push('status');
  }
  const note = e.note.replace(/\r\n?/gu, '\n');
  if (note !== item.note) {
    store.setReadingFields(item.id, { note }, at);
    store.addEvent(item.id, 'note', { chars: note.length, from: 'notes' }, at);
    fields.push('note');
  }
  return fields;
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
