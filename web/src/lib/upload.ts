import { ACCEPTED_IMAGE_TYPES, MEDIA_LIMITS } from '../../../functions/contract/media-vocabulary.js';
import { ApiError } from './api.js';
import type { Media, MediaApi, UploadTicket } from './media-api.js';

/**
 * Uploading a photograph and following it until it is processed (issue 11 §7): the pure steps of the photo panel,
 * testable without a browser. The bytes go straight to the uploads bucket with the presigned POST or PUT the API
 * returned, through XMLHttpRequest: fetch() has no upload progress events in browsers yet.
 */

/** What the app knows before asking the server: the type the browser reports and the size. */
export const checkImageFile = (file: { type: string; size: number }): ApiError | undefined => {
  if (!(ACCEPTED_IMAGE_TYPES as readonly string[]).includes(file.type)) {
    return new ApiError(415, 'media_type_unsupported', `"${file.type || 'unknown'}" is not an accepted image type`);
  }
  if (file.size > MEDIA_LIMITS.uploadBytes) {
    return new ApiError(
      413,
      'media_too_large',
      `the file is ${file.size} bytes; the limit is ${MEDIA_LIMITS.uploadBytes}`,
    );
  }
  return undefined;
};

/** Whole percent sent, 0..100; 0 while the total is unknown. */
export const percentOf = (loaded: number, total: number): number =>
  total > 0 ? Math.min(100, Math.max(0, Math.floor((loaded / total) * 100))) : 0;

/** The XMLHttpRequest surface the upload uses (a fake one in tests). */
export interface UploadRequest {
  open(method: string, url: string): void;
  setRequestHeader(name: string, value: string): void;
  send(body: Document | XMLHttpRequestBodyInit | null): void;
  abort(): void;
  readonly status: number;
  readonly upload: { onprogress: ((event: ProgressEvent) => void) | null };
  onload: ((event: ProgressEvent) => void) | null;
  onerror: ((event: ProgressEvent) => void) | null;
  onabort: ((event: ProgressEvent) => void) | null;
}

export interface SendUploadOptions {
  onProgress: (percent: number) => void;
  createRequest?: () => UploadRequest;
  signal?: AbortSignal;
}

/**
 * Send the file as the ticket says: POST = multipart form with the presigned fields first and the file last (S3
 * ignores fields after `file`); PUT = the bytes with the signed headers. Resolves when storage answers 2xx.
 */
export const sendUpload = (ticket: UploadTicket, file: Blob, options: SendUploadOptions): Promise<void> =>
  new Promise((resolve, reject) => {
    const request = options.createRequest?.() ?? new XMLHttpRequest();
    request.open(ticket.method, ticket.url);
    request.upload.onprogress = (event) => options.onProgress(percentOf(event.loaded, event.total));
    request.onload = () => {
      if (request.status >= 200 && request.status < 300) {
        options.onProgress(100);
        resolve();
      } else {
        reject(new ApiError(request.status, 'upload_failed', `the uploads bucket answered ${request.status}`));
      }
    };
    request.onerror = () => reject(new ApiError(0, 'network', 'the upload did not reach the uploads bucket'));
    request.onabort = () => reject(new DOMException('upload cancelled', 'AbortError'));
    options.signal?.addEventListener('abort', () => request.abort(), { once: true });
    if (ticket.method === 'POST') {
      const form = new FormData();
      for (const [name, value] of Object.entries(ticket.fields)) form.append(name, value);
      form.append('file', file);
      request.send(form);
    } else {
      for (const [name, value] of Object.entries(ticket.headers ?? {})) request.setRequestHeader(name, value);
      request.send(file);
    }
  });

export interface PollOptions {
  /** Waits between two reads; the default grows from 0.5 s to 3 s (processing takes a few seconds). */
  delays?: readonly number[];
  /** Reads before giving up (the image stays in my images; the grid shows its state later). */
  maxReads?: number;
  sleep?: (ms: number) => Promise<void>;
  signal?: AbortSignal;
  onRead?: (media: Media) => void;
}

const DEFAULT_DELAYS = [500, 1000, 1500, 2000, 3000];
const wait = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export const isSettled = (media: Media): boolean => media.status === 'ready' || media.status === 'failed';

/** Read the image until processing has settled (ready or failed); undefined when it is still going after maxReads. */
export const pollUntilSettled = async (
  api: Pick<MediaApi, 'get'>,
  id: string,
  options: PollOptions = {},
): Promise<Media | undefined> => {
  const delays = options.delays ?? DEFAULT_DELAYS;
  const sleep = options.sleep ?? wait;
  const maxReads = options.maxReads ?? 60;
  for (let read = 0; read < maxReads; read += 1) {
    if (options.signal?.aborted) return undefined;
    const media = await api.get(id);
    options.onRead?.(media);
    if (isSettled(media)) return media;
    await sleep(delays[Math.min(read, delays.length - 1)] ?? 1000);
  }
  return undefined;
};

/** The rendition to show in the app: the narrowest JPEG at least `width` wide of a crop, else the widest. */
export const pickRendition = (media: Media, ratio: Media['renditions'][number]['ratio'], width: number) => {
  const jpegs = media.renditions
    .filter((r) => r.ratio === ratio && r.format === 'jpeg')
    .sort((a, b) => a.width - b.width);
  return jpegs.find((r) => r.width >= width) ?? jpegs.at(-1);
};
