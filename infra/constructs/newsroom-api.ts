import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  HttpApi,
  HttpMethod,
  HttpStage,
  LogGroupLogDestination,
  type IHttpRouteAuthorizer,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';

/**
 * The deployed API's routes (architecture.md §3), declared one by one rather than as a `$default` catch-all so
 * that every route carries the authorizer and nothing unlisted reaches a function. The local-only
 * `POST /api/dev/token` is deliberately absent.
 */
export const API_ROUTES = [
  { method: HttpMethod.POST, path: '/api/articles' },
  { method: HttpMethod.GET, path: '/api/articles' },
  { method: HttpMethod.GET, path: '/api/articles/{id}' },
  { method: HttpMethod.PUT, path: '/api/articles/{id}' },
  { method: HttpMethod.POST, path: '/api/articles/{id}/{action}' },
  { method: HttpMethod.GET, path: '/api/articles/{id}/history' },
  { method: HttpMethod.GET, path: '/api/articles/{id}/revisions/{n}' },
  { method: HttpMethod.POST, path: '/api/articles/{id}/comments' },
  { method: HttpMethod.GET, path: '/api/articles/{id}/preview' },
  // Photo desk (issue 11).
  { method: HttpMethod.POST, path: '/api/media' },
  { method: HttpMethod.GET, path: '/api/media' },
  { method: HttpMethod.GET, path: '/api/media/{id}' },
  { method: HttpMethod.PUT, path: '/api/media/{id}' },
  { method: HttpMethod.GET, path: '/api/media/{id}/renditions/{file}' },
] as const;

export interface NewsroomApiProps {
  /** Steady-state requests per second and burst for the whole stage (protects the table and the bill). */
  throttle: { rateLimit: number; burstLimit: number };
  /** Days to keep the JSON access logs. Default three months. */
  accessLogRetention?: RetentionDays;
}

/**
 * The HTTP API behind `/api/*` on the distribution: one `$default` stage with throttling and JSON access logs.
 * Routes are added with `addRoutes` once the handler function and the authorizer exist (the function's
 * environment needs the distribution, which needs this API's endpoint).
 */
export class NewsroomApi extends Construct {
  readonly httpApi: HttpApi;
  readonly stage: HttpStage;
  readonly accessLogs: LogGroup;

  constructor(scope: Construct, id: string, props: NewsroomApiProps) {
    super(scope, id);
    this.httpApi = new HttpApi(this, 'Resource', {
      description: 'Newsroom API (reached through the CloudFront distribution under /api/*)',
      createDefaultStage: false,
    });
    this.accessLogs = new LogGroup(this, 'AccessLogs', {
      retention: props.accessLogRetention ?? RetentionDays.THREE_MONTHS,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.stage = new HttpStage(this, 'DefaultStage', {
      httpApi: this.httpApi,
      stageName: '$default',
      autoDeploy: true,
      throttle: props.throttle,
      accessLogSettings: {
        destination: new LogGroupLogDestination(this.accessLogs),
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            time: '$context.requestTime',
            ip: '$context.identity.sourceIp',
            userAgent: '$context.identity.userAgent',
            method: '$context.httpMethod',
            path: '$context.path',
            routeKey: '$context.routeKey',
            status: '$context.status',
            responseLength: '$context.responseLength',
            latencyMs: '$context.responseLatency',
            integrationStatus: '$context.integrationStatus',
            integrationError: '$context.integrationErrorMessage',
            authorizerError: '$context.authorizer.error',
            sub: '$context.authorizer.claims.sub',
          }),
        ),
      },
    });
  }

  /** The host name CloudFront forwards `/api/*` to. */
  get originDomainName(): string {
    const stack = Stack.of(this);
    return `${this.httpApi.apiId}.execute-api.${stack.region}.${stack.urlSuffix}`;
  }

  /** Declares every route of `API_ROUTES` on `handler`, each behind `authorizer`. */
  addRoutes(handler: IFunction, authorizer: IHttpRouteAuthorizer): void {
    const integration = new HttpLambdaIntegration('Handler', handler, { timeout: Duration.seconds(29) });
    for (const route of API_ROUTES) {
      this.httpApi.addRoutes({ path: route.path, methods: [route.method], integration, authorizer });
    }
  }
}
