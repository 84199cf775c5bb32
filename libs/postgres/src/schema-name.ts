/** Schema names are written into SQL, so only plain identifiers are taken. */
const SCHEMA_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,39}$/;

export function checkedSchemaName(schema: string): string {
  if (!SCHEMA_NAME.test(schema)) throw new Error(`Not a schema name: ${JSON.stringify(schema)}`);
  return schema;
}
