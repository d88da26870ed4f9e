export * from './server';
export { connectedCredentialData } from './credential';
