// The browser's side of the JSON API: one fetch wrapper that turns `{"error": …}` into a
// thrown ApiError, and the response shapes, taken from the server's own types.

import type { importSummary, itemJson, searchHitJson } from '../../src/core/item-json.js';
import type { ItemPage, ItemSummary } from '../../src/core/library-store.js';
import type { MarkResult } from '../../src/core/mark-item.js';
import type { QueueEntry } from '../../src/core/rank-queue.js';
import type { PlanView } from '../../src/core/reading-plan.js';
import type { ProgressView } from '../../src/core/reading-progress.js';
import type { MoveResult, TopicSummary } from '../../src/core/topic-service.js';
import type { InboxView } from '../../src/core/inbox.js';

export type {
  InboxView,
  ItemPage,
  ItemSummary,
  MarkResult,
  MoveResult,
  PlanView,
  ProgressView,
  TopicSummary,
};
export type SearchHitJson = ReturnType<typeof searchHitJson>;
export type ImportSummary = ReturnType<typeof importSummary>;
export type HistoryEntry = { at: string; kind: string } & Record<string, unknown>;
export type ItemDetail = Omit<ReturnType<typeof itemJson>, 'sources'> & {
  sources: Array<{ file: string; line: number; match: string }>;
  createdAt: string;
  history: HistoryEntry[];
};
export type QueueItem = QueueEntry & { rank: number };
export type Status = ItemSummary['status'];

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

async function call<T>(method: string, path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
  const init: RequestInit = { method, headers: { accept: 'application/json' } };
  if (body !== undefined) {
    init.body = JSON.stringify(body);
    init.headers = { 'content-type': 'application/json', accept: 'application/json' };
  }
  if (signal) init.signal = signal;
  const response = await fetch(path, init);
  const data = (await response.json()) as unknown;
  if (!response.ok) {
    const error = (data as { error?: { code?: string; message?: string } }).error;
    throw new ApiError(response.status, error?.code ?? 'internal', error?.message ?? response.statusText);
  }
  return data as T;
}

function qs(params: Record<string, string | number | boolean | undefined>): string {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') search.set(k, String(v));
  const text = search.toString();
  return text ? `?${text}` : '';
}

export interface PageQuery {
  topic?: string;
  status?: string;
  kind?: string;
  noWhy?: boolean;
  sort?: string;
  order?: 'asc' | 'desc';
  offset: number;
  limit: number;
}

export const api = {
  items: (q: PageQuery, signal?: AbortSignal) =>
    call<ItemPage>(
      'GET',
      `/api/items${qs({ ...q, noWhy: q.noWhy ? 'true' : undefined })}`,
      undefined,
      signal,
    ),
  item: (id: number) => call<ItemDetail>('GET', `/api/items/${id}`),
  mark: (id: number, request: { status?: Status; pass?: number }) =>
    call<MarkResult>('POST', `/api/items/${id}/mark`, request),
  markMany: (ids: number[], status: Status) => call<MarkResult[]>('POST', '/api/mark', { ids, status }),
  move: (ids: number[], topic: string) => call<MoveResult>('POST', '/api/move', { ids, topic }),
  setNote: (id: number, note: string) =>
    call<{ changed: boolean; item: ItemDetail }>('PUT', `/api/items/${id}/note`, { note }),
  setWhy: (id: number, why: string) => call<ItemDetail>('PUT', `/api/items/${id}/why`, { why }),
  rate: (id: number, rating: number | null) => call<ItemDetail>('PUT', `/api/items/${id}/rating`, { rating }),
  search: (q: string, limit: number, signal?: AbortSignal) =>
    call<{ hits: SearchHitJson[]; more: boolean }>(
      'GET',
      `/api/search${qs({ q, limit })}`,
      undefined,
      signal,
    ),
  queue: (limit: number) => call<QueueItem[]>('GET', `/api/queue${qs({ limit })}`),
  topics: () => call<TopicSummary[]>('GET', '/api/topics'),
  prioritize: (topics: string[]) => call<TopicSummary[]>('POST', '/api/topics/prioritize', { topics }),
  plans: () => call<PlanView[]>('GET', '/api/plans'),
  progress: (weeks: number) => call<ProgressView>('GET', `/api/progress${qs({ weeks })}`),
  inbox: (limit: number) =>
    call<{ entries: InboxView[]; waiting: number }>('GET', `/api/inbox${qs({ limit })}`),
  keep: (id: number, request: { topic?: string; why?: string }) =>
    call<{ itemId: number; title: string; topic: string | null }>('POST', `/api/inbox/${id}/keep`, request),
  dismiss: (id: number) => call<{ id: number; title: string }>('POST', `/api/inbox/${id}/dismiss`, {}),
  importFiles: (files: Array<{ name: string; base64: string }>) =>
    call<ImportSummary>('POST', '/api/import', { files }),
};
