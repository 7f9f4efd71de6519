// The lectio command line: parse arguments, call the core, present the result.

import { Command, CommanderError } from 'commander';
import { reportError } from './cli-context.js';
import { registerDemo } from './demo-command.js';
import { registerImport } from './import-command.js';
import { registerList } from './list-command.js';
import { registerShow } from './show-command.js';
import { registerStats } from './stats-command.js';

export function buildProgram(): Command {
  const program = new Command();
  program
    .name('lectio')
    .description('Turn piles of saved papers into a library you actually read.')
    .version('0.1.0')
    .option('--db <path>', 'library file (default: $LECTIO_DB, else the user data directory)')
    .showHelpAfterError('(run "lectio help" for the commands)')
    .exitOverride();
  registerImport(program);
  registerList(program);
  registerShow(program);
  registerStats(program);
  registerDemo(program);
  return program;
}

export async function main(argv: string[]): Promise<number> {
  try {
    await buildProgram().parseAsync(argv);
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    return reportError(error);
  }
}

// `lectio list --json | head`: the reader has gone; stop quietly, as cat and grep do.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

process.exitCode = await main(process.argv);
