/**
 * Line icons for the call controls, drawn as inline SVG (no files, no icon font). Decorative only:
 * every control has a visible text label; the icons are aria-hidden.
 */

type IconName =
  | 'mic'
  | 'micOff'
  | 'camera'
  | 'cameraOff'
  | 'screen'
  | 'screenOff'
  | 'chat'
  | 'settings'
  | 'leave'
  | 'people'
  | 'file'
  | 'download'
  | 'close'
  | 'signal'
  | 'speaker'
  | 'lock'
  | 'switchCamera';

const paths: Record<IconName, string[]> = {
  mic: ['M12 3a3 3 0 0 0-3 3v6a3 3 0 0 0 6 0V6a3 3 0 0 0-3-3z', 'M5 11a7 7 0 0 0 14 0', 'M12 18v3'],
  micOff: ['M9 9v3a3 3 0 0 0 5.1 2.1', 'M15 9.3V6a3 3 0 0 0-5.7-1.3', 'M5 11a7 7 0 0 0 11.6 5.3', 'M19 11a7 7 0 0 1-.6 2.7', 'M12 18v3', 'M3 3l18 18'],
  camera: ['M3 7h12v10H3z', 'M15 10l6-3v10l-6-3'],
  cameraOff: ['M3 7h12v10H3z', 'M15 10l6-3v10l-6-3', 'M2 3l20 18'],
  screen: ['M3 4h18v12H3z', 'M8 20h8', 'M12 16v4', 'M12 13V7', 'M9 10l3-3 3 3'],
  screenOff: ['M3 4h18v12H3z', 'M8 20h8', 'M12 16v4', 'M9 7l6 6', 'M15 7l-6 6'],
  chat: ['M4 5h16v11H9l-5 4z'],
  settings: ['M4 6h10', 'M18 6h2', 'M16 4v4', 'M4 12h4', 'M12 12h8', 'M10 10v4', 'M4 18h10', 'M18 18h2', 'M16 16v4'],
  leave: ['M10 4H5v16h5', 'M14 8l4 4-4 4', 'M8 12h10'],
  people: ['M9 11a3 3 0 1 0 0-6 3 3 0 0 0 0 6z', 'M3 20a6 6 0 0 1 12 0', 'M16 5a3 3 0 0 1 0 6', 'M18 14a5 5 0 0 1 3 6'],
  file: ['M6 3h8l4 4v14H6z', 'M14 3v4h4'],
  download: ['M12 4v11', 'M7 10l5 5 5-5', 'M5 20h14'],
  close: ['M6 6l12 12', 'M18 6L6 18'],
  signal: ['M5 19v-3', 'M10 19v-7', 'M15 19v-11', 'M20 19V4'],
  speaker: ['M4 9h4l5-4v14l-5-4H4z', 'M16 9a4 4 0 0 1 0 6', 'M18.5 6.5a8 8 0 0 1 0 11'],
  lock: ['M6 11h12v9H6z', 'M8.5 11V8a3.5 3.5 0 0 1 7 0v3', 'M12 15v2'],
  switchCamera: ['M3 8h4l2-3h6l2 3h4v11H3z', 'M9 13a3 3 0 0 1 5.2-2', 'M15 13a3 3 0 0 1-5.2 2', 'M14 9.5V11h-1.5', 'M10 16.5V15h1.5'],
};

export function Icon({ name, className }: { name: IconName; className?: string }) {
  return (
    <svg
      className={className ? `icon ${className}` : 'icon'}
      viewBox="0 0 24 24"
      width="24"
      height="24"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      {paths[name].map((d) => (
        <path key={d} d={d} />
      ))}
    </svg>
  );
}
