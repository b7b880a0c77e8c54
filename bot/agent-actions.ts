import type { Activity, AdaptiveCardInvokeResponse, AdaptiveCardInvokeValue, TurnContext } from 'botbuilder';
import { InvalidTransitionError, MissingAgentError } from '../tickets/lifecycle.js';
import type { Ticket } from '../tickets/model.js';
import type { TicketService } from '../tickets/service.js';
import { TicketNotFoundError, VersionConflictError } from '../tickets/store/types.js';
import { AGENT_MESSAGES } from './errors.js';
import type { Logger } from './logger.js';
import { comesFrom, findQueueConversation, isRegistrationCommand, tenantOf, type QueueChannelSources, type QueueRegistration } from './queue-registration.js';
import { actionOfVerb, parseTicketPress, triageCardActivity, triageCardContent, type TicketPress } from './triage-card.js';

/*
 * An agent pressed a button on a triage card. Universal Actions (Action.Execute) arrive as an
 * `adaptiveCard/action` invoke and are answered with the refreshed card in the invoke response;
 * older clients send the Action.Submit fallback as a message whose `value` is the button's data.
 *
 * A press that cannot be applied (someone else changed the ticket first, or the action no longer
 * fits its status) is not an error: the agent gets the latest card with a line saying why.
 */

const CARD_TYPE = 'application/vnd.microsoft.card.adaptive';
const MESSAGE_TYPE = 'application/vnd.microsoft.activity.message';
const ERROR_TYPE = 'application/vnd.microsoft.error';

/** `applied`: the ticket changed, so its outbox row refreshes the posted card too. */
type Outcome = { kind: 'card'; ticket: Ticket; applied: boolean; note?: string } | { kind: 'message'; text: string };

export interface AgentActionsOptions {
  service: Pick<TicketService, 'get' | 'act'>;
  /** a press is accepted only from the conversation its ticket's queue posts cards to */
  queues: QueueChannelSources;
  logger: Pick<Logger, 'warn' | 'error'>;
}

/** Applies triage card presses (acknowledge, assign to me, resolve, refresh) to tickets. */
export class AgentActions {
  constructor(private readonly options: AgentActionsOptions) {}

  /** An Action.Execute press: the answer is the invoke response, carrying the refreshed card (the protocol asks for it). */
  async handleExecute(context: TurnContext, value: AdaptiveCardInvokeValue): Promise<AdaptiveCardInvokeResponse> {
    const press = parseTicketPress({ ...(value.action?.data ?? {}), verb: value.action?.verb });
    if (press === undefined) return errorResponse(400, 'BadRequest', 'This card action is not one the support bot knows.');
    try {
      const outcome = await this.press(context.activity, press);
      if (outcome.kind === 'message') return messageResponse(outcome.text);
      return { statusCode: 200, type: CARD_TYPE, value: triageCardContent(outcome.ticket, noteOption(outcome.note)) };
    } catch (error) {
      this.options.logger.error({ err: error, ticket: press.ticket, verb: press.verb }, 'card action failed');
      return errorResponse(500, 'InternalError', AGENT_MESSAGES.failed);
    }
  }

  /**
   * An Action.Submit press (a message whose `value` is the button's data). Returns false, doing
   * nothing, for any other message.
   */
  async handleSubmit(context: TurnContext): Promise<boolean> {
    const activity = context.activity;
    const press = submittedPress(activity);
    if (press === undefined) return false;
    const outcome = await this.press(activity, press);
    if (outcome.kind === 'message') {
      await context.sendActivity(outcome.text);
    } else if (!outcome.applied) {
      // only an unapplied press (a note, a refresh) is answered here: an applied one wrote an outbox
      // row that updates the card, and a second update from here could land after it, out of order
      const card = triageCardActivity(outcome.ticket, noteOption(outcome.note));
      // the press answers the card message itself; without it (e.g. a hand-made value) a new card is sent
      if (activity.replyToId) await context.updateActivity({ ...card, id: activity.replyToId });
      else await context.sendActivity(card);
    }
    return true;
  }

  private async press(activity: Activity, press: TicketPress): Promise<Outcome> {
    // the ticket first: a press counts only in the channel of the ticket's own queue
    const ticket = await this.options.service.get(press.ticket);
    if (ticket === undefined) return { kind: 'message', text: AGENT_MESSAGES.notFound(press.ticket) };
    if (!(await this.isQueueChannelOf(ticket, activity))) return { kind: 'message', text: AGENT_MESSAGES.notQueueConversation };

    const action = actionOfVerb(press.verb);
    if (action === undefined) return { kind: 'card', ticket, applied: false };
    if (press.version === undefined) return { kind: 'card', ticket, applied: false, note: AGENT_MESSAGES.noVersion };
    // the agent's display name is what the ticket's history and assignee show
    const agent = activity.from?.name?.trim() || activity.from?.id;
    try {
      const updated = await this.options.service.act(press.ticket, { action, version: press.version, ...(agent ? { agent } : {}) });
      return { kind: 'card', ticket: updated, applied: true };
    } catch (error) {
      if (error instanceof TicketNotFoundError) return { kind: 'message', text: AGENT_MESSAGES.notFound(press.ticket) };
      if (error instanceof VersionConflictError) return this.latest(press.ticket, AGENT_MESSAGES.stale);
      if (error instanceof InvalidTransitionError) return this.latest(press.ticket, AGENT_MESSAGES.noLongerApplies(error.status));
      if (error instanceof MissingAgentError) return this.latest(press.ticket, AGENT_MESSAGES.noAgent);
      throw error;
    }
  }

  /** Whether the press comes from where the ticket's queue gets its cards (the same rule the delivery uses). */
  private async isQueueChannelOf(ticket: Ticket, activity: Activity): Promise<boolean> {
    const conversation = await findQueueConversation(ticket.queue, this.options.queues);
    return conversation !== undefined && comesFrom(activity, conversation);
  }

  private async latest(number: string, note: string): Promise<Outcome> {
    const ticket = await this.options.service.get(number);
    return ticket === undefined ? { kind: 'message', text: AGENT_MESSAGES.notFound(number) } : { kind: 'card', ticket, applied: false, note };
  }
}

/** The press an Action.Submit message carries, if it is one. */
function submittedPress(activity: Partial<Activity>): TicketPress | undefined {
  return activity.type === 'message' ? parseTicketPress(activity.value) : undefined;
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

export interface AgentSideOptions {
  registration: QueueRegistration;
  actions: AgentActions;
  /** AGENT_TENANT_ID: the support agents' Entra tenant */
  agentTenantId: string | undefined;
  /** local mode (no app id, nothing authenticated): without agentTenantId every tenant is let in */
  localMode: boolean;
  logger: Pick<Logger, 'warn'>;
}

/**
 * Queue registration and card presses together, for SupportBot, behind one tenant gate: a Teams
 * app can be installed in any tenant, and without the gate any of them could register a queue
 * (receiving its tickets) or work tickets. Customers' messages never reach the gate.
 */
export function agentSide(options: AgentSideOptions): AgentSide {
  const { registration, actions, agentTenantId, localMode, logger } = options;
  /** Why this activity's tenant may not act, or undefined when it may. */
  const refusal = (activity: Activity): string | undefined => {
    // only Teams vouches for the tenant: other channels' clients (web chat) can put anything in channelData
    const tenant = activity.channelId === 'msteams' ? tenantOf(activity) : undefined;
    // tenant ids are GUIDs, which people write in either case
    if (agentTenantId !== undefined ? tenant?.toLowerCase() === agentTenantId.toLowerCase() : localMode) return undefined;
    logger.warn({ tenant, channelId: activity.channelId, configured: agentTenantId !== undefined }, 'agents\' side: request from a tenant that may not act refused');
    return agentTenantId === undefined ? AGENT_MESSAGES.tenantNotConfigured : AGENT_MESSAGES.otherTenant;
  };
  return {
    handleMessage: async (context) => {
      const activity = context.activity;
      if (!isRegistrationCommand(activity) && submittedPress(activity) === undefined) return false;
      const refused = refusal(activity);
      if (refused !== undefined) {
        await context.sendActivity(refused);
        return true;
      }
      return (await registration.handleMessage(context)) || (await actions.handleSubmit(context));
    },
    handleCardAction: async (context, value) => {
      const refused = refusal(context.activity);
      return refused !== undefined ? messageResponse(refused) : actions.handleExecute(context, value);
    },
  };
}
