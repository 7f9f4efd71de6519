// lectio serve [--port N] [--host H] [--token T] [--examples]: the JSON API and the web app.

import fs from 'node:fs';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Command } from 'commander';
import { LectioError } from '../core/errors.js';
import { importLists } from '../core/import-lists.js';
import { readingQueue } from '../core/reading-queue.js';
import { readListFile } from '../formats/read-list-file.js';
import { createApp } from '../http/app.js';
import { isLoopback, loopbackHosts, serveApp } from '../http/server.js';
import { defaultWebDir, loadStaticFiles } from '../http/static-files.js';
import { dbPathOf, openStore } from './cli-context.js';
import { examplesDir } from './demo-command.js';
import { queueText } from './next-command.js';
import { clockNow, loadSettings } from './settings.js';
import { plural } from './text-width.js';

export const DEFAULT_PORT = 4178;

interface ServeOptions {
  port: string;
  host: string;
  token?: string;
  examples?: boolean;
}

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('serve the web app and the JSON API (on 127.0.0.1 unless --host says otherwise)')
    .option('--port <n>', 'port (0: any free port)', String(DEFAULT_PORT))
    .option('--host <host>', 'address to listen on; anything but loopback needs --token', '127.0.0.1')
    .option(
      '--token <token>',
      'required of every request (Authorization: Bearer TOKEN, or open /?token=TOKEN)',
    )
    .option('--examples', 'import the bundled example lists first when the library is empty (npm start)')
    .action(async (opts: ServeOptions, command: Command) => {
      const port = Number(opts.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535)
        throw new LectioError(
          'bad_input',
          `--port must be a whole number from 0 to 65535, not "${opts.port}"`,
        );
      if (!isLoopback(opts.host) && !opts.token)
        throw new LectioError(
          'bad_input',
          `--host ${opts.host} is reachable from other machines; give --token too`,
        );
      if (opts.token !== undefined && !/^[\x21-\x7e]{16,}$/u.test(opts.token))
        throw new LectioError('bad_input', '--token: at least 16 printable characters, no spaces');
      loadSettings(); // a malformed config file is refused now, not on the first request
      const files = loadStaticFiles(defaultWebDir());
      if (!files.has('/index.html'))
        throw new LectioError('not_found', 'the web app is not built; run "npm run build" first');
      const store = openStore(command);
      if (opts.examples && store.countItems() === 0) {
        const dir = examplesDir();
        const inputs = fs
          .readdirSync(dir)
          .filter((f) => f.endsWith('.md'))
          .sort()
          .map((f) => readListFile(path.join(dir, f)));
        const report = importLists(store, inputs, { now: () => new Date() });
        process.stderr.write(`imported ${inputs.length} example lists: ${plural(report.items, 'item')}\n`);
      }
      const deps = { store, now: clockNow, settings: loadSettings };
      // Filled in once the port is known (--port 0 picks one): the guard reads it per request.
      const allowedHosts: string[] = [];
      const app = createApp(deps, { files, allowedHosts, ...(opts.token ? { token: opts.token } : {}) });
      let server;
      try {
        server = await serveApp(app, opts.host, port);
      } catch (error) {
        store.close();
        throw error;
      }
      const bound = (server.address() as AddressInfo).port;
      allowedHosts.push(...loopbackHosts(opts.host, bound));
      const shown = opts.host.includes(':') ? `[${opts.host}]` : opts.host;
      process.stdout.write(
        `lectio is serving ${dbPathOf(command)}\n  http://${shown}:${bound}/\n(Ctrl-C stops it)\n`,
      );
      // What to read first, as `lectio next` ranks it: the answer a newcomer came for.
      const first = readingQueue(store, { now: clockNow(), weights: loadSettings().weights, limit: 3 });
      if (first.length > 0)
        process.stdout.write(`\nread first (lectio next lists more):\n${queueText(first)}`);
      const stop = () => {
        server.close();
        store.close();
        process.exit(0);
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
}
