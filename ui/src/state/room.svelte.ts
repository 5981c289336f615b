// What phones sent through the room while this window is open: views that show it (the ideas
// queue beside a question's notes) reload when it changes.
import type { RoomArrival } from '../backend/bindings';

class RoomState {
  /** Bumped for every idea a phone sends; the last one's group and question. */
  ideas = $state(0);
  lastIdea = $state<{ group_id: string; question_id: string } | null>(null);
  /** Bumped for every survey answer a phone sends. */
  answers = $state(0);
  /** Bumped for every dot a phone places or takes back. */
  votes = $state(0);
  /** Bumped for every picture a phone sends to a group's work. */
  pictures = $state(0);

  take(a: RoomArrival) {
    if (a.kind === 'idea') {
      this.lastIdea = { group_id: a.group_id, question_id: a.question_id };
      this.ideas++;
    } else if (a.kind === 'vote') {
      this.votes++;
    } else if (a.kind === 'picture') {
      this.pictures++;
    } else {
      this.answers++;
    }
  }
}

export const room = new RoomState();
