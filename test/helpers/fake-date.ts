/**
 * Fakes only Date (for the node under test and the simulators alike): timers, sockets and microtasks run
 * normally, so HTTP to a local simulator still works. The first call installs the fake clock, later calls
 * move it.
 */
export function setFakeDate(iso: string): void {
	if (fakeDateInstalled) {
		jest.setSystemTime(new Date(iso));
		return;
	}
	fakeDateInstalled = true;
	jest.useFakeTimers({
		now: new Date(iso),
		doNotFake: [
			'nextTick',
			'setImmediate',
			'clearImmediate',
			'setTimeout',
			'clearTimeout',
			'setInterval',
			'clearInterval',
			'queueMicrotask',
			'hrtime',
			'performance',
		],
	});
}

let fakeDateInstalled = false;

/** Back to the real clock; the next `setFakeDate` installs the fake one again. */
export function restoreRealDate(): void {
	jest.useRealTimers();
	fakeDateInstalled = false;
}
