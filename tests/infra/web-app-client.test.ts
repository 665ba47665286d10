import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { UserPool, UserPoolClient } from 'aws-cdk-lib/aws-cognito';
import { describe, expect, it } from 'vitest';
import { WebAppClient } from '../../infra/constructs/web-app-client.js';
import { logicalIdOf } from './template-helpers.js';

const WEB_APP_URL = 'https://news.example.org/newsroom/';

const build = () => {
  const stack = new Stack(new App(), 'Test');
  const userPool = new UserPool(stack, 'Users');
  const construct = new WebAppClient(stack, 'WebAppClient', { userPool, webAppUrl: WEB_APP_URL });
  return { stack, userPool, construct, template: Template.fromStack(stack) };
};

describe('WebAppClient', () => {
  it('is a public client: authorization code with PKCE, hosted sign-in only, callbacks to the web app', () => {
    const { template } = build();
    template.resourceCountIs('AWS::Cognito::UserPoolClient', 1);
    template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      GenerateSecret: false,
      AllowedOAuthFlows: ['code'],
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthScopes: ['openid', 'email', 'profile'],
      ExplicitAuthFlows: ['ALLOW_REFRESH_TOKEN_AUTH'],
      SupportedIdentityProviders: ['COGNITO'],
      CallbackURLs: [WEB_APP_URL],
      LogoutURLs: [WEB_APP_URL],
      PreventUserExistenceErrors: 'ENABLED',
      EnableTokenRevocation: true,
    });
  });

  it('gives one-hour tokens and a refresh token for a working day', () => {
    build().template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      AccessTokenValidity: 60,
      IdTokenValidity: 60,
      RefreshTokenValidity: 720,
      TokenValidityUnits: { AccessToken: 'minutes', IdToken: 'minutes', RefreshToken: 'minutes' },
    });
  });

  it('keeps the logical id a client built directly in the stack had (no replacement, same client id)', () => {
    const { construct } = build();
    const before = new Stack(new App(), 'Test');
    const direct = new UserPoolClient(before, 'WebAppClient', { userPool: new UserPool(before, 'Users') });
    expect(logicalIdOf(construct.client)).toBe(logicalIdOf(direct));
  });
});
