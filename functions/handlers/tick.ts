// Placeholder until the scheduled-publishing tick lands (issue 2); exists so the CDK app can bundle it.
export const handler = async (): Promise<void> => {};
