import type { WebhookPoster } from '../../ports/events.js';

/** POSTs a signed body to a partner; any answer but 2xx is a failure to retry. */
export const createHttpWebhookPoster = (options: { timeoutMs?: number } = {}): WebhookPoster => ({
  async post(url, body, headers) {
    const res = await fetch(url, {
      method: 'POST',
      headers,
      body,
      redirect: 'error',
      signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
    });
    await res.body?.cancel();
    if (res.status < 200 || res.status >= 300) throw new Error(`partner ${new URL(url).host} answered ${res.status}`);
  },
});
