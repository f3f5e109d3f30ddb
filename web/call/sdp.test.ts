import { describe, expect, it } from 'vitest';
import { withOpusFecDtx } from './sdp';

/** Trimmed from a Chromium offer (audio section, then video). */
const CHROME = [
  'v=0',
  'o=- 4611731400430051336 2 IN IP4 127.0.0.1',
  's=-',
  't=0 0',
  'm=audio 9 UDP/TLS/RTP/SAVPF 111 63 9 0 8 13 110 126',
  'a=mid:0',
  'a=rtpmap:111 opus/48000/2',
  'a=rtcp-fb:111 transport-cc',
  'a=fmtp:111 minptime=10;useinbandfec=1',
  'a=rtpmap:63 red/48000/2',
  'a=fmtp:63 111/111',
  'a=rtpmap:9 G722/8000',
  'm=video 9 UDP/TLS/RTP/SAVPF 96 97',
  'a=mid:1',
  'a=rtpmap:96 VP8/90000',
  'a=rtpmap:97 rtx/90000',
  'a=fmtp:97 apt=96',
  '',
].join('\r\n');

const fmtpOf = (sdp: string, pt: string) => sdp.split(/\r?\n/).filter((line) => line.startsWith(`a=fmtp:${pt} `));

describe('withOpusFecDtx', () => {
  it('adds usedtx and keeps FEC and the other Opus parameters', () => {
    const out = withOpusFecDtx(CHROME);
    expect(fmtpOf(out, '111')).toEqual(['a=fmtp:111 minptime=10;useinbandfec=1;usedtx=1']);
  });

  it('changes nothing else: RED, video, line endings, line count', () => {
    const out = withOpusFecDtx(CHROME);
    const before = CHROME.split('\r\n');
    const after = out.split('\r\n');
    expect(after).toHaveLength(before.length);
    expect(after.filter((line, i) => line !== before[i])).toEqual(['a=fmtp:111 minptime=10;useinbandfec=1;usedtx=1']);
    expect(fmtpOf(out, '63')).toEqual(['a=fmtp:63 111/111']);
    expect(out.endsWith('\r\n')).toBe(true);
  });

  it('overrides a peer that turned them off, without duplicates', () => {
    const sdp = CHROME.replace('a=fmtp:111 minptime=10;useinbandfec=1', 'a=fmtp:111 useinbandfec=0; usedtx=0;stereo=1');
    expect(fmtpOf(withOpusFecDtx(sdp), '111')).toEqual(['a=fmtp:111 stereo=1;useinbandfec=1;usedtx=1']);
  });

  it('adds an fmtp line where Opus has none (Firefox-style offers may differ), with LF endings', () => {
    const sdp = ['m=audio 9 UDP/TLS/RTP/SAVPF 109', 'a=rtpmap:109 opus/48000/2', 'a=ptime:20', ''].join('\n');
    expect(withOpusFecDtx(sdp)).toBe(
      ['m=audio 9 UDP/TLS/RTP/SAVPF 109', 'a=rtpmap:109 opus/48000/2', 'a=fmtp:109 useinbandfec=1;usedtx=1', 'a=ptime:20', ''].join('\n'),
    );
  });

  it('is idempotent and leaves an SDP without Opus alone', () => {
    const once = withOpusFecDtx(CHROME);
    expect(withOpusFecDtx(once)).toBe(once);
    const videoOnly = 'v=0\r\nm=video 9 UDP/TLS/RTP/SAVPF 96\r\na=rtpmap:96 VP8/90000\r\n';
    expect(withOpusFecDtx(videoOnly)).toBe(videoOnly);
  });
});
