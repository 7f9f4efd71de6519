// Shared by the CLI integration tests: run the real `lectio` in a child process against
// real SQLite files in throwaway directories, and look at what it left behind.

import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestContext } from 'node:test';

/** Tests run from the package root (npm test, node --test dist/test). */
export const LECTIO_BIN = path.resolve(process.cwd(), 'bin', 'lectio.js');

import { LISTS_DIR, SEEDS_DIR } from './real-lists.js';

export { LISTS_DIR, SEEDS_DIR, SHARED_DIR } from './real-lists.js';

export const SEEDS: readonly string[] = fs
  .readdirSync(SEEDS_DIR)
  .filter((f) => f.endsWith('.txt'))
  .sort()
  .map((f) => path.join(SEEDS_DIR, f));

export function seed(prefix: string): string {
  const found = SEEDS.find((f) => path.basename(f).startsWith(prefix));
  if (!found) throw new Error(`no seed starting with ${prefix} in ${SEEDS_DIR}`);
  return found;
}

export function testList(name: string): string {
  return path.join(LISTS_DIR, name);
}

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  /** Replaces the child's environment (after the scrub below); the default is a scrubbed copy of ours. */
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Written to the child's stdin. */
  input?: string | Buffer;
}

/**
 * The environment a child sees: ours without anything that would make lectio look at a
 * library of the person running the tests, or print stack traces we assert are absent.
 */
export function childEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.LECTIO_DB;
  delete env.LECTIO_DEBUG;
  return { ...env, ...extra };
}

export function runCli(args: readonly string[], options: RunOptions = {}): CliResult {
  const result = spawnSync(process.execPath, [LECTIO_BIN, ...args], {
    cwd: options.cwd ?? process.cwd(),
    env: options.env ?? childEnv(),
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    timeout: 60_000,
    ...(options.input !== undefined ? { input: options.input } : {}),
  });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The output of a run that had to succeed; else the test fails with the command and its stderr. */
export function stdoutOf(r: CliResult, args: readonly string[]): string {
  assert.equal(r.status, 0, `lectio ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  return r.stdout;
}

/** The clock of the tests that fix one (LECTIO_NOW). */
export const TEST_NOW = '2026-11-25T10:00:00Z';

/** `lectio --db DB ARGS` at TEST_NOW, with `env` added to the child's environment. */
export function lectioAt(db: string, args: readonly string[], env: NodeJS.ProcessEnv = {}): CliResult {
  return runCli(['--db', db, ...args], { env: childEnv({ LECTIO_NOW: TEST_NOW, ...env }) });
}

/** The same, without blocking the test process (for concurrent runs and held locks). */
export function runCliAsync(args: readonly string[], options: RunOptions = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [LECTIO_BIN, ...args], {
      cwd: options.cwd ?? process.cwd(),
      env: options.env ?? childEnv(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      stderr += d;
    });
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

/** A fresh directory under the OS temp dir; the caller removes it (see tempDir). */
export function makeTempDir(label = 'lectio-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), label));
}

export function removeDir(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
}

/** A fresh directory under the OS temp dir, removed when the test ends. */
export function tempDir(t: TestContext, label = 'lectio-test-'): string {
  const dir = makeTempDir(label);
  t.after(() => removeDir(dir));
  return dir;
}

export function sha256File(file: string): string {
  return createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

/** `lectio list --json` on a library, asserted to succeed; the raw text, for byte comparisons. */
export function listJsonText(db: string): string {
  const r = runCli(['--db', db, 'list', '--json']);
  if (r.status !== 0) throw new Error(`list --json failed (${r.status}): ${r.stderr}`);
  return r.stdout;
}

/** The subset of an item of `list --json` that the tests look at; the contract test checks all of it. */
export interface ListedItem {
  id: number;
  title: string;
  kind: string;
  status: string;
  importance: number | null;
  topics: string[];
  links: Array<{ url: string; role: string; label?: string }>;
  ids: Record<string, string>;
  why: string | null;
  notes: string[];
  sources: Array<{ file: string; line: number }>;
  orphaned?: boolean;
}

export function listItems(db: string): ListedItem[] {
  return JSON.parse(listJsonText(db)) as ListedItem[];
}

/** Imports files into a library and fails loudly if the import does not succeed. */
export function importOk(db: string, files: readonly string[]): CliResult {
  const r = runCli(['--db', db, 'import', ...files]);
  if (r.status !== 0) throw new Error(`import failed (${r.status}): ${r.stderr}`);
  return r;
}

/**
 * A refusal as the CLI contract wants it: one line on stderr, prefixed "lectio:", naming
 * what was wrong, with no stack trace.
 */
export function oneLineError(stderr: string): string {
  const lines = stderr.split('\n').filter((l) => l.trim() !== '');
  if (lines.length !== 1) throw new Error(`expected one line on stderr, got ${lines.length}:\n${stderr}`);
  const line = lines[0]!;
  if (!line.startsWith('lectio: ')) throw new Error(`stderr does not start with "lectio: ": ${line}`);
  if (/\bat .+:\d+:\d+\)?$/u.test(line) || /Error:/u.test(line)) {
    throw new Error(`stderr looks like a stack trace or raw exception: ${line}`);
  }
  return line;
}

/** Every file in a directory with its hash: to prove a failed run left nothing behind. */
export function dirSnapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of fs.readdirSync(dir).sort()) {
    const full = path.join(dir, name);
    out[name] = fs.statSync(full).isFile() ? sha256File(full) : 'dir';
  }
  return out;
}
