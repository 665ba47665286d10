import { Aws, Duration, Fn, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import {
  AccountRecovery,
  CfnUserPoolGroup,
  FeaturePlan,
  Mfa,
  StringAttribute,
  UserPool,
  UserPoolDomain,
} from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { CHIEF_EDITORS_GROUP, deskGroup, REPORTERS_GROUP } from '../../functions/domain/principal.js';
import type { DeskInfo } from '../../functions/domain/render/types.js';

export interface NewsroomUserPoolProps {
  /** One `desk-<id>` group is created for each desk; the API reads roles from the `cognito:groups` claim. */
  desks: readonly DeskInfo[];
  /** Second factor at sign-in (TOTP apps only: SMS costs money and needs an SNS role). Default `required`. */
  mfa?: 'required' | 'optional';
  /** Hosted sign-in domain prefix, unique in the region. Default `newsroom-<account id>`. */
  domainPrefix?: string;
}

/** The groups the newsroom knows, in the order people are usually set up. */
export const groupNamesFor = (desks: readonly DeskInfo[]): string[] => [
  REPORTERS_GROUP,
  CHIEF_EDITORS_GROUP,
  ...desks.map((d) => deskGroup(d.id)),
];

/**
 * The newsroom's people: a user pool with the role groups, a strong password policy, MFA and the hosted sign-in
 * domain. Nobody signs themselves up: accounts are created by an administrator (`npm run users`).
 *
 * Logical ids: the pool is `Resource` under this construct's id (`Users` in the stateful stack). Renaming it creates
 * a new, empty pool: every user would have to be invited again.
 */
export class NewsroomUserPool extends Construct {
  readonly userPool: UserPool;
  readonly domain: UserPoolDomain;
  readonly groupNames: string[];

  constructor(scope: Construct, id: string, props: NewsroomUserPoolProps) {
    super(scope, id);
    const mfa = props.mfa ?? 'required';
    this.userPool = new UserPool(this, 'Resource', {
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      signInCaseSensitive: false,
      autoVerify: { email: true },
      standardAttributes: { email: { required: true, mutable: true }, fullname: { required: false, mutable: true } },
      // The chat a user linked with the newsroom bot, for Telegram direct messages (issue 13).
      customAttributes: { telegram_chat_id: new StringAttribute({ mutable: true, maxLen: 32 }) },
      passwordPolicy: {
        minLength: 14,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      mfa: mfa === 'required' ? Mfa.REQUIRED : Mfa.OPTIONAL,
      mfaSecondFactor: { otp: true, sms: false },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      // Essentials: the free tier's features are what the newsroom uses; threat protection needs the Plus plan.
      featurePlan: FeaturePlan.ESSENTIALS,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    Validations.of(this.userPool).acknowledge(
      {
        id: 'AwsSolutions-COG3',
        reason:
          'Threat protection (advanced security) needs the Cognito Plus plan, billed per user; the pool has no self sign-up, a 14-character password policy and TOTP MFA instead.',
      },
      {
        id: 'AwsSolutions-COG8',
        reason:
          'The Plus feature plan is billed per monthly active user; the newsroom needs only Essentials features (hosted sign-in, groups, TOTP MFA).',
      },
    );
    if (mfa !== 'required') {
      Validations.of(this.userPool).acknowledge({
        id: 'AwsSolutions-COG2',
        reason: 'The deployer chose optional MFA (context mfa=optional); users may still enrol a TOTP app.',
      });
    }

    this.groupNames = groupNamesFor(props.desks);
    for (const groupName of this.groupNames) {
      // The group name doubles as the construct id so the logical id of each group is stable when desks are added.
      const group = new CfnUserPoolGroup(this, groupName, {
        userPoolId: this.userPool.userPoolId,
        groupName,
        description: describeGroup(groupName, props.desks),
      });
      // Retained with the pool: deleting a group would silently strip everyone's role in it.
      group.applyRemovalPolicy(RemovalPolicy.RETAIN);
    }

    this.domain = this.userPool.addDomain('HostedSignIn', {
      cognitoDomain: { domainPrefix: props.domainPrefix ?? Fn.join('-', ['newsroom', Aws.ACCOUNT_ID]) },
    });
  }

  /**
   * The tokens' issuer (`iss`), where the JWKS also lives. Built like the API Gateway authorizer builds it, so the
   * functions and the authorizer check the same value; the pool's ProviderURL attribute lacks the `https://`.
   */
  get issuerUrl(): string {
    return `https://cognito-idp.${Stack.of(this).region}.amazonaws.com/${this.userPool.userPoolId}`;
  }
}

const describeGroup = (groupName: string, desks: readonly DeskInfo[]): string => {
  if (groupName === REPORTERS_GROUP) return 'Reporters: write drafts and submit them to a desk';
  if (groupName === CHIEF_EDITORS_GROUP) return 'Editors-in-chief: edit and publish on every desk';
  const desk = desks.find((d) => deskGroup(d.id) === groupName);
  return `Desk editors: ${desk ? `${desk.id} (${desk.name})` : groupName}`;
};
