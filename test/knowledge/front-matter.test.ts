import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { readFrontMatter } from '../../knowledge/front-matter.js';

const CLEAN = [
  '{{{',
  '  "title": "Partner Cloud Integration: AWS Platform-level Support",',
  '  "date": "08-21-2017",',
  '  "author": "Ben Swoboda",',
  '  "attachments": [],',
  '  "contentIsHTML": false,',
  '  "keywords": ["aws", "support", "scope"]',
  '}}}',
  '',
  '### Overview',
  '',
  'Body text.',
  '',
].join('\n');

describe('readFrontMatter', () => {
  it('reads a clean header: title, date, author, keywords, and the body after it', () => {
    const result = readFrontMatter(CLEAN);
    expect(result.header).toEqual({
      title: 'Partner Cloud Integration: AWS Platform-level Support',
      date: '2017-08-21',
      author: 'Ben Swoboda',
      keywords: ['aws', 'support', 'scope'],
    });
    expect(result.warnings).toEqual([]);
    expect(result.body).toContain('### Overview');
    expect(result.body).not.toContain('}}}');
    expect(result.body).not.toContain('"title"');
  });

  it.each([
    ['a space', '{{{ "title": "First Key", "date": "2-7-2018",\n  "author": "Ann"\n}}}\nBody line\n'],
    ['a tab', '{{{\t"title": "First Key",\n  "date": "2-7-2018",\n  "author": "Ann"\n}}}\nBody line\n'],
    ['nothing', '{{{"title": "First Key",\n  "date": "2-7-2018",\n  "author": "Ann"\n}}}\nBody line\n'],
  ])('repairs the first key written on the {{{ line after %s', (_label, raw) => {
    const result = readFrontMatter(raw);
    expect(result.header.title).toBe('First Key');
    expect(result.header.date).toBe('2018-02-07');
    expect(result.header.author).toBe('Ann');
    expect(result.body.trim()).toBe('Body line');
  });

  it('repairs a header missing its opening {{{ (the shape of using-compute-instances.md)', () => {
    const raw = [
      '"date": "11-05-2019",',
      '"author": "Sharon Wang",',
      '"attachments": [],',
      '"contentIsHTML": false',
      '}}}',
      '',
      '**In this article:**',
      '',
      '### Overview',
      '',
      'Text.',
    ].join('\n');
    const result = readFrontMatter(raw);
    expect(result.warnings).toContain('header is missing its opening {{{');
    // no title in that header: it must come from the body
    expect(result.header.title).toBeNull();
    expect(result.header.date).toBe('2019-11-05');
    expect(result.header.author).toBe('Sharon Wang');
    expect(result.body).toContain('### Overview');
    expect(result.body).not.toContain('}}}');
  });

  it('keeps the title of a header missing its opening {{{ when the title line survived', () => {
    const result = readFrontMatter('  "title": "Lost Brace",\n  "date": "01-16-2017"\n}}}\n\nText\n');
    expect(result.header.title).toBe('Lost Brace');
    expect(result.header.date).toBe('2017-01-16');
    expect(result.warnings).toEqual(['header is missing its opening {{{']);
    expect(result.body.trim()).toBe('Text');
  });

  const realCompute = resolve(process.cwd(), '../shared/kb/publickb/Deploying Anywhere/using-compute-instances.md');
  let computeText: string | null = null;
  try {
    computeText = readFileSync(realCompute, 'utf8');
  } catch {
    console.warn(`front-matter.test: ${realCompute} is missing; the real missing-{{{ article case is skipped`);
  }
  (computeText === null ? it.skip : it)('repairs the real using-compute-instances.md header', () => {
    const result = readFrontMatter(computeText!);
    expect(result.warnings).toContain('header is missing its opening {{{');
    expect(result.header.date).toBe('2019-11-05');
    expect(result.header.author).toBe('Sharon Wang');
    expect(result.body).not.toMatch(/^\s*"date"/);
  });

  it.each([
    ['a trailing comma', '{{{\n  "title": "Trailing Comma",\n  "date": "01-16-2017",\n  "author": "Ann",\n}}}\nBody text\n', 'Trailing Comma', '2017-01-16', 'Ann'],
    ['a garbage line', '{{{\n  "title": "Garbage Inside",\n  oops this is not json\n  "date": "12-28-16"\n}}}\nBody text\n', 'Garbage Inside', '2016-12-28', ''],
    ['an unquoted value', '{{{\n  "title": "Unquoted",\n  "contentIsHTML": nope\n}}}\nBody text\n', 'Unquoted', null, ''],
  ])('salvages the title of a header with %s and warns', (_label, raw, title, date, author) => {
    const result = readFrontMatter(raw);
    expect(result.header.title).toBe(title);
    expect(result.header.date).toBe(date);
    expect(result.header.author).toBe(author);
    expect(result.warnings).toHaveLength(1);
    expect(result.warnings[0]).toMatch(/^header is not valid JSON/);
    expect(result.body.trim()).toBe('Body text');
  });

  it.each([
    ['escaped quotes', '"The \\"best\\" one"', 'The "best" one'],
    ['an escaped backslash, slash and unicode escape', '"C:\\\\Logs \\/ r\\u00e9sum\\u00e9"', 'C:\\Logs / résumé'],
    ['a broken escape', '"Tab\\q here"', 'Tabq here'],
  ])('reads the JSON escapes of a title salvaged from a broken header (%s)', (_label, quoted, title) => {
    const raw = `{{{\n  "title": ${quoted},\n  "author": "Ann \\"Q\\" Lee",\n}}}\nBody text\n`;
    const result = readFrontMatter(raw);
    expect(result.warnings).toEqual([expect.stringMatching(/^header is not valid JSON/)]);
    expect(result.header.title).toBe(title);
    expect(result.header.author).toBe('Ann "Q" Lee');
  });

  it('reads the JSON escapes of a title salvaged from a header whose fields do not fit the schema', () => {
    const result = readFrontMatter('{{{\n  "title": "The \\"best\\" one",\n  "keywords": "not a list"\n}}}\nBody\n');
    expect(result.header.title).toBe('The "best" one');
  });

  it('reports an article with no header at all and leaves the text whole', () => {
    const raw = '# Just A Heading\n\nSome text.\n';
    const result = readFrontMatter(raw);
    expect(result.header).toEqual({ title: null, date: null, author: '', keywords: [] });
    expect(result.warnings).toEqual(['no {{{ }}} header']);
    expect(result.body).toBe(raw);
  });

  it('ignores a byte-order mark before the header', () => {
    const result = readFrontMatter(`\uFEFF${CLEAN}`);
    expect(result.header.title).toBe('Partner Cloud Integration: AWS Platform-level Support');
    expect(result.warnings).toEqual([]);
  });

  it('reads a header written with Windows line endings', () => {
    const result = readFrontMatter(CLEAN.replace(/\n/g, '\r\n'));
    expect(result.header.title).toBe('Partner Cloud Integration: AWS Platform-level Support');
    expect(result.header.date).toBe('2017-08-21');
    expect(result.warnings).toEqual([]);
  });

  it.each([
    ['01-16-2017', '2017-01-16'],
    ['8-17-2016', '2016-08-17'],
    ['12-28-16', '2016-12-28'],
    ['08-18-17', '2017-08-18'],
    ['2019-02-20', '2019-02-20'],
  ])('normalises the header date %s to %s', (date, iso) => {
    const result = readFrontMatter(`{{{\n  "title": "Dated",\n  "date": "${date}"\n}}}\nBody\n`);
    expect(result.header.date).toBe(iso);
    expect(result.warnings).toEqual([]);
  });

  it.each([['13-45-2017'], ['02-30-2018'], ['sometime in 2017'], ['']])('warns about the bad date %p and keeps the rest of the header', (date) => {
    const result = readFrontMatter(`{{{\n  "title": "Bad Date",\n  "date": "${date}",\n  "author": "Ann"\n}}}\nBody\n`);
    expect(result.header.date).toBeNull();
    expect(result.header.title).toBe('Bad Date');
    expect(result.header.author).toBe('Ann');
    expect(result.warnings).toEqual([`header date "${date}" is not a date`]);
  });

  it('leaves the date null, without a warning, when the header has none', () => {
    const result = readFrontMatter('{{{\n  "title": "Undated"\n}}}\nBody\n');
    expect(result.header.date).toBeNull();
    expect(result.warnings).toEqual([]);
  });

  it.each([
    ['a list of strings', '["billing", "azure"]', ['billing', 'azure']],
    ['an empty list', '[]', []],
  ])('reads keywords given as %s', (_label, keywords, expected) => {
    const result = readFrontMatter(`{{{\n  "title": "With Keywords",\n  "keywords": ${keywords}\n}}}\nBody\n`);
    expect(result.header.keywords).toEqual(expected);
    expect(result.warnings).toEqual([]);
  });

  it('warns about keywords that are not a list and still keeps the title', () => {
    const result = readFrontMatter('{{{\n  "title": "Keyword String",\n  "keywords": "one, two"\n}}}\nBody\n');
    expect(result.header.title).toBe('Keyword String');
    expect(result.header.keywords).toEqual([]);
    expect(result.warnings).toEqual([expect.stringMatching(/^header field keywords:/)]);
  });

  it.each([
    ['missing', '{{{\n  "date": "01-16-2017"\n}}}\n# Heading\n'],
    ['blank', '{{{\n  "title": "   ",\n  "date": "01-16-2017"\n}}}\n# Heading\n'],
  ])('leaves the title null when it is %s, so the body names the article', (_label, raw) => {
    const result = readFrontMatter(raw);
    expect(result.header.title).toBeNull();
    expect(result.header.date).toBe('2017-01-16');
    expect(result.warnings).toEqual([expect.stringMatching(/^header field title:/)]);
    expect(result.body.trim()).toBe('# Heading');
  });
});
