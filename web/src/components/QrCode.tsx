import qrcode from 'qrcode-generator';
import { useMemo } from 'react';

/**
 * A QR code drawn here in the browser as SVG: the secret it carries never goes to a third party
 * (no image service), and no HTML string is injected.
 */
export function QrCode({ text, label }: { text: string; label: string }) {
  const { size, path } = useMemo(() => {
    const code = qrcode(0, 'M');
    code.addData(text);
    code.make();
    const count = code.getModuleCount();
    const cells: string[] = [];
    for (let row = 0; row < count; row += 1) {
      for (let col = 0; col < count; col += 1) if (code.isDark(row, col)) cells.push(`M${col + 4},${row + 4}h1v1h-1z`);
    }
    return { size: count + 8, path: cells.join('') };
  }, [text]);
  return (
    <svg className="qr-code" role="img" aria-label={label} viewBox={`0 0 ${size} ${size}`} width={size * 5} height={size * 5} shapeRendering="crispEdges">
      <rect width={size} height={size} fill="#fff" />
      <path d={path} fill="#000" />
    </svg>
  );
}
