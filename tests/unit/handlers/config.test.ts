import { describe, expect, it } from 'vitest';
import { parseHandlerConfig } from '../../../functions/handlers/config.js';

const env = {
  TABLE_NAME: 'newsroom',
  SITE_BUCKET: 'site',
  UPLOADS_BUCKET: 'uploads',
  SITE_BASE_URL: 'https://news.example.org/',
  DISTRIBUTION_ID: 'E123ABC',
  AUTH_ISSUER: 'https://cognito-idp.eu-central-1.amazonaws.com/eu-central-1_abc',
  AUTH_AUDIENCE: 'client',
  AUTH_JWKS_URL: 'https://cognito-idp.eu-central-1.amazonaws.com/eu-central-1_abc/.well-known/jwks.json',
};

describe('parseHandlerConfig', () => {
  it('reads the environment once into a typed config', () => {
    expect(parseHandlerConfig(env)).toMatchObject({
      siteBaseUrl: 'https://news.example.org',
      distributionId: 'E123ABC',
      uploadsBucket: 'uploads',
    });
  });

  it('refuses to start without the uploads bucket (the photo desk could not upload or publish an image)', () => {
    const { UPLOADS_BUCKET: _u, ...rest } = env;
    expect(() => parseHandlerConfig(rest)).toThrow(/UPLOADS_BUCKET/);
  });

  it('refuses to start without the distribution, naming it (invalidations would silently be skipped)', () => {
    const { DISTRIBUTION_ID: _d, ...rest } = env;
    expect(() => parseHandlerConfig(rest)).toThrow(/DISTRIBUTION_ID/);
  });
});
