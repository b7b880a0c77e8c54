/** Below this confidence the bot says it does not know instead of guessing. */
export const CONFIDENCE_BAR = 0.5;

/** How much surer a fact-based answer counts than a passage: a fact beats a passage of about the same confidence. */
export const STRUCTURED_PREFERENCE = 0.15;
