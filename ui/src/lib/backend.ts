// The one typed interface the UI uses to reach Rust. `tauriBackend` calls the shell's commands;
// `memoryBackend` (memoryBackend.ts) implements the same contract for unit tests.
import { invoke } from '@tauri-apps/api/core';
import type {
  AppInfo,
  NewNote,
  Note,
  SalaError,
  UiLanguage,
  WorkshopOverview,
} from './bindings';

export type Messages = Record<string, string>;

export interface Backend {
  appInfo(): Promise<AppInfo>;
  messages(language: UiLanguage): Promise<Messages>;
  startupLanguage(): Promise<UiLanguage>;
  setLanguage(language: UiLanguage): Promise<void>;
  overview(): Promise<WorkshopOverview>;
  notesFor(groupId: string, questionId: string): Promise<Note[]>;
  addNote(note: NewNote): Promise<Note>;
  updateNote(id: string, text: string): Promise<Note>;
  deleteNote(id: string): Promise<Note>;
  restoreNote(id: string): Promise<Note>;
  trash(): Promise<Note[]>;
  /** Tells the shell the first screen is painted (start-up is timed from outside). */
  uiReady(): Promise<void>;
}

/** Whether a thrown value is the typed error every command returns. */
export function isSalaError(e: unknown): e is SalaError {
  return typeof e === 'object' && e !== null && 'code' in e && 'params' in e;
}

export const tauriBackend: Backend = {
  appInfo: () => invoke('app_info'),
  messages: (language) => invoke('messages', { language }),
  startupLanguage: () => invoke('startup_language'),
  setLanguage: (language) => invoke('set_language', { language }),
  overview: () => invoke('overview'),
  notesFor: (groupId, questionId) => invoke('notes_for', { groupId, questionId }),
  addNote: (note) => invoke('add_note', { note }),
  updateNote: (id, text) => invoke('update_note', { id, text }),
  deleteNote: (id) => invoke('delete_note', { id }),
  restoreNote: (id) => invoke('restore_note', { id }),
  trash: () => invoke('trash'),
  uiReady: () => invoke('ui_ready'),
};
