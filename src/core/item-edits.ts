// The reader's own words on an item: the why, the note, the rating, the importance. Each
// change is one transaction and one event, so the history says when it was written.

import { validateImportance } from './add-item.js';
import { LectioError } from './errors.js';
import type { LibraryStore } from './library-store.js';

function requireItem(store: LibraryStore, id: number) {
  const item = store.getItems([id])[0];
  if (!item) throw new LectioError('not_found', `no item #${id}`);
  return item;
}

/** An empty text clears the user's why (the lists' why, if any, shows again). */
export function setWhy(store: LibraryStore, id: number, text: string, now: Date): void {
  const at = now.toISOString();
  const why = text.trim();
  store.transaction(() => {
    requireItem(store, id);
    store.setUserFields(id, { why: why === '' ? null : why }, at);
    store.addEvent(id, 'why', { why }, at);
  });
}

/** Returns whether the note changed. */
export function setNote(store: LibraryStore, id: number, markdown: string, now: Date): boolean {
  const at = now.toISOString();
  const note = markdown.replace(/\r\n?/gu, '\n');
  return store.transaction(() => {
    const item = requireItem(store, id);
    if (item.note === note) return false;
    store.setReadingFields(id, { note }, at);
    store.addEvent(id, 'note', { chars: note.length }, at);
    return true;
  });
}

export function parseRating(text: string): number {
  // One digit: Number() also reads "1e0", "0x3" and " 3 ".
  if (!/^[1-5]$/u.test(text)) {
    throw new LectioError('bad_input', `a rating is a whole number from 1 to 5, not "${text}"`);
  }
  return Number(text);
}

export function rateItem(store: LibraryStore, id: number, rating: number | null, now: Date): void {
  const at = now.toISOString();
  if (rating !== null) parseRating(String(rating));
  store.transaction(() => {
    requireItem(store, id);
    store.setReadingFields(id, { rating }, at);
    store.addEvent(id, 'rating', { rating }, at);
  });
}

export function setImportance(store: LibraryStore, id: number, importance: number | null, now: Date): void {
  const at = now.toISOString();
  if (importance !== null) validateImportance(importance);
  store.transaction(() => {
    requireItem(store, id);
    store.setUserFields(id, { importance }, at);
    store.addEvent(id, 'importance', { importance }, at);
  });
}
