/**
 * Seeded randomness. Every record the sandbox serves derives from the seed through these streams,
 * so two runs (and two machines) with the same seed serve byte-identical data.
 */
export interface Rng {
	/** A float in [0, 1). */
	next(): number;
	/** An integer in [min, max], both included. */
	int(min: number, max: number): number;
	chance(probability: number): boolean;
	pick<T>(items: readonly T[]): T;
	/** `count` distinct items, in a random order. */
	sample<T>(items: readonly T[], count: number): T[];
	hex(length: number): string;
	/** A version-4-looking UUID built from the stream, not from crypto. */
	uuid(): string;
}

/** FNV-1a, to turn a stream name into a 32-bit number. */
function hashString(text: string): number {
	let hash = 0x811c9dc5;
	for (let i = 0; i < text.length; i++) {
		hash ^= text.charCodeAt(i);
		hash = Math.imul(hash, 0x01000193);
	}
	return hash >>> 0;
}

/**
 * mulberry32, one independent stream per name: generating more contacts must not change the
 * territories, so each collection draws from its own stream.
 */
export function createRng(seed: number, stream: string): Rng {
	let state = (Math.imul(seed >>> 0, 0x9e3779b1) ^ hashString(stream)) >>> 0;
	const next = (): number => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
	const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
	const hex = (length: number): string => {
		let out = '';
		while (out.length < length) out += Math.floor(next() * 0x100000000).toString(16).padStart(8, '0');
		return out.slice(0, length);
	};
	return {
		next,
		int,
		chance: (probability) => next() < probability,
		pick: (items) => items[Math.floor(next() * items.length)],
		sample: (items, count) => {
			const pool = [...items];
			for (let i = pool.length - 1; i > 0; i--) {
				const j = Math.floor(next() * (i + 1));
				[pool[i], pool[j]] = [pool[j], pool[i]];
			}
			return pool.slice(0, count);
		},
		hex,
		uuid: () => {
			const h = hex(32);
			const variant = ((parseInt(h[16], 16) & 0x3) | 0x8).toString(16);
			return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
		},
	};
}
