// The second part of a large document, walked on a worker thread (part-worker.ts) while the
// caller walks the first (parse-markdown-list.ts, parseInTwo). The call stays synchronous, as
// the import is: the caller blocks on a shared flag the worker raises once its reply is
// posted, and takes the reply off the port without the event loop (receiveMessageOnPort).
// Anything amiss (no worker file, a worker that fails or is too slow) returns null, and the
// caller parses the document the single-threaded way.

import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';
import type { ParsedItem } from '../../core/item.js';

/** What the walk of a later part found (ListWalker in parse-markdown-list.ts). */
export interface PartWalk {
  items: ParsedItem[];
  todoMarkers: boolean;
  /** H1 headings in the part. */
  h1Count: number;
  /** A chunk of it defined a reference ("[id]: url"): the document must be parsed whole. */
  definesReferences: boolean;
}

export interface PartRequest {
  text: string;
  /** Lines of the document before the part. */
  firstLine: number;
  chunkChars: number;
}

export type PartReply = { walk: PartWalk } | { error: string };

export interface PartCall {
  /** The worker's walk, once it is done; null if it failed or took far longer than `expectedMs`. */
  result(expectedMs: number): PartWalk | null;
  /** Ends the worker (it ends by itself after replying) and the port. */
  stop(): void;
}

/** A worker slower than this many times the caller's own half is taken for stuck. */
const PATIENCE = 4;
const MIN_WAIT_MS = 5000;

export function startPartWalk(request: PartRequest): PartCall | null {
  let url: URL;
  try {
    // Beside this module: dist/src/formats/markdown/, or the command's bundle in dist/bundle/cli/.
    url = new URL('./part-worker.js', import.meta.url);
    if (!fs.existsSync(fileURLToPath(url))) return null;
  } catch {
    return null;
  }
  const signal = new Int32Array(new SharedArrayBuffer(4));
  const { port1, port2 } = new MessageChannel();
  let worker: Worker;
  try {
    worker = new Worker(url, {
      workerData: { request, port: port2, signal },
      transferList: [port2],
    });
  } catch {
    port1.close();
    return null;
  }
  worker.unref();
  worker.on('error', () => {}); // a failed worker sends no reply; result() then returns null
  return {
    result(expectedMs: number): PartWalk | null {
      const deadline = performance.now() + Math.max(MIN_WAIT_MS, PATIENCE * expectedMs);
      while (Atomics.load(signal, 0) === 0) {
        const left = deadline - performance.now();
        if (left <= 0) return null;
        Atomics.wait(signal, 0, 0, Math.min(left, 1000));
      }
      const reply = receiveMessageOnPort(port1)?.message as PartReply | undefined;
      return reply !== undefined && 'walk' in reply ? reply.walk : null;
    },
    stop(): void {
      port1.close();
      void worker.terminate();
    },
  };
}
