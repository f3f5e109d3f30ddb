import { Link } from 'react-router-dom';
import { LINK_PATTERN } from './search';

/** One answer text: plain words, and `[label](/path)` as a link inside the site. */
export function HelpText({ text }: { text: string }) {
  const parts: (string | { label: string; to: string })[] = [];
  let last = 0;
  for (const match of text.matchAll(LINK_PATTERN)) {
    const [whole, label = '', to = '/'] = match;
    parts.push(text.slice(last, match.index), { label, to });
    last = match.index + whole.length;
  }
  parts.push(text.slice(last));
  return (
    <>
      {parts.map((part, index) =>
        typeof part === 'string' ? (
          part
        ) : (
          <Link key={index} to={part.to}>
            {part.label}
          </Link>
        ),
      )}
    </>
  );
}
