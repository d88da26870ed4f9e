import type { INodeProperties } from 'n8n-workflow';

import { promisedOnProperty, readPromisedOn } from '../../../common/source-properties';
import { writesState } from './state-write';

export const description: INodeProperties[] = [promisedOnProperty];

export const execute = writesState((fn, itemIndex) => ({
	promisedOn: readPromisedOn(fn, itemIndex),
}));
