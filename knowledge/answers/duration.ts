/**
 * "How long does it take?", "what's the response time in minutes?": questions that ask for a
 * length of time. An answer that states no time at all (the support address, where the logs are)
 * answers something else, however many words it shares with the question.
 */
const ASKS_FOR_DURATION = /\bhow (?:long|soon|quickly|fast)\b|\b(?:response|resolution|turnaround|waiting|wait|processing|lead) times?\b|\bin (?:minutes|hours|days)\b|\bsla\b/;

const COUNT = String.raw`(?:\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|twelve|fifteen|twenty|thirty|forty|sixty|few|several|couple of)`;
const UNIT = String.raw`(?:seconds?|minutes?|hours?|days?|business days?|weeks?|months?|years?)`;
const GIVES_DURATION = new RegExp(String.raw`\b${COUNT}[\s-]+${UNIT}\b|\b(?:immediately|instantly|shortly|right away|within|24/7|hourly|daily|weekly|monthly|yearly|annually)\b`, 'i');

/** `text` is the normalised question (lower case). */
export function asksForDuration(text: string): boolean {
  return ASKS_FOR_DURATION.test(text);
}

export function givesDuration(answerText: string): boolean {
  return GIVES_DURATION.test(answerText);
}
