// @vitest-environment jsdom
// The projector's live results: only what the table accepted reaches the word cloud, the dots
// are shown most first, and both follow what phones send without anyone reloading.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, waitFor } from '@testing-library/svelte';
import RoomResults from './RoomResults.svelte';
import { memoryBackend } from '../../backend/memoryBackend';
import { localeMessages, overview } from '../../backend/fixtures';
import { i18n } from '../../state/i18n.svelte';
import { room } from '../../state/room.svelte';

const messages = { en: localeMessages('en'), lo: localeMessages('lo') };

describe('RoomResults', () => {
  afterEach(cleanup);

  it('shows the words of accepted ideas only, as they are accepted', async () => {
    const backend = memoryBackend(overview, messages);
    await i18n.load(backend, 'lo');
    await backend.onRoomArrival((a) => room.take(a));
    const [group] = overview.groups;
    const [, q2] = overview.questions;
    await backend.roomOpen([{ kind: 'ideas', group_id: group.id, question_id: q2.id }]);
    const view = render(RoomResults, { props: { backend, overview } });
    expect((await view.findByTestId('results-ideas')).textContent).toBe('ສົ່ງມາ 0 · ຮັບເອົາ 0 · ລໍຖ້າອ່ານ 0');
    expect(view.getByText(messages.lo['room.cloud_empty'])).toBeTruthy();

    const kept = backend.phoneIdea(group.id, q2.id, 'data law');
    backend.phoneIdea(group.id, q2.id, 'secret words');
    await waitFor(() => expect(view.getByTestId('results-ideas').textContent).toBe('ສົ່ງມາ 2 · ຮັບເອົາ 0 · ລໍຖ້າອ່ານ 2'));
    await backend.acceptIdea(kept.id, 'open data law', null);
    backend.phoneIdea(group.id, q2.id, 'more data');
    await waitFor(() => expect(view.getAllByTestId('cloud-word').map((w) => w.textContent)).toEqual(['data', 'law', 'open']));
    expect(view.getByTestId('results-ideas').textContent).toBe('ສົ່ງມາ 3 · ຮັບເອົາ 1 · ລໍຖ້າອ່ານ 2');
  });
});
