/**
 * The PostgreSQL of one test file of the Dunning Ledger: started before its tests, its pools ended and the
 * server stopped after them; each test takes its own table prefix, so none depends on another's rows or on
 * the schema already existing.
 */
import { Pool, type Client } from 'pg';

import type { LedgerQuery } from '../../nodes/services/ledger';
import { startPostgres, type TestPostgres } from './postgres';

export interface LedgerPostgres {
	/** The running server (set once the file's `beforeAll` has run). */
	readonly server: TestPostgres;
	/** A pool on the server, ended after the file's tests. */
	pool(max?: number): Pool;
	/** A table prefix no other test of the run uses: `<name>_t<n>_<pid>`. */
	freshPrefix(): string;
}

export function ledgerPostgres(name: string): LedgerPostgres {
	let server: TestPostgres | undefined;
	const pools: Pool[] = [];
	let prefixes = 0;
	beforeAll(async () => {
		server = await startPostgres();
	});
	afterAll(async () => {
		// A test may end a pool itself (to show that nothing lives in a connection).
		await Promise.all(pools.filter((pool) => !pool.ended).map((pool) => pool.end()));
		await server?.stop();
	});
	const started = () => {
		if (!server) throw new Error('PostgreSQL is not started yet (used outside a test?)');
		return server;
	};
	return {
		get server() {
			return started();
		},
		pool(max = 10) {
			const created = new Pool({ connectionString: started().connectionString, max });
			// The server's fast shutdown at teardown ends idle connections; pg reports that as an 'error' event.
			created.on('error', () => undefined);
			pools.push(created);
			return created;
		},
		freshPrefix() {
			prefixes += 1;
			return `${name}_t${prefixes}_${process.pid}`;
		},
	};
}

/** The ledger's query function on a pg pool or client. */
export function queryOf(client: Pool | Client): LedgerQuery {
	return async (sql, params) => (await client.query(sql, params)).rows;
}
