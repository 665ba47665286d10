import { createServer, type IncomingMessage } from 'node:http';

/**
 * A recording stand-in for the Telegram Bot API, for the local stack and tests: it answers `sendMessage`,
 * `editMessageText` and `deleteMessage` as the Bot API does (`{ok, result}` or `{ok: false, error_code,
 * description}`), keeps each chat's live messages, and records every call. `GET /calls` lists the calls as JSON,
 * newest last; `failNext(n)` makes the next n calls answer 502 (a fault to retry).
 */
export interface RecordedCall {
  method: string;
  token: string;
  params: Record<string, unknown>;
  at: string;
  /** The id of the message the call created (sendMessage). */
  messageId?: number;
}

export interface TelegramRecorder {
  /** `http://127.0.0.1:<port>`: the value for TELEGRAM_API_BASE. */
  url: string;
  calls: RecordedCall[];
  failNext(n: number): void;
  close(): Promise<void>;
}

const readBody = async (req: IncomingMessage): Promise<string> => {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks).toString('utf8');
};

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export const startTelegramRecorder = async (options: { port?: number } = {}): Promise<TelegramRecorder> => {
  const calls: RecordedCall[] = [];
  const chats = new Map<string, Map<number, string>>();
  let nextMessageId = 1;
  let failures = 0;

  const answer = (method: string, params: Record<string, unknown>): { status: number; body: unknown } => {
    const fail = (status: number, description: string) => ({
      status,
      body: { ok: false, error_code: status, description },
    });
    const chatId =
      typeof params.chat_id === 'string' || typeof params.chat_id === 'number' ? String(params.chat_id) : '';
    if (!chatId) return fail(400, 'Bad Request: chat_id is empty');
    const messages = chats.get(chatId) ?? new Map<number, string>();
    chats.set(chatId, messages);
    const messageId = typeof params.message_id === 'number' ? params.message_id : undefined;
    const text = typeof params.text === 'string' ? params.text : undefined;
    switch (method) {
      case 'sendMessage': {
        if (!text) return fail(400, 'Bad Request: message text is empty');
        const id = nextMessageId++;
        messages.set(id, text);
        return { status: 200, body: { ok: true, result: { message_id: id, chat: { id: chatId }, date: 0, text } } };
      }
      case 'editMessageText': {
        if (!text) return fail(400, 'Bad Request: message text is empty');
        if (messageId === undefined || !messages.has(messageId))
          return fail(400, 'Bad Request: message to edit not found');
        if (messages.get(messageId) === text) {
          return fail(400, 'Bad Request: message is not modified: specified new message content is the same');
        }
        messages.set(messageId, text);
        return { status: 200, body: { ok: true, result: { message_id: messageId, chat: { id: chatId }, text } } };
      }
      case 'deleteMessage': {
        if (messageId === undefined || !messages.delete(messageId)) {
          return fail(400, 'Bad Request: message to delete not found');
        }
        return { status: 200, body: { ok: true, result: true } };
      }
      default:
        return fail(404, 'Not Found: method not found');
    }
  };

  const reply = (status: number, description: string) => ({
    status,
    body: { ok: false, error_code: status, description },
  });
  const handle = async (req: IncomingMessage): Promise<{ status: number; body: unknown }> => {
    if (req.method === 'GET' && req.url === '/calls') return { status: 200, body: calls };
    const m = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(req.url ?? '');
    if (!m || req.method !== 'POST') return reply(404, 'Not Found');
    const [, token = '', method = ''] = m;
    let params: unknown;
    try {
      params = JSON.parse((await readBody(req)) || '{}');
    } catch {
      return reply(400, 'Bad Request: invalid JSON');
    }
    if (!isRecord(params)) return reply(400, 'Bad Request');
    if (failures > 0) {
      failures -= 1;
      return reply(502, 'Bad Gateway (injected)');
    }
    const answered = answer(method, params);
    const created = method === 'sendMessage' && answered.status === 200 ? nextMessageId - 1 : undefined;
    calls.push({ method, token, params, at: new Date().toISOString(), ...(created ? { messageId: created } : {}) });
    return answered;
  };

  const server = createServer((req, res) => {
    const send = ({ status, body }: { status: number; body: unknown }): void => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    handle(req).then(send, () => {
      send(reply(500, 'Internal Server Error'));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    failNext: (n) => {
      failures = n;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
};
