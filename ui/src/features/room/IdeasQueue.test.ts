// @vitest-environment jsdom
// The moderation queue beside a question's notes: ideas from phones appear as they arrive, and
// become notes only when the table accepts them — as sent, edited, or merged into a note.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, waitFor } from '@testing-library/svelte';
import GroupWorkspace from '../notes/GroupWorkspace.svelte';
import { memoryBackend } from '../../backend/memoryBackend';
import { localeMessages, overview } from '../../backend/fixtures';
import { i18n } from '../../state/i18n.svelte';
import { room } from '../../state/room.svelte';

const messages = { en: localeMessages('en'), lo: localeMessages('lo') };

async function open(lang: 'en' | 'lo') {
  const backend = memoryBackend(overview, messages);
  await i18n.load(backend, lang);
  await backend.onRoomArrival((a) => room.take(a));
  const group = overview.groups[0];
  const question = overview.questions[0];
  const view = render(GroupWorkspace, { props: { backend, overview, group, onmakeaction: () => {} } });
  await view.findByTestId('notes');
  const send = (text: string) => backend.phoneIdea(group.id, question.id, text);
  const texts = () => view.queryAllByTestId('idea-text').map((t) => t.textContent);
  const notes = () => view.queryAllByTestId('note-text').map((t) => t.textContent);
  return { backend, view, group, question, send, texts, notes };
}

describe('IdeasQueue', () => {
  afterEach(cleanup);

  it('shows an idea the moment a phone sends it, and makes a note from a participant only when accepted', async () => {
    const { view, send, texts, notes } = await open('lo');
    expect(view.queryByTestId('ideas-queue')).toBeNull();
    send('ຄວນມີກົດໝາຍປົກປ້ອງຂໍ້ມູນ');
    await waitFor(() => expect(texts()).toEqual(['ຄວນມີກົດໝາຍປົກປ້ອງຂໍ້ມູນ']));
    expect(view.getByTestId('ideas-waiting').textContent).toBe('ລໍຖ້າ 1');
    expect(notes()).toEqual([]);

    await fireEvent.click(view.getByTestId('idea-accept'));
    await waitFor(() => expect(notes()).toEqual(['ຄວນມີກົດໝາຍປົກປ້ອງຂໍ້ມູນ']));
    expect(view.getByTestId('note-from-participant').textContent).toBe(messages.lo['idea.from_participant']);
    await waitFor(() => expect(view.queryByTestId('ideas-queue')).toBeNull());
  });

  it('accepts an edited idea, merges one into a note, and rejects one with undo', async () => {
    const { backend, view, group, question, send, texts, notes } = await open('en');
    await backend.addNote({ group_id: group.id, question_id: question.id, text: 'Ministries do not share data.', lang: null });
    send('data law pls');
    send('same here: sharing is hard');
    send('<script>alert(1)</script>');
    await waitFor(() => expect(texts()).toHaveLength(3));
    // Markup is shown as the text it is.
    expect(texts()[2]).toBe('<script>alert(1)</script>');
    expect(view.container.querySelector('script')).toBeNull();

    await fireEvent.click(view.getAllByTestId('idea-edit-start')[0]);
    await fireEvent.input(view.getByTestId('idea-edit'), { target: { value: 'A data protection law is needed.' } });
    await fireEvent.click(view.getByTestId('idea-accept-edited'));
    await waitFor(() => expect(notes()).toContain('A data protection law is needed.'));
    expect(backend.ideas[0].text).toBe('data law pls');

    await fireEvent.click(view.getAllByTestId('idea-merge-start')[0]);
    const into = view.getAllByTestId('idea-merge-into');
    expect(into).toHaveLength(2);
    await fireEvent.click(into[0]);
    await waitFor(() => expect(notes()).toContain('Ministries do not share data.\n\nsame here: sharing is hard'));

    await fireEvent.click(view.getByTestId('idea-reject'));
    await waitFor(() => expect(texts()).toEqual([]));
    await fireEvent.click(view.getByTestId('idea-undo-reject'));
    await waitFor(() => expect(texts()).toEqual(['<script>alert(1)</script>']));
    expect(notes()).toHaveLength(2);
  });

  it('says so when another laptop dealt with the idea first', async () => {
    const { backend, view, send, texts } = await open('en');
    const idea = send('taken elsewhere');
    await waitFor(() => expect(texts()).toEqual(['taken elsewhere']));
    await backend.rejectIdea(idea.id);
    await fireEvent.click(view.getByTestId('idea-accept'));
    expect((await view.findByRole('alert')).textContent).toBe(messages.en['error.idea_already_moderated']);
    expect(texts()).toEqual([]);
  });
});
