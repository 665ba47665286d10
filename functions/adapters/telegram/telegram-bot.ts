import * as z from 'zod/mini';
import type { TelegramBot } from '../../ports/events.js';

/** The real Bot API; tests and the local stack point TELEGRAM_API_BASE at a recording server instead. */
export const DEFAULT_TELEGRAM_API_BASE = 'https://api.telegram.org';

const replySchema = z.object({
  ok: z.boolean(),
  description: z.optional(z.string()),
  result: z.optional(z.unknown()),
});
const sentSchema = z.object({ message_id: z.number() });

export class TelegramError extends Error {
  override readonly name = 'TelegramError';
  constructor(
    readonly method: string,
    readonly status: number,
    description: string,
  ) {
    super(`Telegram ${method} failed (${status}): ${description}`);
  }
}

/**
 * Bot API calls over fetch (three methods; a client library would be a dependency for thirty lines). The token is
 * loaded lazily and once (Secrets Manager in AWS, the environment locally).
 */
export const createTelegramBot = (options: {
  apiBase?: string;
  loadToken: () => Promise<string>;
  timeoutMs?: number;
}): TelegramBot => {
  const base = (options.apiBase ?? DEFAULT_TELEGRAM_API_BASE).replace(/\/+$/, '');
  const call = async (method: string, params: Record<string, unknown>): Promise<unknown> => {
    const token = await options.loadToken();
    const res = await fetch(`${base}/bot${token}/${method}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(params),
      signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
    });
    const reply = replySchema.safeParse(await res.json().catch(() => undefined));
    if (!reply.success) throw new TelegramError(method, res.status, 'the answer was not Bot API JSON');
    if (!reply.data.ok) throw new TelegramError(method, res.status, reply.data.description ?? 'no description');
    return reply.data.result;
  };
  return {
    async sendMessage(chatId, text) {
      const sent = sentSchema.parse(await call('sendMessage', { chat_id: chatId, text }));
      return { messageId: sent.message_id };
    },
    async editMessageText(chatId, messageId, text) {
      try {
        await call('editMessageText', { chat_id: chatId, message_id: messageId, text });
      } catch (error) {
        // A retried edit whose first attempt landed: Telegram names this case only in its description.
        if (error instanceof TelegramError && error.message.includes('message is not modified')) return;
        throw error;
      }
    },
    async deleteMessage(chatId, messageId) {
      try {
        await call('deleteMessage', { chat_id: chatId, message_id: messageId });
      } catch (error) {
        // Already deleted (a retry, or by hand in the channel): the end state is the one wanted.
        if (error instanceof TelegramError && error.message.includes('message to delete not found')) return;
        throw error;
      }
    },
  };
};
