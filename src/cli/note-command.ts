// lectio note REF: edit the item's markdown note in $EDITOR, started from a template;
// --text and --stdin (or "-") for scripts; --show prints it.

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Command } from 'commander';
import { LectioError } from '../core/errors.js';
import { setNote } from '../core/item-edits.js';
import { isUntouchedTemplate, noteTemplate } from '../core/note-template.js';
import { resolveRef } from '../core/resolve-ref.js';
import { globals, printJson, withExistingStore } from './cli-context.js';
import { clockNow } from './settings.js';

interface NoteOptions {
  text?: string;
  stdin?: boolean;
  append?: boolean;
  show?: boolean;
}

export function registerNote(program: Command): void {
  program
    .command('note')
    .description('write the markdown note of an item (opens $EDITOR on a template)')
    .argument('<ref>', 'an item id, an arXiv id, a DOI, a URL or words of the title')
    .argument('[dash]', '"-": read the note from stdin')
    .option('--text <markdown>', 'the note itself, for scripts')
    .option('--stdin', 'read the note from stdin')
    .option('--append', 'add to the note instead of replacing it')
    .option('--show', 'print the note')
    .option('--json', 'print the item id, title and note as JSON (with --show, or after a change)')
    .action((ref: string, dash: string | undefined, opts: NoteOptions, command: Command) => {
      if (dash !== undefined && dash !== '-')
        throw new LectioError('bad_input', `note: unexpected "${dash}" (quote the title words)`);
      const fromStdin = opts.stdin === true || dash === '-';
      withExistingStore(command, (store) => {
        const id = resolveRef(store, ref);
        const item = store.getItems([id])[0];
        if (!item) throw new LectioError('not_found', `no item #${id}`);
        const json = globals(command).json === true;
        if (opts.show && json) {
          printJson({ id, title: item.title, note: item.note });
          return;
        }
        if (opts.show) {
          process.stdout.write(
            item.note === '' ? `#${id} has no note yet\n` : `${item.note.replace(/\n?$/u, '\n')}`,
          );
          return;
        }
        let text: string;
        if (opts.text !== undefined) text = opts.text;
        else if (fromStdin) text = noteText(fs.readFileSync(0), 'stdin');
        else {
          const edited = editInEditor(item.note || noteTemplate(item), id);
          if (edited === null || (item.note === '' && isUntouchedTemplate(edited, item))) {
            if (json) printJson({ id, title: item.title, note: item.note, changed: false });
            else process.stdout.write(`#${id}: note unchanged\n`);
            return;
          }
          text = edited;
        }
        if (opts.append && item.note !== '') text = `${item.note.replace(/\n*$/u, '')}\n\n${text}`;
        const changed = setNote(store, id, text, clockNow());
        if (json) printJson({ id, title: item.title, note: store.getItems([id])[0]?.note ?? text, changed });
        else process.stdout.write(`#${id}  ${item.title}: ${changed ? 'note saved' : 'note unchanged'}\n`);
      });
    });
}

/**
 * A note's bytes as text: UTF-8 exactly as written. Binary or mis-encoded bytes are refused
 * instead of stored as U+FFFD and NULs; nothing is "repaired" (a note may quote mojibake on
 * purpose). Empty is an empty note.
 */
export function noteText(bytes: Uint8Array, label: string): string {
  if (bytes.length === 0) return '';
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new LectioError('bad_input', `${label}: not UTF-8 text; the note was not changed`);
  }
  if (text.includes('\0')) {
    throw new LectioError(
      'bad_input',
      `${label}: holds NUL bytes (a binary file?); the note was not changed`,
    );
  }
  return text;
}

/** Runs $VISUAL or $EDITOR (else vi) on a private temporary file; null when the editor failed. */
function editInEditor(initial: string, id: number): string | null {
  const editor = process.env.VISUAL || process.env.EDITOR || 'vi';
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lectio-note-'));
  const file = path.join(dir, `item-${id}.md`);
  try {
    fs.writeFileSync(file, initial, { mode: 0o600 });
    // Through the shell: EDITOR is often a command with arguments ("code --wait").
    const result = spawnSync(`${editor} "${file}"`, { shell: true, stdio: 'inherit' });
    if (result.status !== 0) {
      throw new LectioError(
        'bad_input',
        `the editor "${editor}" exited with status ${result.status ?? 'unknown'}; the note was not changed`,
      );
    }
    let bytes: Buffer;
    try {
      bytes = fs.readFileSync(file);
    } catch {
      throw new LectioError(
        'bad_input',
        `the editor "${editor}" left no file to read; the note was not changed`,
      );
    }
    const text = noteText(bytes, 'the edited note');
    return text === initial ? null : text;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
