/**
 * The 404 function's one environment variable. Apart from functions/handlers/config.ts on purpose: that module
 * builds zod schemas when imported, and zod would then be bundled and loaded by this small function. A test checks
 * the name is the one in HANDLER_ENV.
 */
export const NOT_FOUND_BUCKET_ENV = 'SITE_BUCKET';
