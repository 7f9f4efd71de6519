// Status and reading passes. Every change is an event with its time (the reading history
// that `lectio progress` counts); the read date is kept on the item.
//
// The three passes (seed 003's 三遍阅读法): 1 abstract, figures and conclusion; 2 the whole
// paper; 3 reproduce or re-derive. A pass says how far the reader went, so without an
// explicit status pass 1 means "reading" (started) and pass 2 or 3 means "read".

import { LectioError } from './errors.js';
import type { Status } from './item.js';
import type { LibraryStore } from './library-store.js';

export const MARKABLE: readonly Status[] = ['to-read', 'reading', 'read', 'skipped'];

export interface MarkRequest {
  status?: Status;
  pass?: number;
}

export interface MarkResult {
  id: number;
  title: string;
  from: Status;
  to: Status;
  pass: number;
  readAt: string | null;
  changed: boolean;
}

export function parseMarkStatus(text: string): Status {
  const status = MARKABLE.find((s) => s === text.trim().toLowerCase());
  if (status) return status;
  // "mark 5 2" means a reading pass: say how to give one.
  const pass = /^[123]$/u.test(text.trim()) ? ` (a reading pass: --pass ${text.trim()})` : '';
  throw new LectioError('bad_input', `unknown status "${text}"; use one of ${MARKABLE.join(', ')}${pass}`);
}

export function parsePass(text: string): number {
  const pass = Number(text);
  if (!Number.isInteger(pass) || pass < 1 || pass > 3) {
    throw new LectioError(
      'bad_input',
      `--pass must be 1, 2 or 3 (1 abstract and figures, 2 whole paper, 3 reproduce), not "${text}"`,
    );
  }
  return pass;
}

/** Sets the user's status and logs it; returns the change, or null when it was already so. */
export function setStatus(
  store: LibraryStore,
  id: number,
  to: Status,
  at: string,
): { from: Status; to: Status } | null {
  const item = store.getItems([id])[0];
  if (!item) throw new LectioError('not_found', `no item #${id}`);
  // Stored even when equal to the list's status: the user's word then outlives list edits.
  store.setUserFields(id, { status: to }, at);
  if (item.status === to) return null;
  store.addEvent(id, 'status', { from: item.status, to, by: 'user' }, at);
  if (to === 'read') store.setReadingFields(id, { readAt: at }, at);
  return { from: item.status, to };
}

export function markItem(store: LibraryStore, id: number, request: MarkRequest, now: Date): MarkResult {
  if (request.status === undefined && request.pass === undefined) {
    throw new LectioError('bad_input', `mark: give a status (${MARKABLE.join(', ')}) or --pass 1|2|3`);
  }
  const at = now.toISOString();
  return store.transaction(() => {
    const before = store.getItems([id])[0];
    if (!before) throw new LectioError('not_found', `no item #${id}`);
    let to = request.status;
    if (request.pass !== undefined) {
      if (to === undefined) {
        if (request.pass >= 2) to = 'read';
        else if (before.status === 'to-read' || before.status === 'inbox') to = 'reading';
      }
      store.setReadingFields(id, { pass: Math.max(before.pass, request.pass) }, at);
      store.addEvent(id, 'pass', { pass: request.pass }, at);
    }
    const change = to !== undefined ? setStatus(store, id, to, at) : null;
    const after = store.getItems([id])[0] ?? before;
    return {
      id,
      title: after.title,
      from: before.status,
      to: after.status,
      pass: after.pass,
      readAt: after.readAt,
      changed: change !== null || request.pass !== undefined,
    };
  });
}
