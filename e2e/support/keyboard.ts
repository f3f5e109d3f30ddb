import type { Locator, Page } from 'playwright-core';

/**
 * Moving through a page the way a keyboard user does: Tab (or Shift+Tab) until the wanted control
 * has focus, checking at every stop that focus is visible and that it moves (no trap). No test that
 * uses these helpers clicks or fills by locator.
 */

interface FocusStop {
  /** Tag, role and accessible text of the focused element, for failure messages. */
  what: string;
  visible: boolean;
}

/**
 * In the page: what the focused element shows — an outline or a box shadow while focused
 * (`:focus-visible`). A string: the e2e programme has no DOM types.
 */
const describeFocus = `(() => {
  const element = document.activeElement;
  if (!element || element === document.body) return null;
  const style = getComputedStyle(element);
  const outlined = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
  const shadowed = style.boxShadow !== 'none' && style.boxShadow !== '';
  const label = element.getAttribute('aria-label') ?? (element.textContent ?? '').trim().slice(0, 40);
  const role = element.getAttribute('role');
  return { what: element.tagName.toLowerCase() + (role ? '[role=' + role + ']' : '') + ' "' + label + '"', visible: outlined || shadowed };
})()`;

/** Whether the locator's element has focus. */
export function hasFocus(target: Locator): Promise<boolean> {
  return target.evaluate((element: unknown) => (element as { ownerDocument: { activeElement: unknown } }).ownerDocument.activeElement === element);
}

/**
 * Presses Tab until `target` has focus (at most `maxStops` presses). Every stop on the way must show
 * visible focus; a press that leaves focus where it was (other than on the target) is a trap.
 */
async function tabTo(page: Page, target: Locator, options: { backwards?: boolean; maxStops?: number } = {}): Promise<FocusStop[]> {
  const key = options.backwards ? 'Shift+Tab' : 'Tab';
  const stops: FocusStop[] = [];
  await target.waitFor();
  for (let press = 0; press < (options.maxStops ?? 60); press += 1) {
    if (await hasFocus(target)) {
      const here = (await page.evaluate(describeFocus)) as FocusStop | null;
      if (here && !here.visible) throw new Error(`focus on the target is not visible: ${here.what}`);
      return stops;
    }
    await page.keyboard.press(key);
    const stop = (await page.evaluate(describeFocus)) as FocusStop | null;
    if (stop) {
      if (!stop.visible) throw new Error(`focus not visible at ${stop.what} (after ${stops.map((s) => s.what).join(' → ')})`);
      const previous = stops[stops.length - 1];
      stops.push(stop);
      if (previous && previous.what === stop.what && stops.length > 3 && stops.slice(-3).every((s) => s.what === stop.what)) {
        throw new Error(`focus trapped at ${stop.what}`);
      }
    }
  }
  throw new Error(`${key} did not reach the target within ${options.maxStops ?? 60} stops: ${stops.map((s) => s.what).join(' → ')}`);
}

/** Tabs to `target` and activates it with Enter (links, buttons) or Space (checkboxes). */
export async function activate(page: Page, target: Locator, key: 'Enter' | 'Space' = 'Enter'): Promise<void> {
  await tabTo(page, target);
  await page.keyboard.press(key);
}

/** Tabs to a text field, selects what it holds and types `text` over it. */
export async function typeInto(page: Page, field: Locator, text: string): Promise<void> {
  await tabTo(page, field);
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type(text);
}

/**
 * Records what screen readers would be told: every text added to or changed inside a live region
 * (`aria-live`, or the roles status, alert and log, which are live by definition), in order. Install
 * before the page loads; read with {@link announcements}.
 */
export async function recordAnnouncements(page: Page): Promise<void> {
  await page.addInitScript({ content: ANNOUNCEMENT_RECORDER });
}

const ANNOUNCEMENT_RECORDER = `(() => {
  const said = [];
  window.__szAnnouncements = said;
  const liveRegion = (node) => {
    for (let element = node instanceof Element ? node : (node && node.parentElement); element; element = element.parentElement) {
      const live = element.getAttribute('aria-live');
      if (live === 'off') return null;
      // A region inside a hidden panel is not in the accessibility tree: nothing in it is said.
      if (live || ['status', 'alert', 'log'].includes(element.getAttribute('role') || '')) return element.checkVisibility() ? element : null;
    }
    return null;
  };
  const record = (text) => {
    const trimmed = (text || '').replace(/\\s+/g, ' ').trim();
    if (trimmed) said.push(trimmed);
  };
  const observer = new MutationObserver((mutations) => {
    for (const mutation of mutations) {
      if (!liveRegion(mutation.target)) {
        // A live region inserted with its content at once: its text counts as said.
        for (const added of mutation.addedNodes) if (added instanceof Element && liveRegion(added)) record(added.textContent);
        continue;
      }
      if (mutation.type === 'characterData') record(mutation.target.textContent);
      else for (const added of mutation.addedNodes) record(added.textContent);
    }
  });
  const start = () => observer.observe(document.documentElement, { subtree: true, childList: true, characterData: true });
  if (document.documentElement) start();
  else document.addEventListener('DOMContentLoaded', start, { once: true });
})();`;

export function announcements(page: Page): Promise<string[]> {
  return page.evaluate('[...(window.__szAnnouncements ?? [])]') as Promise<string[]>;
}

/** How often `phrase` was announced so far. */
export async function timesAnnounced(page: Page, phrase: string): Promise<number> {
  return (await announcements(page)).filter((text) => text.includes(phrase)).length;
}
