/**
 * Moved to nodes/services/stripe/signature.ts (issue 23); kept for the test simulators that import this path.
 * Everything else imports these through nodes/shared/internal.ts. Remove once test/simulators follow.
 */
export { verifyStripeSignature, signStripePayload } from '../../services/stripe/signature';
