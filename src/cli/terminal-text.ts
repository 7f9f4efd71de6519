// Imported text is untrusted, and a terminal obeys the control characters in it: a title
// holding "\u001b]0;…\u0007" retitles the window, "\u001b[2J" clears the screen, OSC 52 writes
// the clipboard, "\r" writes over what the line said. On a terminal, as ls does, every control
// character but tab and newline prints as "?", except the few sequences lectio writes itself:
// search's bold, and the progress bar's carriage return and line clearing on stderr. Pipes and
// files get the text as it is (`--json` escapes control characters anyway).

/** lectio's own sequences first (kept), then any other control character (replaced). */
const CONTROL = /\u001b\[(?:1|22)m|\u001b\[K|[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/gu;

/** The text as a terminal may show it; `carriageReturn`: keep "\r" (the progress bar's). */
export function terminalSafe(text: string, carriageReturn = false): string {
  // Most text has no control character at all: no copy.
  if (!/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/u.test(text)) return text;
  return text.replace(CONTROL, (c) => (c.length > 1 || (carriageReturn && c === '\r') ? c : '?'));
}

type Writable = Pick<NodeJS.WriteStream, 'isTTY' | 'write'>;

/** Makes what is written to `stream` terminalSafe, when it is a terminal. */
export function guardTerminal(stream: Writable, carriageReturn = false): void {
  if (!stream.isTTY) return;
  const write = stream.write.bind(stream) as (chunk: unknown, ...rest: unknown[]) => boolean;
  stream.write = ((chunk: unknown, ...rest: unknown[]) =>
    write(
      typeof chunk === 'string' ? terminalSafe(chunk, carriageReturn) : chunk,
      ...rest,
    )) as typeof stream.write;
}
