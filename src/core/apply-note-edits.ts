// Edits made to exported note files (Obsidian), taken back. Only what the file changed is
// written, so importing an untouched export changes nothing, and twice is the same as once.

import { LectioError } from './errors.js';
import type { Status } from './item.js';
import type { ItemRecord, LibraryStore } from './library-store.js';
import { setStatus } from './mark-item.js';

/** The fields a note file lets the reader edit; a field left out means no change. */
export interface ItemEdits {
  id: number;
  title?: string;
  why: string | null;
  status?: string;
  importance?: number | null;
  rating?: number | null;
  topics?: string[];
  note: string;
}

export interface NoteEdits extends ItemEdits {
  /** Where the edits came from, for messages. */
  file: string;
}

/** The editable fields (topics aside) on which the edits and the item disagree. */
export function editedFields(
  item: ItemRecord,
  e: ItemEdits,
): Array<'why' | 'title' | 'importance' | 'rating' | 'status' | 'note'> {
  const fields: Array<'why' | 'title' | 'importance' | 'rating' | 'status' | 'note'> = [];
  if ((e.why?.trim() || null) !== (item.why ?? null)) fields.push('why');
  if (e.title !== undefined && e.title.trim() !== '' && e.title.trim() !== item.title) fields.push('title');
  if (e.importance !== undefined && e.importance !== item.importance) fields.push('importance');
  if (e.rating !== undefined && e.rating !== item.rating) fields.push('rating');
  if (e.status !== undefined && e.status !== item.status) fields.push('status');
  if (normalizeNote(e.note) !== item.note) fields.push('note');
  return fields;
}

function normalizeNote(note: string): string {
  return note.replace(/\r\n?/gu, '\n');
}

export interface NoteImportReport {
  files: number;
  updated: Array<{ id: number; file: string; fields: string[] }>;
  /** Fields a note file cannot change (topics are moved with lectio topic / add). */
  ignored: Array<{ id: number; file: string; field: string }>;
}

export function applyNoteEdits(
  store: LibraryStore,
  edits: readonly NoteEdits[],
  now: Date,
): NoteImportReport {
  const at = now.toISOString();
  const report: NoteImportReport = { files: edits.length, updated: [], ignored: [] };
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
    // A file of an item no longer there (merged, or from another library) fails the run
    // before anything is taken back, as a bad list fails an import.
    const found = new Map(store.getItems(edits.map((e) => e.id)).map((item) => [item.id, item]));
    const unknown = edits.filter((e) => !found.has(e.id));
    const first = unknown[0];
    if (first) {
      const more = unknown.length > 1 ? ` (and ${unknown.length - 1} more files)` : '';
      throw new LectioError(
        'not_found',
        `${first.file}: no item #${first.id} in this library${more}; nothing was taken back (move the file out of the folder to take back the rest)`,
      );
    }
    for (const e of edits) {
      const item = found.get(e.id);
      if (!item) continue;
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
  const fields = editedFields(item, e);
  for (const field of fields) {
    switch (field) {
      case 'why': {
        const why = e.why?.trim() || null;
        store.setUserFields(item.id, { why }, at);
        store.addEvent(item.id, 'why', { why: why ?? '', from: 'notes' }, at);
        break;
      }
      case 'title': {
        const title = (e.title ?? '').trim();
        store.setUserFields(item.id, { title }, at);
        store.addEvent(item.id, 'title', { title, from: 'notes' }, at);
        break;
      }
      case 'importance':
        store.setUserFields(item.id, { importance: e.importance ?? null }, at);
        store.addEvent(item.id, 'importance', { importance: e.importance ?? null, from: 'notes' }, at);
        break;
      case 'rating':
        store.setReadingFields(item.id, { rating: e.rating ?? null }, at);
        store.addEvent(item.id, 'rating', { rating: e.rating ?? null, from: 'notes' }, at);
        break;
      case 'status':
        setStatus(store, item.id, e.status as Status, at);
        break;
      case 'note': {
        const note = normalizeNote(e.note);
        store.setReadingFields(item.id, { note }, at);
        store.addEvent(item.id, 'note', { chars: note.length, from: 'notes' }, at);
        break;
      }
    }
  }
  return fields;
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
