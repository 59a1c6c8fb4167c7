import { z } from 'zod/mini';

/** Any schema of this package. */
export type ApiSchema = z.core.$ZodType;
export type JsonSchema = Record<string, unknown>;

/**
 * JSON Schema (draft 2020-12, the dialect of OpenAPI 3.1) for the schemas of this package, so
 * that the API's description is generated from what the server validates with. `named`
 * become components, referred to as `#/components/schemas/<name>` wherever they are used;
 * `inline` converts any other schema, referring to the named ones the same way.
 */
export function toJsonSchemas(named: Readonly<Record<string, ApiSchema>>): {
  readonly components: Record<string, JsonSchema>;
  readonly inline: (schema: ApiSchema, io?: 'input' | 'output') => JsonSchema;
} {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(named)) registry.add(schema, { id });
  const uri = (id: string): string => `#/components/schemas/${id}`;
  const converted = z.toJSONSchema(registry, { target: 'draft-2020-12', uri }) as {
    schemas: Record<string, JsonSchema>;
  };
  const components: Record<string, JsonSchema> = {};
  for (const [id, schema] of Object.entries(converted.schemas)) components[id] = bare(schema);
  const inline = (schema: ApiSchema, io: 'input' | 'output' = 'output'): JsonSchema => {
    const id = registry.get(schema)?.id;
    if (id !== undefined) return { $ref: uri(id) };
    return bare(z.toJSONSchema(schema, { target: 'draft-2020-12', io }));
  };
  return { components, inline };
}

/** A converted schema without the keys that only make sense for a standalone document. */
function bare(schema: JsonSchema): JsonSchema {
  const { $schema: _schema, $id: _id, ...rest } = schema;
  return rest;
}
