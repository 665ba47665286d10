/**
 * `npm run demo`: takes the seed story through submit, approve and publish over HTTP, as the demo users would in the
 * newsroom app, against a running `npm start`. Safe to run again: it continues from wherever the story is.
 */
import { z } from 'zod';
import { contentArticleId } from '../use-cases/load-content-drafts.js';
import { demoUser } from './demo-users.js';

const base = (process.env.NEWSROOM_URL ?? `http://127.0.0.1:${process.env.PORT ?? '3000'}`).replace(/\/+$/, '');
const articleId = contentArticleId(process.env.DEMO_DRAFT ?? 'otg-justice-ministers-baku.txt');

const articleSchema = z.looseObject({ id: z.string(), status: z.string(), version: z.number(), url: z.string().optional(), title: z.string() });
const errorSchema = z.object({ error: z.object({ code: z.string(), message: z.string() }) });

const call = async (token: string | undefined, method: string, path: string, body?: unknown): Promise<unknown> => {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const payload: unknown = await res.json();
  if (!res.ok) {
    const parsed = errorSchema.safeParse(payload);
    throw new Error(`${method} ${path} → ${res.status} ${parsed.success ? `${parsed.data.error.code}: ${parsed.data.error.message}` : ''}`);
  }
  return payload;
};

const tokenFor = async (sub: Parameters<typeof demoUser>[0]): Promise<string> => {
  const user = demoUser(sub);
  const out = z.object({ token: z.string() }).parse(
    await call(undefined, 'POST', '/api/dev/token', { sub: user.sub, name: user.name, groups: [...user.groups] }),
  );
  return out.token;
};

const main = async (): Promise<void> => {
  try {
    await fetch(`${base}/api/desks`);
  } catch {
    console.error(`Cannot reach the newsroom at ${base}. Start it first with \`npm start\` (or set NEWSROOM_URL).`);
    process.exit(1);
  }
  const reporter = await tokenFor('demo-reporter');
  const editor = await tokenFor('demo-editor');
  let article = articleSchema.parse(await call(reporter, 'GET', `/api/articles/${articleId}`));
  console.log(`«${article.title}» is ${article.status} (version ${article.version})`);
  const step = async (token: string, action: string, who: string, extra: Record<string, unknown> = {}) => {
    article = articleSchema.parse(
      await call(token, 'POST', `/api/articles/${articleId}/${action}`, { version: article.version, ...extra }),
    );
    console.log(`  ${who}: ${action} → ${article.status}`);
  };
  if (article.status === 'draft' || article.status === 'changes_requested') await step(reporter, 'submit', 'reporter');
  if (article.status === 'submitted') await step(editor, 'approve', 'desk editor', { comment: 'Готово к публикации' });
  if (article.status === 'approved') await step(editor, 'publish', 'desk editor');
  if (article.status !== 'published' || !article.url) {
    console.error(`The story is ${article.status}, not published; see its history in the newsroom.`);
    process.exit(1);
  }
  const page = await fetch(article.url);
  console.log(`\nPublished: ${article.url}`);
  console.log(`GET ${new URL(article.url).pathname} → ${page.status} ${page.headers.get('content-type') ?? ''}`);
};

await main();
