import * as z from 'zod/mini';
import { ARTICLE_STATUSES } from '../domain/article-status.js';
import { ARTICLE_ACTIONS, UNPUBLISH_KINDS, type ArticleAction } from './vocabulary.js';

export { ARTICLE_ACTIONS, UNPUBLISH_KINDS, type ArticleAction, type UnpublishKind } from './vocabulary.js';

/**
 * Request shapes of the HTTP API (architecture.md §3), shared by the API handler, which parses every request with
 * them, and the newsroom app, which builds its requests from their types. Unknown fields are refused, not ignored.
 *
 * zod/mini (functional checks) keeps the API Lambda's cold start and the app's bundle small. Import it as a namespace
 * (`import * as z`): with `import { z }` esbuild keeps every zod locale in the bundle. The HTTP layer gives issues
 * without a message here zod's English messages (functions/http/request.ts).
 */
const text = (max: number) => z.string().check(z.maxLength(max, `at most ${max} characters`));
const draftText = z
  .string()
  .check(z.minLength(1, 'the draft is empty'), z.maxLength(150_000, 'at most 150,000 characters'));
const version = z.int().check(z.minimum(1));
const deskId = z.string().check(z.minLength(1), z.maxLength(40));
const comment = z.optional(text(5_000));

export const articleIdParam = z.string().check(z.regex(/^[A-Za-z0-9-]{1,64}$/, 'not an article id'));
export const revisionParam = z.coerce.number().check(z.int(), z.minimum(1), z.maximum(1_000_000));

/** `POST /api/articles` */
export const createArticleRequest = z.strictObject({ desk: deskId, body: draftText });
export type CreateArticleRequest = z.input<typeof createArticleRequest>;

/** `PUT /api/articles/{id}` */
export const saveArticleRequest = z.strictObject({
  body: draftText,
  version,
  /** Saved by the editor's autosave: a revision like any other, one `edited` event per burst. */
  autosave: z.optional(z.boolean()),
});
export type SaveArticleRequest = z.input<typeof saveArticleRequest>;

/** `POST /api/articles/{id}/comments` */
export const commentRequest = z.strictObject({
  text: text(5_000).check(z.trim(), z.minLength(1, 'a comment cannot be empty')),
});
export type CommentRequest = z.input<typeof commentRequest>;

/** `POST /api/preview`: the page a draft text would make, before it is saved. */
export const previewRequest = z.strictObject({
  desk: deskId,
  body: draftText,
  /** An edit of a live story (a correction): the preview's banner says so. */
  published: z.optional(z.boolean()),
});
export type PreviewRequest = z.input<typeof previewRequest>;

export const articleActionParam = z.enum(ARTICLE_ACTIONS);

/**
 * `POST /api/articles/{id}/{action}`: each action's body. The domain checks what depends on the article (a comment
 * to request changes, a note for a correction, a reason to unpublish), with messages that say why.
 */
export const ACTION_BODIES = {
  submit: z.strictObject({ version, comment }),
  withdraw: z.strictObject({ version, comment }),
  'request-changes': z.strictObject({ version, comment }),
  approve: z.strictObject({ version, comment }),
  /** `at`: an ISO time to schedule; without it, publish now. */
  publish: z.strictObject({ version, comment, at: z.optional(z.iso.datetime({ offset: true })) }),
  'cancel-schedule': z.strictObject({ version, comment }),
  correct: z.strictObject({
    version,
    body: z
      .string({ error: 'a correction needs the corrected `body`' })
      .check(z.minLength(1, 'the draft is empty'), z.maxLength(150_000, 'at most 150,000 characters')),
    note: z.optional(text(2_000)),
  }),
  unpublish: z.strictObject({
    version,
    kind: z.enum(UNPUBLISH_KINDS, { error: 'say which kind of take-down: `editorial` or `legal`' }),
    reason: z.optional(text(2_000)),
  }),
  /** An unpublished story back to its reporter as a draft; published again, it keeps its URL. */
  restore: z.strictObject({ version, comment }),
} as const satisfies Record<ArticleAction, z.ZodMiniType>;

/** The body one action takes, as a client writes it. */
export type ActionBody<A extends ArticleAction> = z.input<(typeof ACTION_BODIES)[A]>;

const actionRequestOf = <A extends ArticleAction>(action: A) =>
  z.strictObject({ action: z.literal(action), body: ACTION_BODIES[action] });

/** An action with its body, discriminated on the action (the path segment): what the handler switches on. */
export const actionRequest = z.discriminatedUnion('action', [
  actionRequestOf('submit'),
  actionRequestOf('withdraw'),
  actionRequestOf('request-changes'),
  actionRequestOf('approve'),
  actionRequestOf('publish'),
  actionRequestOf('cancel-schedule'),
  actionRequestOf('correct'),
  actionRequestOf('unpublish'),
  actionRequestOf('restore'),
]);
export type ActionRequest = z.output<typeof actionRequest>;

/** Fails to compile when an action is missing from `actionRequest`. */
export type EveryActionHasARequest = MustBeNever<Exclude<ArticleAction, ActionRequest['action']>>;
type MustBeNever<T extends never> = T;

/** `GET /api/articles?desk=&status=&mine=&cursor=&limit=` */
export const listQuery = z.strictObject({
  desk: z.optional(z.string().check(z.maxLength(40))),
  status: z.optional(z.enum(ARTICLE_STATUSES)),
  mine: z.optional(z.enum(['true', 'false'])),
  cursor: z.optional(z.string().check(z.maxLength(2_000))),
  limit: z.optional(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(100))),
});
export type ListQuery = z.input<typeof listQuery>;

const groupName = z
  .string()
  .check(z.regex(/^(reporters|chief-editors|desk-[a-z][a-z0-9-]{0,30})$/, 'not a newsroom group'));

/** `POST /api/dev/token`, local stack only. */
export const devTokenRequest = z.strictObject({
  sub: z.string().check(z.regex(/^[A-Za-z0-9._@-]{1,128}$/)),
  name: z.string().check(z.trim(), z.minLength(1), z.maxLength(100)),
  groups: z.array(groupName).check(z.maxLength(10)),
});
export type DevTokenRequest = z.input<typeof devTokenRequest>;
