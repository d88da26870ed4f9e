export * from './server';
export { decodeForm, type FormValue } from './form';
