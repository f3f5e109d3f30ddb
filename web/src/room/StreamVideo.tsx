import { useEffect, useRef } from 'react';

type SinkVideo = HTMLVideoElement & { setSinkId?: (id: string) => Promise<void> };

/**
 * A <video> showing a MediaStream (never a URL). Remote streams carry the participant's audio too,
 * played on the chosen loudspeaker where the browser allows choosing it. When the browser refuses
 * to start sound without a click, `onAutoplayBlocked` lets the page offer a button.
 */
export function StreamVideo({
  stream,
  muted = false,
  mirrored = false,
  sinkId = null,
  className,
  onAutoplayBlocked,
  label,
}: {
  stream: MediaStream | null;
  muted?: boolean;
  mirrored?: boolean;
  sinkId?: string | null;
  className?: string;
  onAutoplayBlocked?: () => void;
  /** Accessible name; without it the video is decorative (its tile is named instead). */
  label?: string;
}) {
  const ref = useRef<SinkVideo>(null);
  const blocked = useRef(onAutoplayBlocked);
  blocked.current = onAutoplayBlocked;

  useEffect(() => {
    const video = ref.current;
    if (!video) return;
    video.muted = muted;
    if (video.srcObject !== stream) video.srcObject = stream;
    if (!stream) return;
    video.play().catch((error: unknown) => {
      if (error instanceof DOMException && error.name === 'NotAllowedError') blocked.current?.();
    });
  }, [stream, muted]);

  useEffect(() => {
    const video = ref.current;
    if (!video || muted || !sinkId || typeof video.setSinkId !== 'function') return;
    video.setSinkId(sinkId).catch(() => undefined);
  }, [sinkId, muted]);

  // Stop decoding when the tile goes away (the stream itself belongs to the engine).
  useEffect(() => {
    const video = ref.current;
    return () => {
      if (video) video.srcObject = null;
    };
  }, []);

  const classes = ['stream-video', mirrored ? 'stream-video-mirrored' : '', className ?? ''].filter(Boolean).join(' ');
  return (
    <video
      ref={ref}
      className={classes}
      autoPlay
      playsInline
      muted={muted}
      aria-label={label}
      aria-hidden={label ? undefined : true}
    />
  );
}
