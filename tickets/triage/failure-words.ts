/**
 * Words that say something failed, shared by the problem detector, the category guess and the
 * severity guess so the three cannot drift apart ("returns status 500" once counted as an API
 * call but not as a failure). Sources of regex alternatives, for text already through
 * knowledge/text.ts `normalise`: lower case, straight quotes, "can't" spelled "cannot" and
 * "doesn't" spelled "does not", so no contracted forms are listed.
 */

/** "returns 500", "returned an HTTP status 403": a failed call by its status code. */
export const RETURNS_ERROR_STATUS = String.raw`return(?:s|ed)? (?:an? )?(?:http )?(?:status )?[45]\d\d`;

/** Something failed, with limited impact said: severity 3 when nothing says more. */
export const FAILURE_WORDS = [
  String.raw`errors?`,
  String.raw`fail(?:s|ed|ing|ure|ures)?`,
  String.raw`broken`,
  String.raw`not working`,
  String.raw`does not work`,
  String.raw`stopped working`,
  RETURNS_ERROR_STATUS,
  String.raw`exceptions?`,
  String.raw`crash(?:es|ed|ing)?`,
  String.raw`cannot`,
  String.raw`can not`,
  String.raw`unable to`,
  String.raw`tim(?:es|ed|ing) out`,
  String.raw`timeout`,
  String.raw`stuck`,
] as const;

/** Whole words of a list as one case-insensitive pattern. */
export function wordsPattern(words: readonly string[]): RegExp {
  return new RegExp(String.raw`\b(?:${words.join('|')})\b`, 'i');
}
