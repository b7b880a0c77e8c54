#!/usr/bin/env node
// Load benchmark: how many turns per second the support bot serves over the Bot Framework
// protocol, next to a bare botbuilder echo bot on the very same server stack (restify +
// CloudAdapter from dist/bot, see bench/echo-bot.mjs). The echo bot is the ceiling that the
// HTTP edge and the adapter allow on this machine; the ratio says what the bot's own turn work
// (dialogs, conversation state, knowledge-base search, cards) costs.
//
//   npm run bench:load                          (builds, then: node bench/load.mjs)
//   node bench/load.mjs [--duration 15] [--rounds 5] [--warmup 3] [--connections 32] [--cpu-prof]
//
//   1. starts both targets as child processes on free ports (the bot: `node dist/bot/main.js`
//      with KB_DIR=knowledge/articles, DATA_DIR a temp folder, LOG_LEVEL=warn, no app id, so
//      local mode) and waits for GET /healthz to answer 200;
//   2. checks once that a real question gets a reply activity with text or attachments;
//   3. warms each up (3 s), then measures: autocannon, 32 connections, POST /api/messages with a
//      full message activity (`deliveryMode: "expectReplies"`, so the replies come back in the
//      HTTP response), a new conversation id on every request, cycling through the dev questions
//      (../shared/eval/dev-questions.jsonl, field "q"). The 15 s per target are taken in 5 rounds
//      of 3 s, the targets one after the other within a round (never at the same time, so they
//      never compete for the CPU) and in swapped order every round, so that the host's drifting
//      speed weighs on both alike;
//   4. stops them.
// Prints each round's turns/s, then per target: turns/s (2xx responses that carry a reply
// activity, per second of its slices), p50/p99 latency over all its slices, the 2xx responses
// without a reply (not counted as turns), non-2xx and socket errors/timeouts, then the ratio
// bot/echo against the target "the bot serves at least 60% of the echo bot's turns/s"
// (PASS/MISS). A MISS is a figure, not a failure: exits 0 unless a server could not start (1),
// dist/ or the questions are missing (1), or it is interrupted (130; children are stopped).
// --cpu-prof runs the bot under `node --cpu-prof` and prints where the .cpuprofile was written
// (open it in Chrome DevTools, Performance tab). The machine's other load shows in the figures:
// run it more than once before reading much into a few percent.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { display, fromRoot, fromShared, missing, ROOT } from './lib/paths.mjs';
import { printTable } from './lib/report.mjs';

const TARGET_RATIO = 0.6;
const STARTUP_TIMEOUT_MS = 60_000;
const QUESTIONS_FILE = fromShared('eval', 'dev-questions.jsonl');
const BOT_MAIN = fromRoot('dist', 'bot', 'main.js');
const ECHO_MAIN = fromRoot('bench', 'echo-bot.mjs');
const KB_DIR = 'knowledge/articles';

/** Every child still running, so that any way out (end, error, Ctrl-C) stops them. */
const children = new Set();
let current = null; // the autocannon run in progress
let interrupted = false;

function options() {
  const { values } = parseArgs({
    options: {
      duration: { type: 'string', default: '15' },
      warmup: { type: 'string', default: '3' },
      connections: { type: 'string', default: '32' },
      rounds: { type: 'string', default: '5' },
      'cpu-prof': { type: 'boolean', default: false },
    },
  });
  const number = (name, min) => {
    const value = Number(values[name]);
    if (!Number.isFinite(value) || value < min) throw new Error(`--${name} must be a number >= ${min} (got ${values[name]})`);
    return value;
  };
  return {
    duration: number('duration', 1),
    warmup: number('warmup', 0),
    connections: Math.round(number('connections', 1)),
    rounds: Math.round(number('rounds', 1)),
    cpuProf: values['cpu-prof'],
  };
}

function loadQuestions(file) {
  const questions = readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line).q)
    .filter((q) => typeof q === 'string' && q.trim());
  if (!questions.length) throw new Error(`${display(file)} holds no question (field "q")`);
  return questions;
}

// ---------------------------------------------------------------- activities and replies

const RUN = randomUUID().slice(0, 8);
let sequence = 0;

/** One full message activity, as a channel would post it; a new conversation every time. */
function activityBody(text) {
  const n = sequence++;
  return JSON.stringify({
    type: 'message',
    id: `load-${RUN}-${n}`,
    timestamp: new Date().toISOString(),
    channelId: 'webchat',
    serviceUrl: 'http://127.0.0.1:9/',
    from: { id: `load-user-${n % 1000}`, name: 'load user', role: 'user' },
    recipient: { id: 'support-bot', name: 'support bot', role: 'bot' },
    conversation: { id: `load-${RUN}-conversation-${n}` },
    locale: 'en-US',
    text,
    deliveryMode: 'expectReplies',
  });
}

/** True when an expectReplies response body holds a message activity with text or attachments. */
function hasReply(body) {
  try {
    const { activities } = JSON.parse(body);
    return Array.isArray(activities)
      && activities.some((a) => a?.type === 'message' && ((typeof a.text === 'string' && a.text.trim()) || a.attachments?.length));
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------- HTTP and processes

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createNetServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

/** A small HTTP call with a timeout; resolves { status, body } or rejects. */
function call(port, method, path, body) {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, method, path, timeout: 10_000, headers: body ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } : {} },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => { text += chunk; });
        res.on('end', () => resolve({ status: res.statusCode, body: text }));
      },
    );
    req.on('timeout', () => req.destroy(new Error('timed out')));
    req.on('error', reject);
    req.end(body);
  });
}

/** Starts a server as a child; resolves once GET /healthz is 200, rejects if it exits or never gets there. */
async function startChild(target, port) {
  const child = spawn(process.execPath, [...target.nodeArgs, target.script], {
    cwd: ROOT,
    env: { ...process.env, ...target.env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  let output = '';
  const keep = (chunk) => { output = (output + chunk).slice(-4000); };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => {
    children.delete(child);
    resolve(code ?? signal);
  }));
  target.child = child;
  target.exited = exited;
  target.output = () => output;

  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  let gone = null;
  exited.then((code) => { gone = code; });
  while (Date.now() < deadline && !interrupted) {
    if (gone !== null) throw new Error(`it exited (${gone}) before it was ready`);
    try {
      const { status } = await call(port, 'GET', '/healthz');
      if (status === 200) return;
    } catch { /* not listening yet */ }
    await sleep(100);
  }
  throw new Error(interrupted ? 'interrupted' : `GET /healthz was not 200 within ${STARTUP_TIMEOUT_MS / 1000} s`);
}

/** SIGTERM, then SIGKILL if it has not exited after a few seconds. */
async function stopChild(target) {
  const { child, exited } = target;
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 8000);
  await exited;
  clearTimeout(timer);
}

function killAll() {
  for (const child of children) {
    try { child.kill('SIGTERM'); } catch { /* already gone */ }
  }
}

// ---------------------------------------------------------------- load

/** One autocannon run; resolves its counts and the latency of every 2xx response (ms). */
async function load(port, questions, seconds, connections) {
  const counts = { replied: 0, empty: 0, latencies: [] };
  let next = 0;
  const instance = autocannon({
    url: `http://127.0.0.1:${port}/api/messages`,
    connections,
    duration: seconds,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    requests: [
      {
        setupRequest: (req) => ({ ...req, body: activityBody(questions[next++ % questions.length]) }),
        onResponse: (status, body) => {
          if (status < 200 || status > 299) return;
          if (hasReply(body)) counts.replied++;
          else counts.empty++;
        },
      },
    ],
  });
  instance.on('response', (_client, status, _bytes, responseTime) => {
    if (status >= 200 && status <= 299) counts.latencies.push(responseTime);
  });
  current = instance;
  try {
    const result = await instance;
    return { result, ...counts };
  } finally {
    current = null;
  }
}

/** Starts a target and checks one real question; false (with the reason printed) when it cannot serve. */
async function prepare(target, questions) {
  target.port = await freePort();
  console.log(`\n== ${target.name}: ${target.command} on port ${target.port}`);
  try {
    await startChild(target, target.port);
  } catch (error) {
    console.error(`   could not start: ${error.message}`);
    const tail = target.output?.().trimEnd();
    if (tail) console.error(tail.split('\n').slice(-15).map((line) => `   | ${line}`).join('\n'));
    await stopChild(target);
    return false;
  }
  const sample = await call(target.port, 'POST', '/api/messages', activityBody(questions[0]));
  target.sampleOk = sample.status >= 200 && sample.status < 300 && hasReply(sample.body);
  console.log(`   sample "${questions[0]}": HTTP ${sample.status}, ${target.sampleOk ? 'a reply activity with text or attachments' : `NO REPLY ACTIVITY: ${sample.body.slice(0, 200)}`}`);
  return true;
}

/** The value below which `share` of the sorted values lie. */
function percentile(sorted, share) {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))] : NaN;
}

/**
 * The measured run: `rounds` rounds in which each target takes its slice of the duration in
 * turn, the order swapped every round (bot-echo, echo-bot, ...). This host's speed drifts by tens
 * of percent within minutes; measuring one target after the other put all of a drift on one
 * side of the ratio, while alternating slices spreads it over both.
 */
async function measureAlternating(targets, questions, opts) {
  const totals = new Map(targets.map((target) => [target, { replied: 0, empty: 0, ok: 0, non2xx: 0, errors: 0, timeouts: 0, seconds: 0, latencies: [] }]));
  const slice = opts.duration / opts.rounds;
  console.log(`\n== measuring: ${opts.rounds} rounds of ${fixed(slice)} s per target, ${opts.connections} connections`);
  for (let round = 0; round < opts.rounds && !interrupted; round++) {
    const order = round % 2 === 0 ? targets : [...targets].reverse();
    const line = [];
    for (const target of order) {
      const run = await load(target.port, questions, slice, opts.connections);
      if (interrupted) break;
      const total = totals.get(target);
      total.replied += run.replied;
      total.empty += run.empty;
      total.ok += run.result['2xx'];
      total.non2xx += run.result.non2xx;
      total.errors += run.result.errors;
      total.timeouts += run.result.timeouts;
      total.seconds += run.result.duration;
      for (const latency of run.latencies) total.latencies.push(latency);
      line.push(`${target.name} ${fixed(run.replied / run.result.duration)}`);
    }
    console.log(`   round ${round + 1}: ${line.join(', ')} turns/s`);
  }
  for (const [target, total] of totals) {
    const sorted = total.latencies.sort((a, b) => a - b);
    target.figures = {
      turnsPerSecond: total.replied / total.seconds,
      p50: percentile(sorted, 0.5),
      p99: percentile(sorted, 0.99),
      ok: total.ok,
      empty: total.empty,
      non2xx: total.non2xx,
      errors: total.errors,
      timeouts: total.timeouts,
      seconds: total.seconds,
    };
  }
}

function printProfiles(target) {
  if (!target.profileDir) return;
  const profiles = readdirSync(target.profileDir).filter((file) => file.endsWith('.cpuprofile'));
  for (const file of profiles) console.log(`   cpu profile: ${join(target.profileDir, file)}`);
}

const fixed = (value, digits = 1) => (Number.isFinite(value) ? value.toFixed(digits) : 'n/a');

function printSummary(outcomes) {
  console.log('\n== Summary');
  printTable(
    ['target', 'turns/s', 'p50 ms', 'p99 ms', '2xx', '2xx no reply', 'non-2xx', 'errors', 'timeouts', 'sample'],
    outcomes.map(({ target, started, sampleOk, figures }) => {
      if (!figures) return [target.name, started ? (interrupted ? 'interrupted' : 'n/a') : 'did not start', '', '', '', '', '', '', '', ''];
      return [
        target.name,
        fixed(figures.turnsPerSecond),
        fixed(figures.p50),
        fixed(figures.p99),
        String(figures.ok),
        String(figures.empty),
        String(figures.non2xx),
        String(figures.errors),
        String(figures.timeouts),
        sampleOk ? 'reply' : 'NO REPLY',
      ];
    }),
  );
  const [bot, echo] = outcomes.map((outcome) => outcome.figures?.turnsPerSecond);
  if (bot === undefined || echo === undefined) {
    console.log('\nratio bot/echo: n/a (a run is missing)');
    return;
  }
  const ratio = echo > 0 ? bot / echo : NaN;
  const pass = Number.isFinite(ratio) && ratio >= TARGET_RATIO;
  console.log(`\n${pass ? 'PASS' : 'MISS'}  bot/echo turns/s: ${fixed(bot)} / ${fixed(echo)} = ${Number.isFinite(ratio) ? `${Math.round(ratio * 100)}%` : 'n/a'} `
    + `(target: the bot serves at least ${TARGET_RATIO * 100}% of the echo bot's turns/s)`);
}

async function main() {
  let opts;
  try {
    opts = options();
  } catch (error) {
    console.error(`bench:load: ${error.message}`);
    return 1;
  }
  const absent = missing(BOT_MAIN, QUESTIONS_FILE);
  if (absent.length) {
    console.error(`bench:load: missing ${absent.map(display).join(', ')} (run \`npm run build\` first; the questions come from ../shared/eval).`);
    return 1;
  }
  const questions = loadQuestions(QUESTIONS_FILE);
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-load-data-'));
  const profileDir = opts.cpuProf ? mkdtempSync(join(tmpdir(), 'bench-load-prof-')) : null;
  console.log(`bench:load: ${questions.length} questions from ${display(QUESTIONS_FILE)}, ${opts.connections} connections, `
    + `warm-up ${opts.warmup} s, measured ${opts.duration} s per target in ${opts.rounds} alternating rounds`);

  const quiet = { LOG_LEVEL: 'warn', MicrosoftAppId: '', MicrosoftAppPassword: '', MicrosoftAppTenantId: '' };
  const targets = [
    {
      name: 'bot',
      command: `node ${opts.cpuProf ? '--cpu-prof ' : ''}dist/bot/main.js (KB_DIR=${KB_DIR}, DATA_DIR=${dataDir})`,
      script: BOT_MAIN,
      nodeArgs: profileDir ? ['--cpu-prof', '--cpu-prof-dir', profileDir] : [],
      env: { ...quiet, KB_DIR, DATA_DIR: dataDir },
      profileDir,
    },
    { name: 'echo', command: 'node bench/echo-bot.mjs', script: ECHO_MAIN, nodeArgs: [], env: quiet },
  ];
  try {
    // both are started up front: an idle server costs the other nothing, and the measured
    // slices can alternate between them
    const started = [];
    for (const target of targets) {
      if (!interrupted && (await prepare(target, questions))) started.push(target);
    }
    if (started.length === targets.length && !interrupted) {
      for (const target of targets) {
        if (opts.warmup > 0 && !interrupted) {
          console.log(`   warm-up ${target.name} ${opts.warmup} s ...`);
          await load(target.port, questions, opts.warmup, opts.connections);
        }
      }
      if (!interrupted) await measureAlternating(targets, questions, opts);
    }
    const outcomes = targets.map((target) => ({
      target,
      started: started.includes(target),
      sampleOk: target.sampleOk,
      figures: interrupted ? undefined : target.figures, // a cut-short run is no figure
    }));
    for (const target of targets) await stopChild(target);
    for (const target of targets) printProfiles(target);
    printSummary(outcomes);
    if (interrupted) {
      console.error('\nbench:load: interrupted.');
      return 130;
    }
    const unstarted = outcomes.filter((outcome) => !outcome.started);
    if (unstarted.length) {
      console.error(`\nbench:load: could not start ${unstarted.map(({ target }) => target.name).join(', ')}.`);
      return 1;
    }
    return 0;
  } finally {
    killAll();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const onSignal = () => {
  if (interrupted) process.exit(130); // a second Ctrl-C: out now (the exit handler still stops the children)
  interrupted = true;
  current?.stop();
  killAll();
};
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);
process.on('exit', killAll);

process.exitCode = await main();
