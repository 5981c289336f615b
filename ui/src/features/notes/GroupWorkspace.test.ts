// @vitest-environment jsdom
// A group's workspace moving between guiding questions: the notes shown are always the question's.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, waitFor } from '@testing-library/svelte';
import GroupWorkspace from './GroupWorkspace.svelte';
import { memoryBackend } from '../../backend/memoryBackend';
import { localeMessages, overview } from '../../backend/fixtures';

const messages = { en: localeMessages('en'), lo: localeMessages('lo') };

describe('GroupWorkspace', () => {
  afterEach(cleanup);

  it('a question left quickly never shows its notes under the next one', async () => {
    const base = memoryBackend(overview, messages);
    const group = overview.groups[0];
    const [q1, q2] = overview.questions;
    await base.addNote({ group_id: group.id, question_id: q1.id, text: 'ຄຳເຫັນຂອງຄຳຖາມທີ 1', lang: null });
    await base.addNote({ group_id: group.id, question_id: q2.id, text: 'A note for question 2', lang: null });
    // The first question's reading answers late: after the second's.
    let slow = true;
    const backend = {
      ...base,
      async notesFor(...args: Parameters<typeof base.notesFor>) {
        const read = await base.notesFor(...args);
        if (slow && args[1] === q1.id) {
          slow = false;
          await new Promise((r) => setTimeout(r, 40));
        }
        return read;
      },
    };
    const view = render(GroupWorkspace, { props: { backend, overview, group, onmakeaction: () => {} } });
    await fireEvent.click(await view.findByTestId('question-tab-2'));
    await waitFor(() => expect(view.getAllByTestId('note-text').map((n) => n.textContent)).toEqual(['A note for question 2']));
    await new Promise((r) => setTimeout(r, 60));
    expect(view.getAllByTestId('note-text').map((n) => n.textContent)).toEqual(['A note for question 2']);
  });
});
