import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { Article } from '../domain/article.js';
import type { Principal } from '../domain/principal.js';
import { leavePresence, readPresence, touchPresence } from '../use-cases/article-presence.js';
import { countArticles } from '../use-cases/count-articles.js';
import type { AppDeps } from '../use-cases/deps.js';
import { listRevisions, restoreRevision } from '../use-cases/revision-history.js';
import { articleIdParam, revisionParam } from '../contract/requests.js';
import { countsQuery, restoreRevisionRequest, revisionListQuery } from '../contract/desk-requests.js';
import { parseWith } from './request.js';
import { jsonResponse, type ApiResult } from './responses.js';

/** What a route gets from the API handler (the same shape as its own routes). */
export interface DeskRouteCtx {
  event: APIGatewayProxyEventV2;
  params: string[];
  actor: () => Promise<Principal>;
  body: () => unknown;
}

export interface DeskRoute {
  method: string;
  pattern: RegExp;
  run: (ctx: DeskRouteCtx) => Promise<ApiResult>;
}

/**
 * The desk's working tools (issue 12): presence leases, counts by status, the revision list and restoring a
 * revision. Listed before the handler's own routes, so `/api/articles/counts` is never read as an article id.
 */
export const buildDeskRoutes = (app: AppDeps, show: (a: Article) => ApiResult): DeskRoute[] => {
  const id = (ctx: DeskRouteCtx) => parseWith(articleIdParam, ctx.params[0], 'article id');
  const presence = /^\/api\/articles\/([^/]+)\/presence$/;
  return [
    {
      method: 'GET',
      pattern: /^\/api\/articles\/counts$/,
      run: async (ctx) => {
        const q = parseWith(countsQuery, ctx.event.queryStringParameters ?? {}, 'query');
        const counts = await countArticles(app)({
          actor: await ctx.actor(),
          ...(q.desk ? { desk: q.desk } : {}),
          mine: q.mine === 'true',
        });
        return jsonResponse(200, counts);
      },
    },
    {
      method: 'PUT',
      pattern: presence,
      run: async (ctx) => jsonResponse(200, await touchPresence(app)({ actor: await ctx.actor(), id: id(ctx) })),
    },
    {
      method: 'GET',
      pattern: presence,
      run: async (ctx) => jsonResponse(200, await readPresence(app)({ actor: await ctx.actor(), id: id(ctx) })),
    },
    {
      method: 'DELETE',
      pattern: presence,
      run: async (ctx) => {
        await leavePresence(app)({ actor: await ctx.actor(), id: id(ctx) });
        return { statusCode: 204, headers: { 'cache-control': 'no-store' }, body: '' };
      },
    },
    {
      method: 'GET',
      pattern: /^\/api\/articles\/([^/]+)\/revisions$/,
      run: async (ctx) => {
        const q = parseWith(revisionListQuery, ctx.event.queryStringParameters ?? {}, 'query');
        const page = await listRevisions(app)({
          actor: await ctx.actor(),
          id: id(ctx),
          ...(q.before ? { before: q.before } : {}),
        });
        return jsonResponse(200, {
          items: page.items.map(({ articleId: _a, ...r }) => r),
          nextBefore: page.nextBefore ?? null,
        });
      },
    },
    {
      method: 'POST',
      pattern: /^\/api\/articles\/([^/]+)\/revisions\/([^/]+)\/restore$/,
      run: async (ctx) => {
        const n = parseWith(revisionParam, ctx.params[1], 'revision number');
        const { version } = parseWith(restoreRevisionRequest, ctx.body(), 'restore request');
        return show(await restoreRevision(app)({ actor: await ctx.actor(), id: id(ctx), n, version }));
      },
    },
  ];
};
