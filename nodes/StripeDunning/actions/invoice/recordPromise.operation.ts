import type { INodeProperties } from 'n8n-workflow';

import { promisedOnProperty, readPromisedOn } from '../../../common/source-properties';
import { writesMetadata } from './state-write';

export const description: INodeProperties[] = [promisedOnProperty];

// An empty value deletes the metadata key: the promise is cleared.
export const execute = writesMetadata((fn, itemIndex) => ({
	promisedOn: readPromisedOn(fn, itemIndex) ?? '',
}));
