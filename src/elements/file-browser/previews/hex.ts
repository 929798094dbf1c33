/** A hex dump: offset, 16 bytes in hex, and the printable ASCII beside them. */
import { html, type TemplateResult } from 'lit';

export const HEX_BYTES_PER_LINE = 16;

export function hexDump(bytes: Uint8Array, offset = 0): string {
  const lines: string[] = [];
  for (let i = 0; i < bytes.length; i += HEX_BYTES_PER_LINE) {
    const row = bytes.subarray(i, i + HEX_BYTES_PER_LINE);
    let hex = '';
    let ascii = '';
    for (let j = 0; j < HEX_BYTES_PER_LINE; j++) {
      if (j < row.length) {
        hex += row[j].toString(16).padStart(2, '0') + ' ';
        ascii += row[j] >= 0x20 && row[j] < 0x7f ? String.fromCharCode(row[j]) : '.';
      } else hex += '   ';
      if (j === 7) hex += ' ';
    }
    lines.push(`${(offset + i).toString(16).padStart(8, '0')}  ${hex} |${ascii}|`);
  }
  return lines.join('\n');
}

export function renderHex(bytes: Uint8Array, label: string): TemplateResult {
  return html`<pre class="hex" part="hex" role="region" aria-label=${label} tabindex="0">${hexDump(bytes)}</pre>`;
}
