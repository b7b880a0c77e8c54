import type { Activity, AdaptiveCardInvokeResponse, AdaptiveCardInvokeValue, TurnContext } from 'botbuilder';
import { InvalidTransitionError, MissingAgentError } from '../tickets/lifecycle.js';
import type { Ticket } from '../tickets/model.js';
import type { TicketService } from '../tickets/service.js';
import { TicketNotFoundError, VersionConflictError } from '../tickets/store/types.js';
import type { Logger } from './logger.js';
import { isQueueConversation, tenantOf, type QueueChannelSources, type QueueRegistration } from './queue-registration.js';
import { actionOfVerb, parseTicketPress, triageCardActivity, triageCardContent, type TicketPress } from './triage-card.js';

/*
 * An agent pressed a button on a triage card. Universal Actions (Action.Execute) arrive as an
 * `adaptiveCard/action` invoke and are answered with the refreshed card in the invoke response;
 * older clients send the Action.Submit fallback as a message whose `value` is the button's data,
 * answered by replacing the card message (the press's replyToId).
 *
 * A press that cannot be applied (someone else changed the ticket first, or the action no longer
 * fits its status) is not an error: the agent gets the latest card with a line saying why.
 */

const CARD_TYPE = 'application/vnd.microsoft.card.adaptive';
const MESSAGE_TYPE = 'application/vnd.microsoft.activity.message';
const ERROR_TYPE = 'application/vnd.microsoft.error';

export const AGENT_NOTES = {
  stale: 'Someone else updated this ticket; here is the latest.',
  noLongerApplies: (status: string) => `That no longer applies: the ticket is ${status.replace('_', ' ')} now. Here is the latest.`,
  noVersion: 'This button is from an old card. Here is the latest; try again.',
  noAgent: 'I could not tell who you are, so nothing was changed.',
  notQueueConversation: 'Ticket buttons work only in a queue\'s channel.',
  notFound: (number: string) => `Ticket ${number} does not exist.`,
  failed: 'The ticket could not be updated just now. Please try again in a moment.',
} as const;

type Outcome = { kind: 'card'; ticket: Ticket; note?: string } | { kind: 'message'; text: string };

export interface AgentActionsOptions {
  service: Pick<TicketService, 'get' | 'act'>;
  /** presses are accepted only from conversations that receive a queue's cards */
  queues: QueueChannelSources;
  logger: Pick<Logger, 'warn' | 'error'>;
  /** when set, only presses from this Entra tenant (the support organisation's) are accepted */
  agentTenantId?: string;
}

/** Applies triage card presses (acknowledge, assign to me, resolve, refresh) to tickets. */
export class AgentActions {
  constructor(private readonly options: AgentActionsOptions) {}

  /** An Action.Execute press: the answer is the invoke response, carrying the refreshed card. */
  async handleExecute(context: TurnContext, value: AdaptiveCardInvokeValue): Promise<AdaptiveCardInvokeResponse> {
    const press = parseTicketPress({ ...(value.action?.data ?? {}), verb: value.action?.verb });
    if (press === undefined) return errorResponse(400, 'BadRequest', 'This card action is not one the support bot knows.');
    try {
      const outcome = await this.press(context.activity, press);
      if (outcome.kind === 'message') return messageResponse(outcome.text);
      return { statusCode: 200, type: CARD_TYPE, value: triageCardContent(outcome.ticket, noteOption(outcome.note)) };
    } catch (error) {
      this.options.logger.error({ err: error, ticket: press.ticket, verb: press.verb }, 'card action failed');
      return errorResponse(500, 'InternalError', AGENT_NOTES.failed);
    }
  }

  /**
   * An Action.Submit press (a message whose `value` is the button's data): applies it and
   * replaces the card. Returns false, doing nothing, for any other message.
   */
  async handleSubmit(context: TurnContext): Promise<boolean> {
    const activity = context.activity;
    const press = activity.type === 'message' ? parseTicketPress(activity.value) : undefined;
    if (press === undefined) return false;
    const outcome = await this.press(activity, press);
    if (outcome.kind === 'message') {
      await context.sendActivity(outcome.text);
    } else {
      const card = triageCardActivity(outcome.ticket, noteOption(outcome.note));
      // the press answers the card message itself; without it (e.g. a hand-made value) a new card is sent
      if (activity.replyToId) await context.updateActivity({ ...card, id: activity.replyToId });
      else await context.sendActivity(card);
    }
    return true;
  }

  private async press(activity: Activity, press: TicketPress): Promise<Outcome> {
    if (!(await this.mayAct(activity))) return { kind: 'message', text: AGENT_NOTES.notQueueConversation };
    const action = actionOfVerb(press.verb);
    if (action === undefined || press.version === undefined) {
      const ticket = await this.options.service.get(press.ticket);
      if (ticket === undefined) return { kind: 'message', text: AGENT_NOTES.notFound(press.ticket) };
      return action === undefined ? { kind: 'card', ticket } : { kind: 'card', ticket, note: AGENT_NOTES.noVersion };
    }
    // the agent's display name is what the ticket's history and assignee show
    const agent = activity.from?.name?.trim() || activity.from?.id;
    try {
      const ticket = await this.options.service.act(press.ticket, { action, version: press.version, ...(agent ? { agent } : {}) });
      return { kind: 'card', ticket };
    } catch (error) {
      if (error instanceof TicketNotFoundError) return { kind: 'message', text: AGENT_NOTES.notFound(press.ticket) };
      if (error instanceof VersionConflictError) return this.latest(press.ticket, AGENT_NOTES.stale);
      if (error instanceof InvalidTransitionError) return this.latest(press.ticket, AGENT_NOTES.noLongerApplies(error.status));
      if (error instanceof MissingAgentError) return this.latest(press.ticket, AGENT_NOTES.noAgent);
      throw error;
    }
  }

  private async latest(number: string, note: string): Promise<Outcome> {
    const ticket = await this.options.service.get(number);
    return ticket === undefined ? { kind: 'message', text: AGENT_NOTES.notFound(number) } : { kind: 'card', ticket, note };
  }

  private async mayAct(activity: Activity): Promise<boolean> {
    if (this.options.agentTenantId !== undefined && tenantOf(activity) !== this.options.agentTenantId) return false;
    return isQueueConversation(activity, this.options.queues);
  }
}

const noteOption = (note: string | undefined): { note?: string } => (note === undefined ? {} : { note });

function messageResponse(text: string): AdaptiveCardInvokeResponse {
  // the protocol's message response carries a plain string; botframework-schema types every value as a record
  return { statusCode: 200, type: MESSAGE_TYPE, value: text as unknown as Record<string, unknown> };
}

function errorResponse(statusCode: number, code: string, message: string): AdaptiveCardInvokeResponse {
  return { statusCode, type: ERROR_TYPE, value: { code, message } };
}

/** The agents' side of a turn, as SupportBot sees it: tried before the customer's dialog. */
export interface AgentSide {
  /** true when the message was for the agents' side (a queue registration, a card press) and has been answered */
  handleMessage(context: TurnContext): Promise<boolean>;
  handleCardAction(context: TurnContext, value: AdaptiveCardInvokeValue): Promise<AdaptiveCardInvokeResponse>;
}

/** Queue registration and card presses together, for SupportBot. */
export function agentSide(registration: QueueRegistration, actions: AgentActions): AgentSide {
  return {
    handleMessage: async (context) => (await registration.handleMessage(context)) || (await actions.handleSubmit(context)),
    handleCardAction: (context, value) => actions.handleExecute(context, value),
  };
}
