// Starts the Stripe simulator from a script (the demo bundles this file with esbuild):
//   node dist-demo/stripe-simulator.js --port=12111 --seed=50
// Prints one JSON line { url, port } once listening; stops on SIGINT/SIGTERM.
import { startStripeSimulator } from './server';

async function main() {
	const arg = (name: string) =>
		process.argv.find((entry) => entry.startsWith(`--${name}=`))?.split('=')[1];
	const simulator = await startStripeSimulator({ port: Number(arg('port') ?? 0) });
	const seed = Number(arg('seed') ?? 0);
	if (seed > 0) {
		const day = 86_400;
		simulator.seedInvoices(seed, {
			dueDate: (index) => simulator.now() - day * (index % 40) + day * 5,
		});
	}
	process.stdout.write(`${JSON.stringify({ url: simulator.url, port: simulator.port })}\n`);
	const stop = () => void simulator.stop().then(() => process.exit(0));
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

if (require.main === module) void main();
