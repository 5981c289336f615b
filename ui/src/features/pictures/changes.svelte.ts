// Pictures attached outside a strip (a photo dropped on a note): the strips reload when it changes.

class PictureChanges {
  n = $state(0);
  bump() {
    this.n++;
  }
}

export const pictureChanges = new PictureChanges();
