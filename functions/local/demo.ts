/**
 * `npm run demo`: takes the seed story through submit, approve and publish over HTTP, as the demo users would in the
 * newsroom app, against a running `npm start`, and prints the public URL.
 */
import { runDemo } from './demo-flow.js';

const base = (process.env.NEWSROOM_URL ?? `http://127.0.0.1:${process.env.PORT ?? '3000'}`).replace(/\/+$/, '');

try {
  await fetch(`${base}/api/desks`);
} catch {
  console.error(`Cannot reach the newsroom at ${base}. Start it first with \`npm start\` (or set NEWSROOM_URL).`);
  process.exit(1);
}
try {
  const url = await runDemo(base);
  const page = await fetch(url);
  console.log(`\nPublished: ${url}`);
  console.log(`GET ${new URL(url).pathname} → ${page.status} ${page.headers.get('content-type') ?? ''}`);
} catch (error) {
  console.error(`Demo stopped: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
