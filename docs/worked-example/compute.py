#!/usr/bin/env python3
"""Worked example for the Neutral accounting model, computed independently of the
TypeScript engine (nothing under src/ is imported or run; only the two fixture files
are read).

Spec: accounting.md section 2 (eq. 1-7), section 4 (zoning), section 5 (eq. 8-14);
contracts.md section 3 (parameters) and section 4 (output fields).

Input : src/core/accounting/fixtures/golden-3x2.csv
        src/core/accounting/fixtures/golden-3x2.params.json
Output: src/core/accounting/fixtures/golden-3x2.expected.json  (full float precision)
        the intermediate tables on stdout (rounded for reading)

Standard library only. Run from anywhere:  python3 docs/worked-example/compute.py
"""
import csv
import json
import math
import os

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
FIX = os.path.join(ROOT, "src", "core", "accounting", "fixtures")
CSV_PATH = os.path.join(FIX, "golden-3x2.csv")
PARAMS_PATH = os.path.join(FIX, "golden-3x2.params.json")
OUT_PATH = os.path.join(FIX, "golden-3x2.expected.json")

# ---------------------------------------------------------------------------
# Preset jiangxi-2024 (accounting.md section 3), basis "as-printed":
# everything summed as given, no 44/12 anywhere.
# ---------------------------------------------------------------------------
SIGMA = 1.87          # per tce (eq. 1)
THETA = 0.079         # per person (eq. 2)
LAND = {              # per hm2 per year (eq. 3); negative = sink; construction: no entry
    "cultivated": -0.13,
    "forest": -5.77,
    "grassland": -0.022,
    "water": -0.253,
    "unused": -0.005,
}
LAND_CLASSES = ["cultivated", "forest", "grassland", "water", "unused", "construction"]


def show(title, header, rows, fmt=None):
    """Print a small table (rounded only for reading)."""
    print()
    print("## " + title)
    print(" | ".join(header))
    for r in rows:
        cells = []
        for v in r:
            if isinstance(v, float):
                cells.append(fmt(v) if fmt else "%.6g" % v)
            else:
                cells.append(str(v))
        print(" | ".join(cells))


# ---------------------------------------------------------------------------
# 0. Read the inputs
# ---------------------------------------------------------------------------
with open(PARAMS_PATH, encoding="utf-8") as f:
    PARAMS = json.load(f)
comp_in = PARAMS["compensation"]
price = comp_in["price"]
pearl = comp_in["pearl"]

rows = []
with open(CSV_PATH, newline="", encoding="utf-8") as f:
    for r in csv.DictReader(f):
        row = {
            "region_code": r["region_code"],
            "region_name": r["region_name"],
            "year": int(r["year"]),
            "population": float(r["population"]),
            # gdp_100m_yuan is in 10^8 yuan; 1 x 10^8 yuan = 10^4 x 10^4 yuan
            "gdp_yuan": float(r["gdp_100m_yuan"]) * 1e8,
            "gdp_10k_yuan": float(r["gdp_100m_yuan"]) * 1e4,
            "energy_tce": float(r["energy_tce"]),
        }
        for k in LAND_CLASSES:
            row[k] = float(r[k + "_hm2"])
        rows.append(row)

province = {r["year"]: r for r in rows if r["region_code"].endswith("0000")}
regions = [r for r in rows if not r["region_code"].endswith("0000")]
years = sorted({r["year"] for r in regions})
codes = sorted({r["region_code"] for r in regions})
T0, T = years[0], years[-1]          # first year of the table; compensation year = last year

# ---------------------------------------------------------------------------
# 1. Budget, eq. 1-5, for every row (regions and the province row alike)
# ---------------------------------------------------------------------------
def budget(row):
    row["Ce"] = row["energy_tce"] * SIGMA                               # eq. 1
    row["Cp"] = row["population"] * THETA                               # eq. 2
    row["absorb_by_class"] = {k: row[k] * -lam for k, lam in LAND.items() if lam < 0}
    row["CA"] = sum(row["absorb_by_class"].values())                    # eq. 3, sinks
    row["Cland"] = sum(row[k] * lam for k, lam in LAND.items() if lam > 0)  # eq. 3, sources
    row["Cz"] = row["Ce"] + row["Cp"] + row["Cland"]                    # eq. 4
    row["Ct"] = row["Cz"] - row["CA"]                                   # eq. 5
    # intensity: no constant-price GDP in the table -> current prices, t per 10^4 yuan
    row["g"] = row["Cz"] / row["gdp_10k_yuan"]


for r in rows:
    budget(r)

by = {(r["region_code"], r["year"]): r for r in regions}

show("Energy and respiration (eq. 1-2)",
     ["region", "year", "E tce", "Ce = 1.87 E", "P", "Cp = 0.079 P"],
     [(r["region_code"], r["year"], r["energy_tce"], r["Ce"], r["population"], r["Cp"]) for r in rows],
     fmt=lambda v: "%.1f" % v)
show("Absorption by class (eq. 3)",
     ["region", "year"] + list(LAND) + ["CA"],
     [(r["region_code"], r["year"]) + tuple(r["absorb_by_class"][k] for k in LAND) + (r["CA"],) for r in rows],
     fmt=lambda v: "%.2f" % v)
show("Cz and Ct (eq. 4-5)",
     ["region", "year", "Cland", "Cz", "CA", "Ct"],
     [(r["region_code"], r["year"], r["Cland"], r["Cz"], r["CA"], r["Ct"]) for r in rows],
     fmt=lambda v: "%.2f" % v)

# ---------------------------------------------------------------------------
# 2. Set totals per year, shares, ECC and ESC (eq. 6-7), growth
# ---------------------------------------------------------------------------
totals = {}
for y in years:
    rs = [by[(c, y)] for c in codes]
    totals[y] = {
        "Cz": sum(r["Cz"] for r in rs),
        "CA": sum(r["CA"] for r in rs),
        "Ct": sum(r["Ct"] for r in rs),
        "G": sum(r["gdp_yuan"] for r in rs),
        "n": len(rs),
    }

for y in years:
    t = totals[y]
    for c in codes:
        r = by[(c, y)]
        r["emissions_share"] = r["Cz"] / t["Cz"]
        r["absorption_share"] = r["CA"] / t["CA"]
        r["gdp_share"] = r["gdp_yuan"] / t["G"]
        r["ecc"] = r["gdp_share"] / r["emissions_share"]          # eq. 6
        r["esc"] = r["absorption_share"] / r["emissions_share"]   # eq. 7
        r["per_capita"] = r["Cz"] / r["population"]

for c in codes:
    prev = None
    for y in years:
        r = by[(c, y)]
        if prev is None:
            r["growth"] = None
        else:
            p = by[(c, prev)]
            r["growth"] = (r["Cz"] / p["Cz"]) ** (1.0 / (y - prev)) - 1.0
        prev = y

show("Shares, ECC, ESC (eq. 6-7)",
     ["region", "year", "Cz share", "CA share", "GDP share", "ECC", "ESC"],
     [(c, y, by[(c, y)]["emissions_share"], by[(c, y)]["absorption_share"], by[(c, y)]["gdp_share"],
       by[(c, y)]["ecc"], by[(c, y)]["esc"]) for y in years for c in codes],
     fmt=lambda v: "%.6f" % v)

# ---------------------------------------------------------------------------
# 3. Zoning (section 4): default rule table, first match wins
# ---------------------------------------------------------------------------
for y in years:
    n = totals[y]["n"]
    order = sorted(codes, key=lambda c: -by[(c, y)]["Cz"])     # rank 1 = largest emissions
    for rank, c in enumerate(order, start=1):
        by[(c, y)]["rank"] = rank
    for c in codes:
        r = by[(c, y)]
        if r["esc"] >= 1:
            r["zone"], r["rule"] = "carbon-sink-functional", 1
        elif r["ecc"] >= 1 and r["rank"] <= math.ceil(n / 4):
            r["zone"], r["rule"] = "total-carbon-control", 2
        elif r["ecc"] >= 1:
            r["zone"], r["rule"] = "low-carbon-optimisation", 3
        else:
            r["zone"], r["rule"] = "carbon-intensity-control", 4

show("Ranks and zones", ["region", "year", "rank", "ceil(n/4)", "ESC>=1", "ECC>=1", "rule", "zone"],
     [(c, y, by[(c, y)]["rank"], math.ceil(totals[y]["n"] / 4), by[(c, y)]["esc"] >= 1,
       by[(c, y)]["ecc"] >= 1, by[(c, y)]["rule"], by[(c, y)]["zone"]) for y in years for c in codes])

# ---------------------------------------------------------------------------
# 4. Compensation for year T (eq. 8-14), with every option switchable
# ---------------------------------------------------------------------------
DEFAULTS = {
    "threshold": "all-rows",
    "thresholdEcc": "year",
    "revision": "product",
    "revisedBase": "with-absorption",
    "kDenominator": "province",
    "price.mode": "mean-domestic-international",
    "pearl.t": "engel-fraction",
    "balanced": False,
}


def d_values(opt):
    """Eq. 9, D: one value per region (the same for every region unless per-region)."""
    if opt == "all-rows":
        d = sum(r["Cz"] for r in regions) / len(regions)   # every region-year row, no province
        return {c: d for c in codes}
    if opt == "compensation-year":
        d = sum(by[(c, T)]["Cz"] for c in codes) / len(codes)
        return {c: d for c in codes}
    if opt == "per-region":
        return {c: sum(by[(c, y)]["Cz"] for y in years) / len(years) for c in codes}
    raise ValueError(opt)


def ecc_values(opt):
    if opt == "year":
        return {c: by[(c, T)]["ecc"] for c in codes}
    if opt == "mean":
        return {c: sum(by[(c, y)]["ecc"] for y in years) / len(years) for c in codes}
    raise ValueError(opt)


def revision_factors():
    """Eq. 10 pieces: temporal factor f1, spatial factor f2, declines."""
    gP_T, gP_T0 = province[T]["g"], province[T0]["g"]
    mean_gT = sum(by[(c, T)]["g"] for c in codes) / len(codes)
    out = {}
    for c in codes:
        gT, gT0 = by[(c, T)]["g"], by[(c, T0)]["g"]
        out[c] = {
            "g_T0": gT0, "g_T": gT,
            "f1": (gT / gT0) / (gP_T / gP_T0),
            "f2": gT / mean_gT,
            "decline": 1.0 - gT / gT0,
        }
    return out, {"g_T0": gP_T0, "g_T": gP_T, "decline": 1.0 - gP_T / gP_T0, "mean_g_T": mean_gT}


def revised_emissions(opt):
    f, P = revision_factors()
    out = {}
    for c in codes:
        cz = by[(c, T)]["Cz"]
        f1, f2 = f[c]["f1"], f[c]["f2"]
        if opt == "product":
            out[c] = cz * f1 * f2
        elif opt == "temporal":
            out[c] = cz * f1
        elif opt == "spatial":
            out[c] = cz * f2
        elif opt == "arithmetic-mean":
            out[c] = cz * (f1 + f2) / 2.0
        elif opt == "geometric-mean":
            out[c] = cz * math.sqrt(f1 * f2)
        elif opt == "additive":
            out[c] = cz * (1.0 - (f[c]["decline"] - P["decline"]))
        else:
            raise ValueError(opt)
    return out


def alpha_value(mode):
    """Eq. 13; price per tCO2 applied unconverted on the as-printed basis."""
    pmin, pmax = price["domesticMinYuan"], price["domesticMaxYuan"]
    rate = price["usdCny"]
    imin, imax = price["internationalMinUsd"] * rate, price["internationalMaxUsd"] * rate
    scale = comp_in["gdpPerCapitaProvinceYuan"] / comp_in["gdpPerCapitaNationYuan"]
    dom_mid = (pmax + pmin) / 2.0
    int_mid = (imax + imin) / 2.0
    if mode == "mean-domestic-international":
        mid = 0.5 * (dom_mid + int_mid)
    elif mode == "pooled":
        allp = [pmin, pmax, imin, imax]
        mid = (min(allp) + max(allp)) / 2.0
    elif mode == "domestic":
        mid = dom_mid
    elif mode == "international":
        mid = int_mid
    else:
        raise ValueError(mode)
    return mid * scale


def pearl_t(opt):
    en = pearl["engel"]
    if opt == "engel-fraction":
        return en
    if opt == "engel-percent":
        return 100.0 * en
    if opt == "inverse-minus-3":
        return 1.0 / en - 3.0
    raise ValueError(opt)


def gammas(k_opt, t_opt):
    """Eq. 14: gamma_i = K_i / (1 + a e^(-b t)), K_i = GDP_i / GDP_province in year T."""
    if k_opt == "province":
        denom = province[T]["gdp_yuan"]
    elif k_opt == "sum-of-regions":
        denom = totals[T]["G"]
    else:
        raise ValueError(k_opt)
    t = pearl_t(t_opt)
    logistic = 1.0 + pearl["a"] * math.exp(-pearl["b"] * t)
    return {c: (by[(c, T)]["gdp_yuan"] / denom) / logistic for c in codes}, t, logistic


def compensation(opts):
    o = dict(DEFAULTS)
    o.update(opts)
    D = d_values(o["threshold"])
    E = ecc_values(o["thresholdEcc"])
    Cr = revised_emissions(o["revision"])
    alpha = alpha_value(o["price.mode"])
    G, t, logistic = gammas(o["kDenominator"], o["pearl.t"])
    res = {}
    for c in codes:
        r = by[(c, T)]
        P = E[c] * D[c]                                             # eq. 9
        if o["revisedBase"] == "with-absorption":
            Lp = Cr[c] - r["CA"] - P                                # eq. 11
        else:
            Lp = Cr[c] - P
        M = Lp * alpha * G[c]                                       # eq. 12, yuan
        res[c] = {"base": r["Ct"], "D": D[c], "ecc_used": E[c], "threshold": P,
                  "revised": Cr[c], "revised_base": Lp, "gamma": G[c], "M": M,
                  "role": "pay" if Lp > 0 else ("receive" if Lp < 0 else "balance")}
    payers = sum(v["M"] for v in res.values() if v["M"] > 0)
    receivers = -sum(v["M"] for v in res.values() if v["M"] < 0)
    if o["balanced"] and receivers > 0:
        s = payers / receivers
        for v in res.values():
            if v["M"] < 0:
                v["M"] *= s
        receivers = -sum(v["M"] for v in res.values() if v["M"] < 0)
    return {"alpha": alpha, "payers": payers, "receivers": receivers, "regions": res,
            "pearl_t": t, "logistic": logistic}


main = compensation({})
f, Pf = revision_factors()
D_main = d_values("all-rows")[codes[0]]

show("Intensities g = Cz / GDP (t per 10^4 yuan, current prices) and eq. 10 factors",
     ["unit", "g_T0", "g_T", "f1 temporal", "f2 spatial", "decline"],
     [(c, f[c]["g_T0"], f[c]["g_T"], f[c]["f1"], f[c]["f2"], f[c]["decline"]) for c in codes]
     + [("province", Pf["g_T0"], Pf["g_T"], "", "", Pf["decline"])],
     fmt=lambda v: "%.6f" % v)
print("mean of regions' g_T =", Pf["mean_g_T"])
print("D (all-rows) =", D_main)
print("alpha =", main["alpha"], " pearl t =", main["pearl_t"], " 1 + a e^(-b t) =", main["logistic"])
show("Compensation %d (defaults)" % T,
     ["region", "Ct (base)", "ECC_T", "P = ECC D", "C'", "CA", "L'", "gamma", "M 10^4 yuan", "role"],
     [(c, v["base"], v["ecc_used"], v["threshold"], v["revised"], by[(c, T)]["CA"], v["revised_base"],
       v["gamma"], v["M"] / 1e4, v["role"]) for c, v in main["regions"].items()],
     fmt=lambda v: "%.6f" % v)
print("payers total 10^4 yuan =", main["payers"] / 1e4, " receivers total =", main["receivers"] / 1e4)

# ---------------------------------------------------------------------------
# 5. Variants: one option changed at a time
# ---------------------------------------------------------------------------
VARIANTS = [
    ("compensation.revision", "revision", "temporal"),
    ("compensation.revision", "revision", "spatial"),
    ("compensation.revision", "revision", "arithmetic-mean"),
    ("compensation.revision", "revision", "geometric-mean"),
    ("compensation.revision", "revision", "additive"),
    ("compensation.threshold", "threshold", "compensation-year"),
    ("compensation.threshold", "threshold", "per-region"),
    ("compensation.thresholdEcc", "thresholdEcc", "mean"),
    ("compensation.revisedBase", "revisedBase", "gross"),
    ("compensation.kDenominator", "kDenominator", "sum-of-regions"),
    ("compensation.price.mode", "price.mode", "pooled"),
    ("compensation.price.mode", "price.mode", "domestic"),
    ("compensation.price.mode", "price.mode", "international"),
    ("compensation.pearl.t", "pearl.t", "engel-percent"),
    ("compensation.pearl.t", "pearl.t", "inverse-minus-3"),
    ("compensation.balanced", "balanced", True),
]
variants = {}
for path, key, val in VARIANTS:
    res = compensation({key: val})
    label = "%s=%s" % (path, "true" if val is True else val)
    variants[label] = {c: v["M"] / 1e4 for c, v in res["regions"].items()}
show("Variants, amount in 10^4 yuan (> 0 pays)", ["variant"] + codes,
     [(k,) + tuple(v[c] for c in codes) for k, v in variants.items()],
     fmt=lambda v: "%.4f" % v)

# ---------------------------------------------------------------------------
# 6. Write the expected JSON (full precision)
# ---------------------------------------------------------------------------
out = {
    "regions": [],
    "totals": [],
    "compensation": {
        "year": T,
        "alpha_yuan_per_t": main["alpha"],
        "d_t": D_main,
        "payers_total_10k_yuan": main["payers"] / 1e4,
        "receivers_total_10k_yuan": main["receivers"] / 1e4,
        "regions": [],
    },
    "variants": variants,
}
for y in years:
    for c in codes:
        r = by[(c, y)]
        out["regions"].append({
            "region_code": c,
            "year": y,
            "emissions_energy_t": r["Ce"],
            "emissions_respiration_t": r["Cp"],
            "emissions_land_t": r["Cland"],
            "emissions_t": r["Cz"],
            "absorption_t": r["CA"],
            "budget_t": r["Ct"],
            "ecc": r["ecc"],
            "esc": r["esc"],
            "zone": r["zone"],
            "intensity_t_per_10k_yuan": r["g"],
            "emissions_per_capita_t": r["per_capita"],
            "emissions_share": r["emissions_share"],
            "absorption_share": r["absorption_share"],
            "gdp_share": r["gdp_share"],
            "emissions_growth_rate": r["growth"],
        })
    out["totals"].append({
        "year": y,
        "emissions_t": totals[y]["Cz"],
        "absorption_t": totals[y]["CA"],
        "budget_t": totals[y]["Ct"],
        "province_emissions_t": province[y]["Cz"],
    })
for c in codes:
    v = main["regions"][c]
    out["compensation"]["regions"].append({
        "region_code": c,
        "base_t": v["base"],
        "threshold_t": v["threshold"],
        "revised_emissions_t": v["revised"],
        "revised_base_t": v["revised_base"],
        "gamma": v["gamma"],
        "role": v["role"],
        "amount_10k_yuan": v["M"] / 1e4,
        "amount_million_yuan": v["M"] / 1e6,
    })

with open(OUT_PATH, "w", encoding="utf-8") as fh:
    json.dump(out, fh, indent=2)
    fh.write("\n")
print()
print("wrote", os.path.relpath(OUT_PATH, ROOT))
