import * as z from 'zod/mini';
import { errorResponse } from '../../../functions/contract/error-codes.js';
import { MEDIA_STATUSES, RENDITION_RATIOS } from '../../../functions/contract/media-vocabulary.js';
import { ApiError } from './api.js';

/**
 * The photo desk's API as the app uses it (architecture.md §3): create an upload, read and edit one image, list
 * mine, and fetch a rendition through the authenticated path. Kept apart from api.ts so the articles client stays
 * as it is; it reads and refuses answers the same way (zod on what arrives, ApiError with the contract's code).
 */
const rendition = z.object({
  ratio: z.enum(RENDITION_RATIOS),
  width: z.number(),
  height: z.number(),
  format: z.string(),
  url: z.string(),
});

export const mediaSchema = z.object({
  id: z.string(),
  status: z.enum(MEDIA_STATUSES),
  error: z.optional(z.object({ code: z.string(), message: z.string() })),
  width: z.number(),
  height: z.number(),
  alt: z.string(),
  caption: z.string(),
  credit: z.string(),
  focalPoint: z.object({ x: z.number(), y: z.number() }),
  renditions: z.array(rendition),
  /** Optimistic concurrency, as for stories: an edit names the version it read. */
  version: z.number(),
});
export type Media = z.infer<typeof mediaSchema>;
export type MediaRendition = z.infer<typeof rendition>;

export const uploadTicketSchema = z.union([
  z.object({ method: z.literal('POST'), url: z.string(), fields: z.record(z.string(), z.string()) }),
  z.object({ method: z.literal('PUT'), url: z.string(), headers: z.optional(z.record(z.string(), z.string())) }),
]);
export type UploadTicket = z.infer<typeof uploadTicketSchema>;

const createdResponse = z.object({ media: mediaSchema, upload: uploadTicketSchema });
const mediaResponse = z.object({ media: mediaSchema });
const mediaListResponse = z.object({ items: z.array(mediaSchema), nextCursor: z.optional(z.nullable(z.string())) });

export interface MediaEdit {
  version: number;
  alt: string;
  caption?: string;
  credit?: string;
  focalPoint?: { x: number; y: number };
}

export interface MediaApi {
  create(file: {
    filename: string;
    contentType: string;
    size: number;
  }): Promise<{ media: Media; upload: UploadTicket }>;
  get(id: string): Promise<Media>;
  update(id: string, edit: MediaEdit): Promise<Media>;
  listMine(): Promise<Media[]>;
  /** A rendition's bytes as a data: URL (the path needs the bearer token, and the app's CSP allows data: images). */
  fetchAsDataUrl(url: string): Promise<string>;
}

export interface MediaApiOptions {
  getToken: () => Promise<string | undefined>;
  onUnauthorized: () => void;
  fetch?: typeof fetch;
}

const readAsDataUrl = (blob: Blob): Promise<string> =>
  new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () =>
      typeof reader.result === 'string' ? resolve(reader.result) : reject(new Error('unreadable'));
    reader.onerror = () => reject(reader.error ?? new Error('unreadable'));
    reader.readAsDataURL(blob);
  });

export const createMediaApi = ({
  getToken,
  onUnauthorized,
  fetch: fetchImpl = fetch.bind(globalThis),
}: MediaApiOptions): MediaApi => {
  const send = async (method: string, path: string, json?: unknown, accept = 'application/json') => {
    const token = await getToken();
    const headers: Record<string, string> = { accept };
    if (token) headers.authorization = `Bearer ${token}`;
    if (json !== undefined) headers['content-type'] = 'application/json';
    let response: Response;
    try {
      response = await fetchImpl(path, {
        method,
        headers,
        body: json === undefined ? undefined : JSON.stringify(json),
        cache: 'no-store',
      });
    } catch (error) {
      throw new ApiError(0, 'network', error instanceof Error ? error.message : String(error));
    }
    if (response.ok) return response;
    if (response.status === 401) onUnauthorized();
    const parsed = errorResponse.safeParse(await response.json().catch(() => undefined));
    if (parsed.success) {
      const { code, message, details } = parsed.data.error;
      throw new ApiError(response.status, code, message, details);
    }
    throw new ApiError(response.status, 'http_error', `the server answered ${response.status}`);
  };
  const read = async <S extends z.ZodMiniType>(schema: S, response: Response): Promise<z.infer<S>> => {
    const parsed = schema.safeParse(await response.json().catch(() => undefined));
    if (!parsed.success)
      throw new ApiError(response.status, 'bad_response', 'the server sent an answer this app cannot read');
    return parsed.data;
  };
  const mediaPath = (id: string): string => `/api/media/${encodeURIComponent(id)}`;
  return {
    async create(file) {
      return read(createdResponse, await send('POST', '/api/media', file));
    },
    async get(id) {
      return (await read(mediaResponse, await send('GET', mediaPath(id)))).media;
    },
    async update(id, edit) {
      return (await read(mediaResponse, await send('PUT', mediaPath(id), edit))).media;
    },
    async listMine() {
      return (await read(mediaListResponse, await send('GET', '/api/media?mine=1'))).items;
    },
    async fetchAsDataUrl(url) {
      return readAsDataUrl(await (await send('GET', url, undefined, 'image/*')).blob());
    },
  };
};
