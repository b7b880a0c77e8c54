import type { StatePropertyAccessor, TurnContext } from 'botbuilder';
import { ComponentDialog, DialogSet, DialogTurnStatus, WaterfallDialog, type DialogState, type WaterfallStepContext } from 'botbuilder-dialogs';
import { answerActivity, helpActivity, textActivity } from '../bot/cards.js';
import { USER_MESSAGES } from '../bot/errors.js';
import { IncidentDialog, INCIDENT_DIALOG } from './incident-dialog.js';
import { incidentStart } from './incident-draft.js';
import { prepareText } from './input.js';
import { replyWithTickets } from './my-tickets.js';
import type { MainDialogOptions } from './ports.js';
import { classify } from './routes.js';

const ROUTER = 'route';

/**
 * The top of every conversation: decides what the turn is (help, greeting, the customer's
 * tickets, an incident to file, a question) and hands it to the right place. Knowledge and
 * tickets come from the domain through the ports in `ports.ts`; this dialog never reads
 * articles or stores itself.
 */
export class MainDialog extends ComponentDialog {
  constructor(private readonly options: MainDialogOptions) {
    super('main');
    this.addDialog(new IncidentDialog(options));
    this.addDialog(new WaterfallDialog(ROUTER, [async (step) => this.route(step), async (step) => step.endDialog()]));
    this.initialDialogId = ROUTER;
  }

  async run(context: TurnContext, dialogState: StatePropertyAccessor<DialogState>): Promise<void> {
    const dialogs = new DialogSet(dialogState);
    dialogs.add(this);
    const dc = await dialogs.createContext(context);
    const result = await dc.continueDialog();
    if (result.status === DialogTurnStatus.empty) await dc.beginDialog(this.id);
  }

  /**
   * The turn when conversation state cannot be read (the database is down): questions are
   * still answered, since they need no state; anything that files or shows tickets gets the
   * plain message and the direct contacts instead.
   */
  async answerWithoutState(context: TurnContext): Promise<void> {
    const { text } = prepareText(context.activity.text);
    const kind = text ? classify(text) : 'help';
    if (kind === 'help') await context.sendActivity(helpActivity());
    else if (kind === 'question') await context.sendActivity(answerActivity(this.options.knowledge.answer(text)));
    else {
      await context.sendActivity(textActivity(USER_MESSAGES.stateUnavailable));
      await context.sendActivity(answerActivity(this.options.knowledge.contacts()));
    }
  }

  private async route(step: WaterfallStepContext) {
    const { text, cutFromBytes } = prepareText(step.context.activity.text);
    if (!text) {
      await step.context.sendActivity(textActivity(USER_MESSAGES.emptyMessage));
      return step.endDialog();
    }
    const { knowledge } = this.options;
    switch (classify(text)) {
      case 'help':
        await step.context.sendActivity(helpActivity());
        break;
      case 'greeting':
        await step.context.sendActivity(textActivity('Hello! Ask me a support question, or type **help**.', ['help']));
        break;
      case 'my_tickets':
        await replyWithTickets(step.context, this.options.tickets, text);
        break;
      case 'incident':
        // the first message is redacted here: dialog options are kept in (persisted) dialog state
        return step.beginDialog(INCIDENT_DIALOG, incidentStart(text));
      default:
        if (cutFromBytes !== null) await step.context.sendActivity(textActivity(USER_MESSAGES.tooLong(Math.ceil(cutFromBytes / 1024))));
        await step.context.sendActivity(answerActivity(knowledge.answer(text)));
    }
    return step.endDialog();
  }
}
