/**
 * `npm start`: the local stack. DynamoDB Local and s3rver as child processes, the table and bucket from the CDK
 * stack's definitions, the application's local composition root, and one HTTP origin shaped like the CloudFront
 * distribution. Ctrl-C stops everything it started.
 */
import { mkdirSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { z } from 'zod';
import {
  LOCAL_DYNAMODB_CREDENTIALS,
  S3RVER_CREDENTIALS,
  createDocumentClient,
  createS3Client,
} from '../adapters/aws/clients.js';
import { createS3SiteStore } from '../adapters/s3/s3-site-store.js';
import {
  EMULATORS_PID_FILE,
  EmulatorError,
  checkJava,
  findFreePort,
  forgetEmulators,
  recordEmulators,
  startDynamoDbLocal,
  startS3Server,
  stopLeftoverEmulators,
} from './emulators.js';
import { createWorkerRenderer, type WorkerRenderer } from '../adapters/worker/worker-renderer.js';
import { CRASH_POINTS, withCrashHooks } from './crash-hooks.js';
import { createLocalApp } from './local-app.js';
import { createLocalCdn, type LocalCdn } from './local-cdn.js';
import { ensureBucket, ensureTable } from './provision.js';
import { LOCAL_UPLOADS_BUCKET, createLocalMediaEvents, provisionUploadsBucket } from './local-media.js';
import { LocalServerError, startLocalServer, type LocalServer } from './server.js';
import { superviseEmulator, type SupervisedEmulator } from './supervise.js';
import { startLocalEvents, startLocalMail, type LocalEvents } from './local-events.js';
import { handleStackControl, newControlToken, removeStackFile, writeStackFile } from './stack-file.js';

const TABLE_NAME = 'newsroom';
const BUCKET = 'newsroom-site';
const TICK_INTERVAL_MS = 15_000;
/** After a run found an article leased by another run: a third of the article lease, so a dead holder is followed soon. */
const BUSY_RETRY_MS = 3_500;
const WEB_APP_DIR = fileURLToPath(new URL('../../dist/web', import.meta.url));

const portSchema = z.coerce.number().int().min(1).max(65_535);
const envSchema = z.object({
  PORT: portSchema.default(3000),
  NEWSROOM_DATA_DIR: z.string().min(1).default('.newsroom'),
  // Fixed emulator ports, for pointing the AWS CLI at them; by default any free port.
  NEWSROOM_DYNAMODB_PORT: portSchema.optional(),
  NEWSROOM_S3_PORT: portSchema.optional(),
  // The publish-crash test's fault injector (crash-hooks.ts): SIGKILL at this step of publishing.
  NEWSROOM_CRASH_AT: z.enum(CRASH_POINTS).optional(),
  // The event pipeline (local-events.ts): without a bot token, a recording Telegram server stands in.
  TELEGRAM_BOT_TOKEN: z.string().min(1).optional(),
  TELEGRAM_API_BASE: z.url().optional(),
  PARTNERS_JSON: z.string().min(2).optional(),
  WEBHOOK_SECRET: z.string().min(16).optional(),
});

const tickOutcomeSchema = z.object({ articles: z.array(z.object({ id: z.string(), outcome: z.string() })) });

/** A failure whose message is the whole story. */
class StartError extends Error {}

// Logging to a terminal or pipe that went away (EPIPE) must not end the server with an unhandled 'error' event.
for (const stream of [process.stdout, process.stderr]) stream.on('error', () => undefined);

const say = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

const errorMessage = (error: unknown): string => (error instanceof Error ? error.message : String(error));

const main = async (): Promise<void> => {
  const parsedEnv = envSchema.safeParse(process.env);
  if (!parsedEnv.success) {
    const fields = parsedEnv.error.issues.map((i) => i.path.join('.')).join(', ');
    throw new StartError(`invalid environment: ${fields} (PORT must be a port number)`);
  }
  const env = parsedEnv.data;
  // The SDK's notice about Node 20 says nothing a local user can act on.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

  const dataDir = resolve(env.NEWSROOM_DATA_DIR);
  const pidFile = resolve(dataDir, EMULATORS_PID_FILE);
  const siteBaseUrl = `http://127.0.0.1:${env.PORT}`;
  // s3rver object events → the photo processor (attached once the app is composed).
  const mediaEvents = createLocalMediaEvents(say);
  const emulators: SupervisedEmulator[] = [];
  // Pids go to the pid file the moment each process exists (and again on every restart), so that a start killed at
  // any point leaves nothing the next start cannot find.
  const recordedPids = new Map<string, number>();
  const recordPid =
    (name: string) =>
    (pid: number): void => {
      recordedPids.set(name, pid);
      recordEmulators(
        pidFile,
        [...recordedPids].map(([n, p]) => ({ name: n, pid: p })),
      );
    };
  let server: LocalServer | undefined;
  const controlToken = newControlToken();
  let renderWorker: WorkerRenderer | undefined;
  let events: LocalEvents | undefined;
  let ready = false;
  let tickTimer: NodeJS.Timeout | undefined;
  let tickRunning: Promise<void> | undefined;
  let stopping = false;
  // shutDown sets `stopping` from a signal handler, between any two awaits of main; read through a call, which the
  // type checker does not narrow (it would take the value as still false after every await).
  const stopRequested = (): boolean => stopping;

  const shutDown = async (code: number): Promise<never> => {
    stopping = true;
    if (tickTimer) clearTimeout(tickTimer);
    await tickRunning?.catch(() => undefined);
    removeStackFile(dataDir);
    await server?.close();
    await events?.stop();
    await renderWorker?.close();
    await Promise.all(emulators.map((e) => e.stop()));
    if (recordedPids.size > 0) forgetEmulators(pidFile);
    process.exit(code);
  };

  let signalled = false;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (signalled) {
      // A second Ctrl-C: stop waiting; the emulators' exit hook kills what is left.
      process.exit(1);
    }
    signalled = true;
    say(`\n${signal === 'SIGINT' ? 'Ctrl-C' : signal}: stopping…`);
    void shutDown(0).catch(() => process.exit(1));
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, onSignal);

  try {
    checkJava();

    // The origin listens first, so that a taken port is reported at once; until the app is ready it answers 503.
    // What the origin serves once the app is ready.
    const live: {
      api?: (event: APIGatewayProxyEventV2) => Promise<APIGatewayProxyStructuredResultV2>;
      cdn?: LocalCdn;
      webAppConfig: unknown;
      uploadsOrigin?: string;
    } = { webAppConfig: {} };
    const starting = (res: ServerResponse): void => {
      res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8', 'retry-after': '2' });
      res.end('The newsroom is starting; try again in a moment.\n');
    };
    server = await startLocalServer({
      port: env.PORT,
      host: '127.0.0.1',
      api: async (event) =>
        live.api
          ? live.api(event)
          : {
              statusCode: 503,
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify({ message: 'Service Unavailable' }),
            },
      // The photo panel uploads straight to s3rver (an http:// origin the app's `connect-src https:` leaves out).
      connectSources: () => (live.uploadsOrigin ? [live.uploadsOrigin] : []),
      cdn: {
        handle: async (req: IncomingMessage, res: ServerResponse) => {
          // The batch CLIs' invalidations (stack-file.ts); everything else is the site.
          if (live.cdn && (await handleStackControl(req, res, { token: controlToken, cdn: live.cdn }))) return;
          if (live.cdn) await live.cdn.handle(req, res);
          else starting(res);
        },
      },
      webAppDir: WEB_APP_DIR,
      get webAppConfig() {
        return live.webAppConfig;
      },
    });

    mkdirSync(dataDir, { recursive: true });
    say(`Data: ${dataDir}`);
    for (const leftover of await stopLeftoverEmulators(pidFile, dataDir))
      say(`Stopped ${leftover}, left running by an earlier start`);
    say('Starting DynamoDB Local (Java; the first start takes a few seconds) and s3rver…');
    const [dynamoPort, s3Port] = await Promise.all([
      env.NEWSROOM_DYNAMODB_PORT ?? findFreePort(),
      env.NEWSROOM_S3_PORT ?? findFreePort(),
    ]);
    const started = await Promise.allSettled([
      superviseEmulator({
        name: 'DynamoDB Local',
        start: () => startDynamoDbLocal({ port: dynamoPort, dataDir, onSpawn: recordPid('DynamoDB Local') }),
        log: say,
      }),
      superviseEmulator({
        name: 's3rver',
        start: () =>
          startS3Server({
            port: s3Port,
            directory: resolve(dataDir, 's3'),
            onSpawn: recordPid('s3rver'),
            onObjectEvent: (event) => mediaEvents.onObjectEvent(event),
          }),
        log: say,
      }),
    ]);
    for (const result of started) if (result.status === 'fulfilled') emulators.push(result.value);
    const failed = started.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
    const [dynamo, s3] = emulators;
    if (!dynamo || !s3 || stopRequested()) return;
    say(`  DynamoDB Local  ${dynamo.endpoint}`);
    say(`  s3rver          ${s3.endpoint}`);
    live.uploadsOrigin = new URL(s3.endpoint).origin;
    const { mail, smtpPort } = await startLocalMail({ dataDir, log: say, onSpawn: recordPid('maildev') });
    emulators.push(mail);
    say(`  maildev         ${mail.endpoint}`);

    say(`Provisioning table ${TABLE_NAME} and bucket ${BUCKET}…`);
    const documentClient = createDocumentClient({ endpoint: dynamo.endpoint, credentials: LOCAL_DYNAMODB_CREDENTIALS });
    const s3Client = createS3Client({ endpoint: s3.endpoint, credentials: S3RVER_CREDENTIALS });
    await Promise.all([ensureTable(documentClient, TABLE_NAME), ensureBucket(s3Client, BUCKET)]);
    await provisionUploadsBucket(s3Client, new URL(siteBaseUrl).origin);

    const localCdn = createLocalCdn({ store: createS3SiteStore({ client: s3Client, bucket: BUCKET }) });
    // Drafts are parsed and pages rendered in a worker with a heap and a time limit: no draft can kill the process.
    const worker = (renderWorker = createWorkerRenderer({ log: say }));
    const crashAt = env.NEWSROOM_CRASH_AT;
    if (crashAt) say(`Crash hook: this process will SIGKILL itself at ${crashAt} (NEWSROOM_CRASH_AT)`);
    const app = await createLocalApp({
      dynamoEndpoint: dynamo.endpoint,
      s3Endpoint: s3.endpoint,
      tableName: TABLE_NAME,
      bucket: BUCKET,
      uploadsBucket: LOCAL_UPLOADS_BUCKET,
      dataDir,
      siteBaseUrl,
      cdn: localCdn,
      decorateDeps: (deps) => {
        const withWorker = { ...deps, loadParser: worker.loadParser, loadRenderer: worker.loadRenderer };
        return crashAt ? withCrashHooks(withWorker, crashAt, { armed: () => ready, log: say }) : withWorker;
      },
    });

    mediaEvents.attach(app.deps);
    // Before the drafts load: the stream is on, so the seed story's submission reaches the desk's editors.
    events = await startLocalEvents({
      app: app.deps,
      dynamoEndpoint: dynamo.endpoint,
      tableName: TABLE_NAME,
      dataDir,
      env,
      smtpPort,
      log: say,
    });
    await events.forwarder.start();

    say('Loading drafts from content/drafts…');
    const { loaded } = await app.loadContentDrafts();
    say(loaded.length > 0 ? `  loaded ${loaded.join(', ')}` : '  nothing new (drafts already loaded)');

    live.webAppConfig = app.webAppConfig;
    live.api = (event) => app.handleApi(event);
    live.cdn = localCdn;
    writeStackFile(dataDir, {
      pid: process.pid,
      port: env.PORT,
      dynamoEndpoint: dynamo.endpoint,
      s3Endpoint: s3.endpoint,
      tableName: TABLE_NAME,
      bucket: BUCKET,
      token: controlToken,
    });

    // The scheduled-publishing tick, as EventBridge runs the tick Lambda; one at a time, never overlapping. The first
    // runs at once (work a killed earlier run left behind resumes now), and a run that found work held by another
    // (a dead run's lease, at most ARTICLE_LEASE_MS long) looks again sooner than the regular interval.
    const scheduleTick = (delayMs: number): void => {
      tickTimer = setTimeout(() => {
        let next = TICK_INTERVAL_MS;
        tickRunning = app
          .tick()
          .then((outcome) => {
            const parsed = tickOutcomeSchema.safeParse(outcome);
            const done = parsed.success ? parsed.data.articles.filter((a) => a.outcome !== 'nothing-due') : [];
            if (done.length > 0) say(`tick: ${done.map((a) => `${a.id} ${a.outcome}`).join(', ')}`);
            if (done.some((a) => a.outcome === 'busy')) next = BUSY_RETRY_MS;
          })
          .catch((error: unknown) => say(`tick failed: ${errorMessage(error)}`))
          .finally(() => {
            tickRunning = undefined;
            if (!stopRequested()) scheduleTick(next);
          });
      }, delayMs);
    };
    scheduleTick(0);

    const url = server.url;
    const userWidth = Math.max(...app.demoUsers.map((u) => u.name.length));
    say('');
    say(`  Site       ${url}`);
    say(`  Newsroom   ${url}newsroom/`);
    say(`  API        ${url}api/`);
    say(`  Data       ${dataDir}`);
    say(`  Mail       ${mail.endpoint}/  (maildev: the notification e-mails)`);
    for (const line of events.banner) say(line);
    say('  Demo users (sign in from the newsroom page, or POST /api/dev/token with {sub, name, groups}):');
    for (const user of app.demoUsers) {
      say(
        `    ${user.name.padEnd(userWidth)}  ${user.sub.padEnd(16)} ${user.groups.join(', ').padEnd(16)} ${user.role}`,
      );
    }
    say('');
    say('Ctrl-C to stop.');
    ready = true;
    say(`Newsroom is ready at ${url}`);
  } catch (error) {
    if (stopRequested()) return;
    reportStartFailure(error);
    await shutDown(1).catch(() => process.exit(1));
  }
};

/** One line for people; the stack trace only when asked for (DEBUG=1) and only for failures we did not foresee. */
const reportStartFailure = (error: unknown): void => {
  const foreseen = error instanceof EmulatorError || error instanceof LocalServerError || error instanceof StartError;
  process.stderr.write(`Newsroom could not start: ${errorMessage(error)}\n`);
  if (!foreseen) {
    process.stderr.write(
      process.env.DEBUG && error instanceof Error ? `${error.stack}\n` : 'Run with DEBUG=1 for the stack trace.\n',
    );
  }
};

main().catch((error: unknown) => {
  reportStartFailure(error);
  process.exit(1);
});
