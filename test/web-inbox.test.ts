// The inbox in the web app: its API in-process, and triage in a real Chromium on a seed
// library whose feed brought the recorded rss.arxiv.org papers and Hugging Face's daily
// papers (landed through the same core as `lectio feed fetch`), plus an entry whose title
// is markup: it must show as text.

import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type Browser, chromium } from 'playwright-core';
import type { IncomingEntry } from '../src/core/feed-store.js';
import { makeTempDir, removeDir, seed } from './cli-helpers.js';
import {
  appOnLibrary,
  CHROMIUM,
  importFiles,
  landRecordedFeeds,
  openLibrary,
  serveLibrary,
} from './web/web-harness.js';

const HOSTILE: IncomingEntry = {
  id: 'https://example.org/hostile',
  title: '<img src=x onerror="window.__pwned=1"> Hostile <script>window.__pwned=2</script> title',
  link: 'https://example.org/hostile',
  authors: ['Mallory'],
  summary: 'LLM inference <b onmouseover="window.__pwned=3">serving</b> and KV cache',
  published: '2026-11-24T00:00:00Z',
  categories: [],
  arxivId: null,
};

let dir = '';
before(() => {
  dir = makeTempDir('lectio-web-inbox-');
});
after(() => removeDir(dir));

/** Seed 003's library with eight feed entries and a hostile one waiting in the inbox. */
function libraryWithInbox(name: string): string {
  const db = path.join(dir, `${name}.sqlite`);
  const store = openLibrary(db);
  try {
    importFiles(store, [seed('003')]);
    landRecordedFeeds(store, [HOSTILE]);
  } finally {
    store.close();
  }
  return db;
}

describe('the inbox API', () => {
  it('lists, keeps and dismisses through the core, with errors as {error}', async () => {
    const t = appOnLibrary(libraryWithInbox('api'));
    try {
      const listed = (await (await t.request('GET', '/api/inbox?limit=100')).json()) as {
        entries: Array<{ itemId: number; score: number; reasons: string[]; bestTopic: string | null }>;
        waiting: number;
      };
      assert.equal(listed.waiting, 9);
      assert.equal(listed.entries.length, 9);
      const scores = listed.entries.map((e) => e.score);
      assert.deepEqual(
        scores,
        [...scores].sort((a, b) => b - a),
      );
      const [first, second] = listed.entries;
      assert.ok(first && second && first.reasons.length > 0);
      const kept = await t.request('POST', `/api/inbox/${first.itemId}/keep`, { why: 'from the feed' });
      assert.equal(kept.status, 200, await kept.clone().text());
      assert.equal(t.store.getItems([first.itemId])[0]?.status, 'to-read');
      assert.equal(t.store.getItems([first.itemId])[0]?.why, 'from the feed');
      const again = await t.request('POST', `/api/inbox/${first.itemId}/keep`, {});
      assert.equal(again.status, 400);
      assert.match(((await again.json()) as { error: { message: string } }).error.message, /not waiting/u);
      assert.equal((await t.request('POST', `/api/inbox/${second.itemId}/dismiss`, {})).status, 200);
      assert.equal(t.store.getItems([second.itemId]).length, 0);
      assert.equal((await t.request('POST', '/api/inbox/99999/dismiss', {})).status, 404);
      assert.equal((await t.request('POST', `/api/inbox/${first.itemId}/keep`, { topic: '' })).status, 400);
      const cross = await t.request(
        'POST',
        `/api/inbox/${listed.entries[2]?.itemId}/dismiss`,
        {},
        { origin: 'https://evil.example' },
      );
      assert.equal(cross.status, 403, 'a write from another site is refused');
      const openapi = (await (await t.request('GET', '/api/openapi.json')).json()) as {
        paths: Record<string, unknown>;
      };
      assert.ok(openapi.paths['/api/inbox/{id}/keep']);
    } finally {
      t.close();
    }
  });
});

describe('the inbox in the browser', () => {
  let browser: Browser;
  before(async () => {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox'] });
  });
  after(async () => {
    await browser?.close();
  });

  it('triage by keyboard and by button, each entry with why it was ranked; markup stays text', async () => {
    const server = await serveLibrary(libraryWithInbox('browser'));
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    try {
      await page.goto(`${server.url}/#/inbox`);
      const entries = page.locator('.inbox-entry');
      await entries.first().waitFor();
      assert.equal(await entries.count(), 9);
      assert.ok(
        (await entries.first().locator('.reasons li').count()) >= 2,
        'the feed and at least one reason',
      );

      // The hostile title is shown as the text it is, and nothing in it ran.
      await page.locator('.inbox-entry a.title', { hasText: 'Hostile' }).waitFor();
      const state = (await page.evaluate(
        '({ pwned: window.__pwned, imgs: document.querySelectorAll(".inbox img").length })',
      )) as { pwned: unknown; imgs: number };
      assert.deepEqual(state, { pwned: undefined, imgs: 0 });
      assert.match(await page.locator('.inbox').innerText(), /<img src=x onerror=/u);

      // y keeps the entry under the cursor, under its best topic.
      const firstId = Number(await entries.first().getAttribute('data-id'));
      await page.keyboard.press('y');
      await page.locator('.done', { hasText: `kept #${firstId}` }).waitFor();
      await page.locator(`.inbox-entry[data-id="${firstId}"]`).waitFor({ state: 'detached' });
      assert.equal(server.store.getItems([firstId])[0]?.status, 'to-read');

      // The dismiss button drops the next one for good.
      const next = page.locator('.inbox-entry').first();
      const nextId = Number(await next.getAttribute('data-id'));
      await next.getByRole('button', { name: 'dismiss' }).click();
      await page.locator('.done', { hasText: `dismissed #${nextId}` }).waitFor();
      await page.locator(`.inbox-entry[data-id="${nextId}"]`).waitFor({ state: 'detached' });
      assert.equal(server.store.getItems([nextId]).length, 0);
      assert.equal(await page.locator('.inbox-entry').count(), 7);

      assert.deepEqual(errors, []);
    } finally {
      await page.close();
      await server.close();
    }
  });
});
