import type { StatePropertyAccessor, TurnContext } from 'botbuilder';
import { ComponentDialog, DialogSet, DialogTurnStatus, WaterfallDialog, type DialogState, type WaterfallStepContext } from 'botbuilder-dialogs';
import { answerActivity, helpActivity, textActivity } from '../bot/cards.js';
import { USER_MESSAGES } from '../bot/errors.js';
import { prepareText } from './input.js';
import { classify, type QuestionAnswerer } from './routes.js';

const ROUTER = 'route';

/**
 * The top of every conversation: decides what the turn is (help, greeting, a ticket request,
 * a question) and hands it to the right place. Knowledge comes from the domain, through
 * `QuestionAnswerer`; this dialog never reads articles or stores itself.
 */
export class MainDialog extends ComponentDialog {
  constructor(private readonly knowledge: QuestionAnswerer) {
    super('main');
    this.addDialog(new WaterfallDialog(ROUTER, [async (step) => this.route(step)]));
    this.initialDialogId = ROUTER;
  }

  async run(context: TurnContext, dialogState: StatePropertyAccessor<DialogState>): Promise<void> {
    const dialogs = new DialogSet(dialogState);
    dialogs.add(this);
    const dc = await dialogs.createContext(context);
    const result = await dc.continueDialog();
    if (result.status === DialogTurnStatus.empty) await dc.beginDialog(this.id);
  }

  private async route(step: WaterfallStepContext) {
    const { text, cutFromBytes } = prepareText(step.context.activity.text);
    if (!text) {
      await step.context.sendActivity(textActivity(USER_MESSAGES.emptyMessage));
      return step.endDialog();
    }
    switch (classify(text)) {
      case 'help':
        await step.context.sendActivity(helpActivity());
        break;
      case 'greeting':
        await step.context.sendActivity(textActivity('Hello! Ask me a support question, or type **help**.', ['help']));
        break;
      case 'ticket':
        // filing tickets from the chat is not available yet: hand over the direct contacts
        await step.context.sendActivity(textActivity('I cannot file tickets from this chat yet. Support can be reached directly:'));
        await step.context.sendActivity(answerActivity(this.knowledge.contacts()));
        break;
      default:
        if (cutFromBytes !== null) await step.context.sendActivity(textActivity(USER_MESSAGES.tooLong(Math.ceil(cutFromBytes / 1024))));
        await step.context.sendActivity(answerActivity(this.knowledge.answer(text)));
    }
    return step.endDialog();
  }
}
