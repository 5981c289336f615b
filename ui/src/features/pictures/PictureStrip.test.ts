// @vitest-environment jsdom
// Pictures under a guiding question and on a SWOT board: attached from the file dialog, a drop
// or a paste, captioned at once, shown full screen with zoom, put in the trash with undo; a
// file that is not a picture is refused in the UI's language.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, waitFor } from '@testing-library/svelte';
import GroupWorkspace from '../notes/GroupWorkspace.svelte';
import PictureStrip from './PictureStrip.svelte';
import { memoryBackend } from '../../backend/memoryBackend';
import { localeMessages, overview } from '../../backend/fixtures';
import { i18n } from '../../state/i18n.svelte';
import { room } from '../../state/room.svelte';

const messages = { en: localeMessages('en'), lo: localeMessages('lo') };

/** A file whose first bytes are a JPEG's (or a PNG's, or a HEIC's). */
function file(name: string, kind: 'jpeg' | 'png' | 'heic' | 'text'): File {
  const head = {
    jpeg: [0xff, 0xd8, 0xff, 0xe0, 0, 16, 74, 70, 73, 70, 0, 1],
    png: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13],
    heic: [0, 0, 0, 0x18, 0x66, 0x74, 0x79, 0x70, 0x68, 0x65, 0x69, 0x63],
    text: [0x6e, 0x6f, 0x74, 0x20, 0x61, 0x20, 0x70, 0x69, 0x63, 0x74, 0x75, 0x72],
  }[kind];
  const type = { jpeg: 'image/jpeg', png: 'image/png', heic: 'image/heic', text: 'text/plain' }[kind];
  return new File([new Uint8Array([...head, ...new Array(40).fill(7)])], name, { type });
}

async function open(lang: 'en' | 'lo') {
  const backend = memoryBackend(overview, messages);
  await i18n.load(backend, lang);
  const group = overview.groups[0];
  const view = render(GroupWorkspace, { props: { backend, overview, group, onmakeaction: () => {} } });
  await view.findByTestId('question-pictures');
  const captions = () => view.queryAllByTestId('picture-caption').map((c) => c.textContent);
  return { backend, view, group, captions };
}

async function pick(view: { getByTestId: (id: string) => HTMLElement }, testid: string, files: File[]) {
  const input = view.getByTestId(testid) as HTMLInputElement;
  Object.defineProperty(input, 'files', { value: files, configurable: true });
  await fireEvent.change(input);
}

describe('PictureStrip', () => {
  afterEach(cleanup);

  it('attaches a photo from the file dialog under the question, captioned at once in Lao', async () => {
    const { backend, view, group, captions } = await open('lo');
    await pick(view, 'question-pictures-pick', [file('IMG_0042.JPG', 'jpeg')]);
    const input = (await view.findByTestId('picture-caption-input')) as HTMLInputElement;
    await fireEvent.input(input, { target: { value: 'ເຈ້ຍຟລິບຊາດ ກຸ່ມ A' } });
    await fireEvent.keyDown(input, { key: 'Enter' });
    await waitFor(() => expect(captions()).toEqual(['ເຈ້ຍຟລິບຊາດ ກຸ່ມ A']));
    const kept = await backend.groupPictures(group.id);
    expect(kept.map((p) => [p.picture.question_id, p.picture.caption])).toEqual([[overview.questions[0].id, 'ເຈ້ຍຟລິບຊາດ ກຸ່ມ A']]);
    // Another question shows its own pictures only.
    await fireEvent.click(view.getByTestId('question-tab-2'));
    await waitFor(() => expect(captions()).toEqual([]));
  });

  it('takes a pasted image and a dropped one, and leaves a text paste alone', async () => {
    const { view, captions } = await open('en');
    const paste = new Event('paste', { bubbles: true, cancelable: true }) as ClipboardEvent;
    Object.defineProperty(paste, 'clipboardData', { value: { files: [file('image.png', 'png')] } });
    window.dispatchEvent(paste);
    expect(paste.defaultPrevented).toBe(true);
    await waitFor(() => expect(view.queryAllByTestId('picture-tile')).toHaveLength(1));
    const text = new Event('paste', { bubbles: true, cancelable: true }) as ClipboardEvent;
    Object.defineProperty(text, 'clipboardData', { value: { files: [] } });
    window.dispatchEvent(text);
    expect(text.defaultPrevented).toBe(false);

    await fireEvent.drop(view.getByTestId('question-pictures'), { dataTransfer: { files: [file('whiteboard.jpg', 'jpeg')] } });
    await waitFor(() => expect(view.queryAllByTestId('picture-tile')).toHaveLength(2));
    // The first without a caption; the one just dropped asks for its caption.
    expect(captions()).toEqual([messages.en['picture.untitled']]);
    expect(view.getByTestId('picture-caption-input')).toBeTruthy();
  });

  it('refuses a HEIC photo and a text file in words, keeping nothing', async () => {
    const { view, backend, group } = await open('en');
    await pick(view, 'question-pictures-pick', [file('IMG_1.HEIC', 'heic')]);
    expect((await view.findByTestId('question-pictures-error')).textContent).toContain('HEIC');
    await pick(view, 'question-pictures-pick', [file('notes.txt', 'text')]);
    await waitFor(() => expect(view.getByTestId('question-pictures-error').textContent).toContain('“notes.txt” is not a picture'));
    expect(await backend.groupPictures(group.id)).toEqual([]);
  });

  it('shows a picture full screen with zoom, and deletes one with undo', async () => {
    const { view, captions } = await open('en');
    await pick(view, 'question-pictures-pick', [file('a.jpg', 'jpeg'), file('b.png', 'png')]);
    await waitFor(() => expect(view.queryAllByTestId('picture-tile')).toHaveLength(2));
    await fireEvent.click(view.getAllByTestId('picture-open')[0]);
    const full = (await view.findByTestId('picture-full')) as HTMLImageElement;
    expect(full.src).toMatch(/^data:image\/jpeg;base64,/);
    expect(view.getByTestId('picture-zoom').textContent).toBe('100%');
    await fireEvent.click(view.getByTestId('picture-zoom-in'));
    expect(view.getByTestId('picture-zoom').textContent).toBe('125%');
    await fireEvent.keyDown(window, { key: '+' });
    expect(view.getByTestId('picture-zoom').textContent).toBe('156%');
    await fireEvent.keyDown(window, { key: '0' });
    expect(view.getByTestId('picture-zoom').textContent).toBe('100%');
    await fireEvent.keyDown(window, { key: 'ArrowRight' });
    await waitFor(() => expect((view.getByTestId('picture-full') as HTMLImageElement).src).toMatch(/^data:image\/png/));
    await fireEvent.keyDown(window, { key: 'Escape' });
    expect(view.queryByTestId('picture-viewer')).toBeNull();

    await fireEvent.click(view.getAllByTestId('picture-delete')[0]);
    await waitFor(() => expect(view.queryAllByTestId('picture-tile')).toHaveLength(1));
    await fireEvent.click(view.getByTestId('question-pictures-undo'));
    await waitFor(() => expect(view.queryAllByTestId('picture-tile')).toHaveLength(2));
    expect(captions()).toHaveLength(1);
  });

  it('keeps a photo dropped on a note as the note’s, shown with the question’s pictures', async () => {
    const { view, backend, group } = await open('en');
    await backend.addNote({ group_id: group.id, question_id: 'q1', text: 'The flipchart lists three laws.', lang: null });
    await fireEvent.click(view.getByTestId('question-tab-2'));
    await fireEvent.click(view.getByTestId('question-tab-1'));
    const note = await view.findByTestId('note-item');
    await fireEvent.drop(note, { dataTransfer: { files: [file('laws.jpg', 'jpeg')], types: ['Files'] } });
    await waitFor(() => expect(view.queryAllByTestId('picture-tile')).toHaveLength(1));
    const [kept] = await backend.groupPictures(group.id);
    expect(kept.picture.note_id).not.toBeNull();
    expect(kept.picture.question_id).toBe('q1');
  });

  it('shows the group’s own pictures (a phone’s, through the room) apart, and nothing when there are none', async () => {
    const { view, backend, group } = await open('en');
    expect(view.queryByTestId('group-pictures')).toBeNull();
    await backend.attachPicture({ group_id: group.id }, { name: 'phone.jpg', base64: '/9j/4AAQ' }, 'from the facilitator’s phone');
    room.take({ kind: 'picture', group_id: group.id });
    const strip = await view.findByTestId('group-pictures');
    await waitFor(() => expect(strip.textContent).toContain('from the facilitator’s phone'));
    expect(view.getByTestId('question-pictures').textContent).not.toContain('from the facilitator’s phone');
  });

  it('keeps a SWOT board its own pictures', async () => {
    const backend = memoryBackend(overview, messages);
    await i18n.load(backend, 'en');
    const group = overview.groups[0];
    await backend.attachPicture({ group_id: group.id, question_id: 'q1' }, { name: 'q.jpg', base64: '/9j/4AAQ' }, 'under question 1');
    const view = render(PictureStrip, { props: { backend, target: { group_id: group.id, focus_area_id: 'fa-1' }, testid: 'board-pictures' } });
    await pick(view, 'board-pictures-pick', [file('swot.jpg', 'jpeg')]);
    await waitFor(() => expect(view.queryAllByTestId('picture-tile')).toHaveLength(1));
    const kept = (await backend.groupPictures(group.id)).find((p) => p.picture.focus_area_id === 'fa-1');
    expect(kept?.picture.question_id).toBeNull();
  });
});
