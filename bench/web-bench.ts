// The web app's three figures (issue 5): the library view's first render at 10k items in
// Chromium, search-as-you-type round trips over HTTP on localhost at 100k items, and the
// page's JavaScript compressed. `node dist/bench/run.js --only web` runs this section alone.

import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { defaultWebDir } from '../src/http/static-files.js';
import { CHROMIUM, importFiles, openLibrary, serveLibrary } from '../test/web/web-harness.js';
import { generateList, prng } from './generate-list.js';
import { median } from './measure.js';

export interface WebBenchResult {
  renderItems: number;
  renderRuns: number;
  firstRenderMs: number;
  firstRenderMaxMs: number;
  searchItems: number;
  roundTrips: number;
  typedTitles: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  jsBytes: number;
  jsGzipBytes: number;
  cssGzipBytes: number;
}

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

function library(tmp: string, items: number, log: (m: string) => void): string {
  const list = path.join(tmp, `web-${items}.md`);
  fs.writeFileSync(list, generateList(items));
  const file = path.join(tmp, `web-${items}.sqlite`);
  log(`web: importing ${items} items`);
  const store = openLibrary(file);
  importFiles(store, [list], new Date('2026-01-01T00:00:00Z'));
  store.close();
  return file;
}

/** What a person types: each title's first words, one keystroke at a time (a request each). */
function keystrokes(titles: readonly string[], count: number): string[] {
  const rand = prng(7);
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const title = titles[Math.floor(rand() * titles.length)] ?? 'attention';
    const typed = title.split(/\s+/u).slice(0, 3).join(' ').slice(0, 24);
    for (let n = 1; n <= typed.length; n++) out.push(typed.slice(0, n));
  }
  return out;
}

export async function benchWeb(
  tmp: string,
  plan: { renderItems: number; searchItems: number; runs: number; typedTitles: number },
  log: (m: string) => void,
): Promise<WebBenchResult> {
  const web = defaultWebDir();
  const js = fs.readFileSync(path.join(web, 'app.js'));
  const css = fs.readFileSync(path.join(web, 'styles.css'));

  // First render: navigation start to the first row of the list on screen, a fresh browser
  // context (no cache) each run.
  const small = await serveLibrary(library(tmp, plan.renderItems, log));
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox'] });
  const renders: number[] = [];
  try {
    for (let i = 0; i <= plan.runs; i++) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      const page = await context.newPage();
      const start = performance.now();
      await page.goto(`${small.url}/#/library`);
      await page.locator('.vrow a.title').first().waitFor();
      const ms = performance.now() - start;
      if (i > 0) renders.push(ms); // the first run warms the server and the browser
      await context.close();
    }
  } finally {
    await browser.close();
    await small.close();
  }
  log(`web: first render at ${plan.renderItems} items, median ${median(renders).toFixed(0)} ms`);

  // Search as you type: every keystroke one GET /api/search over a kept-alive connection.
  const big = await serveLibrary(library(tmp, plan.searchItems, log));
  const times: number[] = [];
  let typed: string[] = [];
  try {
    const titles = big.store.listItems({ kind: 'paper' }).map((i) => i.title);
    typed = keystrokes(titles, plan.typedTitles);
    for (const q of typed.slice(0, 50))
      await (await fetch(`${big.url}/api/search?q=${encodeURIComponent(q)}&limit=20`)).json();
    for (const q of typed) {
      const start = performance.now();
      const response = await fetch(`${big.url}/api/search?q=${encodeURIComponent(q)}&limit=20`);
      await response.json();
      times.push(performance.now() - start);
      if (!response.ok) throw new Error(`search "${q}" failed: ${response.status}`);
    }
  } finally {
    await big.close();
  }
  log(`web: ${times.length} search round trips, p99 ${percentile(times, 99).toFixed(1)} ms`);
  return {
    renderItems: plan.renderItems,
    renderRuns: renders.length,
    firstRenderMs: median(renders),
    firstRenderMaxMs: Math.max(...renders),
    searchItems: plan.searchItems,
    roundTrips: times.length,
    typedTitles: plan.typedTitles,
    p50Ms: percentile(times, 50),
    p99Ms: percentile(times, 99),
    maxMs: Math.max(...times),
    jsBytes: js.length,
    jsGzipBytes: gzipSync(js, { level: 9 }).length,
    cssGzipBytes: gzipSync(css, { level: 9 }).length,
  };
}

export function renderWebSection(r: WebBenchResult, passFail: (ok: boolean) => string): string[] {
  const kb = (n: number) => `${(n / 1024).toFixed(1)} kB`;
  return [
    `## i. The web app (bench/web-bench.ts)`,
    '',
    `First render: Chromium (headless, a fresh context each run) from navigation to the first row of the`,
    `library list on screen, on ${r.renderItems.toLocaleString('en')} items; median of ${r.renderRuns}. Search: ${r.typedTitles}`,
    `titles' first words typed a keystroke at a time against ${r.searchItems.toLocaleString('en')} items, each keystroke a`,
    `GET /api/search (limit 20, as the app asks while typing) over HTTP on 127.0.0.1, ${r.roundTrips.toLocaleString('en')} round trips.`,
    '',
    '| measure | value | goal | result |',
    '| --- | --: | --- | --- |',
    `| first render of the library, ${r.renderItems.toLocaleString('en')} items | ${r.firstRenderMs.toFixed(0)} ms (max ${r.firstRenderMaxMs.toFixed(0)}) | < 1 s | ${passFail(r.firstRenderMs < 1000)} |`,
    `| search round trip p50 | ${r.p50Ms.toFixed(1)} ms | | |`,
    `| search round trip p99 | ${r.p99Ms.toFixed(1)} ms (max ${r.maxMs.toFixed(0)}) | < 50 ms | ${passFail(r.p99Ms < 50)} |`,
    `| app.js, gzip -9 | ${kb(r.jsGzipBytes)} (${kb(r.jsBytes)} minified) | < 300 kB | ${passFail(r.jsGzipBytes < 300 * 1024)} |`,
    `| styles.css, gzip -9 | ${kb(r.cssGzipBytes)} | | |`,
    '',
  ];
}
