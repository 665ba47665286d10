import { App, CloudFormationValidatePlugin, Validations, type AppProps } from 'aws-cdk-lib';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { DEPLOY_CONTEXT_KEYS, parseDeployConfig, type DeployConfig } from './config.js';
import { StatefulStack } from './stacks/stateful-stack.js';
import { StatelessStack } from './stacks/stateless-stack.js';

/**
 * Context every synthesis gets, from the CLI or from a test. CloudFormation validation findings are errors, not
 * warnings (the default downgrades them), so a template CloudFormation would reject never reaches `cdk deploy`.
 */
export const NEWSROOM_APP_CONTEXT = {
  '@aws-cdk/core:validateAgainstDefaultRules': true,
  // Strong references (CloudFormation exports): the stateful stack cannot drop a value the stateless one still uses.
  '@aws-cdk/core:defaultCrossStackReferences': 'strong',
} as const;

export const STACK_NAMES = { stateful: 'NewsroomStateful', stateless: 'NewsroomStateless' } as const;

export interface NewsroomApp {
  app: App;
  config: DeployConfig;
  stateful: StatefulStack;
  stateless: StatelessStack;
}

/** cdk-nag's AwsSolutions and Serverless packs and CloudFormation's own validator, run at every synthesis. */
export const addNewsroomValidations = (app: App): void => {
  Validations.of(app).addPlugins(
    new AwsSolutionsChecks(app),
    new ServerlessChecks(app),
    new CloudFormationValidatePlugin(),
  );
};

/**
 * Builds the whole app: both stacks, cdk-nag's AwsSolutions and Serverless packs and the CloudFormation validator as
 * synthesis-time validations. `app.synth()` (and `cdk synth`) fails on any unacknowledged error.
 */
export const buildNewsroomApp = (props: AppProps = {}, config?: DeployConfig): NewsroomApp => {
  const app = new App({ ...props, context: { ...NEWSROOM_APP_CONTEXT, ...props.context } });
  const resolved =
    config ??
    parseDeployConfig(Object.fromEntries(DEPLOY_CONTEXT_KEYS.map((key) => [key, app.node.tryGetContext(key)])));

  addNewsroomValidations(app);

  const stateful = new StatefulStack(app, STACK_NAMES.stateful, {
    config: resolved,
    description: 'Newsroom data: table, buckets, user pool (retained on deletion)',
  });
  const stateless = new StatelessStack(app, STACK_NAMES.stateless, {
    config: resolved,
    stateful,
    description: 'Newsroom services: functions, API, distribution (replaceable)',
  });
  return { app, config: resolved, stateful, stateless };
};
