// Where sync stands, for the status bar, the Sharing view and provenance ("Table 3"): the last
// report from the background task (or a pass the user started), and this laptop's own name.
import type { Provenance, SyncReport } from '../backend/bindings';
import { i18n } from './i18n.svelte';

/** A report of nothing yet: no folder, nothing sent or received. */
export function emptyReport(): SyncReport {
  return {
    folder: '',
    reached: false,
    folder_error: null,
    files_written: 0,
    ops_sent: 0,
    files_read: 0,
    ops_received: 0,
    waiting: 0,
    conflicts: 0,
    devices: [],
    problems: [],
    new_device_id: null,
    last_sync_ms: null,
    more: false,
    plain_files: 0,
    indexing: false,
    pictures_sent: 0,
    pictures_received: 0,
    pictures_waiting: 0,
  };
}

class SyncState {
  report = $state<SyncReport | null>(null);
  /** This laptop's device id and table label. */
  me = $state({ device: '', label: '' });
  /** Bumped when a pass brought something new, so open views can reload. */
  arrivals = $state(0);

  take(r: SyncReport) {
    if (r.ops_received > 0) this.arrivals++;
    this.report = r;
  }

  /** The name a person knows a device by: its table label, else the end of its id. */
  deviceName(device: string): string {
    if (device === this.me.device) return this.me.label || i18n.t('sync.this_laptop');
    const peer = this.report?.devices.find((d) => d.device_id === device);
    return peer?.label || i18n.t('status.device', { id: device.slice(-8) });
  }

  /** "Table 1 and Table 2" (or "Table 1, Table 2 and Table 3"): the tables that wrote these. */
  tables(devices: string[]): string {
    const names = [...new Set(devices.map((d) => this.deviceName(d)))];
    if (names.length < 2) return names.join('');
    return i18n.t('conflicts.and', { a: names.slice(0, -1).join(', '), b: names[names.length - 1] });
  }

  /** "Table 2", or "Table 2 · changed by Table 3" when another table changed it last. */
  provenance(p: Provenance | undefined): string {
    if (!p) return '';
    const created = this.deviceName(p.created_by);
    if (p.edited_by === p.created_by) return i18n.t('provenance.created', { device: created });
    return i18n.t('provenance.edited', { created, edited: this.deviceName(p.edited_by) });
  }

  /** "just now", "5 min ago", or a time of day. */
  when(ms: number | null | undefined, now = Date.now()): string {
    if (ms === null || ms === undefined) return i18n.t('sync.never');
    const minutes = Math.floor((now - ms) / 60_000);
    if (minutes < 1) return i18n.t('sync.just_now');
    if (minutes < 60) return i18n.t('sync.minutes_ago', { n: String(minutes) });
    const locale = i18n.lang === 'lo' ? 'lo-LA' : 'en-GB';
    const time = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', day: 'numeric', month: 'short' }).format(ms);
    return i18n.t('sync.at', { time });
  }
}

export const sync = new SyncState();
