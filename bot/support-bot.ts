import { ActivityHandler, ActivityTypes, TurnContext, type AdaptiveCardInvokeResponse, type AdaptiveCardInvokeValue, type BotState, type StatePropertyAccessor } from 'botbuilder';
import type { DialogState } from 'botbuilder-dialogs';
import type { MainDialog } from '../dialogs/main-dialog.js';
import type { AgentSide } from './agent-actions.js';
import { textActivity, welcomeActivity } from './cards.js';
import { StateUnavailableError } from './document-storage.js';
import { USER_MESSAGES } from './errors.js';

/**
 * The Bot Framework edge of a turn: welcomes new members once per conversation, hands messages
 * to the main dialog, and saves conversation state at the end of every turn.
 */
const STATE_UNAVAILABLE = Symbol('stateUnavailable');

export class SupportBot extends ActivityHandler {
  /** Told when a turn goes on without conversation state (for the log). */
  onStateUnavailable: (error: StateUnavailableError) => void = () => undefined;

  private readonly dialogState: StatePropertyAccessor<DialogState>;
  private readonly welcomed: StatePropertyAccessor<boolean>;

  /** `agentSide`: queue registration and triage card presses, tried before the customer's dialog. */
  constructor(private readonly conversationState: BotState, private readonly dialog: MainDialog, private readonly agentSide?: AgentSide) {
    super();
    this.dialogState = conversationState.createProperty<DialogState>('dialogState');
    this.welcomed = conversationState.createProperty<boolean>('welcomed');

    this.onMembersAdded(async (context, next) => {
      // someone joined, or the bot itself was installed (Teams then lists only the bot): either way, once
      const joined = (context.activity.membersAdded ?? []).length > 0;
      if (joined && !(await this.welcomed.get(context, false))) {
        await this.welcomed.set(context, true);
        await context.sendActivity(welcomeActivity());
      }
      await next();
    });

    this.onMessage(async (context, next) => {
      // in channels and group chats the bot is @mentioned; the mention is not part of the question
      TurnContext.removeRecipientMention(context.activity);
      if (await this.agentSide?.handleMessage(context)) {
        await next();
        return;
      }
      if (typeof context.activity.text !== 'string' && !context.activity.value && !context.activity.attachments?.length) {
        await context.sendActivity(textActivity(USER_MESSAGES.notText, ['help']));
      } else {
        await this.runDialog(context);
      }
      await next();
    });
  }

  protected override async onAdaptiveCardInvoke(context: TurnContext, value: AdaptiveCardInvokeValue): Promise<AdaptiveCardInvokeResponse> {
    return this.agentSide ? this.agentSide.handleCardAction(context, value) : super.onAdaptiveCardInvoke(context, value);
  }

  override async run(context: TurnContext): Promise<void> {
    await super.run(context);
    if (context.activity.type !== ActivityTypes.Typing && !context.turnState.get(STATE_UNAVAILABLE)) await this.conversationState.saveChanges(context, false);
  }

  private async runDialog(context: TurnContext): Promise<void> {
    try {
      await this.dialog.run(context, this.dialogState);
    } catch (error) {
      // only a failed read of the state is survivable here: nothing was said or decided yet
      if (!(error instanceof StateUnavailableError) || context.responded) throw error;
      this.onStateUnavailable(error);
      context.turnState.set(STATE_UNAVAILABLE, true);
      await this.dialog.answerWithoutState(context);
    }
  }
}
