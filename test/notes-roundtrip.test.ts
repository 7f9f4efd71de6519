// The Obsidian round trip on every item of the four seeds: `notes export` writes one file
// per item that Obsidian reads (YAML front matter), `notes import` of an untouched export
// changes nothing, edits come back without loss and without duplicates, and a broken file
// changes nothing at all.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parse as parseYaml } from 'yaml';
import {
  type CliResult,
  importOk,
  lectioAt,
  listJsonText,
  makeTempDir,
  oneLineError,
  removeDir,
  SEEDS,
  stdoutOf,
} from './cli-helpers.js';

let dir = '';
let db = '';
let vault = '';

function lectio(args: readonly string[]): CliResult {
  return lectioAt(db, args);
}

function ok(args: readonly string[]): string {
  return stdoutOf(lectio(args), args);
}

function noteFiles(): string[] {
  return fs
    .readdirSync(vault)
    .filter((f) => f.endsWith('.md'))
    .sort();
}

function frontMatter(file: string): Record<string, unknown> {
  const text = fs.readFileSync(path.join(vault, file), 'utf8');
  const match = /^---\n([\s\S]*?)\n---\n/u.exec(text);
  assert.ok(match, `${file} starts with front matter`);
  return parseYaml(match[1] ?? '') as Record<string, unknown>;
}

function fileOf(id: number): string {
  const found = noteFiles().find((f) => frontMatter(f).lectio_id === id);
  assert.ok(found, `a file for #${id}`);
  return found;
}

describe('notes export and import (Obsidian) on every item of the seeds', () => {
  let items: Array<{ id: number; title: string; why: string | null; note: string; status: string }> = [];
  before(() => {
    dir = makeTempDir('lectio-notes-');
    db = path.join(dir, 'library.sqlite');
    vault = path.join(dir, 'vault');
    importOk(db, SEEDS);
    // Hostile text where users put it: notes with front-matter-looking lines, a why with YAML syntax.
    ok([
      'note',
      '2309.06180',
      '--text',
      '---\ntitle: not front matter\n---\n\n## Problem\nKV cache: fragmentation # 60-80% waste\n',
    ]);
    ok(['why', '1704.04760', '--', '- "quoted": [brackets] & #hash: yes']);
    ok(['rate', '2309.06180', '4']);
    items = JSON.parse(listJsonText(db)) as typeof items;
  });
  after(() => removeDir(dir));

  it('writes one file per item, with names that stay inside the folder', () => {
    const out = ok(['notes', 'export', vault]);
    assert.match(out, new RegExp(`^${items.length} note files written, 0 unchanged`, 'u'));
    const files = noteFiles();
    assert.equal(files.length, items.length);
    for (const f of files) {
      assert.doesNotMatch(f, /[/\\:*?"<>|#^[\]]/u, f);
      assert.ok(!f.startsWith('.'), f);
    }
    assert.ok(fs.existsSync(path.join(vault, '.lectio-notes.json')));
  });

  it('gives every file front matter that Obsidian reads: aliases, tags without spaces, the lectio id', () => {
    const ids = new Set<number>();
    for (const f of noteFiles()) {
      const fm = frontMatter(f);
      assert.equal(typeof fm.lectio_id, 'number');
      ids.add(fm.lectio_id as number);
      assert.equal(typeof fm.title, 'string');
      for (const tag of (fm.tags as string[] | undefined) ?? [])
        assert.doesNotMatch(tag, /\s/u, `${f}: tag "${tag}"`);
      if (fm.aliases !== undefined) assert.ok(Array.isArray(fm.aliases));
    }
    assert.deepEqual(
      [...ids].sort((a, b) => a - b),
      items.map((i) => i.id).sort((a, b) => a - b),
    );
    const paged = items.find((i) => /PagedAttention/u.test(i.title));
    assert.ok(paged);
    const text = fs.readFileSync(path.join(vault, fileOf(paged.id)), 'utf8');
    assert.ok(text.endsWith(paged.note), 'the body is the note, exactly');
  });

  it('changes nothing when an untouched export comes back', () => {
    const before = listJsonText(db);
    assert.match(ok(['notes', 'import', vault]), /^0 note files read, 0 items updated/u);
    // Without the manifest every file is read and compared: still nothing changes.
    fs.renameSync(path.join(vault, '.lectio-notes.json'), path.join(dir, 'manifest.json'));
    assert.match(
      ok(['notes', 'import', vault]),
      new RegExp(`^${items.length} note files read, 0 items updated`, 'u'),
    );
    fs.renameSync(path.join(dir, 'manifest.json'), path.join(vault, '.lectio-notes.json'));
    assert.equal(listJsonText(db), before);
  });

  it('takes edits back, once, without duplicating files', () => {
    const [a, b, c] = items.filter((i) => i.why === null);
    assert.ok(a && b && c);
    const edit = (id: number, fn: (text: string) => string): void => {
      const file = path.join(vault, fileOf(id));
      fs.writeFileSync(file, fn(fs.readFileSync(file, 'utf8')));
    };
    edit(a.id, (t) => t.replace(/^why:.*$/mu, 'why: "Needed for the serving talk"'));
    edit(b.id, (t) => `${t}\n## Takeaways\n\n- written in Obsidian 写在这里\n`);
    edit(c.id, (t) => t.replace(/^status: .*$/mu, 'status: reading').replace(/\r?\n/gu, '\r\n'));
    const out = ok(['notes', 'import', vault]);
    assert.match(out, /^3 note files read, 3 items updated/u);
    const shown = (id: number) =>
      JSON.parse(ok(['show', String(id), '--json'])) as { why: string; note: string; status: string };
    assert.equal(shown(a.id).why, 'Needed for the serving talk');
    assert.ok(shown(b.id).note.endsWith('- written in Obsidian 写在这里\n'));
    assert.equal(shown(c.id).status, 'reading');
    assert.match(ok(['notes', 'import', vault]), /0 items updated/u);
    ok(['notes', 'export', vault]);
    assert.equal(noteFiles().length, items.length, 'no duplicate files');
    assert.match(ok(['notes', 'import', vault]), /0 items updated/u);
  });

  it('does not bring back a stale value over a newer change in the library', () => {
    const target = items.find((i) => i.status === 'to-read');
    assert.ok(target);
    ok(['notes', 'export', vault]);
    ok(['mark', String(target.id), 'read']);
    ok(['notes', 'import', vault]);
    assert.equal(
      (JSON.parse(ok(['show', String(target.id), '--json'])) as { status: string }).status,
      'read',
    );
    // Export does not overwrite a file holding edits not imported yet.
    const file = path.join(vault, fileOf(target.id));
    fs.appendFileSync(file, '\nunsaved thought\n');
    const r = lectio(['notes', 'export', vault]);
    assert.equal(r.status, 0);
    assert.match(r.stderr, /hold edits not imported yet/u);
    assert.ok(fs.readFileSync(file, 'utf8').endsWith('unsaved thought\n'));
  });

  it('takes nothing back when a file is of an item the library does not hold', () => {
    const before = listJsonText(db);
    const edited = path.join(vault, fileOf(items[1]?.id ?? 2));
    const original = fs.readFileSync(edited, 'utf8');
    fs.writeFileSync(edited, original.replace(/^why: .*$/mu, 'why: an edit that must not land'));
    const stray = path.join(vault, 'stray.md');
    fs.writeFileSync(stray, '---\nlectio_id: 99999\ntitle: Gone\nwhy: x\n---\n');
    const r = lectio(['notes', 'import', vault]);
    assert.equal(r.status, 3, r.stderr);
    assert.match(
      oneLineError(r.stderr),
      /^lectio: stray\.md: no item #99999 in this library; nothing was taken back/u,
    );
    assert.equal(listJsonText(db), before);
    fs.rmSync(stray);
    fs.writeFileSync(edited, original);
  });

  it('refuses a broken file with one line and changes nothing', () => {
    const before = listJsonText(db);
    const file = path.join(vault, fileOf(items[0]?.id ?? 1));
    fs.writeFileSync(file, `${fs.readFileSync(file, 'utf8').replace(/^status: .*$/mu, 'status: [unclosed')}`);
    const r = lectio(['notes', 'import', vault]);
    assert.equal(r.status, 2);
    assert.match(oneLineError(r.stderr), /not valid YAML|status/u);
    assert.equal(listJsonText(db), before);
    fs.writeFileSync(
      file,
      Buffer.concat([
        Buffer.from('---\nlectio_id: 1\nwhy: bad '),
        Buffer.from([0xff, 0xfe]),
        Buffer.from('\n---\n'),
      ]),
    );
    const binary = lectio(['notes', 'import', vault]);
    assert.equal(binary.status, 2, binary.stderr);
    assert.match(oneLineError(binary.stderr), /: not UTF-8 text; the note was not changed$/u);
    assert.equal(listJsonText(db), before);
    const missing = lectio(['notes', 'import', path.join(dir, 'nope')]);
    assert.equal(missing.status, 2);
    assert.match(oneLineError(missing.stderr), /not a folder/u);
  });
});
