// Exporters fed one item at a time (LibraryStore.eachExportItem, in library order) that
// write their text at the end, in pieces: a 100k-item export keeps each item's text, not
// the items, and never builds the whole file as one string.

import type { ExportItem, ExportSelection } from '../../core/library-export.js';

/** A piece of the text: a string, or text already encoded as UTF-8. */
export type TextPiece = string | Uint8Array;

export interface ItemWriter {
  /** The next item of the selection, by id. */
  add(item: ExportItem): void;
  /**
   * The whole text, in order, in pieces of any size; `topics` is every topic path in the
   * user's order. A piece of bytes is only good until `write` returns.
   */
  finish(topics: readonly string[], write: (piece: TextPiece) => void): void;
}

/** The whole text of a selection already in memory. */
export function writeSelection(writer: ItemWriter, selection: ExportSelection): string {
  for (const item of selection.items) writer.add(item);
  const parts: string[] = [];
  const decoder = new TextDecoder();
  writer.finish(selection.topics, (piece) => {
    parts.push(typeof piece === 'string' ? piece : decoder.decode(piece));
  });
  return parts.join('');
}

/**
 * Texts kept as UTF-8 outside the JavaScript heap until they are written. A 100k-item
 * export holds every item's text from its read to the end; as 100k strings on the heap
 * they were copied by each young-generation collection, a fifth of the export's time.
 */
export class TextArena {
  private bytes = Buffer.allocUnsafe(1 << 20);
  private used = 0;
  /** Where text n ends; it starts where text n - 1 ends. */
  private readonly ends: number[] = [];

  /** Keeps `text`; returns its number. */
  add(text: string): number {
    // A UTF-16 code unit takes at most 3 bytes of UTF-8.
    if (this.used + text.length * 3 > this.bytes.length) this.grow(text.length * 3);
    this.used += this.bytes.write(text, this.used);
    this.ends.push(this.used);
    return this.ends.length - 1;
  }

  /** Text n, encoded (a view: good until the next add). */
  get(n: number): Uint8Array {
    return this.bytes.subarray(n === 0 ? 0 : this.ends[n - 1], this.ends[n]);
  }

  private grow(room: number): void {
    const bigger = Buffer.allocUnsafe(Math.max(this.bytes.length * 2, this.used + room));
    this.bytes.copy(bigger, 0, 0, this.used);
    this.bytes = bigger;
  }
}
