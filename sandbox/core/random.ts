/** Small seeded PRNG (mulberry32): the same seed gives the same sequence, so runs are reproducible. */
export class Random {
	private state: number;

	constructor(seed: number) {
		this.state = seed >>> 0;
	}

	next(): number {
		this.state = (this.state + 0x6d2b79f5) >>> 0;
		let t = this.state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	}

	/** Integer in [min, max]. */
	int(min: number, max: number): number {
		return min + Math.floor(this.next() * (max - min + 1));
	}

	pick<T>(items: readonly T[]): T {
		return items[Math.floor(this.next() * items.length)];
	}

	/** `count` distinct items (fewer when the list is shorter). */
	sample<T>(items: readonly T[], count: number): T[] {
		const pool = [...items];
		const result: T[] = [];
		while (result.length < count && pool.length > 0) {
			result.push(pool.splice(Math.floor(this.next() * pool.length), 1)[0]);
		}
		return result;
	}

	uuid(): string {
		const hex = Array.from({ length: 32 }, () => Math.floor(this.next() * 16).toString(16));
		hex[12] = '4';
		hex[16] = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
		const s = hex.join('');
		return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
	}
}

/** A 32-bit hash of a string and a seed, for generators that must be pure functions of their input. */
export function hash32(text: string, seed = 0): number {
	let h = (0x811c9dc5 ^ seed) >>> 0;
	for (let i = 0; i < text.length; i++) {
		h ^= text.charCodeAt(i);
		h = Math.imul(h, 0x01000193) >>> 0;
	}
	return h >>> 0;
}
