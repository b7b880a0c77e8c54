/**
 * Which hosts attachments may be fetched from. Channels hand the bot a URL per attachment; only
 * the places those channels actually store files are trusted, so a customer who pastes any
 * other link gets a clear refusal instead of the bot fetching it.
 */

/**
 * Where Teams, Web Chat and the other Bot Framework channels serve attachment files from:
 * - `smba.trafficmanager.net`: the Bot Connector for Teams, which serves pasted images and
 *   files sent in personal chats (`/{region}/v3/attachments/...`, with the bot's token).
 * - `*.botframework.com`: Direct Line, so Web Chat uploads, in every region
 *   (`directline.botframework.com`, `europe.directline.botframework.com`, ...).
 * - `*.sharepoint.com`: OneDrive for Business and SharePoint, where Teams keeps uploaded files;
 *   the `downloadUrl` of a Teams file attachment points there with a short-lived token.
 *
 * Left out on purpose: `*.blob.core.windows.net` and `*.trafficmanager.net`, because any Azure
 * customer can create a name there, so they do not tell a channel's file store from a stranger's;
 * and the government clouds (`*.sharepoint.us`), because this bot is registered in the public
 * cloud and cannot be reached from them. An operator who needs one adds it to the policy.
 */
export const DEFAULT_ATTACHMENT_HOSTS: string[] = ['smba.trafficmanager.net', '*.botframework.com', '*.sharepoint.com'];

// Hostnames compare without case and without the trailing dot of a fully qualified name.
function normalizeHost(host: string): string {
  const lower = host.toLowerCase();
  return lower.endsWith('.') ? lower.slice(0, -1) : lower;
}

/**
 * True when `host` is on `allowedHosts`. An entry is either an exact host name or `*.suffix`,
 * which matches any name below the suffix but not the suffix itself (`*.sharepoint.com`
 * matches `contoso.sharepoint.com`, not `sharepoint.com` nor `evilsharepoint.com`).
 */
export function isAllowedHost(host: string, allowedHosts: readonly string[]): boolean {
  const name = normalizeHost(host);
  return allowedHosts.some((entry) => {
    const pattern = normalizeHost(entry.trim());
    if (pattern.startsWith('*.')) {
      const suffix = pattern.slice(1);
      return name.endsWith(suffix) && name.length > suffix.length;
    }
    return name === pattern;
  });
}
