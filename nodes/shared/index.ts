/**
 * The public entry of the domain core (DESIGN.md section 1): pure, synchronous functions with no n8n import.
 * Built to `dist/nodes/shared/index.js` (CommonJS). The nodes import the core through `./internal`.
 */
export * from './internal';
