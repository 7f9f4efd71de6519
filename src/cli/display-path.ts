// How the CLI names a file for a reader.

import path from 'node:path';

/**
 * Relative to the working directory when the file lies inside it ("lists/reading.md"), else
 * whole ("/work/shared/seeds/000.txt", not "../../work/shared/seeds/000.txt").
 */
export function displayPath(file: string): string {
  const relative = path.relative(process.cwd(), file);
  const outside = relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative);
  return relative === '' || outside ? file : relative;
}
