/**
 * Response headers for the public site and the newsroom app. CloudFront's response headers policies and the
 * local CDN both take them from here.
 */
export const PUBLIC_SITE_CSP = [
  "default-src 'none'",
  // Pages carry their CSS inline (one round trip); no script may run on a public page.
  "style-src 'unsafe-inline'",
  "img-src 'self' https: data:",
  // Crawlers and audits (Lighthouse's SEO check) fetch /robots.txt from the page's own origin.
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export const NEWSROOM_APP_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' https: data:",
  "connect-src 'self' https:",
  "frame-src 'self'",
  "base-uri 'none'",
  "form-action 'self' https:",
  "frame-ancestors 'none'",
].join('; ');

/**
 * The app's policy with more places it may connect to: the local stack's uploads go straight to s3rver, an http://
 * origin that `https:` does not cover (in AWS the presigned POST goes to an https:// S3 endpoint).
 */
export const withConnectSources = (csp: string, origins: readonly string[]): string =>
  origins.length === 0
    ? csp
    : csp
        .split('; ')
        .map((d) => (d.startsWith('connect-src ') ? `${d} ${origins.join(' ')}` : d))
        .join('; ');

export interface SecurityHeaders {
  contentSecurityPolicy: string;
  strictTransportSecurity: { maxAgeSeconds: number; includeSubdomains: boolean; preload: boolean };
  referrerPolicy: 'strict-origin-when-cross-origin';
  frameOptions: 'DENY';
  contentTypeOptions: 'nosniff';
}

export const securityHeadersFor = (csp: string): SecurityHeaders => ({
  contentSecurityPolicy: csp,
  strictTransportSecurity: { maxAgeSeconds: 63_072_000, includeSubdomains: true, preload: false },
  referrerPolicy: 'strict-origin-when-cross-origin',
  frameOptions: 'DENY',
  contentTypeOptions: 'nosniff',
});

/** The same policy as plain HTTP headers (the local CDN sets these on every response). */
export const toHttpHeaders = (h: SecurityHeaders): Record<string, string> => ({
  'content-security-policy': h.contentSecurityPolicy,
  'strict-transport-security': `max-age=${h.strictTransportSecurity.maxAgeSeconds}${
    h.strictTransportSecurity.includeSubdomains ? '; includeSubDomains' : ''
  }${h.strictTransportSecurity.preload ? '; preload' : ''}`,
  'referrer-policy': h.referrerPolicy,
  'x-frame-options': h.frameOptions,
  'x-content-type-options': h.contentTypeOptions,
});
