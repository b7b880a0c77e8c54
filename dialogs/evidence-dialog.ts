import { AttachmentPrompt, ComponentDialog, TextPrompt, WaterfallDialog, type PromptValidator, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { Attachment } from 'botbuilder';
import { agentLogInstructions, analyseAgentLog, parseApiRequest, parseHttpResponse, summariseAgentLog } from '../tickets/evidence/index.js';
import type { Category, Evidence } from '../tickets/model.js';
import { mergeCounts, redact } from '../tickets/redaction/index.js';
import { evidenceSources, readSource } from './attachments.js';
import { isSkip, nonEmptyText } from './incident-prompts.js';
import type { EvidenceOptions } from './ports.js';

/**
 * Collects what support needs to see for the kind of problem: the API request and response for
 * an API call, the agent log for a box, free text otherwise. Everything is redacted before it
 * is kept, and every step can be skipped. Ends with the evidence gathered (possibly none).
 */

export const EVIDENCE_DIALOG = 'evidence';

/** How the evidence dialog is started. */
export interface EvidenceRequest {
  category: Category;
}

const ROUTE = 'evidence-route';
const API_CALL = 'evidence-api-call';
const API_REQUEST = 'evidence-api-request';
const AGENT_LOG = 'evidence-agent-log';
const NOTE = 'evidence-note';
const TEXT = 'evidence-text';
const FILE = 'evidence-file';

/** Stored evidence is capped so a huge log does not bloat the ticket; the findings cover the whole file. */
export const MAX_STORED_EVIDENCE_BYTES = 256 * 1024;
/** A message shorter than this with no attachment is not a pasted log ("here it is"). */
const MIN_PASTED_LOG_CHARS = 80;

interface RequestOutcome {
  evidence: Evidence;
  carriesEndpoint: boolean;
}

interface LogLoopOptions {
  retry?: boolean;
  collected?: Evidence[];
}

/** "POST /services/instances" as typed; anything else is kept as the customer wrote it. */
const HTTP_CALL = /^\s*(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\s+(\S+)/i;

/** A file, or text when there is no file (a pasted log, or "skip"). */
const fileOrText: PromptValidator<Attachment[]> = async (prompt) => prompt.recognized.succeeded || Boolean(prompt.context.activity.text?.trim());

export class EvidenceDialog extends ComponentDialog {
  constructor(private readonly options: EvidenceOptions) {
    super(EVIDENCE_DIALOG);
    this.addDialog(new TextPrompt(TEXT, nonEmptyText));
    this.addDialog(new AttachmentPrompt(FILE, fileOrText));
    this.addDialog(new WaterfallDialog(ROUTE, [async (step) => this.byCategory(step), async (step) => step.endDialog(step.result ?? [])]));
    this.addDialog(
      new WaterfallDialog(API_CALL, [
        async (step) => step.beginDialog(API_REQUEST),
        async (step) => this.askEndpoint(step),
        async (step) => this.takeEndpoint(step),
        async (step) => this.takeResponse(step),
      ]),
    );
    this.addDialog(new WaterfallDialog(API_REQUEST, [async (step) => this.askRequest(step), async (step) => this.readRequest(step)]));
    this.addDialog(new WaterfallDialog(AGENT_LOG, [async (step) => this.askLog(step), async (step) => this.readLog(step)]));
    this.addDialog(new WaterfallDialog(NOTE, [async (step) => this.askNote(step), async (step) => this.readNote(step)]));
    this.initialDialogId = ROUTE;
  }

  private async byCategory(step: WaterfallStepContext) {
    const { category } = step.options as EvidenceRequest;
    if (category === 'api_call') return step.beginDialog(API_CALL);
    if (category === 'box_error') return step.beginDialog(AGENT_LOG, {} satisfies LogLoopOptions);
    return step.beginDialog(NOTE);
  }

  // --- API call: the request, the endpoint when the request did not carry it, the response

  private async askRequest(step: WaterfallStepContext) {
    const retry = (step.options as { retry?: boolean } | undefined)?.retry === true;
    const prompt = retry
      ? 'Paste the corrected request, or type **skip**.'
      : 'Paste the API request you sent: the JSON body, the raw HTTP request or the curl command. Secrets are removed before anything is saved. Type **skip** if you do not have it.';
    return step.prompt(TEXT, { prompt, retryPrompt: 'Paste the request, or type **skip**.' });
  }

  private async readRequest(step: WaterfallStepContext) {
    // the prompt's result is the message as typed, line breaks included: line numbers depend on them
    const raw = String(step.result);
    if (isSkip(raw)) return step.endDialog(null);
    const parsed = parseApiRequest(raw);
    if (!parsed.ok) {
      // the parser's message names the line and column; the excerpt comes from the paste, so it is redacted too
      const { message, excerpt } = parsed.error;
      const shown = redact(`${message}\n\n\`\`\`\n${excerpt}\n\`\`\``).text;
      await step.context.sendActivity(`${shown}\n\nFix it and paste it again, or type **skip**.`);
      return step.replaceDialog(API_REQUEST, { retry: true });
    }
    const { text, counts } = redact(raw);
    const evidence: Evidence = { kind: 'request_body', content: keepTail(text).content, findings: parsed.findings.map((f) => redact(f).text), redactions: counts };
    return step.endDialog({ evidence, carriesEndpoint: Boolean(parsed.method && parsed.endpoint) } satisfies RequestOutcome);
  }

  private async askEndpoint(step: WaterfallStepContext) {
    const outcome = step.result as RequestOutcome | null;
    collectedOf(step).push(...(outcome ? [outcome.evidence] : []));
    if (outcome?.carriesEndpoint) return step.next();
    return step.prompt(TEXT, { prompt: 'Which HTTP method and endpoint did you call? For example `POST /services/instances`. Type **skip** if you are not sure.' });
  }

  private async takeEndpoint(step: WaterfallStepContext) {
    const typed = typeof step.result === 'string' ? step.result : '';
    const evidence = collectedOf(step);
    if (typed && !isSkip(typed)) {
      const { text, counts } = redact(typed.trim());
      const call = HTTP_CALL.exec(text);
      const finding = `Called: ${call ? `${call[1]!.toUpperCase()} ${call[2]!}` : text}`;
      const request = evidence[0];
      if (request) {
        request.findings.unshift(finding);
        request.redactions = mergeCounts(request.redactions, counts);
      } else {
        evidence.push({ kind: 'request_body', content: text, findings: [finding], redactions: counts });
      }
    }
    return step.prompt(TEXT, { prompt: 'What came back? Paste the HTTP status and the response body, or type **skip**.' });
  }

  private async takeResponse(step: WaterfallStepContext) {
    const evidence = collectedOf(step);
    const raw = String(step.result);
    if (!isSkip(raw)) {
      const { text, counts } = redact(raw);
      evidence.push({ kind: 'text', content: keepTail(text).content, findings: parseHttpResponse(text).findings, redactions: counts });
    }
    return step.endDialog(evidence);
  }

  // --- Agent log: attachments of any channel's shape, or pasted lines; a failed file can be sent again

  private async askLog(step: WaterfallStepContext) {
    const { retry } = step.options as LogLoopOptions;
    if (!retry) await step.context.sendActivity(agentLogInstructions());
    const prompt = retry ? 'Send the log again as a text file, paste its lines, or type **skip**.' : 'Attach elasticbox-agent.log or paste its lines here, or type **skip**.';
    return step.prompt(FILE, { prompt, retryPrompt: 'Attach the log file, paste its lines, or type **skip**.' });
  }

  private async readLog(step: WaterfallStepContext) {
    const { collected = [] } = step.options as LogLoopOptions;
    const activity = step.context.activity;
    const sources = evidenceSources(activity.attachments);
    if (sources.length === 0) {
      const text = activity.text ?? '';
      if (isSkip(text)) return step.endDialog(collected);
      if (text.trim().length < MIN_PASTED_LOG_CHARS && !text.includes('\n')) {
        await step.context.sendActivity("That doesn't look like the log itself.");
        return step.replaceDialog(AGENT_LOG, { retry: true, collected } satisfies LogLoopOptions);
      }
      return step.endDialog([...collected, logEvidence(text, undefined)]);
    }
    const failures: string[] = [];
    for (const source of sources) {
      const read = await readSource(source, this.options);
      if (read.ok) collected.push(logEvidence(read.text, read.name));
      else failures.push(`**${read.name}**: ${read.message}`);
    }
    if (failures.length === 0) return step.endDialog(collected);
    const kept = collected.length ? `\n\nI kept ${collected.length === 1 ? 'the other file' : `${collected.length} files`}.` : '';
    await step.context.sendActivity(`I couldn't use ${failures.length === 1 ? 'that file' : 'some files'}:\n\n${failures.map((line) => `- ${line}`).join('\n')}${kept}`);
    return step.replaceDialog(AGENT_LOG, { retry: true, collected } satisfies LogLoopOptions);
  }

  // --- Anything else: free text

  private async askNote(step: WaterfallStepContext) {
    return step.prompt(TEXT, { prompt: 'Anything else support should see, such as an error message or the steps that lead to the problem? Paste it, or type **skip**.' });
  }

  private async readNote(step: WaterfallStepContext) {
    const raw = String(step.result);
    if (isSkip(raw)) return step.endDialog([]);
    const { text, counts } = redact(raw.trim());
    return step.endDialog([{ kind: 'text', content: keepTail(text).content, findings: [], redactions: counts } satisfies Evidence]);
  }
}

/** The evidence gathered so far in an API-call waterfall, kept in its (persisted) step values. */
function collectedOf(step: WaterfallStepContext): Evidence[] {
  const values = step.values as { evidence?: Evidence[] };
  values.evidence ??= [];
  return values.evidence;
}

function logEvidence(raw: string, fileName: string | undefined): Evidence {
  const { text, counts } = redact(raw);
  // findings come from the whole (redacted) log; only the stored copy is cut
  const findings = summariseAgentLog(analyseAgentLog(text));
  const { content, originalBytes } = keepTail(text);
  if (originalBytes > MAX_STORED_EVIDENCE_BYTES) {
    findings.push(`Only the last ${MAX_STORED_EVIDENCE_BYTES / 1024} KB of the log is kept (it was ${Math.ceil(originalBytes / 1024)} KB)`);
  }
  return { kind: 'agent_log', content, findings, redactions: counts, ...(fileName !== undefined && { fileName }) };
}

/** The text, or its last 256 KB starting at a whole line: the end of a log is nearest the failure. */
function keepTail(text: string): { content: string; originalBytes: number } {
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length <= MAX_STORED_EVIDENCE_BYTES) return { content: text, originalBytes: bytes.length };
  const tail = bytes.subarray(bytes.length - MAX_STORED_EVIDENCE_BYTES).toString('utf8');
  const lineStart = tail.indexOf('\n');
  return { content: lineStart >= 0 ? tail.slice(lineStart + 1) : tail, originalBytes: bytes.length };
}
