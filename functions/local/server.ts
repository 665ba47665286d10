import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { NEWSROOM_APP_CSP, securityHeadersFor, toHttpHeaders, withConnectSources } from '../edge/security-headers.js';
import { createApiGateway, type HttpApiHandler } from './gateway.js';
import type { LocalCdn } from './local-cdn.js';

/**
 * The local stack's one origin, routed like the CloudFront distribution: `/api/*` → API Gateway → the API handler,
 * `/newsroom/*` → the newsroom web app, everything else → the public site through the local CDN.
 */
export interface LocalServerOptions {
  port: number;
  host?: string;
  api: HttpApiHandler;
  cdn: Pick<LocalCdn, 'handle'>;
  /** The built web app (`npm run build:web` writes dist/web). */
  webAppDir?: string;
  /** Served at /newsroom/config.json (read on every request, so a getter may supply it late). */
  webAppConfig: unknown;
  /** Origins the app may also connect to (read per request: s3rver's port is known only once it runs). */
  connectSources?: () => readonly string[];
  log?: (line: string) => void;
}

export interface LocalServer {
  /** `http://127.0.0.1:<port>/` */
  url: string;
  port: number;
  server: Server;
  close(): Promise<void>;
}

/** A start failure meant for people; start.ts prints the message alone. */
export class LocalServerError extends Error {
  override readonly name = 'LocalServerError';
  constructor(
    readonly code: 'port-in-use' | 'listen-failed',
    message: string,
  ) {
    super(message);
  }
}

/** Each response's server's extra connect sources (a server per local stack; tests start several in one process). */
const connectSourcesOf = new WeakMap<ServerResponse, () => readonly string[]>();
const appHeaders = (res: ServerResponse): Record<string, string> => {
  const origins = connectSourcesOf.get(res)?.() ?? [];
  return toHttpHeaders(securityHeadersFor(withConnectSources(NEWSROOM_APP_CSP, origins)));
};
const APP_PREFIX = '/newsroom/';

// The handful of types the web app's build produces; a MIME library would be a dependency for eight lines.
const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/** `app.3F2A9C1B.js`: esbuild's content hash in the name, so the file never changes under that name. */
const HASHED_ASSET = /\.[A-Za-z0-9_-]{8,}\.(js|mjs|css|woff2|svg|png|jpg|webp)$/;

const send = (res: ServerResponse, status: number, headers: Record<string, string>, body: string | Buffer): void => {
  const payload = typeof body === 'string' ? Buffer.from(body) : body;
  res.writeHead(status, { ...appHeaders(res), ...headers, 'content-length': String(payload.length) });
  res.end(res.req.method === 'HEAD' ? undefined : payload);
};

const notBuiltPage = (webAppDir: string): string => `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Newsroom app not built</title></head>
<body>
<h1>The newsroom web app is not built yet</h1>
<p>Nothing was found in <code>${webAppDir}</code>. Build it with <code>npm run build:web</code>
(or <code>npm run build:web -- --watch</code> while working on it) and reload this page.</p>
<p>The API (<code>/api/</code>) and the public site (<code>/</code>) work without it.</p>
</body>
</html>
`;

const isFile = async (path: string): Promise<boolean> => {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
};

const serveFile = (res: ServerResponse, path: string, size: number): void => {
  const name = path.slice(path.lastIndexOf(sep) + 1);
  const cacheControl = HASHED_ASSET.test(name) ? 'public, max-age=31536000, immutable' : 'no-cache';
  res.writeHead(200, {
    ...appHeaders(res),
    'content-type': CONTENT_TYPES[extname(name).toLowerCase()] ?? 'application/octet-stream',
    'cache-control': cacheControl,
    'content-length': String(size),
  });
  if (res.req.method === 'HEAD') {
    res.end();
    return;
  }
  createReadStream(path)
    .on('error', () => res.destroy())
    .pipe(res);
};

const createWebAppHandler = (webAppDir: string, webAppConfig: () => unknown) => {
  const root = resolve(webAppDir);
  return async (req: IncomingMessage, res: ServerResponse, path: string): Promise<void> => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      send(res, 405, { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' }, 'Method Not Allowed\n');
      return;
    }
    const relative = path.slice(APP_PREFIX.length);
    if (relative === 'config.json') {
      send(
        res,
        200,
        { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
        JSON.stringify(webAppConfig()),
      );
      return;
    }
    if (!(await isFile(join(root, 'index.html')))) {
      send(
        res,
        200,
        { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' },
        notBuiltPage(webAppDir),
      );
      return;
    }
    let decoded: string;
    try {
      decoded = decodeURIComponent(relative);
    } catch {
      send(res, 400, { 'content-type': 'text/plain; charset=utf-8' }, 'Bad Request\n');
      return;
    }
    const candidate = normalize(join(root, decoded));
    if (candidate !== root && !candidate.startsWith(root + sep)) {
      send(res, 404, { 'content-type': 'text/plain; charset=utf-8' }, 'Not Found\n');
      return;
    }
    if (decoded !== '' && (await isFile(candidate))) {
      serveFile(res, candidate, (await stat(candidate)).size);
      return;
    }
    // The SPA's own routes (no extension) get index.html; a missing asset is a real 404.
    if (extname(decoded) !== '') {
      send(res, 404, { 'content-type': 'text/plain; charset=utf-8' }, 'Not Found\n');
      return;
    }
    const index = join(root, 'index.html');
    serveFile(res, index, (await stat(index)).size);
  };
};

export const startLocalServer = async (options: LocalServerOptions): Promise<LocalServer> => {
  const host = options.host ?? '127.0.0.1';
  const log = options.log ?? ((line: string) => console.error(line));
  const gateway = createApiGateway({ api: options.api, log });
  const webApp = createWebAppHandler(options.webAppDir ?? 'dist/web', () => options.webAppConfig);

  const route = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = req.url ?? '/';
    const path = url.split('?', 1)[0] ?? '/';
    if (path === '/api' || path.startsWith('/api/')) return gateway(req, res);
    if (path === '/newsroom') {
      const query = url.slice(path.length);
      send(res, 301, { location: `${APP_PREFIX}${query}`, 'content-type': 'text/plain; charset=utf-8' }, '');
      return;
    }
    if (path.startsWith(APP_PREFIX)) return webApp(req, res, path);
    return options.cdn.handle(req, res);
  };

  const server = createServer((req, res) => {
    // A client that hangs up mid-request or mid-response surfaces as 'error' (ECONNRESET, EPIPE) on these streams:
    // there is no one left to answer, and an unhandled 'error' event would end the process.
    req.on('error', () => undefined);
    res.on('error', () => undefined);
    if (options.connectSources) connectSourcesOf.set(res, options.connectSources);
    route(req, res).catch((error: unknown) => {
      log(`server: ${req.method} ${req.url} failed: ${error instanceof Error ? error.message : String(error)}`);
      if (!res.headersSent) send(res, 500, { 'content-type': 'text/plain; charset=utf-8' }, 'Internal Server Error\n');
      else res.destroy();
    });
  });

  // Malformed requests and resets before a request was parsed: answer 400 if the socket still can, else drop it.
  server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    if (error.code !== 'ECONNRESET' && error.code !== 'EPIPE' && socket.writable) {
      socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    } else {
      socket.destroy();
    }
  });

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'EADDRINUSE'
          ? new LocalServerError('port-in-use', `port ${options.port} is in use; set PORT=… or stop the other process`)
          : new LocalServerError('listen-failed', `cannot listen on ${host}:${options.port}: ${error.message}`),
      );
    });
    server.listen(options.port, host, () => resolveListen());
  });
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : options.port;

  return {
    url: `http://${host}:${port}/`,
    port,
    server,
    close: () =>
      new Promise<void>((resolveClose) => {
        server.close(() => resolveClose());
        // Keep-alive connections would hold close() open until they time out.
        server.closeAllConnections();
      }),
  };
};
