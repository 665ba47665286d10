import path from 'node:path';
import { Duration } from 'aws-cdk-lib';
import type { ICertificate } from 'aws-cdk-lib/aws-certificatemanager';
import {
  AllowedMethods,
  CachePolicy,
  Distribution,
  FunctionCode,
  FunctionEventType,
  FunctionRuntime,
  Function as CloudFrontFunction,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  HttpVersion,
  OriginProtocolPolicy,
  OriginRequestPolicy,
  OriginSslPolicy,
  ResponseHeadersPolicy,
  SecurityPolicyProtocol,
  ViewerProtocolPolicy,
  type IOrigin,
} from 'aws-cdk-lib/aws-cloudfront';
import { FunctionUrlOrigin, HttpOrigin, OriginGroup, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import type { IFunctionUrl } from 'aws-cdk-lib/aws-lambda';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import {
  NEWSROOM_APP_CSP,
  PUBLIC_SITE_CSP,
  securityHeadersFor,
  type SecurityHeaders,
} from '../../functions/edge/security-headers.js';
import { REPO_ROOT } from '../config.js';

/** The CloudFront Functions' source files: the local stack runs these same files. */
export const EDGE_FUNCTION_FILES = {
  viewerRequest: path.join(REPO_ROOT, 'functions/edge/viewer-request.js'),
  viewerResponse: path.join(REPO_ROOT, 'functions/edge/viewer-response.js'),
} as const;

/**
 * Previews (`GET /api/articles/{id}/preview`) are public-site HTML that the newsroom app shows in a frame on the
 * same origin, so API responses may be framed by this origin only; everything else is the public site's policy.
 */
export const API_CSP = PUBLIC_SITE_CSP.replace("frame-ancestors 'none'", "frame-ancestors 'self'");

export interface NewsroomDistributionProps {
  /** The public site (default behaviour). Imported by name: its policy lives in the stateful stack. */
  siteBucket: IBucket;
  /** The newsroom web app (`/newsroom/*`), objects stored under `newsroom/`. */
  webAppBucket: IBucket;
  /** Host name of the HTTP API (`/api/*`). */
  apiDomainName: string;
  /**
   * Serves `/404.html` with status 404 when the site bucket has no object for a path. An origin-group fallback rather
   * than a distribution-wide custom error response: those would also replace the API's own 403/404 JSON errors.
   */
  notFoundUrl: IFunctionUrl;
  /** Where CloudFront writes its standard access logs (a bucket with ACLs enabled). */
  logBucket: IBucket;
  /** A custom domain and its us-east-1 certificate; omitted: the `*.cloudfront.net` name. */
  customDomain?: { domainName: string; certificate: ICertificate };
}

/**
 * The one distribution, shaped like the local stack: `/api/*` → the HTTP API (never cached, the viewer's headers
 * except Host forwarded), `/newsroom/*` → the web app, everything else → the site bucket through the pretty-URL
 * rewrite, the 410 marker and the security headers.
 *
 * Logical id: `Resource` under this construct's id. Renaming replaces the distribution and changes its
 * `*.cloudfront.net` name (and any DNS pointing at it).
 */
export class NewsroomDistribution extends Construct {
  readonly distribution: Distribution;
  readonly viewerRequest: CloudFrontFunction;
  readonly viewerResponse: CloudFrontFunction;

  constructor(scope: Construct, id: string, props: NewsroomDistributionProps) {
    super(scope, id);

    this.viewerRequest = new CloudFrontFunction(this, 'ViewerRequest', {
      comment: 'Pretty URLs: /x/ -> /x/index.html, /x -> 301 /x/',
      code: FunctionCode.fromFile({ filePath: EDGE_FUNCTION_FILES.viewerRequest }),
      runtime: FunctionRuntime.JS_2_0,
    });
    this.viewerResponse = new CloudFrontFunction(this, 'ViewerResponse', {
      comment: 'Taken-down pages: S3 metadata newsroom-status: 410 -> 410 Gone',
      code: FunctionCode.fromFile({ filePath: EDGE_FUNCTION_FILES.viewerResponse }),
      runtime: FunctionRuntime.JS_2_0,
    });

    const publicHeaders = buildHeadersPolicy(
      this,
      'PublicSiteHeaders',
      securityHeadersFor(PUBLIC_SITE_CSP),
      'Public site',
    );
    const appHeaders = buildHeadersPolicy(
      this,
      'NewsroomAppHeaders',
      securityHeadersFor(NEWSROOM_APP_CSP),
      'Newsroom web app',
    );
    const apiHeaders = buildHeadersPolicy(
      this,
      'ApiHeaders',
      { ...securityHeadersFor(API_CSP) },
      'Newsroom API',
      HeadersFrameOption.SAMEORIGIN,
    );

    const siteOrigin: IOrigin = new OriginGroup({
      primaryOrigin: S3BucketOrigin.withOriginAccessControl(props.siteBucket),
      fallbackOrigin: FunctionUrlOrigin.withOriginAccessControl(props.notFoundUrl),
      // S3 answers 403 for a missing key when the reader (CloudFront) may not list the bucket.
      fallbackStatusCodes: [403, 404],
    });

    this.distribution = new Distribution(this, 'Resource', {
      comment: 'Newsroom: public site, newsroom app and API',
      httpVersion: HttpVersion.HTTP2_AND_3,
      // Only a custom certificate can raise the minimum TLS version; the default one is fixed by CloudFront.
      minimumProtocolVersion: props.customDomain ? SecurityPolicyProtocol.TLS_V1_2_2021 : undefined,
      domainNames: props.customDomain ? [props.customDomain.domainName] : undefined,
      certificate: props.customDomain?.certificate,
      enableLogging: true,
      logBucket: props.logBucket,
      logFilePrefix: 'cloudfront/',
      defaultBehavior: {
        origin: siteOrigin,
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
        // Honours each object's Cache-Control, which the publisher sets per kind of page.
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
        compress: true,
        responseHeadersPolicy: publicHeaders,
        functionAssociations: [
          { eventType: FunctionEventType.VIEWER_REQUEST, function: this.viewerRequest },
          { eventType: FunctionEventType.VIEWER_RESPONSE, function: this.viewerResponse },
        ],
      },
      additionalBehaviors: {
        // Published photographs (content-hashed keys, `immutable` for a year): the object's Cache-Control rules, no
        // URL rewrite, no recompression of already-compressed images; a missing one is the site's 404.
        '/media/*': {
          origin: siteOrigin,
          viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
          allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
          cachePolicy: CachePolicy.CACHING_OPTIMIZED,
          compress: false,
          responseHeadersPolicy: publicHeaders,
        },
        '/api/*': {
          origin: new HttpOrigin(props.apiDomainName, {
            protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY,
            originSslProtocols: [OriginSslPolicy.TLS_V1_2],
            readTimeout: Duration.seconds(30),
          }),
          viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
          allowedMethods: AllowedMethods.ALLOW_ALL,
          cachePolicy: CachePolicy.CACHING_DISABLED,
          // Host must stay the API's own name, or API Gateway cannot route the request.
          originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
          responseHeadersPolicy: apiHeaders,
          compress: true,
        },
        '/newsroom/*': {
          origin: S3BucketOrigin.withOriginAccessControl(props.webAppBucket),
          viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
          allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
          cachePolicy: CachePolicy.CACHING_OPTIMIZED,
          compress: true,
          responseHeadersPolicy: appHeaders,
          functionAssociations: [{ eventType: FunctionEventType.VIEWER_REQUEST, function: this.viewerRequest }],
        },
      },
    });
  }
}

/** A CloudFront response headers policy from the same definition the local CDN uses. */
const buildHeadersPolicy = (
  scope: Construct,
  id: string,
  headers: SecurityHeaders,
  comment: string,
  frameOption: HeadersFrameOption = HeadersFrameOption.DENY,
): ResponseHeadersPolicy =>
  new ResponseHeadersPolicy(scope, id, {
    comment: `${comment}: CSP, HSTS, nosniff, referrer policy, framing`,
    securityHeadersBehavior: {
      contentSecurityPolicy: { contentSecurityPolicy: headers.contentSecurityPolicy, override: true },
      strictTransportSecurity: {
        accessControlMaxAge: Duration.seconds(headers.strictTransportSecurity.maxAgeSeconds),
        includeSubdomains: headers.strictTransportSecurity.includeSubdomains,
        preload: headers.strictTransportSecurity.preload,
        override: true,
      },
      contentTypeOptions: { override: true },
      referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN, override: true },
      frameOptions: { frameOption, override: true },
    },
  });
