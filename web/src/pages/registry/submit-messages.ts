/** The project form's strings, in the registry's chunk (as the compliance page keeps its own): every key in both languages. */
import { type MessageKey, useI18n } from '../../i18n/index.js';

export const submitEn = {
  submitTitle: 'Submit a sink project',
  submitNote: 'Submitted, the project waits for a verifier\u2019s validation and the registry\u2019s registration (market.md §3). Documents stay with you: the registry records each one\u2019s name and SHA-256, computed here in the browser.',
  fieldProjectId: 'Project id (letters and digits)',
  fieldName: 'Name',
  fieldType: 'Type',
  fieldSubtype: 'Subtype (optional)',
  fieldRegion: 'Region code (6 digits)',
  fieldMethodology: 'Methodology',
  fieldStart: 'Crediting period from',
  fieldEnd: 'to',
  fieldAggregated: 'Aggregated: the parcels are our members\u2019 (a memberId per parcel)',
  fieldParcels: 'Parcels (CSV: parcelId,areaHm2,landClass[,memberId])',
  fieldParcelsFile: '… or read them from a CSV file',
  fieldDocuments: 'Documents (project design, maps, …)',
  fieldDeclaration: 'The project is not registered in another programme (CCER, VCS, …)',
  submitProject: 'Submit the project',
  submitted: 'Submitted:',
  hashUnavailable: 'This browser hashes documents only on https or on this machine (localhost); send the project through the API instead.',
  parcelsHeader: 'the first line names the columns parcelId, areaHm2, landClass and, for an aggregated project, memberId',
  parcelsColumns: 'expected',
  parcelsNone: 'at least one parcel',
  stepValidate: 'Validation (verifier)',
  stepRegister: 'Registration (registry administrator)',
  fieldReason: 'Reason (to reject)',
  validateAccept: 'Validate',
  validateReject: 'Reject',
  registerProject: 'Register the project',
  contractPublish: 'Publish the benefit-sharing contract, version',
  contractFormula: 'Share by',
  contractMembers: 'Members, one per line (memberId; for fixed shares memberId,fixedShare; per capita memberId,persons)',
  contractDeductions: 'Deductions, one per line (name,shareBp,recipient)',
  contractDeductionsShort: 'Deductions',
  contractSchedule: 'Payment schedule',
  contractPublishButton: 'Publish',
  contractToSign: 'Benefit-sharing contract to sign: version',
  contractSign: 'Sign the contract',
} as const;

export type SubmitKey = keyof typeof submitEn;

export const submitZh: Record<SubmitKey, string> = {
  submitTitle: '提交碳汇项目',
  submitNote: '提交后，项目须经核查机构审定、登记机构登记（market.md §3）。文件留在您手中：登记簿只记录每个文件的名称及其在浏览器中计算的 SHA-256。',
  fieldProjectId: '项目编号（字母和数字）',
  fieldName: '名称',
  fieldType: '类型',
  fieldSubtype: '子类型（可选）',
  fieldRegion: '行政区划代码（6 位）',
  fieldMethodology: '方法学',
  fieldStart: '计入期自',
  fieldEnd: '至',
  fieldAggregated: '聚合项目：地块属于本社成员（每个地块填写 memberId）',
  fieldParcels: '地块（CSV：parcelId,areaHm2,landClass[,memberId]）',
  fieldParcelsFile: '……或从 CSV 文件读取',
  fieldDocuments: '文件（项目设计书、图件等）',
  fieldDeclaration: '本项目未在其他机制（CCER、VCS 等）登记',
  submitProject: '提交项目',
  submitted: '已提交：',
  hashUnavailable: '浏览器仅在 https 或本机（localhost）下计算文件哈希；请改用 API 提交。',
  parcelsHeader: '首行须列出 parcelId、areaHm2、landClass，聚合项目另加 memberId',
  parcelsColumns: '应为',
  parcelsNone: '至少一个地块',
  stepValidate: '审定（核查机构）',
  stepRegister: '登记（登记机构）',
  fieldReason: '理由（不予审定时填写）',
  validateAccept: '审定通过',
  validateReject: '不予审定',
  registerProject: '登记项目',
  contractPublish: '发布利益分配合同，版本',
  contractFormula: '分配依据',
  contractMembers: '成员，每行一个（memberId；固定份额填 memberId,fixedShare；按人口填 memberId,persons）',
  contractDeductions: '扣除项，每行一个（name,shareBp,recipient）',
  contractDeductionsShort: '扣除项',
  contractSchedule: '付款安排',
  contractPublishButton: '发布',
  contractToSign: '待签署的利益分配合同：版本',
  contractSign: '签署合同',
};

/** The app's translator, extended with the form's keys. */
export function useSubmitI18n(): { lang: 'en' | 'zh'; t: (key: SubmitKey | MessageKey) => string } {
  const { lang, t } = useI18n();
  const own: Record<string, string> = lang === 'zh' ? submitZh : submitEn;
  return { lang, t: (key) => own[key] ?? t(key as MessageKey) };
}
