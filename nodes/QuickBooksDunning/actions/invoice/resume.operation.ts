import type { INodeProperties } from 'n8n-workflow';

import { writesNote } from './state-write';

export const description: INodeProperties[] = [];

export const execute = writesNote('resume', () => ({ kind: 'paused', paused: false }));
