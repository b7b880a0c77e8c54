import { CloudAdapter, ConfigurationBotFrameworkAuthentication, type TurnContext } from 'botbuilder';
import { ETagConflictError } from '../tickets/store/types.js';
import type { Config } from './config.js';
import { StateUnavailableError } from './document-storage.js';
import { USER_MESSAGES } from './errors.js';
import type { Logger } from './logger.js';
import { ReusedClientsAuthentication } from './reused-clients.js';

/**
 * CloudAdapter with Bot Framework authentication from the configuration. With no app id it
 * runs in local mode: no token is required, as the Bot Framework Emulator expects.
 */
export function createAdapter(config: Config, logger: Logger): CloudAdapter {
  const auth = new ConfigurationBotFrameworkAuthentication({
    MicrosoftAppId: config.MicrosoftAppId,
    MicrosoftAppPassword: config.MicrosoftAppPassword,
    MicrosoftAppType: config.MicrosoftAppType,
    MicrosoftAppTenantId: config.MicrosoftAppTenantId,
  });
  // one connector client per channel service URL, not one per turn (reused-clients.ts)
  const adapter = new CloudAdapter(new ReusedClientsAuthentication(auth));
  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    logger.error(
      { err: error, activityId: context.activity.id, channelId: context.activity.channelId, conversationId: context.activity.conversation?.id },
      'turn failed',
    );
    try {
      await context.sendActivity(userMessageFor(error));
    } catch (sendError) {
      logger.error({ err: sendError }, 'could not tell the user the turn failed');
    }
  };
  return adapter;
}

/** What the customer is told: a plain sentence chosen by the kind of failure, never its message. */
function userMessageFor(error: Error): string {
  if (error instanceof ETagConflictError) return USER_MESSAGES.stateConflict;
  if (error instanceof StateUnavailableError) return USER_MESSAGES.stateUnavailable;
  return USER_MESSAGES.turnFailed;
}
