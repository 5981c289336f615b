// @vitest-environment jsdom
// The room: choose what it offers, open it, see where phones reach it (here and on the
// projector), close it.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, waitFor } from '@testing-library/svelte';
import RoomView from './RoomView.svelte';
import { ROOM_CODE, memoryBackend } from '../../backend/memoryBackend';
import { localeMessages, overview } from '../../backend/fixtures';
import { i18n } from '../../state/i18n.svelte';

const messages = { en: localeMessages('en'), lo: localeMessages('lo') };

describe('RoomView', () => {
  afterEach(cleanup);

  it('opens the room for the chosen form, shows its address and code, projects and closes it', async () => {
    const backend = memoryBackend(overview, messages);
    await i18n.load(backend, 'lo');
    const view = render(RoomView, { props: { backend, overview } });
    const [form] = await backend.surveyForms();
    const offer = (await view.findByTestId(`room-offer-${form.kind}`)) as HTMLInputElement;
    expect(offer.checked).toBe(true);
    expect(view.queryByTestId('room-panel')).toBeNull();

    await fireEvent.click(view.getByTestId('room-open'));
    expect((await view.findByTestId('room-code')).textContent).toBe(ROOM_CODE);
    expect(view.getByTestId('room-address').textContent).toContain(`/${ROOM_CODE}/`);
    expect(view.getByRole('note').textContent).toBe(messages.lo['room.plain_http']);
    expect((await backend.roomStatus()).offers).toEqual([{ kind: 'survey', key: form.kind }]);

    await fireEvent.click(view.getByTestId('room-project'));
    const projector = await view.findByTestId('room-projector');
    expect(projector.textContent).toContain(ROOM_CODE);
    await fireEvent.keyDown(window, { key: 'Escape' });
    expect(view.queryByTestId('room-projector')).toBeNull();

    await fireEvent.click(view.getByTestId('room-close'));
    await view.findByTestId('room-open');
    expect(view.queryByTestId('room-panel')).toBeNull();
    expect((await backend.roomStatus()).open).toBe(false);
  });

  it('offers ideas for a chosen group and question, and changes what it offers without moving', async () => {
    const groupB = { ...overview.groups[0], id: 'g2', name: 'B' };
    const two = { ...overview, groups: [...overview.groups, groupB] };
    const backend = memoryBackend(two, messages);
    await i18n.load(backend, 'en');
    const view = render(RoomView, { props: { backend, overview: two } });
    const [form] = await backend.surveyForms();
    await fireEvent.click(await view.findByTestId(`room-offer-${form.kind}`));
    const [, q2] = overview.questions;
    await fireEvent.change(view.getByTestId('room-idea-group'), { target: { value: groupB.id } });
    await fireEvent.change(view.getByTestId('room-idea-question'), { target: { value: q2.id } });
    await fireEvent.click(view.getByTestId('room-idea-add'));
    await fireEvent.click(view.getByTestId('room-idea-add')); // twice: still one offer
    expect(view.getAllByTestId('room-offer-idea').map((o) => o.textContent?.trim().replace(/×$/, '').trim())).toEqual([
      `Ideas: group ${groupB.name}, question 2`,
    ]);
    await fireEvent.click(view.getByTestId('room-open'));
    await view.findByTestId('room-code');
    expect((await backend.roomStatus()).offers).toEqual([{ kind: 'ideas', group_id: groupB.id, question_id: q2.id }]);
    const address = view.getByTestId('room-address').textContent;

    // Now the survey instead: same address, same code.
    await fireEvent.click(view.getByTestId(`room-offer-${form.kind}`));
    await fireEvent.click(view.getByRole('button', { name: `Stop offering Ideas: group ${groupB.name}, question 2` }));
    await fireEvent.click(view.getByTestId('room-open'));
    await waitFor(() => expect(view.getByTestId('room-offering').textContent).toBe(i18n.pick(form.title)));
    expect(view.getByTestId('room-address').textContent).toBe(address);
    expect((await backend.roomStatus()).offers).toEqual([{ kind: 'survey', key: form.kind }]);
  });

  it('offers dot voting on a board of a group, only on the focus areas the group works on', async () => {
    const areas = [
      { id: 'f1', workshop_id: 'w', kind: 'pillar' as const, code: 'policy', position: 0, name: { en: 'Policy', lo: 'ນະໂຍບາຍ' }, description: { en: '', lo: '' }, deleted: false },
      { id: 'f2', workshop_id: 'w', kind: 'pillar' as const, code: 'people', position: 1, name: { en: 'People', lo: 'ບຸກຄະລາກອນ' }, description: { en: '', lo: '' }, deleted: false },
    ];
    const withBoards = { ...overview, focus_areas: areas, groups: [{ ...overview.groups[0], focus_area_ids: ['f2'] }] };
    const backend = memoryBackend(withBoards, messages);
    await i18n.load(backend, 'lo');
    const view = render(RoomView, { props: { backend, overview: withBoards } });
    const [form] = await backend.surveyForms();
    await fireEvent.click(await view.findByTestId(`room-offer-${form.kind}`));
    const focus = view.getByTestId('room-vote-focus') as HTMLSelectElement;
    await waitFor(() => expect([...focus.options].map((o) => o.textContent)).toEqual(['ບຸກຄະລາກອນ']));
    await fireEvent.click(view.getByTestId('room-vote-add'));
    expect(view.getByTestId('room-offer-vote').textContent).toContain('ລົງຄະແນນດ້ວຍຈຸດ: ກຸ່ມ A, ບຸກຄະລາກອນ');
    await fireEvent.click(view.getByTestId('room-open'));
    await view.findByTestId('room-code');
    expect((await backend.roomStatus()).offers).toEqual([{ kind: 'vote', group_id: 'g1', focus_area_id: 'f2' }]);
  });

  it('offers a group pictures from the facilitator’s phone, and the results count them', async () => {
    const backend = memoryBackend(overview, messages);
    await i18n.load(backend, 'en');
    const view = render(RoomView, { props: { backend, overview } });
    const [form] = await backend.surveyForms();
    await fireEvent.click(await view.findByTestId(`room-offer-${form.kind}`));
    await fireEvent.click(view.getByTestId('room-pictures-add'));
    expect(view.getByTestId('room-offer-pictures').textContent).toContain('Pictures for group A');
    await fireEvent.click(view.getByTestId('room-open'));
    await view.findByTestId('room-code');
    expect((await backend.roomStatus()).offers).toEqual([{ kind: 'pictures', group_id: 'g1' }]);
    await backend.attachPicture({ group_id: 'g1' }, { name: 'a.jpg', base64: '/9j/4AAQ' }, 'from a phone');
    const results = await backend.roomResults();
    expect(results.offers).toEqual([{ kind: 'pictures', group_id: 'g1', pictures: 1 }]);
  });

  it('opens nothing when no form is chosen', async () => {
    const backend = memoryBackend(overview, messages);
    await i18n.load(backend, 'en');
    const view = render(RoomView, { props: { backend, overview } });
    const [form] = await backend.surveyForms();
    await fireEvent.click(await view.findByTestId(`room-offer-${form.kind}`));
    expect((view.getByTestId('room-open') as HTMLButtonElement).disabled).toBe(true);
  });

  it('tells a Windows laptop what its firewall will ask, and nobody else', async () => {
    const backend = memoryBackend(overview, messages);
    await i18n.load(backend, 'lo');
    const agent = Object.getOwnPropertyDescriptor(window.navigator, 'userAgent');
    try {
      for (const [ua, shown] of [
        ['Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/605.1.15', false],
        ['Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Edg/131.0', true],
      ] as const) {
        Object.defineProperty(window.navigator, 'userAgent', { value: ua, configurable: true });
        const view = render(RoomView, { props: { backend, overview } });
        await view.findByTestId('room-offer-post');
        await fireEvent.click(view.getByTestId('room-open'));
        await view.findByTestId('room-code');
        expect(view.queryByTestId('room-firewall')?.textContent ?? null).toBe(shown ? messages.lo['room.windows_firewall'] : null);
        cleanup();
        await backend.roomClose();
      }
    } finally {
      if (agent) Object.defineProperty(window.navigator, 'userAgent', agent);
      else delete (window.navigator as unknown as Record<string, unknown>).userAgent;
    }
  });
});
