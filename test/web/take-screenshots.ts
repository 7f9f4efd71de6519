// `npm run screenshots`: the pictures in README.md, taken by Chromium from a library of the
// bundled examples and seed 003 with a few weeks of reading in it. Writes docs/screenshots/.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { setNote, setWhy } from '../../src/core/item-edits.js';
import { markItem } from '../../src/core/mark-item.js';
import { createPlan } from '../../src/core/plan-service.js';
import { DEFAULT_QUEUE_WEIGHTS } from '../../src/core/rank-queue.js';
import {
  CHROMIUM,
  importFiles,
  landRecordedFeeds,
  openLibrary,
  SCREENSHOT_DIR,
  serveLibrary,
  TEST_NOW,
} from './web-harness.js';

const EXAMPLES = path.resolve(process.cwd(), 'examples');
const SEED_003 = path.resolve(process.cwd(), '..', 'shared', 'seeds', '003_72845790a68c46cc.txt');
const DAY = 86_400_000;

function buildLibrary(file: string): void {
  const store = openLibrary(file);
  const lists = fs
    .readdirSync(EXAMPLES)
    .filter((f) => f.endsWith('.md'))
    .map((f) => path.join(EXAMPLES, f));
  importFiles(store, [...lists, SEED_003], new Date(TEST_NOW.getTime() - 70 * DAY));
  // Eight weeks of reading: a deep read most weeks and a few skims.
  const ids = store.listItems({ kind: 'paper' }).map((i) => i.id);
  let n = 0;
  for (let week = 8; week >= 0; week--) {
    const at = (d: number) => new Date(TEST_NOW.getTime() - week * 7 * DAY + d * DAY);
    const deep = ids[n++];
    if (deep !== undefined && week !== 5) markItem(store, deep, { pass: 2 }, at(-2));
    for (let s = 0; s < (week % 3) + 2; s++) {
      const skim = ids[n++];
      if (skim !== undefined) markItem(store, skim, { pass: 1 }, at(-1));
    }
  }
  const paged = store.listItems({}).find((i) => /PagedAttention/u.test(i.title));
  if (paged) {
    setWhy(store, paged.id, 'the KV-cache paging idea behind vLLM; everything else builds on it', TEST_NOW);
    setNote(
      store,
      paged.id,
      '## Problem\n\nKV cache memory is fragmented: **60-80%** wasted.\n\n## Method\n\n- blocks of 16 tokens, a block table per sequence\n- copy-on-write for beam search\n\n## Takeaway\n\nPaging, as in an OS, for attention state. Code: [vllm](https://github.com/vllm-project/vllm)\n',
      TEST_NOW,
    );
  }
  landRecordedFeeds(store);
  const topic = store.topics().find((t) => t.path === 'Memory and batching');
  if (topic)
    createPlan(
      store,
      { name: 'Serving path', topic: topic.path, perWeek: 1, start: '2026-11-16' },
      TEST_NOW,
      DEFAULT_QUEUE_WEIGHTS,
    );
  store.close();
}

async function shoot(page: Page, name: string): Promise<void> {
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(300);
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`) });
  process.stdout.write(`docs/screenshots/${name}.png\n`);
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lectio-shots-'));
  const db = path.join(dir, 'library.sqlite');
  buildLibrary(db);
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const server = await serveLibrary(db);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox'] });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`${server.url}/#/library`);
    await page.locator('.vrow a.title').first().waitFor();
    await shoot(page, 'library');
    await page.goto(`${server.url}/#/queue`);
    await page.locator('.queue-entry').first().waitFor();
    await shoot(page, 'queue');
    const paged = server.store.listItems({}).find((i) => /PagedAttention/u.test(i.title));
    await page.goto(`${server.url}/#/item/${paged?.id ?? 1}`);
    await page.locator('.markdown h2').first().waitFor();
    await shoot(page, 'item');
    await page.goto(`${server.url}/#/search`);
    await page.locator('header input[type=search]').pressSequentially('flash attent', { delay: 20 });
    await page.locator('.hit mark').first().waitFor();
    await shoot(page, 'search');
    await page.goto(`${server.url}/#/inbox`);
    await page.locator('.inbox-entry').first().waitFor();
    await shoot(page, 'inbox');
    await page.goto(`${server.url}/#/plans`);
    await page.locator('.chart').waitFor();
    await shoot(page, 'plans');
    // Seed 003's must-read papers, the part of it its own mind map draws.
    const core = server.store.topics().find((t) => /必读论文$/u.test(t.path));
    await page.goto(`${server.url}/#/map${core ? `?topic=${encodeURIComponent(core.path)}` : ''}`);
    await page.locator('.map .node-item').first().waitFor();
    await shoot(page, 'map');
    await page.goto(`${server.url}/#/import`);
    await page.locator('.dropzone input[type=file]').setInputFiles(path.join(EXAMPLES, 'efficient-ml.md'));
    await page.locator('.report').waitFor();
    await shoot(page, 'import');
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${server.url}/#/library`);
    await page.locator('.vrow a.title').first().waitFor();
    await shoot(page, 'phone-library');
    await page.goto(`${server.url}/#/item/${paged?.id ?? 1}`);
    await page.locator('.item-page h1').waitFor();
    await shoot(page, 'phone-item');
  } finally {
    await browser.close();
    await server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

await main();
