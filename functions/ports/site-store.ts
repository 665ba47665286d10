/**
 * The public site's object store (the S3 site bucket). Keys are object keys (`politics/index.html`), derived from
 * site paths by `siteObjectKey` so every writer and the CDN agree.
 */
export interface SiteObject {
  key: string;
  body: string;
  contentType: string;
  cacheControl: string;
  /** A page that must be answered with this status instead of 200 (S3 metadata, turned into a status at the edge). */
  status?: 410;
}

export interface StoredSiteObject {
  key: string;
  body: Uint8Array;
  contentType?: string;
  cacheControl?: string;
  etag?: string;
  lastModified?: Date;
  /** Object metadata, lower-case names without the x-amz-meta- prefix. */
  metadata: Record<string, string>;
}

export interface SiteStore {
  put(object: SiteObject): Promise<void>;
  /** undefined when there is no such object. */
  get(key: string): Promise<StoredSiteObject | undefined>;
  delete(key: string): Promise<void>;
}

/** `/x/` → `x/index.html`, `/feed.xml` → `feed.xml`: the same mapping as the edge's viewer-request function. */
export const siteObjectKey = (sitePath: string): string => {
  const withIndex = sitePath.endsWith('/') ? `${sitePath}index.html` : sitePath;
  return withIndex.replace(/^\/+/, '');
};

/** The metadata name S3 stores the status marker under (edge/viewer-response.js reads x-amz-meta-newsroom-status). */
export const STATUS_METADATA_KEY = 'newsroom-status';
