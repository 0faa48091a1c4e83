import type { OpenAPIObject } from '@nestjs/swagger';

type Schema = Record<string, unknown>;

/**
 * Checks JSON values against the schemas of an OpenAPI 3.0 document, for tests that compare what the API answers with
 * what its document promises. Deliberately strict: required properties must be present, properties the schema does
 * not name are reported (an undocumented field is a contract gap), `null` only where `nullable`.
 */
export class OpenApiConformance {
  constructor(private readonly document: OpenAPIObject) {}

  /**
   * Problems of an answer of `method path` (path as templated in the document, e.g. `/v1/alerts/{id}`) with `status`
   * and `body`; empty when it conforms. An undocumented status is a problem too.
   */
  checkResponse(method: string, path: string, status: number, body: unknown): string[] {
    const op = (this.document.paths[path] as Record<string, { responses?: Record<string, unknown> }> | undefined)?.[
      method.toLowerCase()
    ];
    if (!op) return [`${method} ${path} is not in the document`];
    const response = op.responses?.[String(status)] as { content?: Record<string, { schema?: Schema }> } | undefined;
    if (!response) return [`${method} ${path} answered ${status}, which it does not document`];
    const schema = response.content?.['application/json']?.schema;
    if (!schema) return status === 204 || body === undefined || body === '' ? [] : [`${status}: no JSON schema`];
    return this.check(body, schema, `${method} ${path} ${status}`);
  }

  /** Problems of `value` against `schema`, each prefixed with where it was found. */
  check(value: unknown, schema: Schema, at = '$'): string[] {
    const s = this.resolve(schema);
    if (value === null) return s.nullable ? [] : [`${at}: null where the schema does not allow it`];
    const problems: string[] = [];
    if (Array.isArray(s.allOf)) {
      const parts = (s.allOf as Schema[]).map((part) => this.resolve(part));
      // Objects composed of parts: one schema with every part's properties; anything else: each part must hold.
      if (parts.every((p) => p.properties)) return this.check(value, this.merge(parts), at);
      return parts.flatMap((p) => this.check(value, p, at));
    }
    for (const key of ['oneOf', 'anyOf'] as const) {
      const options = s[key] as Schema[] | undefined;
      if (options && !options.some((o) => this.check(value, o, at).length === 0))
        problems.push(`${at}: matches none of ${key}`);
    }
    if (s.enum && !(s.enum as unknown[]).includes(value)) problems.push(`${at}: ${JSON.stringify(value)} not in enum`);
    const type = s.type as string | undefined;
    if (type === 'string' && typeof value !== 'string') problems.push(`${at}: expected a string`);
    if (type === 'boolean' && typeof value !== 'boolean') problems.push(`${at}: expected a boolean`);
    if (type === 'number' && typeof value !== 'number') problems.push(`${at}: expected a number`);
    if (type === 'integer' && !Number.isInteger(value)) problems.push(`${at}: expected an integer`);
    if (type === 'string' && typeof value === 'string' && s.format === 'date-time' && Number.isNaN(Date.parse(value)))
      problems.push(`${at}: not a date-time`);
    if (type === 'array') {
      if (!Array.isArray(value)) return [...problems, `${at}: expected an array`];
      if (s.items)
        for (const [i, v] of value.entries()) problems.push(...this.check(v, s.items as Schema, `${at}[${i}]`));
    }
    if (type === 'object' || s.properties) {
      if (typeof value !== 'object' || Array.isArray(value)) return [...problems, `${at}: expected an object`];
      const properties = (s.properties ?? {}) as Record<string, Schema>;
      for (const name of (s.required ?? []) as string[])
        if (!(name in value)) problems.push(`${at}.${name}: required but missing`);
      for (const [name, v] of Object.entries(value)) {
        if (properties[name]) problems.push(...this.check(v, properties[name], `${at}.${name}`));
        else if (s.properties && s.additionalProperties !== true) problems.push(`${at}.${name}: not documented`);
      }
    }
    return problems;
  }

  private resolve(schema: Schema): Schema {
    let s = schema;
    while (typeof s.$ref === 'string') {
      const name = s.$ref.replace('#/components/schemas/', '');
      const target = this.document.components?.schemas?.[name] as Schema | undefined;
      if (!target) throw new Error(`unresolved ${s.$ref}`);
      s = target;
    }
    return s;
  }

  /** allOf as one object schema: properties and required lists united. */
  private merge(parts: Schema[]): Schema {
    return {
      type: 'object',
      properties: Object.assign({}, ...parts.map((p) => p.properties ?? {})),
      required: parts.flatMap((p) => (p.required ?? []) as string[]),
    };
  }
}
