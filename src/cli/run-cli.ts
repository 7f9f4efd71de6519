// The lectio command line: parse arguments, call the core, present the result. Which
// commands are registered is the caller's choice (main.ts, or a command's own bundle).

import { Command, CommanderError } from 'commander';
import { reportError } from './cli-context.js';
import { guardTerminal } from './terminal-text.js';

export type Register = (program: Command) => void;

export function buildProgram(registers: readonly Register[]): Command {
  const program = new Command();
  program
    .name('lectio')
    .description('Turn piles of saved papers into a library you actually read.')
    .version('0.1.0')
    .option('--db <path>', 'library file (default: $LECTIO_DB, else the user data directory)')
    // A usage error is one line, as every other refusal: "lectio: option '--format <format>'
    // argument 'xml' is invalid. … (run "lectio help" for the commands)".
    .configureOutput({
      outputError: (text, write) =>
        write(
          `lectio: ${text
            .replace(/^error: /u, '')
            .trim()
            .replace(/\s*\n\s*/gu, ' ')} (run "lectio help" for the commands)\n`,
        ),
    })
    .exitOverride();
  for (const register of registers) register(program);
  return program;
}

/** Runs one command line; resolves to the exit status. */
export async function runCli(argv: string[], registers: readonly Register[]): Promise<number> {
  // Imported titles and notes are untrusted: on a terminal, their control characters print as "?".
  guardTerminal(process.stdout);
  guardTerminal(process.stderr, true);
  // `lectio list --json | head`: the reader has gone; stop quietly, as cat and grep do.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
  try {
    await buildProgram(registers).parseAsync(argv);
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    return reportError(error);
  }
}
