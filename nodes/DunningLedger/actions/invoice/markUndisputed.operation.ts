import type { INodeProperties } from 'n8n-workflow';

import { writesState } from './state-write';

export const description: INodeProperties[] = [];

export const execute = writesState(() => ({ disputed: false }));
