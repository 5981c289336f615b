// Deleting with an undo (notes, actions, participants): the item deleted last is kept until it
// is brought back, the view reloaded after each step, a failure said in the status bar (and the
// item kept, to try again).
import { saveStatus } from '../state/status.svelte';

type Step = (id: string) => Promise<unknown>;

export class Undoable<T extends { id: string }> {
  /** What was deleted last, to bring back; `null` when there is nothing to undo. */
  last = $state<T | null>(null);
  private readonly remove_: Step;
  private readonly restore: Step;
  private readonly reload: () => Promise<void>;

  constructor(remove: Step, restore: Step, reload: () => Promise<void>) {
    this.remove_ = remove;
    this.restore = restore;
    this.reload = reload;
  }

  async remove(item: T) {
    try {
      await this.remove_(item.id);
      this.last = item;
      await this.reload();
    } catch (e) {
      saveStatus.fail(e);
    }
  }

  async undo() {
    const item = this.last;
    if (!item) return;
    try {
      await this.restore(item.id);
      this.last = null;
      await this.reload();
    } catch (e) {
      saveStatus.fail(e);
    }
  }
}
