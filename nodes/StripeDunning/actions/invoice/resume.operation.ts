import type { INodeProperties } from 'n8n-workflow';

import { writesMetadata } from './state-write';

export const description: INodeProperties[] = [];

export const execute = writesMetadata(() => ({ paused: '' }));
