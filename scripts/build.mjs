// `npm run build`: compile with tsc into dist/ (tests and benchmarks run from there), then
// bundle the CLI with esbuild so that a command loads a handful of files instead of dozens
// of modules (docs/ARCHITECTURE.md, "the CLI bundle"). Another bundle is one more entry in
// BUNDLES.

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DIST = path.join(ROOT, 'dist');

// ESM output that may still contain CommonJS packages (commander, markdown-it): they call
// require(), which an ES module lacks.
const REQUIRE_SHIM =
  "import { createRequire as __lectioCreateRequire } from 'node:module'; const require = __lectioCreateRequire(import.meta.url);";

/**
 * markdown-it 15 ships transpiled class fields: every Token's constructor makes 13 calls to
 * a `_defineProperty` helper (with toPropertyKey and toPrimitive under it), about a tenth of
 * the parse of a big list. On a fresh instance, with no accessors anywhere in markdown-it,
 * the helper does exactly what a plain assignment does, so the bundle gets assignments.
 */
const plainClassFields = {
  name: 'plain-class-fields',
  setup(build) {
    build.onLoad({ filter: /markdown-it[\\/]dist[\\/]markdown-it\.mjs$/ }, async (args) => {
      const text = await fs.promises.readFile(args.path, 'utf8');
      const field =
        /_defineProperty\(\s*this,\s*(?:\/\*\*(?:[^*]|\*(?!\/))*\*\/\s*)?"([A-Za-z_$][\w$]*)",\s*([^()\n;,]+?)\s*\);/g;
      return {
        contents: text.replace(field, (_all, name, value) => `this.${name} = ${value};`),
        loader: 'js',
      };
    });
  },
};

const BUNDLES = [
  {
    // dist/bundle/cli sits as deep as dist/src/cli, so that paths taken relative to a
    // module (demo-command.ts finds examples/ at ../../../examples) hold in both.
    name: 'cli',
    options: {
      entryPoints: [path.join(DIST, 'src', 'cli', 'main.js')],
      outdir: path.join(DIST, 'bundle', 'cli'),
      platform: 'node',
      target: 'node20',
      format: 'esm',
      bundle: true,
      // Each command stays its own chunk, loaded only when named (main.ts COMMANDS).
      splitting: true,
      // better-sqlite3's JavaScript too: its dozen CommonJS files cost the ES module loader
      // more than their code. Its compiled addon is still loaded from node_modules, by the
      // path open-database.ts gives it (nativeBinding).
      banner: { js: REQUIRE_SHIM },
      plugins: [plainClassFields],
      logLevel: 'warning',
    },
  },
];

fs.rmSync(DIST, { recursive: true, force: true });
execFileSync(
  process.execPath,
  [path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json'],
  {
    cwd: ROOT,
    stdio: 'inherit',
  },
);
for (const b of BUNDLES) await build(b.options);
// The web app (lectio serve): type-checked, then bundled into dist/web by its own script.
execFileSync(
  process.execPath,
  [path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', path.join('web', 'tsconfig.json')],
  { cwd: ROOT, stdio: 'inherit' },
);
execFileSync(process.execPath, [path.join(ROOT, 'web', 'build.mjs')], { cwd: ROOT, stdio: 'inherit' });
