import path from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { UserPool } from 'aws-cdk-lib/aws-cognito';
import { beforeAll, describe, expect, it } from 'vitest';
import { EVENT_RECORD_FILTER } from '../../functions/adapters/dynamodb/stream-record.js';
import { FUNCTION_ENTRIES, REPO_ROOT } from '../../infra/config.js';
import {
  ARTICLE_EVENT_DETAIL_TYPE,
  ARTICLE_EVENT_SOURCE,
  EventPipeline,
} from '../../infra/constructs/event-pipeline.js';
import { findResource, logicalIdOf, policyStatementsOf, type Statement } from './template-helpers.js';

const STREAM = 'arn:aws:dynamodb:eu-central-1:111111111111:table/newsroom/stream/2026-01-01T00:00:00.000';
const TABLE = 'arn:aws:dynamodb:eu-central-1:111111111111:table/newsroom';

let template: Template;
let pipeline: EventPipeline;
let stack: Stack;
let userPool: UserPool;

beforeAll(() => {
  stack = new Stack(new App(), 'Test', { env: { account: '111111111111', region: 'eu-central-1' } });
  userPool = new UserPool(stack, 'Users');
  pipeline = new EventPipeline(stack, 'Events', {
    tableStreamArn: STREAM,
    table: { tableArn: TABLE, indexArns: [`${TABLE}/index/deskQueue`] },
    entry: path.join(REPO_ROOT, FUNCTION_ENTRIES.events),
    environment: { TABLE_NAME: 'newsroom' },
    userPool,
    mailFrom: 'newsroom@news.example.org',
    partnersJson: '[]',
  });
  template = Template.fromStack(stack);
});

const actionsOf = (statements: Statement[]): string[] => statements.flatMap((s) => [s.Action].flat());

describe('EventPipeline', () => {
  it('pipes only inserted EVENT# items from the table stream onto its own bus, dead-lettering what fails', () => {
    template.resourceCountIs('AWS::Pipes::Pipe', 1);
    const [pipe] = findResource(template, 'AWS::Pipes::Pipe');
    expect(pipe!.properties.Source).toBe(STREAM);
    expect(pipe!.properties.Target).toEqual({ 'Fn::GetAtt': [logicalIdOf(pipeline.bus), 'Arn'] });
    expect(JSON.parse(pipe!.properties.SourceParameters.FilterCriteria.Filters[0].Pattern)).toEqual(
      EVENT_RECORD_FILTER,
    );
    expect(pipe!.properties.SourceParameters.DynamoDBStreamParameters).toMatchObject({
      StartingPosition: 'TRIM_HORIZON',
      DeadLetterConfig: { Arn: { 'Fn::GetAtt': [logicalIdOf(pipeline.failures.queue), 'Arn'] } },
    });
    expect(pipe!.properties.TargetParameters.EventBridgeEventBusParameters).toEqual({
      Source: ARTICLE_EVENT_SOURCE,
      DetailType: ARTICLE_EVENT_DETAIL_TYPE,
    });
  });

  it('routes events to one function per consumer, with retries and the failure queue as dead-letter queue', () => {
    const rules = findResource(template, 'AWS::Events::Rule');
    expect(rules).toHaveLength(3);
    for (const rule of rules) {
      expect(rule.properties.EventBusName).toEqual({ Ref: logicalIdOf(pipeline.bus) });
      expect(rule.properties.Targets[0]).toMatchObject({
        RetryPolicy: { MaximumRetryAttempts: 8 },
        DeadLetterConfig: { Arn: { 'Fn::GetAtt': [logicalIdOf(pipeline.failures.queue), 'Arn'] } },
      });
    }
    // The channel and the partners see only what changes what readers see.
    const typed = rules.filter((r) => r.properties.EventPattern.detail);
    expect(typed).toHaveLength(2);
    for (const r of typed) {
      expect(r.properties.EventPattern.detail.dynamodb.NewImage.type.S).toEqual([
        'published',
        'corrected',
        'unpublished',
      ]);
    }
    for (const fn of Object.values(pipeline.consumers)) {
      template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
        FunctionName: { Ref: logicalIdOf(fn.fn) },
        MaximumRetryAttempts: 2,
        DestinationConfig: {
          OnFailure: { Destination: { 'Fn::GetAtt': [logicalIdOf(pipeline.failures.queue), 'Arn'] } },
        },
      });
    }
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { Threshold: 1 });
  });

  it('keeps the bot token out of the template: the secret is created with a placeholder for the operator', () => {
    const secrets = findResource(template, 'AWS::SecretsManager::Secret');
    expect(secrets).toHaveLength(2);
    for (const s of secrets) {
      expect(s.properties.SecretString).toBeUndefined();
      expect(s.properties.GenerateSecretString).toBeDefined();
    }
  });

  it('grants each consumer only what it uses', () => {
    const token = { Ref: logicalIdOf(pipeline.telegramToken) };
    const webhookKey = { Ref: logicalIdOf(pipeline.webhookSecret) };
    const notify = policyStatementsOf(template, logicalIdOf(pipeline.consumers.notify.fn));
    const channel = policyStatementsOf(template, logicalIdOf(pipeline.consumers['telegram-channel'].fn));
    const hooks = policyStatementsOf(template, logicalIdOf(pipeline.consumers.webhooks.fn));

    expect(notify).toContainEqual(
      expect.objectContaining({
        Action: ['cognito-idp:ListUsers', 'cognito-idp:ListUsersInGroup'],
        Resource: { 'Fn::GetAtt': [logicalIdOf(userPool), 'Arn'] },
      }),
    );
    const ses = notify.find((s) => s.Sid === 'SendNotificationMail');
    expect(ses?.Action).toBe('ses:SendEmail');
    expect(JSON.stringify(ses?.Resource)).toContain('identity/newsroom@news.example.org');
    expect(JSON.stringify(ses?.Resource)).toContain('identity/news.example.org');
    expect(JSON.stringify(ses?.Resource)).not.toContain('*');

    const reads = (statements: Statement[]) =>
      statements.filter((s) => actionsOf([s]).includes('secretsmanager:GetSecretValue')).map((s) => s.Resource);
    expect(reads(notify)).toEqual([token]);
    expect(reads(channel)).toEqual([token]);
    expect(reads(hooks)).toEqual([webhookKey]);
    for (const statements of [channel, hooks]) {
      expect(actionsOf(statements)).not.toContain('ses:SendEmail');
      expect(actionsOf(statements)).not.toContain('cognito-idp:ListUsers');
    }
  });
});
