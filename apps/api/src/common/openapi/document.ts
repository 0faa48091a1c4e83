import { type INestApplication, ParseUUIDPipe } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants.js';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum.js';
import { ModulesContainer } from '@nestjs/core';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { IS_PUBLIC, ROLES, TENANT_SCOPED } from '../../modules/auth/decorators.js';
import { ERROR_DESCRIPTIONS, ErrorResponseDto } from './errors.js';
import { TENANT_ID_HEADER } from './headers.js';

/** Name of the bearer security scheme every authenticated operation refers to (`@ApiBearerAuth()`'s default). */
export const BEARER_SCHEME = 'bearer';

/** Tag descriptions (operations name their tag with `@ApiTags`; a tag missing here is still declared, bare). */
const TAGS: Record<string, string> = {
  auth: 'Sign-in, token refresh and sign-out; invitation and password-reset links',
  users: "A tenant's people and invitations (tenant admins)",
  tenants: 'Tenants (platform admins)',
  watchlist: "The tenant's watchlist and what it expands to",
  suppliers: "The tenant's suppliers and supplier-name decisions",
  alerts: "The tenant's alerts: triage, assignment, comments, history",
  measures: 'Measures and their status timelines (global data)',
  events: 'Stored events with their text and the tags found in it (global data)',
  reference: 'Reference data: elements, control-list entries, material forms, HS codes (public)',
  notifications: 'Notification preferences, tenant defaults and the email outbox',
  email: 'Signed email links: unsubscribe and preferences without signing in',
  'api-tokens': 'API tokens for integrations (tenant admins)',
  audit: "The tenant's audit log (tenant admins)",
  ingestion: 'Event ingestion (ingestion token) and signed partner pushes',
  sources: 'Source connectors and their runs (platform admins)',
  health: 'Liveness and readiness',
  exposure:
    'What affects the tenant now: measures, licences and screening hits per watch and supplier; impact assessments',
  imports: 'CSV import jobs: progress and per-row errors',
  webhooks: 'Signed webhooks, Slack and Microsoft Teams endpoints, their delivery logs (tenant admins)',
  parts: "The tenant's bill of materials: parts (materials, suppliers, annual quantity and spend) and products",
};

/**
 * Builds the API's OpenAPI document from the application's controllers and DTO decorators, then documents what the
 * global auth guard enforces (see {@link documentAccess}). The single source of the document: `configureApp` serves
 * it at /docs and /docs-json, and `cli/openapi.ts` writes it to apps/api/openapi.json (from which packages/api-client
 * is generated). The app need not be initialised: a `preview: true` application (providers not instantiated, no
 * database opened) gives the same document.
 */
export function createOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Lodestone API')
    .setDescription(
      'Procurement alerting for rare earths and other critical minerals. Every error answers the ErrorResponse ' +
        'schema; lists that page answer `{ items, nextCursor }` (pass nextCursor as `cursor`).',
    )
    .setVersion('0.1.0')
    .setLicense('Apache-2.0', 'https://www.apache.org/licenses/LICENSE-2.0')
    .addServer('/', 'This server')
    .addBearerAuth(
      {
        type: 'http',
        scheme: 'bearer',
        description: 'A session access token (lsa_…, from POST /v1/auth/login) or an API token (lst_…)',
      },
      BEARER_SCHEME,
    )
    .build();
  const document = SwaggerModule.createDocument(app, config, {
    extraModels: [ErrorResponseDto],
    operationIdFactory: operationId,
  });
  documentAccess(app, document);
  declareTags(document);
  // Self-hosted: no central contact. Nest's DocumentBuilder starts with an empty one.
  delete document.info.contact;
  return document;
}

/**
 * The operation id of a controller method: `AlertsApi_list` for AlertsApiController.list (generated clients call it
 * `alertsApiList`). Set by the document builder for every operation; keep `@ApiOperation` free of `operationId`.
 */
export function operationId(controllerName: string, methodName: string): string {
  return `${controllerName.replace(/Controller$/, '')}_${methodName}`;
}

interface RouteAccess {
  isPublic: boolean;
  roles: string[] | undefined;
  tenantScoped: boolean;
  /** Path parameters parsed with ParseUUIDPipe (400 unless a UUID). */
  uuidParams: Set<string>;
}

type Operation = NonNullable<OpenAPIObject['paths'][string]['get']>;

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/** Every route handler of the app, by {@link operationId}, with its guard metadata. */
function routeAccess(app: INestApplication): Map<string, RouteAccess> {
  const routes = new Map<string, RouteAccess>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as (new (...args: never[]) => object) | null;
      if (!controller) continue;
      for (const name of Object.getOwnPropertyNames(controller.prototype)) {
        const handler = (controller.prototype as Record<string, unknown>)[name];
        if (typeof handler !== 'function' || name === 'constructor') continue;
        if (Reflect.getMetadata(PATH_METADATA, handler) === undefined) continue;
        if (Reflect.getMetadata(METHOD_METADATA, handler) === undefined) continue;
        const meta = <T>(key: string): T | undefined =>
          Reflect.getMetadata(key, handler) ?? Reflect.getMetadata(key, controller);
        routes.set(operationId(controller.name, name), {
          isPublic: meta<boolean>(IS_PUBLIC) === true,
          roles: meta<string[]>(ROLES),
          tenantScoped: Reflect.getMetadata(TENANT_SCOPED, handler) === true,
          uuidParams: uuidPathParams(controller, name),
        });
      }
    }
  }
  return routes;
}

/** Names of the path parameters of a handler that go through ParseUUIDPipe (`@Param('id', ParseUUIDPipe)`). */
function uuidPathParams(controller: object, method: string): Set<string> {
  const args: Record<string, { data?: unknown; pipes?: unknown[] }> =
    Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, method) ?? {};
  const names = new Set<string>();
  for (const [key, arg] of Object.entries(args)) {
    if (Number(key.split(':')[0]) !== RouteParamtypes.PARAM || typeof arg.data !== 'string') continue;
    const isUuidPipe = (p: unknown) => p === ParseUUIDPipe || p instanceof ParseUUIDPipe;
    if (arg.pipes?.some(isUuidPipe)) names.add(arg.data);
  }
  return names;
}

const errorContent = { 'application/json': { schema: { $ref: '#/components/schemas/ErrorResponseDto' } } };

function addError(op: Operation, status: number, description: string): void {
  op.responses[status] ??= { description };
}

/**
 * Documents, on every operation, what is enforced outside its own decorators, from the same metadata the global
 * AuthGuard and the validation pipe act on, so the document cannot drift from them:
 * - not `@Public()`: the bearer security requirement, 401, and 403 (naming the `@Roles`, when any);
 * - `@Public()` with its own credential (`@ApiBearerAuth()`, e.g. the ingestion token): bearer made optional, 401;
 * - a `@TenantId()` parameter: the `X-Tenant-Id` header for platform admins, 400 when they omit it, 404 when it names
 *   no tenant;
 * - any parameter or body: 400 (the global validation pipe names each bad field);
 * - every error response without a body of its own answers {@link ErrorResponseDto}.
 * @throws Error when an operation cannot be traced to its handler (a custom operationId): its access would be unknown.
 */
export function documentAccess(app: INestApplication, document: OpenAPIObject): void {
  const routes = routeAccess(app);
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of HTTP_METHODS) {
      const op = item[method];
      if (!op) continue;
      const access = op.operationId ? routes.get(op.operationId) : undefined;
      if (!access) {
        throw new Error(
          `OpenAPI: ${method.toUpperCase()} ${path} (operationId ${op.operationId}) matches no controller method; leave operation ids to the document builder`,
        );
      }
      for (const param of op.parameters ?? []) {
        if (!('in' in param) || param.in !== 'path' || !access.uuidParams.has(param.name)) continue;
        param.schema = { ...param.schema, type: 'string', format: 'uuid' };
        param.description ??= `The ${param.name} (a UUID; 400 when malformed)`;
      }
      const hasOwnCredential = (op.security ?? []).some((s) => Object.keys(s).length > 0);
      if (!access.isPublic) {
        op.security = [{ [BEARER_SCHEME]: [] }];
        addError(op, 401, ERROR_DESCRIPTIONS[401]!);
        addError(
          op,
          403,
          access.roles?.length
            ? `Forbidden: needs one of the roles ${access.roles.join(', ')} (platform admins always pass)`
            : "Forbidden: the caller's role or credential may not do this",
        );
      } else if (hasOwnCredential) {
        op.security = [{ [BEARER_SCHEME]: [] }, {}];
        addError(op, 401, 'The credential this route requires (when configured) is missing or wrong');
      }
      if (access.tenantScoped) {
        op.parameters = [
          ...(op.parameters ?? []),
          {
            name: TENANT_ID_HEADER,
            in: 'header',
            required: false,
            description:
              'Platform admins: the tenant to act in (required for them). Ignored for tenant users and API tokens, ' +
              'who act in their own tenant',
            schema: { type: 'string', format: 'uuid' },
          },
        ];
        addError(op, 404, 'Not found; for platform admins also: X-Tenant-Id names no tenant');
        addError(op, 400, `${ERROR_DESCRIPTIONS[400]}; for platform admins also: no valid X-Tenant-Id`);
      }
      if ((op.parameters?.length ?? 0) > 0 || op.requestBody) addError(op, 400, ERROR_DESCRIPTIONS[400]!);
      for (const [status, response] of Object.entries(op.responses)) {
        const code = Number(status);
        if (code < 400 || !response || '$ref' in response) continue;
        response.content ??= errorContent;
      }
      op.responses = Object.fromEntries(Object.entries(op.responses).sort(([a], [b]) => a.localeCompare(b)));
    }
  }
}

/** Declares every tag operations use, with the descriptions of {@link TAGS}. */
function declareTags(document: OpenAPIObject): void {
  const used = new Set<string>();
  for (const item of Object.values(document.paths))
    for (const method of HTTP_METHODS) for (const tag of item[method]?.tags ?? []) used.add(tag);
  document.tags = [...used].sort().map((name) => (TAGS[name] ? { name, description: TAGS[name] } : { name }));
}
