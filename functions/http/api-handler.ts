import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { Article } from '../domain/article.js';
import { DomainError, isDomainError } from '../domain/errors.js';
import type { Principal } from '../domain/principal.js';
import { addComment } from '../use-cases/add-comment.js';
import { correctArticle } from '../use-cases/correct-article.js';
import { createArticle } from '../use-cases/create-article.js';
import type { AppDeps } from '../use-cases/deps.js';
import { listArticles } from '../use-cases/list-articles.js';
import { previewArticle, previewDraftText } from '../use-cases/preview-article.js';
import { isPublishPending, publishArticle } from '../use-cases/publish-article.js';
import { getArticle, getHistory, getRevision } from '../use-cases/read-article.js';
import { restoreArticle } from '../use-cases/restore-article.js';
import { saveArticle } from '../use-cases/save-article.js';
import { transitionArticle } from '../use-cases/transition-article.js';
import { unpublishArticle } from '../use-cases/unpublish-article.js';
import type { TokenVerifier } from './auth.js';
import { buildMediaRoutes } from './media-routes.js';
import { buildDeskRoutes } from './desk-routes.js';
import { STATUS_OF } from './error-status.js';
import { HttpError } from './http-errors.js';
import { decodePathSegment, headerOf, parseWith, readJsonBody } from './request.js';
import { errorResponse, jsonResponse, previewResponse, type ApiResult } from './responses.js';
import {
  actionRequest,
  articleActionParam,
  articleIdParam,
  commentRequest,
  createArticleRequest,
  devTokenRequest,
  listQuery,
  previewRequest,
  revisionParam,
  saveArticleRequest,
} from '../contract/requests.js';
import { markReadRequest, notificationSettingsRequest, notificationsQuery } from '../contract/notifications.js';
import {
  getNotificationSettings,
  listNotifications,
  markNotificationsRead,
  saveNotificationSettings,
} from '../use-cases/notification-inbox.js';

/** Issues tokens for the demo users; present only in the local stack, so the route does not exist in AWS. */
export interface DevTokenIssuer {
  issue(claims: { sub: string; name: string; groups: string[] }): Promise<string>;
}

export interface ApiDeps {
  app: AppDeps;
  auth: TokenVerifier;
  devTokens?: DevTokenIssuer;
}

interface Ctx {
  event: APIGatewayProxyEventV2;
  params: string[];
  actor: () => Promise<Principal>;
  body: () => unknown;
}

interface Route {
  method: string;
  pattern: RegExp;
  /** Routes that need no token (only the local dev-token route). */
  anonymous?: boolean;
  run: (ctx: Ctx) => Promise<ApiResult>;
}

/** The article as the API shows it: its public URL once live, nothing internal. */
export const presentArticle = (a: Article, siteBaseUrl: string) => {
  const { pendingSiteWork, publishIntent: _intent, ...rest } = a;
  return {
    ...rest,
    ...(a.status === 'published' && a.path ? { url: `${siteBaseUrl}${a.path}` } : {}),
    sitePending: pendingSiteWork !== undefined,
  };
};

/** A list entry: the article without its text and repairs (a queue page stays small); GET the article for those. */
export const presentSummary = (a: Article, siteBaseUrl: string) => {
  const { body: _body, fixes: _fixes, ...summary } = presentArticle(a, siteBaseUrl);
  return summary;
};

/** The caller's notification inbox and settings (issue 13 §2). */
const notificationRoutes = (app: AppDeps): Route[] => [
  {
    method: 'GET',
    pattern: /^\/api\/notifications$/,
    run: async (ctx) => {
      const q = parseWith(notificationsQuery, ctx.event.queryStringParameters ?? {}, 'query');
      const page = await listNotifications(app)({
        actor: await ctx.actor(),
        limit: q.limit ?? 20,
        ...(q.cursor ? { cursor: q.cursor } : {}),
      });
      return jsonResponse(200, { items: page.items, nextCursor: page.nextCursor ?? null, unread: page.unread });
    },
  },
  {
    method: 'POST',
    pattern: /^\/api\/notifications\/read$/,
    run: async (ctx) => {
      const { ids } = parseWith(markReadRequest, ctx.body(), 'mark-read request');
      return jsonResponse(200, await markNotificationsRead(app)({ actor: await ctx.actor(), ids }));
    },
  },
  {
    method: 'GET',
    pattern: /^\/api\/notifications\/settings$/,
    run: async (ctx) =>
      jsonResponse(200, { settings: await getNotificationSettings(app)({ actor: await ctx.actor() }) }),
  },
  {
    method: 'PUT',
    pattern: /^\/api\/notifications\/settings$/,
    run: async (ctx) => {
      const { settings } = parseWith(notificationSettingsRequest, ctx.body(), 'notification settings');
      return jsonResponse(200, {
        settings: await saveNotificationSettings(app)({ actor: await ctx.actor(), settings }),
      });
    },
  },
];

const buildRoutes = (deps: ApiDeps): Route[] => {
  const { app } = deps;
  const show = (a: Article, status = 200) => jsonResponse(status, presentArticle(a, app.siteConfig.baseUrl));
  const id = (ctx: Ctx) => parseWith(articleIdParam, ctx.params[0], 'article id');
  const routes: Route[] = [
    ...buildDeskRoutes(app, (a) => show(a)),
    {
      method: 'GET',
      pattern: /^\/api\/desks$/,
      run: async (ctx) => {
        await ctx.actor();
        return jsonResponse(200, [...app.desks.values()]);
      },
    },
    {
      method: 'POST',
      pattern: /^\/api\/preview$/,
      run: async (ctx) => {
        const input = parseWith(previewRequest, ctx.body(), 'preview request');
        return previewResponse(await previewDraftText(app)({ actor: await ctx.actor(), ...input }));
      },
    },
    {
      method: 'POST',
      pattern: /^\/api\/articles$/,
      run: async (ctx) => {
        const input = parseWith(createArticleRequest, ctx.body(), 'article');
        return show(await createArticle(app)({ actor: await ctx.actor(), ...input }), 201);
      },
    },
    {
      method: 'GET',
      pattern: /^\/api\/articles$/,
      run: async (ctx) => {
        const q = parseWith(listQuery, ctx.event.queryStringParameters ?? {}, 'query');
        const page = await listArticles(app)({
          actor: await ctx.actor(),
          ...(q.desk ? { desk: q.desk } : {}),
          ...(q.status ? { status: q.status } : {}),
          mine: q.mine === 'true',
          ...(q.cursor ? { cursor: q.cursor } : {}),
          limit: q.limit ?? 25,
        });
        return jsonResponse(200, {
          items: page.items.map((a) => presentSummary(a, app.siteConfig.baseUrl)),
          nextCursor: page.nextCursor ?? null,
        });
      },
    },
    {
      method: 'GET',
      pattern: /^\/api\/articles\/([^/]+)$/,
      run: async (ctx) => show(await getArticle(app)({ actor: await ctx.actor(), id: id(ctx) })),
    },
    {
      method: 'PUT',
      pattern: /^\/api\/articles\/([^/]+)$/,
      run: async (ctx) => {
        const input = parseWith(saveArticleRequest, ctx.body(), 'article');
        return show(await saveArticle(app)({ actor: await ctx.actor(), id: id(ctx), ...input }));
      },
    },
    {
      method: 'GET',
      pattern: /^\/api\/articles\/([^/]+)\/history$/,
      run: async (ctx) => jsonResponse(200, await getHistory(app)({ actor: await ctx.actor(), id: id(ctx) })),
    },
    {
      method: 'GET',
      pattern: /^\/api\/articles\/([^/]+)\/revisions\/([^/]+)$/,
      run: async (ctx) => {
        const n = parseWith(revisionParam, ctx.params[1], 'revision number');
        return jsonResponse(200, await getRevision(app)({ actor: await ctx.actor(), id: id(ctx), n }));
      },
    },
    {
      method: 'GET',
      pattern: /^\/api\/articles\/([^/]+)\/preview$/,
      run: async (ctx) => previewResponse(await previewArticle(app)({ actor: await ctx.actor(), id: id(ctx) })),
    },
    {
      method: 'POST',
      pattern: /^\/api\/articles\/([^/]+)\/comments$/,
      run: async (ctx) => {
        const { text } = parseWith(commentRequest, ctx.body(), 'comment');
        return jsonResponse(201, await addComment(app)({ actor: await ctx.actor(), id: id(ctx), text }));
      },
    },
    {
      method: 'POST',
      pattern: /^\/api\/articles\/([^/]+)\/([a-z-]+)$/,
      run: async (ctx) => {
        const action = parseWith(articleActionParam, ctx.params[1], 'action');
        const request = parseWith(actionRequest, { action, body: ctx.body() }, `${action} request`);
        const base = { actor: await ctx.actor(), id: id(ctx), version: request.body.version };
        switch (request.action) {
          case 'publish': {
            const { at, comment } = request.body;
            const scheduled = await publishArticle(app)({
              ...base,
              ...(at ? { at } : {}),
              ...(comment ? { comment } : {}),
            });
            // 202: accepted, still `scheduled` until the publishing job has the page live.
            return show(scheduled, isPublishPending(scheduled, app.clock.now()) ? 202 : 200);
          }
          case 'correct': {
            const { body, note } = request.body;
            return show(await correctArticle(app)({ ...base, body, ...(note !== undefined ? { note } : {}) }));
          }
          case 'unpublish': {
            const { kind, reason } = request.body;
            return show(await unpublishArticle(app)({ ...base, kind, ...(reason !== undefined ? { reason } : {}) }));
          }
          case 'restore': {
            const { comment } = request.body;
            return show(await restoreArticle(app)({ ...base, ...(comment ? { comment } : {}) }));
          }
          default: {
            const { comment } = request.body;
            return show(
              await transitionArticle(app)({ ...base, action: request.action, ...(comment ? { comment } : {}) }),
            );
          }
        }
      },
    },
    ...buildMediaRoutes(app),
    ...notificationRoutes(app),
  ];
  if (deps.devTokens) {
    const issuer = deps.devTokens;
    routes.unshift({
      method: 'POST',
      pattern: /^\/api\/dev\/token$/,
      anonymous: true,
      run: async (ctx) => {
        const claims = parseWith(devTokenRequest, ctx.body(), 'token request');
        return jsonResponse(200, { token: await issuer.issue(claims) });
      },
    });
  }
  return routes;
};

/** The API Lambda: routing, authentication, parsing and the one mapping of errors to statuses. */
export const createApiHandler = (deps: ApiDeps) => {
  const routes = buildRoutes(deps);
  return async (event: APIGatewayProxyEventV2): Promise<ApiResult> => {
    const requestId = event.requestContext.requestId;
    try {
      const method = event.requestContext.http.method.toUpperCase();
      const path = (event.rawPath || '/').replace(/\/+$/, '') || '/';
      const matching = routes.filter((r) => r.pattern.test(path));
      const route = matching.find((r) => r.method === method);
      if (!route) {
        if (matching.length > 0) {
          return errorResponse(
            STATUS_OF.method_not_allowed,
            'method_not_allowed',
            `${method} is not allowed on ${path}`,
            undefined,
            {
              allow: [...new Set(matching.map((r) => r.method))].join(', '),
            },
          );
        }
        return errorResponse(404, 'not_found', `no API route ${method} ${path}`);
      }
      // Authenticate before looking at the path's parameters or the body: an anonymous caller learns nothing, not
      // even a 400.
      const principal = route.anonymous ? undefined : await deps.auth.verify(headerOf(event, 'authorization'));
      const params = (route.pattern.exec(path) ?? []).slice(1).map(decodePathSegment);
      let parsedBody: { value: unknown } | undefined;
      return await route.run({
        event,
        params,
        actor: () =>
          principal
            ? Promise.resolve(principal)
            : Promise.reject(new DomainError('unauthenticated', 'this route takes no identity')),
        body: () => (parsedBody ??= { value: readJsonBody(event) }).value,
      });
    } catch (error) {
      if (isDomainError(error) || error instanceof HttpError) {
        return errorResponse(STATUS_OF[error.code], error.code, error.message, error.details, {
          ...(error.code === 'unauthenticated' ? { 'www-authenticate': 'Bearer' } : {}),
          ...(error.code === 'publish_pending' ? { 'retry-after': '60' } : {}),
        });
      }
      deps.app.log.error('unhandled error', { requestId, error: error instanceof Error ? error.stack : String(error) });
      return errorResponse(
        STATUS_OF.internal_error,
        'internal_error',
        `something went wrong on our side; quote request id ${requestId}`,
      );
    }
  };
};
