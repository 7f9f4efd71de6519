// `npm run build`: compile with tsc into dist/ (tests and benchmarks run from there), then
// bundle the CLI with esbuild so that a command loads one file instead of dozens of modules
// (docs/ARCHITECTURE.md, "Build and the CLI bundle"). Another bundle is one more entry in
// bundles().

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DIST = path.join(ROOT, 'dist');

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

/**
 * One bundle per command (dist/bundle/cli/mark.cjs holds everything `lectio mark` runs, and
 * nothing else), `all.cjs` with every command for help, and `main.cjs`, which runs one of
 * them with V8's code cache (src/cli/bundle-launcher.ts). A command that compiles one file
 * from its cache instead of a dozen ES module chunks starts about 25 ms sooner
 * (BENCHMARKS.md d). The table of commands is src/cli/command-table.ts, read compiled.
 */
async function cliEntries() {
  const table = await import(pathToFileURL(path.join(DIST, 'src', 'cli', 'command-table.js')).href);
  const entry = (commands) => {
    const registers = [...new Set(commands.map(([, fn]) => fn))];
    const imports = commands.map(([file, fn]) => `import { ${fn} } from './${file}.js';`);
    return [
      ...new Set(imports),
      "import { runCli } from './run-cli.js';",
      `export default (argv) => runCli(argv, [${registers.join(', ')}]);`,
    ].join('\n');
  };
  const commands = { all: entry(Object.values(table.COMMAND_MODULES)) };
  for (const [name, command] of Object.entries(table.COMMAND_MODULES)) commands[name] = entry([command]);
  return commands;
}

/** esbuild entries whose text is made here (cliEntries), resolved as if in dist/src/cli. */
const virtualEntries = (entries) => ({
  name: 'virtual-entries',
  setup(build) {
    build.onResolve({ filter: /^lectio-entry:/ }, (args) => ({
      path: args.path.slice(13),
      namespace: 'lectio-entry',
    }));
    build.onLoad({ filter: /.*/, namespace: 'lectio-entry' }, (args) => ({
      contents: entries[args.path],
      resolveDir: path.join(DIST, 'src', 'cli'),
      loader: 'js',
    }));
  },
});

const NODE_BUNDLE = { platform: 'node', target: 'node20', bundle: true, logLevel: 'warning' };

async function bundles() {
  const commands = await cliEntries();
  // dist/bundle/cli sits as deep as dist/src/cli, so that paths taken relative to a module
  // (demo-command.ts finds examples/ at ../../../examples) hold in both.
  const outdir = path.join(DIST, 'bundle', 'cli');
  return [
    {
      name: 'cli launcher',
      options: {
        ...NODE_BUNDLE,
        entryPoints: { main: path.join(DIST, 'src', 'cli', 'bundle-launcher.js') },
        outdir,
        outExtension: { '.js': '.cjs' },
        format: 'cjs',
        define: { 'import.meta.url': '__lectioModuleUrl' },
        banner: { js: "const __lectioModuleUrl = require('node:url').pathToFileURL(__filename).href;" },
      },
    },
    {
      name: 'cli commands',
      options: {
        ...NODE_BUNDLE,
        entryPoints: Object.keys(commands).map((name) => ({ in: `lectio-entry:${name}`, out: name })),
        outdir,
        outExtension: { '.js': '.cjs' },
        format: 'cjs',
        // CommonJS has no import.meta: a module's own URL is its bundle's, which is as deep.
        define: { 'import.meta.url': '__lectioModuleUrl' },
        banner: { js: "const __lectioModuleUrl = require('node:url').pathToFileURL(__filename).href;" },
        // better-sqlite3's JavaScript is bundled too; its compiled addon is still loaded from
        // node_modules, by the path open-database.ts gives it (nativeBinding).
        plugins: [virtualEntries(commands), plainClassFields],
      },
    },
    {
      // The benchmarks time markdown-it and the parse step as the CLI ships them, transform
      // included, and test/shipped-parser.test.ts holds this copy equal to the package's.
      name: 'parse step, as bundled',
      options: {
        ...NODE_BUNDLE,
        entryPoints: { 'parse-step': 'lectio-entry:parse-step' },
        outdir: path.join(DIST, 'bundle'),
        outExtension: { '.js': '.cjs' },
        format: 'cjs',
        plugins: [virtualEntries({ 'parse-step': PARSE_STEP_ENTRY }), plainClassFields],
      },
    },
  ];
}

const PARSE_STEP_ENTRY = [
  "export { default as MarkdownIt } from 'markdown-it';",
  "export { listInputOfBytes, readListFile } from '../formats/read-list-file.js';",
  "export { parseMarkdownList } from '../formats/markdown/parse-markdown-list.js';",
  "export { decodeText } from '../formats/text-decoding.js';",
].join('\n');

fs.rmSync(DIST, { recursive: true, force: true });
execFileSync(
  process.execPath,
  [path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json'],
  {
    cwd: ROOT,
    stdio: 'inherit',
  },
);
for (const b of await bundles()) await build(b.options);
// A new library is a copy of this one (src/store/sqlite/open-database.ts, createFromTemplate).
const { writeLibraryTemplate, LIBRARY_TEMPLATE } = await import(
  pathToFileURL(path.join(DIST, 'src', 'store', 'sqlite', 'open-database.js')).href
);
writeLibraryTemplate(path.join(DIST, LIBRARY_TEMPLATE));
// The web app (lectio serve): type-checked, then bundled into dist/web by its own script.
execFileSync(
  process.execPath,
  [path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', path.join('web', 'tsconfig.json')],
  { cwd: ROOT, stdio: 'inherit' },
);
execFileSync(process.execPath, [path.join(ROOT, 'web', 'build.mjs')], { cwd: ROOT, stdio: 'inherit' });
