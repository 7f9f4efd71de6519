// Which module registers each command. Data only, so that both entries can share it: main.ts
// (the compiled modules) imports the named module when it runs, and scripts/build.mjs makes
// one bundle per command from it (docs/ARCHITECTURE.md, "Build and the CLI bundle").

/** Command name → [module in src/cli without its extension, the function that registers it]. */
export const COMMAND_MODULES = {
  import: ['import-command', 'registerImport'],
  list: ['list-command', 'registerList'],
  show: ['show-command', 'registerShow'],
  stats: ['stats-command', 'registerStats'],
  add: ['add-command', 'registerAdd'],
  mark: ['mark-command', 'registerMark'],
  why: ['why-command', 'registerWhy'],
  rate: ['rate-command', 'registerRate'],
  note: ['note-command', 'registerNote'],
  notes: ['notes-command', 'registerNotes'],
  topics: ['topics-command', 'registerTopics'],
  topic: ['topics-command', 'registerTopic'],
  move: ['move-command', 'registerMove'],
  next: ['next-command', 'registerNext'],
  plan: ['plan-command', 'registerPlan'],
  progress: ['progress-command', 'registerProgress'],
  demo: ['demo-command', 'registerDemo'],
  search: ['search-command', 'registerSearch'],
  enrich: ['enrich-command', 'registerEnrich'],
  feed: ['feed-command', 'registerFeed'],
  inbox: ['inbox-command', 'registerInbox'],
  duplicates: ['merge-command', 'registerDuplicates'],
  merge: ['merge-command', 'registerMerge'],
  unmerge: ['merge-command', 'registerUnmerge'],
  export: ['export-command', 'registerExport'],
  serve: ['serve-command', 'registerServe'],
} as const satisfies Record<string, readonly [string, string]>;

export type CommandName = keyof typeof COMMAND_MODULES;

/**
 * The command a command line names: its first word that is a command's name, unless that
 * word is the value of --db (`lectio --db list list`). Undefined for help, --version or a
 * typo, which need every command registered.
 */
export function commandNamed(args: readonly string[]): CommandName | undefined {
  return args.find((a, i): a is CommandName => Object.hasOwn(COMMAND_MODULES, a) && args[i - 1] !== '--db');
}
