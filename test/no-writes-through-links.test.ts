// Files lectio writes stay where the user meant them: a symbolic link or a special file in an
// export's way (left inside an earlier site or notes folder, or given as --out) is refused
// with one line, and what it points to is untouched.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { importOk, lectioAt, oneLineError, seed, tempDir } from './cli-helpers.js';

function library(dir: string): string {
  const db = path.join(dir, 'lib.sqlite');
  importOk(db, [seed('002')]);
  return db;
}

function refused(db: string, args: readonly string[], pattern: RegExp): void {
  const r = lectioAt(db, args);
  assert.equal(r.status, 2, r.stderr);
  assert.match(oneLineError(r.stderr), pattern);
}

describe('exports never write through a link', () => {
  it('a site: a page or a folder that is a link to elsewhere', (t) => {
    const dir = tempDir(t);
    const db = library(dir);
    const site = path.join(dir, 'site');
    assert.equal(lectioAt(db, ['export', '--format', 'site', '--out', site]).status, 0);
    const outside = path.join(dir, 'outside.txt');
    fs.writeFileSync(outside, 'mine\n');
    fs.rmSync(path.join(site, 'index.html'));
    fs.symlinkSync(outside, path.join(site, 'index.html'));
    refused(db, ['export', '--format', 'site', '--out', site], /index\.html: is a symbolic link/u);
    assert.equal(fs.readFileSync(outside, 'utf8'), 'mine\n');
    fs.rmSync(path.join(site, 'index.html'));
    const elsewhere = fs.mkdtempSync(path.join(dir, 'elsewhere-'));
    fs.rmSync(path.join(site, 'assets'), { recursive: true });
    fs.symlinkSync(elsewhere, path.join(site, 'assets'));
    refused(db, ['export', '--format', 'site', '--out', site], /assets: is a symbolic link/u);
    assert.deepEqual(fs.readdirSync(elsewhere), []);
    // A hard link is a second name of the same file: the page gets a new file, the other name keeps its own.
    fs.rmSync(path.join(site, 'assets'));
    fs.rmSync(path.join(site, 'index.html'), { force: true });
    fs.linkSync(outside, path.join(site, 'index.html'));
    assert.equal(lectioAt(db, ['export', '--format', 'site', '--out', site]).status, 0);
    assert.equal(fs.readFileSync(outside, 'utf8'), 'mine\n');
    assert.match(fs.readFileSync(path.join(site, 'index.html'), 'utf8'), /<html/u);
  });

  it('a notes folder: a note or the manifest that is a link to elsewhere', (t) => {
    const dir = tempDir(t);
    const db = library(dir);
    const vault = path.join(dir, 'vault');
    assert.equal(lectioAt(db, ['notes', 'export', vault]).status, 0);
    const outside = path.join(dir, 'outside.txt');
    fs.writeFileSync(outside, 'mine\n');
    fs.rmSync(path.join(vault, '.lectio-notes.json'));
    fs.symlinkSync(outside, path.join(vault, '.lectio-notes.json'));
    refused(db, ['notes', 'export', vault], /\.lectio-notes\.json: is a symbolic link/u);
    assert.equal(fs.readFileSync(outside, 'utf8'), 'mine\n');
  });

  it('--out: a link, a FIFO or a device is refused and left as it is', (t) => {
    const dir = tempDir(t);
    const db = library(dir);
    const outside = path.join(dir, 'outside.txt');
    fs.writeFileSync(outside, 'mine\n');
    const link = path.join(dir, 'link.md');
    fs.symlinkSync(outside, link);
    refused(db, ['export', '--format', 'md', '--out', link], /link\.md: is a symbolic link/u);
    assert.ok(fs.lstatSync(link).isSymbolicLink());
    assert.equal(fs.readFileSync(outside, 'utf8'), 'mine\n');
    refused(
      db,
      ['export', '--format', 'bibtex', '--out', '/dev/null'],
      /\/dev\/null: is not a regular file/u,
    );
    assert.ok(fs.statSync('/dev/null').isCharacterDevice());
    const out = path.join(dir, 'list.md');
    assert.equal(lectioAt(db, ['export', '--format', 'md', '--out', out]).status, 0);
    assert.equal(
      lectioAt(db, ['export', '--format', 'md', '--out', out]).status,
      0,
      'a regular file is replaced',
    );
    const planted = path.join(dir, 'planted.txt');
    fs.writeFileSync(planted, 'mine\n');
    const hard = path.join(dir, 'hard.md');
    fs.linkSync(planted, hard);
    assert.equal(lectioAt(db, ['export', '--format', 'md', '--out', hard]).status, 0);
    assert.equal(
      fs.readFileSync(planted, 'utf8'),
      'mine\n',
      'the other name of a hard link keeps its content',
    );
  });
});
