import type { StatePropertyAccessor, TurnContext } from 'botbuilder';
import { ComponentDialog, DialogSet, type DialogState } from 'botbuilder-dialogs';
import { answerActivity, helpActivity, textActivity } from '../bot/cards.js';
import { USER_MESSAGES } from '../bot/errors.js';
import { IncidentDialog, INCIDENT_DIALOG } from './incident-dialog.js';
import { incidentStart } from './incident-draft.js';
import { prepareText } from './input.js';
import { replyWithTickets } from './my-tickets.js';
import type { MainDialogOptions } from './ports.js';
import { classify } from './routes.js';

/**
 * The top of every conversation: decides what the turn is (help, greeting, the customer's
 * tickets, an incident to file, a question) and hands it to the right place. Knowledge and
 * tickets come from the domain through the ports in `ports.ts`; this dialog never reads
 * articles or stores itself.
 *
 * Only an incident is a conversation of several turns; everything else is answered in the turn
 * it is asked. So the dialog machinery (a dialog context, its stack in conversation state) is
 * started only to file an incident or to go on with one, and a question asked outside an
 * incident is answered straight away and leaves conversation state as it was.
 */
export class MainDialog extends ComponentDialog {
  constructor(private readonly options: MainDialogOptions) {
    super('main');
    this.addDialog(new IncidentDialog(options));
    this.initialDialogId = INCIDENT_DIALOG;
  }

  async run(context: TurnContext, dialogState: StatePropertyAccessor<DialogState>): Promise<void> {
    // read without a default: a default would be written into the state, and the turn would have to save it
    const stack = (await dialogState.get(context))?.dialogStack ?? [];
    if (stack.length === 0) {
      await this.route(context, dialogState);
      return;
    }
    const dc = await this.dialogContext(context, dialogState);
    await dc.continueDialog();
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

  /** A turn outside any incident: answered now, or the start of an incident. */
  private async route(context: TurnContext, dialogState: StatePropertyAccessor<DialogState>): Promise<void> {
    const { text, cutFromBytes } = prepareText(context.activity.text);
    if (!text) {
      await context.sendActivity(textActivity(USER_MESSAGES.emptyMessage));
      return;
    }
    switch (classify(text)) {
      case 'help':
        await context.sendActivity(helpActivity());
        break;
      case 'greeting':
        await context.sendActivity(textActivity('Hello! Ask me a support question, or type **help**.', ['help']));
        break;
      case 'my_tickets':
        await replyWithTickets(context, this.options.tickets, text);
        break;
      case 'incident': {
        // the first message is redacted here: dialog options are kept in (persisted) dialog state
        const dc = await this.dialogContext(context, dialogState);
        await dc.beginDialog(this.id, incidentStart(text));
        break;
      }
      default:
        if (cutFromBytes !== null) await context.sendActivity(textActivity(USER_MESSAGES.tooLong(Math.ceil(cutFromBytes / 1024))));
        await context.sendActivity(answerActivity(this.options.knowledge.answer(text)));
    }
  }

  private async dialogContext(context: TurnContext, dialogState: StatePropertyAccessor<DialogState>) {
    const dialogs = new DialogSet(dialogState);
    dialogs.add(this);
    return dialogs.createContext(context);
  }
}
