// The worker thread of part-worker-call.ts: walks a later part of a markdown document and
// posts what it found, then raises the flag the caller waits on.

import { type MessagePort, workerData } from 'node:worker_threads';
import type { PartReply, PartRequest } from './part-worker-call.js';
import { walkLaterPart } from './parse-markdown-list.js';

const { request, port, signal } = workerData as {
  request: PartRequest;
  port: MessagePort;
  signal: Int32Array;
};
let reply: PartReply;
try {
  reply = { walk: walkLaterPart(request) };
} catch (error) {
  reply = { error: error instanceof Error ? error.message : String(error) };
}
port.postMessage(reply);
port.close();
Atomics.store(signal, 0, 1);
Atomics.notify(signal, 0);
