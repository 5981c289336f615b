// Picture files as the backend takes them: their name and their bytes in base64 (a photo's
// bytes as a JSON array of numbers would be five times its size).

export type PictureFileRead = { name: string; base64: string };

/** Whether a pasted or dropped file may be a picture (Rust decides for sure, by its bytes). */
export function isPictureFile(f: File): boolean {
  return f.type.startsWith('image/') || /\.(jpe?g|png|hei[cf])$/i.test(f.name);
}

/** A pasted picture has no name of its own (or "image.png" for every one): give it one. */
function nameOf(f: File, i: number): string {
  return f.name && f.name !== 'image.png' ? f.name : `pasted-${i + 1}.${f.type === 'image/jpeg' ? 'jpg' : 'png'}`;
}

function read(f: File, i: number): Promise<PictureFileRead> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = String(reader.result ?? '');
      resolve({ name: nameOf(f, i), base64: url.slice(url.indexOf(',') + 1) });
    };
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(f);
  });
}

/** Each file read whole, in order. */
export function readPictureFiles(files: File[]): Promise<PictureFileRead[]> {
  return Promise.all(files.map(read));
}
