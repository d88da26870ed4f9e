export { evaluateScenario } from './evaluate';
export { SCENARIO_PRESETS, getScenarioPreset } from './presets';
export { validateScenario, validateStep } from './validate';
export * from './types';
export { latestSentOnByCustomer } from './customer-gap';
export { customerKey } from '../customer';
