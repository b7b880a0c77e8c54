import { randomUUID } from 'node:crypto';
import type { TurnContext } from 'botbuilder';
import {
  ChoicePrompt,
  ComponentDialog,
  ConfirmPrompt,
  DialogTurnStatus,
  ListStyle,
  TextPrompt,
  WaterfallDialog,
  type DialogContext,
  type DialogTurnResult,
  type FoundChoice,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import type { OutagePhone } from '../knowledge/incident-facts.js';
import { REGIONS, type Customer, type Region } from '../tickets/model.js';
import { EVIDENCE_DIALOG, EvidenceDialog, type EvidenceRequest } from './evidence-dialog.js';
import { startDraft, summaryOf, takeTyped, toTicketDraft, type IncidentDraftState, type IncidentStart } from './incident-draft.js';
import {
  CATEGORY_OPTIONS,
  choicesOf,
  choiceValidator,
  CLOUD_OPTIONS,
  confirmValidator,
  isCancel,
  nonEmptyText,
  pick,
  QUESTIONS,
  readCategory,
  readCloud,
  readSeverity,
  REGION_OPTIONS,
  SEVERITY_OPTIONS,
  type ChoiceOption,
} from './incident-prompts.js';
import { CANCELLED, correctedNumber, criticalNotice, draftSummaryActivity, FILE_ANYWAY, filedMessage, filingFailedMessage, NOT_FILED_OUT_OF_SCOPE, NOTHING_FILED, outOfScopeMessage } from './incident-summary.js';
import type { IncidentDialogOptions } from './ports.js';

/** The incident dialog's id; begin it with an `IncidentStart` (see `incidentStart()`). */
export const INCIDENT_DIALOG = 'incident';

const FLOW = 'incident-flow';
const CLOUD = 'incident-cloud';
const REGION = 'incident-region';
const SEVERITY = 'incident-severity';
const CATEGORY = 'incident-category';
const CONFIRM = 'incident-confirm';
const TEXT = 'incident-text';
const DRAFT = 'draft';
const FILING_RETRY = 'incident-filing-retry';

/** A draft that could not be filed yet, kept in the retry dialog's state. */
interface FilingRetry {
  draft: IncidentDraftState;
}

/**
 * Files an incident: fills a draft from the first message, asks only for what it could not
 * infer, has the customer confirm the region, checks the scope, collects evidence, shows the
 * draft and files it once. A critical outage gets the phone number before any question.
 * "cancel" at any step ends it with nothing filed.
 */
export class IncidentDialog extends ComponentDialog {
  constructor(private readonly options: IncidentDialogOptions) {
    super(INCIDENT_DIALOG);
    const readRegion = (text: string): Region | null => options.knowledge.placesIn(text).regions[0] ?? null;
    this.addDialog(choicePrompt(CLOUD, CLOUD_OPTIONS, readCloud));
    this.addDialog(choicePrompt(REGION, REGION_OPTIONS, readRegion));
    this.addDialog(choicePrompt(SEVERITY, SEVERITY_OPTIONS, readSeverity));
    this.addDialog(choicePrompt(CATEGORY, CATEGORY_OPTIONS, readCategory));
    const confirm = new ConfirmPrompt(CONFIRM, confirmValidator, 'en-us');
    confirm.style = ListStyle.suggestedAction;
    // the bot speaks English: buttons say Yes/No whatever the client's locale (fr-CA would get Oui/Non)
    confirm.confirmChoices = ['Yes', 'No'];
    this.addDialog(confirm);
    this.addDialog(new TextPrompt(TEXT, nonEmptyText));
    this.addDialog(new EvidenceDialog(options));
    this.addDialog(
      new WaterfallDialog(FILING_RETRY, [
        async (step) => step.prompt(CONFIRM, { prompt: 'Shall I try to file it again?', retryPrompt: QUESTIONS.retryYesNo }),
        async (step) => this.retryFiling(step),
      ]),
    );
    this.addDialog(
      new WaterfallDialog(FLOW, [
        async (step) => this.start(step),
        async (step) => this.takeCloud(step),
        async (step) => this.takeRegionAnswer(step),
        async (step) => this.takeRegionChoice(step),
        async (step) => this.takeSeverity(step),
        async (step) => this.takeCategory(step),
        async (step) => this.takeSummary(step),
        async (step) => this.takeDescription(step),
        async (step) => this.takeFileAnyway(step),
        async (step) => this.takeEvidence(step),
        async (step) => this.file(step),
      ]),
    );
    this.initialDialogId = FLOW;
  }

  /** "cancel" is heard at every step, whatever prompt is waiting. */
  protected override async onContinueDialog(inner: DialogContext): Promise<DialogTurnResult> {
    if (inner.context.activity.type === 'message' && isCancel(inner.context.activity.text)) {
      await inner.context.sendActivity(CANCELLED);
      await inner.cancelAllDialogs();
      return { status: DialogTurnStatus.complete, result: { filed: false } };
    }
    return super.onContinueDialog(inner);
  }

  private async start(step: WaterfallStepContext) {
    const { activity } = step.context;
    const draft = startDraft(step.options as IncidentStart, this.options.knowledge, { locale: activity.locale, timezone: activity.localTimezone });
    (step.values as Record<string, unknown>)[DRAFT] = draft;
    if (draft.severity === 1) await this.giveOutageNumber(step.context, draft);
    else await step.context.sendActivity("Let's file a ticket. I'll ask only for what I still need; type **cancel** at any time to stop.");
    return draft.cloud ? step.next() : step.prompt(CLOUD, choiceOptions(QUESTIONS.cloud, CLOUD_OPTIONS));
  }

  private async takeCloud(step: WaterfallStepContext) {
    const draft = draftOf(step);
    if (isFound(step.result)) draft.cloud = pick(CLOUD_OPTIONS, step.result);
    const guess = draft.regionGuess;
    if (!guess) return step.prompt(REGION, choiceOptions(QUESTIONS.regionChoice, REGION_OPTIONS));
    const question = guess.from === 'text' ? QUESTIONS.regionFromText(guess.region) : QUESTIONS.regionFromClient(guess.region);
    return step.prompt(CONFIRM, { prompt: question, retryPrompt: QUESTIONS.retryYesNo });
  }

  private async takeRegionAnswer(step: WaterfallStepContext) {
    const draft = draftOf(step);
    if (step.result === true && draft.regionGuess) draft.region = draft.regionGuess.region;
    else if (isFound(step.result)) draft.region = pick(REGION_OPTIONS, step.result);
    if (draft.region) return step.next();
    return step.prompt(REGION, choiceOptions(QUESTIONS.regionChoice, REGION_OPTIONS));
  }

  private async takeRegionChoice(step: WaterfallStepContext) {
    const draft = draftOf(step);
    if (isFound(step.result)) draft.region = pick(REGION_OPTIONS, step.result);
    const region = draft.region;
    // the customer was given another region's number (or none): give the right one now
    if (draft.severity === 1 && region && draft.outageNumberGiven !== region) {
      const phone = this.phoneOf(region, draft);
      if (phone) await step.context.sendActivity(correctedNumber(phone));
      draft.outageNumberGiven = region;
    }
    if (draft.severity) return step.next();
    return step.prompt(SEVERITY, { ...choiceOptions(QUESTIONS.severity(), SEVERITY_OPTIONS), retryPrompt: QUESTIONS.severity() });
  }

  private async takeSeverity(step: WaterfallStepContext) {
    const draft = draftOf(step);
    if (isFound(step.result)) draft.severity = pick(SEVERITY_OPTIONS, step.result);
    // critical only now that the customer said so: the number still comes before the next question
    if (draft.severity === 1 && draft.region && draft.outageNumberGiven === undefined) {
      const phone = this.phoneOf(draft.region, draft);
      if (phone) await step.context.sendActivity(criticalNotice([phone], draft.region));
      draft.outageNumberGiven = draft.region;
    }
    if (draft.category) return step.next();
    return step.prompt(CATEGORY, choiceOptions(QUESTIONS.category, CATEGORY_OPTIONS));
  }

  private async takeCategory(step: WaterfallStepContext) {
    const draft = draftOf(step);
    if (isFound(step.result)) draft.category = pick(CATEGORY_OPTIONS, step.result);
    if (draft.summary !== undefined) return step.next();
    return step.prompt(TEXT, { prompt: QUESTIONS.summary, retryPrompt: QUESTIONS.retryText });
  }

  private async takeSummary(step: WaterfallStepContext) {
    const draft = draftOf(step);
    if (typeof step.result === 'string') draft.summary = summaryOf(takeTyped(draft, step.result));
    if (draft.description !== undefined) return step.next();
    return step.prompt(TEXT, { prompt: QUESTIONS.description, retryPrompt: QUESTIONS.retryText });
  }

  private async takeDescription(step: WaterfallStepContext) {
    const draft = draftOf(step);
    if (typeof step.result === 'string') draft.description = takeTyped(draft, step.result);
    const scope = this.options.knowledge.scopeOf(`${draft.summary ?? ''}\n${draft.description ?? ''}`, knowledgeCloud(draft));
    draft.scope = { verdict: scope.verdict, ...(scope.item !== undefined && { item: scope.item }) };
    if (scope.verdict !== 'out') return step.next();
    await step.context.sendActivity(outOfScopeMessage(scope));
    return step.prompt(CONFIRM, { prompt: FILE_ANYWAY, retryPrompt: QUESTIONS.retryYesNo });
  }

  private async takeFileAnyway(step: WaterfallStepContext) {
    const draft = draftOf(step);
    if (step.result === false) {
      await step.context.sendActivity(NOT_FILED_OUT_OF_SCOPE);
      return step.endDialog({ filed: false });
    }
    if (step.result === true && draft.scope) draft.scope.filedAnyway = true;
    return step.beginDialog(EVIDENCE_DIALOG, { category: draft.category ?? 'other' } satisfies EvidenceRequest);
  }

  private async takeEvidence(step: WaterfallStepContext) {
    const draft = draftOf(step);
    if (Array.isArray(step.result)) draft.evidence.push(...step.result);
    await step.context.sendActivity(draftSummaryActivity(draft));
    return step.prompt(CONFIRM, { prompt: 'File it?', retryPrompt: QUESTIONS.retryYesNo });
  }

  private async file(step: WaterfallStepContext) {
    if (step.result !== true) {
      await step.context.sendActivity(NOTHING_FILED);
      return step.endDialog({ filed: false });
    }
    const draft = draftOf(step);
    const filed = await this.attemptFiling(step.context, draft);
    if (filed) return step.endDialog(filed);
    // the draft lives on in the retry dialog's state: nothing the customer gave is lost
    return step.replaceDialog(FILING_RETRY, { draft } satisfies FilingRetry);
  }

  private async retryFiling(step: WaterfallStepContext) {
    const { draft } = step.options as FilingRetry;
    if (step.result !== true) {
      await step.context.sendActivity(NOTHING_FILED);
      return step.endDialog({ filed: false });
    }
    const filed = await this.attemptFiling(step.context, draft);
    return filed ? step.endDialog(filed) : step.replaceDialog(FILING_RETRY, { draft } satisfies FilingRetry);
  }

  /** Files the draft; when the ticket system cannot be reached, says so and returns null. */
  private async attemptFiling(context: TurnContext, draftState: IncidentDraftState): Promise<{ filed: true; number: string } | null> {
    const { activity } = context;
    const transcript = await this.options.transcript.recent(context);
    const draft = toTicketDraft(draftState, customerOf(context), transcript);
    // the activity that confirmed names the filing: a redelivery of it files nothing new
    // (an activity without an id cannot be recognised when redelivered: it gets a key of its own)
    const activityKey = `${activity.channelId}|${activity.conversation.id}|${activity.id ?? randomUUID()}`;
    try {
      const { ticket, created } = await this.options.tickets.open(draft, { activityKey });
      await context.sendActivity(filedMessage(ticket, created));
      return { filed: true, number: ticket.number };
    } catch (error) {
      this.options.onFilingError?.(error);
      const phone = draftState.region ? this.phoneOf(draftState.region, draftState) : null;
      await context.sendActivity(filingFailedMessage(phone));
      return null;
    }
  }

  private async giveOutageNumber(context: TurnContext, draft: IncidentDraftState): Promise<void> {
    // a region read from the customer's words is likely enough to lead with; settings are not
    const region = draft.regionGuess?.from === 'text' ? draft.regionGuess.region : undefined;
    const phones = region ? [this.phoneOf(region, draft)] : REGIONS.map((each) => this.phoneOf(each, draft));
    await context.sendActivity(criticalNotice(phones.filter((phone): phone is OutagePhone => phone !== null), region));
    draft.outageNumberGiven = region ?? 'all';
  }

  private phoneOf(region: Region, draft: IncidentDraftState): OutagePhone | null {
    return this.options.knowledge.outagePhone(region, knowledgeCloud(draft));
  }
}

function choicePrompt<T>(id: string, options: readonly ChoiceOption<T>[], fallback: (text: string) => T | null): ChoicePrompt {
  const prompt = new ChoicePrompt(id, choiceValidator(options, fallback), 'en-us');
  prompt.style = ListStyle.suggestedAction;
  return prompt;
}

function choiceOptions<T>(question: string, options: readonly ChoiceOption<T>[]) {
  return { prompt: question, retryPrompt: `${QUESTIONS.retryChoice}\n\n${question}`, choices: choicesOf(options) };
}

function draftOf(step: WaterfallStepContext): IncidentDraftState {
  return (step.values as Record<string, unknown>)[DRAFT] as IncidentDraftState;
}

function isFound(value: unknown): value is FoundChoice {
  return typeof value === 'object' && value !== null && typeof (value as FoundChoice).index === 'number' && typeof (value as FoundChoice).value === 'string';
}

/** The knowledge base knows Azure and AWS; any other cloud asks it about none in particular. */
function knowledgeCloud(draft: IncidentDraftState): 'azure' | 'aws' | null {
  return draft.cloud === 'azure' || draft.cloud === 'aws' ? draft.cloud : null;
}

/** Who filed it, and where to reach them later. */
function customerOf(context: TurnContext): Customer {
  const { activity } = context;
  const channelData = activity.channelData as { tenant?: { id?: unknown } } | undefined;
  const tenantFromChannel = typeof channelData?.tenant?.id === 'string' ? channelData.tenant.id : undefined;
  const tenantId = tenantFromChannel ?? activity.conversation.tenantId;
  return {
    channel: activity.channelId,
    userId: activity.from.id,
    ...(activity.from.name ? { name: activity.from.name } : {}),
    conversation: {
      channelId: activity.channelId,
      serviceUrl: activity.serviceUrl,
      conversationId: activity.conversation.id,
      ...(tenantId ? { tenantId } : {}),
      botId: activity.recipient.id,
      userId: activity.from.id,
    },
  };
}
