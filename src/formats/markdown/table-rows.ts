// GFM tables as rows of inline pieces, with the line each row sits on.

import type { Token } from 'markdown-it';
import { inlinePieces, type Piece } from './inline-pieces.js';

export type TableCell = Piece[];

export interface TableRows {
  header: TableCell[];
  rows: Array<{ line: number; cells: TableCell[] }>;
  /** Index of the token after table_close. */
  next: number;
}

export function parseTableRows(tokens: Token[], start: number): TableRows {
  const header: TableCell[] = [];
  const rows: Array<{ line: number; cells: TableCell[] }> = [];
  let inHead = false;
  let row: { line: number; cells: TableCell[] } | null = null;
  let i = start + 1;
  for (; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    if (t.type === 'table_close') break;
    if (t.type === 'thead_open') inHead = true;
    else if (t.type === 'thead_close') inHead = false;
    else if (t.type === 'tr_open' && !inHead) row = { line: (t.map?.[0] ?? 0) + 1, cells: [] };
    else if (t.type === 'tr_close' && row) {
      rows.push(row);
      row = null;
    } else if (t.type === 'inline') {
      const cell = inlinePieces(t);
      if (inHead) header.push(cell);
      else row?.cells.push(cell);
    }
  }
  return { header, rows, next: i + 1 };
}
