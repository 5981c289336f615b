// @vitest-environment jsdom
// The frame: work arriving from other laptops refreshes the workshop everywhere, yet never
// makes the open view anew — what is being typed there stays as typed.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, waitFor } from '@testing-library/svelte';
import { flushSync } from 'svelte';
import App from './App.svelte';
import { memoryBackend } from './backend/memoryBackend';
import { localeMessages, overview } from './backend/fixtures';
import { emptyReport, sync } from './state/sync.svelte';

const messages = { en: localeMessages('en'), lo: localeMessages('lo') };

describe('App', () => {
  afterEach(cleanup);

  it('keeps what is typed in Sharing and sync while work from other laptops arrives', async () => {
    const backend = memoryBackend(overview, messages);
    let settingsRead = 0;
    const counted = {
      ...backend,
      syncSettings: async () => {
        settingsRead += 1;
        return backend.syncSettings();
      },
    };
    const view = render(App, { props: { backend: counted } });
    await fireEvent.click(await view.findByTestId('nav-sync'));
    const folder = (await view.findByTestId('sync-folder')) as HTMLInputElement;
    await waitFor(() => expect(settingsRead).toBeGreaterThanOrEqual(2)); // the frame's, the view's
    const before = settingsRead;
    await fireEvent.input(folder, { target: { value: '/media/usb/workshop' } });

    // Another laptop's work arrives: the frame reads the workshop again.
    const arrivals = sync.arrivals;
    sync.take({ ...emptyReport(), ops_received: 3 });
    flushSync();
    expect(sync.arrivals).toBe(arrivals + 1);
    await new Promise((r) => setTimeout(r, 50));

    expect(settingsRead).toBe(before);
    expect(((await view.findByTestId('sync-folder')) as HTMLInputElement).value).toBe('/media/usb/workshop');
  });
});
