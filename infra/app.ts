// The CDK app (cdk.json: "npx tsx infra/app.ts"). Options come from context: see infra/README.md.
import { buildNewsroomApp } from './newsroom-app.js';

buildNewsroomApp();
