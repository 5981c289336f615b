// Which agenda item is on now, by the laptop's clock: day N of the agenda is the workshop's
// start date + N − 1; an item is current from its start time until its end time.
import type { AgendaItem } from '../../backend/bindings';

function dayDate(startDate: string, day: number): string {
  const [y, m, d] = startDate.split('-').map(Number);
  const date = new Date(y, m - 1, d + day - 1);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** The id of the item on now, or null (before, after or between items, or another day). */
export function currentItemId(agenda: AgendaItem[], startDate: string, now: Date): string | null {
  const pad = (n: number) => String(n).padStart(2, '0');
  const today = `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
  const time = `${pad(now.getHours())}:${pad(now.getMinutes())}`;
  const item = agenda.find(
    (a) => !a.deleted && dayDate(startDate, a.day) === today && a.starts_at <= time && time < a.ends_at,
  );
  return item?.id ?? null;
}

/** Minutes and seconds, `mm:ss`, of a number of seconds (negative shows as 00:00). */
export function clock(seconds: number): string {
  const s = Math.max(0, Math.ceil(seconds));
  return `${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
}
