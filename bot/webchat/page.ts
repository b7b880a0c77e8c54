/**
 * The web chat page: a header bar and the chat region, filled by the page's script
 * (webchat-page.js) with botframework-webchat. The HTML carries no secret and no inline script
 * or style; every file comes from this server. Web Chat injects its styles as <style>
 * elements, allowed by the per-response nonce it is handed (read from the page script's tag).
 */

export interface PageVersions {
  bundle: string;
  script: string;
  stylesheet: string;
}

const escapeAttribute = (value: string): string => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * The page for one response. `directLineDomain`: a remote Direct Line service's URL (ending in
 * /v3/directline) when the bot uses one; without it the script uses this origin's own.
 */
export function webChatPage(nonce: string, versions: PageVersions, directLineDomain?: string): string {
  const v = (version: string): string => encodeURIComponent(version);
  const domain = directLineDomain ? `\n<meta name="directline-domain" content="${escapeAttribute(directLineDomain)}">` : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light">
<meta name="referrer" content="no-referrer">${domain}
<title>Cloud Support</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/webchat/webchat-page.css?v=${v(versions.stylesheet)}">
<script src="/webchat/webchat.js?v=${v(versions.bundle)}" defer></script>
<script src="/webchat/webchat-page.js?v=${v(versions.script)}" nonce="${escapeAttribute(nonce)}" defer></script>
</head>
<body>
<header class="bar">
  <span class="bar__mark" aria-hidden="true">CS</span>
  <div class="bar__titles">
    <h1 class="bar__title">Cloud Support</h1>
    <p class="bar__subtitle">Cloud Application Manager · Partner Cloud Integration</p>
  </div>
</header>
<main class="main">
  <p id="chat-status" class="status" role="status" aria-live="polite">Connecting to Cloud Support…</p>
  <div id="chat-error" class="error" role="alert" hidden>
    <p id="chat-error-text"></p>
    <button id="chat-retry" type="button" class="error__retry">Try again</button>
  </div>
  <section id="webchat" class="chat" aria-label="Chat with Cloud Support"></section>
  <noscript><p class="error">The chat needs JavaScript. Please turn it on, or contact support by phone.</p></noscript>
</main>
</body>
</html>
`;
}

/**
 * The hash of an empty <style> element. Web Chat 4.18 hands its nonce to every stylesheet it
 * makes but one: the transcript's scroll container (react-scroll-to-bottom) gets an empty
 * <style> without it and fills it with insertRule, which CSP does not police. Allowing exactly
 * the empty element keeps the transcript scrolling; any style element with content still needs
 * the nonce, so this allows no CSS of anyone else's.
 */
const EMPTY_STYLE_HASH = "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='";

/** A Host header as a CSP source may carry it: a host name or address and an optional port, nothing that could end the directive. */
const HOST_SOURCE = /^(?:[a-z0-9-]+(?:\.[a-z0-9-]+)*|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;

export interface PolicyInput {
  /** the style nonce of this response */
  nonce: string;
  /** the Host the page was requested on, where the Direct Line stream's WebSocket goes */
  host: string | undefined;
  /** origins of a remote Direct Line service the page may talk to (HTTP and WebSocket) */
  directLineOrigins?: readonly string[];
}

/**
 * The page's Content-Security-Policy: everything from this origin only. Scripts: the two files,
 * no inline script, no eval. Styles: the stylesheet, Web Chat's nonce-tagged <style> elements
 * and empty ones (see EMPTY_STYLE_HASH). Connections: this origin, its WebSocket (for the Direct Line stream) and blob: (Web
 * Chat reads an uploaded file from its blob: URL before posting it). Images: data: and blob:
 * for the widget's icons and upload previews.
 */
export function contentSecurityPolicy({ nonce, host, directLineOrigins = [] }: PolicyInput): string {
  const sockets = host && HOST_SOURCE.test(host) ? [`ws://${host}`, `wss://${host}`] : [];
  const remote = directLineOrigins.flatMap((origin) => {
    const url = new URL(origin);
    const socket = url.protocol === 'https:' ? 'wss:' : 'ws:';
    return [url.origin, `${socket}//${url.host}`];
  });
  const directives: [string, ...string[]][] = [
    ['default-src', "'self'"],
    ['script-src', "'self'"],
    ['style-src', "'self'", `'nonce-${nonce}'`, EMPTY_STYLE_HASH],
    ['img-src', "'self'", 'data:', 'blob:'],
    ['media-src', "'self'", 'data:', 'blob:'],
    ['font-src', "'self'", 'data:'],
    ['connect-src', "'self'", ...sockets, ...remote, 'blob:'],
    ['object-src', "'none'"],
    ['base-uri', "'none'"],
    ['form-action', "'self'"],
    ['frame-ancestors', "'self'"],
  ];
  return directives.map((directive) => directive.join(' ')).join('; ');
}
