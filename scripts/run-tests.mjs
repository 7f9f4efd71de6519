// `npm test` after the build: node's test runner on the compiled *.test.js files, and only
// those. Given a directory, Node 20's runner also runs every .js file under a test/ folder
// (the web harness, the replay server, the screenshot script), counts each as a passing test
// and lets the screenshot script rewrite docs/screenshots. Node 20 takes no glob patterns.

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const files = ['dist/src', 'dist/test'].flatMap((dir) =>
  fs
    .readdirSync(path.join(ROOT, dir), { recursive: true })
    .filter((f) => f.endsWith('.test.js'))
    .map((f) => path.join(dir, f))
    .sort(),
);
if (files.length === 0) {
  process.stderr.write('run-tests: no compiled test files under dist/ (did the build run?)\n');
  process.exit(1);
}
const run = spawnSync(process.execPath, ['--test', '--test-reporter=spec', ...files], {
  cwd: ROOT,
  stdio: 'inherit',
});
process.exit(run.status ?? 1);
