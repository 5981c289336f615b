import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Autosaver, type SaveState } from './autosave';

function setup(save = vi.fn(async (_text: string) => {})) {
  const states: SaveState[] = [];
  const saver = new Autosaver({ save, onState: (s) => states.push(s), delayMs: 400 });
  return { saver, save, states };
}

describe('Autosaver', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('saves once, 400 ms after the last keystroke', async () => {
    const { saver, save } = setup();
    saver.input('ກ');
    await vi.advanceTimersByTimeAsync(300);
    saver.input('ກາ');
    await vi.advanceTimersByTimeAsync(300);
    expect(save).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(150);
    expect(save).toHaveBeenCalledTimes(1);
    expect(save).toHaveBeenCalledWith('ກາ');
    expect(saver.state).toBe('saved');
  });

  it('never saves in the middle of an IME composition', async () => {
    const { saver, save } = setup();
    saver.input('ການ');
    saver.compositionStart();
    saver.input('ການແ');
    await vi.advanceTimersByTimeAsync(5_000);
    await saver.flush();
    expect(save).not.toHaveBeenCalled();
    expect(saver.state).toBe('composing');
    saver.compositionEnd('ການແບ່ງ');
    await vi.advanceTimersByTimeAsync(400);
    expect(save).toHaveBeenCalledExactlyOnceWith('ການແບ່ງ');
  });

  it('flush saves at once and resolves when the save is acknowledged', async () => {
    let release: () => void = () => {};
    const save = vi.fn(() => new Promise<void>((r) => (release = r)));
    const { saver } = setup(save);
    saver.input('note');
    const flushed = saver.flush();
    let done = false;
    void flushed.then(() => (done = true));
    await vi.advanceTimersByTimeAsync(0);
    expect(save).toHaveBeenCalledWith('note');
    expect(done).toBe(false);
    release();
    await flushed;
    expect(done).toBe(true);
    expect(saver.dirty).toBe(false);
  });

  it('serialises saves so the newest text is written last', async () => {
    const written: string[] = [];
    let release: () => void = () => {};
    const save = vi.fn(
      (text: string) =>
        new Promise<void>((r) => {
          release = () => {
            written.push(text);
            r();
          };
        }),
    );
    const { saver } = setup(save);
    saver.input('one');
    void saver.flush();
    await vi.advanceTimersByTimeAsync(0);
    saver.input('one two');
    const second = saver.flush();
    release();
    await vi.advanceTimersByTimeAsync(0);
    release();
    await second;
    expect(written).toEqual(['one', 'one two']);
    expect(save).toHaveBeenCalledTimes(2);
  });

  it('reports a failed save and keeps the text dirty to retry', async () => {
    const save = vi.fn(async () => {
      throw { code: 'disk_full', params: {} };
    });
    const { saver, states } = setup(save);
    saver.input('x');
    await saver.flush();
    expect(states.at(-1)).toBe('failed');
    expect(saver.dirty).toBe(true);
  });
});
