import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { spawnSync } from 'node:child_process';
import { basename, dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { loadArticles, type KnowledgeLogger, type LoadOptions } from '../../knowledge/loader.js';
import { parseArticle } from '../../knowledge/parse-article.js';
import { PARSE_REVISION } from '../../knowledge/parse-version.js';
import type { ParsedArticle } from '../../knowledge/types.js';

interface LogEntry {
  details: Record<string, unknown>;
  message: string;
}

class RecordingLogger implements KnowledgeLogger {
  readonly warnings: LogEntry[] = [];
  readonly infos: LogEntry[] = [];
  warn(details: Record<string, unknown>, message: string): void {
    this.warnings.push({ details, message });
  }
  info(details: Record<string, unknown>, message: string): void {
    this.infos.push({ details, message });
  }
}

const quiet: KnowledgeLogger = { warn: () => undefined, info: () => undefined };

const article = (title: string, date: string | null, body = 'Some text.'): string =>
  `{{{\n  "title": "${title}",\n${date === null ? '' : `  "date": "${date}",\n`}  "author": "Test"\n}}}\n\n### Overview\n\n${body}\n`;

const dirs: string[] = [];
function kbDir(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(join(tmpdir(), 'kb-loader-'));
  dirs.push(dir);
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), content);
  }
  return dir;
}

afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('loadArticles', () => {
  it('loads every .md file under the folder, recursively, with paths relative to it', async () => {
    const dir = kbDir({
      'top.md': article('Top', '01-16-2017'),
      'Cloud Optimization/one.md': article('One', '01-16-2017'),
      'Cloud Optimization/Deeper/Still Deeper/two.md': article('Two', '01-16-2017'),
      'Troubleshooting/UPPER.MD': article('Upper', '01-16-2017'),
      'images/picture.png': 'not markdown',
      'notes.txt': article('Not an article', '01-16-2017'),
    });
    const logger = new RecordingLogger();
    const articles = await loadArticles(dir, logger);
    expect(articles.map((a) => a.file).sort()).toEqual([
      'Cloud Optimization/Deeper/Still Deeper/two.md',
      'Cloud Optimization/one.md',
      'Troubleshooting/UPPER.MD',
      'top.md',
    ]);
    expect(articles.map((a) => a.slug).sort()).toEqual(['UPPER', 'one', 'top', 'two']);
    expect(articles.find((a) => a.slug === 'two')?.header.title).toBe('Two');
    expect(logger.warnings).toEqual([]);
    expect(logger.infos).toEqual([]);
  });

  it('returns nothing for an empty folder', async () => {
    const logger = new RecordingLogger();
    await expect(loadArticles(kbDir({}), logger)).resolves.toEqual([]);
  });

  it.each([
    ['the newer one sorts first', ['A Folder/shared.md', '02-07-2018'], ['B Folder/shared.md', '8-17-2016'], 'A Folder/shared.md', 'B Folder/shared.md'],
    ['the newer one sorts last', ['A Folder/shared.md', '8-17-2016'], ['B Folder/shared.md', '02-07-2018'], 'B Folder/shared.md', 'A Folder/shared.md'],
    ['dates are in different shapes', ['A Folder/shared.md', '12-28-16'], ['B Folder/shared.md', '2017-01-16'], 'B Folder/shared.md', 'A Folder/shared.md'],
    ['only the later one has a date', ['A Folder/shared.md', null], ['B Folder/shared.md', '12-28-16'], 'B Folder/shared.md', 'A Folder/shared.md'],
    ['the first one\'s date is not a date', ['A Folder/shared.md', '02-30-2018'], ['B Folder/Nested/shared.md', '01-01-2015'], 'B Folder/Nested/shared.md', 'A Folder/shared.md'],
  ] as [string, [string, string | null], [string, string | null], string, string][])(
    'keeps the newer of two same-named articles when %s, and reports the older through logger.info',
    async (_label, [fileA, dateA], [fileB, dateB], kept, replaced) => {
      const dir = kbDir({ [fileA]: article(`A ${dateA}`, dateA), [fileB]: article(`B ${dateB}`, dateB), 'other.md': article('Other', '01-16-2017') });
      const logger = new RecordingLogger();
      const articles = await loadArticles(dir, logger);
      expect(articles).toHaveLength(2);
      expect(articles.filter((a) => a.slug === 'shared').map((a) => a.file)).toEqual([kept]);
      expect(articles.find((a) => a.slug === 'other')?.header.title).toBe('Other');
      expect(logger.infos).toEqual([{ details: { kept, replaced }, message: expect.stringMatching(/share a name/) }]);
    },
  );

  it('keeps the first (by path) of two same-named articles with the same date', async () => {
    const dir = kbDir({ 'b/dup.md': article('Second', '01-16-2017'), 'a/dup.md': article('First', '01-16-2017') });
    const logger = new RecordingLogger();
    const articles = await loadArticles(dir, logger);
    expect(articles.map((a) => a.file)).toEqual(['a/dup.md']);
    expect(logger.infos).toEqual([{ details: { kept: 'a/dup.md', replaced: 'b/dup.md' }, message: expect.any(String) }]);
  });

  it.each([
    ['a binary file', 'Billing/binary.md', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]), /binary/],
    ['text holding a NUL', 'Billing/nul.md', `${article('Nul', '01-16-2017')}\u0000`, /binary/],
    ['a listing with no header and no heading', 'SOURCE.md', 'These files are kept as test data.\n\n- a.md\n- b.md\n', /not an article/],
    ['a file over 2 MB', 'Billing/huge.md', article('Huge', '01-16-2017', 'x'.repeat(2 * 1024 * 1024 + 1)), /larger than/],
  ])('skips %s with a logger.warn naming the file, and still loads the others', async (_label, file, content, reason) => {
    const dir = kbDir({ [file]: content, 'Billing/good.md': article('Good', '01-16-2017'), 'top.md': article('Top', '01-16-2017') });
    const logger = new RecordingLogger();
    const articles = await loadArticles(dir, logger);
    expect(articles.map((a) => a.file).sort()).toEqual(['Billing/good.md', 'top.md']);
    expect(logger.warnings).toEqual([{ details: { file, reason: expect.stringMatching(reason) }, message: 'article skipped: it cannot be read' }]);
  });

  it.each([
    ['a header that is not valid JSON', '{{{\n  "title": "Trailing Comma",\n  "date": "01-16-2017",\n}}}\n\nText.\n', 'Trailing Comma', /header is not valid JSON/],
    ['a header missing its opening {{{', '"date": "11-05-2019",\n"author": "Sharon"\n}}}\n\n### Using Compute Instances\n\nText.\n', 'Using Compute Instances', /missing its opening/],
    ['a bad date', article('Bad Date', '13-45-2017'), 'Bad Date', /is not a date/],
    ['merge-conflict markers', `${article('Conflicted', '01-16-2017')}\n<<<<<<< HEAD\nOurs.\n=======\nTheirs.\n>>>>>>> abc123\n`, 'Conflicted', /merge-conflict/],
  ])('loads an article with %s and warns naming the file', async (_label, content, title, warning) => {
    const dir = kbDir({ 'Deploying Anywhere/broken.md': content, 'fine.md': article('Fine', '01-16-2017') });
    const logger = new RecordingLogger();
    const articles = await loadArticles(dir, logger);
    expect(articles).toHaveLength(2);
    expect(articles.find((a) => a.slug === 'broken')?.header.title).toBe(title);
    expect(logger.warnings.length).toBeGreaterThan(0);
    for (const entry of logger.warnings) {
      expect(entry.message).toBe('article loaded with a problem');
      expect(entry.details.file).toBe('Deploying Anywhere/broken.md');
    }
    expect(logger.warnings.map((w) => String(w.details.warning))).toContainEqual(expect.stringMatching(warning));
  });

  // root reads any file whatever its mode, so this case can only run as an ordinary user
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  (isRoot ? it.skip : it)('skips a file it has no permission to read, with a logger.warn naming it (skipped when run as root)', async () => {
    const dir = kbDir({ 'locked.md': article('Locked', '01-16-2017'), 'open.md': article('Open', '01-16-2017') });
    chmodSync(join(dir, 'locked.md'), 0o000);
    const logger = new RecordingLogger();
    const articles = await loadArticles(dir, logger);
    expect(articles.map((a) => a.file)).toEqual(['open.md']);
    expect(logger.warnings).toEqual([{ details: { file: 'locked.md', reason: expect.stringMatching(/EACCES/) }, message: 'article skipped: it cannot be read' }]);
  });

  it('fails loudly when the folder does not exist', async () => {
    await expect(loadArticles(join(tmpdir(), 'kb-loader-does-not-exist-7c1f'), new RecordingLogger())).rejects.toThrow(/ENOENT/);
  });
});

describe('loadArticles: symbolic links', () => {
  it('follows links to .md files and to folders, with paths as seen through the links', async () => {
    const elsewhere = kbDir({ 'Shared/in-linked-folder.md': article('Folder Link', '01-16-2017'), 'target.md': article('File Link', '01-16-2017'), 'notes.txt': 'x' });
    const dir = kbDir({ 'own.md': article('Own', '01-16-2017') });
    symlinkSync(join(elsewhere, 'Shared'), join(dir, 'Linked Folder'), 'dir');
    symlinkSync(join(elsewhere, 'target.md'), join(dir, 'file-link.md'));
    symlinkSync(join(elsewhere, 'notes.txt'), join(dir, 'notes-link.txt'));
    const logger = new RecordingLogger();
    const articles = await loadArticles(dir, logger);
    expect(articles.map((a) => [a.file, a.slug, a.header.title]).sort()).toEqual([
      ['Linked Folder/in-linked-folder.md', 'in-linked-folder', 'Folder Link'],
      ['file-link.md', 'file-link', 'File Link'],
      ['own.md', 'own', 'Own'],
    ]);
    expect(logger.warnings).toEqual([]);
  });

  it('loads a knowledge base folder that is itself a link and holds only links', async () => {
    const real = kbDir({ 'Billing/one.md': article('One', '01-16-2017'), 'two.md': article('Two', '01-16-2017') });
    const links = kbDir({});
    symlinkSync(join(real, 'Billing'), join(links, 'Billing'), 'dir');
    symlinkSync(join(real, 'two.md'), join(links, 'two.md'));
    const linkToLinks = join(kbDir({}), 'kb');
    symlinkSync(links, linkToLinks, 'dir');
    const articles = await loadArticles(linkToLinks, new RecordingLogger());
    expect(articles.map((a) => a.file).sort()).toEqual(['Billing/one.md', 'two.md']);
  });

  it('skips a link back to a folder being read (a cycle) with a warning naming it, and loads everything else once', async () => {
    const dir = kbDir({ 'Folder/a.md': article('A', '01-16-2017'), 'b.md': article('B', '01-16-2017') });
    symlinkSync(dir, join(dir, 'Folder', 'back-to-top'), 'dir');
    symlinkSync(join(dir, 'Folder'), join(dir, 'Folder', 'itself'), 'dir');
    const logger = new RecordingLogger();
    const articles = await loadArticles(dir, logger);
    expect(articles.map((a) => a.file).sort()).toEqual(['Folder/a.md', 'b.md']);
    expect(logger.warnings.map((w) => [w.details.folder, w.message]).sort()).toEqual([
      ['Folder/back-to-top', 'folder skipped: the link leads back to a folder being read'],
      ['Folder/itself', 'folder skipped: the link leads back to a folder being read'],
    ]);
    expect(logger.infos).toEqual([]);
  });

  it('reports a broken link to a .md file as a file it cannot read', async () => {
    const dir = kbDir({ 'good.md': article('Good', '01-16-2017') });
    symlinkSync(join(dir, 'gone-away.md'), join(dir, 'broken.md'));
    symlinkSync(join(dir, 'gone-away'), join(dir, 'broken-folder'));
    const logger = new RecordingLogger();
    const articles = await loadArticles(dir, logger);
    expect(articles.map((a) => a.file)).toEqual(['good.md']);
    expect(logger.warnings).toEqual([{ details: { file: 'broken.md', reason: expect.stringMatching(/ENOENT/) }, message: 'article skipped: it cannot be read' }]);
  });
});

describe('loadArticles: parse cache', () => {
  /** Articles of every outcome: clean, with warnings, titled from the file name, not an article, sharing a name. */
  const FILES = {
    'clean.md': article('Clean', '01-16-2017', 'See [providers](../Core Concepts/providers.md).\n\n1. One\n2. Two\n3. Three'),
    'Deploying Anywhere/broken.md': '{{{\n  "title": "The \\"best\\" one",\n}}}\n\n**In this article:**\n\n### Overview\n\nText.\n',
    'one-name.md': '"date": "11-05-2019"\n}}}\n\nJust text.\n',
    'other-name.md': '"date": "11-05-2019"\n}}}\n\nJust text.\n',
    'SOURCE.md': 'These files are kept as test data.\n',
    'A/dup.md': article('Older', '01-16-2017'),
    'B/dup.md': article('Newer', '02-16-2018'),
  };

  async function loadLogged(dir: string, options: LoadOptions = {}): Promise<{ articles: ParsedArticle[]; logger: RecordingLogger }> {
    const logger = new RecordingLogger();
    return { articles: await loadArticles(dir, logger, options), logger };
  }
  const cacheEntries = (cacheDir: string): string[] => readdirSync(cacheDir).filter((name) => name.endsWith('.json')).map((name) => join(cacheDir, name));
  const editEntries = (cacheDir: string, edit: (entry: { outcome: { article?: ParsedArticle } }) => void): void => {
    for (const path of cacheEntries(cacheDir)) {
      const entry = JSON.parse(readFileSync(path, 'utf8')) as { outcome: { article?: ParsedArticle } };
      edit(entry);
      writeFileSync(path, JSON.stringify(entry));
    }
  };

  it('gives the same articles and the same log without a cache, filling it, and served from it', async () => {
    const dir = kbDir(FILES);
    const cacheDir = join(kbDir({}), 'cache', 'kb');
    const plain = await loadLogged(dir);
    const filling = await loadLogged(dir, { cacheDir });
    expect(cacheEntries(cacheDir)).toHaveLength(Object.keys(FILES).length);
    const served = await loadLogged(dir, { cacheDir });
    expect(plain.articles.map((a) => a.header.title).sort()).toEqual(['Clean', 'Newer', 'One name', 'Other name', 'The "best" one']);
    for (const run of [filling, served]) {
      expect(run.articles).toStrictEqual(plain.articles);
      expect(run.logger.warnings).toEqual(plain.logger.warnings);
      expect(run.logger.infos).toEqual(plain.logger.infos);
    }
  });

  const publicKb = resolve(process.cwd(), '../shared/kb/publickb');
  (existsSync(publicKb) ? it : it.skip)('gives the same public knowledge base with and without the cache', async () => {
    const cacheDir = join(kbDir({}), 'cache');
    const plain = await loadArticles(publicKb, quiet);
    await loadArticles(publicKb, quiet, { cacheDir });
    expect(await loadArticles(publicKb, quiet, { cacheDir })).toStrictEqual(plain);
  });

  it('serves articles from the cache without parsing them, and parses again only a file that changed', async () => {
    const dir = kbDir(FILES);
    const cacheDir = join(kbDir({}), 'cache');
    await loadArticles(dir, quiet, { cacheDir });
    editEntries(cacheDir, (entry) => {
      if (entry.outcome.article) entry.outcome.article.header.author = 'from the cache';
    });
    writeFileSync(join(dir, 'clean.md'), article('Clean, edited', '01-16-2017'));
    const articles = await loadArticles(dir, quiet, { cacheDir });
    expect(articles.map((a) => [a.slug, a.header.author]).sort()).toEqual([
      ['broken', 'from the cache'],
      ['clean', 'Test'],
      ['dup', 'from the cache'],
      ['one-name', 'from the cache'],
      ['other-name', 'from the cache'],
    ]);
    expect(articles.find((a) => a.slug === 'clean')?.header.title).toBe('Clean, edited');
  });

  it.each([
    ['cut short', (text: string) => text.slice(0, Math.floor(text.length / 2))],
    ['empty', () => ''],
    ['not JSON', () => 'not json at all'],
    ['JSON of another shape', () => '{"version": 1, "outcome": []}'],
    ['from another pipeline version', (text: string) => text.replace(/"version":"[^"]*"/, '"version":"parse-article/0"')],
    ['for another file', (text: string) => text.replace(/"file":"[^"]*"/, '"file":"elsewhere.md"')],
    ['with sections that are not sections', (text: string) => text.replace(/"sections":\[/, '"sections":[7,')],
  ])('parses again, and rewrites, cache entries that are %s', async (_label, corrupt) => {
    const dir = kbDir(FILES);
    const cacheDir = join(kbDir({}), 'cache');
    const plain = await loadLogged(dir);
    await loadArticles(dir, quiet, { cacheDir });
    const entries = cacheEntries(cacheDir);
    const valid = entries.map((path) => readFileSync(path, 'utf8'));
    entries.forEach((path, index) => writeFileSync(path, corrupt(valid[index]!)));
    const reloaded = await loadLogged(dir, { cacheDir });
    expect(reloaded.articles).toStrictEqual(plain.articles);
    expect(reloaded.logger.warnings).toEqual(plain.logger.warnings);
    expect(entries.map((path) => readFileSync(path, 'utf8'))).toEqual(valid);
  });

  it('loads everything, with one warning, when the cache folder cannot be made', async () => {
    const dir = kbDir(FILES);
    const notAFolder = join(kbDir({ 'file.txt': 'x' }), 'file.txt');
    const cacheDir = join(notAFolder, 'cache');
    const plain = await loadLogged(dir);
    const { articles, logger } = await loadLogged(dir, { cacheDir });
    expect(articles).toStrictEqual(plain.articles);
    expect(logger.warnings).toEqual([
      { details: { cacheDir, entries: Object.keys(FILES).length, reason: expect.stringMatching(/ENOTDIR|EEXIST/) }, message: expect.stringMatching(/^parse cache not written/) },
      ...plain.logger.warnings,
    ]);
  });

  it('parses an entry it cannot read (a folder in its place) and warns that it could not write it', async () => {
    const dir = kbDir({ 'clean.md': FILES['clean.md'] });
    const cacheDir = join(kbDir({}), 'cache');
    const plain = await loadArticles(dir, quiet);
    await loadArticles(dir, quiet, { cacheDir });
    const [entry] = cacheEntries(cacheDir);
    rmSync(entry!);
    mkdirSync(join(entry!, 'in-the-way'), { recursive: true });
    const { articles, logger } = await loadLogged(dir, { cacheDir });
    expect(articles).toStrictEqual(plain);
    expect(logger.warnings).toEqual([{ details: { cacheDir, entries: 1, reason: expect.any(String) }, message: expect.stringMatching(/^parse cache not written/) }]);
    expect(readdirSync(cacheDir)).toEqual([basename(entry!)]);
  });
});

describe('loadArticles: parsing in worker threads', () => {
  /**
   * Worker threads run outside jest, so they need JavaScript: the knowledge folder is transpiled
   * into a temporary folder (beside a link to node_modules) and loaded there in a child process.
   * The worker is given two test hooks: it notes each file it is sent, and it can be told to crash on one.
   */
  let compiled: string;
  beforeAll(() => {
    compiled = kbDir({ 'package.json': '{ "type": "module" }' });
    symlinkSync(resolve(process.cwd(), 'node_modules'), join(compiled, 'node_modules'), 'dir');
    const sources = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? sources(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : []));
    for (const source of sources(resolve(process.cwd(), 'knowledge'))) {
      const { outputText } = ts.transpileModule(readFileSync(source, 'utf8'), { compilerOptions: { module: ts.ModuleKind.ES2022, target: ts.ScriptTarget.ES2022 } });
      const target = join(compiled, relative(process.cwd(), source).replace(/\.ts$/, '.js'));
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, outputText);
    }
    const worker = join(compiled, 'knowledge', 'parse-worker.js');
    writeFileSync(worker, `${WORKER_HOOKS}\n${readFileSync(worker, 'utf8')}`);
  });

  const WORKER_HOOKS = [
    "import { appendFileSync } from 'node:fs';",
    "import { parentPort as hookPort } from 'node:worker_threads';",
    'hookPort?.on("message", (request) => {',
    '  appendFileSync(process.env.PARSE_WORKER_LOG, `${request.file}\\n`);',
    '  if (request.file === process.env.PARSE_WORKER_CRASH_ON) process.exit(3);',
    '});',
  ].join('\n');

  function loadInChild(dir: string, crashOn = ''): { articles: ParsedArticle[]; warnings: LogEntry[]; sentToWorkers: string[] } {
    const log = join(kbDir({}), 'workers.log');
    writeFileSync(log, '');
    const script = join(compiled, 'load.mjs');
    writeFileSync(script, [
      "import { loadArticles } from './knowledge/loader.js';",
      'const warnings = [];',
      'const logger = { warn: (details, message) => warnings.push({ details, message }), info: () => undefined };',
      'const articles = await loadArticles(process.argv[2], logger, { parseThreads: 2 });',
      'process.stdout.write(JSON.stringify({ articles, warnings }));',
    ].join('\n'));
    const child = spawnSync(process.execPath, [script, dir], {
      encoding: 'utf8',
      timeout: 20_000,
      env: { ...process.env, PARSE_WORKER_LOG: log, PARSE_WORKER_CRASH_ON: crashOn },
    });
    if (child.status !== 0) throw new Error(`the child process failed (${child.signal ?? child.status}): ${child.stderr}`);
    const sentToWorkers = readFileSync(log, 'utf8').split('\n').filter(Boolean).sort();
    return { ...(JSON.parse(child.stdout) as { articles: ParsedArticle[]; warnings: LogEntry[] }), sentToWorkers };
  }

  const FILES = {
    'one.md': article('One', '01-16-2017', 'See [providers](../Core Concepts/providers.md).'),
    'Folder/two.md': '{{{\n  "title": "Two",\n}}}\n\n### Two\n\nText.\n',
    'three.md': article('Three', '01-16-2017'),
    'SOURCE.md': 'Not an article.\n',
  };

  it('gives the same articles and warnings as parsing in this thread', async () => {
    const dir = kbDir(FILES);
    const here = new RecordingLogger();
    const expected = await loadArticles(dir, here, { parseThreads: 0 });
    const child = loadInChild(dir);
    expect(child.sentToWorkers).toEqual(Object.keys(FILES).sort());
    expect(child.articles).toStrictEqual(expected);
    expect(child.warnings).toEqual(here.warnings);
  });

  it('gives the bundled articles the same way in workers as in this thread', async () => {
    const dir = resolve(process.cwd(), 'knowledge/articles');
    const child = loadInChild(dir);
    expect(child.sentToWorkers).toHaveLength(5);
    expect(child.articles).toStrictEqual(await loadArticles(dir, quiet, { parseThreads: 0 }));
  });

  it('still loads every article when workers crash, warning once per lost worker', async () => {
    const dir = kbDir(FILES);
    const expected = await loadArticles(dir, quiet, { parseThreads: 0 });
    // three.md crashes each worker it is sent to: both are lost and this thread parses what is left
    const child = loadInChild(dir, 'three.md');
    expect(child.sentToWorkers.filter((file) => file === 'three.md')).toEqual(['three.md', 'three.md']);
    expect(child.articles).toStrictEqual(expected);
    const lost = child.warnings.filter((w) => /parse worker stopped/.test(w.message));
    expect(lost).toHaveLength(2);
    expect(lost[0]?.details.reason).toMatch(/exited with code 3/);
  });
});

describe('the parse pipeline version', () => {
  /** Something of every kind the pipeline reads: a broken header, pseudo-headings, lists, tables, links, HTML, code. */
  const SAMPLE = [
    '{{{\n  "title": "Sample \\"Quoted\\"",\n  "date": "8-17-2016",\n}}}',
    '**In this article:**',
    '* [Overview](#overview)',
    '### Overview',
    'Text with **bold**, `code`, <b>html</b> &amp; a [link](../Core Concepts/providers.md), [web](https://www.ctl.io/) and [mail](mailto:a@b.io).',
    '**Availability**',
    '* **Azure:**\n\n  Only in the United States.\n\n* Nested\n  * one\n  * two',
    '1. One\n2. Two\n\n![shot](a.png)\n\n3. Three',
    'A | B\n--- | ---\nx | **IN SCOPE**: y',
    '    Indented | Table\n    --- | ---\n    c | d',
    '```\nsudo tail -f /var/log/x.log\n```',
    '<<<<<<< HEAD\nOurs.\n=======\nTheirs.\n>>>>>>> abc',
  ].join('\n\n');

  it('is bumped whenever parse output changes: on a failure here, bump PARSE_REVISION in knowledge/parse-version.ts and copy the new fingerprint', () => {
    const output = JSON.stringify(parseArticle(SAMPLE, 'Folder/sample-article.md'));
    const fingerprint = createHash('sha256').update(output).digest('hex').slice(0, 16);
    expect({ revision: PARSE_REVISION, fingerprint }).toEqual({ revision: 4, fingerprint: '45c07c15c090ec66' });
  });
});
