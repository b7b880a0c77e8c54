import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ParseJob, ParseOutcome } from './parse-outcome.js';
import type { WorkerReply, WorkerRequest } from './parse-worker.js';

/**
 * Parsing (remark + GFM) is most of loading and is pure, so it can run in worker threads. But each
 * worker first loads the parser (~0.2 s) and then parses slowly until its JIT has warmed up, and
 * this thread's parse already keeps a second core busy with garbage collection. Measured on the
 * 2-core machine the targets are set for (bench:index corpus, fresh processes, a noisy host): the
 * pool loses ~30% at 0.46 M characters, breaks even near 1.8 M and wins ~10–25% at 4.6 M (more
 * with V8's default heap sizes, see WORKER_LIMITS). Below this, parse here.
 */
const MIN_POOL_CHARS = 2_000_000;

const WORKER_SCRIPT = new URL('./parse-worker.js', import.meta.url);

/**
 * Each worker is a whole V8 heap, and parsing makes garbage fast: with V8's default young
 * generation two workers took the 10x corpus load to ~290–320 MB peak RSS (one thread: ~230 MB),
 * past the 300 MB budget. 16 MB keeps them near 260–280 MB, under the index build's own peak, at a
 * small cost in speed.
 */
const WORKER_LIMITS = { maxYoungGenerationSizeMb: 16 };

/** How many worker threads are worth starting for these jobs: 0 means parse in this thread. */
export function poolSizeFor(jobs: readonly ParseJob[]): number {
  const chars = jobs.reduce((sum, job) => sum + job.raw.length, 0);
  const cores = availableParallelism();
  return chars >= MIN_POOL_CHARS && cores > 1 ? cores : 0;
}

/**
 * Parses every job, in `threads` worker threads (0: in this thread). Outcomes come back in the
 * order of the jobs. The worker script exists only once compiled (dist/); from the TypeScript
 * sources (jest) everything is parsed in this thread. A worker that fails is reported through
 * `onWorkerLost` and its files are parsed by the others, or here when none is left: loading
 * never depends on threads.
 */
export async function parseAll(jobs: readonly ParseJob[], threads: number, onWorkerLost: (reason: string) => void): Promise<ParseOutcome[]> {
  if (jobs.length === 0) return [];
  // loaded only when this thread parses: a start-up served from the cache does without the
  // parser's modules (unified, remark, micromark: ~0.2 s to import)
  const { parseOutcome } = await import('./parse-outcome.js');
  if (threads < 1 || !existsSync(fileURLToPath(WORKER_SCRIPT))) return jobs.map(parseOutcome);
  return new Pool(jobs, parseOutcome, onWorkerLost).run(Math.min(threads, jobs.length));
}

class Pool {
  private readonly outcomes: ParseOutcome[] = [];
  /** Job indices not handed out yet; a lost worker's job goes back to the front. */
  private readonly queue: number[];
  private left: number;
  private readonly alive = new Set<Worker>();
  /** Ready workers with nothing to do, each as the function that hands it the next job. */
  private readonly idle = new Set<() => void>();
  /** Resolves the main thread's wait for the next worker event. */
  private wake: () => void = () => undefined;

  constructor(
    private readonly jobs: readonly ParseJob[],
    private readonly parseHere: (job: ParseJob) => ParseOutcome,
    private readonly onWorkerLost: (reason: string) => void,
  ) {
    this.queue = jobs.map((_job, index) => index);
    this.left = jobs.length;
  }

  async run(threads: number): Promise<ParseOutcome[]> {
    for (let i = 0; i < threads; i++) this.start();
    while (this.left > 0) {
      // this thread only hands out work (its event loop stays free for the server that is already
      // listening), unless every worker is lost: then it parses what is left itself
      if (this.alive.size === 0) {
        const index = this.queue.shift()!;
        this.finish(index, this.parseHere(this.jobs[index]!));
        continue;
      }
      await new Promise<void>((resolve) => {
        this.wake = resolve;
      });
    }
    await Promise.all([...this.alive].map((worker) => worker.terminate()));
    return this.outcomes;
  }

  private finish(index: number, outcome: ParseOutcome): void {
    this.outcomes[index] = outcome;
    this.left--;
  }

  private start(): void {
    const worker = new Worker(WORKER_SCRIPT, { resourceLimits: WORKER_LIMITS });
    let current: number | undefined;
    const feed = (): void => {
      current = this.queue.shift();
      if (current === undefined) {
        this.idle.add(feed);
        return;
      }
      this.idle.delete(feed);
      worker.postMessage({ id: current, ...this.jobs[current]! } satisfies WorkerRequest);
    };
    worker.on('message', (reply: WorkerReply) => {
      if (!('ready' in reply)) this.finish(reply.id, reply.outcome);
      feed();
      this.wake();
    });
    const lost = (reason: string): void => {
      if (!this.alive.delete(worker)) return;
      this.idle.delete(feed);
      if (current !== undefined) {
        this.queue.unshift(current);
        current = undefined;
        // the other workers may have run out of work already: hand the job back out
        for (const feedIdle of [...this.idle]) if (this.queue.length > 0) feedIdle();
      }
      if (this.left > 0) this.onWorkerLost(reason);
      this.wake();
    };
    worker.on('error', (error: unknown) => lost(error instanceof Error ? error.message : String(error)));
    worker.on('exit', (code) => lost(`exited with code ${code}`));
    this.alive.add(worker);
  }
}
