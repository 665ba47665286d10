/**
 * Hash routes (`#/review/<id>`): CloudFront and the local server only ever serve /newsroom/index.html, so no
 * SPA fallback is needed anywhere.
 */
export const QUEUE_STATUSES = ['submitted', 'changes_requested', 'approved', 'scheduled', 'published'] as const;
export type QueueStatus = (typeof QUEUE_STATUSES)[number];

export type Route =
  | { name: 'home' }
  | { name: 'mine' }
  | { name: 'new' }
  | { name: 'inbox' }
  | { name: 'edit'; id: string }
  | { name: 'review'; id: string }
  | { name: 'queue'; desk: string; status: QueueStatus }
  | { name: 'not-found'; path: string };

const isQueueStatus = (value: string): value is QueueStatus => (QUEUE_STATUSES as readonly string[]).includes(value);

export const parseRoute = (hash: string): Route => {
  const path = hash.replace(/^#/, '') || '/';
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  const [first, second, third] = parts;
  if (parts.length === 0) return { name: 'home' };
  if (first === 'mine' && parts.length === 1) return { name: 'mine' };
  if (first === 'new' && parts.length === 1) return { name: 'new' };
  if (first === 'inbox' && parts.length === 1) return { name: 'inbox' };
  if (first === 'articles' && second && parts.length === 2) return { name: 'edit', id: second };
  if (first === 'review' && second && parts.length === 2) return { name: 'review', id: second };
  if (first === 'desk' && second && parts.length <= 3) {
    const status = third ?? 'submitted';
    if (isQueueStatus(status)) return { name: 'queue', desk: second, status };
  }
  return { name: 'not-found', path };
};

export const buildHref = (route: Exclude<Route, { name: 'not-found' }>): string => {
  switch (route.name) {
    case 'home':
      return '#/';
    case 'mine':
      return '#/mine';
    case 'new':
      return '#/new';
    case 'inbox':
      return '#/inbox';
    case 'edit':
      return `#/articles/${encodeURIComponent(route.id)}`;
    case 'review':
      return `#/review/${encodeURIComponent(route.id)}`;
    case 'queue':
      return `#/desk/${encodeURIComponent(route.desk)}/${route.status}`;
  }
};
