import { parentPort } from 'node:worker_threads';
import { parseOutcome, type ParseJob } from './parse-outcome.js';

/**
 * A worker thread of parse-pool.ts: parses each file it is sent and posts the outcome back.
 * `ready` is posted once the parser's modules are loaded, which is most of a worker's start-up.
 */
export interface WorkerRequest extends ParseJob {
  id: number;
}
export type WorkerReply = { ready: true } | { id: number; outcome: ReturnType<typeof parseOutcome> };

const port = parentPort;
if (port) {
  port.on('message', (request: WorkerRequest) => {
    port.postMessage({ id: request.id, outcome: parseOutcome(request) } satisfies WorkerReply);
  });
  port.postMessage({ ready: true } satisfies WorkerReply);
}
