import * as z from 'zod/mini';

/**
 * What the app reads that is not the newsroom API (whose shapes are in functions/contract): its own config.json and
 * Cognito's token endpoint. zod/mini keeps the parsers small in the bundle.
 */
export const demoUserSchema = z.object({
  sub: z.string(),
  name: z.string(),
  groups: z.array(z.string()),
  role: z.optional(z.string()),
});
export type DemoUser = z.infer<typeof demoUserSchema>;

export const appConfigSchema = z.discriminatedUnion('auth', [
  z.object({ auth: z.literal('local'), demoUsers: z.array(demoUserSchema) }),
  z.object({
    auth: z.literal('cognito'),
    cognitoDomain: z.string(),
    clientId: z.string(),
    redirectUri: z.string(),
    region: z.optional(z.string()),
    scopes: z.optional(z.string()),
  }),
]);
export type AppConfig = z.infer<typeof appConfigSchema>;

export const tokenResponseSchema = z.object({
  id_token: z.string(),
  access_token: z.optional(z.string()),
  refresh_token: z.optional(z.string()),
  expires_in: z.optional(z.number()),
});
