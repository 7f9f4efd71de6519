// The web app in a real browser (Debian's Chromium through playwright-core) against the
// server of `lectio serve` on 127.0.0.1, on each of the four seeds: load the library, search
// as you type, open an item, write a note and see it persist, mark the head of the queue read
// and see the queue move, open the map. Moving a selection to a new topic. Then a hostile
// list: nothing in it may run.

import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type Browser, chromium, type Page } from 'playwright-core';
import { makeTempDir, removeDir, SEEDS } from './cli-helpers.js';
import { topicSummaries } from '../src/core/topic-service.js';
import { CHROMIUM, importFiles, openLibrary, serveLibrary } from './web/web-harness.js';

let browser: Browser;
let dir = '';

before(async () => {
  dir = makeTempDir('lectio-web-app-');
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox'] });
});
after(async () => {
  await browser?.close();
  removeDir(dir);
});

/** A word of a title to type: the first Latin word of 4+ letters, else the first two CJK characters. */
function wordOf(title: string): string {
  const latin = /[A-Za-z][A-Za-z0-9]{3,}/u.exec(title);
  if (latin) return latin[0];
  const cjk = /\p{Script=Han}{2}/u.exec(title);
  return cjk ? cjk[0] : title.slice(0, 4);
}

/** Polls a count (the page's CSP forbids the string evaluation waitForFunction uses). */
async function waitForCount(page: Page, selector: string, ok: (n: number) => boolean): Promise<void> {
  for (let i = 0; i < 150; i++) {
    if (ok(await page.locator(selector).count())) return;
    await page.waitForTimeout(100);
  }
  throw new Error(`${selector}: count never satisfied (${await page.locator(selector).count()})`);
}

async function newPage(errors: string[]): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  page.on('pageerror', (e) => errors.push(e.message));
  return page;
}

describe('the main flows on each seed', () => {
  for (const seedFile of SEEDS) {
    const name = path.basename(seedFile).slice(0, 3);
    it(`seed ${name}: load, search, open, note, mark read, map`, async () => {
      const db = path.join(dir, `seed-${name}.sqlite`);
      const setup = openLibrary(db);
      importFiles(setup, [seedFile]);
      setup.close();
      const server = await serveLibrary(db);
      const errors: string[] = [];
      const page = await newPage(errors);
      try {
        // Load: the library view with the library's count and its first rows.
        await page.goto(`${server.url}/`);
        const count = server.store.countItems();
        await page.locator('.total', { hasText: `${count.toLocaleString('en-US')} items` }).waitFor();
        await page.locator('.vrow a.title').first().waitFor();

        // Search as you type, with the words found marked.
        const target = server.store.listItems({}).find((i) => i.kind === 'paper' && i.title.length > 8);
        assert.ok(target, 'a paper to look for');
        const word = wordOf(target.title);
        await page.locator('header input[type=search]').pressSequentially(word, { delay: 15 });
        await page.locator('.hit mark').first().waitFor();
        assert.match(page.url(), /#\/search\?q=/u);

        // Open an item from the hits.
        await page.locator('.hit a.title').first().click();
        await page.locator('.item-page h1').waitFor();
        const id = Number(/#\/item\/(\d+)/u.exec(page.url())?.[1]);
        assert.ok(id > 0);

        // Edit its note: the preview follows the text, Ctrl+S saves, a reload shows it.
        const note = `## Takeaway\n\n**seed ${name}** read in the browser`;
        await page.locator('textarea').fill(note);
        await page.locator('.markdown strong', { hasText: `seed ${name}` }).waitFor();
        await page.locator('textarea').press('Control+s');
        await page.locator('.note-state', { hasText: 'saved' }).waitFor();
        await page.reload();
        await page.locator('.item-page h1').waitFor();
        assert.equal(await page.locator('textarea').inputValue(), note);
        assert.equal(server.store.getItems([id])[0]?.note, note);

        // Mark the head of the queue read: it leaves the queue.
        await page.goto(`${server.url}/#/queue`);
        const head = page.locator('.queue-entry').first();
        await head.waitFor();
        const headId = Number(await head.getAttribute('data-id'));
        await head.getByRole('button', { name: 'read', exact: true }).click();
        await page.locator('.done', { hasText: `#${headId}` }).waitFor();
        await page.locator(`.queue-entry[data-id="${headId}"]`).waitFor({ state: 'detached' });
        assert.equal(server.store.getItems([headId])[0]?.status, 'read');

        // The map: every top-level topic; a click opens one; the map of the item's topic shows it.
        await page.goto(`${server.url}/#/map`);
        const roots = server.store.topics().filter((x) => !x.path.includes(' / ')).length;
        await waitForCount(page, '.map .node-topic', (n) => n >= roots);
        const closed = page.locator('.map .node-topic[aria-expanded="false"]:not([data-items="0"])').first();
        if ((await closed.count()) > 0) {
          const nodes = await page.locator('.map .node').count();
          // By keyboard: a zoomed-out map can lay an item over the topic where a click would land.
          await closed.focus();
          await page.keyboard.press('Enter');
          await waitForCount(page, '.map .node', (n) => n > nodes);
        }
        const topic = target.topics[0];
        if (topic) {
          await page.goto(`${server.url}/#/map?topic=${encodeURIComponent(topic)}`);
          await page
            .locator('.map .node-item title', { hasText: target.title })
            .first()
            .waitFor({ state: 'attached' });
        }
        assert.deepEqual(errors, []);
      } finally {
        await page.close();
        await server.close();
      }
    });
  }
});

describe('moving the selection to a topic', () => {
  it('selects two items (a click, then keys), moves them to a new topic, and finds them there after a reload', async () => {
    const db = path.join(dir, 'move.sqlite');
    const setup = openLibrary(db);
    importFiles(setup, [SEEDS[0] as string]);
    const from = topicSummaries(setup).find((x) => x.items >= 3);
    setup.close();
    assert.ok(from, 'a topic with three items');
    const server = await serveLibrary(db);
    const errors: string[] = [];
    const page = await newPage(errors);
    try {
      await page.goto(`${server.url}/#/library?topic=${encodeURIComponent(from.path)}`);
      await page.locator('.total', { hasText: `${from.items} items` }).waitFor();
      await waitForCount(page, '.vrow a.title', (n) => n >= 3);
      const titles = await page.locator('.vrow a.title').allTextContents();
      // A click on a row's checkbox selects it; the keys go on working from there: j moves
      // down, x selects the row under the cursor, m goes to the topic field. Each key once the
      // page shows the last one, as a reader's eyes would.
      await page.locator('.vrow input[type="checkbox"]').first().click();
      await page.locator('.selection', { hasText: '1 selected' }).waitFor();
      await page.keyboard.press('j');
      await page.locator('.item-row.cursor a.title', { hasText: titles[1] as string }).waitFor();
      await page.keyboard.press('x');
      await page.locator('.selection', { hasText: '2 selected' }).waitFor();
      await page.keyboard.press('m');
      await page.locator('input[aria-label="move to topic"]:focus').waitFor();
      await page.keyboard.type('Reading group / from the web');
      await page.keyboard.press('Enter');
      await page.locator('.done', { hasText: 'moved 2 items to Reading group / from the web' }).waitFor();

      // They leave this topic, and the tree counts them under the new one.
      await page.locator('.total', { hasText: new RegExp(`^${from.items - 2} items$`, 'u') }).waitFor();
      await page
        .locator('.topics a[title="Reading group / from the web"] .count', { hasText: '2' })
        .waitFor();
      const moved = titles.slice(0, 2);
      await page.reload();
      await page.locator('.topics a[title="Reading group / from the web"]').click();
      await page.locator('.toolbar h1', { hasText: 'from the web' }).waitFor();
      await page.locator('.total', { hasText: /^2 items$/u }).waitFor();
      await waitForCount(page, '.vrow a.title', (n) => n === 2);
      assert.deepEqual((await page.locator('.vrow a.title').allTextContents()).sort(), [...moved].sort());
      assert.deepEqual(
        server.store
          .listItems({ topic: 'Reading group' })
          .map((i) => i.title)
          .sort(),
        [...moved].sort(),
      );
      assert.deepEqual(errors, []);
    } finally {
      await page.close();
      await server.close();
    }
  });
});

describe('the import page', () => {
  it('reports rows merged by one id under titles of two works, each linked to its item', async () => {
    const db = path.join(dir, 'other-works.sqlite');
    openLibrary(db).close();
    const server = await serveLibrary(db);
    const errors: string[] = [];
    const page = await newPage(errors);
    // htqin's list, lines 322 and 324: the second row repeats QDrop's OpenReview link.
    const rows = [
      '- [[ICLR](https://openreview.net/forum?id=ySQH0oDyp7)] QDrop: Randomly Dropping Quantization for Extremely Low-bit Post-Training Quantization. [**`qnn`**]',
      '- [[ICLR](https://openreview.net/forum?id=ySQH0oDyp7)] Optimal ANN-SNN Conversion for High-accuracy and Ultra-low-latency Spiking Neural Networks. [**`snn`**]',
      '',
    ].join('\n');
    try {
      await page.goto(`${server.url}/#/import`);
      await page
        .locator('.dropzone input[type=file]')
        .setInputFiles({ name: 'quant.md', mimeType: 'text/markdown', buffer: Buffer.from(rows) });
      await page.locator('.report', { hasText: 'added' }).waitFor();
      const shown = page.locator('.other-works li');
      assert.equal(await shown.count(), 1);
      assert.match(
        (await shown.textContent()) ?? '',
        /^#\d+ QDrop: .* ← line 2: Optimal ANN-SNN Conversion .* \(url:openreview\.net\/forum\?id=ySQH0oDyp7\)$/u,
      );
      const [item] = server.store.listItems({});
      assert.equal(await shown.locator('a').getAttribute('href'), `#/item/${item?.id}`);
      assert.deepEqual(errors, []);
    } finally {
      await page.close();
      await server.close();
    }
  });
});

const HOSTILE = [
  '# Hostile list',
  '',
  '## <img src=x onerror="window.__pwned=1"> Topic',
  '',
  '- [<script>window.__pwned=2</script> Script title](javascript:window.__pwned=3)',
  '- [Click me please](javascript:window.__pwned=4) <b onmouseover="window.__pwned=5">bold</b>',
  '- <img src=x onerror="window.__pwned=6"> An image title, [paper](https://arxiv.org/abs/2501.00003)',
  `- [${'Long title '.repeat(910).slice(0, 10_000)}](https://example.com/long)`,
  '  - why: <script>window.__pwned=7</script> <svg onload="window.__pwned=8">',
  '  - <a href="javascript:window.__pwned=9">an html link</a> [md link](javascript:window.__pwned=10)',
  '',
].join('\n');

interface PageState {
  pwned: unknown;
  hrefs: string[];
  scripts: number;
  text: string;
}

/** Evaluated in the page: the canary, every URL-bearing or handler attribute, the scripts, the text. */
const PAGE_STATE = `({
  pwned: window.__pwned,
  hrefs: [...document.querySelectorAll('[href],[src],[onerror],[onload],[onmouseover]')].map(
    (e) => e.tagName + ' ' + (e.getAttribute('href') ?? e.getAttribute('src') ?? '') + (e.hasAttribute('onerror') || e.hasAttribute('onload') || e.hasAttribute('onmouseover') ? ' handler' : ''),
  ),
  scripts: document.querySelectorAll('script').length,
  text: document.body.innerText,
})`;

describe('untrusted text', () => {
  it('a list with <script>, javascript: links, onerror= and a 10,000-character title runs nothing', async () => {
    const db = path.join(dir, 'hostile.sqlite');
    openLibrary(db).close();
    const server = await serveLibrary(db);
    const errors: string[] = [];
    const page = await newPage(errors);
    try {
      // Imported by dropping it on the import page (the file input behind the drop zone).
      await page.goto(`${server.url}/#/import`);
      await page
        .locator('.dropzone input[type=file]')
        .setInputFiles({ name: 'hostile.md', mimeType: 'text/markdown', buffer: Buffer.from(HOSTILE) });
      await page.locator('.report', { hasText: 'added' }).waitFor();
      const items = server.store.listItems({});
      assert.ok(items.length >= 4, `imported ${items.length} items`);
      const long = items.find((i) => i.title.length >= 9_000);
      assert.ok(long, 'the long title is kept whole');
      const jsLinks = items.flatMap((i) => i.links).filter((l) => /^javascript:/iu.test(l.url));
      // The library holds the tricks as text: the page has to defend against them.
      assert.ok(jsLinks.length > 0, 'a javascript: link was kept');
      const scripted = items.find((i) => i.why?.includes('<script>'));
      assert.ok(scripted, 'a why holding <script> was kept');

      const views = ['#/library', '#/search?q=script', '#/search?q=title', '#/map', '#/queue'];
      for (const i of items) views.push(`#/item/${i.id}`);
      for (const view of views) {
        await page.goto(`${server.url}/${view}`);
        await page.waitForLoadState('networkidle');
        // A note whose preview holds the same tricks.
        if (view === `#/item/${items[0]?.id}`) {
          await page
            .locator('textarea')
            .fill(
              '<script>window.__pwned=11</script> <img src=x onerror="window.__pwned=12"> [x](javascript:window.__pwned=13)',
            );
          await page.waitForTimeout(100);
        }
        for (const link of await page.locator('a').all())
          await link.hover({ trial: false }).catch(() => undefined);
        const state = await page.evaluate<PageState>(PAGE_STATE);
        assert.equal(state.pwned, undefined, `a script ran on ${view}`);
        assert.equal(state.scripts, 1, `only the app's script on ${view}`);
        for (const h of state.hrefs) assert.doesNotMatch(h, /javascript:|handler$|\bx$/iu, `${view}: ${h}`);
        if (view === '#/library') assert.match(state.text, new RegExp(`${items.length} items`, 'u'));
        if (view === `#/item/${scripted.id}`)
          assert.equal(await page.getByLabel('why you saved it').inputValue(), scripted.why);
        if (view === `#/item/${long.id}`) {
          const h1 = await page.locator('.item-page h1').textContent();
          assert.equal(h1?.length, long.title.length);
        }
      }
      // A javascript: link the lists gave is shown, but not as a link.
      {
        const owner = items.find((i) => i.links.some((l) => /^javascript:/iu.test(l.url)));
        await page.goto(`${server.url}/#/item/${owner?.id}`);
        await page.locator('.unsafe-link').first().waitFor();
        await page.locator('.unsafe-link').first().click();
        assert.equal((await page.evaluate<PageState>(PAGE_STATE)).pwned, undefined);
      }
      assert.deepEqual(errors, []);
    } finally {
      await page.close();
      await server.close();
    }
  });
});
