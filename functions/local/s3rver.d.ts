// s3rver 3.7 ships no types; this declares the part the local stack uses (see node_modules/s3rver/lib/s3rver.js).
declare module 's3rver' {
  import type { IncomingMessage, ServerResponse } from 'node:http';

  interface S3rverOptions {
    address?: string;
    port?: number;
    directory?: string;
    silent?: boolean;
    resetOnClose?: boolean;
    allowMismatchedSignatures?: boolean;
    vhostBuckets?: boolean;
  }

  export default class S3rver {
    constructor(options: S3rverOptions);
    callback(): (req: IncomingMessage, res: ServerResponse) => void;
    run(): Promise<{ address: string; port: number }>;
    close(): Promise<void>;
    /** Koa's emitter: `event` carries S3 notification records for object writes and deletes. */
    on(name: 'event', listener: (event: unknown) => void): this;
  }
}
