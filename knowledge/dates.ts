/**
 * Article header dates come in many hand-typed shapes: "01-16-2017", "8-17-2016", "12-28-16",
 * "08-18-17", "2-7-2018", sometimes ISO. All are month-first (US) except ISO.
 * Returns YYYY-MM-DD, or null when the value is not a real date.
 */
export function normaliseDate(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const text = value.trim();
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})/.exec(text);
  const us = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{2}|\d{4})$/.exec(text);
  let year: number;
  let month: number;
  let day: number;
  if (iso) {
    [year, month, day] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  } else if (us) {
    [month, day, year] = [Number(us[1]), Number(us[2]), Number(us[3])];
    // two-digit years in this knowledge base are all 20xx
    if (us[3]!.length === 2) year += 2000;
  } else {
    return null;
  }
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return date.toISOString().slice(0, 10);
}
