import { describe, expect, it } from 'vitest';
import { timer } from './timer.svelte';

describe('the facilitator timer', () => {
  it('counts down from the clock, pauses, resumes, takes extra minutes and stops at zero', () => {
    timer.set(120);
    expect(timer.remaining(0)).toBe(120);
    timer.start(1_000);
    expect(timer.remaining(31_000)).toBe(90);
    timer.pause(31_000);
    expect(timer.remaining(500_000)).toBe(90); // paused: time stands still
    timer.add(60);
    timer.start(500_000);
    expect(timer.remaining(560_000)).toBe(90);
    timer.check(650_000);
    expect(timer.ended).toBe(true);
    expect(timer.running).toBe(false);
    expect(timer.remaining(700_000)).toBe(0);
    timer.add(60);
    expect(timer.ended).toBe(false);
    expect(timer.remaining(700_000)).toBe(60);
  });
});
