/** Parsing the evidence customers send for a ticket: attachments, API requests and responses, agent logs. */
export { decodeEvidenceBytes, type EvidenceDecodeFailureReason, type EvidenceDecodeResult } from './text-input.js';
export {
  parseApiRequest,
  parseHttpResponse,
  type ApiRequestFormat,
  type ApiRequestParse,
  type HttpResponseParse,
  type JsonSyntaxError,
} from './request-body.js';
export { analyseAgentLog, summariseAgentLog, type AgentLogAnalysis, type ErrorGroup, type LogError, type LogLevel } from './agent-log.js';
export { AGENT_LOG_FILE_NAME, AGENT_LOG_LOCATIONS, agentLogInstructions, type AgentLogLocation } from './log-locations.js';
