// The facilitator's countdown. It lives outside the view, so it keeps running while the
// facilitator moves between sections; time is measured from the clock, not counted in ticks.

class Timer {
  /** Seconds set for the activity. */
  total = $state(10 * 60);
  /** Seconds already used before the current run. */
  used = $state(0);
  /** When the current run started (ms), or null when paused. */
  since = $state<number | null>(null);
  ended = $state(false);
  started = $state(false);

  get running(): boolean {
    return this.since !== null;
  }

  remaining(now: number): number {
    const running = this.since === null ? 0 : (now - this.since) / 1000;
    return this.total - this.used - running;
  }

  set(seconds: number) {
    this.total = seconds;
    this.used = 0;
    this.since = null;
    this.ended = false;
    this.started = false;
  }

  start(now: number) {
    if (this.remaining(now) <= 0) return;
    this.since = now;
    this.started = true;
    this.ended = false;
  }

  pause(now: number) {
    if (this.since === null) return;
    this.used += (now - this.since) / 1000;
    this.since = null;
  }

  add(seconds: number) {
    this.total = Math.max(0, this.total + seconds);
    if (seconds > 0) this.ended = false;
  }

  reset() {
    this.set(this.total);
  }

  /** Called on every tick: stops at zero and gives the gentle signal once. */
  check(now: number) {
    if (this.since !== null && this.remaining(now) <= 0) {
      this.used = this.total;
      this.since = null;
      this.ended = true;
      chime();
    }
  }
}

/** A soft two-note chime (no sound where there is no audio device). */
function chime() {
  try {
    const Ctx = (globalThis as unknown as { AudioContext?: typeof AudioContext }).AudioContext;
    if (!Ctx) return;
    const ctx = new Ctx();
    [660, 880].forEach((freq, i) => {
      const osc = ctx.createOscillator();
      const gain = ctx.createGain();
      osc.frequency.value = freq;
      gain.gain.setValueAtTime(0.0001, ctx.currentTime + i * 0.35);
      gain.gain.exponentialRampToValueAtTime(0.15, ctx.currentTime + i * 0.35 + 0.05);
      gain.gain.exponentialRampToValueAtTime(0.0001, ctx.currentTime + i * 0.35 + 0.6);
      osc.connect(gain).connect(ctx.destination);
      osc.start(ctx.currentTime + i * 0.35);
      osc.stop(ctx.currentTime + i * 0.35 + 0.65);
    });
  } catch {
    // The visual cue is enough.
  }
}

export const timer = new Timer();
