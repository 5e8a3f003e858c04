import type { ClockStatus } from "./types";

/**
 * Emulated time: an anchor plus (real time elapsed since the anchor × timeScale) plus manual advances.
 * Every change of speed re-anchors, so emulated time never jumps backwards. Service state machines read this clock
 * lazily; nothing is scheduled on it.
 *
 * Only service-side ageing (provisioning, validation, the eventual-consistency window of reads) uses emulated time. Anything a real client checks against its
 * own clock (SigV4 request dates, STS credential expiry) uses real wall time, as AWS does.
 */
export class Clock {
  private anchorReal: number;
  private anchorEmulated: number;
  private scale: number;
  private manual: boolean;

  constructor(options: { timeScale?: number; manual?: boolean; start?: number } = {}, private readonly realNow: () => number = Date.now) {
    this.anchorReal = realNow();
    this.anchorEmulated = options.start ?? this.anchorReal;
    this.scale = checkScale(options.timeScale ?? 1);
    this.manual = options.manual ?? false;
  }

  /** Emulated epoch milliseconds. */
  now(): number {
    if (this.manual) return this.anchorEmulated;
    return this.anchorEmulated + (this.realNow() - this.anchorReal) * this.scale;
  }

  advance(ms: number): number {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`advance needs a non-negative number of milliseconds, got ${ms}`);
    this.reanchor();
    this.anchorEmulated += ms;
    return this.now();
  }

  setTimeScale(scale: number): void {
    this.reanchor();
    this.scale = checkScale(scale);
  }

  setManual(manual: boolean): void {
    this.reanchor();
    this.manual = manual;
  }

  /** Moves the clock forward to `emulated` if it is behind (used when loading saved state, so ages stay consistent). */
  catchUpTo(emulated: number): void {
    if (emulated > this.now()) {
      this.reanchor();
      this.anchorEmulated = emulated;
    }
  }

  status(): ClockStatus {
    return { now: this.now(), timeScale: this.scale, manual: this.manual };
  }

  private reanchor(): void {
    this.anchorEmulated = this.now();
    this.anchorReal = this.realNow();
  }
}

function checkScale(scale: number): number {
  if (!Number.isFinite(scale) || scale < 0) throw new RangeError(`timeScale must be a non-negative number, got ${scale}`);
  return scale;
}
