// Stripe's request bodies are application/x-www-form-urlencoded with bracket notation:
// `metadata[dunning_sent_steps]=d7`, `enabled_events[]=invoice.paid` or `enabled_events[0]=...`, `expand[]=customer`.
export type FormValue = string | FormValue[] | { [key: string]: FormValue };

function pathOf(key: string): string[] {
	const first = key.indexOf('[');
	if (first < 0) return [key];
	const parts = [key.slice(0, first)];
	const rest = key.slice(first);
	for (const match of rest.matchAll(/\[([^\]]*)\]/g)) parts.push(match[1]);
	return parts;
}

/** Decodes form (or query-string) parameters into nested objects and arrays. */
export function decodeForm(text: string): Record<string, FormValue> {
	const result: Record<string, FormValue> = {};
	for (const [key, value] of new URLSearchParams(text)) {
		const path = pathOf(key);
		let target: Record<string, FormValue> | FormValue[] = result;
		for (let index = 0; index < path.length; index++) {
			const part = path[index];
			const last = index === path.length - 1;
			const nextIsArray = !last && (path[index + 1] === '' || /^\d+$/.test(path[index + 1]));
			if (Array.isArray(target)) {
				if (last) {
					if (part === '') target.push(value);
					else target[Number(part)] = value;
					break;
				}
				const slot = part === '' ? target.length : Number(part);
				target[slot] ??= nextIsArray ? [] : {};
				target = target[slot] as Record<string, FormValue> | FormValue[];
			} else {
				if (last) {
					target[part] = value;
					break;
				}
				target[part] ??= nextIsArray ? [] : {};
				target = target[part] as Record<string, FormValue> | FormValue[];
			}
		}
	}
	return result;
}
