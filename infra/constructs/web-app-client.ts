import { Duration } from 'aws-cdk-lib';
import { OAuthScope, UserPoolClient, UserPoolClientIdentityProvider, type IUserPool } from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';

export interface WebAppClientProps {
  /** The newsroom's users (the stateful stack's pool). */
  userPool: IUserPool;
  /** Where the web app lives (`https://…/newsroom/`): Cognito sends people back here after sign-in and sign-out. */
  webAppUrl: string;
}

/**
 * The newsroom web app's Cognito client: a public client (a browser app cannot keep a secret) using the authorization
 * code flow with PKCE, hosted sign-in only, short-lived tokens and a refresh token for one working day.
 *
 * Logical id: the client is the construct's `Default` child, so it keeps the id it had when the stack built it
 * directly (`WebAppClient…`); renaming it would replace the client and change the client id in every config.json.
 */
export class WebAppClient extends Construct {
  readonly client: UserPoolClient;

  constructor(scope: Construct, id: string, props: WebAppClientProps) {
    super(scope, id);
    this.client = new UserPoolClient(this, 'Default', {
      userPool: props.userPool,
      // Cognito requires PKCE for public clients.
      generateSecret: false,
      authFlows: { user: false, userSrp: false, custom: false, adminUserPassword: false },
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [OAuthScope.OPENID, OAuthScope.EMAIL, OAuthScope.PROFILE],
        callbackUrls: [props.webAppUrl],
        logoutUrls: [props.webAppUrl],
      },
      supportedIdentityProviders: [UserPoolClientIdentityProvider.COGNITO],
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      // A working day; after that the editor signs in again.
      refreshTokenValidity: Duration.hours(12),
    });
  }

  get clientId(): string {
    return this.client.userPoolClientId;
  }
}
