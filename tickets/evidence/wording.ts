/**
 * How evidence findings and refusals word counts and sizes, one way everywhere: "1,024 lines",
 * "10 MB".
 */

/** "1 entry", "2,048 entries": a count and its noun, singular or plural. */
export function plural(count: number, noun: string, nouns = `${noun}s`): string {
  return `${count.toLocaleString('en-US')} ${count === 1 ? noun : nouns}`;
}

const KB = 1024;
const MB = 1024 * KB;

/**
 * "10 MB", "2.5 MB", "512 KB", "300 bytes": a size as a person would say it, one decimal at
 * most. `round` picks the direction: a file's size is rounded up (Math.ceil) so that a file just
 * over a limit never reads as the limit itself.
 */
export function describeSize(bytes: number, round: (value: number) => number = Math.round): string {
  if (bytes >= MB) return `${tenths(bytes / MB, round)} MB`;
  if (bytes >= KB) return `${tenths(bytes / KB, round)} KB`;
  return `${bytes} bytes`;
}

function tenths(value: number, round: (value: number) => number): number {
  return round(value * 10) / 10;
}
