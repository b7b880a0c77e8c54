import type { TicketStatus } from '../tickets/model.js';
import { statusText } from './cards.js';

/**
 * The one catalogue of what a user (a customer, or an agent in a queue's channel) is told when
 * something fails. Internals (stack traces, error messages) go to the log only, never to a channel.
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

/** What agents are told when a queue registration or a triage-card press is refused or not applied. */
export const AGENT_MESSAGES = {
  // presses that were not applied: the agent also gets the latest card
  stale: 'Someone else updated this ticket; here is the latest.',
  noLongerApplies: (status: TicketStatus) => `That no longer applies: the ticket is ${statusText(status)} now. Here is the latest.`,
  noVersion: 'This button is from an old card. Here is the latest; try again.',
  noAgent: 'I could not tell who you are, so nothing was changed.',
  // refusals
  notQueueConversation: 'Ticket buttons work only in the channel of the ticket\'s own queue.',
  notFound: (number: string) => `Ticket ${number} does not exist.`,
  failed: 'The ticket could not be updated just now. Please try again in a moment.',
  otherTenant: 'Only the support organisation\'s own Teams can register queues or work tickets here.',
  tenantNotConfigured: 'Queue registration and ticket buttons are switched off: the bot\'s operator has not set AGENT_TENANT_ID (the support agents\' Microsoft Entra tenant).',
  registrationNotInChannel: 'Queue registration works only in a Teams channel: add me to the agents\' channel and type "@me register queue <name>" there.',
  unknownQueue: (queue: string | undefined, known: readonly string[]) =>
    `${queue === undefined ? 'Name the queue' : `There is no queue called "${queue}"`}. Known queues: ${known.join(', ')}. Type "register queue <name>".`,
  queueOfOtherTenant: (queue: string) => `The ${queue} queue is registered to a channel of another organisation's Teams, so it was not moved here.`,
} as const;
