/**
 * The two pieces of the CloudFront SDK the adapter uses, in a module of their own so that it can be imported lazily
 * and still be tree-shaken (a dynamic import of the package itself would bundle every command it has).
 */
export { CloudFrontClient, CreateInvalidationCommand } from '@aws-sdk/client-cloudfront';
