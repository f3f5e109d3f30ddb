import { useEffect, useRef, type HTMLAttributes, type Ref } from 'react';
import { ApiError } from '../../api/client';

/** Pieces shared by the consultation card and its guest items. */

export function Heading({ level, ...props }: { level: number; ref?: Ref<HTMLHeadingElement> } & HTMLAttributes<HTMLHeadingElement>) {
  const Tag = `h${Math.min(level, 6)}` as 'h2';
  return <Tag {...props} />;
}

/** True when the consultation is gone for the host (ended elsewhere, or by the retention job). */
export function isGone(error: unknown): boolean {
  return error instanceof ApiError && (error.code === 'consultation_ended' || error.code === 'not_found');
}

/** Focus that returns to a trigger once the element that replaced it is gone. */
export function useReturnFocus() {
  const trigger = useRef<HTMLButtonElement>(null);
  const pending = useRef(false);
  useEffect(() => {
    if (!pending.current || !trigger.current) return;
    pending.current = false;
    trigger.current.focus();
  });
  return { trigger, request: () => (pending.current = true) };
}
