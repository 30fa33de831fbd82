/**
 * A per-environment request pacer (token bucket): on average no more than `perSecond` requests,
 * with a burst of a tenth of a second's worth (at least one), shared by every send to that
 * environment. Slow rates are spaced evenly; fast ones do not pay a timer per request.
 */
export class RateLimiter {
  private tokens: number;
  private last = performance.now();
  private queue: Promise<void> = Promise.resolve();

  constructor(private perSecond: number) {
    this.tokens = this.capacity();
  }

  private capacity() {
    return Math.max(1, this.perSecond / 10);
  }

  setRate(perSecond: number) {
    this.perSecond = perSecond;
    this.tokens = Math.min(this.tokens, this.capacity());
  }

  /** Waits for the next slot (callers are served in order). */
  take(): Promise<void> {
    const turn = this.queue.then(async () => {
      const now = performance.now();
      this.tokens = Math.min(this.capacity(), this.tokens + ((now - this.last) * this.perSecond) / 1000);
      this.last = now;
      if (this.tokens < 1) {
        const wait = ((1 - this.tokens) * 1000) / this.perSecond;
        await new Promise((r) => setTimeout(r, wait));
        this.tokens = 1;
        this.last = performance.now();
      }
      this.tokens -= 1;
    });
    this.queue = turn;
    return turn;
  }
}

/** One limiter per environment id. */
export class RateLimiters {
  private readonly byEnv = new Map<string, RateLimiter>();
  for(environmentId: string, perSecond: number): RateLimiter {
    let l = this.byEnv.get(environmentId);
    if (!l) this.byEnv.set(environmentId, (l = new RateLimiter(perSecond)));
    else l.setRate(perSecond);
    return l;
  }
}
