import { z } from 'zod';
import type { RouteContract } from '@domain/contract';
import { API } from '@domain/contracts';
import { errorBodySchema } from '@domain/api';

// GET /api/openapi.json: an OpenAPI 3.1 document generated from the route contracts (src/domain/contracts.ts), with
// zod's own JSON Schema output (draft 2020-12, which OpenAPI 3.1 uses). Each operation carries its permission
// (`x-permission`) and the error shape every route answers with.

type JsonSchema = Record<string, unknown>;

const toSchema = (schema: z.core.$ZodType, io: 'input' | 'output'): JsonSchema => {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, {
    io,
    unrepresentable: 'any',
    target: 'draft-2020-12',
  }) as JsonSchema;
  return rest;
};

const NON_JSON: Record<
  string,
  { status: string; description: string; content?: Record<string, object>; headers?: object }
> = {
  csv: {
    status: '200',
    description: 'CSV download',
    content: { 'text/csv': { schema: { type: 'string' } } },
  },
  zip: {
    status: '200',
    description: 'Zip download',
    content: { 'application/zip': { schema: { type: 'string', contentEncoding: 'binary' } } },
  },
  redirect: { status: '302', description: 'Redirect', headers: { Location: { schema: { type: 'string' } } } },
  empty: { status: '204', description: 'No content' },
};

const ERROR = { $ref: '#/components/schemas/Error' };
const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: ERROR } },
});

function parameters(schema: z.core.$ZodType | undefined, where: 'path' | 'query') {
  if (!schema) return [];
  const json = toSchema(schema, 'input') as { properties?: Record<string, JsonSchema>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, s]) => ({
    name,
    in: where,
    required: where === 'path' || (json.required ?? []).includes(name),
    schema: s,
    ...(where === 'query' && s.type === 'array' ? { style: 'form', explode: false } : {}),
  }));
}

function operation(name: string, contract: RouteContract) {
  const ok =
    typeof contract.reply === 'string'
      ? NON_JSON[contract.reply]!
      : {
          status: String(contract.status ?? 200),
          description: 'OK',
          content: { 'application/json': { schema: toSchema(contract.reply, 'output') } },
        };
  const { status, ...success } = ok;
  return {
    operationId: name,
    summary: contract.summary,
    'x-permission': contract.policy,
    security: contract.policy === 'public' ? [] : [{ session: [] }],
    parameters: [...parameters(contract.params, 'path'), ...parameters(contract.query, 'query')],
    ...(contract.body
      ? {
          requestBody: {
            required: !contract.bodyOptional,
            content: { 'application/json': { schema: toSchema(contract.body, 'input') } },
          },
        }
      : {}),
    responses: {
      [status]: success,
      '400': errorResponse('Invalid input (`validation_failed` names the field)'),
      ...(contract.policy === 'public'
        ? {}
        : {
            '401': errorResponse('Not signed in (`unauthenticated`)'),
            '403': errorResponse('The role lacks the permission (`forbidden`)'),
          }),
      default: errorResponse('Any other error: `{ error: { code, message } }`, never internal details'),
    },
  };
}

export function openApiDocument(routes: Record<string, RouteContract> = API) {
  const paths: Record<string, Record<string, ReturnType<typeof operation>>> = {};
  for (const [name, contract] of Object.entries(routes)) {
    const path = contract.path.replace(/:(\w+)/g, '{$1}');
    (paths[path] ??= {})[contract.method.toLowerCase()] = operation(name, contract);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Assure Desk API',
      version: '1',
      description:
        'The API of the Assure Desk back office. Sign in with POST /api/session; send the session cookie, and the CSRF ' +
        'token of the session answer as X-CSRF-Token on every POST, PUT, PATCH and DELETE. `x-permission` names what the ' +
        "caller's role must allow (`public`: no session; `session`: any signed-in user).",
    },
    paths,
    components: {
      schemas: { Error: toSchema(errorBodySchema, 'output') },
      securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'ad_session' } },
    },
  };
}
