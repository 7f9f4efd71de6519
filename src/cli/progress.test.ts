import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { describe, it } from 'node:test';
import { progressOnStderr } from './progress.js';

/** A stream that is not a terminal, as stderr is when redirected to a log. */
function log(): { stream: NodeJS.WriteStream; text: () => string } {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (chunk: Buffer) => {
    text += chunk.toString('utf8');
  });
  return { stream: stream as unknown as NodeJS.WriteStream, text: () => text };
}

describe('progress in a log (stderr not a terminal)', () => {
  it('ends on the whole count when the work stopped reporting short of it', () => {
    const { stream, text } = log();
    const progress = progressOnStderr('reading out.md', stream);
    progress.update(0, 1338742);
    progress.update(500, 1338742); // within 2 s of the first line: not written
    progress.done();
    assert.equal(text(), 'reading out.md: 0/1,338,742 (0%)\nreading out.md: 1,338,742/1,338,742 (100%)\n');
  });
  it('writes nothing more when the last line was the whole count, and nothing for work never shown', () => {
    const { stream, text } = log();
    const progress = progressOnStderr('importing entries', stream);
    progress.update(10, 10);
    progress.done();
    progressOnStderr('quiet', stream).done();
    assert.equal(text(), 'importing entries: 10/10 (100%)\n');
  });
});
