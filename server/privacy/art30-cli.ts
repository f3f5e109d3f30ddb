import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config/config';
import { art30Markdown, art30Record } from './art30';
import { policySources } from './settings';

/**
 * `npm run privacy:art30 -- --format md|json [--lang de|en]`: prints the record of processing
 * activities of this installation (its configuration decides controller and processors).
 */
function main(): number {
  const { values } = parseArgs({
    options: { format: { type: 'string', default: 'md' }, lang: { type: 'string', default: 'de' } },
    strict: true,
  });
  if (values.format !== 'md' && values.format !== 'json') {
    process.stderr.write('--format must be md or json\n');
    return 2;
  }
  if (values.lang !== 'de' && values.lang !== 'en') {
    process.stderr.write('--lang must be de or en\n');
    return 2;
  }
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    return 1;
  }
  const record = art30Record(values.lang, policySources(config));
  process.stdout.write(values.format === 'json' ? `${JSON.stringify(record, null, 2)}\n` : art30Markdown(record, values.lang));
  return 0;
}

process.exitCode = main();
