/**
 * The terms of a benefit-sharing contract as the project page's form takes them (market.md §7):
 * members one per line (`memberId`, then `fixedShare` for the fixed formula or `persons` for the
 * per-capita one), deductions one per line (`name,shareBp,recipient`). A problem names its list
 * and line; the registry checks the terms again (contract.sign).
 */
export type Formula = 'tonnes' | 'area' | 'per-capita' | 'fixed';
export interface ContractMemberTerms { memberId: string; fixedShare?: number; persons?: number }
export interface DeductionTerms { name: string; shareBp: number; recipient: string }
export interface TermsProblem { field: string; message: string }

const lines = (text: string): { line: string; n: number }[] =>
  text.split(/\r?\n/).map((line, i) => ({ line: line.trim(), n: i + 1 })).filter((x) => x.line !== '');

const wholeNumber = (text: string | undefined): number | null => (text !== undefined && /^\d+$/.test(text) ? Number(text) : null);

export function parseTerms(formula: Formula, membersText: string, deductionsText: string): { ok: true; members: ContractMemberTerms[]; deductions: DeductionTerms[] } | { ok: false; problems: TermsProblem[] } {
  const problems: TermsProblem[] = [];
  const members: ContractMemberTerms[] = [];
  for (const { line, n } of lines(membersText)) {
    const [memberId = '', extra, ...rest] = line.split(',').map((cell) => cell.trim());
    const wants = formula === 'fixed' ? 'fixedShare' : formula === 'per-capita' ? 'persons' : null;
    if (rest.length > 0 || (wants === null && extra !== undefined)) {
      problems.push({ field: `members line ${n}`, message: wants === null ? 'one value: memberId' : `memberId,${wants}` });
      continue;
    }
    if (wants === null) {
      members.push({ memberId });
      continue;
    }
    const value = wholeNumber(extra);
    if (value === null) problems.push({ field: `members line ${n}: ${wants}`, message: `a whole number, found ${extra ?? '(none)'}` });
    else members.push({ memberId, [wants]: value });
  }
  if (members.length === 0 && problems.length === 0) problems.push({ field: 'members', message: 'at least one member' });
  const deductions: DeductionTerms[] = [];
  for (const { line, n } of lines(deductionsText)) {
    const cells = line.split(',').map((cell) => cell.trim());
    const shareBp = wholeNumber(cells[1]);
    if (cells.length !== 3 || shareBp === null) problems.push({ field: `deductions line ${n}`, message: 'name,shareBp,recipient (shareBp a whole number of basis points)' });
    else deductions.push({ name: cells[0]!, shareBp, recipient: cells[2]! });
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, members, deductions };
}
