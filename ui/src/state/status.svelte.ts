// The save state shown in the status bar: what the user needs to trust that nothing is lost.
import type { SaveState } from '../shared/autosave';
import { i18n } from './i18n.svelte';

class SaveStatus {
  state = $state<SaveState>('idle');
  error = $state<unknown>(null);

  set(state: SaveState, error?: unknown) {
    this.state = state;
    this.error = state === 'failed' ? (error ?? null) : null;
  }

  fail(error: unknown) {
    this.set('failed', error);
  }

  text(): string {
    if (this.state === 'failed') return i18n.t('note.state.failed', { reason: i18n.error(this.error) });
    return i18n.t(`note.state.${this.state}`);
  }
}

export const saveStatus = new SaveStatus();
