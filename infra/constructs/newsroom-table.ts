import { RemovalPolicy } from 'aws-cdk-lib';
import {
  AttributeType,
  BillingMode,
  ProjectionType,
  StreamViewType,
  Table,
  TableEncryption,
} from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import {
  type IndexDefinition,
  TABLE_INDEXES,
  TABLE_PARTITION_KEY,
  TABLE_SORT_KEY,
  TABLE_TTL_ATTRIBUTE,
} from '../../functions/adapters/dynamodb/table-definition.js';
import { isOptedOut, type SafeDefault } from './opt-out.js';

export interface NewsroomTableProps {
  /**
   * Point-in-time recovery (35 days of restorable history). On by default: the table is the newsroom's record of
   * every article, revision and event; an opt-out must say why.
   */
  pointInTimeRecovery?: SafeDefault;
  /**
   * Deletion protection and retention on stack deletion. On by default so that neither a stray `cdk destroy` nor a
   * console click can drop the archive; an opt-out (for throw-away test stacks) must say why.
   */
  protection?: SafeDefault;
}

/**
 * The newsroom's single table, built from the same definition the local stack uses (keys, GSIs, TTL), so the
 * emulator and AWS cannot drift apart. On-demand billing: a newsroom's traffic is spiky and small.
 *
 * Logical id: the table is `Resource` under this construct's id (`Table` in the stateful stack). Never rename
 * either: CloudFormation would create a new, empty table.
 */
export class NewsroomTable extends Construct {
  readonly table: Table;
  /** ARNs of each GSI, named one by one so that grants never need an `index/*` wildcard. */
  readonly indexArns: string[];

  constructor(scope: Construct, id: string, props: NewsroomTableProps = {}) {
    super(scope, id);
    const pitr = !isOptedOut(props.pointInTimeRecovery);
    const protect = !isOptedOut(props.protection);

    // Table (AWS::DynamoDB::Table) rather than TableV2 (a global table): one region is enough, and switching
    // later would replace the resource.
    const table = new Table(this, 'Resource', {
      partitionKey: { name: TABLE_PARTITION_KEY, type: AttributeType.STRING },
      sortKey: { name: TABLE_SORT_KEY, type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      encryption: TableEncryption.AWS_MANAGED,
      timeToLiveAttribute: TABLE_TTL_ATTRIBUTE,
      // Commits that make site work due start the publishing job (SiteWorkTrigger); enabling it is an in-place update.
      stream: StreamViewType.NEW_IMAGE,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: pitr },
      deletionProtection: protect,
      removalPolicy: protect ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    for (const index of TABLE_INDEXES as readonly IndexDefinition[]) {
      table.addGlobalSecondaryIndex({
        indexName: index.indexName,
        partitionKey: { name: index.partitionKey, type: AttributeType.STRING },
        sortKey: { name: index.sortKey, type: AttributeType.STRING },
        ...(index.projectedAttributes
          ? { projectionType: ProjectionType.INCLUDE, nonKeyAttributes: [...index.projectedAttributes] }
          : { projectionType: ProjectionType.ALL }),
      });
    }
    for (const [name, setting] of Object.entries({
      pointInTimeRecovery: props.pointInTimeRecovery,
      protection: props.protection,
    })) {
      if (isOptedOut(setting)) this.node.addMetadata(`newsroom:opt-out:${name}`, setting.reason);
    }
    this.table = table;
    this.indexArns = TABLE_INDEXES.map((index) => `${table.tableArn}/index/${index.indexName}`);
  }
}
