// A SWOT board's state and what can be done to it: the cards from Rust, who added each, the
// actions made from them, and the table's working state (adding, editing, clustering, dragging,
// the undo of a delete). The components (SwotBoard, BoardQuadrant, BoardCard) only draw it and call it.
import { tick } from 'svelte';
import type { Backend } from '../../backend/backend';
import type { Action, BoardView, CardView, FocusArea, Group, Provenance, Quadrant, SwotCard } from '../../backend/bindings';
import { i18n } from '../../state/i18n.svelte';
import { saveStatus } from '../../state/status.svelte';
import { QUADRANTS } from '../../shared/labels';
import { voting } from './voting.svelte';

/** One item of a quadrant: a card, or a cluster shown as one item with every text. */
export type Item = { key: string; cards: CardView[]; votes: number };

/** A quadrant's items in board order (a cluster's lead card first), or by votes. */
export function itemsOf(cards: CardView[], q: Quadrant, byVotes: boolean): Item[] {
  const out: Item[] = [];
  for (const c of cards.filter((x) => x.card.quadrant === q)) {
    const key = c.card.cluster_id ?? c.card.id;
    const item = out.find((i) => i.key === key);
    if (item) {
      item.cards.push(c);
      item.votes += c.votes;
    } else out.push({ key, cards: [c], votes: c.votes });
  }
  for (const item of out) item.cards.sort((a, b) => Number(b.card.id === item.key) - Number(a.card.id === item.key));
  return byVotes ? [...out].sort((a, b) => b.votes - a.votes) : out;
}

/** Where a board is: the group, the focus area, and the session cards and votes are made in. */
export type Place = { group: Group; focusArea: FocusArea; session: string | null };

export class Board {
  view = $state<BoardView | null>(null);
  /** Which table added and last changed each card. */
  origins = $state.raw<Record<string, Provenance>>({});
  /** Actions made from this board's cards, shown on the cards (the link goes both ways). */
  actions = $state<Action[]>([]);
  alert = $state<string | null>(null);
  /** A card just deleted, to undo. */
  removed = $state<string | null>(null);
  selected = $state<string | null>(null);
  editing = $state<string | null>(null);
  editText = $state('');
  /** The card a cluster is being made from (the next card picked joins it). */
  clusterFrom = $state<string | null>(null);
  adding = $state<Quadrant | null>(null);
  addText = $state('');
  sortByVotes = $state(false);
  /** The table whose cards stand out (others are dimmed, not hidden: every card keeps its
   *  place, so moving one still works). */
  highlightDevice = $state<string | null>(null);
  dragging = $state<string | null>(null);
  fullscreen = $state(false);
  /** The board's element, for moving the focus. */
  root: HTMLElement | null = null;

  readonly devices = $derived(Object.values(this.origins).map((p) => p.created_by));
  readonly dotsUsed = $derived(
    (this.view?.cards ?? []).flatMap((c) => c.voters).filter((v) => v === voting.voter.trim()).length,
  );

  private readonly backend: Backend;
  private readonly place: () => Place;

  constructor(backend: Backend, place: () => Place, selected: string | null) {
    this.backend = backend;
    this.place = place;
    this.selected = selected;
  }

  /** Changes run one after another, in the order they were asked for. */
  private queue: Promise<void> = Promise.resolve();

  /** Runs a change once those asked for before it are done, then shows the board after it (from
   *  the answer, or read again) or says the error. One at a time: two quick presses of V are two
   *  votes, and a late answer never shows an older board over a newer one. */
  run(change: () => Promise<BoardView | unknown>): Promise<void> {
    const next = this.queue.then(async () => {
      try {
        const result = await change();
        this.alert = null;
        if (result && typeof result === 'object' && 'cards' in result) this.view = result as BoardView;
        else this.view = await this.backend.board(this.place().group.id, this.place().focusArea.id);
        saveStatus.set('saved');
      } catch (e) {
        this.alert = i18n.error(e);
        saveStatus.fail(e);
      }
    });
    this.queue = next;
    return next;
  }

  /** The board and the workshop's actions, read again (on opening, and when work arrives). */
  load() {
    const { group, focusArea } = this.place();
    void this.run(() => this.backend.board(group.id, focusArea.id));
    void this.backend
      .actions()
      .then((a) => (this.actions = a))
      .catch((e: unknown) => saveStatus.fail(e));
  }

  /** Who added each card on the board. */
  loadOrigins(ids: string[]) {
    if (ids.length === 0) return;
    void this.backend
      .provenance(ids)
      .then((list) => (this.origins = Object.fromEntries(list.map((p) => [p.id, p]))))
      .catch(() => {});
  }

  dimmed(id: string): boolean {
    return this.highlightDevice !== null && this.origins[id]?.created_by !== this.highlightDevice;
  }

  cardsIn(q: Quadrant): CardView[] {
    return (this.view?.cards ?? []).filter((c) => c.card.quadrant === q);
  }

  items(q: Quadrant): Item[] {
    return itemsOf(this.view?.cards ?? [], q, this.sortByVotes);
  }

  indexIn(id: string): { q: Quadrant; i: number; n: number } | null {
    const c = this.view?.cards.find((x) => x.card.id === id);
    if (!c) return null;
    const list = this.cardsIn(c.card.quadrant);
    return { q: c.card.quadrant, i: list.findIndex((x) => x.card.id === id), n: list.length };
  }

  private async focus(selector: string) {
    await tick();
    this.root?.querySelector<HTMLElement>(selector)?.focus();
  }

  focusCard(id: string) {
    return this.focus(`[data-card-id="${id}"]`);
  }

  async startAdding(q: Quadrant) {
    this.adding = q;
    this.addText = '';
    await this.focus(`[data-testid="add-card-${q}"]`);
  }

  async addCard() {
    const quadrant = this.adding;
    const text = this.addText;
    if (!quadrant || text.trim() === '') return;
    const { group, focusArea, session } = this.place();
    await this.run(() =>
      this.backend.addCard({
        group_id: group.id,
        focus_area_id: focusArea.id,
        quadrant,
        text,
        stakeholder: null,
        source_note_id: null,
        agenda_item_id: session ?? undefined,
      }),
    );
    // Cleared once saved, unless something new was typed while it was saving.
    if (!this.alert && this.addText === text) this.addText = '';
  }

  async moveBy(id: string, delta: number) {
    const at = this.indexIn(id);
    if (!at) return;
    await this.run(() => this.backend.moveCard(id, at.q, Math.max(0, at.i + delta)));
    await this.focusCard(id);
  }

  /** To the next quadrant (S → W → O → T → S) or the one before. */
  async moveAround(id: string, forward: boolean) {
    const at = this.indexIn(id);
    if (!at) return;
    await this.run(() => this.backend.moveCard(id, QUADRANTS[(QUADRANTS.indexOf(at.q) + (forward ? 1 : 3)) % 4], 9999));
    await this.focusCard(id);
  }

  /** Drops a dragged card into quadrant `q`, before `target` (or last). */
  drop(id: string, q: Quadrant, target: string | undefined) {
    const others = this.cardsIn(q).filter((c) => c.card.id !== id);
    const index = target ? Math.max(0, others.findIndex((c) => c.card.id === target)) : others.length;
    void this.run(() => this.backend.moveCard(id, q, target === id ? (this.indexIn(id)?.i ?? 0) : index));
  }

  async vote(id: string) {
    if (voting.voter.trim() === '') {
      await this.focus('[data-testid="voter"]');
      return;
    }
    const voter = voting.voter;
    const session = this.place().session;
    await this.run(() => this.backend.vote(id, voter, session));
  }

  unvote(id: string) {
    const voter = voting.voter;
    return this.run(() => this.backend.unvote(id, voter));
  }

  setVoteLimit(limit: number) {
    const { group, focusArea } = this.place();
    return this.run(() => this.backend.setVoteLimit(group.id, focusArea.id, limit));
  }

  uncluster(id: string) {
    return this.run(() => this.backend.unclusterCard(id));
  }

  async startEdit(c: SwotCard) {
    this.editing = c.id;
    this.editText = c.text;
    await this.focus('[data-testid="card-edit"]');
  }

  async saveEdit() {
    if (!this.editing) return;
    const id = this.editing;
    const text = this.editText;
    await this.run(() => this.backend.editCard(id, text));
    if (!this.alert) {
      this.editing = null;
      await this.focusCard(id);
    }
  }

  /** A card clicked: it joins the cluster being made, if one is; it is selected. */
  async pick(id: string) {
    if (this.clusterFrom && this.clusterFrom !== id) {
      const lead = this.clusterFrom;
      this.clusterFrom = null;
      await this.run(() => this.backend.clusterCards(lead, id));
    }
    this.selected = id;
  }

  async remove(id: string) {
    await this.run(() => this.backend.deleteCard(id));
    if (!this.alert) this.removed = id;
  }

  async undoRemove() {
    if (!this.removed) return;
    const id = this.removed;
    this.removed = null;
    await this.run(() => this.backend.restoreCard(id));
  }

  setFullscreen(on: boolean) {
    this.fullscreen = on;
    void this.backend.setFullscreen(on).catch(() => {});
  }

  /** Escape steps back out of what is going on; false when nothing was. */
  escape(): boolean {
    if (this.clusterFrom) this.clusterFrom = null;
    else if (this.adding) this.adding = null;
    else if (this.editing) this.editing = null;
    else if (this.fullscreen) this.setFullscreen(false);
    else return false;
    return true;
  }
}
