#!/usr/bin/env node
// Answer-quality benchmark: accuracy and turn latency of the running bot, per question set and
// knowledge base, measured by the shared harness (../shared/eval/run.sh, which starts the bot
// with `npm start`, waits for GET /healthz and scores it over the Bot Framework protocol).
//
//   npm run bench:answers          (or: node bench/answers.mjs [--verbose])
//
// Configurations, run one after another, each on its own port:
//   a. dev set       on ../shared/kb/seeds
//   b. dev set       on knowledge/articles
//   c. customer set  on ../shared/kb/seeds
//   d. customer set  on seeds + publickb (a temp folder holding both, as two subfolders)
//   e. dev set       on seeds + publickb
//   f. shapes set    on ../shared/kb/seeds (bench/questions/customer-shapes.jsonl: more customer
//                    wording, from terse to formal, with typos, stories and near-miss questions)
//   g. shapes set    on seeds + publickb
// Prints a summary table (accuracy, p50/p95 latency) and the failed question ids of each run.
// Failed questions are figures, not errors: the script exits 0 unless the build fails or the
// bot could not be started (then 1). Without ../shared it skips, with a message, and exits 0.
// The harness output of every run is kept in a temp log folder (printed); --verbose echoes it too.
// BENCH_PORT sets the first port (default 39801); each run uses the next one.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { display, fromRoot, fromShared, missing, ROOT } from './lib/paths.mjs';
import { printTable } from './lib/report.mjs';

const VERBOSE = process.argv.includes('--verbose');
let interrupted = false;
const FIRST_PORT = Number(process.env.BENCH_PORT ?? 39801);

const RUN_SH = fromShared('eval', 'run.sh');
const DEV = fromShared('eval', 'dev-questions.jsonl');
const CUSTOMER = fromRoot('bench', 'questions', 'customer.jsonl');
const SHAPES = fromRoot('bench', 'questions', 'customer-shapes.jsonl');
const SEEDS = fromShared('kb', 'seeds');
const PUBLICKB = fromShared('kb', 'publickb');
const BUNDLED = fromRoot('knowledge', 'articles');

function configurations(combinedKb) {
  return [
    { name: 'a. dev on seeds', questions: DEV, kb: SEEDS },
    { name: 'b. dev on knowledge/articles', questions: DEV, kb: BUNDLED },
    { name: 'c. customer on seeds', questions: CUSTOMER, kb: SEEDS },
    { name: 'd. customer on seeds+publickb', questions: CUSTOMER, kb: combinedKb },
    { name: 'e. dev on seeds+publickb', questions: DEV, kb: combinedKb },
    { name: 'f. shapes on seeds', questions: SHAPES, kb: SEEDS },
    { name: 'g. shapes on seeds+publickb', questions: SHAPES, kb: combinedKb },
  ];
}

/**
 * A temp folder with `seeds/` and `publickb/` inside. They are copies, not symlinks: the loader
 * walks folders with readdir's file types, which report a symlinked folder as a link, not a
 * folder, so a symlinked knowledge base would load no article at all.
 */
function makeCombinedKb(root) {
  const kb = join(root, 'kb');
  mkdirSync(kb);
  cpSync(SEEDS, join(kb, 'seeds'), { recursive: true });
  cpSync(PUBLICKB, join(kb, 'publickb'), { recursive: true });
  return kb;
}

function build() {
  console.log('building (npm run build --silent) ...');
  const result = spawnSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: 'inherit' });
  return result.status === 0;
}

const countQuestions = (file) => readFileSync(file, 'utf8').split('\n').filter((line) => line.trim()).length;

/** Runs the harness once; resolves with its exit code and everything it printed. */
function runHarness(config, port) {
  return new Promise((resolve) => {
    // its own process group, so that stopping it reaches the harness and its scorer at once
    const child = spawn('bash', [RUN_SH, config.questions, config.kb], {
      cwd: ROOT,
      env: { ...process.env, EVAL_PORT: String(port) },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let output = '';
    const collect = (chunk) => {
      output += chunk;
      if (VERBOSE) process.stdout.write(chunk);
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    // an interrupted benchmark stops the harness, whose exit trap stops the bot
    const stop = () => {
      interrupted = true;
      try { process.kill(-child.pid, 'SIGTERM'); } catch { /* already gone */ }
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    child.on('close', (code, signal) => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve({ code: code ?? signal, output });
    });
  });
}

/** The figures in the harness output; `scored` is false when it never got to score (the bot did not start). */
function parseHarness(output) {
  const accuracy = output.match(/^accuracy: (\d+)\/(\d+)/m);
  const latency = output.match(/^turn latency ms: p50 (\S+), p95 (\S+), max (\S+)/m);
  const failed = [...output.matchAll(/^FAIL (\S+?): /gm)].map((match) => match[1]);
  return {
    scored: Boolean(accuracy),
    passed: accuracy ? Number(accuracy[1]) : null,
    total: accuracy ? Number(accuracy[2]) : null,
    p50: latency?.[1] ?? 'n/a',
    p95: latency?.[2] ?? 'n/a',
    failed,
  };
}

async function runAll(configs, logDir) {
  const results = [];
  for (const [index, config] of configs.entries()) {
    const port = FIRST_PORT + index;
    console.log(`\n== ${config.name}: ${display(config.questions)} on ${display(config.kb)} (port ${port})`);
    const started = Date.now();
    const { code, output } = await runHarness(config, port);
    const log = join(logDir, `${config.name.slice(0, 1)}.log`);
    writeFileSync(log, output);
    const figures = parseHarness(output);
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    if (figures.scored) {
      console.log(`   accuracy ${figures.passed}/${figures.total}, p50 ${figures.p50} ms, p95 ${figures.p95} ms (${seconds} s, log ${log})`);
    } else {
      console.log(`   NOT SCORED: the harness exited ${code} before scoring (log ${log}):`);
      console.log(output.trimEnd().split('\n').slice(-15).map((line) => `   | ${line}`).join('\n'));
    }
    results.push({ config, figures, questions: countQuestions(config.questions), interrupted });
    if (interrupted) break;
  }
  return results;
}

function printSummary(results) {
  console.log('\n== Summary');
  printTable(
    ['configuration', 'questions', 'accuracy', 'p50 ms', 'p95 ms'],
    results.map(({ config, figures, questions, interrupted: stopped }) => [
      config.name,
      String(questions),
      figures.scored ? `${figures.passed}/${figures.total}` : stopped ? 'interrupted' : 'bot did not start',
      figures.p50,
      figures.p95,
    ]),
  );
  console.log('\n== Failed questions');
  for (const { config, figures } of results) {
    const list = !figures.scored ? '(not scored)' : figures.failed.length ? figures.failed.join(', ') : 'none';
    console.log(`${config.name}: ${list}`);
  }
}

async function main() {
  const absent = missing(RUN_SH, DEV, SEEDS, PUBLICKB);
  if (absent.length) {
    console.log(`bench:answers skipped: ../shared is not here (missing ${absent.map(display).join(', ')}).`);
    return 0;
  }
  if (!build()) {
    console.error('bench:answers: the build failed, so the bot cannot start.');
    return 1;
  }
  const logDir = mkdtempSync(join(tmpdir(), 'bench-answers-logs-'));
  const temp = mkdtempSync(join(tmpdir(), 'bench-answers-kb-'));
  try {
    const results = await runAll(configurations(makeCombinedKb(temp)), logDir);
    printSummary(results);
    console.log(`\nharness logs: ${logDir}`);
    if (interrupted) {
      console.error('\nbench:answers: interrupted.');
      return 130;
    }
    const unstarted = results.filter(({ figures, interrupted: stopped }) => !figures.scored && !stopped);
    if (unstarted.length) {
      console.error(`\nbench:answers: the bot could not start for ${unstarted.map(({ config }) => config.name).join('; ')}.`);
      return 1;
    }
    return 0;
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
}

process.exitCode = await main();
