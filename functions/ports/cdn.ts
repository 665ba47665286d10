/**
 * The CDN in front of the public site. Takes site paths as readers see them (`/politics/`, `/feed.xml`, a `/*`
 * suffix as a wildcard); how the CDN keys its cache (CloudFront's rewritten `/x/index.html`) is the adapter's concern.
 */
export interface Cdn {
  invalidate(paths: readonly string[]): Promise<void>;
}
