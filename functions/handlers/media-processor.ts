import * as z from 'zod/mini';
import { createDocumentClient, createS3Client } from '../adapters/aws/clients.js';
import { createDynamoDbMediaStore } from '../adapters/dynamodb/dynamodb-media-store.js';
import { createSharpImageProcessor } from '../adapters/image/sharp-image-processor.js';
import { createS3MediaFiles } from '../adapters/s3/s3-media-files.js';
import { jsonLogger, systemClock } from '../adapters/system.js';
import { HANDLER_ENV } from './config.js';
import { createMediaProcessorHandler } from './media-processor-handler.js';

// Composition root of the processing Lambda: it needs the table and the two buckets, nothing of the API's.
const nonEmpty = z.string().check(z.minLength(1));
const env = z
  .object({
    [HANDLER_ENV.tableName]: nonEmpty,
    [HANDLER_ENV.uploadsBucket]: nonEmpty,
    [HANDLER_ENV.siteBucket]: nonEmpty,
  })
  .parse(process.env);

const s3 = createS3Client();
export const handler = createMediaProcessorHandler({
  media: createDynamoDbMediaStore({ client: createDocumentClient(), tableName: env.TABLE_NAME }),
  files: createS3MediaFiles({ client: s3, uploadsBucket: env.UPLOADS_BUCKET, siteBucket: env.SITE_BUCKET }),
  images: createSharpImageProcessor(),
  clock: systemClock,
  log: jsonLogger,
});
