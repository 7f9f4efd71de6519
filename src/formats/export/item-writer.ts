// Exporters fed one item at a time (LibraryStore.eachExportItem, in library order) that
// write their text at the end, in pieces: a 100k-item export keeps each item's text, not
// the items, and never builds the whole file as one string.

import type { ExportItem, ExportSelection } from '../../core/library-export.js';

export interface ItemWriter {
  /** The next item of the selection, by id. */
  add(item: ExportItem): void;
  /** The whole text, in order, in pieces of any size; `topics` is every topic path in the user's order. */
  finish(topics: readonly string[], write: (text: string) => void): void;
}

/** The whole text of a selection already in memory. */
export function writeSelection(writer: ItemWriter, selection: ExportSelection): string {
  for (const item of selection.items) writer.add(item);
  const parts: string[] = [];
  writer.finish(selection.topics, (text) => parts.push(text));
  return parts.join('');
}
