// @vitest-environment jsdom
// A participant deleted by a wrong click comes back with one: nothing typed is lost.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render } from '@testing-library/svelte';
import ParticipantsView from './ParticipantsView.svelte';
import { memoryBackend } from '../../backend/memoryBackend';
import { localeMessages, overview } from '../../backend/fixtures';
import { i18n } from '../../state/i18n.svelte';

const messages = { en: localeMessages('en'), lo: localeMessages('lo') };

describe('ParticipantsView undo', () => {
  afterEach(cleanup);

  for (const lang of ['lo', 'en'] as const) {
    it(`says who was removed and brings them back (${lang})`, async () => {
      const backend = memoryBackend(overview, messages);
      await i18n.load(backend, lang);
      await backend.addParticipant({
        name: { lo: 'ສົມພອນ', en: 'Somphone' },
        organisation: 'MTC',
        stakeholder: 'government',
        gender: 'female',
        contact: '',
        consent: true,
        group_id: null,
      });
      const view = render(ParticipantsView, { props: { backend, overview } });
      expect(await view.findAllByTestId('participant-row')).toHaveLength(1);

      await fireEvent.click(view.getByTestId('participant-delete'));
      const undo = await view.findByTestId('participant-undo');
      expect(undo.parentElement?.textContent).toContain(messages[lang]['people.deleted'].replace('%{name}', 'ສົມພອນ'));
      expect(view.queryAllByTestId('participant-row')).toHaveLength(0);

      await fireEvent.click(undo);
      const rows = await view.findAllByTestId('participant-row');
      expect(rows[0].textContent).toContain('Somphone');
      expect(view.queryByTestId('participant-undo')).toBeNull();
    });
  }
});
