import * as workflow from 'n8n-workflow';

type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

/**
 * n8n 1.x exports `sleepWithAbort`; 2.x folded the signal into `sleep`. Both wait with n8n's own
 * timer and reject when the execution is cancelled.
 */
const cancellableSleep: Sleep =
	(workflow as unknown as { sleepWithAbort?: Sleep }).sleepWithAbort ?? (workflow.sleep as Sleep);

export async function pause(ms: number, signal?: AbortSignal): Promise<void> {
	throwIfCancelled(signal);
	if (ms <= 0) return;
	// The sleep rejects when the execution is cancelled: say so with n8n's own error.
	await cancellableSleep(ms, signal).catch((error: unknown) => {
		throwIfCancelled(signal);
		throw error;
	});
}

/** Lets the event loop run once (n8n's timer): what is waiting for I/O, a request to leave, goes first. */
export async function nextTick(): Promise<void> {
	await cancellableSleep(0);
}

/** Waits for `promise` but gives up as soon as the execution is cancelled. */
export async function whileRunning<T>(promise: Promise<T>, signal?: AbortSignal): Promise<T> {
	if (!signal) return await promise;
	throwIfCancelled(signal);
	let onAbort: () => void = () => undefined;
	const aborted = new Promise<never>((_, reject) => {
		onAbort = () => reject(new workflow.ManualExecutionCancelledError(''));
		signal.addEventListener('abort', onAbort, { once: true });
	});
	try {
		return await Promise.race([promise, aborted]);
	} finally {
		signal.removeEventListener('abort', onAbort);
	}
}

/**
 * Throws n8n's own cancellation error once the execution was stopped: n8n then marks the
 * execution cancelled rather than failed.
 */
export function throwIfCancelled(signal?: AbortSignal): void {
	if (signal?.aborted) throw new workflow.ManualExecutionCancelledError('');
}
