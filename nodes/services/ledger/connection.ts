/**
 * A PostgreSQL pool for one node execution (n8n-side, no n8n import needed): opened from the Dunning Ledger
 * credential, closed when the execution's items are done. Nothing survives between executions, so a queue-mode
 * worker holds no connection between jobs and a changed credential is used at once.
 */
import { Pool, type PoolConfig } from 'pg';

import { DunningLedger } from './ledger';
import type { LedgerQuery } from './schema';

export const LEDGER_CREDENTIAL = 'dunningLedgerPostgresApi';

/** The credential's fields (credentials/DunningLedgerPostgresApi.credentials.ts). */
export interface LedgerCredential {
	connectWith?: 'fields' | 'connectionString';
	connectionString?: string;
	host?: string;
	port?: number;
	database?: string;
	user?: string;
	password?: string;
	ssl?: 'disable' | 'verify' | 'noVerify';
	tablePrefix?: string;
}

export function poolConfig(credential: LedgerCredential, maxConnections = 4): PoolConfig {
	const common: PoolConfig = {
		max: maxConnections,
		connectionTimeoutMillis: 15_000,
		application_name: 'n8n-nodes-dunning ledger',
	};
	if (credential.connectWith === 'connectionString') {
		return { ...common, connectionString: String(credential.connectionString ?? '') };
	}
	return {
		...common,
		host: credential.host || 'localhost',
		port: Number(credential.port) || 5432,
		database: credential.database || 'postgres',
		user: credential.user || 'postgres',
		password: credential.password ?? '',
		ssl:
			credential.ssl === 'verify'
				? { rejectUnauthorized: true }
				: credential.ssl === 'noVerify'
					? { rejectUnauthorized: false }
					: undefined,
	};
}

export interface OpenLedger {
	ledger: DunningLedger;
	/** The same pool as a bare query function, for the read-only helpers (history-read.ts). */
	query: LedgerQuery;
	/** The credential's Table Prefix, undefined when empty (the default `dunning_ledger`). */
	tablePrefix: string | undefined;
	close(): Promise<void>;
}

/** A ledger on a fresh pool; `close()` ends the pool (call it in a `finally`). */
export function openLedger(credential: LedgerCredential): OpenLedger {
	const pool = new Pool(poolConfig(credential));
	// An idle client's error (server restart) must not crash the worker: the next query reconnects.
	pool.on('error', () => undefined);
	const query: LedgerQuery = async (sql, params) => (await pool.query(sql, params)).rows;
	const prefix = credential.tablePrefix?.trim() || undefined;
	return {
		ledger: new DunningLedger(query, prefix ? { tablePrefix: prefix } : {}),
		query,
		tablePrefix: prefix,
		close: () => pool.end(),
	};
}

/** The credential test: connect and run `SELECT 1`; the message says why a connection failed. */
export async function testLedgerConnection(
	credential: LedgerCredential,
): Promise<{ status: 'OK' | 'Error'; message: string }> {
	const pool = new Pool({ ...poolConfig(credential, 1), connectionTimeoutMillis: 10_000 });
	pool.on('error', () => undefined);
	try {
		await pool.query('SELECT 1');
		return { status: 'OK', message: 'Connected' };
	} catch (error) {
		return { status: 'Error', message: error instanceof Error ? error.message : String(error) };
	} finally {
		await pool.end();
	}
}

/**
 * The `credentialTest` method of every node that uses the ledger credential (each names it
 * `dunningLedgerConnectionTest` in its `testedBy`): the editor's Test button runs `testLedgerConnection`.
 */
export async function ledgerCredentialTest(
	this: unknown,
	credential: { data?: object },
): Promise<{ status: 'OK' | 'Error'; message: string }> {
	return await testLedgerConnection((credential.data ?? {}) as LedgerCredential);
}
