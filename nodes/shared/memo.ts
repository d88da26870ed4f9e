import { DunningInputError, describeValue } from './errors';

/** The `get` and `set` of a `Map` or a `WeakMap`. */
interface MapLike<K, V> {
	get(key: K): V | undefined;
	set(key: K, value: V): unknown;
}

/** The value kept under `key`, made by `create` and kept on first use (the memos' one shape). */
export function getOrCreate<K, V>(map: MapLike<K, V>, key: K, create: (key: K) => V): V {
	if (typeof map?.get !== 'function' || typeof map.set !== 'function') {
		throw new DunningInputError('map', `${describeValue(map)} is not a Map or a WeakMap`);
	}
	let value = map.get(key);
	if (value === undefined) {
		if (typeof create !== 'function') {
			throw new DunningInputError('create', `${describeValue(create)} is not a function`);
		}
		value = create(key);
		map.set(key, value);
	}
	return value;
}
