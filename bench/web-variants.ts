import { copyFile, readdir, readFile, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { repositoryRoot } from '../e2e/support/server';

/**
 * `BENCH_CALL_COMPARE=/path/to/another/dist/web npm run bench -- call`: the runs alternate between
 * this build (dist/web) and another one, in the same server and browser, so that the machine's load
 * falls on both alike. Assets carry their content hash in the name, so both builds' assets sit side
 * by side in dist/web/assets (copied before the server starts: it lists the files it serves at
 * start); only index.html (which names the entry chunk) is swapped before a run. The original
 * index.html is put back at the end.
 */
export class WebVariants {
  private constructor(
    private readonly indexFile: string,
    private readonly pages: Array<{ label: string; html: string }>,
  ) {}

  static async prepare(compareDirectory: string | undefined): Promise<WebVariants> {
    const web = path.join(repositoryRoot, 'dist/web');
    const indexFile = path.join(web, 'index.html');
    const pages = [{ label: 'this build', html: await readFile(indexFile, 'utf8') }];
    if (compareDirectory) {
      if (!existsSync(path.join(compareDirectory, 'index.html'))) throw new Error(`BENCH_CALL_COMPARE: no index.html in ${compareDirectory}`);
      const theirs = path.join(compareDirectory, 'assets');
      const ours = new Set(await readdir(path.join(web, 'assets')));
      for (const file of await readdir(theirs)) if (!ours.has(file)) await copyFile(path.join(theirs, file), path.join(web, 'assets', file));
      pages.push({ label: `compared (${compareDirectory})`, html: await readFile(path.join(compareDirectory, 'index.html'), 'utf8') });
    }
    return new WebVariants(indexFile, pages);
  }

  get labels(): string[] {
    return this.pages.map((page) => page.label);
  }

  /** Serves variant `run % count` from now on; returns its index. */
  async use(run: number): Promise<number> {
    const index = run % this.pages.length;
    if (this.pages.length > 1) await writeFile(this.indexFile, this.pages[index]!.html);
    return index;
  }

  async restore(): Promise<void> {
    await writeFile(this.indexFile, this.pages[0]!.html);
  }
}
