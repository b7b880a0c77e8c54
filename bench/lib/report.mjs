// Small formatting and statistics helpers shared by the benchmark scripts.

/** The median of a list of numbers (the mean of the two middle ones for an even count). */
export function median(values) {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export const ms = (value) => `${Math.round(value)} ms`;
export const mb = (bytes) => `${Math.round(bytes / (1024 * 1024))} MB`;

/** "PASS" or "MISS" with the figure and the target, e.g. `PASS  1x load+index 212 ms < 300 ms`. */
export function verdict(label, value, limit, format) {
  return `${value < limit ? 'PASS' : 'MISS'}  ${label}: ${format(value)} (target < ${format(limit)})`;
}

/** Prints rows (arrays of strings) as a left-aligned table under a header row. */
export function printTable(header, rows) {
  const widths = header.map((title, col) => Math.max(title.length, ...rows.map((row) => String(row[col]).length)));
  const line = (cells) => cells.map((cell, col) => String(cell).padEnd(widths[col])).join('  ').trimEnd();
  console.log(line(header));
  console.log(line(widths.map((width) => '-'.repeat(width))));
  for (const row of rows) console.log(line(row));
}
