// Imported text reaches the terminal: control characters in it print as "?" there, and pass
// unchanged to pipes and files (src/cli/terminal-text.ts).

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { guardTerminal, terminalSafe } from '../src/cli/terminal-text.js';
import { childEnv, importOk, LECTIO_BIN, runCli, tempDir } from './cli-helpers.js';

/** A title that retitles the window (OSC 0), colours and clears the screen, and rings the bell. */
const HOSTILE_TITLE = 'Evil \u001b[31mRed\u001b[0m Title \u001b]0;pwned\u0007 \u001b[2J here';

describe('text for a terminal', () => {
  it('prints control characters as "?" and keeps tab, newline and lectio\'s own bold', () => {
    assert.equal(
      terminalSafe(`${HOSTILE_TITLE}\r over`),
      'Evil ?[31mRed?[0m Title ?]0;pwned? ?[2J here? over',
    );
    assert.equal(
      terminalSafe('a\tb\nc \u001b[1mbold\u001b[22m \u0085 \u009b2J'),
      'a\tb\nc \u001b[1mbold\u001b[22m ? ?2J',
    );
    assert.equal(terminalSafe('\r[###...] 40%\u001b[K', true), '\r[###...] 40%\u001b[K');
    const plain = 'Attention Is All You Need — 注意力';
    assert.equal(terminalSafe(plain), plain);
  });

  it('guards a stream only when it is a terminal', () => {
    const written: unknown[] = [];
    const stream = (isTTY: boolean) => ({
      isTTY,
      write: (chunk: unknown) => {
        written.push(chunk);
        return true;
      },
    });
    const tty = stream(true);
    guardTerminal(tty as unknown as NodeJS.WriteStream);
    tty.write('a\u001b]0;x\u0007b');
    const pipe = stream(false);
    guardTerminal(pipe as unknown as NodeJS.WriteStream);
    pipe.write('a\u001b]0;x\u0007b');
    assert.deepEqual(written, ['a?]0;x?b', 'a\u001b]0;x\u0007b']);
  });

  it('lectio list and show on a terminal print an imported title\'s escapes as "?"; a pipe gets them whole', (t) => {
    const dir = tempDir(t);
    const db = path.join(dir, 'lib.sqlite');
    const list = path.join(dir, 'hostile.md');
    fs.writeFileSync(list, `- ${HOSTILE_TITLE} https://example.com/hostile\n`);
    importOk(db, [list]);
    const piped = runCli(['--db', db, 'list', '--json']).stdout;
    assert.ok(piped.includes('\\u001b]0;pwned\\u0007'), piped);
    // script(1) runs the command on a pseudo-terminal and copies what it printed.
    for (const command of ['list', 'show 1']) {
      const shown = spawnSync(
        'script',
        ['-qec', `'${process.execPath}' '${LECTIO_BIN}' --db '${db}' ${command}`, '/dev/null'],
        { encoding: 'utf8', env: childEnv() },
      );
      assert.equal(shown.status, 0, shown.stderr);
      assert.match(shown.stdout, /\?\]0;pwned\?/u, command);
      assert.doesNotMatch(shown.stdout, /\u001b\]|\u0007|\u001b\[2J/u, command);
    }
  });
});
