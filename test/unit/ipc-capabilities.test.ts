/** The contract says what each channel lets a caller do, so the boundary can be read at a glance. */
import { describe, expect, it } from 'vitest';
import { CAPABILITIES, channelCapabilities, confirmingChannels } from '../../shared/ipc/capabilities';
import { channels } from '../../shared/ipc/contract';

describe('channel capabilities', () => {
  it('every channel of the contract has a known capability, and every entry names a channel of the contract', () => {
    const names = Object.keys(channels).sort();
    expect(Object.keys(channelCapabilities).sort()).toEqual(names);
    for (const n of names) expect(Object.keys(CAPABILITIES), n).toContain(channelCapabilities[n as keyof typeof channelCapabilities].can);
  });

  it('the channels that change where data or secrets go are the ones the main side confirms', () => {
    expect(confirmingChannels().sort()).toEqual(['environments.chooseTokenFile', 'environments.save', 'environments.setToken']);
    for (const c of Object.keys(channelCapabilities) as (keyof typeof channelCapabilities)[]) if (channelCapabilities[c].can === 'secrets') expect(channelCapabilities[c].confirms, c).toBeDefined();
  });
});
