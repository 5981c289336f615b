// Saves a text field durably a short while after the last keystroke, without a Save button.
//
// - Never in the middle of an IME composition (Lao keyboards compose): a composition holds the
//   save until `compositionend`.
// - Saves are serialised: one at a time, the newest text last, so an older save can never
//   overwrite a newer one.
// - `flush()` saves now (on Enter, on leaving the field) and resolves when the text is on disk.

export type SaveState = 'idle' | 'pending' | 'composing' | 'saving' | 'saved' | 'failed';

export interface AutosaveOptions {
  /** Writes the text; resolves once Rust has acknowledged it (it is on disk). */
  save: (text: string) => Promise<void>;
  /** Reports every state change, with the error when a save failed. */
  onState?: (state: SaveState, error?: unknown) => void;
  /** Idle time before saving. 400 ms keeps "saved within 1 s of the last keystroke". */
  delayMs?: number;
}

export class Autosaver {
  private text = '';
  private savedText: string;
  private composing = false;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private running: Promise<void> = Promise.resolve();
  private readonly delayMs: number;
  state: SaveState = 'idle';

  constructor(
    private readonly options: AutosaveOptions,
    initial = '',
  ) {
    this.text = initial;
    this.savedText = initial;
    this.delayMs = options.delayMs ?? 400;
  }

  private set(state: SaveState, error?: unknown) {
    this.state = state;
    this.options.onState?.(state, error);
  }

  /** The field's text changed. */
  input(text: string): void {
    this.text = text;
    if (this.composing) {
      this.set('composing');
      return;
    }
    this.schedule();
  }

  compositionStart(): void {
    this.composing = true;
    this.clearTimer();
    this.set('composing');
  }

  compositionEnd(text: string): void {
    this.composing = false;
    this.input(text);
  }

  get isComposing(): boolean {
    return this.composing;
  }

  get dirty(): boolean {
    return this.text !== this.savedText;
  }

  /** Forgets the text without saving (a new, empty note starts). */
  reset(text = ''): void {
    this.clearTimer();
    this.text = text;
    this.savedText = text;
    this.set('idle');
  }

  /** Saves now, unless composing; resolves when every save so far is done. */
  flush(): Promise<void> {
    this.clearTimer();
    if (!this.composing && this.dirty) this.enqueue();
    return this.running;
  }

  private clearTimer() {
    if (this.timer !== null) {
      clearTimeout(this.timer);
      this.timer = null;
    }
  }

  private schedule() {
    this.clearTimer();
    if (!this.dirty) return;
    this.set('pending');
    this.timer = setTimeout(() => {
      this.timer = null;
      this.enqueue();
    }, this.delayMs);
  }

  private enqueue() {
    this.running = this.running.then(async () => {
      if (this.composing || !this.dirty) return;
      const text = this.text;
      this.set('saving');
      try {
        await this.options.save(text);
        this.savedText = text;
        this.set(this.dirty ? 'pending' : 'saved');
      } catch (e) {
        this.set('failed', e);
      }
    });
  }
}
