export { evaluateScenario } from './evaluate';
export { SCENARIO_PRESETS, getScenarioPreset } from './presets';
export { validateScenario, validateStep } from './validate';
export * from './types';
export { customerKey, latestSentOnByCustomer } from './customer-gap';
