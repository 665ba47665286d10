/** `/politics/2026/11/20/slug/` → { desk, day: '2026-11-20', month: '2026-11' }: the desk-local date in the URL. */
export const datePartsOfPath = (path: string): { desk: string; day: string; month: string } => {
  const m = /^\/([^/]+)\/(\d{4})\/(\d{2})\/(\d{2})\//.exec(path);
  if (!m) throw new Error(`not an article path: ${path}`);
  const [, desk = '', year = '', month = '', day = ''] = m;
  return { desk, day: `${year}-${month}-${day}`, month: `${year}-${month}` };
};
