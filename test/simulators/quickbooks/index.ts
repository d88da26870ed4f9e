export * from './server';
export { parseQuery, QuerySyntaxError } from './query-language';
export { connectedCredentialData } from './credential';
