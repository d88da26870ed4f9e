import type { ICredentialType, INodeProperties } from 'n8n-workflow';

/**
 * The PostgreSQL database of the dunning ledger (docs/ledger.md): n8n's own database in queue mode, or any
 * other. The node creates its three tables on first use; the user needs CREATE on the schema the first time,
 * then SELECT, INSERT, UPDATE and DELETE on those tables.
 */
export class DunningLedgerPostgresApi implements ICredentialType {
	name = 'dunningLedgerPostgresApi';

	displayName = 'Dunning Ledger (PostgreSQL)';

	icon = {
		light: 'file:dunningLedger.svg',
		dark: 'file:dunningLedger.dark.svg',
	} as const;

	documentationUrl =
		'https://github.com/n8n-nodes-dunning/n8n-nodes-dunning/blob/main/docs/ledger.md';

	properties: INodeProperties[] = [
		{
			displayName: 'Connect With',
			name: 'connectWith',
			type: 'options',
			default: 'fields',
			options: [
				{ name: 'Host and Port', value: 'fields' },
				{ name: 'Connection String', value: 'connectionString' },
			],
		},
		// The URL carries the database password (user:password@host), so it is masked like one.
		// eslint-disable-next-line @n8n/community-nodes/credential-unnecessary-password
		{
			displayName: 'Connection String',
			name: 'connectionString',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			placeholder: 'postgresql://user:password@host:5432/database',
			displayOptions: { show: { connectWith: ['connectionString'] } },
		},
		{
			displayName: 'Host',
			name: 'host',
			type: 'string',
			default: 'localhost',
			displayOptions: { show: { connectWith: ['fields'] } },
		},
		{
			displayName: 'Port',
			name: 'port',
			type: 'number',
			default: 5432,
			displayOptions: { show: { connectWith: ['fields'] } },
		},
		{
			displayName: 'Database',
			name: 'database',
			type: 'string',
			default: 'postgres',
			displayOptions: { show: { connectWith: ['fields'] } },
		},
		{
			displayName: 'User',
			name: 'user',
			type: 'string',
			default: 'postgres',
			displayOptions: { show: { connectWith: ['fields'] } },
		},
		{
			displayName: 'Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			displayOptions: { show: { connectWith: ['fields'] } },
		},
		{
			displayName: 'SSL',
			name: 'ssl',
			type: 'options',
			default: 'disable',
			options: [
				{ name: 'Disable', value: 'disable' },
				{ name: 'Require (Verify Certificate)', value: 'verify' },
				{ name: 'Require (Do Not Verify Certificate)', value: 'noVerify' },
			],
			displayOptions: { show: { connectWith: ['fields'] } },
			description: 'With a connection string, use its sslmode parameter instead',
		},
		{
			displayName: 'Table Prefix',
			name: 'tablePrefix',
			type: 'string',
			default: 'dunning_ledger',
			description:
				'The tables are <prefix>_steps, <prefix>_state and <prefix>_events: lower-case letters, digits and _, optionally schema.name',
		},
	];
}
