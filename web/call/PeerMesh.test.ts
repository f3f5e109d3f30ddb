import { describe, expect, it } from 'vitest';
import type { SignalPayload } from '../../common/signaling';
import { DataChannelHub } from './DataChannelHub';
import { PeerMesh } from './PeerMesh';
import { FakeNetwork } from './testing/fakeRtc';
import { fakeTimersInEachTest, recordingLogger, run } from './testing/harness';

fakeTimersInEachTest();

/** The polite side's mesh ('alice' < 'bob'), recording what it sends; bob never answers. */
function aliceMesh() {
  const network = new FakeNetwork();
  const logger = recordingLogger();
  const sent: SignalPayload[] = [];
  const mesh = new PeerMesh({
    RTCPeerConnection: network.RTCPeerConnection,
    logger,
    send: (_to, payload) => sent.push(payload),
    localTrack: () => null,
    streamFor: () => ({}) as MediaStream,
    hub: new DataChannelHub({ selfId: () => 'alice', selfName: () => 'Alice', nameOf: () => '', logger }),
    onChange: () => {},
    onActive: () => {},
    // bob was not in the call when our page came: he makes a new link to us and offers.
    mayHoldOldLink: () => false,
  });
  const offers = () => sent.filter((p) => p.kind === 'description' && p.description.type === 'offer').length;
  return { mesh, offers };
}

describe('PeerMesh: who makes the first offer', () => {
  it('leaves the first offer to a remote that makes a new link to us, and offers only when none came for 10 s', async () => {
    const { mesh, offers } = aliceMesh();
    mesh.sync('alice', ['bob'], {});
    // Under load the remote's offer came up to 6 s late: ours must not cross it.
    await run(9_000);
    expect(offers()).toBe(0);
    // None came at all (lost on the way, or a party that only answers): the link must not stay stuck.
    await run(2_000);
    expect(offers()).toBe(1);
    mesh.closeAll();
  });

  it('offers itself on a link made anew to a remote that may keep the old one', async () => {
    const { mesh, offers } = aliceMesh();
    mesh.sync('alice', ['bob'], {});
    await run(100);
    // A roster without bob closes our link (a restarted signaling server lists only who is back);
    // bob's page kept its link to us and will not offer on it.
    mesh.sync('alice', [], {});
    mesh.sync('alice', ['bob'], {});
    await run(2_000);
    expect(offers()).toBe(1);
    mesh.closeAll();
  });
});
