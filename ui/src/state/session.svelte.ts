// The session of the agenda this laptop's notes, cards, votes and actions are taken in: the one
// running now by the laptop's clock and the workshop's dates, unless someone at the table chose
// another — kept on this laptop, per workshop, until changed back to the clock.
import type { WorkshopOverview } from '../backend/bindings';
import { currentItemId } from '../features/workshop/agendaClock';

const KEY = 'sala.sessions';

/** What was chosen, per workshop: an agenda item's id, or '' for "outside any session". */
type Chosen = Record<string, string>;

function load(): Chosen {
  try {
    const raw = typeof localStorage === 'undefined' ? null : localStorage.getItem(KEY);
    const parsed: unknown = raw ? JSON.parse(raw) : {};
    return parsed && typeof parsed === 'object' ? (parsed as Chosen) : {};
  } catch {
    return {};
  }
}

class SessionState {
  chosen = $state<Chosen>(load());
  /** The laptop's clock, read every half minute. */
  now = $state(new Date());

  constructor() {
    if (typeof window !== 'undefined') setInterval(() => (this.now = new Date()), 30_000);
  }

  /** 'clock' (follow the agenda), 'none' (outside any session), or an agenda item's id. */
  mode(o: WorkshopOverview): string {
    const c = this.chosen[o.workshop.id];
    if (c === undefined) return 'clock';
    if (c === '') return 'none';
    return o.agenda.some((a) => a.id === c) ? c : 'clock';
  }

  /** The session running now by the clock, if any. */
  running(o: WorkshopOverview): string | null {
    return currentItemId(o.agenda, o.workshop.start_date, this.now);
  }

  /** The session a note, card, vote or action made now belongs to (null: none). */
  current(o: WorkshopOverview): string | null {
    const m = this.mode(o);
    if (m === 'clock') return this.running(o);
    return m === 'none' ? null : m;
  }

  choose(o: WorkshopOverview, mode: string) {
    const next = { ...this.chosen };
    if (mode === 'clock') delete next[o.workshop.id];
    else next[o.workshop.id] = mode === 'none' ? '' : mode;
    this.chosen = next;
    try {
      localStorage.setItem(KEY, JSON.stringify(next));
    } catch {
      // Private mode or a full disk: the choice holds until the window closes.
    }
  }
}

export const session = new SessionState();
