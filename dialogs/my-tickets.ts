import type { TurnContext } from 'botbuilder';
import { clip, statusText, textActivity } from '../bot/cards.js';
import { formatTicketNumber, type HistoryEntry, type Ticket } from '../tickets/model.js';
import { queueLabel } from './incident-summary.js';
import type { TicketDesk } from './ports.js';

/**
 * "my tickets" and "status of INC-000123": the customer's own tickets only. Another customer's
 * number gets the same answer as a number that does not exist, so numbers cannot be probed.
 */

const LIST_LIMIT = 10;

const ACTION_NAMES: Readonly<Record<HistoryEntry['action'], string>> = {
  open: 'opened',
  acknowledge: 'acknowledged by support',
  assign: 'assigned to an engineer',
  start: 'work started',
  resolve: 'resolved',
  close: 'closed',
  reopen: 'reopened',
};
const MAX_SUMMARY_CHARS = 80;

/** The ticket number in "status of INC-000123" or "my ticket 123", formatted; null when none is named. */
export function ticketNumberIn(text: string): string | null {
  const found = /\bINC-?\s?(\d{1,12})\b/i.exec(text) ?? /\b(?:ticket|incident|case)\s*(?:number\s*)?#?\s*(\d{1,12})\b/i.exec(text) ?? /^#?(\d{1,12})\??$/.exec(text.trim());
  return found?.[1] ? formatTicketNumber(Number(found[1])) : null;
}

/** Replies with one ticket's status (when the text names one) or the list of the customer's tickets. */
export async function replyWithTickets(context: TurnContext, desk: TicketDesk, text: string): Promise<void> {
  const customer = { channel: context.activity.channelId, userId: context.activity.from.id };
  const number = ticketNumberIn(text);
  if (number) {
    const ticket = await desk.getForCustomer(number, customer);
    await context.sendActivity(textActivity(ticket ? ticketStatus(ticket) : `I can't find a ticket ${number} of yours. Type **my tickets** to see the ones you filed.`, ['my tickets']));
    return;
  }
  const tickets = await desk.listForCustomer(customer, LIST_LIMIT);
  if (tickets.length === 0) {
    await context.sendActivity(textActivity('You have no tickets with me yet. Describe a problem, or type **open a ticket**, to file one.', ['Open a ticket']));
    return;
  }
  const lines = tickets.map((ticket) => `- **${ticket.number}** · severity ${ticket.severity} · ${statusText(ticket.status)} · ${clip(ticket.summary, MAX_SUMMARY_CHARS)} · updated ${day(ticket.updatedAt)}`);
  const heading = tickets.length === LIST_LIMIT ? `Your ${LIST_LIMIT} most recent tickets:` : 'Your tickets:';
  await context.sendActivity(textActivity(`${heading}\n\n${lines.join('\n')}`, tickets.slice(0, 3).map((ticket) => `status of ${ticket.number}`)));
}

function ticketStatus(ticket: Ticket): string {
  const last = ticket.history[ticket.history.length - 1];
  const lastLine = last ? `\n\nLast update ${day(last.at)}: ${ACTION_NAMES[last.action]}${last.note ? ` (${last.note})` : ''}.` : '';
  return `**${ticket.number}** (severity ${ticket.severity}, ${queueLabel(ticket.queue)} queue) is **${statusText(ticket.status)}**.\n\n${ticket.summary}${lastLine}`;
}

/** "2024-05-01 14:03 UTC": dates in chat without the customer's time zone, so say which one. */
function day(iso: string): string {
  return `${iso.slice(0, 16).replace('T', ' ')} UTC`;
}
