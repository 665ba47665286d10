/**
 * Cache-Control for what the site bucket serves. Browsers keep pages briefly; the CDN keeps them until we invalidate
 * exactly the changed paths, which every publish, correction and take-down does.
 */
export const CACHE_CONTROL = {
  page: 'public, max-age=60, s-maxage=31536000, stale-while-revalidate=60',
  feed: 'public, max-age=300, s-maxage=31536000',
  asset: 'public, max-age=31536000, immutable',
} as const;

export const CONTENT_TYPES = {
  html: 'text/html; charset=utf-8',
  rss: 'application/rss+xml; charset=utf-8',
  atom: 'application/atom+xml; charset=utf-8',
  xml: 'application/xml; charset=utf-8',
} as const;
