import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import type { TrackedPage } from './browser';

/**
 * The accessibility walk's checks (e2e/accessibility*.e2e.ts): axe-core's WCAG 2.1 A/AA rules and what
 * axe does not measure (reflow, the call controls' size) on what a page shows now. Serious and
 * critical findings fail the calling test; minor and moderate ones are printed after the file
 * (SZ_AXE_REPORT=1 prints every finding) for the closing note.
 */

// The phone size is WCAG 1.4.10's reflow width (320 CSS px, as 1280 px at 400 % zoom): no page may
// scroll sideways there.
export const viewports = { desktop: { width: 1280, height: 800 }, phone: { width: 320, height: 720 }, tallPhone: { width: 390, height: 844 } } as const;
export const languages = { de: 'de-DE', en: 'en-GB' } as const;
export type Language = keyof typeof languages;
export type Size = keyof typeof viewports;

export interface Finding {
  where: string;
  rule: string;
  impact: string;
  targets: string[];
}

export const describeFinding = (finding: Finding) => `${finding.impact} ${finding.rule} at ${finding.where}: ${finding.targets.slice(0, 2).join(' | ')}`;

export class AxeAudit {
  private readonly findings: Finding[] = [];

  /**
   * Runs axe at the given sizes on what the page shows now; returns the serious/critical findings.
   * Legacy mode runs axe in the page itself: the default opens a blank page per check to merge the
   * frames' results, which doubled the walk's time, and no page of ours has a frame. Colour contrast
   * can be left to another pass of the same route: no colour of ours depends on the window's width or
   * the language (the only colour media query is the dark scheme).
   */
  async check(page: Page, where: string, sizes: Size[] = ['desktop', 'phone'], contrast = true): Promise<Finding[]> {
    const serious: Finding[] = [];
    for (const size of sizes) {
      await page.setViewportSize(viewports[size]);
      const axe = new AxeBuilder({ page }).setLegacyMode(true).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']);
      const result = await (contrast ? axe : axe.disableRules(['color-contrast'])).analyze();
      for (const violation of result.violations) {
        const finding = {
          where: `${where} (${size})`,
          rule: violation.id,
          impact: violation.impact ?? 'unknown',
          targets: violation.nodes.map((node) => node.target.join(' ')),
        };
        this.findings.push(finding);
        if (finding.impact === 'serious' || finding.impact === 'critical') serious.push(finding);
      }
      serious.push(...(await this.layoutFindings(page, `${where} (${size})`)));
    }
    return serious;
  }

  /** Each path in turn, once its data has arrived; contrast in the German pass, which every route of every role has. */
  async walk(tracked: TrackedPage, language: Language, paths: string[], who: string, sizes: Size[]): Promise<Finding[]> {
    const serious: Finding[] = [];
    for (const path of paths) {
      await tracked.page.goto(path, { waitUntil: 'domcontentloaded' });
      // The heading is rendered at once; the page's data has arrived when no loading status is left.
      await tracked.page.locator('main h1').first().waitFor();
      await tracked.page.locator('main .loading').first().waitFor({ state: 'detached' });
      serious.push(...(await this.check(tracked.page, `${path} ${language} ${who}`, sizes, language === 'de')));
    }
    return serious;
  }

  /** The minor and moderate findings, each rule once per page unless SZ_AXE_REPORT=1 asks for all. */
  printMinor(): void {
    const minor = this.findings.filter((finding) => !['serious', 'critical'].includes(finding.impact));
    const distinct = new Map<string, Finding>();
    for (const finding of minor) distinct.set(`${finding.rule} ${finding.where.split(' ')[0]}`, finding);
    process.stderr.write(`\naxe: ${minor.length} minor/moderate findings\n`);
    for (const finding of process.env.SZ_AXE_REPORT === '1' ? minor : distinct.values()) {
      process.stderr.write(`  ${finding.impact} ${finding.rule} at ${finding.where}: ${finding.targets.slice(0, 3).join(' | ')}\n`);
    }
  }

  /**
   * What axe does not measure: content wider than the window (reflow, WCAG 1.4.10) and call controls
   * smaller than 44 × 44 CSS px (target size, WCAG 2.5.5) — both serious for a patient on a phone.
   */
  private async layoutFindings(page: Page, where: string): Promise<Finding[]> {
    const measured = (await page.evaluate(`(() => {
      const root = document.documentElement;
      const small = [...document.querySelectorAll('.call-controls button')]
        .map((button) => ({ name: button.textContent.trim(), box: button.getBoundingClientRect() }))
        .filter(({ box }) => box.width > 0 && (box.width < 44 || box.height < 44))
        .map(({ name, box }) => name + ' ' + Math.round(box.width) + '×' + Math.round(box.height));
      return { overflow: root.scrollWidth - root.clientWidth, small };
    })()`)) as { overflow: number; small: string[] };
    const found: Finding[] = [];
    if (measured.overflow > 1) found.push({ where, rule: 'reflow', impact: 'serious', targets: [`${measured.overflow} px wider than the window`] });
    if (measured.small.length > 0) found.push({ where, rule: 'target-size', impact: 'serious', targets: measured.small });
    this.findings.push(...found);
    return found;
  }
}
