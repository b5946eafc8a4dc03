/**
 * Mass of CO2 per mass of carbon (44/12). The only place the ratio is written:
 * every conversion between a t C and a t CO2 basis goes through here.
 */
export const CO2_PER_C = 44 / 12;

/** Converts a quantity in t C to t CO2 (or a per-t-C price to per t CO2 when inverted). */
export function carbonToCo2(tC: number): number {
  return tC * CO2_PER_C;
}

export function co2ToCarbon(tCO2: number): number {
  return tCO2 / CO2_PER_C;
}
