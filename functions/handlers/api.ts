// Placeholder until the API composition root lands (issue 2); exists so the CDK app can bundle it.
export const handler = async (): Promise<{ statusCode: number; body: string }> => ({
  statusCode: 503,
  body: JSON.stringify({ error: { code: 'unavailable', message: 'API not built yet' } }),
});
