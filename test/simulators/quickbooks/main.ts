// Starts the QuickBooks simulator from a script: `node <bundle> [--port=N] [--seed=N]`. Prints one JSON line
// with the URLs, the realm, fresh tokens for a credential's oauthTokenData and the webhook verifier token.
import {
	SIMULATOR_CLIENT_ID,
	SIMULATOR_CLIENT_SECRET,
	SIMULATOR_VERIFIER_TOKEN,
	startQuickBooksSimulator,
} from './server';

async function main() {
	const argument = (name: string) =>
		process.argv.find((entry) => entry.startsWith(`--${name}=`))?.split('=')[1];
	const simulator = await startQuickBooksSimulator({ port: Number(argument('port') ?? 0) });
	const seed = Number(argument('seed') ?? 0);
	if (seed > 0) simulator.seedInvoices(seed);
	const tokens = simulator.issueTokens();
	process.stdout.write(
		`${JSON.stringify({
			url: simulator.url,
			tokenUrl: simulator.tokenUrl,
			realmId: simulator.realmId,
			clientId: SIMULATOR_CLIENT_ID,
			clientSecret: SIMULATOR_CLIENT_SECRET,
			verifierToken: SIMULATOR_VERIFIER_TOKEN,
			tokens,
		})}\n`,
	);
	const stop = () => void simulator.stop().then(() => process.exit(0));
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

void main();
