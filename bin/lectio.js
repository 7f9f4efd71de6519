#!/usr/bin/env node
// Launcher. `npm run build` bundles the CLI into dist/bundle/cli (scripts/build.mjs), which
// starts faster than the modules tsc writes to dist/src. After a bare `tsc` (the quick test
// loop) the bundle is older than dist/src and would run yesterday's code: then the compiled
// modules run instead. This file and the bundle are CommonJS (bin/package.json): an ES module
// entry starts Node's ES module loader first, about 5 ms of every command.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const mtime = (file) => {
  try {
    return fs.statSync(path.join(__dirname, file)).mtimeMs;
  } catch {
    return -1;
  }
};
const bundle = '../dist/bundle/cli/main.cjs';
const modules = '../dist/src/cli/main.js';
if (mtime(bundle) >= mtime(modules)) require(bundle);
else void import(modules);
