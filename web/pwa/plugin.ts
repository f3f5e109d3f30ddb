import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
// Vite's re-export: rolldown is its dependency, not ours.
import type { Plugin, Rolldown } from 'vite';
import { unfitForPrecache } from '../src/pwa/shellPolicy';
import { brand, iconFileName, iconPng, iconSpecs } from './icons';
import { manifestFileName, manifestLanguages, webAppManifest } from './manifest';

const here = path.dirname(fileURLToPath(import.meta.url));
const publicDirectory = path.resolve(here, '../public');

/**
 * The installable app, made at build time without extra packages: icons (PNG, drawn in icons.ts),
 * the manifests (de/en), the offline page and the service worker (bundled by esbuild) with this
 * build's file list and a version derived from the files' contents.
 */
export function pwaPlugin(): Plugin {
  return {
    name: 'sprechzimmer-pwa',
    apply: 'build',
    enforce: 'post',
    transformIndexHtml() {
      // Injected here rather than written in index.html: Vite would try to resolve these files as modules.
      return [
        { tag: 'link', attrs: { rel: 'manifest', href: `/${manifestFileName('de')}` }, injectTo: 'head' },
        { tag: 'meta', attrs: { name: 'theme-color', content: brand.primary }, injectTo: 'head' },
        { tag: 'link', attrs: { rel: 'apple-touch-icon', href: '/apple-touch-icon.png' }, injectTo: 'head' },
      ];
    },
    // Last: Vite's own post steps drop the empty JS chunks of CSS-only modules, which must not be listed.
    generateBundle: { order: 'post', handler: generate },
  };
}

async function generate(this: Rolldown.PluginContext, _options: Rolldown.NormalizedOutputOptions, bundle: Rolldown.OutputBundle): Promise<void> {
  // Files this plugin adds; the bundle object Rolldown passes does not show them.
  const own = new Map<string, string | Uint8Array>();
  for (const spec of iconSpecs) own.set(iconFileName(spec), iconPng(spec));
  for (const language of manifestLanguages) own.set(manifestFileName(language), `${JSON.stringify(webAppManifest(language), null, 2)}\n`);
  for (const file of ['offline.html', 'offline.css']) own.set(file, readFileSync(path.join(here, file)));
  for (const [fileName, source] of own) this.emitFile({ type: 'asset', fileName, source });

  const version = createHash('sha256');
  const files: string[] = [];
  const outputs = Object.entries(bundle).map(([fileName, output]) => [fileName, output.type === 'chunk' ? output.code : output.source] as const);
  for (const [fileName, source] of [...outputs, ...own].sort(([a], [b]) => a.localeCompare(b))) {
    files.push(`/${fileName}`);
    version.update(fileName).update(source);
  }
  for (const fileName of readdirSync(publicDirectory).sort()) {
    files.push(`/${fileName}`);
    version.update(fileName).update(readFileSync(path.join(publicDirectory, fileName)));
  }
  const unfit = unfitForPrecache(files);
  if (unfit.length > 0) throw new Error(`not for the service worker's cache: ${unfit.join(', ')}`);
  const buildFacts = { version: version.digest('hex').slice(0, 16), precache: files };
  const worker = await build({
    entryPoints: [path.resolve(here, '../src/pwa/service-worker.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    minify: true,
    target: 'es2020',
    banner: { js: `const SZ_BUILD=${JSON.stringify(buildFacts)};` },
  });
  const code = worker.outputFiles[0]?.text;
  if (!code) throw new Error('esbuild produced no service worker');
  this.emitFile({ type: 'asset', fileName: 'sw.js', source: code });
}
