import type { INodeProperties } from 'n8n-workflow';

import { noteChangeExecute } from './state-write';

export const description: INodeProperties[] = [];

export const execute = noteChangeExecute('markUndisputed');
