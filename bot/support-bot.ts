import { ActivityHandler, ActivityTypes, TurnContext, type BotState, type StatePropertyAccessor } from 'botbuilder';
import type { DialogState } from 'botbuilder-dialogs';
import type { MainDialog } from '../dialogs/main-dialog.js';
import { textActivity, welcomeActivity } from './cards.js';
import { USER_MESSAGES } from './errors.js';

/**
 * The Bot Framework edge of a turn: welcomes new members once per conversation, hands messages
 * to the main dialog, and saves conversation state at the end of every turn.
 */
export class SupportBot extends ActivityHandler {
  private readonly dialogState: StatePropertyAccessor<DialogState>;
  private readonly welcomed: StatePropertyAccessor<boolean>;

  constructor(private readonly conversationState: BotState, private readonly dialog: MainDialog) {
    super();
    this.dialogState = conversationState.createProperty<DialogState>('dialogState');
    this.welcomed = conversationState.createProperty<boolean>('welcomed');

    this.onMembersAdded(async (context, next) => {
      const joined = (context.activity.membersAdded ?? []).some((member) => member.id !== context.activity.recipient.id);
      if (joined && !(await this.welcomed.get(context, false))) {
        await this.welcomed.set(context, true);
        await context.sendActivity(welcomeActivity());
      }
      await next();
    });

    this.onMessage(async (context, next) => {
      // in channels and group chats the bot is @mentioned; the mention is not part of the question
      TurnContext.removeRecipientMention(context.activity);
      if (typeof context.activity.text !== 'string' && !context.activity.value) {
        await context.sendActivity(textActivity(USER_MESSAGES.notText, ['help']));
      } else {
        await this.dialog.run(context, this.dialogState);
      }
      await next();
    });
  }

  override async run(context: TurnContext): Promise<void> {
    await super.run(context);
    if (context.activity.type !== ActivityTypes.Typing) await this.conversationState.saveChanges(context, false);
  }
}
