// @vitest-environment jsdom
// The room: choose what it offers, open it, see where phones reach it (here and on the
// projector), close it.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render } from '@testing-library/svelte';
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
    const view = render(RoomView, { props: { backend } });
    const [form] = await backend.surveyForms();
    const offer = (await view.findByTestId(`room-offer-${form.kind}`)) as HTMLInputElement;
    expect(offer.checked).toBe(true);
    expect(view.queryByTestId('room-panel')).toBeNull();

    await fireEvent.click(view.getByTestId('room-open'));
    expect((await view.findByTestId('room-code')).textContent).toBe(ROOM_CODE);
    expect(view.getByTestId('room-address').textContent).toContain(`/${ROOM_CODE}/`);
    expect(view.getByRole('note').textContent).toBe(messages.lo['room.plain_http']);
    expect((await backend.roomStatus()).offers).toEqual([form.kind]);

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

  it('opens nothing when no form is chosen', async () => {
    const backend = memoryBackend(overview, messages);
    await i18n.load(backend, 'en');
    const view = render(RoomView, { props: { backend } });
    const [form] = await backend.surveyForms();
    await fireEvent.click(await view.findByTestId(`room-offer-${form.kind}`));
    expect((view.getByTestId('room-open') as HTMLButtonElement).disabled).toBe(true);
  });
});
