#!/usr/bin/env node
// Ticket throughput: how many incident tickets per second the ticket service files, and the
// p95 latency of one filing, on SQLite (WAL, synchronous=FULL: every filing is on disk before
// it is confirmed) and on PostgreSQL (the machine's server; skipped with a message when it does
// not answer). A filing is the whole domain path a customer's confirmation takes:
// TicketService.open → draft validation, redaction guard, routing, idempotency keys, the ticket
// and its outbox rows in one transaction.
//
//   npm run bench:tickets                 (builds, then: node bench/tickets.mjs)
//   node bench/tickets.mjs [--count 3000] [--concurrency 16] [--database-url postgres://…]
//
// Each store gets a fresh database (a temp folder for SQLite, a temp schema for PostgreSQL), a
// warm-up of 200 filings, then `count` filings with `concurrency` in flight (each with its own
// customer, activity and text, so no idempotency key repeats). Prints tickets/s, p50/p95/p99
// latency, and checks the count stored afterwards. Target: at least 300 tickets/s on SQLite.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { fromRoot, missing } from './lib/paths.mjs';
import { printTable } from './lib/report.mjs';

const TARGET_SQLITE_PER_SECOND = 300;
const WARM_UP = 200;

const { values } = parseArgs({
  options: {
    count: { type: 'string', default: '3000' },
    concurrency: { type: 'string', default: '16' },
    'database-url': { type: 'string', default: process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test' },
  },
});
const count = Number(values.count);
const concurrency = Number(values.concurrency);

const dist = (...parts) => fromRoot('dist', 'tickets', ...parts);
if (missing(dist('service.js')).length) {
  console.error('dist/ is missing: run `npm run build` first (npm run bench:tickets does).');
  process.exit(1);
}
const { TicketService } = await import(dist('service.js'));
const { DEFAULT_ROUTING } = await import(dist('routing.js'));
const { openSqliteDatabase } = await import(dist('store', 'sqlite.js'));
const { openPostgresDatabase } = await import(dist('store', 'postgres.js'));

const REGIONS = ['us', 'canada', 'emea', 'apac'];
const LOG_EXCERPT = Array.from({ length: 40 }, (_, i) => `2026-11-30T10:${String(i % 60).padStart(2, '0')}:00Z INFO elasticbox.agent step ${i} done`).join('\n');

/** A realistic draft: a box error with a redacted agent-log excerpt and a short transcript. */
function draft(i) {
  const userId = `bench-user-${i}`;
  return {
    severity: ((i % 4) + 1),
    region: REGIONS[i % 4],
    cloud: i % 2 ? 'aws' : 'azure',
    category: 'box_error',
    summary: `Box deployment ${i} failed in the staging workspace`,
    description: `Deploying box ${i} stops at the configure step with exit code 1; it worked yesterday.`,
    scope: { verdict: 'unknown' },
    evidence: [{ kind: 'agent_log', content: LOG_EXCERPT, findings: ['40 lines, 40 INFO', 'no errors'], redactions: {}, fileName: 'elasticbox-agent.log' }],
    customer: { channel: 'webchat', userId, name: `Customer ${i}`, conversation: { channelId: 'webchat', serviceUrl: 'http://127.0.0.1:3978/', conversationId: `conv-${i}`, userId } },
    transcript: [
      { from: 'customer', text: 'box deployment failed', at: new Date().toISOString() },
      { from: 'bot', text: 'Which cloud is it on?', at: new Date().toISOString() },
    ],
  };
}

async function run(service, from, n) {
  const latencies = [];
  let next = from;
  const end = from + n;
  const started = performance.now();
  async function worker() {
    while (next < end) {
      const i = next++;
      const t0 = performance.now();
      const { created } = await service.open(draft(i), { activityKey: `webchat|conv-${i}|activity-${i}` });
      latencies.push(performance.now() - t0);
      if (!created) throw new Error(`filing ${i} was taken for a repeat`);
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))];
  return { perSecond: n / seconds, p50: at(0.5), p95: at(0.95), p99: at(0.99) };
}

async function measure(name, db) {
  const service = new TicketService({ store: db.tickets, routing: DEFAULT_ROUTING });
  await run(service, 0, WARM_UP);
  const result = await run(service, WARM_UP, count);
  const stored = (await db.tickets.list({ limit: 1 })).tickets[0]?.number;
  return { name, ...result, stored };
}

const rows = [];
const results = [];

const dir = mkdtempSync(join(tmpdir(), 'bench-tickets-'));
try {
  const db = openSqliteDatabase(join(dir, 'support.db'));
  const result = await measure('SQLite (WAL, synchronous=FULL)', db);
  await db.close();
  results.push(result);
} finally {
  rmSync(dir, { recursive: true, force: true });
}

const schema = `bench_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
let postgresNote = null;
try {
  const db = await openPostgresDatabase(values['database-url'], { schema, poolSize: concurrency });
  try {
    results.push(await measure('PostgreSQL (synchronous_commit on)', db));
  } finally {
    await db.close();
    const admin = new pg.Client({ connectionString: values['database-url'] });
    await admin.connect();
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await admin.end();
  }
} catch (error) {
  postgresNote = `PostgreSQL skipped: ${error instanceof Error ? error.message : String(error)}`;
}

for (const r of results) rows.push([r.name, r.perSecond.toFixed(0), r.p50.toFixed(2), r.p95.toFixed(2), r.p99.toFixed(2), r.stored ?? '-']);
console.log(`${count} filings per store, ${concurrency} in flight, after ${WARM_UP} warm-up filings\n`);
printTable(['store', 'tickets/s', 'p50 ms', 'p95 ms', 'p99 ms', 'newest stored'], rows);
if (postgresNote) console.log(`\n${postgresNote}`);
const sqlite = results[0];
console.log(`\n${sqlite.perSecond >= TARGET_SQLITE_PER_SECOND ? 'PASS' : 'MISS'}  SQLite tickets/s: ${sqlite.perSecond.toFixed(0)} (target >= ${TARGET_SQLITE_PER_SECOND})`);
