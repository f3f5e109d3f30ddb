import { createContext, useContext, useEffect, useRef } from 'react';
import { playMuted, type AutoplayGate } from './autoplay';
import { sinkFor } from './speakerChoice';

type SinkVideo = HTMLVideoElement & { setSinkId?: (id: string) => Promise<void> };

/** The call view's autoplay gate (autoplay.ts); without one, sound plays as the browser allows. */
export const AutoplayContext = createContext<AutoplayGate | null>(null);

/**
 * A <video> showing a MediaStream (never a URL), always inline (`playsinline`, iOS). Remote streams
 * carry the participant's audio too: they play through the call's autoplay gate (muted until the
 * first tap where the browser demands it) on the chosen loudspeaker where the browser can choose it.
 * Muted ones (self view, preview, screen share) just play.
 */
export function StreamVideo({
  stream,
  muted = false,
  mirrored = false,
  sinkId = null,
  className,
  label,
}: {
  stream: MediaStream | null;
  muted?: boolean;
  /** Only our own camera (self view, preview): a mirror is what people expect of themselves. */
  mirrored?: boolean;
  sinkId?: string | null;
  className?: string;
  /** Accessible name; without it the video is decorative (its tile is named instead). */
  label?: string;
}) {
  const ref = useRef<SinkVideo>(null);
  const gate = useContext(AutoplayContext);

  useEffect(() => {
    const video = ref.current;
    if (!video) return;
    if (video.srcObject !== stream) video.srcObject = stream;
    if (!stream) return;
    if (!muted && gate) return gate.attach(video);
    // Muted by design, or outside a call view (no gate decides about sound there): picture only.
    void playMuted(video);
  }, [stream, muted, gate]);

  useEffect(() => {
    const video = ref.current;
    const sink = muted ? null : sinkFor(sinkId);
    if (!video || !sink || typeof video.setSinkId !== 'function') return;
    video.setSinkId(sink).catch((error: unknown) => {
      // The chosen speaker went away (NotFoundError) or may not be used (NotAllowedError): the sound
      // stays on the default output, which is what the person hears; say why in the console.
      // eslint-disable-next-line no-console -- no app logger in the view; the only place this can be seen
      console.warn('speaker not applied, default output kept', error instanceof DOMException ? error.name : error);
    });
  }, [sinkId, muted]);

  // Stop decoding when the tile goes away (the stream itself belongs to the engine).
  useEffect(() => {
    const video = ref.current;
    return () => {
      if (video) video.srcObject = null;
    };
  }, []);

  const classes = ['stream-video', mirrored ? 'stream-video-mirrored' : '', className ?? ''].filter(Boolean).join(' ');
  return <video ref={ref} className={classes} autoPlay playsInline muted={muted} aria-label={label} aria-hidden={label ? undefined : true} />;
}
