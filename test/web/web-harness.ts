// Shared by the web tests, the screenshots and the web benchmark: a real library file, the
// app served on 127.0.0.1 by the same code as `lectio serve`, and Debian's Chromium.

import fs from 'node:fs';
import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { IncomingEntry, StoredFeed } from '../../src/core/feed-store.js';
import { importLists } from '../../src/core/import-lists.js';
import { landEntries, rerankInbox } from '../../src/core/inbox.js';
import { DEFAULT_QUEUE_WEIGHTS } from '../../src/core/rank-queue.js';
import { DEFAULT_WEEKLY_TARGET } from '../../src/core/reading-progress.js';
import type { LibraryStore } from '../../src/core/library-store.js';
import { readListFile } from '../../src/formats/read-list-file.js';
import { type App, createApp } from '../../src/http/app.js';
import { loopbackHosts, serveApp } from '../../src/http/server.js';
import { defaultWebDir, loadStaticFiles } from '../../src/http/static-files.js';
import { parseFeedXml, parseHfDailyPapers } from '../../src/sources/feeds.js';
import { openDatabase } from '../../src/store/sqlite/open-database.js';
import { SqliteLibraryStore } from '../../src/store/sqlite/sqlite-library-store.js';

export const CHROMIUM = '/usr/bin/chromium';
/** The fixed clock of the web tests, as LECTIO_NOW does for the CLI's. */
export const TEST_NOW = new Date('2026-11-25T10:00:00Z');

export function openLibrary(file: string): LibraryStore {
  return new SqliteLibraryStore(openDatabase(file));
}

export function importFiles(store: LibraryStore, files: readonly string[], now = TEST_NOW): void {
  importLists(
    store,
    files.map((f) => readListFile(f)),
    { now: () => now },
  );
}

export interface TestApp {
  app: App;
  store: LibraryStore;
  /** The Host header of an in-process request. */
  host: string;
  /** A same-origin request to the in-process app. */
  request(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Response>;
  close(): void;
}

export function appOnLibrary(file: string, options: { token?: string; now?: () => Date } = {}): TestApp {
  const store = openLibrary(file);
  const host = '127.0.0.1:4178';
  const app = createApp(
    {
      store,
      now: options.now ?? (() => TEST_NOW),
      settings: () => ({ weights: DEFAULT_QUEUE_WEIGHTS, weeklyTarget: DEFAULT_WEEKLY_TARGET }),
    },
    {
      files: loadStaticFiles(defaultWebDir()),
      allowedHosts: loopbackHosts('127.0.0.1', 4178),
      ...(options.token ? { token: options.token } : {}),
    },
  );
  return {
    app,
    store,
    host,
    request(method, route, body, headers = {}) {
      const init: RequestInit = { method, headers: { host, ...headers } };
      if (body !== undefined) {
        init.body = typeof body === 'string' ? body : JSON.stringify(body);
        init.headers = {
          host,
          'content-type': 'application/json',
          ...(method === 'GET' ? {} : { origin: `http://${host}` }),
          ...headers,
        };
      }
      return app.fetch(new Request(`http://lectio.invalid${route}`, init));
    },
    close: () => store.close(),
  };
}

export interface RunningServer {
  url: string;
  store: LibraryStore;
  close(): Promise<void>;
}

/** The app on a free loopback port, as `lectio serve` runs it. */
export async function serveLibrary(file: string, now: () => Date = () => TEST_NOW): Promise<RunningServer> {
  const store = openLibrary(file);
  const allowedHosts: string[] = [];
  const app = createApp(
    {
      store,
      now,
      settings: () => ({ weights: DEFAULT_QUEUE_WEIGHTS, weeklyTarget: DEFAULT_WEEKLY_TARGET }),
    },
    { files: loadStaticFiles(defaultWebDir()), allowedHosts },
  );
  const server: http.Server = await serveApp(app, '127.0.0.1', 0);
  const port = (server.address() as AddressInfo).port;
  allowedHosts.push(...loopbackHosts('127.0.0.1', port));
  return {
    url: `http://127.0.0.1:${port}`,
    store,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          store.close();
          resolve();
        });
      }),
  };
}

export function hasChromium(): boolean {
  return fs.existsSync(CHROMIUM);
}

export const SCREENSHOT_DIR = path.resolve(process.cwd(), 'docs', 'screenshots');

const TESTDATA = path.resolve(process.cwd(), '..', 'shared', 'testdata');

/**
 * What `lectio feed fetch` would land from the recorded rss.arxiv.org feed and Hugging Face's
 * daily papers (../shared/testdata), plus `extra` entries, ranked: the inbox of the web tests
 * and screenshots.
 */
export function landRecordedFeeds(
  store: LibraryStore,
  extra: readonly IncomingEntry[] = [],
  now = TEST_NOW,
): void {
  const rss = parseFeedXml(
    fs.readFileSync(path.join(TESTDATA, 'arxiv', 'rss_2026_laya-reader', 'arxiv_rss.xml'), 'utf8'),
  );
  const hf = parseHfDailyPapers(
    fs.readFileSync(
      path.join(TESTDATA, 'misc', 'hf_daily_papers', 'daily_papers_2024-10-25_first4.json'),
      'utf8',
    ),
  );
  const at = now.toISOString();
  store.transaction(() => {
    const feeds = store.feedStore();
    feeds.addFeed(
      { spec: 'arxiv:cs.LG', url: 'https://rss.arxiv.org/rss/cs.LG', include: [], exclude: [] },
      at,
    );
    landEntries(
      store,
      feeds.feedBySpec('arxiv:cs.LG') as StoredFeed,
      [...rss.entries, ...hf.entries, ...extra],
      at,
    );
    rerankInbox(store);
  });
}
