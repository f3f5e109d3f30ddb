import { createSocket, type Socket } from 'node:dgram';

const MAGIC_COOKIE = 0x2112a442;
const BINDING_REQUEST = 0x0001;
const BINDING_SUCCESS = 0x0101;
const XOR_MAPPED_ADDRESS = 0x0020;

/**
 * A STUN server on 127.0.0.1 that answers Binding requests as if the browser sat behind a NAT with
 * the public address `mappedAddress` (a documentation address, RFC 5737): the browser then has a
 * server-reflexive candidate, which a loopback-only namespace never yields otherwise (there the
 * reflexive address equals the host address, and Chromium drops it). The address only appears in
 * candidates; nothing is ever sent to it. `answering = false` makes it silent, like a network that
 * blocks STUN.
 */
export class NatStun {
  answering = true;
  requests = 0;

  private constructor(
    private readonly socket: Socket,
    readonly port: number,
    private readonly mappedAddress: string,
  ) {}

  static async start(mappedAddress = '203.0.113.7'): Promise<NatStun> {
    const socket = createSocket('udp4');
    await new Promise<void>((resolve, reject) => {
      socket.once('error', reject);
      socket.bind(0, '127.0.0.1', resolve);
    });
    const stun = new NatStun(socket, socket.address().port, mappedAddress);
    socket.on('message', (message, sender) => stun.answer(message, sender.address, sender.port));
    return stun;
  }

  get url(): string {
    return `stun:127.0.0.1:${this.port}`;
  }

  private answer(request: Buffer, address: string, port: number): void {
    if (request.length < 20 || request.readUInt16BE(0) !== BINDING_REQUEST || request.readUInt32BE(4) !== MAGIC_COOKIE) return;
    this.requests += 1;
    if (!this.answering) return;
    const attribute = Buffer.alloc(12);
    attribute.writeUInt16BE(XOR_MAPPED_ADDRESS, 0);
    attribute.writeUInt16BE(8, 2);
    attribute.writeUInt8(0, 4);
    attribute.writeUInt8(0x01, 5); // IPv4
    attribute.writeUInt16BE(port ^ (MAGIC_COOKIE >>> 16), 6);
    const mapped = this.mappedAddress.split('.').reduce((value, octet) => value * 256 + Number(octet), 0);
    attribute.writeUInt32BE((mapped ^ MAGIC_COOKIE) >>> 0, 8);
    const header = Buffer.alloc(20);
    header.writeUInt16BE(BINDING_SUCCESS, 0);
    header.writeUInt16BE(attribute.length, 2);
    header.writeUInt32BE(MAGIC_COOKIE, 4);
    request.copy(header, 8, 8, 20);
    // Only ever back to the sender, which is inside the test's namespace.
    this.socket.send(Buffer.concat([header, attribute]), port, address);
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.socket.close(() => resolve()));
  }
}
