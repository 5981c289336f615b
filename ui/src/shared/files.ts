// A file the user picked in an <input type="file">, as the name and bytes the backend takes.

export type PickedFile = { name: string; bytes: number[] };

/** The first file of a file input's change event, read whole; `null` when none was picked. */
export async function readPicked(e: Event): Promise<PickedFile | null> {
  const f = (e.currentTarget as HTMLInputElement).files?.[0];
  if (!f) return null;
  return { name: f.name, bytes: Array.from(new Uint8Array(await f.arrayBuffer())) };
}
