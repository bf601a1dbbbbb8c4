/**
 * A token bucket: up to `burst` actions at once, then `perSecond` on average. Time comes in
 * as milliseconds, so tests drive it without waiting.
 */
export class TokenBucket {
  private tokens: number;
  private updatedMs: number;

  constructor(
    private readonly perSecond: number,
    private readonly burst: number,
    nowMs: number,
  ) {
    this.tokens = burst;
    this.updatedMs = nowMs;
  }

  /** Takes one token if there is one; false means the action is over the budget. */
  take(nowMs: number): boolean {
    this.refill(nowMs);
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  /** Seconds until the next token. */
  secondsUntilNext(nowMs: number): number {
    this.refill(nowMs);
    return this.tokens >= 1 ? 0 : (1 - this.tokens) / this.perSecond;
  }

  private refill(nowMs: number): void {
    const elapsedS = Math.max(0, nowMs - this.updatedMs) / 1000;
    this.tokens = Math.min(this.burst, this.tokens + elapsedS * this.perSecond);
    this.updatedMs = nowMs;
  }
}
