/** The `get` and `set` of a `Map` or a `WeakMap`. */
interface MapLike<K, V> {
	get(key: K): V | undefined;
	set(key: K, value: V): unknown;
}

/** The value kept under `key`, made by `create` and kept on first use (the memos' one shape). */
export function getOrCreate<K, V>(map: MapLike<K, V>, key: K, create: (key: K) => V): V {
	let value = map.get(key);
	if (value === undefined) {
		value = create(key);
		map.set(key, value);
	}
	return value;
}
