export { sendRequest, startStripeSimulator, type StripeSimulator } from '../../simulators/stripe';
export { stripeFixture } from '../../helpers/fixtures';
