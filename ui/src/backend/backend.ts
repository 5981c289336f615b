// The one typed interface the UI uses to reach Rust. The commands themselves are generated from
// their one declaration in Rust (`commands.ts`, from the #[tauri::command] functions); this file
// adds only what is not a plain command. `memoryBackend` (memoryBackend.ts) implements the same
// contract for unit tests.
import { commands, type Commands } from './commands';
import type { ConflictView, JoinProgressView, RoomArrival, SalaError, SyncReport } from './bindings';

export type Messages = Record<string, string>;

export interface Backend extends Omit<Commands, 'uiReady' | 'resolveConflict'> {
  /** Tells the shell a start-up stage is painted (start-up is timed from outside). */
  uiReady(stage: 'shell' | 'workspace'): Promise<void>;
  /** Resolves a conflict with a value (JSON text): one of its values or a combination. */
  resolveConflict(conflict: ConflictView, json: string): Promise<ConflictView[]>;
  /** Full screen on or off for the present views (the window; a CSS overlay does the rest). */
  setFullscreen(on: boolean): Promise<void>;
  /** Every report of the background sync task, as it comes. Resolves to a function that stops listening. */
  onSync(listener: (report: SyncReport) => void): Promise<() => void>;
  /** What a join under way is doing (`joinFolder`), as it goes. Resolves to a function that stops listening. */
  onJoinProgress(listener: (progress: JoinProgressView) => void): Promise<() => void>;
  /** Something a phone sent through the room (an idea, a survey answer), as it arrives. Resolves to a function that stops listening. */
  onRoomArrival(listener: (arrival: RoomArrival) => void): Promise<() => void>;
}

/** Whether a thrown value is the typed error every command returns. */
export function isSalaError(e: unknown): e is SalaError {
  return typeof e === 'object' && e !== null && 'code' in e && 'params' in e;
}

export const tauriBackend: Backend = {
  ...commands,
  uiReady: (stage) => commands.uiReady(stage, performance.now()),
  resolveConflict: (c, json) => commands.resolveConflict(c.entity, c.entity_id, c.field, json),
  setFullscreen: async (on) => {
    const { getCurrentWindow } = await import('@tauri-apps/api/window');
    await getCurrentWindow().setFullscreen(on);
  },
  onSync: async (listener) => {
    const { listen } = await import('@tauri-apps/api/event');
    return listen<SyncReport>('sync', (e) => listener(e.payload));
  },
  onJoinProgress: async (listener) => {
    const { listen } = await import('@tauri-apps/api/event');
    return listen<JoinProgressView>('join-progress', (e) => listener(e.payload));
  },
  onRoomArrival: async (listener) => {
    const { listen } = await import('@tauri-apps/api/event');
    return listen<RoomArrival>('room-arrival', (e) => listener(e.payload));
  },
};
