import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Status } from './item.js';
import { effectiveFields } from './user-fields.js';

const list = (status: Status) => ({
  title: 'A paper',
  status,
  importance: 3,
  why: 'from the list',
  topics: ['LLM / serving', 'Systems'],
});
const user = (status: Status | null) => ({ title: null, status, importance: null, why: null, topic: null });

describe('the user against the lists', () => {
  const cases: Array<[string, Status, Status | null, Status | null, Status]> = [
    // [case, list status now, list status before, user status, effective]
    ['no user word: the list', 'to-read', 'to-read', null, 'to-read'],
    ['the list unchanged never undoes mark read', 'to-read', 'to-read', 'read', 'read'],
    ['a re-read (mark to-read after read) sticks', 'read', 'read', 'to-read', 'to-read'],
    ['a list ticked [x] after mark reading: read', 'read', 'to-read', 'reading', 'read'],
    ['a list moving back does not undo the user', 'to-read', 'read', 'reading', 'reading'],
    ['a list moving, but not past the user: the user', 'reading', 'to-read', 'read', 'read'],
    ['first fold of a new item: the user', 'read', null, 'skipped', 'skipped'],
  ];
  for (const [name, now, before, mine, expected] of cases) {
    it(name, () => assert.equal(effectiveFields(list(now), user(mine), before).status, expected));
  }
  it('keeps the user why, importance and title over the lists', () => {
    const e = effectiveFields(
      list('to-read'),
      { title: 'Mine', status: null, importance: 5, why: 'mine', topic: null },
      'to-read',
    );
    assert.deepEqual([e.title, e.importance, e.why], ['Mine', 5, 'mine']);
    const l = effectiveFields(list('to-read'), user(null), 'to-read');
    assert.deepEqual([l.title, l.importance, l.why], ['A paper', 3, 'from the list']);
  });
  it('files a moved item under the user topic alone, whatever the lists say', () => {
    const moved = effectiveFields(list('to-read'), { ...user(null), topic: 'Reading group' }, 'to-read');
    assert.deepEqual(moved.topics, ['Reading group']);
    assert.deepEqual(effectiveFields(list('to-read'), user(null), 'to-read').topics, [
      'LLM / serving',
      'Systems',
    ]);
  });
  it('clears the user status once a list moved past it', () => {
    assert.equal(effectiveFields(list('read'), user('reading'), 'to-read').userStatus, null);
    assert.equal(effectiveFields(list('to-read'), user('reading'), 'to-read').userStatus, 'reading');
  });
});
