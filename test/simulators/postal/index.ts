export {
	API_BASE,
	MailevaSimulator,
	parseMultipart,
	startMailevaSimulator,
	TOKEN_PATH,
	type MailevaDocument,
	type MailevaRecipient,
	type MailevaSending,
	type MailevaSimulatorOptions,
} from './server';
