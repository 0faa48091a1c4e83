import type { OpenAPIObject } from '@nestjs/swagger';
import { OpenApiConformance } from './openapi-conformance.js';

const document = {
  openapi: '3.0.0',
  info: { title: 't', version: '1' },
  paths: {
    '/things/{id}': {
      get: {
        responses: {
          '200': {
            description: 'ok',
            content: { 'application/json': { schema: { $ref: '#/components/schemas/Thing' } } },
          },
          '204': { description: 'none' },
        },
      },
    },
  },
  components: {
    schemas: {
      Kind: { type: 'string', enum: ['A', 'B'] },
      Thing: {
        type: 'object',
        required: ['id', 'kind', 'note', 'tags'],
        properties: {
          id: { type: 'string', format: 'uuid' },
          kind: { allOf: [{ $ref: '#/components/schemas/Kind' }] },
          note: { type: 'string', nullable: true },
          count: { type: 'integer' },
          at: { type: 'string', format: 'date-time' },
          tags: { type: 'array', items: { type: 'string' } },
        },
      },
    },
  },
} as unknown as OpenAPIObject;

describe('OpenApiConformance', () => {
  const contract = new OpenApiConformance(document);
  const ok = { id: 'x', kind: 'A', note: null, tags: ['t'], count: 2, at: '2026-01-01T00:00:00.000Z' };

  it('accepts a body that conforms, and a 204 without one', () => {
    expect(contract.checkResponse('GET', '/things/{id}', 200, ok)).toEqual([]);
    expect(contract.checkResponse('GET', '/things/{id}', 204, '')).toEqual([]);
  });

  it('names every gap: missing, undocumented, mistyped, null where not nullable, outside the enum', () => {
    const { tags: _tags, ...withoutTags } = ok;
    expect(
      contract.checkResponse('GET', '/things/{id}', 200, {
        ...withoutTags,
        kind: 'C',
        count: 1.5,
        at: 'soon',
        extra: 1,
      }),
    ).toEqual([
      'GET /things/{id} 200.tags: required but missing',
      'GET /things/{id} 200.kind: "C" not in enum',
      'GET /things/{id} 200.count: expected an integer',
      'GET /things/{id} 200.at: not a date-time',
      'GET /things/{id} 200.extra: not documented',
    ]);
    expect(contract.checkResponse('GET', '/things/{id}', 200, { ...ok, id: null, tags: [1] })).toEqual([
      'GET /things/{id} 200.id: null where the schema does not allow it',
      'GET /things/{id} 200.tags[0]: expected a string',
    ]);
  });

  it('reports a status or an operation the document does not have', () => {
    expect(contract.checkResponse('GET', '/things/{id}', 404, {})).toEqual([
      'GET /things/{id} answered 404, which it does not document',
    ]);
    expect(contract.checkResponse('POST', '/things/{id}', 200, {})).toEqual([
      'POST /things/{id} is not in the document',
    ]);
  });
});
