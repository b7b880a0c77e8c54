#!/usr/bin/env node
// Indexing benchmark: time and memory to load the articles of a folder and build the knowledge
// base over them (`loadArticles` + `new KnowledgeBase`, from the compiled dist/).
//
//   npm run bench:index            (builds, then: node --expose-gc bench/index-build.mjs)
//
// Measures, on ../shared/kb/publickb:
//   1x in-process   7 runs in this process (a fresh load and a new KnowledgeBase each time):
//                   the first (cold) time and the median of the other six (warm)
//   1x, 10x fresh   one load+index in a fresh `node --expose-gc` child process each: the
//                   load+index time, the whole process's wall time, RSS and heapUsed after
//                   indexing (after a forced GC) and the peak RSS. 10x is the corpus copied ten
//                   times into a temp folder, each copy's file names made unique (`-copy3.md`)
//                   so that the loader's same-name rule does not collapse them.
// Then compares with the targets (1x under 300 ms; 10x under 3 s and 300 MB RSS), printing PASS or
// MISS for each; a miss is a figure, not a failure (exit 0). Without ../shared it skips (exit 0).
// With --cache (`npm run bench:index -- --cache`) every load uses the loader's parse cache, in a new
// empty temp folder per corpus: the in-process cold run and a first fresh process fill it, and the
// warm runs and a second fresh process (the figures compared with the targets) are served from it.
// Internal mode: `node --expose-gc bench/index-build.mjs --child <folder> [--cache-dir <folder>]`
// measures one folder and prints its figures as one JSON line.
import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { display, fromRoot, fromShared, missing } from './lib/paths.mjs';
import { mb, median, ms, verdict } from './lib/report.mjs';

const RUNS = 7;
const COPIES = 10;
const PUBLICKB = fromShared('kb', 'publickb');
const BASE_URL = 'https://www.ctl.io/knowledge-base/';
const TARGET_1X_MS = 300;
const TARGET_10X_MS = 3000;
const TARGET_10X_RSS = 300 * 1024 * 1024;
const CACHE = process.argv.includes('--cache');

/** A logger for loadArticles that says nothing but counts the warnings. */
function countingLogger() {
  const logger = { warnings: 0, warn() { logger.warnings++; }, info() {} };
  return logger;
}

async function importKnowledge() {
  const load = (file) => import(pathToFileURL(fromRoot('dist', 'knowledge', file)).href);
  const [{ loadArticles }, { KnowledgeBase }] = await Promise.all([load('loader.js'), load('knowledge-base.js')]);
  return { loadArticles, KnowledgeBase };
}

/** One load+index: the knowledge base, its figures and the time it took. */
async function indexOnce({ loadArticles, KnowledgeBase }, dir, cacheDir) {
  const logger = countingLogger();
  const started = performance.now();
  const articles = await loadArticles(dir, logger, cacheDir ? { cacheDir } : {});
  const loaded = performance.now();
  const kb = new KnowledgeBase(articles, { baseUrl: BASE_URL });
  const built = performance.now();
  return {
    kb,
    ms: built - started,
    loadMs: loaded - started,
    buildMs: built - loaded,
    articles: articles.length,
    passages: kb.passageCount,
    warnings: logger.warnings,
  };
}

/** The 1x corpus measured RUNS times in this process. */
async function measureInProcess(dir, cacheDir) {
  const knowledge = await importKnowledge();
  const runs = [];
  for (let i = 0; i < RUNS; i++) {
    const { kb: _kb, ...figures } = await indexOnce(knowledge, dir, cacheDir);
    runs.push(figures);
  }
  const [cold, ...warm] = runs;
  return {
    ...cold,
    coldMs: cold.ms,
    warmMedianMs: median(warm.map((run) => run.ms)),
    warmLoadMs: median(warm.map((run) => run.loadMs)),
    warmBuildMs: median(warm.map((run) => run.buildMs)),
  };
}

/** Child mode: one load+index in this fresh process, memory measured with the index still alive. */
async function childMain(dir, cacheDir) {
  const importStarted = performance.now();
  const knowledge = await importKnowledge();
  const importMs = performance.now() - importStarted;
  const { kb, ...figures } = await indexOnce(knowledge, dir, cacheDir);
  globalThis.gc?.();
  const memory = process.memoryUsage();
  const result = {
    ...figures,
    importMs,
    gc: typeof globalThis.gc === 'function',
    rss: memory.rss,
    heapUsed: memory.heapUsed,
    maxRss: process.resourceUsage().maxRSS * 1024, // kilobytes → bytes
    passagesAlive: kb.passageCount, // keeps the index reachable until after the measurement
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

/** Runs child mode on `dir` in a fresh `node --expose-gc`; resolves with its figures and wall time. */
function measureFreshProcess(dir, cacheDir) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const cacheArgs = cacheDir ? ['--cache-dir', cacheDir] : [];
    const child = spawn(process.execPath, ['--expose-gc', fileURLToPath(import.meta.url), '--child', dir, ...cacheArgs], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => { output += chunk; });
    child.on('error', reject);
    child.on('close', (code) => {
      const wallMs = performance.now() - started;
      const last = output.trim().split('\n').pop() ?? '';
      if (code !== 0 || !last.startsWith('{')) return reject(new Error(`the child process exited ${code}: ${output.slice(-500)}`));
      resolve({ ...JSON.parse(last), wallMs });
    });
  });
}

/** Copies every file under `source` into `target`, `name.md` becoming `name<suffix>.md`. */
function copyRenamed(source, target, suffix) {
  mkdirSync(target, { recursive: true });
  for (const entry of readdirSync(source, { withFileTypes: true })) {
    const from = join(source, entry.name);
    if (entry.isDirectory()) copyRenamed(from, join(target, entry.name), suffix);
    else if (entry.isFile()) copyFileSync(from, join(target, entry.name.replace(/\.md$/i, `${suffix}$&`)));
  }
}

/** The corpus COPIES times over in a temp folder, as copy1/ ... copy10/ with unique file names. */
function makeRepeatedCorpus(temp) {
  const dir = join(temp, `publickb-${COPIES}x`);
  for (let k = 1; k <= COPIES; k++) copyRenamed(PUBLICKB, join(dir, `copy${k}`), `-copy${k}`);
  return dir;
}

function describeFresh(label, fresh) {
  return (
    `${label} fresh process: ${fresh.articles} articles, ${fresh.passages} passages, ${fresh.warnings} warnings, ` +
    `load+index ${ms(fresh.ms)} (load ${ms(fresh.loadMs)} + index ${ms(fresh.buildMs)}; ` +
    `module import ${ms(fresh.importMs)}, process wall ${ms(fresh.wallMs)}), ` +
    `RSS ${mb(fresh.rss)}, heapUsed ${mb(fresh.heapUsed)}${fresh.gc ? ' after GC' : ' (no GC available)'}, peak RSS ${mb(fresh.maxRss)}`
  );
}

function printTargets(inProcess, fresh1x, fresh10x) {
  console.log('\nTargets:');
  console.log(verdict('1x load+index, fresh process', fresh1x.ms, TARGET_1X_MS, ms));
  console.log(verdict('1x load+index, in-process cold', inProcess.coldMs, TARGET_1X_MS, ms));
  console.log(verdict('1x load+index, in-process warm median', inProcess.warmMedianMs, TARGET_1X_MS, ms));
  console.log(verdict('10x load+index, fresh process', fresh10x.ms, TARGET_10X_MS, ms));
  console.log(verdict('10x RSS after indexing', fresh10x.rss, TARGET_10X_RSS, mb));
  console.log(verdict('10x peak RSS', fresh10x.maxRss, TARGET_10X_RSS, mb));
}

async function main() {
  if (missing(PUBLICKB).length) {
    console.log(`bench:index skipped: ../shared is not here (missing ${display(PUBLICKB)}).`);
    return;
  }
  if (missing(fromRoot('dist', 'knowledge', 'loader.js')).length) {
    throw new Error('dist/knowledge/loader.js is missing: run `npm run build` first (npm run bench:index does).');
  }
  console.log(`Corpus: ${display(PUBLICKB)}${CACHE ? ' (with the parse cache)' : ''}`);

  const temp = mkdtempSync(join(tmpdir(), 'bench-index-'));
  // with --cache, each measurement gets an empty cache; its first load fills it, the others are served from it
  const cacheDir = (name) => (CACHE ? join(temp, name) : undefined);
  try {
    const inProcess = await measureInProcess(PUBLICKB, cacheDir('cache-1x-in-process'));
    if (CACHE) console.log(describeFresh('publickb 1x filling the cache,', await measureFreshProcess(PUBLICKB, cacheDir('cache-1x'))));
    const fresh1x = await measureFreshProcess(PUBLICKB, cacheDir('cache-1x'));
    console.log(
      `publickb 1x: ${inProcess.articles} articles, ${inProcess.passages} passages, ${inProcess.warnings} warnings, ` +
        `cold ${ms(inProcess.coldMs)}, warm median ${ms(inProcess.warmMedianMs)} ` +
        `(load ${ms(inProcess.warmLoadMs)} + index ${ms(inProcess.warmBuildMs)}; in-process, ${RUNS} runs), RSS ${mb(fresh1x.rss)}`,
    );
    console.log(describeFresh('publickb 1x', fresh1x));

    const corpus10x = makeRepeatedCorpus(temp);
    if (CACHE) console.log(describeFresh(`publickb ${COPIES}x filling the cache,`, await measureFreshProcess(corpus10x, cacheDir('cache-10x'))));
    const fresh10x = await measureFreshProcess(corpus10x, cacheDir('cache-10x'));
    console.log(describeFresh(`publickb ${COPIES}x`, fresh10x));
    printTargets(inProcess, fresh1x, fresh10x);
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
}

const childAt = process.argv.indexOf('--child');
const cacheDirAt = process.argv.indexOf('--cache-dir');
if (childAt >= 0) await childMain(process.argv[childAt + 1], cacheDirAt >= 0 ? process.argv[cacheDirAt + 1] : undefined);
else await main();
