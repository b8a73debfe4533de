/**
 * RFC 4180 CSV: CRLF line ends, a field quoted when it holds a comma, a quote or a line break,
 * quotes doubled. Values are written verbatim (no spreadsheet-formula escaping), because the
 * file must carry exactly what lineage.json does.
 */
export function csvField(value: string | number | null | undefined): string {
  const text = value === null || value === undefined ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(header: readonly string[], rows: readonly (readonly (string | number | null | undefined)[])[]): string {
  return [header, ...rows].map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}
