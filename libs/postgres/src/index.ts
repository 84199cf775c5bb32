export { checkedSchemaName } from './schema-name';
export { TablesMadeOnce } from './tables-made-once';
