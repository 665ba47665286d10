import { App, Duration, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { Code, Function as LambdaFunction, Runtime } from 'aws-cdk-lib/aws-lambda';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { describe, expect, it } from 'vitest';
import { PublishingSchedule } from '../../infra/constructs/publishing-schedule.js';
import { findResource, logicalIdOf } from './template-helpers.js';

const build = (every?: Duration) => {
  const stack = new Stack(new App(), 'Test');
  const tick = new LambdaFunction(stack, 'Tick', {
    runtime: Runtime.NODEJS_22_X,
    handler: 'index.handler',
    code: Code.fromInline('exports.handler = async () => {};'),
  });
  const deadLetterQueue = new Queue(stack, 'Failures');
  const schedule = new PublishingSchedule(stack, 'EveryMinute', { tick, deadLetterQueue, ...(every ? { every } : {}) });
  return { stack, schedule, template: Template.fromStack(stack), tick, deadLetterQueue };
};

describe('PublishingSchedule', () => {
  it('invokes the tick every minute, retrying twice, dropping stale events and dead-lettering the rest', () => {
    const { template, tick, deadLetterQueue } = build();
    template.resourceCountIs('AWS::Events::Rule', 1);
    template.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'rate(1 minute)',
      State: 'ENABLED',
      Targets: [
        {
          Arn: { 'Fn::GetAtt': [logicalIdOf(tick), 'Arn'] },
          Id: 'Target0',
          RetryPolicy: { MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 300 },
          DeadLetterConfig: { Arn: { 'Fn::GetAtt': [logicalIdOf(deadLetterQueue), 'Arn'] } },
        },
      ],
    });
  });

  it('lets only this rule invoke the tick', () => {
    const { template, schedule, tick } = build();
    const permissions = findResource(template, 'AWS::Lambda::Permission');
    expect(permissions.map((p) => p.properties)).toEqual([
      {
        Action: 'lambda:InvokeFunction',
        FunctionName: { 'Fn::GetAtt': [logicalIdOf(tick), 'Arn'] },
        Principal: 'events.amazonaws.com',
        SourceArn: { 'Fn::GetAtt': [logicalIdOf(schedule.rule), 'Arn'] },
      },
    ]);
  });

  it('takes another rate when asked', () => {
    build(Duration.minutes(5)).template.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'rate(5 minutes)',
    });
  });

  it('keeps the logical ids a rule built directly in the stack had, its invoke permission included', () => {
    const { template, schedule } = build();
    const before = new Stack(new App(), 'Test');
    const direct = new Rule(before, 'EveryMinute', { schedule: Schedule.rate(Duration.minutes(1)) });
    expect(logicalIdOf(schedule.rule)).toBe(logicalIdOf(direct));
    // The permission is named after the rule's path (`<rule>AllowEventRule<stack><function>`), which did not change.
    expect(findResource(template, 'AWS::Lambda::Permission').map((p) => p.id)).toEqual([
      expect.stringMatching(/^EveryMinuteAllowEventRuleTestTick[0-9A-F]{16}$/),
    ]);
  });
});
