// @vitest-environment jsdom
// The Backups view: "Back up now" lists the new backup; a restore is asked twice and reloads
// the window; the recovery screen offers the backups when the database cannot be opened.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render } from '@testing-library/svelte';
import BackupsView from './BackupsView.svelte';
import { memoryBackend } from '../../backend/memoryBackend';
import { localeMessages, overview } from '../../backend/fixtures';
import { i18n } from '../../state/i18n.svelte';

const messages = { en: localeMessages('en'), lo: localeMessages('lo') };

describe('BackupsView', () => {
  afterEach(cleanup);

  it('backs up now, then restores after asking', async () => {
    const base = memoryBackend(overview, messages);
    const restored: string[] = [];
    let reloaded = 0;
    const backend = { ...base, restoreBackup: async (file: string) => void restored.push(file) };
    await i18n.load(backend, 'lo');
    const view = render(BackupsView, { props: { backend, onrestored: () => void reloaded++ } });
    expect((await view.findByTestId('backup-empty')).textContent).toBe('ຍັງບໍ່ມີການສຳຮອງຂໍ້ມູນ.');
    await fireEvent.click(view.getByTestId('backup-now'));
    expect((await view.findByTestId('backup-made')).textContent).toContain('sala-0-manual.db');
    const row = await view.findByTestId('backup-row');
    expect(row.textContent).toContain('ຕາມການຮ້ອງຂໍ');
    // Asked first; cancelling changes nothing.
    await fireEvent.click(view.getByTestId('backup-restore'));
    await fireEvent.click(view.getByTestId('backup-confirm-no'));
    expect(restored).toEqual([]);
    await fireEvent.click(view.getByTestId('backup-restore'));
    expect(view.getByTestId('backup-confirm').textContent).toContain('ແທນທີ່ທຸກຢ່າງໃນຄອມພິວເຕີນີ້');
    await fireEvent.click(view.getByTestId('backup-confirm-yes'));
    await view.findByTestId('backup-row');
    expect(restored).toEqual(['sala-0-manual.db']);
    expect(reloaded).toBe(1);
  });

  it('offers the backups when the database cannot be opened, and says so when there is none', async () => {
    const backend = memoryBackend(overview, messages);
    await i18n.load(backend, 'en');
    const none = render(BackupsView, { props: { backend, recovery: true } });
    expect((await none.findByTestId('recovery')).textContent).toContain('there is no backup on this laptop');
    cleanup();
    await backend.backupNow();
    const view = render(BackupsView, { props: { backend, recovery: true } });
    await view.findByTestId('backup-row');
    expect(view.getByTestId('recovery').textContent).toContain('Restore a backup');
    expect(view.queryByTestId('backup-now')).toBeNull();
  });

  it('says why a restore failed, in words', async () => {
    const base = memoryBackend(overview, messages);
    await base.backupNow();
    const backend = { ...base, restoreBackup: () => base.restoreBackup('elsewhere.db') };
    await i18n.load(backend, 'en');
    const view = render(BackupsView, { props: { backend, onrestored: () => {} } });
    await fireEvent.click(await view.findByTestId('backup-restore'));
    await fireEvent.click(view.getByTestId('backup-confirm-yes'));
    expect((await view.findByTestId('backup-error')).textContent).toContain('“elsewhere.db” is not a Sala backup');
  });
});
