/* global window, document, navigator, location */
/*
 * The web chat page's script (served as /webchat/webchat-page.js, no inline script): asks the
 * bot for a Direct Line token, then renders botframework-webchat (window.WebChat, loaded by the
 * script tag before this one) into #webchat, talking to the bot's own Direct Line endpoint over
 * a WebSocket. The token is never written into the page or kept after the tab closes.
 */
(function () {
  'use strict';

  // the nonce Web Chat puts on the <style> elements it injects (the page's CSP allows only those)
  var script = document.currentScript;
  var nonce = (script && script.nonce) || undefined;

  var BRAND = '#0b5cad';
  var BRAND_DARK = '#084a8c';
  var TEXT = '#1b1f24';

  var styleOptions = {
    accent: BRAND,
    backgroundColor: '#f5f7fa',
    primaryFont: "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif",

    bubbleBackground: '#ffffff',
    bubbleBorderColor: '#d0d7e2',
    bubbleBorderRadius: 10,
    bubbleBorderWidth: 1,
    bubbleTextColor: TEXT,
    bubbleFromUserBackground: BRAND,
    bubbleFromUserBorderColor: BRAND,
    bubbleFromUserBorderRadius: 10,
    bubbleFromUserBorderWidth: 1,
    bubbleFromUserTextColor: '#ffffff',
    bubbleMaxWidth: 600,

    botAvatarInitials: 'CS',
    botAvatarBackgroundColor: BRAND,
    userAvatarInitials: 'You',
    userAvatarBackgroundColor: '#4a5563',

    suggestedActionBorderColor: BRAND,
    suggestedActionTextColor: BRAND,
    suggestedActionBackgroundColorOnHover: '#e8f0fa',
    suggestedActionLayout: 'flow',

    sendBoxButtonColor: BRAND,
    sendBoxButtonColorOnHover: BRAND_DARK,
    sendBoxButtonColorOnFocus: BRAND_DARK,
    sendBoxTextColor: TEXT,
    sendBoxPlaceholderColor: '#5c6670',

    // customers attach elasticbox-agent.log through the paper clip; a chosen file is sent at once
    // (with 'send' the only sign of a file waiting is a small tick on the clip)
    hideUploadButton: false,
    uploadMultiple: true,
    sendAttachmentOn: 'attach',

    rootHeight: '100%',
    rootWidth: '100%',
  };

  var chat = document.getElementById('webchat');
  var status = document.getElementById('chat-status');
  var errorBox = document.getElementById('chat-error');
  var errorText = document.getElementById('chat-error-text');
  var retry = document.getElementById('chat-retry');

  function showStatus(text) {
    status.textContent = text;
    status.hidden = !text;
  }

  function showError(text) {
    showStatus('');
    errorText.textContent = text;
    errorBox.hidden = false;
    chat.setAttribute('aria-busy', 'false');
  }

  /** { token, userId? } from the bot; throws an Error whose message the customer may read. */
  function fetchToken() {
    return window
      .fetch('/api/directline/token', {
        method: 'POST',
        headers: { accept: 'application/json' },
        credentials: 'same-origin',
        cache: 'no-store',
      })
      .then(
        function (response) {
          if (!response.ok) {
            throw new Error('The chat service answered ' + response.status + (response.statusText ? ' ' + response.statusText : '') + '.');
          }
          return response.json().then(null, function () {
            throw new Error('The chat service sent an unexpected answer.');
          });
        },
        function () {
          throw new Error('The chat service could not be reached. Check your connection.');
        },
      )
      .then(function (body) {
        if (!body || typeof body.token !== 'string' || !body.token) throw new Error('The chat service sent no conversation token.');
        return body;
      });
  }

  /** The bot's own Direct Line endpoint, unless the page names the Direct Line service the bot uses. */
  function directLineDomain() {
    var meta = document.querySelector('meta[name="directline-domain"]');
    return meta && meta.content ? meta.content : location.origin + '/v3/directline';
  }

  function start() {
    errorBox.hidden = true;
    showStatus('Connecting to Cloud Support…');
    chat.setAttribute('aria-busy', 'true');
    if (!window.WebChat || typeof window.WebChat.renderWebChat !== 'function') {
      showError('The chat could not be loaded. Reload the page to try again, or contact support by phone.');
      return;
    }
    fetchToken().then(
      function (body) {
        var directLine = window.WebChat.createDirectLine({ token: body.token, domain: directLineDomain(), webSocket: true });
        window.WebChat.renderWebChat(
          {
            directLine: directLine,
            // the user id the token was issued for, so that the customer's own messages are told apart
            userID: typeof body.userId === 'string' ? body.userId : undefined,
            styleOptions: styleOptions,
            locale: navigator.language || 'en-US',
            nonce: nonce,
          },
          chat,
        );
        showStatus('');
        chat.setAttribute('aria-busy', 'false');
      },
      function (error) {
        showError('Sorry, the chat could not start. ' + error.message + ' Please try again in a moment, or contact support by phone.');
      },
    );
  }

  retry.addEventListener('click', start);
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
