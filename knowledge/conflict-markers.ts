/**
 * Removes unresolved merge-conflict markers left in an article. The first side of a conflict is
 * kept and the second dropped: `<<<<<<<` … `=======` stays, `=======` … `>>>>>>>` goes. A bare
 * `=======` with no closing `>>>>>>>` after it is left alone (it may be a setext heading underline).
 */
export function stripConflictMarkers(text: string): { text: string; resolved: number } {
  const lines = text.split('\n');
  const kept: string[] = [];
  let resolved = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (/^<{7}( |$)/.test(line)) continue;
    if (/^={7}\s*$/.test(line)) {
      const end = lines.findIndex((l, j) => j > i && /^>{7}( |$)/.test(l));
      const nextStart = lines.findIndex((l, j) => j > i && /^<{7}( |$)/.test(l));
      if (end > i && (nextStart < 0 || nextStart > end)) {
        resolved++;
        i = end;
        continue;
      }
    }
    if (/^>{7}( |$)/.test(line)) {
      resolved++;
      continue;
    }
    kept.push(line);
  }
  return { text: kept.join('\n'), resolved };
}
