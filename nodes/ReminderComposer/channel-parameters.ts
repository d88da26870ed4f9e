import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { isDataObject } from '../common/invoice-input';
import {
	assertIsoDate,
	dateInTimeZone,
	DunningInputError,
	type ComposerTone,
	type IsoDate,
	type LetterSenderAddress,
} from '../shared/internal';

/**
 * Issue 20: the letter and SMS channels of the Reminder Composer. A step whose channel is `letter` gets the
 * message as an A4 PDF letter too (and any formal notice with "Attach Formal Notice Letter"); a step whose
 * channel is `sms` gets a short text, or the email when the customer has no mobile number.
 */
export const CHANNEL_PARAMETERS = ['attachLetter', 'letterOptions'];

export const DEFAULT_LETTER_PROPERTY = 'letter';

export const channelProperties: INodeProperties[] = [
	{
		displayName: 'Attach Formal Notice Letter (PDF)',
		name: 'attachLetter',
		type: 'boolean',
		default: false,
		description:
			'Whether to render every formal notice as an A4 PDF letter too (binary property "letter", for Send Email → Attachments and the Registered Letter node). A step whose channel is Letter always gets its letter.',
	},
	{
		displayName: 'Letter Options',
		name: 'letterOptions',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		description:
			'The letter of a Letter step or a formal notice: your postal address (at least the city) is printed top left and is the return address',
		options: [
			{
				displayName: 'Binary Property',
				name: 'binaryPropertyName',
				type: 'string',
				default: DEFAULT_LETTER_PROPERTY,
				description: 'The binary property the PDF is written to',
			},
			{
				displayName: 'Delivery Mention',
				name: 'delivery',
				type: 'options',
				default: 'registered',
				options: [
					{
						name: 'Registered With Acknowledgement of Receipt',
						value: 'registered',
						description: 'Lettre recommandée avec accusé de réception (LRAR)',
					},
					{
						name: 'Electronic Registered Letter',
						value: 'electronic',
						description: 'Lettre recommandée électronique (LRE)',
					},
					{ name: 'None', value: 'none', description: 'No mention above the subject' },
				],
			},
			{
				displayName: 'Letter Date',
				name: 'letterDate',
				type: 'string',
				default: '',
				placeholder: 'e.g. 2026-12-04',
				description:
					'The date printed on the letter and stored in the PDF (YYYY-MM-DD). Empty: today in the time zone below. The same date and input give the same bytes.',
			},
			{
				displayName: 'Place',
				name: 'place',
				type: 'string',
				default: '',
				placeholder: 'e.g. Lyon',
				description:
					'Where the letter is written ("Lyon, le 4 décembre 2026"). Empty: the sender city.',
			},
			{
				displayName: 'Sender City',
				name: 'senderCity',
				type: 'string',
				default: '',
				placeholder: 'e.g. Lyon',
			},
			{
				displayName: 'Sender Company Name',
				name: 'senderCompany',
				type: 'string',
				default: '',
				description: 'The first line of your address. Empty: the Sender Name.',
			},
			{
				displayName: 'Sender Country',
				name: 'senderCountry',
				type: 'string',
				default: 'FR',
				description:
					'ISO 3166-1 alpha-2 code; a customer in another country gets the country line in the address',
			},
			{
				displayName: 'Sender Postal Code',
				name: 'senderPostalCode',
				type: 'string',
				default: '',
				placeholder: 'e.g. 69002',
			},
			{
				displayName: 'Sender Street',
				name: 'senderStreet',
				type: 'string',
				typeOptions: { rows: 2 },
				default: '',
				placeholder: 'e.g. 4 place Bellecour',
				description: 'One line per address line',
			},
		],
	},
];

export interface LetterParameters {
	/** Every formal notice gets its letter, not only the Letter steps. */
	attachToFormalNotices: boolean;
	binaryPropertyName: string;
	delivery: 'registered' | 'electronic' | 'none';
	/** The fixed date, or null: today in the time zone. */
	date: IsoDate | null;
	place: string | undefined;
	senderAddress: LetterSenderAddress;
}

const text = (value: unknown): string => (typeof value === 'string' ? value.trim() : '');

export function readLetterParameters(context: IExecuteFunctions, index: number): LetterParameters {
	const options = context.getNodeParameter('letterOptions', index, {}) as IDataObject;
	const delivery = text(options.delivery) || 'registered';
	if (!['registered', 'electronic', 'none'].includes(delivery)) {
		throw new DunningInputError(
			'letterOptions.delivery',
			`"${delivery}" is not a delivery mention`,
		);
	}
	const date = text(options.letterDate);
	return {
		attachToFormalNotices: context.getNodeParameter('attachLetter', index, false) === true,
		binaryPropertyName: text(options.binaryPropertyName) || DEFAULT_LETTER_PROPERTY,
		delivery: delivery as LetterParameters['delivery'],
		date: date === '' ? null : assertIsoDate(date, 'letterOptions.letterDate'),
		place: text(options.place) || undefined,
		senderAddress: {
			name: text(options.senderCompany) || undefined,
			lines: text(options.senderStreet)
				.split('\n')
				.map((line) => line.trim())
				.filter((line) => line !== ''),
			postalCode: text(options.senderPostalCode) || null,
			city: text(options.senderCity) || null,
			country: text(options.senderCountry).toUpperCase() || null,
		},
	};
}

/** The letter's date: the one given, else today where the company is. */
export function letterDateOf(parameters: LetterParameters, timezone: string): IsoDate {
	return parameters.date ?? dateInTimeZone(Date.now(), timezone);
}

/**
 * The channel of the item's step (`json.step.channel`, written by Dunning Scenario beside its decision), when
 * the step is the decided one; `email` otherwise (a fixed tone, an item without a step).
 */
export function channelOf(json: IDataObject): string {
	const step = json.step;
	if (!isDataObject(step) || typeof step.channel !== 'string') return 'email';
	const decision = isDataObject(json.decision) ? json.decision : null;
	if (decision && step.id !== undefined && step.id !== decision.stepId) return 'email';
	return step.channel;
}

/** Whether a message in `tone` on `channel` gets its PDF letter. */
export function wantsLetter(channel: string, tone: ComposerTone, parameters: LetterParameters) {
	if (tone === 'internal' || tone === 'thanks') return false;
	return channel === 'letter' || (parameters.attachToFormalNotices && tone === 'formal_notice');
}

/** Whether a message in `tone` on `channel` goes by SMS (when the customer has a mobile number). */
export function wantsSms(channel: string, tone: ComposerTone): boolean {
	return channel === 'sms' && tone !== 'internal';
}
