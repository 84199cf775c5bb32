/**
 * The operations an OpenAPI 3 document declares, read from the running app's own document, so that
 * a route added tomorrow is fuzzed without anyone listing it here.
 */

/** The part of a JSON Schema the fuzzer reads; anything else in the document is ignored. */
export interface Schema {
  readonly $ref?: string;
  readonly allOf?: readonly Schema[];
  readonly oneOf?: readonly Schema[];
  readonly anyOf?: readonly Schema[];
  readonly type?: string;
  readonly format?: string;
  readonly enum?: readonly unknown[];
  readonly example?: unknown;
  readonly default?: unknown;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly pattern?: string;
  readonly items?: Schema;
  readonly properties?: Readonly<Record<string, Schema>>;
  readonly required?: readonly string[];
}

export interface Parameter {
  readonly name: string;
  readonly in: 'path' | 'query' | 'header' | 'cookie';
  readonly required: boolean;
  readonly schema: Schema;
}

export interface Operation {
  /** Upper case: GET, POST, … */
  readonly method: string;
  /** As the document writes it, with `{name}` for each path parameter, declared or not. */
  readonly path: string;
  /** The path parameters the document declares, with their schemas. */
  readonly declaredPath: readonly Parameter[];
  readonly query: readonly Parameter[];
  readonly headers: readonly Parameter[];
  /** The JSON body's schema with every reference resolved, or null for an operation with none. */
  readonly body: Schema | null;
}

export interface OpenApiDocument {
  readonly paths: Record<string, Record<string, unknown>>;
  readonly components?: { readonly schemas?: Record<string, Schema> };
}

const METHODS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);

/**
 * A schema with its references and `allOf`s resolved into one object. A reference met again
 * inside itself is left as an open object (the fuzzer does not need infinite schemas).
 */
export function resolveSchema(
  schema: Schema | undefined,
  document: OpenApiDocument,
  seen: ReadonlySet<string> = new Set(),
): Schema {
  if (!schema) return {};
  const { $ref, ...besides } = schema;
  if ($ref) {
    if (seen.has($ref)) return { type: 'object' };
    const name = $ref.replace(/^#\/components\/schemas\//, '');
    return resolveSchema(
      { ...(document.components?.schemas?.[name] ?? {}), ...besides },
      document,
      new Set([...seen, $ref]),
    );
  }
  const { allOf, ...rest } = schema;
  const merged: Schema = (allOf ?? []).reduce<Schema>((into, part) => {
    const resolved = resolveSchema(part, document, seen);
    return {
      ...resolved,
      ...into,
      properties: { ...resolved.properties, ...into.properties },
      required: [...(resolved.required ?? []), ...(into.required ?? [])],
    };
  }, rest);
  return {
    ...merged,
    ...(merged.items ? { items: resolveSchema(merged.items, document, seen) } : {}),
    ...(merged.properties
      ? {
          properties: Object.fromEntries(
            Object.entries(merged.properties).map(([name, property]) => [
              name,
              resolveSchema(property, document, seen),
            ]),
          ),
        }
      : {}),
  };
}

interface RawOperation {
  readonly parameters?: readonly {
    name: string;
    in: Parameter['in'];
    required?: boolean;
    schema?: Schema;
  }[];
  readonly requestBody?: { content?: Record<string, { schema?: Schema }> };
}

/** Every path and method of the document, in its order. */
export function operationsOf(document: OpenApiDocument): Operation[] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => METHODS.has(method))
      .map(([method, raw]): Operation => {
        const operation = raw as RawOperation;
        const parameters = (operation.parameters ?? []).map((parameter): Parameter => ({
          name: parameter.name,
          in: parameter.in,
          required: parameter.required ?? false,
          schema: resolveSchema(parameter.schema, document),
        }));
        const content = operation.requestBody?.content ?? {};
        const json = Object.entries(content).find(([type]) => /json/i.test(type))?.[1];
        return {
          method: method.toUpperCase(),
          path,
          declaredPath: parameters.filter((parameter) => parameter.in === 'path'),
          query: parameters.filter((parameter) => parameter.in === 'query'),
          headers: parameters.filter((parameter) => parameter.in === 'header'),
          body:
            operation.requestBody === undefined
              ? null
              : resolveSchema(json?.schema ?? { type: 'object' }, document),
        };
      }),
  );
}
