export {
	startTwilioSimulator,
	TwilioSimulator,
	type TwilioMessage,
	type TwilioSimulatorOptions,
} from './server';
