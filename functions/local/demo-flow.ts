/** The demo flow over HTTP, shared by `npm run demo`, the end-to-end test and the Lighthouse run. */
import { z } from 'zod';
import { contentArticleId } from '../use-cases/load-content-drafts.js';
import { demoUser } from './demo-users.js';

export const SEED_ARTICLE_ID = contentArticleId('otg-justice-ministers-baku.txt');
/** How long the demo waits for the page to go live: past the 15 s tick that retries anything the trigger missed. */
const PUBLISH_POLL_MS = 250;
const PUBLISH_POLLS = 160;

const articleSchema = z.looseObject({
  id: z.string(),
  status: z.string(),
  version: z.number(),
  url: z.string().optional(),
  title: z.string(),
});
const errorSchema = z.object({ error: z.object({ code: z.string(), message: z.string() }) });

const callApi = async (
  base: string,
  token: string | undefined,
  method: string,
  path: string,
  body?: unknown,
): Promise<unknown> => {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const payload: unknown = await res.json();
  if (!res.ok) {
    const parsed = errorSchema.safeParse(payload);
    throw new Error(
      `${method} ${path} → ${res.status} ${parsed.success ? `${parsed.data.error.code}: ${parsed.data.error.message}` : ''}`,
    );
  }
  return payload;
};

const tokenFor = async (base: string, sub: Parameters<typeof demoUser>[0]): Promise<string> => {
  const user = demoUser(sub);
  const out = z.object({ token: z.string() }).parse(
    await callApi(base, undefined, 'POST', '/api/dev/token', {
      sub: user.sub,
      name: user.name,
      groups: [...user.groups],
    }),
  );
  return out.token;
};

/** Publishes the seed story as the demo users; returns its public URL. Continues from wherever the story is. */
export const runDemo = async (base: string, log: (line: string) => void = console.log): Promise<string> => {
  const call = (token: string | undefined, method: string, path: string, body?: unknown) =>
    callApi(base, token, method, path, body);
  const reporter = await tokenFor(base, 'demo-reporter');
  const editor = await tokenFor(base, 'demo-editor');
  let article = articleSchema.parse(await call(reporter, 'GET', `/api/articles/${SEED_ARTICLE_ID}`));
  log(`«${article.title}» is ${article.status} (version ${article.version})`);
  const step = async (token: string, action: string, who: string, extra: Record<string, unknown> = {}) => {
    article = articleSchema.parse(
      await call(token, 'POST', `/api/articles/${SEED_ARTICLE_ID}/${action}`, { version: article.version, ...extra }),
    );
    log(`  ${who}: ${action} → ${article.status}`);
  };
  if (article.status === 'draft' || article.status === 'changes_requested') await step(reporter, 'submit', 'reporter');
  if (article.status === 'submitted') await step(editor, 'approve', 'desk editor', { comment: 'Готово к публикации' });
  if (article.status === 'approved') await step(editor, 'publish', 'desk editor');
  // Publishing answers at once (202, still `scheduled`); the publishing job puts the page live: wait for it.
  for (let polls = 0; article.status === 'scheduled' && polls < PUBLISH_POLLS; polls += 1) {
    await new Promise((resolve) => setTimeout(resolve, PUBLISH_POLL_MS));
    article = articleSchema.parse(await call(editor, 'GET', `/api/articles/${SEED_ARTICLE_ID}`));
  }
  if (article.status === 'published') log(`  publishing job: page live → ${article.status}`);
  if (article.status !== 'published' || !article.url) {
    throw new Error(`the story is ${article.status}, not published; see its history in the newsroom`);
  }
  return article.url;
};
