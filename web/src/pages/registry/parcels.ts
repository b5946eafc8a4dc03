/**
 * The parcels of a project form, from CSV text: a header naming parcelId, areaHm2, landClass and
 * (aggregated projects) memberId, then one parcel per line. Plain comma-separated values, as a
 * spreadsheet saves them without quoting (ids, numbers and land classes have no commas); a
 * problem names its line and column. The registry checks the values again (project.submit).
 */
export interface ParcelRow { parcelId: string; areaHm2: number; landClass: string; memberId?: string }
export interface ParcelProblem { field: string; message: string }

const REQUIRED = ['parcelId', 'areaHm2', 'landClass'] as const;
const KNOWN = new Set<string>([...REQUIRED, 'memberId']);

export function parseParcels(text: string, messages: { header: string; columns: string; none: string }): { ok: true; parcels: ParcelRow[] } | { ok: false; problems: ParcelProblem[] } {
  const lines = text.split(/\r?\n/).map((line) => line.trim());
  const header = (lines[0] ?? '').split(',').map((name) => name.trim());
  const unknown = header.filter((name) => !KNOWN.has(name));
  if (REQUIRED.some((name) => !header.includes(name)) || unknown.length > 0) {
    return { ok: false, problems: [{ field: 'parcels line 1', message: `${messages.header} (${messages.columns} ${[...KNOWN].join(',')}; ${header.join(',') || '—'})` }] };
  }
  const problems: ParcelProblem[] = [];
  const parcels: ParcelRow[] = [];
  lines.slice(1).forEach((line, i) => {
    if (line === '') return;
    const cells = line.split(',').map((cell) => cell.trim());
    const at = `parcels line ${i + 2}`;
    if (cells.length !== header.length) {
      problems.push({ field: at, message: `${cells.length} values, ${header.length} columns` });
      return;
    }
    const value = (name: string): string => cells[header.indexOf(name)] ?? '';
    const areaHm2 = Number(value('areaHm2'));
    if (value('areaHm2') === '' || !Number.isFinite(areaHm2)) problems.push({ field: `${at}: areaHm2`, message: `not a number: ${value('areaHm2') || '(empty)'}` });
    const memberId = header.includes('memberId') && value('memberId') !== '' ? { memberId: value('memberId') } : {};
    parcels.push({ parcelId: value('parcelId'), areaHm2, landClass: value('landClass'), ...memberId });
  });
  if (problems.length === 0 && parcels.length === 0) problems.push({ field: 'parcels', message: messages.none });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, parcels };
}
