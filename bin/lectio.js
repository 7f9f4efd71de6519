#!/usr/bin/env node
// Launcher. `npm run build` bundles the CLI into dist/bundle/cli (scripts/build.mjs), which
// starts faster than the modules tsc writes to dist/src. After a bare `tsc` (the quick test
// loop) the bundle is older than dist/src and would run yesterday's code: then the compiled
// modules run instead.
import fs from 'node:fs';

const mtime = (file) => {
  try {
    return fs.statSync(new URL(file, import.meta.url)).mtimeMs;
  } catch {
    return -1;
  }
};
const bundle = '../dist/bundle/cli/main.js';
const modules = '../dist/src/cli/main.js';
await import(mtime(bundle) >= mtime(modules) ? bundle : modules);
