// Entry of the compiled modules (dist/src/cli/main.js): registers the command the line
// names, or every command for help. The bundle (scripts/build.mjs) does the same with one
// prebuilt file per command instead of these imports.

import { COMMAND_MODULES, commandNamed } from './command-table.js';
import { runCli, type Register } from './run-cli.js';

const named = commandNamed(process.argv.slice(2));
const wanted = named ? [COMMAND_MODULES[named]] : Object.values(COMMAND_MODULES);
const registers = await Promise.all(
  wanted.map(async ([file, name]) => {
    const module = (await import(`./${file}.js`)) as Record<string, Register>;
    return module[name] as Register;
  }),
);
process.exitCode = await runCli(process.argv, registers);
