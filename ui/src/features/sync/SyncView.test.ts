// @vitest-environment jsdom
// The workshop key in Sharing and sync: without one the view says files can be read by anyone
// who finds them; a passphrase shorter than 8 characters cannot be sent; once set, the view says
// the files are encrypted and the passphrase field is emptied; joining passes the passphrase.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, waitFor } from '@testing-library/svelte';
import SyncView from './SyncView.svelte';
import { memoryBackend } from '../../backend/memoryBackend';
import { localeMessages, overview } from '../../backend/fixtures';
import { i18n } from '../../state/i18n.svelte';
import { emptyReport, sync } from '../../state/sync.svelte';
import type { JoinProgressView } from '../../backend/bindings';

const messages = { en: localeMessages('en'), lo: localeMessages('lo') };

describe('SyncView workshop key', () => {
  afterEach(cleanup);

  it('sets the key from a passphrase, in Lao', async () => {
    const backend = memoryBackend(overview, messages);
    await i18n.load(backend, 'lo');
    const view = render(SyncView, { props: { backend, onoverview: () => {} } });
    const state = await view.findByTestId('key-state');
    await view.findByText(messages.lo['key.none']);
    const set = view.getByTestId('key-set') as HTMLButtonElement;
    await fireEvent.input(view.getByTestId('key-passphrase'), { target: { value: 'ສັ້ນ' } });
    expect(set.disabled).toBe(true);
    await fireEvent.input(view.getByTestId('key-passphrase'), { target: { value: 'ນະໂຍບາຍຂໍ້ມູນ 2026' } });
    expect(set.disabled).toBe(false);
    await fireEvent.click(set);
    expect((await view.findByTestId('sync-message')).textContent).toBe(messages.lo['key.done']);
    expect(state.textContent).toContain('ເຂົ້າລະຫັດແລ້ວ');
    expect((view.getByTestId('key-passphrase') as HTMLInputElement).value).toBe('');
  });

  it('offers to remove the files sent before the key was set, and says how many went', async () => {
    const backend = memoryBackend(overview, messages);
    await backend.setSyncSettings({ folder: '/share', label: 'ໂຕະ 2' });
    await backend.syncNow();
    await backend.syncNow();
    await i18n.load(backend, 'lo');
    sync.take(await backend.syncStatus());
    const view = render(SyncView, { props: { backend, onoverview: () => {} } });
    await view.findByText(messages.lo['key.none']);
    expect(view.queryByTestId('key-plain')).toBeNull();
    await fireEvent.input(view.getByTestId('key-passphrase'), { target: { value: 'ນະໂຍບາຍຂໍ້ມູນ 2026' } });
    await fireEvent.click(view.getByTestId('key-set'));
    sync.take(await backend.syncStatus());
    const plain = await view.findByTestId('key-plain');
    expect(plain.textContent).toContain('2 ໄຟລ໌');
    await fireEvent.click(view.getByTestId('key-withdraw'));
    expect((await view.findByTestId('sync-message')).textContent).toBe(
      messages.lo['key.withdrawn'].replace('%{n}', '2'),
    );
    await waitFor(() => expect(view.queryByTestId('key-plain')).toBeNull());
    // The message follows a change of language.
    i18n.set('en', messages.en);
    await waitFor(() =>
      expect(view.getByTestId('sync-message').textContent).toBe(messages.en['key.withdrawn'].replace('%{n}', '2')),
    );
    sync.take(emptyReport());
  });

  it('joins a workshop with the passphrase typed for it', async () => {
    const base = memoryBackend(overview, messages);
    const joined: (string | undefined)[] = [];
    let loaded = false;
    const backend = {
      ...base,
      workshopKey: async () => {
        loaded = true;
        return null;
      },
      folderWorkshops: async () => [{ workshop_id: 'w2', title: { en: 'Other', lo: 'ອື່ນ' }, start_date: '2026-12-01', end_date: '2026-12-02', here: false, current: false, archived: false }],
      joinFolder: async (_f: string, _w: string, passphrase?: string) => {
        joined.push(passphrase);
        return overview;
      },
    };
    await i18n.load(backend, 'en');
    const view = render(SyncView, { props: { backend, onoverview: () => {} } });
    // The view has loaded its settings (which fill the folder field) before anything is typed.
    await waitFor(() => expect(loaded).toBe(true));
    await fireEvent.input(view.getByTestId('join-folder'), { target: { value: '/media/usb' } });
    await fireEvent.input(view.getByTestId('join-passphrase'), { target: { value: 'ນະໂຍບາຍຂໍ້ມູນ 2026' } });
    await fireEvent.click(view.getByTestId('join-look'));
    await fireEvent.click(await view.findByTestId('join-workshop'));
    await view.findByTestId('sync-message');
    expect(joined).toEqual(['ນະໂຍບາຍຂໍ້ມູນ 2026']);
  });

  it('shows what a join is doing while a big workshop arrives, in either language', async () => {
    const base = memoryBackend(overview, messages);
    let tell: (p: JoinProgressView) => void = () => {};
    let finish: () => void = () => {};
    let loaded = false;
    let listening = false;
    const backend = {
      ...base,
      workshopKey: async () => {
        loaded = true;
        return null;
      },
      folderWorkshops: async () => [{ workshop_id: 'w2', title: { en: 'Big', lo: 'ໃຫຍ່' }, start_date: '2026-12-01', end_date: '2026-12-02', here: false, current: false, archived: false }],
      onJoinProgress: async (listener: (p: JoinProgressView) => void) => {
        tell = listener;
        listening = true;
        return () => (tell = () => {});
      },
      joinFolder: () => new Promise<typeof overview>((resolve) => (finish = () => resolve(overview))),
    };
    await i18n.load(backend, 'en');
    const view = render(SyncView, { props: { backend, onoverview: () => {} } });
    await waitFor(() => expect(loaded).toBe(true));
    await fireEvent.input(view.getByTestId('join-folder'), { target: { value: '/media/usb' } });
    await fireEvent.click(view.getByTestId('join-look'));
    await fireEvent.click(await view.findByTestId('join-workshop'));
    await waitFor(() => expect(listening).toBe(true));
    tell({ step: 'snapshot', done: 0, total: 0, seconds_left: null });
    await waitFor(() => expect(view.getByTestId('join-progress').textContent).toContain('Looking for a copy of the whole workshop'));
    tell({ step: 'reading', done: 40, total: 150, seconds_left: 12 });
    await waitFor(() => expect(view.getByTestId('join-progress').textContent).toContain('Reading files: 40 of 150 — about 12 s left'));
    expect(view.getByTestId('join-progress').querySelector('progress')?.getAttribute('value')).toBe('40');
    i18n.set('lo', messages.lo);
    await waitFor(() => expect(view.getByTestId('join-progress').textContent).toContain('ກຳລັງອ່ານໄຟລ໌: 40 ຈາກ 150 — ຍັງເຫຼືອປະມານ 12 ວິນາທີ'));
    tell({ step: 'indexing', done: 0, total: 0, seconds_left: null });
    await waitFor(() => expect(view.getByTestId('join-progress').textContent).toContain('ກຳລັງສ້າງດັດຊະນີການຄົ້ນຫາ'));
    // Once joined, the bar goes and what was joined is said.
    finish();
    await waitFor(() => expect(view.queryByTestId('join-progress')).toBeNull());
    await view.findByTestId('sync-message');
    i18n.set('en', messages.en);
  });

  it('says once, in words, that the files in the folder need the key', async () => {
    const backend = memoryBackend(overview, messages);
    await i18n.load(backend, 'en');
    const problem = (file: string) => ({
      file,
      error: { code: 'sync_needs_key' as const, params: { file } },
      retried: true,
      tries: 1,
    });
    sync.take({ ...emptyReport(), folder: '/media/usb', problems: [problem('a/00000001.sala-ops'), problem('a/00000002.sala-ops')] });
    const view = render(SyncView, { props: { backend, onoverview: () => {} } });
    expect((await view.findByTestId('key-needed')).textContent).toContain('2 files in the shared folder are encrypted');
    sync.take(emptyReport());
  });
});

describe('SyncView shared folder', () => {
  afterEach(cleanup);

  it('says a typed folder is not there, in Lao, and offers to create it', async () => {
    const backend = memoryBackend(overview, messages);
    await i18n.load(backend, 'lo');
    const view = render(SyncView, { props: { backend, onoverview: () => {} } });
    // Loaded: the workshops on this laptop are listed.
    await view.findByText(messages.lo['sync.current']);
    await fireEvent.input(view.getByTestId('sync-folder'), { target: { value: '/media/usb/sala' } });
    await fireEvent.click(view.getByTestId('sync-save'));
    const error = await view.findByTestId('sync-error');
    expect(error.textContent).toContain(messages.lo['error.sync_folder_missing'].replace('%{folder}', '/media/usb/sala'));
    expect(error.textContent).not.toMatch(/os error|No such file/);
    expect((await backend.syncSettings()).folder).toBe('');
    await fireEvent.click(view.getByTestId('sync-create-folder'));
    expect((await view.findByTestId('sync-message')).textContent).toBe(messages.lo['sync.saved']);
    expect((await backend.syncSettings()).folder).toBe('/media/usb/sala');
    sync.take(emptyReport());
  });
});

describe('an error from the operating system', () => {
  it('is said in the UI language with what to do, never in the OS words', async () => {
    const backend = memoryBackend(overview, messages);
    const err = { code: 'io', params: { path: '/no-such-dir/x.docx', reason: 'not_found', detail: 'No such file or directory (os error 2)' } };
    for (const lang of ['lo', 'en'] as const) {
      await i18n.load(backend, lang);
      const said = i18n.error(err);
      expect(said).toContain(messages[lang]['io_reason.not_found']);
      expect(said).toContain(messages[lang]['io_advice.not_found']);
      expect(said).not.toContain('os error');
    }
    // A reason Sala has no words for keeps the OS's own.
    expect(i18n.error({ ...err, params: { ...err.params, reason: 'other' } })).toContain('os error 2');
  });
});
