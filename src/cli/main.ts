// The lectio command line: parse arguments, call the core, present the result.

import { Command, CommanderError } from 'commander';
import { reportError } from './cli-context.js';

/**
 * Commands load only their own modules: `lectio list` must not pay for markdown-it and
 * htmlparser2 (about 80 ms of a 300 ms budget, BENCHMARKS.md c).
 */
const COMMANDS: Record<string, () => Promise<(program: Command) => void>> = {
  import: async () => (await import('./import-command.js')).registerImport,
  list: async () => (await import('./list-command.js')).registerList,
  show: async () => (await import('./show-command.js')).registerShow,
  stats: async () => (await import('./stats-command.js')).registerStats,
  add: async () => (await import('./add-command.js')).registerAdd,
  mark: async () => (await import('./mark-command.js')).registerMark,
  why: async () => (await import('./why-command.js')).registerWhy,
  rate: async () => (await import('./rate-command.js')).registerRate,
  note: async () => (await import('./note-command.js')).registerNote,
  notes: async () => (await import('./notes-command.js')).registerNotes,
  topics: async () => (await import('./topics-command.js')).registerTopics,
  topic: async () => (await import('./topics-command.js')).registerTopic,
  move: async () => (await import('./move-command.js')).registerMove,
  next: async () => (await import('./next-command.js')).registerNext,
  plan: async () => (await import('./plan-command.js')).registerPlan,
  progress: async () => (await import('./progress-command.js')).registerProgress,
  demo: async () => (await import('./demo-command.js')).registerDemo,
  search: async () => (await import('./search-command.js')).registerSearch,
  enrich: async () => (await import('./enrich-command.js')).registerEnrich,
  feed: async () => (await import('./feed-command.js')).registerFeed,
  inbox: async () => (await import('./inbox-command.js')).registerInbox,
  duplicates: async () => (await import('./merge-command.js')).registerDuplicates,
  merge: async () => (await import('./merge-command.js')).registerMerge,
  unmerge: async () => (await import('./merge-command.js')).registerUnmerge,
  export: async () => (await import('./export-command.js')).registerExport,
  serve: async () => (await import('./serve-command.js')).registerServe,
};

export async function buildProgram(argv: readonly string[]): Promise<Command> {
  const program = new Command();
  program
    .name('lectio')
    .description('Turn piles of saved papers into a library you actually read.')
    .version('0.1.0')
    .option('--db <path>', 'library file (default: $LECTIO_DB, else the user data directory)')
    .showHelpAfterError('(run "lectio help" for the commands)')
    .exitOverride();
  // The first word that names a command decides what to load; help or no command loads them all.
  const args = argv.slice(2);
  const named = args.find((a, i) => a in COMMANDS && args[i - 1] !== '--db');
  for (const [name, load] of Object.entries(COMMANDS)) {
    if (named === undefined || named === name) (await load())(program);
  }
  return program;
}

export async function main(argv: string[]): Promise<number> {
  try {
    await (await buildProgram(argv)).parseAsync(argv);
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
