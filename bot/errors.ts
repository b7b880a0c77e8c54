/**
 * The one catalogue of what a user is told when something fails. Internals (stack traces,
 * error messages) go to the log only, never to a channel.
 */
export const USER_MESSAGES = {
  turnFailed: 'Sorry, something went wrong on my side while answering. Please try again in a moment.',
  emptyMessage: 'Ask me a support question, for example "is patching covered for Azure?" or "who do I call in Frankfurt for an outage?". Type **help** to see what I can do.',
  tooLong: (kilobytes: number) =>
    `That message is long (${kilobytes} KB), so I answered from its first part only. Ask one question at a time; if this is a log, attach it to a support ticket instead.`,
  stateConflict: 'That message crossed with another one in this conversation. Please send it again.',
  stateUnavailable:
    'I am having trouble with my records right now, so I cannot file or continue a ticket. I can still answer questions; for anything urgent, call the outage number for your region.',
  notText: 'I can only read text messages here. Ask me a question in words, or type **help**.',
} as const;
