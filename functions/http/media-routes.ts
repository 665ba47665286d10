import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { Principal } from '../domain/principal.js';
import type { Rendition } from '../domain/media.js';
import { renditionFileOf } from '../domain/media-renditions.js';
import type { StoredMedia } from '../ports/media-store.js';
import { createMediaUpload } from '../use-cases/create-media-upload.js';
import type { AppDeps } from '../use-cases/deps.js';
import { getMedia, listMyMedia, readMediaRendition } from '../use-cases/read-media.js';
import { updateMedia } from '../use-cases/update-media.js';
import {
  createMediaRequest,
  mediaIdParam,
  mediaListQuery,
  renditionFileParam,
  updateMediaRequest,
} from '../contract/media-requests.js';
import { parseWith } from './request.js';
import { jsonResponse, type ApiResult } from './responses.js';

/** What a route gets from the router (api-handler.ts), structurally: the router imports this file, not the reverse. */
interface Ctx {
  event: APIGatewayProxyEventV2;
  params: string[];
  actor: () => Promise<Principal>;
  body: () => unknown;
}
interface Route {
  method: string;
  pattern: RegExp;
  run: (ctx: Ctx) => Promise<ApiResult>;
}

/** The authenticated preview path of a rendition (public pages use `/${key}` once the story is published). */
export const previewUrlOf = (mediaId: string, r: Pick<Rendition, 'key'>): string =>
  `/api/media/${mediaId}/renditions/${renditionFileOf(r.key)}`;

/** An image as the API shows it (architecture §3): no owner internals, rendition URLs on the private path. */
export const presentMedia = (m: StoredMedia) => {
  const { sharedWithDesks: _shared, processedFocalPoint: _processed, renditions, ...rest } = m;
  return { ...rest, renditions: renditions.map((r) => ({ ...r, url: previewUrlOf(m.id, r) })) };
};

/** The photo desk's routes, joined to the API router (api-handler.ts) with one line. */
export const buildMediaRoutes = (app: AppDeps): Route[] => {
  const id = (ctx: Ctx) => parseWith(mediaIdParam, ctx.params[0], 'media id');
  return [
    {
      method: 'POST',
      pattern: /^\/api\/media$/,
      run: async (ctx) => {
        const input = parseWith(createMediaRequest, ctx.body(), 'upload');
        const { media, upload } = await createMediaUpload(app)({ actor: await ctx.actor(), ...input });
        return jsonResponse(201, { media: presentMedia(media), upload });
      },
    },
    {
      method: 'GET',
      pattern: /^\/api\/media$/,
      run: async (ctx) => {
        const q = parseWith(mediaListQuery, ctx.event.queryStringParameters ?? {}, 'query');
        const page = await listMyMedia(app)({
          actor: await ctx.actor(),
          limit: q.limit ?? 30,
          ...(q.cursor ? { cursor: q.cursor } : {}),
        });
        return jsonResponse(200, { items: page.items.map(presentMedia), nextCursor: page.nextCursor ?? null });
      },
    },
    {
      method: 'GET',
      pattern: /^\/api\/media\/([^/]+)$/,
      run: async (ctx) =>
        jsonResponse(200, { media: presentMedia(await getMedia(app)({ actor: await ctx.actor(), id: id(ctx) })) }),
    },
    {
      method: 'PUT',
      pattern: /^\/api\/media\/([^/]+)$/,
      run: async (ctx) => {
        const input = parseWith(updateMediaRequest, ctx.body(), 'image');
        const media = await updateMedia(app)({ actor: await ctx.actor(), id: id(ctx), ...input });
        return jsonResponse(200, { media: presentMedia(media) });
      },
    },
    {
      method: 'GET',
      pattern: /^\/api\/media\/([^/]+)\/renditions\/([^/]+)$/,
      run: async (ctx): Promise<ApiResult> => {
        const file = parseWith(renditionFileParam, ctx.params[1], 'rendition');
        const stored = await readMediaRendition(app)({ actor: await ctx.actor(), id: id(ctx), file });
        return {
          statusCode: 200,
          headers: {
            'content-type': stored.contentType ?? 'application/octet-stream',
            // The reporter's own browser may keep it (the key is content-hashed); no shared cache ever may.
            'cache-control': 'private, max-age=3600',
            'x-content-type-options': 'nosniff',
          },
          body: Buffer.from(stored.body).toString('base64'),
          isBase64Encoded: true,
        };
      },
    },
  ];
};
