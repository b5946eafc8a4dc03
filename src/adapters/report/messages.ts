/** Warning texts in English and Chinese, rendered from a warning's code and details. */
import type { AccountingWarning, WarningCode } from '../../core/accounting/index.js';

export type Language = 'en' | 'zh';
type Detail = AccountingWarning['detail'];

const EN: Record<WarningCode, (d: Detail) => string> = {
  basis_as_printed: () => 'basis "as-printed": σ = 1.87 can only be t CO2 per tce while θ and λ are t C; results sum them as the paper does and are neither t C nor t CO2',
  missing_energy: () => 'no energy use (energy_tce or a fuel table): energy emissions and totals are null',
  missing_population: () => 'no population: respiration and totals are null',
  missing_land: (d) => `no area for land classes ${d.classes} with a coefficient; absorption counts the ${d.counted} classes given`,
  missing_gdp: () => 'no GDP: ECC, GDP share and compensation coefficient are null',
  no_emissions: () => 'zero or missing emissions: no ECC, ESC or shares for this region',
  intensity_current_prices: () => 'no constant-price GDP (gdp_const_10k_yuan): intensity uses current prices',
  province_row_differs: (d) => `the province row's emissions differ from the sum of its regions by ${d.difference_percent} %`,
  no_province_row: (d) => `no province figure for ${d.quantity}: the region set's totals stand in for the province`,
  set_total_incomplete: (d) => `the set total of ${d.quantity} leaves out regions without a value: ${d.regions}`,
  zone_missing_ratio: () => 'ECC or ESC is missing: zone is null',
  zone_missing_variable: (d) => `zoning variables missing (${d.variables}): rules that use them do not match`,
  price_fallback_international: (d) => `price mode ${d.from} lacks ${d.missing}: the preset's default falls back to "international" until you give a domestic price range`,
  price_inputs_missing: (d) => `price inputs missing for mode ${d.mode} (${d.missing}): the unit price and every amount are null; roles are still computed`,
  price_per_as_printed: (d) => `the price per ${d.per} is applied to as-printed tonnes without conversion`,
  gdp_per_capita_computed: (d) => `provincial GDP per capita computed from the ${d.source}: ${d.yuan} yuan`,
  revision_unavailable: (d) => `intensity revision "${d.revision}" needs intensities this region lacks (first year or this year): revised emissions are null`,
  threshold_unavailable: () => 'ECC or the mean emissions D is missing: the emission threshold is null',
  estimated_input: (d) => `${d.file}: column ${d.column} is an estimate, not a statistic (${d.rows}); ${d.source}`,
  grid_factor_basis: () => 'the grid factor is t CO2 per MWh and is summed as printed',
};

const ZH: Record<WarningCode, (d: Detail) => string> = {
  basis_as_printed: () => '口径“按原文”：σ = 1.87 只能是每吨标准煤的 CO2 吨数，而 θ 与 λ 为碳吨数；结果按原文相加，既非 t C 也非 t CO2',
  missing_energy: () => '缺少能源消费（energy_tce 或分燃料表）：能源排放与总量为空',
  missing_population: () => '缺少人口：呼吸排放与总量为空',
  missing_land: (d) => `有系数的地类 ${d.classes} 缺少面积；碳吸收只计入已给出的 ${d.counted} 类`,
  missing_gdp: () => '缺少 GDP：经济贡献系数、GDP 占比与补偿系数为空',
  no_emissions: () => '排放为零或缺失：该地区无经济贡献系数、生态承载系数与占比',
  intensity_current_prices: () => '缺少可比价 GDP（gdp_const_10k_yuan）：碳排放强度按当年价计算',
  province_row_differs: (d) => `全省行的排放与各地区之和相差 ${d.difference_percent} %`,
  no_province_row: (d) => `缺少全省的 ${d.quantity}：以地区合计代替全省`,
  set_total_incomplete: (d) => `${d.quantity} 的地区合计不含缺值地区：${d.regions}`,
  zone_missing_ratio: () => '经济贡献系数或生态承载系数缺失：功能区为空',
  zone_missing_variable: (d) => `分区变量缺失（${d.variables}）：使用它们的规则不匹配`,
  price_fallback_international: (d) => `价格模式 ${d.from} 缺少 ${d.missing}：预设默认值改用“国际价格”，直至给出国内价格区间`,
  price_inputs_missing: (d) => `价格模式 ${d.mode} 缺少输入（${d.missing}）：单价与各金额为空；支付/受偿角色仍计算`,
  price_per_as_printed: (d) => `每 ${d.per} 的价格直接用于“按原文”口径的吨数，未作换算`,
  gdp_per_capita_computed: (d) => `全省人均 GDP 由${d.source === 'province row' ? '全省行' : '地区合计'}计算：${d.yuan} 元`,
  revision_unavailable: (d) => `强度修正“${d.revision}”所需的强度缺失（首年或本年）：修正排放为空`,
  threshold_unavailable: () => '经济贡献系数或平均排放 D 缺失：排放阈值为空',
  estimated_input: (d) => `${d.file}：${d.column} 列为估算值，非统计数据（${d.rows}）；${d.source}`,
  grid_factor_basis: () => '电网排放因子为每兆瓦时 CO2 吨数，按原文相加',
};

export function warningMessage(warning: AccountingWarning, language: Language = 'en'): string {
  return (language === 'zh' ? ZH : EN)[warning.code](warning.detail);
}
