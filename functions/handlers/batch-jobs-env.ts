/** The batch worker's own environment variable (read by batch-jobs.ts, set by infra/constructs/batch-jobs.ts). */
export const JOBS_BUCKET_ENV = 'NEWSROOM_JOBS_BUCKET';
