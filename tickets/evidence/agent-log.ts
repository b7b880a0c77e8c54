/**
 * Reads elasticbox-agent.log for the parts support looks at first: when it covers, how many
 * entries of each level, and the errors with the lines around them. The exact format is not
 * documented and varies with the agent's version and platform, so entries are recognised by
 * shape: a timestamp at the start of a line, then somewhere in the first few words a level.
 * Everything is one pass over the lines, so a 10 MB log costs what reading it costs.
 */

import { plural } from './wording.js';

export type LogLevel = 'DEBUG' | 'INFO' | 'WARN' | 'ERROR' | 'FATAL';

export interface LogError {
  /** 1-based line of the entry's first line */
  line: number;
  /** ISO 8601 when it can be read as a date, otherwise as written */
  timestamp?: string;
  level: LogLevel;
  message: string;
  /** up to 3 non-blank lines before the entry */
  context: string[];
  /** the entry's continuation lines (traceback, stack frames), at most 30 */
  stack: string[];
}

export interface ErrorGroup {
  /** the first message of the group, as written */
  message: string;
  count: number;
  firstLine: number;
}

export interface AgentLogAnalysis {
  lines: number;
  entries: number;
  firstTimestamp?: string;
  lastTimestamp?: string;
  /** every normalised level, zero included; entries without a level are not counted here */
  levelCounts: Record<LogLevel, number>;
  /** the first ERROR and FATAL entries, at most 50 */
  errors: LogError[];
  /** all ERROR and FATAL entries, including those past the cap */
  errorCount: number;
  /** the last error, which may lie past the cap */
  lastError?: LogError;
  /** errors grouped by message with numbers and ids ignored, most frequent first, at most 10 */
  errorGroups: ErrorGroup[];
}

const MAX_ERRORS = 50;
const MAX_STACK_LINES = 30;
const MAX_GROUPS = 10;
const CONTEXT_LINES = 3;
/** A single line can be megabytes (a dumped payload); tickets do not need all of it. */
const MAX_LINE_CHARS = 500;
const LEVEL_ORDER: readonly LogLevel[] = ['DEBUG', 'INFO', 'WARN', 'ERROR', 'FATAL'];

const LEVEL_ALIASES: Readonly<Record<string, LogLevel>> = {
  TRACE: 'DEBUG',
  DEBUG: 'DEBUG',
  INFO: 'INFO',
  NOTICE: 'INFO',
  WARN: 'WARN',
  WARNING: 'WARN',
  ERR: 'ERROR',
  ERROR: 'ERROR',
  SEVERE: 'ERROR',
  CRIT: 'FATAL',
  CRITICAL: 'FATAL',
  FATAL: 'FATAL',
  PANIC: 'FATAL',
  EMERG: 'FATAL',
  ALERT: 'FATAL',
};

/**
 * ISO (`2024-03-05T10:22:01.123Z`), Python's asctime (`2024-03-05 10:22:01,123`), either in
 * brackets, or syslog (`Mar  5 10:22:01`), always at the very start of the line.
 */
const TIMESTAMP =
  /^\[?(?:(\d{4})[-/](\d{2})[-/](\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:[.,](\d{1,9}))?(?: ?(Z|[+-]\d{2}:?\d{2}))?|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) {1,2}\d{1,2} \d{2}:\d{2}:\d{2})\]?/;
/** After a timestamp the level may follow a logger name, pid, thread, host and separators. */
const LEVEL_SEARCH_WORDS_AFTER_TIMESTAMP = 6;
/** Without timestamps a line starts an entry only if the level comes almost at once. */
const LEVEL_SEARCH_WORDS_WITHOUT_TIMESTAMP = 3;
/** `ERROR`, `[error]`, `<ERROR>`, `ERROR:`, and Python's default `ERROR:logger:message`. */
const LEVEL_WORD = /^([[<(]?)([A-Za-z]+)(?:[\]>)]:?|:)?/;
const SEPARATORS = /^[\s\-:|]+/;

interface LineHeader {
  rawTimestamp?: string;
  level?: LogLevel;
  message: string;
}

/** Continuation lines of the open error, keeping the head and the very last line when too many. */
interface StackCollector {
  error: LogError;
  overflow: number;
  lastOverflowLine: string;
}

/**
 * Parses an (already redacted) elasticbox-agent.log. A line starting with a timestamp begins an
 * entry; other lines continue the entry before them (tracebacks, stack frames). A log with no
 * timestamps at all falls back to lines starting with a level.
 */
export function analyseAgentLog(text: string): AgentLogAnalysis {
  const lines = splitLines(text);
  const timestamped = lines.some((line) => TIMESTAMP.test(line));
  const levelCounts: Record<LogLevel, number> = { DEBUG: 0, INFO: 0, WARN: 0, ERROR: 0, FATAL: 0 };
  const errors: LogError[] = [];
  const groups = new Map<string, ErrorGroup>();
  let entries = 0;
  let firstRawTimestamp: string | undefined;
  let lastRawTimestamp: string | undefined;
  let errorCount = 0;
  let lastError: LogError | undefined;
  let lastErrorRawTimestamp: string | undefined;
  let stack: StackCollector | undefined;

  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!;
    const header = timestamped ? readTimestampedHeader(line) : readLevelHeader(line);
    if (!header) {
      if (stack && line.trim() !== '') collectStackLine(stack, line);
      continue;
    }
    if (stack) closeStack(stack);
    stack = undefined;
    entries++;
    if (header.rawTimestamp !== undefined) {
      firstRawTimestamp ??= header.rawTimestamp;
      lastRawTimestamp = header.rawTimestamp;
    }
    if (header.level === undefined) continue;
    levelCounts[header.level]++;
    if (header.level !== 'ERROR' && header.level !== 'FATAL') continue;

    errorCount++;
    const error: LogError = { line: index + 1, level: header.level, message: truncate(header.message), context: [], stack: [] };
    // reading the timestamp and the context costs more than the rest of a line's work, so only
    // the errors kept get them, and the last one once the loop is done
    if (errors.length < MAX_ERRORS) {
      addSurroundings(error, lines, header.rawTimestamp);
      errors.push(error);
    }
    lastError = error;
    lastErrorRawTimestamp = header.rawTimestamp;
    stack = { error, overflow: 0, lastOverflowLine: '' };
    countInGroup(groups, error);
  }
  if (stack) closeStack(stack);
  if (lastError && errorCount > MAX_ERRORS) addSurroundings(lastError, lines, lastErrorRawTimestamp);

  const firstTimestamp = firstRawTimestamp === undefined ? undefined : normaliseTimestamp(firstRawTimestamp);
  const lastTimestamp = lastRawTimestamp === undefined ? undefined : normaliseTimestamp(lastRawTimestamp);
  return {
    lines: lines.length,
    entries,
    ...(firstTimestamp !== undefined && { firstTimestamp }),
    ...(lastTimestamp !== undefined && { lastTimestamp }),
    levelCounts,
    errors,
    errorCount,
    ...(lastError !== undefined && { lastError }),
    errorGroups: [...groups.values()].sort((a, b) => b.count - a.count || a.firstLine - b.firstLine).slice(0, MAX_GROUPS),
  };
}

/**
 * Findings for the ticket from a log analysis: size, time range, entries per level, the first and
 * last error, and the most frequent distinct errors.
 */
export function summariseAgentLog(analysis: AgentLogAnalysis): string[] {
  if (analysis.entries === 0) {
    return [`No log entries recognised in ${plural(analysis.lines, 'line')}; the log may be in an unexpected format`];
  }
  const findings = [`Agent log: ${plural(analysis.lines, 'line')}, ${plural(analysis.entries, 'entry', 'entries')}`];
  const { firstTimestamp, lastTimestamp } = analysis;
  if (firstTimestamp !== undefined && lastTimestamp !== undefined) {
    findings.push(firstTimestamp === lastTimestamp ? `Time: ${firstTimestamp}` : `Time range: ${firstTimestamp} to ${lastTimestamp}`);
  }

  const counted = LEVEL_ORDER.filter((level) => analysis.levelCounts[level] > 0).map((level) => `${analysis.levelCounts[level]} ${level}`);
  const withLevel = LEVEL_ORDER.reduce((sum, level) => sum + analysis.levelCounts[level], 0);
  if (withLevel < analysis.entries) counted.push(`${analysis.entries - withLevel} without a level`);
  findings.push(`Levels: ${counted.join(', ')}`);

  const first = analysis.errors[0];
  if (!first) {
    findings.push('No ERROR or FATAL entries');
    return findings;
  }
  findings.push(`First error ${describeError(first)}`);
  if (analysis.lastError && analysis.lastError !== first) findings.push(`Last error ${describeError(analysis.lastError)}`);
  if (analysis.errorCount > analysis.errors.length) {
    findings.push(`${analysis.errorCount} errors in total; the first ${analysis.errors.length} are kept in detail`);
  }
  // with two errors or fewer, the first and last error already say it all
  if (analysis.errorCount > 2) {
    for (const group of analysis.errorGroups.slice(0, 5)) {
      findings.push(`Error seen ${group.count === 1 ? 'once' : `${group.count} times`}: ${group.message || '(no message)'}`);
    }
  }
  return findings;
}

// ---------------------------------------------------------------------------------------------
// Lines and headers

/** CRLF from Windows agents, LF elsewhere; a final line break does not make an extra line. */
function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split(/\r\n|\n|\r/);
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

function readTimestampedHeader(line: string): LineHeader | undefined {
  const timestamp = TIMESTAMP.exec(line);
  if (!timestamp) return undefined;
  const rawTimestamp = timestamp[0].replace(/^\[|\]$/g, '');
  const rest = line.slice(timestamp[0].length);
  const level = findLevel(rest, LEVEL_SEARCH_WORDS_AFTER_TIMESTAMP);
  if (!level) return { rawTimestamp, message: rest.replace(SEPARATORS, '') };
  return { rawTimestamp, level: level.level, message: level.message };
}

function readLevelHeader(line: string): LineHeader | undefined {
  // indented lines are stack frames and traceback lines, whatever words they hold
  if (line === '' || /^\s/.test(line)) return undefined;
  const level = findLevel(line, LEVEL_SEARCH_WORDS_WITHOUT_TIMESTAMP);
  return level && { level: level.level, message: level.message };
}

/**
 * The first word among the first few that is a level. Bare words must be upper case, so that
 * "Connection error" in a message does not read as a level; bracketed ones such as "[error]" may
 * be any case.
 */
function findLevel(text: string, maxWords: number): { level: LogLevel; message: string } | undefined {
  const words = /\S+/g;
  for (let count = 0; count < maxWords; count++) {
    const word = words.exec(text);
    if (!word) return undefined;
    const parts = LEVEL_WORD.exec(word[0]);
    const name = parts?.[2];
    if (!parts || name === undefined || (parts[1] === '' && name !== name.toUpperCase())) continue;
    const level = LEVEL_ALIASES[name.toUpperCase()];
    const wordEnd = parts[0].length;
    // the level must be the whole word, or end in a colon that leads to more ("ERROR:root:...")
    if (level === undefined || (wordEnd < word[0].length && !parts[0].endsWith(':'))) continue;
    const messageStart = word.index + wordEnd;
    return { level, message: text.slice(messageStart).replace(SEPARATORS, '') };
  }
  return undefined;
}

function normaliseTimestamp(raw: string): string {
  const iso = /^(\d{4})[-/](\d{2})[-/](\d{2})[T ](\d{2}:\d{2}:\d{2})(?:[.,](\d+))?(?: ?(Z|[+-]\d{2}:?\d{2}))?$/.exec(raw);
  if (!iso) return raw; // syslog has no year, so it cannot become a date
  const [, year, month, day, time, fraction, zone] = iso;
  const local = `${year}-${month}-${day}T${time}${fraction ? `.${fraction}` : ''}`;
  if (zone === undefined) {
    // no zone written: an ISO local time, rather than guessing that the agent logged in UTC
    return Number.isNaN(Date.parse(`${local}Z`)) ? raw : local;
  }
  const offset = zone === 'Z' ? zone : zone.replace(/^([+-]\d{2}):?(\d{2})$/, '$1:$2');
  const millis = fraction ? `.${fraction.slice(0, 3).padEnd(3, '0')}` : '';
  const date = new Date(`${year}-${month}-${day}T${time}${millis}${offset}`);
  return Number.isNaN(date.getTime()) ? raw : date.toISOString();
}

// ---------------------------------------------------------------------------------------------
// Errors

/** The error's timestamp and the non-blank lines just before it. */
function addSurroundings(error: LogError, lines: readonly string[], rawTimestamp: string | undefined): void {
  if (rawTimestamp !== undefined) error.timestamp = normaliseTimestamp(rawTimestamp);
  const index = error.line - 1;
  error.context = lines.slice(Math.max(0, index - CONTEXT_LINES), index).filter((before) => before.trim() !== '').map(truncate);
}

function collectStackLine(collector: StackCollector, line: string): void {
  if (collector.error.stack.length < MAX_STACK_LINES) {
    collector.error.stack.push(truncate(line));
    return;
  }
  collector.overflow++;
  collector.lastOverflowLine = line;
}

/**
 * Past the cap, keeps the head and the very last line: Java puts the exception at the top of a
 * stack, Python at the bottom of a traceback, and both matter more than the frames between.
 */
function closeStack(collector: StackCollector): void {
  if (collector.overflow === 0) return;
  const stack = collector.error.stack;
  const kept = stack.slice(0, MAX_STACK_LINES - 2);
  const omitted = stack.length + collector.overflow - kept.length - 1;
  collector.error.stack = [...kept, `… ${omitted} lines omitted …`, truncate(collector.lastOverflowLine)];
}

function countInGroup(groups: Map<string, ErrorGroup>, error: LogError): void {
  const key = errorTemplate(error.message);
  const group = groups.get(key);
  if (group) group.count++;
  else groups.set(key, { message: error.message, count: 1, firstLine: error.line });
}

/**
 * The message with what differs between repeats of one error blanked: UUIDs, and any word with a
 * digit in it, which covers counts, ports, exit codes, hex and ids such as i-a000f alike.
 */
function errorTemplate(message: string): string {
  return message.replace(/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, '#').replace(/\w*\d\w*/g, '#');
}

function describeError(error: LogError): string {
  const where = error.timestamp === undefined ? `line ${error.line}` : `line ${error.line}, ${error.timestamp}`;
  const level = error.level === 'FATAL' ? 'FATAL ' : '';
  const exception = pythonException(error.stack);
  return `(${where}): ${level}${error.message || '(no message)'}${exception === undefined ? '' : ` (${exception})`}`;
}

/** A Python traceback names the exception on its last line, which the entry's message often does not. */
function pythonException(stack: readonly string[]): string | undefined {
  if (!stack[0]?.startsWith('Traceback')) return undefined;
  const last = stack[stack.length - 1];
  return last !== undefined && !/^\s/.test(last) ? last : undefined;
}

function truncate(line: string): string {
  return line.length > MAX_LINE_CHARS ? `${line.slice(0, MAX_LINE_CHARS)}…` : line;
}
