/**
 * Runs s3rver in its own process (started by emulators.ts with NODE_OPTIONS=--openssl-legacy-provider). Reports
 * `listening` or `failed` to the parent over IPC, and exits when the parent goes away, whatever the way.
 */
import { createServer } from 'node:http';
import { parseArgs } from 'node:util';
import S3rver from 's3rver';
import { z } from 'zod';
import type { S3rverMessage } from './emulators.js';

const argsSchema = z.object({
  port: z.coerce.number().int().min(1).max(65_535),
  directory: z.string().min(1),
});

const report = (message: S3rverMessage): void => {
  process.send?.(message);
};

const { values } = parseArgs({ options: { port: { type: 'string' }, directory: { type: 'string' } } });
const args = argsSchema.parse(values);

const s3rver = new S3rver({ directory: args.directory, silent: true, address: '127.0.0.1', port: args.port });
// Object events (the S3 notification shape) go to the parent, which hands them to the photo processor.
s3rver.on('event', (event: unknown) => report({ type: 'object-event', event }));
// Our own HTTP server around s3rver's request handler: its run() leaves a failed listen as an uncaught exception.
const server = createServer(s3rver.callback());
server.once('error', (error: NodeJS.ErrnoException) => {
  report({ type: 'failed', code: error.code ?? 'ERROR', message: error.message });
  process.exit(1);
});
server.listen(args.port, '127.0.0.1', () => report({ type: 'listening', port: args.port }));

const shutDown = (): void => {
  server.close();
  process.exit(0);
};
process.on('disconnect', shutDown);
process.on('SIGTERM', shutDown);
process.on('SIGINT', shutDown);
