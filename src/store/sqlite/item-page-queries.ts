// One page of the library for the web app's virtualised list: light rows, a total, and an
// order the database can give without reading every item (at 100k items the whole list is
// seconds of hydration; a page of 200 light rows is a few milliseconds).

import type Database from 'better-sqlite3';
import type { ItemKind, Status } from '../../core/item.js';
import type { ItemPage, ItemPageRequest, ItemSort } from '../../core/library-store.js';
import { itemsUnderTopicArgs, itemsUnderTopicSql } from './topic-filter.js';

/** Ties always break by id, so pages never overlap or skip. */
const ORDER_BY: Record<ItemSort, string> = {
  added: 'id',
  title: 'title COLLATE NOCASE',
  importance: 'coalesce(importance, -1)',
  year: 'coalesce(year, 0)',
  status:
    "CASE status WHEN 'reading' THEN 0 WHEN 'to-read' THEN 1 WHEN 'inbox' THEN 2 WHEN 'read' THEN 3 ELSE 4 END",
  updated: 'updated_at',
};

type Row = [
  number,
  string,
  string,
  string,
  number | null,
  number | null,
  string,
  number,
  number,
  number | null,
  number,
];

export function pageItems(db: Database.Database, request: ItemPageRequest): ItemPage {
  const where: string[] = [];
  const args: Record<string, string | number> = {};
  if (request.status) {
    where.push('status = @status');
    args.status = request.status;
  }
  if (request.kind) {
    where.push('kind = @kind');
    args.kind = request.kind;
  }
  if (request.noWhy) where.push("(why IS NULL OR trim(why) = '')");
  if (request.topic) {
    where.push(`id IN (${itemsUnderTopicSql('topic')})`);
    Object.assign(args, itemsUnderTopicArgs('topic', request.topic));
  }
  const filter = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const total = db.prepare(`SELECT count(*) FROM items ${filter}`).pluck().get(args) as number;
  const direction = request.descending ? 'DESC' : 'ASC';
  const rows = db
    .prepare(
      `SELECT id, title, kind, status, importance, year, topics, list_count, pass, rating,
         (why IS NOT NULL AND trim(why) != '') AS has_why
       FROM items ${filter}
       ORDER BY ${ORDER_BY[request.sort]} ${direction}, id ${direction}
       LIMIT @limit OFFSET @offset`,
    )
    .raw()
    .all({ ...args, limit: request.limit, offset: request.offset }) as Row[];
  return {
    total,
    offset: request.offset,
    rows: rows.map((r) => ({
      id: r[0],
      title: r[1],
      kind: r[2] as ItemKind,
      status: r[3] as Status,
      importance: r[4],
      year: r[5],
      topics: r[6] === '[]' ? [] : (JSON.parse(r[6]) as string[]),
      listCount: r[7],
      pass: r[8],
      rating: r[9],
      hasWhy: r[10] === 1,
    })),
  };
}
