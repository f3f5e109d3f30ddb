import type { Page } from 'playwright-core';

/**
 * What a phone user notices about a page's layout, measured in the page: horizontal scrolling,
 * touch targets smaller than 44×44 CSS px, controls out of thumb reach, videos that do not fit,
 * and which pictures are mirrored. A string, not a function: this project's Node tsconfig has no
 * DOM types.
 */

interface Box {
  name: string;
  left: number;
  top: number;
  width: number;
  height: number;
}

interface VideoBox extends Box {
  /** The figure (tile) it belongs to, or else the video itself (the preview), by accessible name. */
  owner: string;
  mirrored: boolean;
}

export interface LayoutReport {
  innerWidth: number;
  innerHeight: number;
  scrollWidth: number;
  /** Elements sticking out to the right of the viewport (what makes a page scroll sideways). */
  overflowing: string[];
  /** Visible interactive elements (buttons, selects, fields, disclosure summaries, labelled checkboxes). */
  targets: Box[];
  videos: VideoBox[];
  /** The call's control bar, when there is one. */
  controls: Box | null;
}

/** The measurement as a page expression (also for WebKit over WebDriver, e2e/support/webkit.ts). */
export const MEASURE_LAYOUT = `(() => {
  const visible = (el) => {
    const r = el.getBoundingClientRect();
    if (r.width < 2 || r.height < 2) return false;
    const style = getComputedStyle(el);
    if (style.visibility === 'hidden' || style.display === 'none' || Number(style.opacity) === 0) return false;
    return !el.closest('[hidden], .visually-hidden, .stream-video-hidden');
  };
  const nameOf = (el) => (el.getAttribute('aria-label') || el.labels?.[0]?.textContent || el.textContent || el.tagName).replace(/\\s+/g, ' ').trim().slice(0, 60);
  const box = (el, name) => {
    const r = el.getBoundingClientRect();
    return { name, left: Math.round(r.left), top: Math.round(r.top), width: Math.round(r.width), height: Math.round(r.height) };
  };
  const targets = [];
  for (const el of document.querySelectorAll('button, select, input, textarea, summary, a.button')) {
    if (el.type === 'hidden' || el.classList.contains('file-input')) continue;
    // A checkbox is hit through its label: the label's box is the target.
    const target = (el.type === 'checkbox' || el.type === 'radio') ? (el.closest('label') || el.labels?.[0] || el) : el;
    if (!visible(target)) continue;
    targets.push(box(target, nameOf(el)));
  }
  const overflowing = [];
  for (const el of document.querySelectorAll('body *')) {
    const r = el.getBoundingClientRect();
    if (r.width > 0 && r.right > innerWidth + 0.5 && !el.closest('.visually-hidden') && getComputedStyle(el).position !== 'fixed') {
      overflowing.push(el.tagName.toLowerCase() + (el.className && typeof el.className === 'string' ? '.' + el.className.split(' ').join('.') : '') + ' right=' + Math.round(r.right));
    }
  }
  const videos = [...document.querySelectorAll('video')].filter(visible).map((video) => {
    const transform = getComputedStyle(video).transform;
    return {
      ...box(video, video.getAttribute('aria-label') || ''),
      owner: video.closest('figure')?.getAttribute('aria-label') || video.getAttribute('aria-label') || '',
      mirrored: transform.startsWith('matrix(-1'),
    };
  });
  const bar = document.querySelector('.call-controls');
  return {
    innerWidth,
    innerHeight,
    scrollWidth: document.scrollingElement.scrollWidth,
    overflowing: overflowing.slice(0, 8),
    targets,
    videos,
    controls: bar && visible(bar) ? box(bar, 'controls') : null,
  };
})()`;

export function measureLayout(page: Page): Promise<LayoutReport> {
  return page.evaluate(MEASURE_LAYOUT) as Promise<LayoutReport>;
}

/** Targets smaller than 44×44 CSS px (WCAG 2.5.5), as "name w×h". */
export function smallTargets(report: LayoutReport, minimum = 44): string[] {
  return report.targets.filter((t) => t.width < minimum || t.height < minimum).map((t) => `${t.name} ${t.width}×${t.height}`);
}
