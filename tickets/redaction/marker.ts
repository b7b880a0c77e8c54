/** The text that stands in for a secret: `[REDACTED:<type>]`, where the type names the rule. */

export const MARKER_PREFIX = '[REDACTED:';

/** The text that stands in for a secret of the given type. */
export function redactionMarker(type: string): string {
  return `${MARKER_PREFIX}${type}]`;
}
