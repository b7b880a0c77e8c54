import { ActivityTypes, DeliveryModes, type Middleware, type TurnContext } from 'botbuilder';
import type { Logger } from './logger.js';

/**
 * "typing…" when a customer's turn is slow (an attachment download, say): first after `delayMs`,
 * then every `periodMs` until the turn ends. Unlike botbuilder's ShowTypingMiddleware, a failed
 * indicator (Teams throttling it, say) is logged and forgotten rather than handed to the turn's
 * error handler, which would tell the customer the turn failed while it is still going on.
 * Not for expectReplies callers: their replies come back in the HTTP response, and an indicator
 * would go to the serviceUrl instead.
 */
export class TypingIndicator implements Middleware {
  constructor(private readonly logger: Logger, private readonly delayMs = 1000, private readonly periodMs = 2000) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const { type, deliveryMode } = context.activity;
    if (type !== ActivityTypes.Message || deliveryMode === DeliveryModes.ExpectReplies) return next();
    let finished = false;
    let timer: NodeJS.Timeout | undefined;
    const schedule = (delay: number): void => {
      timer = setTimeout(() => {
        if (finished) return;
        context.sendActivity({ type: ActivityTypes.Typing }).then(
          () => !finished && schedule(this.periodMs),
          (error: unknown) => this.logger.debug({ err: error }, 'typing indicator not sent'),
        );
      }, delay);
    };
    schedule(this.delayMs);
    try {
      await next();
    } finally {
      finished = true;
      clearTimeout(timer);
    }
  }
}
