import type * as z from 'zod/mini';
import { errorResponse } from '../../../functions/contract/error-codes.js';
import type {
  ActionBody,
  ArticleAction,
  CommentRequest,
  CreateArticleRequest,
  PreviewRequest,
  SaveArticleRequest,
} from '../../../functions/contract/requests.js';
import {
  articleListResponse,
  articleResponse,
  commentResponse,
  desksResponse,
  historyResponse,
  revisionResponse,
  type Article,
  type ArticleEvent,
  type ArticleSummary,
  type Desk,
} from '../../../functions/contract/responses.js';
import {
  countsResponse,
  presenceResponse,
  revisionListResponse,
  type CountsResponse,
  type PresenceResponse,
  type RevisionList,
} from '../../../functions/contract/desk-responses.js';
import type { RestoreRevisionRequest } from '../../../functions/contract/desk-requests.js';
import {
  markReadResponse,
  notificationListResponse,
  type MarkReadRequest,
  type NotificationList,
} from '../../../functions/contract/notifications.js';

/** An API error as the contract states it: `{error: {code, message, details?}}`; status 0 means no answer. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export const isStaleVersion = (error: unknown): error is ApiError =>
  error instanceof ApiError && error.status === 409 && error.code === 'stale_version';

export type { ActionBody, ArticleAction };

export interface ListQuery {
  desk?: string;
  status?: string;
  mine?: boolean;
  cursor?: string;
}

export interface Api {
  listArticles(query: ListQuery): Promise<{ items: ArticleSummary[]; nextCursor?: string }>;
  getArticle(id: string): Promise<Article>;
  createArticle(desk: string, body: string): Promise<Article>;
  saveArticle(id: string, body: string, version: number, options?: { autosave?: boolean }): Promise<Article>;
  act<A extends ArticleAction>(id: string, action: A, body: ActionBody<A>): Promise<Article>;
  comment(id: string, text: string): Promise<ArticleEvent>;
  history(id: string): Promise<ArticleEvent[]>;
  revisionBody(id: string, revision: number): Promise<string>;
  preview(id: string, signal?: AbortSignal): Promise<string>;
  /** `published`: the text is an edit of a live story (the page's banner says so). */
  previewText(desk: string, body: string, signal?: AbortSignal, published?: boolean): Promise<string>;
  desks(): Promise<Desk[]>;
  /** Presence: `touch` starts or renews this user's lease, `read` only looks, `leave` ends it. */
  presence(id: string, mode: 'touch' | 'read' | 'leave'): Promise<PresenceResponse | undefined>;
  counts(scope: { desk: string } | { mine: true }): Promise<CountsResponse>;
  revisions(id: string, before?: number): Promise<RevisionList>;
  restoreRevision(id: string, n: number, version: number): Promise<Article>;
  /** The caller's notification inbox, newest first, with the unread count. */
  notifications(query: { cursor?: string; limit?: number }): Promise<NotificationList>;
  markNotificationsRead(ids: string[]): Promise<{ unread: number }>;
}

export interface ApiOptions {
  /** A fresh bearer token, or undefined when signed out. */
  getToken: () => Promise<string | undefined>;
  /** Called on a 401: the token was refused, so the session is over. */
  onUnauthorized: () => void;
  fetch?: typeof fetch;
  /** No answer by then is a failure of its own (`timeout`), not an endless "Working…". */
  timeoutMs?: number;
}

/** Longer than any API call takes (a publish answers 202 at once; a preview renders in well under a second). */
export const REQUEST_TIMEOUT_MS = 30_000;

const describeHttp = (status: number): string => `the server answered ${status}`;

export const createApi = ({
  getToken,
  onUnauthorized,
  fetch: fetchImpl = fetch.bind(globalThis),
  timeoutMs = REQUEST_TIMEOUT_MS,
}: ApiOptions): Api => {
  const send = async (
    method: string,
    path: string,
    options: { json?: unknown; accept?: string; signal?: AbortSignal } = {},
  ): Promise<Response> => {
    const token = await getToken();
    const headers: Record<string, string> = { accept: options.accept ?? 'application/json' };
    if (token) headers.authorization = `Bearer ${token}`;
    if (options.json !== undefined) headers['content-type'] = 'application/json';
    let response: Response;
    const timeout = new AbortController();
    const timer = setTimeout(() => timeout.abort(), timeoutMs);
    try {
      response = await fetchImpl(`/api${path}`, {
        method,
        headers,
        body: options.json === undefined ? undefined : JSON.stringify(options.json),
        signal: options.signal ? AbortSignal.any([options.signal, timeout.signal]) : timeout.signal,
        cache: 'no-store',
      });
    } catch (error) {
      if (timeout.signal.aborted && !options.signal?.aborted) {
        throw new ApiError(0, 'timeout', `no answer within ${timeoutMs} ms`);
      }
      if (error instanceof DOMException && error.name === 'AbortError') throw error;
      throw new ApiError(0, 'network', error instanceof Error ? error.message : String(error));
    } finally {
      clearTimeout(timer);
    }
    if (response.ok) return response;
    if (response.status === 401) onUnauthorized();
    const parsed = errorResponse.safeParse(await response.json().catch(() => undefined));
    if (parsed.success) {
      const { code, message, details } = parsed.data.error;
      throw new ApiError(response.status, code, message, details);
    }
    throw new ApiError(response.status, 'http_error', describeHttp(response.status));
  };

  const json = async <S extends z.ZodMiniType>(schema: S, response: Response): Promise<z.infer<S>> => {
    const parsed = schema.safeParse(await response.json().catch(() => undefined));
    if (!parsed.success) {
      throw new ApiError(response.status, 'bad_response', 'the server sent an answer this app cannot read');
    }
    return parsed.data;
  };

  const articlePath = (id: string): string => `/articles/${encodeURIComponent(id)}`;

  return {
    async listArticles(query) {
      const params = new URLSearchParams();
      if (query.desk) params.set('desk', query.desk);
      if (query.status) params.set('status', query.status);
      if (query.mine) params.set('mine', 'true');
      if (query.cursor) params.set('cursor', query.cursor);
      const list = await json(articleListResponse, await send('GET', `/articles?${params.toString()}`));
      return { items: list.items, nextCursor: list.nextCursor ?? undefined };
    },
    async getArticle(id) {
      return json(articleResponse, await send('GET', articlePath(id)));
    },
    async createArticle(desk, body) {
      const request: CreateArticleRequest = { desk, body };
      return json(articleResponse, await send('POST', '/articles', { json: request }));
    },
    async saveArticle(id, body, version, options) {
      const request: SaveArticleRequest = { body, version, ...(options?.autosave ? { autosave: true } : {}) };
      return json(articleResponse, await send('PUT', articlePath(id), { json: request }));
    },
    async act(id, action, body) {
      return json(articleResponse, await send('POST', `${articlePath(id)}/${action}`, { json: body }));
    },
    async comment(id, text) {
      const request: CommentRequest = { text };
      return json(commentResponse, await send('POST', `${articlePath(id)}/comments`, { json: request }));
    },
    async history(id) {
      return json(historyResponse, await send('GET', `${articlePath(id)}/history`));
    },
    async revisionBody(id, revision) {
      return (await json(revisionResponse, await send('GET', `${articlePath(id)}/revisions/${revision}`))).body;
    },
    async preview(id, signal) {
      return (await send('GET', `${articlePath(id)}/preview`, { accept: 'text/html', signal })).text();
    },
    async previewText(desk, body, signal, published) {
      const request: PreviewRequest = { desk, body, ...(published ? { published } : {}) };
      return (await send('POST', '/preview', { json: request, accept: 'text/html', signal })).text();
    },
    async desks() {
      return json(desksResponse, await send('GET', '/desks'));
    },
    async presence(id, mode) {
      const path = `${articlePath(id)}/presence`;
      if (mode === 'leave') {
        await send('DELETE', path);
        return undefined;
      }
      return json(presenceResponse, await send(mode === 'touch' ? 'PUT' : 'GET', path));
    },
    async counts(scope) {
      const query = 'desk' in scope ? `desk=${encodeURIComponent(scope.desk)}` : 'mine=true';
      return json(countsResponse, await send('GET', `/articles/counts?${query}`));
    },
    async revisions(id, before) {
      const query = before ? `?before=${before}` : '';
      return json(revisionListResponse, await send('GET', `${articlePath(id)}/revisions${query}`));
    },
    async restoreRevision(id, n, version) {
      const request: RestoreRevisionRequest = { version };
      return json(articleResponse, await send('POST', `${articlePath(id)}/revisions/${n}/restore`, { json: request }));
    },
    async notifications(query) {
      const params = new URLSearchParams();
      if (query.cursor) params.set('cursor', query.cursor);
      if (query.limit) params.set('limit', String(query.limit));
      return json(notificationListResponse, await send('GET', `/notifications?${params.toString()}`));
    },
    async markNotificationsRead(ids) {
      const request: MarkReadRequest = { ids };
      return json(markReadResponse, await send('POST', '/notifications/read', { json: request }));
    },
  };
};
