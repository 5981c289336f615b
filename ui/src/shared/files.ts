// A file the user picked in an <input type="file">, as the name and bytes the backend takes.

export type PickedFile = { name: string; bytes: number[] };

/** One file read whole (through FileReader, which every webview has). */
function read(f: File): Promise<PickedFile> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve({ name: f.name, bytes: Array.from(new Uint8Array(reader.result as ArrayBuffer)) });
    reader.onerror = () => reject(reader.error);
    reader.readAsArrayBuffer(f);
  });
}

/** The first file of a file input's change event, read whole; `null` when none was picked. */
export async function readPicked(e: Event): Promise<PickedFile | null> {
  const f = (e.currentTarget as HTMLInputElement).files?.[0];
  return f ? read(f) : null;
}

/** Every file of a file input's change event, each read whole, in the order picked. */
export async function readAllPicked(e: Event): Promise<PickedFile[]> {
  return Promise.all([...((e.currentTarget as HTMLInputElement).files ?? [])].map(read));
}
