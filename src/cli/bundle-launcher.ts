// The entry of the CLI bundle (dist/bundle/cli/main.cjs, made by scripts/build.mjs): runs the
// named command's own bundle, `<command>.cjs`, or `all.cjs` for help. A command's bundle is
// one file holding everything it runs, and it is compiled with V8's code cache: a process
// that starts from the cache skips parsing and compiling the code that the previous run
// compiled (about 10 ms of a `lectio mark`, BENCHMARKS.md d). Node 20 has no compile cache
// for ES modules, so the bundles are CommonJS, run the way Node runs a CommonJS module.
//
// The launcher is CommonJS too, and so is bin/lectio.js (bin/package.json): a process whose
// entry is an ES module starts Node's ES module loader first, about 5 ms of every command.
//
// The cache sits beside the bundle and is written after a run that had none, or whose cache
// V8 rejected (another Node, other flags). Where dist/ cannot be written (a read-only
// install) commands simply run without it.

import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import { commandNamed } from './command-table.js';

type Run = (argv: string[]) => Promise<number>;

function readCache(file: string): Buffer | undefined {
  try {
    return fs.readFileSync(file);
  } catch {
    return undefined;
  }
}

/** Written whole or not at all (a temporary file renamed), so a concurrent run never reads half. */
function writeCache(file: string, data: Buffer): void {
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    fs.writeFileSync(temporary, data);
    fs.renameSync(temporary, file);
  } catch {
    fs.rmSync(temporary, { force: true });
  }
}

const dir = path.dirname(fileURLToPath(import.meta.url));
const file = path.join(dir, `${commandNamed(process.argv.slice(2)) ?? 'all'}.cjs`);
const cacheFile = `${file}.cache`;
const cachedData = readCache(cacheFile);
const script = new vm.Script(
  `(function (exports, require, module, __filename, __dirname) {${fs.readFileSync(file, 'utf8')}\n})`,
  { filename: file, ...(cachedData ? { cachedData } : {}) },
);
const module = { exports: {} as { default?: Run } };
(script.runInThisContext() as (...args: unknown[]) => void)(
  module.exports,
  createRequire(file),
  module,
  file,
  dir,
);
void (module.exports.default as Run)(process.argv).then((code) => {
  process.exitCode = code;
  // After the run, so that the cache holds the functions the command compiled on its way.
  if (!cachedData || script.cachedDataRejected) writeCache(cacheFile, script.createCachedData());
});
