import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

/**
 * A local stand-in for API Gateway's HTTP API (payload format 2.0) in front of the API Lambda: it turns a Node
 * request into the event Lambda receives and the handler's result back into an HTTP response, and it refuses what
 * API Gateway and Lambda would refuse before the handler ever ran.
 */

/** API Gateway HTTP API's request payload quota. */
export const API_GATEWAY_MAX_PAYLOAD_BYTES = 10 * 1024 * 1024;
/** Lambda's synchronous invocation quota, for the event (the body base64-encoded counts) and for the result. */
export const LAMBDA_MAX_PAYLOAD_BYTES = 6 * 1024 * 1024;

export interface HttpApiEventOptions {
  stage?: string;
  requestId: string;
  /** Request time in epoch milliseconds. */
  now: number;
}

// Bodies of these types reach Lambda as text; anything else, or no content type at all, is base64-encoded.
const TEXT_CONTENT_TYPE =
  /^(text\/[^;]+|application\/([\w.+-]+\+)?(json|xml)|application\/(javascript|graphql))\s*(;|$)/i;

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number): string => String(n).padStart(2, '0');

/** `requestContext.time` is in the common log format: `12/Mar/2020:19:03:58 +0000`. */
export const formatRequestTime = (epochMs: number): string => {
  const d = new Date(epochMs);
  return `${pad(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${pad(d.getUTCHours())}:${pad(
    d.getUTCMinutes(),
  )}:${pad(d.getUTCSeconds())} +0000`;
};

const decodeComponent = (text: string): string => {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
};

/** Duplicate names are joined with commas, as payload format 2.0 does. */
const parseQueryString = (raw: string): Record<string, string> | undefined => {
  if (raw === '') return undefined;
  const params: Record<string, string> = {};
  for (const part of raw.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const name = decodeComponent(eq === -1 ? part : part.slice(0, eq));
    const value = eq === -1 ? '' : decodeComponent(part.slice(eq + 1));
    params[name] = name in params ? `${params[name]},${value}` : value;
  }
  return Object.keys(params).length > 0 ? params : undefined;
};

const sourceIpOf = (req: IncomingMessage): string => (req.socket.remoteAddress ?? '127.0.0.1').replace(/^::ffff:/, '');

const traceId = (epochMs: number): string =>
  `Root=1-${Math.floor(epochMs / 1000)
    .toString(16)
    .padStart(8, '0')}-${randomBytes(12).toString('hex')}`;

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
const isValidUtf8 = (bytes: Buffer): boolean => {
  try {
    strictUtf8.decode(bytes);
    return true;
  } catch {
    return false;
  }
};

/** The API Gateway HTTP API (payload format 2.0) event for a request, as Lambda receives it. */
export const toHttpApiEvent = (
  req: IncomingMessage,
  body: Buffer,
  options: HttpApiEventOptions,
): APIGatewayProxyEventV2 => {
  const stage = options.stage ?? '$default';
  const url = req.url ?? '/';
  const queryAt = url.indexOf('?');
  const rawPath = queryAt === -1 ? url : url.slice(0, queryAt);
  const rawQueryString = queryAt === -1 ? '' : url.slice(queryAt + 1);

  const headers: Record<string, string> = {};
  const cookies: string[] = [];
  for (const [name, values] of Object.entries(req.headersDistinct)) {
    if (!values) continue;
    // Cookies move to their own field, one entry per cookie, and leave the headers.
    if (name === 'cookie') {
      cookies.push(
        ...values
          .flatMap((v) => v.split(';'))
          .map((c) => c.trim())
          .filter((c) => c !== ''),
      );
      continue;
    }
    headers[name] = values.join(',');
  }
  const sourceIp = sourceIpOf(req);
  // Headers API Gateway adds on its way to the integration.
  headers['x-forwarded-for'] = headers['x-forwarded-for'] ? `${headers['x-forwarded-for']}, ${sourceIp}` : sourceIp;
  headers['x-forwarded-proto'] ??= 'http';
  headers['x-forwarded-port'] ??= String(req.socket.localPort ?? '');
  headers['x-amzn-trace-id'] ??= traceId(options.now);
  if (body.length > 0) headers['content-length'] = String(body.length);

  const domainName = headers.host ?? 'localhost';
  // A text body that is not valid UTF-8 cannot be passed as a string without replacing bytes, so it goes as base64
  // like a binary one: the handler sees the bytes the client sent and refuses them (400 invalid_encoding).
  const isText = TEXT_CONTENT_TYPE.test(headers['content-type'] ?? '') && isValidUtf8(body);
  const queryStringParameters = parseQueryString(rawQueryString);

  return {
    version: '2.0',
    routeKey: '$default',
    rawPath,
    rawQueryString,
    ...(cookies.length > 0 ? { cookies } : {}),
    headers,
    ...(queryStringParameters ? { queryStringParameters } : {}),
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      domainName,
      domainPrefix: domainName.split('.')[0] ?? domainName,
      http: {
        method: req.method ?? 'GET',
        path: rawPath,
        protocol: `HTTP/${req.httpVersion}`,
        sourceIp,
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: options.requestId,
      routeKey: '$default',
      stage,
      time: formatRequestTime(options.now),
      timeEpoch: options.now,
    },
    ...(body.length > 0 ? { body: isText ? body.toString('utf8') : body.toString('base64') } : {}),
    isBase64Encoded: body.length > 0 && !isText,
  };
};

/** Writes a handler's result as API Gateway does: `cookies` become Set-Cookie headers, base64 bodies are decoded. */
export const writeHttpApiResult = (
  res: ServerResponse,
  result: APIGatewayProxyStructuredResultV2,
  options: { requestId?: string } = {},
): void => {
  const body =
    result.body === undefined ? Buffer.alloc(0) : Buffer.from(result.body, result.isBase64Encoded ? 'base64' : 'utf8');
  res.statusCode = result.statusCode ?? 200;
  for (const [name, value] of Object.entries(result.headers ?? {})) res.setHeader(name.toLowerCase(), String(value));
  if (result.cookies && result.cookies.length > 0) res.setHeader('set-cookie', result.cookies);
  if (options.requestId) res.setHeader('apigw-requestid', options.requestId);
  res.setHeader('content-length', body.length);
  res.end(res.req.method === 'HEAD' ? undefined : body);
};

/** API Gateway's own error answers carry `{"message": ...}`, not the application's error shape. */
const gatewayError = (statusCode: number, message: string): APIGatewayProxyStructuredResultV2 => ({
  statusCode,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ message }),
});

export const REQUEST_TOO_LARGE = gatewayError(413, 'Request Entity Too Large');
export const INTERNAL_SERVER_ERROR = gatewayError(500, 'Internal Server Error');

/** Reads the body, giving up (and draining the rest) once it exceeds `limit` bytes. */
export const readRequestBody = (
  req: IncomingMessage,
  limit = API_GATEWAY_MAX_PAYLOAD_BYTES,
): Promise<Buffer | 'too-large'> =>
  new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? '0');
    if (declared > limit) {
      req.resume();
      resolve('too-large');
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) tooLarge = true;
      if (!tooLarge) chunks.push(chunk);
    });
    req.once('end', () => resolve(tooLarge ? 'too-large' : Buffer.concat(chunks)));
    req.once('error', reject);
  });

export type HttpApiHandler = (event: APIGatewayProxyEventV2) => Promise<APIGatewayProxyStructuredResultV2>;

export interface ApiGatewayOptions {
  api: HttpApiHandler;
  now?: () => number;
  newRequestId?: () => string;
  /** One line per failure; the handler's errors never reach the client. */
  log?: (line: string) => void;
}

const defaultRequestId = (): string => randomBytes(8).toString('base64url');

/** The whole round trip for one `/api/*` request. */
export const createApiGateway =
  ({ api, now = Date.now, newRequestId = defaultRequestId, log = console.error }: ApiGatewayOptions) =>
  async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const requestId = newRequestId();
    const body = await readRequestBody(req);
    if (body === 'too-large') {
      writeHttpApiResult(res, REQUEST_TOO_LARGE, { requestId });
      return;
    }
    const event = toHttpApiEvent(req, body, { requestId, now: now() });
    if (Buffer.byteLength(JSON.stringify(event)) > LAMBDA_MAX_PAYLOAD_BYTES) {
      writeHttpApiResult(res, REQUEST_TOO_LARGE, { requestId });
      return;
    }
    let result: APIGatewayProxyStructuredResultV2;
    try {
      result = await api(event);
    } catch (error) {
      log(
        `api: ${event.requestContext.http.method} ${event.rawPath} failed: ${error instanceof Error ? error.message : String(error)}`,
      );
      result = INTERNAL_SERVER_ERROR;
    }
    if (Buffer.byteLength(JSON.stringify(result)) > LAMBDA_MAX_PAYLOAD_BYTES) {
      log(`api: ${event.requestContext.http.method} ${event.rawPath} returned more than Lambda's 6 MB response limit`);
      result = INTERNAL_SERVER_ERROR;
    }
    writeHttpApiResult(res, result, { requestId });
  };
