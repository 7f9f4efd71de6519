// Writing files the user asked for, inside the directory meant for them: a symbolic link or
// a special file found on the way (left in an earlier site or notes folder, or given as
// --out) is refused, never followed or replaced. A link at "site/index.html" to a file
// elsewhere had that file overwritten, and "--out /dev/full" replaced the device.

import fs from 'node:fs';
import path from 'node:path';
import { LectioError } from '../core/errors.js';

/** O_NOFOLLOW where the platform has it: the open fails on a link that appeared after the check. */
const NO_FOLLOW = fs.constants.O_NOFOLLOW ?? 0;

function lstatOrNull(file: string): fs.Stats | null {
  try {
    return fs.lstatSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

function refusal(file: string, stat: fs.Stats): LectioError {
  const what = stat.isSymbolicLink() ? 'a symbolic link' : stat.isFile() ? 'a file' : 'not a regular file';
  return new LectioError(
    'bad_input',
    `${file}: is ${what}; lectio writes only regular files it can replace here`,
  );
}

/**
 * Refuses `file` as a place to write unless it does not exist or is a regular file (not a
 * link, FIFO, device or directory). `shown` names it in the message.
 */
export function checkWritableFile(file: string, shown = file): void {
  const stat = lstatOrNull(file);
  if (stat === null || stat.isFile()) return;
  if (stat.isDirectory()) throw new LectioError('bad_input', `${shown}: is a directory; give a file name`);
  throw refusal(shown, stat);
}

/**
 * Writes `text` to `file`, which must lie inside `root`: the folders between are made when
 * missing and must be real folders, the file must be missing or a regular file.
 */
export function writeInside(root: string, file: string, text: string): void {
  const relative = path.relative(root, file);
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) {
    throw new LectioError('internal', `refusing to write outside ${root}: ${file}`);
  }
  let dir = root;
  for (const part of relative.split(path.sep).slice(0, -1)) {
    dir = path.join(dir, part);
    const stat = lstatOrNull(dir);
    if (stat === null) fs.mkdirSync(dir);
    else if (!stat.isDirectory()) throw refusal(dir, stat);
  }
  checkWritableFile(file);
  writeByRename(file, text);
}

/**
 * Writes `text` into a new file beside `file` (created exclusively, never through a link),
 * then renames it over `file`: the name gets a new file, so that a hard link to the old one
 * elsewhere keeps its content, and a reader never sees half a file.
 */
export function writeByRename(file: string, text: string | ((fd: number) => void)): void {
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  let fd: number | undefined;
  try {
    fd = fs.openSync(
      temp,
      fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_EXCL | NO_FOLLOW,
      0o644,
    );
    if (typeof text === 'string') fs.writeFileSync(fd, text);
    else text(fd);
    fs.closeSync(fd);
    fd = undefined;
    fs.renameSync(temp, file);
  } catch (error) {
    if (fd !== undefined) fs.closeSync(fd);
    const code = (error as NodeJS.ErrnoException).code;
    // Only a file this call made: an existing one at that name (EEXIST) is not ours.
    if (code !== 'EEXIST') fs.rmSync(temp, { force: true });
    if (code === 'EEXIST' || code === 'ELOOP') {
      throw new LectioError('bad_input', `${temp}: is in the way; remove it and try again`);
    }
    throw code === undefined ? error : new LectioError('bad_input', `${file}: cannot write (${code})`);
  }
}
