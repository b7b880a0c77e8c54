/**
 * Questions that ask for a time: how long ("how long does it take?", "the response time in
 * minutes?") or when support is there ("is the line staffed 24/7?", "what are your business
 * hours?"). An answer that states no time at all (the support address, where the logs are, the
 * phone number) answers something else, however many words it shares with the question.
 */
const COUNT = String.raw`(?:\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|twelve|fifteen|twenty|thirty|forty|sixty|few|several|couple of)`;
const UNIT = String.raw`(?:seconds?|minutes?|hours?|days?|business days?|weeks?|months?|years?)`;

/**
 * "it's been spinning for about a minute, is it broken?", "nothing shows yet, is that normal?": a
 * wait described as a worry asks how long it should take, as "how long" does.
 */
export const DELAY_DESCRIBED =
  /\b(?:spinning|stuck|loading|hanging|frozen|still (?:waiting|pending|processing|loading|running|working|going|thinking))\b|\bnothing (?:has |is )?(?:show(?:s|ed|ing)?|happen(?:s|ed|ing)?|appear(?:s|ed|ing)?|came up|changed)\b|\btaking (?:so |too |this |very )?(?:long|forever|ages|a while)\b/;

const TIMES_ASKED: readonly { asked: RegExp; gives: RegExp }[] = [
  {
    asked: new RegExp(String.raw`\bhow (?:long|soon|quickly|fast)\b|\b(?:response|resolution|turnaround|waiting|wait|processing|lead) times?\b|\bin (?:minutes|hours|days)\b|\bsla\b|${DELAY_DESCRIBED.source}`),
    gives: new RegExp(String.raw`\b${COUNT}[\s-]+${UNIT}\b|\b(?:immediately|instantly|shortly|right away|24/7|hourly|daily|weekly|monthly|yearly|annually)\b|\bwithin (?:the |an? )?(?:hour|day|week|month)\b`, 'i'),
  },
  {
    asked: /\b24\s*[/x]\s*7\b|\b(?:business|office|opening|support|working) hours\b|\bstaffed\b|\bwhat (?:hours|times?) (?:is|are|can|do)\b|\b(?:open|available|staffed|answered|manned)\b[^.?!]*\b(?:at night|nights|weekends?|holidays?)\b/,
    gives: /\b24\s*[/x]\s*7\b|\baround the clock\b|\b(?:business|office|opening|working) hours\b|\b\d{1,2}(?::\d\d)?\s*(?:am|pm)\b|\bweekdays?\b|\bweekends?\b|\bmonday\b/i,
  },
];

/** What an answer must state for the question's time (`text` lower-cased); null when it asks for none. */
export function timeAskedFor(text: string): RegExp | null {
  return TIMES_ASKED.find((time) => time.asked.test(text))?.gives ?? null;
}

/** How long something takes, as an answer states it: "a two-minute wait", "within 24 hours". */
export const DURATION_GIVEN = TIMES_ASKED[0]!.gives;
