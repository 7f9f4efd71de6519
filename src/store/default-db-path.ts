// Where the library lives when neither --db nor LECTIO_DB says: the user's data directory.

import os from 'node:os';
import path from 'node:path';

export function defaultDbPath(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): string {
  const home = env.HOME ?? os.homedir();
  if (platform === 'darwin')
    return path.join(home, 'Library', 'Application Support', 'lectio', 'library.sqlite');
  if (platform === 'win32') {
    return path.join(env.LOCALAPPDATA ?? path.join(home, 'AppData', 'Local'), 'lectio', 'library.sqlite');
  }
  const xdg =
    env.XDG_DATA_HOME && path.isAbsolute(env.XDG_DATA_HOME)
      ? env.XDG_DATA_HOME
      : path.join(home, '.local', 'share');
  return path.join(xdg, 'lectio', 'library.sqlite');
}

/** --db, else LECTIO_DB, else the data directory. */
export function resolveDbPath(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  if (flag) return path.resolve(flag);
  if (env.LECTIO_DB) return path.resolve(env.LECTIO_DB);
  return defaultDbPath(env);
}
