import { CfnElement, Stack, Validations, type App } from 'aws-cdk-lib';
import type { Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';

/**
 * A resource of a synthesized template, with its logical id. Template JSON is untyped by nature (`any` as in
 * aws-cdk-lib's own `findResources`); tests compare it with literal expectations.
 */
export interface FoundResource {
  id: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  resource: { [key: string]: any };
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  properties: any;
}

export interface Statement {
  Sid?: string;
  Effect: 'Allow' | 'Deny';
  Principal?: unknown;
  Action: string | string[];
  Resource: unknown;
  Condition?: unknown;
}

/** Resources of one type, in template order. */
export const findResource = (template: Template, type: string): FoundResource[] =>
  Object.entries(template.findResources(type)).map(([id, resource]) => ({
    id,
    resource,
    properties: resource.Properties ?? {},
  }));

/** The logical id CloudFormation knows a construct's main resource by. */
export const logicalIdOf = (construct: IConstruct): string => {
  const element = construct.node.defaultChild;
  if (!(element instanceof CfnElement)) throw new Error(`${construct.node.path} has no CloudFormation resource`);
  return Stack.of(element).resolve(element.logicalId) as string;
};

/** Every statement of the policies attached to a function's role, in order. */
export const policyStatementsOf = (template: Template, functionLogicalId: string): Statement[] => {
  const fn = findResource(template, 'AWS::Lambda::Function').find((f) => f.id === functionLogicalId);
  const roleId = fn?.properties.Role?.['Fn::GetAtt']?.[0];
  if (!roleId) throw new Error(`no role for ${functionLogicalId}`);
  return findResource(template, 'AWS::IAM::Policy')
    .filter((p) => JSON.stringify(p.properties.Roles) === JSON.stringify([{ Ref: roleId }]))
    .flatMap((p) => p.properties.PolicyDocument.Statement as Statement[]);
};

/** Every `Validations.acknowledge` in the app, with where it was made. */
export const collectAcknowledgments = (app: App): Array<{ id: string; reason: string; path: string }> =>
  app.node.findAll().flatMap((c) =>
    c.node.metadata
      .filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((m) =>
        Object.entries(m.data as Record<string, string>).map(([id, reason]) => ({
          id: id.replace(/^Annotation::/i, ''),
          reason,
          path: c.node.path,
        })),
      ),
  );

/**
 * Asset hashes change with every edit of the application code; the snapshot is about infrastructure, so they are
 * replaced by a placeholder.
 */
export const normalizeForSnapshot = (template: unknown): unknown =>
  JSON.parse(JSON.stringify(template).replace(/[0-9a-f]{64}(\.zip|\.json)?/g, '[asset hash]'));
