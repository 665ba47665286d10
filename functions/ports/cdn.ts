/** The CDN in front of the public site. Paths are site paths (`/politics/`), `/*` suffix allowed as a wildcard. */
export interface Cdn {
  invalidate(paths: readonly string[]): Promise<void>;
}
