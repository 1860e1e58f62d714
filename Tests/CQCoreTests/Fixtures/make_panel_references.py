#!/usr/bin/env python3
"""Reference values for cq's panel regressions (fixed effects, robust and
clustered standard errors), computed with pyfixest from the CSV files under
Data/ — independently of cq's code.

    pip install pandas pyfixest          # pyfixest 0.60, pandas, numpy, scipy
    python3 Tests/CQCoreTests/Fixtures/make_panel_references.py

writes Tests/CQCoreTests/Fixtures/panel/references.json: a top-level array
with one object per case (a cq `regress` statement on a built-in dataset):

    id, dataset, statement
    n                   observations in the final sample
    groups              {"country": G or null, "year": T or null}: levels of
                        each absorbed factor left in the final sample
    clusters            G_c, or null without `cluster by`
    se_type             "classical" | "robust" | "cluster"
    df                  degrees of freedom of the t tests
    dof_k               the K of the small-sample factor (see below)
    dropped_singletons  observations dropped in step 4
    dropped_constant    observations dropped in step 5
    coefficients        [{term, estimate, se, t, p}], regressors only
                        ("(Intercept)" first for pooled models)
    omitted             regressors left out as collinear with the effects
    r2                  R² of the full model (lm with the effect dummies)
    r2_within           1 - RSS / Σ ỹ², ỹ the response after the within
                        transformation (null for pooled models)

Floats are written with repr(), the shortest decimal that reads back as the
same double. The output is deterministic (the script runs with
PYTHONHASHSEED=0, see below).

Sample, in this order (cq's semantics):
  1. rows in scope: country-years of the dataset's years (world 2000–2024,
     extended: the first..last year of its observations file), `during A..B`,
     `where <group>` (member in year y when from_year <= y < to_year);
     only iso3 codes listed in Data/world/countries.csv are countries;
  2. listwise deletion on the response and every regressor;
  3. rows whose cluster variable is missing are dropped;
  4. with fixed effects: singletons (a country, with country effects, or a
     year, with year effects, that occurs once among the remaining rows) are
     dropped repeatedly until none remain. The surviving set is the largest
     subset in which every level occurs at least twice, so the order of the
     removals (alternating or simultaneous) does not matter;
  5. with one-way effects only: every group in which the response and every
     regressor are each constant (exactly equal) across its remaining rows
     is dropped.

Expressions: log(x) (missing when x <= 0); lag(x) = x in calendar year t-1
(missing outside the dataset's years); growth(x) = 100*(x(t)/x(t-1) - 1),
missing for a zero or missing base; at(x, Y) = the country's x in year Y, for
every year. `region` = "EU" if an EU member that year, else "CIS" if a CIS
member that year, else wb_region; income_group from countries.csv (empty =
missing; "Not classified", Venezuela, is a level of its own).

Estimation: pyfixest.feols on the final sample (fixef_rm="none", since the
sample is already built; MAP demeaning with fixef_tol=1e-12), formula
y ~ x | iso3, y ~ x | year, y ~ x | iso3 + year, or y ~ x (pooled, with an
intercept). Regressors collinear with the effects are dropped by pyfixest and
listed in "omitted". Standard errors, pyfixest's defaults (which follow
fixest), with n observations and k estimated slopes (+1 intercept, pooled):

  K_all = k + Σ levels − (number of effects − 1)
          (G one-way, G + T − 1 two-way; every two-way sample here is a
          connected panel, which the script asserts)
  classical  V = σ² (X̃'X̃)⁻¹, σ² = RSS / (n − K_all);      df = n − K_all
  robust     HC1: n / (n − K_all) × sandwich;               df = n − K_all
  cluster    CRV1: G_c/(G_c − 1) × (n − 1)/(n − K_c) × sandwich; df = G_c − 1
             K_c = k + Σ_effects (1 if nested in the clusters else levels)
                   − (number of effects − 1)
             An effect is nested when each of its levels lies in exactly one
             cluster. So K_c = k + 1 for country effects clustered by country
             (or by income_group), k + T for two-way effects clustered by
             country, and K_c = K_all when nothing is nested (country effects
             clustered by the time-varying `region`: k + G, not k + G + 1).
  "dof_k" in the JSON is K_all for classical/robust and K_c for cluster.
  p = 2 × P(T_df > |t|), from scipy's upper tail (pyfixest's own p,
  2 × (1 − cdf), is 0 below about 1e-16; it agrees to 1e-14 absolute).

Checks: every case is recomputed by hand with numpy — an exact least-squares
fit with explicit dummy columns (no iteration), the within transformation as
the residual on the dummies, and the variance formulas above — and must agree
with pyfixest to 1e-10 relative (estimates, standard errors, t, p, r2,
r2_within); the script stops otherwise. If Rscript (with plm, sandwich and
lmtest) is on the PATH, make_panel_references.R then rebuilds every sample
on its own from the CSV files, fits lm() with factor dummies, takes the
HC0/cluster sandwiches from sandwich::vcovHC/vcovCL and applies the factors
above, and this script reports the largest relative disagreement.

Cross-check result (pyfixest 0.60.0, numpy 2.4.6, pandas 3.1.1, scipy;
R 4.2.2, plm 2.6-2, sandwich 3.0-2, lmtest 0.9-40):
  - pyfixest vs. numpy by hand: estimates, standard errors and t within
    6e-14 relative; p within 1e-11 (far tails, e.g. p = 2e-47); r2_within
    within 1.1e-11 (ext_year_cluster, whose r2_within is 6e-5, so
    1 - RSS/Σỹ² cancels).
  - pyfixest vs. R, with R building every sample on its own: the same n,
    groups, clusters, df, K, dropped counts, terms and omitted terms in all
    20 cases. Largest relative disagreement: estimates 3.6e-13, standard
    errors 5.7e-13, t 5.6e-13, r2 4.2e-14, r2_within 1.8e-11 (the same
    cancellation), p 4.7e-10 — for p = 3.19e-214 (t = 34.0, df = 2957),
    where d ln p / d ln t is about -830, so R's t, 5.6e-13 away, moves p by
    that much; the JSON's p agrees with mpmath's exact tail for its own t to
    2e-14. lm's dense dummy QR is the less accurate route here: its
    differences are 10 times the pyfixest–numpy ones.
"""
import json
import math
import os
import re
import shutil
import subprocess
import sys
import tempfile
import warnings

# pyfixest's result for two-way effects varies in the last bit or two with
# Python's string-hash seed (an ordering inside pyfixest), so the script
# pins the seed — re-running itself if needed — to write the same file on
# every run.
if __name__ == "__main__" and os.environ.get("PYTHONHASHSEED") != "0":
    os.environ["PYTHONHASHSEED"] = "0"
    os.execv(sys.executable, [sys.executable] + sys.argv)

import numpy as np
import pandas as pd
import pyfixest as pf
from pyfixest.demeaners import MapDemeaner
from scipy import stats

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", "..", ".."))
OUT = os.path.join(HERE, "panel", "references.json")
R_SCRIPT = os.path.join(HERE, "make_panel_references.R")

CASES = [
    # (case id, dataset, cq statement)
    ("fe_country", "world",
     "regress life_expectancy on log(gdp_per_capita) with country effects"),
    ("fe_year", "world",
     "regress life_expectancy on log(gdp_per_capita) with year effects"),
    ("fe_twoway", "world",
     "regress life_expectancy on log(gdp_per_capita) with country and year effects"),
    ("pooled_robust", "world",
     "regress life_expectancy on log(gdp_per_capita) robust"),
    ("pooled_cluster_country", "world",
     "regress life_expectancy on log(gdp_per_capita) cluster by country"),
    ("fe_country_robust_two_terms", "world",
     "regress life_expectancy on log(gdp_per_capita), tertiary_enrollment with country effects robust"),
    ("fe_country_cluster_two_terms", "world",
     "regress life_expectancy on log(gdp_per_capita), tertiary_enrollment with country effects cluster by country"),
    ("fe_twoway_cluster", "world",
     "regress life_expectancy on log(gdp_per_capita), tertiary_enrollment with country and year effects cluster by country"),
    ("pooled_cluster_region", "world",
     "regress rnd on log(gdp_per_capita) cluster by region"),
    ("fe_country_cluster_income", "world",
     "regress rnd on log(gdp_per_capita) with country effects cluster by income_group"),
    ("growth_on_lag", "world",
     "regress growth(gdp_per_capita_ppp) on lag(rnd) with country effects cluster by country"),
    ("eu_decade", "world",
     "regress life_expectancy on log(gdp_per_capita) with country effects cluster by country where eu during 2010..2019"),
    ("singletons", "world",
     "regress researchers on rnd with country effects"),
    ("fe_country_cluster_region_not_nested", "world",
     "regress life_expectancy on log(population) with country effects cluster by region"),
    ("constant_within_country", "world",
     "regress life_expectancy on log(gdp_per_capita), at(rnd, 2010) with country effects"),
    ("oecd_balanced_twoway", "world",
     "regress life_expectancy on log(gdp_per_capita_ppp) with country and year effects where oecd during 2000..2019"),
    ("ext_twoway_cluster", "extended",
     "regress co2_per_capita on log(gdp_per_capita_ppp), urban_pct with country and year effects cluster by country"),
    ("ext_gini_singletons", "extended",
     "regress gini on log(gdp_per_capita_ppp) with country effects cluster by country"),
    ("ext_growth_lag_robust", "extended",
     "regress gdp_growth on lag(investment_pct_gdp) with country and year effects robust during 1990..2019"),
    ("ext_year_cluster", "extended",
     "regress inflation on unemployment with year effects cluster by country"),
]

# Agreement required between pyfixest and the hand computation.
TOLERANCE = 1e-10
# pyfixest's MAP demeaning tolerance (its default, 1e-6, is too loose for
# two-way references).
DEMEANER = MapDemeaner(fixef_tol=1e-12, fixef_maxiter=100_000)

# ---------------------------------------------------------------------------
# Statements


STATEMENT = re.compile(
    r"^regress (?P<response>.+?) on (?P<regressors>.+?)"
    r"(?: with (?P<effects>country|year|country and year) effects)?"
    r"(?: (?P<robust>robust)| cluster by (?P<cluster>\w+))?"
    r"(?: where (?P<where>\w+))?"
    r"(?: during (?P<first>\d{4})\.\.(?P<last>\d{4}))?$"
)


def split_top_level(text):
    """'a, f(b, 1), c' -> ['a', 'f(b, 1)', 'c']."""
    parts, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        depth += ch == "("
        depth -= ch == ")"
        if ch == "," and depth == 0:
            parts.append(text[start:i].strip())
            start = i + 1
    parts.append(text[start:].strip())
    return parts


def parse(statement):
    m = STATEMENT.match(statement)
    if not m:
        raise ValueError(f"cannot parse {statement!r}")
    effects = {None: [], "country": ["iso3"], "year": ["year"], "country and year": ["iso3", "year"]}[m["effects"]]
    se_type = "robust" if m["robust"] else "cluster" if m["cluster"] else "classical"
    return {
        "response": m["response"],
        "regressors": split_top_level(m["regressors"]),
        "effects": effects,
        "se_type": se_type,
        "cluster": m["cluster"],
        "where": m["where"],
        "during": (int(m["first"]), int(m["last"])) if m["first"] else None,
    }


# ---------------------------------------------------------------------------
# Data: every variable as a frame of countries (rows) × years (columns)


def read_csv(*parts):
    return pd.read_csv(os.path.join(ROOT, "Data", *parts), keep_default_na=False, na_values=[""])


class Dataset:
    def __init__(self, name):
        countries = pd.read_csv(os.path.join(ROOT, "Data", "world", "countries.csv"), keep_default_na=False, dtype=str)
        self.countries = countries.set_index("iso3").sort_index()
        folder = "world" if name == "world" else "world-extended"
        obs = read_csv(folder, "observations.csv")
        obs = obs[obs["iso3"].isin(set(self.countries.index))]
        self.years = list(range(int(obs["year"].min()), int(obs["year"].max()) + 1))
        self.grid = {}
        for indicator, rows in obs.groupby("indicator"):
            wide = rows.pivot(index="iso3", columns="year", values="value")
            self.grid[indicator] = wide.reindex(index=self.countries.index, columns=self.years).astype(float)
        memberships = pd.read_csv(os.path.join(ROOT, "Data", "world", "memberships.csv"), keep_default_na=False, dtype=str)
        self.memberships = memberships

    def member(self, group):
        """True where the country is a member of `group` (EU, OECD, ...) that year."""
        frame = pd.DataFrame(False, index=self.countries.index, columns=self.years)
        for _, row in self.memberships[self.memberships["group"] == group.upper()].iterrows():
            if row["iso3"] not in frame.index:
                continue
            start = int(row["from_year"]) if row["from_year"] else -math.inf
            end = int(row["to_year"]) if row["to_year"] else math.inf
            for year in self.years:
                if start <= year < end:
                    frame.at[row["iso3"], year] = True
        return frame

    def attribute(self, name):
        """A country attribute as a frame of strings (None = missing)."""
        if name == "country":
            return pd.DataFrame({y: self.countries.index.to_series() for y in self.years})
        if name == "income_group":
            values = self.countries["income_group"].where(self.countries["income_group"] != "", None)
            return pd.DataFrame({y: values for y in self.years}, dtype=object)
        if name == "region":
            eu, cis = self.member("eu"), self.member("cis")
            wb = self.countries["wb_region"]
            frame = pd.DataFrame({y: wb for y in self.years}, dtype=object)
            frame = frame.mask(cis, "CIS").mask(eu, "EU")
            return frame
        raise ValueError(name)

    def evaluate(self, text):
        """log(x), lag(x), growth(x), at(x, Y) and indicators."""
        text = text.strip()
        if "(" not in text:
            return self.grid[text]
        name, rest = text.split("(", 1)
        args = split_top_level(rest[:-1])
        x = self.evaluate(args[0])
        if name == "log":
            return x.where(x > 0).apply(np.log)
        if name == "lag":
            return x.shift(1, axis=1)
        if name == "growth":
            base = x.shift(1, axis=1)
            return (100 * (x / base.where(base != 0) - 1))
        if name == "at":
            year = int(args[1])
            return pd.DataFrame({y: x[year] for y in self.years}, index=x.index)
        raise ValueError(text)

    def long(self, frame):
        """countries × years -> one value per (iso3, year), countries major."""
        return frame.reindex(index=self.countries.index, columns=self.years).to_numpy().ravel()


# ---------------------------------------------------------------------------
# Sample


def build_sample(data, spec):
    """Steps 1–5. Returns the sample (columns iso3, year, y, x1.., cl) and counts."""
    iso3 = np.repeat(data.countries.index.to_numpy(), len(data.years))
    year = np.tile(np.array(data.years), len(data.countries))
    frame = pd.DataFrame({"iso3": iso3, "year": year})
    frame["y"] = data.long(data.evaluate(spec["response"]))
    xs = [f"x{i + 1}" for i in range(len(spec["regressors"]))]
    for name, term in zip(xs, spec["regressors"]):
        frame[name] = data.long(data.evaluate(term))
    if spec["cluster"]:
        frame["cl"] = data.long(data.attribute(spec["cluster"]))
    # 1. scope
    keep = np.ones(len(frame), dtype=bool)
    if spec["during"]:
        first, last = spec["during"]
        keep &= (frame["year"] >= first).to_numpy() & (frame["year"] <= last).to_numpy()
    if spec["where"]:
        keep &= data.long(data.member(spec["where"])).astype(bool)
    frame = frame[keep]
    # 2. listwise
    frame = frame.dropna(subset=["y"] + xs)
    # 3. cluster variable
    if spec["cluster"]:
        frame = frame[frame["cl"].notna()]
    # 4. singletons
    before = len(frame)
    while spec["effects"]:
        single = np.zeros(len(frame), dtype=bool)
        for fe in spec["effects"]:
            single |= (frame.groupby(fe)["y"].transform("size") == 1).to_numpy()
        if not single.any():
            break
        frame = frame[~single]
    dropped_singletons = before - len(frame)
    # 5. groups without variation (one-way effects)
    before = len(frame)
    if len(spec["effects"]) == 1:
        fe = spec["effects"][0]
        constant = frame.groupby(fe)[["y"] + xs].transform("nunique").eq(1).all(axis=1)
        frame = frame[~constant.to_numpy()]
    dropped_constant = before - len(frame)
    frame = frame.sort_values(["iso3", "year"]).reset_index(drop=True)
    return frame, xs, dropped_singletons, dropped_constant


def connected_components(frame):
    """Components of the bipartite country–year graph of the sample."""
    parent = {}

    def find(a):
        while parent.setdefault(a, a) != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    for c, y in zip(frame["iso3"], frame["year"]):
        parent[find(("c", c))] = find(("y", y))
    return len({find(k) for k in list(parent)})


# ---------------------------------------------------------------------------
# Estimation: pyfixest, and the same by hand


def fit_pyfixest(frame, xs, spec):
    rhs = " + ".join(xs)
    formula = f"y ~ {rhs}" + (f" | {' + '.join(spec['effects'])}" if spec["effects"] else "")
    vcov = {"classical": "iid", "robust": "hetero", "cluster": {"CRV1": "cl"}}[spec["se_type"]]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        fit = pf.feols(formula, data=frame, vcov=vcov, fixef_rm="none", demeaner=DEMEANER)
    tidy = fit.tidy()
    return {
        "names": list(tidy.index),
        "estimate": tidy["Estimate"].to_numpy(float),
        "se": tidy["Std. Error"].to_numpy(float),
        "t": tidy["t value"].to_numpy(float),
        # pyfixest's own p is 2 * (1 - cdf(|t|)), which cancels to 0 below
        # about 1e-16; the reference p is the same from the upper tail.
        "p": 2 * stats.t.sf(np.abs(tidy["t value"].to_numpy(float)), int(fit._df_t)),
        "p_pyfixest": tidy["Pr(>|t|)"].to_numpy(float),
        "n": int(fit._N),
        "df": int(fit._df_t),
        "dof_k": int(fit._df_k),
        "r2": float(fit._r2),
        "r2_within": float(fit._r2_within) if spec["effects"] else None,
        "omitted": list(fit._collin_vars),
    }


def dummies(frame, effects):
    """Explicit dummy columns: every country, and years but the first when
    there is also a country effect (pooled: an intercept)."""
    cols = []
    for i, fe in enumerate(effects):
        levels = sorted(frame[fe].unique())
        if i > 0:
            levels = levels[1:]
        codes = frame[fe].to_numpy()
        cols += [(codes == level).astype(float) for level in levels]
    if not effects:
        cols = [np.ones(len(frame))]
    return np.column_stack(cols)


def residualize(D, v):
    coef, *_ = np.linalg.lstsq(D, v, rcond=None)
    return v - D @ coef


def fit_by_hand(frame, xs, spec):
    """The conventions of the header, with numpy: exact LSDV (no iteration)."""
    n = len(frame)
    D = dummies(frame, spec["effects"])
    y = frame["y"].to_numpy(float)
    y_t = residualize(D, y)
    X_t, kept = [], []
    for name in xs:
        x_t = residualize(D, frame[name].to_numpy(float))
        # collinear with the effects (and the regressors kept so far)?
        if X_t:
            x_t = residualize(np.column_stack(X_t), x_t)
        if np.sum(x_t**2) <= 1e-9 * np.sum(frame[name].to_numpy(float) ** 2):
            continue
        X_t.append(residualize(D, frame[name].to_numpy(float)))
        kept.append(name)
    X_t = np.column_stack(X_t)
    beta = np.linalg.solve(X_t.T @ X_t, X_t.T @ y_t)
    u = y_t - X_t @ beta
    rss = float(u @ u)
    k = len(kept)
    levels = [frame[fe].nunique() for fe in spec["effects"]]
    if spec["effects"]:
        k_all = k + sum(levels) - (len(levels) - 1)
    else:
        k_all = k + 1  # the intercept
    bread = np.linalg.inv(X_t.T @ X_t)
    G_c = None
    if spec["se_type"] == "classical":
        V = rss / (n - k_all) * bread
        df, dof_k = n - k_all, k_all
    elif spec["se_type"] == "robust":
        meat = (X_t * u[:, None] ** 2).T @ X_t
        V = n / (n - k_all) * bread @ meat @ bread
        df, dof_k = n - k_all, k_all
    else:
        cl = frame["cl"].to_numpy()
        clusters = sorted(set(cl))
        G_c = len(clusters)
        scores = np.vstack([(X_t[cl == g] * u[cl == g, None]).sum(axis=0) for g in clusters])
        meat = scores.T @ scores
        nested = [frame.groupby(fe)["cl"].nunique().max() == 1 for fe in spec["effects"]]
        if spec["effects"]:
            k_c = k + sum(1 if is_nested else L for is_nested, L in zip(nested, levels)) - (len(levels) - 1)
        else:
            k_c = k_all
        V = G_c / (G_c - 1) * (n - 1) / (n - k_c) * bread @ meat @ bread
        df, dof_k = G_c - 1, k_c
    se = np.sqrt(np.diag(V))
    t = beta / se
    p = 2 * stats.t.sf(np.abs(t), df)
    tss = float(np.sum((y - y.mean()) ** 2))
    names = kept
    if not spec["effects"]:
        # the intercept by hand: ȳ − x̄'β, its variance from the full design
        Xf = np.column_stack([np.ones(n)] + [frame[c].to_numpy(float) for c in kept])
        bf = np.linalg.lstsq(Xf, y, rcond=None)[0]
        assert np.allclose(bf[1:], beta, rtol=1e-10, atol=0)
        Bf = np.linalg.inv(Xf.T @ Xf)
        if spec["se_type"] == "classical":
            Vf = rss / (n - k_all) * Bf
        elif spec["se_type"] == "robust":
            Vf = n / (n - k_all) * Bf @ ((Xf * u[:, None] ** 2).T @ Xf) @ Bf
        else:
            sc = np.vstack([(Xf[cl == g] * u[cl == g, None]).sum(axis=0) for g in clusters])
            Vf = G_c / (G_c - 1) * (n - 1) / (n - k_c) * Bf @ (sc.T @ sc) @ Bf
        sef = np.sqrt(np.diag(Vf))
        beta, se = bf, sef
        t = beta / se
        p = 2 * stats.t.sf(np.abs(t), df)
        names = ["Intercept"] + kept
    return {
        "names": names,
        "estimate": beta, "se": se, "t": t, "p": p,
        "n": n, "df": int(df), "dof_k": int(dof_k), "clusters": G_c,
        "r2": 1 - rss / tss,
        "r2_within": 1 - rss / float(y_t @ y_t) if spec["effects"] else None,
    }


def relative(a, b):
    if a == b:
        return 0.0
    return abs(a - b) / max(abs(a), abs(b))


def check_agreement(case_id, fixest, hand):
    assert fixest["names"] == hand["names"], (case_id, fixest["names"], hand["names"])
    for key in ("n", "df", "dof_k"):
        assert fixest[key] == hand[key], (case_id, key, fixest[key], hand[key])
    assert np.allclose(fixest["p"], fixest["p_pyfixest"], rtol=0, atol=1e-14), case_id
    worst = 0.0
    for key in ("estimate", "se", "t", "p"):
        for a, b in zip(fixest[key], hand[key]):
            worst = max(worst, relative(float(a), float(b)))
    for key in ("r2", "r2_within"):
        if fixest[key] is not None:
            worst = max(worst, relative(fixest[key], hand[key]))
    if worst > TOLERANCE:
        raise AssertionError(f"{case_id}: pyfixest and the hand computation differ by {worst:.3g} relative")
    return worst


# ---------------------------------------------------------------------------


def reference(case_id, dataset, statement, data):
    spec = parse(statement)
    frame, xs, dropped_singletons, dropped_constant = build_sample(data, spec)
    if len(spec["effects"]) == 2:
        assert connected_components(frame) == 1, f"{case_id}: the two-way panel is not connected"
    fixest = fit_pyfixest(frame, xs, spec)
    hand = fit_by_hand(frame, xs, spec)
    worst = check_agreement(case_id, fixest, hand)
    term = dict(zip(xs, spec["regressors"]))
    term["Intercept"] = "(Intercept)"
    coefficients = [
        {"term": term[name], "estimate": float(e), "se": float(s), "t": float(t), "p": float(p)}
        for name, e, s, t, p in zip(fixest["names"], fixest["estimate"], fixest["se"], fixest["t"], fixest["p"])
    ]
    groups = {
        "country": int(frame["iso3"].nunique()) if "iso3" in spec["effects"] else None,
        "year": int(frame["year"].nunique()) if "year" in spec["effects"] else None,
    }
    result = {
        "id": case_id,
        "dataset": dataset,
        "statement": statement,
        "n": fixest["n"],
        "groups": groups,
        "clusters": int(frame["cl"].nunique()) if spec["cluster"] else None,
        "se_type": spec["se_type"],
        "df": fixest["df"],
        "dof_k": fixest["dof_k"],
        "dropped_singletons": int(dropped_singletons),
        "dropped_constant": int(dropped_constant),
        "coefficients": coefficients,
        "omitted": [term[name] for name in fixest["omitted"]],
        "r2": fixest["r2"],
        "r2_within": fixest["r2_within"],
    }
    assert result["clusters"] == hand["clusters"]
    return result, worst


def cross_check_with_r(results):
    """Run make_panel_references.R (if R is there) and compare."""
    if shutil.which("Rscript") is None:
        print("Rscript not found: R cross-check skipped")
        return None
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "r.csv")
        run = subprocess.run(["Rscript", R_SCRIPT, out], cwd=ROOT, capture_output=True, text=True)
        if run.returncode != 0:
            print("R cross-check failed to run:\n" + run.stderr)
            return None
        r = pd.read_csv(out, keep_default_na=False, na_values=["NA"])
    worst = {}  # field -> (relative disagreement, case, term)

    def note(field, d, case_id, term):
        if d >= worst.get(field, (-1.0,))[0]:
            worst[field] = (d, case_id, term)

    mismatches = []
    for case in results:
        rows = r[r["id"] == case["id"]]
        get = {(row.term, row.field): row.value for row in rows.itertuples()}
        for field in ("n", "df", "dof_k", "dropped_singletons", "dropped_constant", "clusters"):
            mine = case[field]
            theirs = get.get(("", field))
            theirs = None if theirs is None or pd.isna(theirs) else int(theirs)
            if mine != theirs:
                mismatches.append((case["id"], field, mine, theirs))
        for dim in ("country", "year"):
            theirs = get.get(("", f"groups_{dim}"))
            theirs = None if theirs is None or pd.isna(theirs) else int(theirs)
            if case["groups"][dim] != theirs:
                mismatches.append((case["id"], f"groups.{dim}", case["groups"][dim], theirs))
        omitted = sorted(t for (t, f), v in get.items() if f == "omitted")
        if omitted != sorted(case["omitted"]):
            mismatches.append((case["id"], "omitted", case["omitted"], omitted))
        terms = sorted(t for (t, f), v in get.items() if f == "estimate")
        if terms != sorted(c["term"] for c in case["coefficients"]):
            mismatches.append((case["id"], "terms", [c["term"] for c in case["coefficients"]], terms))
        for c in case["coefficients"]:
            for field in ("estimate", "se", "t", "p"):
                theirs = get.get((c["term"], field))
                if theirs is not None:
                    note(field, relative(c[field], float(theirs)), case["id"], c["term"])
        for field in ("r2", "r2_within"):
            if case[field] is not None:
                note(field, relative(case[field], float(get[("", field)])), case["id"], "")
    for m in mismatches:
        print("R disagrees:", m)
    print(f"R cross-check: {len(mismatches)} mismatches in counts, terms or omitted terms; "
          "largest relative disagreement with R, by field:")
    for field, (d, case_id, term) in worst.items():
        print(f"  {field:10} {d:.2g}  ({case_id} {term})")
    return worst, mismatches


def main():
    loaded = {}
    results = []
    worst_hand = 0.0
    for case_id, dataset, statement in CASES:
        if dataset not in loaded:
            loaded[dataset] = Dataset(dataset)
        result, worst = reference(case_id, dataset, statement, loaded[dataset])
        worst_hand = max(worst_hand, worst)
        results.append(result)
        first = [c for c in result["coefficients"] if c["term"] != "(Intercept)"][0]
        print(f"{case_id:38} n={result['n']:5} G={result['groups']['country']} T={result['groups']['year']} "
              f"Gc={result['clusters']} df={result['df']} drop={result['dropped_singletons']}/{result['dropped_constant']} "
              f"{first['term']}={first['estimate']:.6g} ({first['se']:.4g})")
    print(f"pyfixest vs. numpy by hand: largest relative difference {worst_hand:.3g}")
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w") as f:
        json.dump(results, f, indent=2, allow_nan=False)
        f.write("\n")
    if "--no-r" not in sys.argv:
        cross_check_with_r(results)


if __name__ == "__main__":
    main()
