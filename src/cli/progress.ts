// Progress for long work, on stderr only, so that --json output stays clean.

export interface Progress {
  update(done: number, total: number): void;
  done(): void;
}

export function progressOnStderr(label: string, stream: NodeJS.WriteStream = process.stderr): Progress {
  const tty = stream.isTTY === true;
  let last = 0;
  let shown = false;
  /** The last count written, and out of how many. */
  let at = { done: 0, total: 0 };
  return {
    update(done, total) {
      const now = Date.now();
      if (now - last < (tty ? 100 : 2000) && done < total) return;
      last = now;
      at = { done, total };
      const pct = total > 0 ? Math.floor((done / total) * 100) : 100;
      const line = `${label}: ${done.toLocaleString('en-US')}/${total.toLocaleString('en-US')} (${pct}%)`;
      if (tty) {
        const width = 20;
        const filled = Math.round((pct / 100) * width);
        stream.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${line}\u001b[K`);
      } else stream.write(`${line}\n`);
      shown = true;
    },
    done() {
      if (shown && tty) stream.write('\r\u001b[K');
      // In a log, a last line that stopped short ("0/1,338,742 (0%)") reads as work left undone.
      else if (shown && at.done < at.total) {
        stream.write(
          `${label}: ${at.total.toLocaleString('en-US')}/${at.total.toLocaleString('en-US')} (100%)\n`,
        );
      }
    },
  };
}
