/**
 * CSV export (RFC 4180): fields holding a comma, a quote, a line break or edge spaces are
 * quoted, quotes are doubled, rows end with CRLF. Text that a spreadsheet would run as a
 * formula (starting with = + @ or a tab) is prefixed with an apostrophe.
 */
export interface CsvColumn<T> {
  header: string;
  value: (row: T) => unknown;
}

export function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (Array.isArray(value)) return csvField(value.join('; '));
  let s = String(value);
  if (/^[=+@\t\r]/.test(s)) s = `'${s}`;
  if (/[",\r\n]/.test(s) || /^\s|\s$/.test(s)) return `"${s.replace(/"/g, '""')}"`;
  return s;
}

export function toCsv<T>(columns: CsvColumn<T>[], rows: readonly T[]): string {
  const lines = [columns.map((c) => csvField(c.header)).join(',')];
  for (const row of rows) lines.push(columns.map((c) => csvField(c.value(row))).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

/**
 * A file name safe on every OS: `vibeapp-stocks-2026-11-28.csv`; with `sample`,
 * `vibeapp-sample-data-stocks-2026-11-28.csv`, so a saved file says what it holds.
 */
export function csvFileName(stem: string, date: Date = new Date(), sample = false): string {
  const safe = stem
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return `vibeapp-${sample ? 'sample-data-' : ''}${safe || 'export'}-${date.toISOString().slice(0, 10)}.csv`;
}

export const SAMPLE_DATA_NOTE = 'sample data (not market data)';

/**
 * The columns of an export, plus a last `data` column that labels every row as sample data
 * when the sample provider is in use (the label travels with rows copied elsewhere).
 */
export function exportColumns<T>(columns: CsvColumn<T>[], sample: boolean): CsvColumn<T>[] {
  return sample ? [...columns, { header: 'data', value: () => SAMPLE_DATA_NOTE }] : columns;
}

/** Offer a CSV as a download (browser only). A BOM lets spreadsheet apps detect UTF-8. */
export function downloadCsv(fileName: string, csv: string): void {
  const blob = new Blob([`\uFEFF${csv}`], { type: 'text/csv;charset=utf-8' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
