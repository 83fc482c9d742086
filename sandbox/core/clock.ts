/** Wall-clock time plus an offset tests can move forward, so expiry can be reached without waiting. */
export class Clock {
	offsetMs = 0;

	now(): number {
		return Date.now() + this.offsetMs;
	}

	advance(ms: number): number {
		this.offsetMs += ms;
		return this.now();
	}

	reset(): void {
		this.offsetMs = 0;
	}

	state(): { now: string; offsetMs: number } {
		return { now: new Date(this.now()).toISOString(), offsetMs: this.offsetMs };
	}
}
