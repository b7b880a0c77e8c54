/** Below this confidence the bot says it does not know instead of guessing. */
export const CONFIDENCE_BAR = 0.5;
