// The web app's files (built by `npm run build` into dist/web): read once, served from memory
// by exact name. A path from the network is only ever a key of this map, so it cannot reach
// another file; the page loads nothing from anywhere else (no CDN).

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

export interface StaticFile {
  type: string;
  body: Uint8Array;
  gzip: Uint8Array;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.map': 'application/json',
};

/** dist/src/http/static-files.js → dist/web */
export function defaultWebDir(): string {
  return path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'web');
}

export function loadStaticFiles(dir: string): Map<string, StaticFile> {
  const files = new Map<string, StaticFile>();
  if (!fs.existsSync(dir)) return files;
  for (const name of fs.readdirSync(dir)) {
    const type = TYPES[path.extname(name)];
    const full = path.join(dir, name);
    if (!type || !fs.statSync(full).isFile()) continue;
    const body = fs.readFileSync(full);
    files.set(`/${name}`, { type, body, gzip: gzipSync(body) });
  }
  return files;
}
