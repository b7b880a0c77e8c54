import type { EvidenceOptions } from '../dialogs/ports.js';
import { DEFAULT_ATTACHMENT_HOSTS } from '../tickets/evidence/download.js';
import { isLocalMode, type Config } from './config.js';

/** How evidence attachments are fetched and how large they may be, from the configuration. */
export function evidenceOptions(config: Config): EvidenceOptions {
  return {
    download: {
      maxBytes: config.MAX_ATTACHMENT_BYTES,
      timeoutMs: config.ATTACHMENT_TIMEOUT_MS,
      allowedHosts: [...DEFAULT_ATTACHMENT_HOSTS, ...config.ATTACHMENT_HOSTS],
      // the Emulator and the local web chat serve attachments from localhost; only without credentials (local mode)
      allowLoopback: isLocalMode(config),
    },
    maxEvidenceBytes: config.MAX_ATTACHMENT_BYTES,
  };
}
