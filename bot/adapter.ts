import { CloudAdapter, ConfigurationBotFrameworkAuthentication, type TurnContext } from 'botbuilder';
import type { Config } from './config.js';
import { USER_MESSAGES } from './errors.js';
import type { Logger } from './logger.js';

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
  const adapter = new CloudAdapter(auth);
  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    logger.error(
      { err: error, activityId: context.activity.id, channelId: context.activity.channelId, conversationId: context.activity.conversation?.id },
      'turn failed',
    );
    try {
      await context.sendActivity(USER_MESSAGES.turnFailed);
    } catch (sendError) {
      logger.error({ err: sendError }, 'could not tell the user the turn failed');
    }
  };
  return adapter;
}
