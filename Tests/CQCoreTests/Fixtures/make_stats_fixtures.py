#!/usr/bin/env python3
"""Regenerate the expected values pasted into cq's statistics tests.

    python3 Tests/CQCoreTests/Fixtures/make_stats_fixtures.py [section]

Sections: distributions, correlation, confidence, summary (default: all). Each prints Swift
table rows to stdout; paste them over the matching table in
DistributionsTests.swift, CorrelationTests.swift or SummaryTests.swift.

Where each number comes from
----------------------------
* distributions: mpmath at 50 significant digits, evaluated at exactly the
  binary64 arguments the Swift tests use (mpf(float) is exact). SciPy's value is
  printed in a trailing comment for comparison; it is not the reference.
* correlation: R's cor.test() (R 4.2.2 from Debian, run through Rscript) for r,
  the statistic, df, the p-value and the Fisher-z interval; R is the reference
  because cq follows R's choice of p-value method (exact Spearman for n <= 9,
  AS 89 Edgeworth series for 10 <= n <= 1290, exact Kendall for n < 50, all
  without ties). SciPy's pearsonr / spearmanr / kendalltau (and an exhaustive
  permutation_test for small-n Spearman) are printed alongside whenever SciPy
  uses the same method, so the tests check both sources.
* summary: numpy.percentile(method="linear") (= R quantile type 7) and R's
  quantile(type = 7); NIST StRD certified values are read from
  Fixtures/strd/*.json (NIST's files, copied verbatim).

Tested with Python 3.11, SciPy 1.17.1, NumPy 2.4, mpmath 1.3.0, R 4.2.2.
"""

import json
import math
import os
import subprocess
import tempfile
import sys

import mpmath as mp
import numpy as np
from scipy import stats

mp.mp.dps = 50

# NIST StRD files with their certified values; override with STRD_DIR=...
STRD = os.environ.get("STRD_DIR", os.path.join(os.path.dirname(os.path.abspath(__file__)), "strd"))


def lit(v):
    """A Swift Double literal that parses to exactly the binary64 value v."""
    v = float(v)
    if math.isinf(v):
        return ".infinity" if v > 0 else "-.infinity"
    return repr(v)


def mpf_lit(v):
    return lit(float(v)) if v != 0 else "0.0"


# --------------------------------------------------------------------------
# Distributions
# --------------------------------------------------------------------------

def t_two_sided(t, df):
    """I_x(df/2, 1/2) with x = df/(df + t^2).

    mpmath's betainc gives up on a few far tails (p < 1e-300 with df >= 1e4);
    there the equivalent DLMF 8.17.8 form x^a y^b/(a B(a,b)) 2F1(a+b, 1; a+1; x)
    is used instead. Both forms agree to 45+ digits wherever both converge.
    """
    t = mp.mpf(t)
    df = mp.mpf(df)
    x = df / (df + t * t)
    y = t * t / (df + t * t)
    a, b = df / 2, mp.mpf(1) / 2
    try:
        return mp.betainc(a, b, 0, x, regularized=True)
    except ValueError:
        pass
    try:
        with mp.workdps(80):
            return mp.power(x, a) * mp.power(y, b) / (a * mp.beta(a, b)) * mp.hyp2f1(a + b, 1, a + 1, x, maxterms=10**7)
    except ValueError:
        # Both fail only far below 1e-300 (e.g. t = 40, df = 1e6: p ~ 1e-349). A
        # rough quadrature is enough to confirm that and drop the case.
        c = mp.exp(mp.loggamma((df + 1) / 2) - mp.loggamma(df / 2)) / mp.sqrt(df * mp.pi)
        rough = 2 * mp.quad(lambda u: c * mp.power(1 + u * u / df, -(df + 1) / 2), [t, t + 1, mp.inf])
        assert rough < mp.mpf("1e-290"), (t, df, rough)
        return rough


def beta_reference(a, b, x):
    """I_x(a, b) by mpmath's betainc, or by DLMF 8.17.8 where betainc gives up."""
    a, b, x = mp.mpf(a), mp.mpf(b), mp.mpf(x)  # exact for floats; keeps mpf arguments as they are
    try:
        return mp.betainc(a, b, 0, x, regularized=True)
    except ValueError:
        with mp.workdps(80):
            return mp.power(x, a) * mp.power(1 - x, b) / (a * mp.beta(a, b)) * mp.hyp2f1(a + b, 1, a + 1, x, maxterms=10**7)


def distributions():
    print("// ---- DistributionsTests: Student t two-sided p (mpmath 50 digits) ----")
    dfs = [1, 2, 3, 5, 8, 10, 30, 100, 1000, 1e4, 1e6]
    ts = [0.001, 0.5, 1.96, 2.5, 5.5791, 10, 40, 100, 1000]
    for df in dfs:
        for t in ts:
            p = t_two_sided(t, df)
            if p < mp.mpf("1e-300"):
                continue
            sp = 2 * stats.t.sf(t, df)
            print(f"        .init(t: {lit(t)}, df: {lit(df)}, p: {mpf_lit(p)}),  // scipy {sp!r}")
    print("// underflow (true p < 1e-300):")
    for df, t in [(1e6, 1000.0), (100, 1e3)]:
        p = t_two_sided(t, df)
        print(f"//   t = {t}, df = {df}: p = {mp.nstr(p, 5)}")

    print("// ---- Student t CDF ----")
    for t, df in [(-40, 3), (-2, 5), (0, 7), (1.5, 12), (3, 1e6), (-1000, 2), (-5.5791, 8), (0.25, 1)]:
        p = t_two_sided(abs(t), df) / 2
        cdf = p if t < 0 else 1 - p
        print(f"        .init(t: {lit(t)}, df: {lit(df)}, cdf: {mpf_lit(cdf)}),  // scipy {stats.t.cdf(t, df)!r}")

    print("// ---- normal CDF ----")
    for z in [-37.5, -30.0, -20.0, -10.0, -8.5, -8.0, -7.9, -5.0, -3.0, -1.96, -1.0, -0.1,
              0.5, 1.6448536269514722, 3.0, 8.0, 9.0]:
        print(f"        .init(z: {lit(z)}, cdf: {mpf_lit(mp.ncdf(z))}),  // scipy {stats.norm.cdf(z)!r}")

    print("// ---- normal quantile (mpmath root of ncdf(x) = p) ----")
    for p in [1e-300, 1e-100, 1e-20, 1e-10, 1e-5, 0.001, 0.025, 0.05, 0.075, 0.08, 0.3, 0.6,
              0.925, 0.975, 0.999, 0.9999999999]:
        pm = mp.mpf(p)
        guess = mp.mpf(stats.norm.ppf(p))
        q = mp.findroot(lambda x: mp.ncdf(x) - pm, guess, tol=mp.mpf(10) ** -45)
        print(f"        .init(p: {lit(p)}, z: {mpf_lit(q)}),  // scipy {stats.norm.ppf(p)!r}")

    print("// ---- chi-squared survival ----")
    for x, df in [(0.5, 1), (3.84, 1), (10, 2), (100, 10), (1000, 100), (50, 3), (1e4, 1e4),
                  (1.1e4, 1e4), (1300, 2), (0.001, 5)]:
        q = mp.gammainc(mp.mpf(df) / 2, mp.mpf(x) / 2, mp.inf, regularized=True)
        print(f"        .init(x: {lit(x)}, df: {lit(df)}, q: {mpf_lit(q)}),  // scipy {stats.chi2.sf(x, df)!r}")

    print("// ---- F survival ----")
    for f, d1, d2 in [(1, 1, 1), (4.96, 1, 10), (3.5, 3, 20), (100, 2, 50), (0.5, 10, 10), (2, 30, 40),
                      (1.2, 200, 300), (10, 5, 1000), (1000, 4, 8), (0.01, 3, 3),
                      (4.0, 1, 1e6), (30.0, 1, 1e6), (3.0, 2, 1e5), (2.0, 3, 1e5), (2.5, 5, 1e4), (1.5, 3, 1e6),
                      (12.0, 4, 2e5)]:
        x = mp.mpf(d2) / (d2 + mp.mpf(d1) * f)
        q = beta_reference(mp.mpf(d2) / 2, mp.mpf(d1) / 2, x)
        print(f"        .init(f: {lit(f)}, d1: {lit(d1)}, d2: {lit(d2)}, q: {mpf_lit(q)}),  // scipy {stats.f.sf(f, d1, d2)!r}")

    print("// ---- regularized incomplete beta ----")
    from scipy import special
    for a, b, x in [(0.5, 0.5, 0.3), (2, 3, 0.4), (10, 10, 0.5), (1, 1, 0.25), (0.1, 5, 0.01),
                    (50, 60, 0.4), (200, 0.5, 0.99), (5e5, 0.5, 0.999999), (1000, 1000, 0.45),
                    (1e-3, 1e-3, 0.5), (30, 20, 0.01), (2, 800, 0.001), (20, 20, 0.9), (0.5, 30, 0.2),
                    (1e4, 1e4, 0.49), (15, 3, 0.98)]:
        v = beta_reference(a, b, x)
        print(f"        .init(a: {lit(a)}, b: {lit(b)}, x: {lit(x)}, value: {mpf_lit(v)}),  // scipy {special.betainc(a, b, x)!r}")

    print("// ---- regularized gamma P and Q ----")
    for a, x in [(0.5, 0.1), (1, 1), (5, 2), (10, 15), (100, 90), (100, 120), (1e4, 9e3), (0.01, 0.5),
                 (20, 1), (3, 40), (1e4, 1.05e4)]:
        pv = mp.gammainc(a, 0, x, regularized=True)
        qv = mp.gammainc(a, x, mp.inf, regularized=True)
        print(f"        .init(a: {lit(a)}, x: {lit(x)}, p: {mpf_lit(pv)}, q: {mpf_lit(qv)}),"
              f"  // scipy {special.gammainc(a, x)!r} {special.gammaincc(a, x)!r}")


# --------------------------------------------------------------------------
# Correlation
# --------------------------------------------------------------------------

def permuted(n, step=37, modulus=None):
    """The permutation i -> (i * step) mod (n + 1) of 1...n; n + 1 must be prime.

    CorrelationTests builds the same data with the same integer arithmetic.
    """
    m = modulus or n + 1
    return [float((i * step) % m) for i in range(1, n + 1)]


def correlation_cases():
    rng = np.random.default_rng(20240611)
    cases = []
    comp = [5.9, 5.5, 5, 4.6, 4.6, 5.7, 5.5, 5.2, 5.2, 5.9]
    innov = [61.4, 54.72, 52.54, 38.76, 23.72, 58.39, 60.89, 53.1, 54.18, 67.69]
    cases.append(("paper", comp, innov))
    cases.append(("euSubset", [5.7, 5.5, 5.2, 5.2], [58.39, 60.89, 53.1, 54.18]))
    cases.append(("ties", [1, 2, 2, 3, 4, 4, 4, 5], [2, 1, 3, 3, 5, 4, 6, 6]))
    cases.append(("three", [1, 2, 3], [1, 3, 2]))
    cases.append(("negative", [1, 2, 3, 4, 5, 6, 7, 8], [9.1, 8.7, 7.2, 7.9, 5.0, 4.4, 4.9, 2.3]))
    cases.append(("perfect", [1, 2, 3, 4, 5], [2, 4, 6, 8, 10]))
    cases.append(("perfectNegative", [1, 2, 3, 4, 5, 6], [10, 8.5, 7, 5.5, 4, 2.5]))
    offset = [1e9 + v for v in [0.125, 0.5, 0.25, 1.0, 0.875, 1.5, 1.25, 2.0, 1.75, 2.5]]
    offsetY = [3.0, 3.5, 2.75, 4.25, 4.0, 5.5, 4.5, 6.0, 6.25, 6.5]
    cases.append(("offset1e9", offset, offsetY))
    cases.append(("nine", [3.1, 1.2, 4.4, 1.5, 5.9, 2.6, 5.3, 5.8, 9.7], [2.7, 1.8, 2.8, 1.9, 8.4, 5.9, 0.4, 5.2, 3.5]))
    x12 = [round(v, 2) for v in rng.normal(50, 10, 12)]
    y12 = [round(0.4 * a + b, 2) for a, b in zip(x12, rng.normal(0, 6, 12))]
    cases.append(("twelve", x12, y12))
    # forty and sixty are drawn until free of ties: exact Kendall for n = 40
    # (SciPy's default would switch to the normal approximation above n = 33),
    # the Edgeworth series and Kendall's untied normal approximation for 60.
    while True:
        x40 = [round(v, 3) for v in rng.normal(0, 1, 40)]
        y40 = [round(0.3 * a + b, 3) for a, b in zip(x40, rng.normal(0, 1, 40))]
        if len(set(x40)) == 40 and len(set(y40)) == 40:
            break
    cases.append(("forty", x40, y40))
    while True:
        x60 = [round(v, 3) for v in rng.lognormal(2, 1, 60)]
        y60 = [round(math.log(a) * 0.5 + b, 3) for a, b in zip(x60, rng.normal(0, 1, 60))]
        if len(set(x60)) == 60 and len(set(y60)) == 60:
            break
    cases.append(("sixty", x60, y60))
    x20 = [float(v) for v in rng.integers(1, 6, 20)]
    y20 = [float(v) for v in rng.integers(1, 5, 20)]
    cases.append(("likert", x20, y20))
    x50 = [round(v, 2) for v in rng.normal(10, 3, 50)]
    y50 = [round(2 * a + b, 2) for a, b in zip(x50, rng.normal(0, 0.5, 50))]
    cases.append(("strong", x50, y50))
    cases.append(("twoPairs", [1.5, 2.5], [4.0, 3.0]))
    cases.append(("weak", [1, 2, 3, 4, 5, 6, 7], [3, 1, 4, 1.5, 5, 9, 2.6]))
    cases.append(("large", [float(i) for i in range(1, 1301)], permuted(1300)))
    return cases


def run_rscript(source):
    """Run R code from a temporary file (Rscript -e truncates long programs)."""
    with tempfile.NamedTemporaryFile("w", suffix=".R", delete=False) as fh:
        fh.write(source)
        path = fh.name
    try:
        return subprocess.run(["Rscript", path], capture_output=True, text=True, check=True)
    finally:
        os.unlink(path)


def run_r(cases):
    """cor.test for every case and method through one Rscript call."""
    lines = ["options(warn = -1)", "f <- function(v) sprintf('%.17g', v)"]
    for name, x, y in cases:
        xs = ",".join(repr(float(v)) for v in x)
        ys = ",".join(repr(float(v)) for v in y)
        lines.append(f"x <- c({xs}); y <- c({ys})")
        for method in ["pearson", "spearman", "kendall"]:
            lines.append(
                "res <- tryCatch(cor.test(x, y, method = '%s'), error = function(e) NULL)\n"
                "if (is.null(res)) cat('%s %s NULL\\n') else "
                "cat('%s %s', f(res$estimate), names(res$statistic), f(res$statistic), "
                "if (is.null(res$parameter)) 'NA' else f(res$parameter), f(res$p.value), "
                "if (is.null(res$conf.int)) 'NA NA' else paste(f(res$conf.int), collapse = ' '), '\\n')"
                % (method, name, method, name, method))
    out = run_rscript("\n".join(lines))
    results = {}
    for line in out.stdout.splitlines():
        parts = line.split()
        if not parts:
            continue
        results[(parts[0], parts[1])] = parts[2:]
    return results


def spearman_rho(x, y):
    return stats.spearmanr(x, y).statistic


def scipy_reference(name, method, x, y):
    """(r, p, ciLow, ciHigh) from SciPy when SciPy uses the method cq (and R) use; else None."""
    n = len(x)
    ties = len(set(x)) < n or len(set(y)) < n
    if n < 3:
        return None
    if method == "pearson":
        res = stats.pearsonr(x, y)
        ci = res.confidence_interval(0.95) if n > 3 else None
        return (res.statistic, res.pvalue, ci.low if ci else None, ci.high if ci else None, "pearsonr")
    if method == "spearman":
        if ties or n > 1290:
            res = stats.spearmanr(x, y)  # t approximation, as R with ties or n > 1290
            return (res.statistic, res.pvalue, None, None, "spearmanr (t)")
        if n <= 9:
            res = stats.permutation_test((x,), lambda a: spearman_rho(a, y), permutation_type="pairings",
                                         n_resamples=np.inf, alternative="two-sided")
            return (spearman_rho(x, y), res.pvalue, None, None, "permutation_test (exhaustive)")
        return None  # R uses the AS 89 Edgeworth series; SciPy has no counterpart
    if method == "kendall":
        if not ties and n < 50:
            res = stats.kendalltau(x, y, method="exact")
            return (res.statistic, res.pvalue, None, None, "kendalltau exact")
        res = stats.kendalltau(x, y, method="asymptotic")
        return (res.statistic, res.pvalue, None, None, "kendalltau asymptotic")
    return None


def opt(v):
    return "nil" if v is None or (isinstance(v, float) and math.isnan(v)) else lit(v)


def r_opt(s):
    if s in ("NA", "NaN"):
        return "nil"
    v = float(s)
    return lit(v)


def expected_p_method(method, x, y):
    """The p-value method cq's rules (R's) choose; spelled as Swift."""
    n = len(x)
    ties = len(set(x)) < n or len(set(y)) < n
    if method == "pearson":
        return f".studentT(degreesOfFreedom: {n - 2})"
    if method == "spearman":
        if ties or n > 1290:
            return f".studentT(degreesOfFreedom: {n - 2})"
        return ".exact" if n <= 9 else ".edgeworth"
    if not ties and n < 50:
        return ".exact"
    return f".normalApproximation(tieCorrected: {'true' if ties else 'false'})"


def correlation():
    cases = correlation_cases()
    results = run_r(cases)
    print("// ---- CorrelationTests: data ----")
    for name, x, y in cases:
        if name == "large":
            print("    // large: x = 1...1300, y = (37 i) mod 1301, built in the test")
            continue
        print(f"    static let {name}: ([Double], [Double]) = (")
        print(f"        [{', '.join(lit(v) for v in x)}],")
        print(f"        [{', '.join(lit(v) for v in y)}])")
    print("// ---- CorrelationTests: expected (R cor.test; SciPy where the method matches) ----")
    for name, x, y in cases:
        n = len(x)
        if n < 3:
            print(f"        // {name}: n = {n}, tested on its own (R gives p = 1 for the rank methods, cq none)")
            continue
        for method in ["pearson", "spearman", "kendall"]:
            r = results.get((name, method))
            if r is None or r[0] == "NULL":
                print(f"        // {name} {method}: R refuses (too few observations)")
                continue
            est, stat_name, stat, df, p, lo, hi = r[:7]
            sp = scipy_reference(name, method, x, y)
            note = f"R {stat_name} = {stat}"
            statistic = r_opt(stat)
            if stat in ("Inf", "-Inf"):
                # |r| = 1: R's t is infinite; cq reports no statistic (.perfect).
                statistic = "nil"
            if method == "spearman":
                # R reports S; cq reports t = rho sqrt(df / (1 - rho^2)) like
                # Pearson's, evaluated here at 50 digits from R's rho. Where R's
                # rho is 1 - 2^-52 (perfect ranks, rounded), t is infinite.
                rho = mp.mpf(float(est))
                perfect = 1 - abs(rho) < mp.mpf("1e-14")
                statistic = "nil" if perfect else lit(rho * mp.sqrt((n - 2) / (1 - rho * rho)))
            p_lit = r_opt(p)
            if sp and abs(sp[0]) == 1.0 and abs(float(est)) != 1.0:
                # R's r rounds to 1 - 2^-52 here, so its t is finite and its t
                # p-value tiny but not 0; SciPy (and cq) get r = 1 exactly.
                note += "; R's r is 1 - 2^-52, its t and p are rounding artifacts"
                if method == "pearson":
                    statistic, p_lit = "nil", "nil"
            sp_fields = (f"scipyR: {opt(sp[0])}, scipyP: {opt(sp[1])}, scipyCILow: {opt(sp[2])}, "
                         f"scipyCIHigh: {opt(sp[3])}") if sp else "scipyR: nil, scipyP: nil, scipyCILow: nil, scipyCIHigh: nil"
            src = sp[4] if sp else "none (R's method only)"
            print(f"        .init(\"{name}\", .{method}, pMethod: {expected_p_method(method, x, y)},")
            print(f"              r: {r_opt(est)}, statistic: {statistic}, p: {p_lit}, ciLow: {r_opt(lo)}, ciHigh: {r_opt(hi)},")
            print(f"              {sp_fields}),")
            print(f"              // {note}; SciPy: {src}")


def confidence_levels():
    """Fisher-z intervals at other levels for the paper's data (R and SciPy)."""
    comp, innov = correlation_cases()[0][1:]
    xs = ",".join(repr(float(v)) for v in comp)
    ys = ",".join(repr(float(v)) for v in innov)
    levels = [0.99, 0.5]
    out = run_rscript(
        f"x <- c({xs}); y <- c({ys})\n"
        + "\n".join(f"cat(sprintf('%.17g', cor.test(x, y, conf.level = {c})$conf.int), '\\n')" for c in levels))
    print("// ---- CorrelationTests: other confidence levels (paper data) ----")
    for c, line in zip(levels, out.stdout.splitlines()):
        lo, hi = (float(v) for v in line.split())
        ci = stats.pearsonr(comp, innov).confidence_interval(c)
        print(f"        .init(confidence: {c!r}, low: {lit(lo)}, high: {lit(hi)}, scipyLow: {lit(ci.low)}, scipyHigh: {lit(ci.high)}),")


# --------------------------------------------------------------------------
# Summary
# --------------------------------------------------------------------------

def summary():
    print("// ---- SummaryTests: type-7 quantiles (numpy method='linear'; R quantile type 7) ----")
    samples = {
        "paperInnovation": [61.4, 54.72, 52.54, 38.76, 23.72, 58.39, 60.89, 53.1, 54.18, 67.69],
        "small": [3.0, 1.0, 2.0],
        "two": [10.0, -4.5],
        "one": [42.0],
        "ties": [1.0, 1.0, 2.0, 2.0, 2.0, 7.5, 7.5, 9.0],
        "negative": [-3.25, -1e-3, 4.5e6, -7.0e5, 12.0, 0.0, 3.3],
    }
    probs = [0.0, 0.1, 0.25, 0.5, 0.75, 0.9, 1.0, 1.0 / 3.0]
    r_lines = ["f <- function(v) sprintf('%.17g', v)"]
    for name, xs in samples.items():
        r_lines.append(f"cat('{name}', f(quantile(c({','.join(repr(v) for v in xs)}), "
                       f"c({','.join(repr(p) for p in probs)}), type = 7, names = FALSE)), "
                       f"f(mean(c({','.join(repr(v) for v in xs)}))), "
                       f"f(sd(c({','.join(repr(v) for v in xs)}))), '\\n')")
    out = run_rscript("\n".join(r_lines))
    r_rows = {line.split()[0]: line.split()[1:] for line in out.stdout.splitlines() if line.strip()}
    for name, xs in samples.items():
        q = np.percentile(np.array(xs), [p * 100 for p in probs], method="linear")
        rq = [float(v) for v in r_rows[name][: len(probs)]]
        sd = r_rows[name][len(probs) + 1]
        print(f"        .init(\"{name}\", [{', '.join(lit(v) for v in xs)}],")
        print(f"              r: [{', '.join(lit(v) for v in rq)}],")
        print(f"              numpy: [{', '.join(lit(v) for v in q)}],")
        print(f"              mean: {lit(float(r_rows[name][len(probs)]))}, sd: {r_opt(sd)}),")
    print(f"    // probabilities: [{', '.join(lit(p) for p in probs)}]")

    print("// ---- SummaryTests: NIST StRD univariate certified values ----")
    print("// exactMean / exactSD: the mean and sd of the binary64 data themselves, in exact")
    print("// rational arithmetic (Python fractions), rounded once to binary64.")
    from fractions import Fraction
    for name in ["NumAcc1", "NumAcc2", "NumAcc3", "NumAcc4", "Lew", "Mavro", "Michelso", "PiDigits", "Lottery"]:
        with open(f"{STRD}/{name}.json") as fh:
            meta = json.load(fh)
        c = meta["certified_str"]
        with open(f"{STRD}/{name}.csv") as fh:
            values = [Fraction(float(v)) for v in fh.read().split()[1:]]
        mean = sum(values) / len(values)
        variance = sum((v - mean) ** 2 for v in values) / (len(values) - 1)
        with mp.workdps(40):
            sd = mp.sqrt(mp.mpf(variance.numerator) / variance.denominator)
        print(f"        .init(\"{name}\", n: {meta['n']}, mean: {c['mean']}, sd: {c['sd']},")
        print(f"              exactMean: {lit(float(mp.mpf(mean.numerator) / mean.denominator))}, exactSD: {lit(float(sd))},")


if __name__ == "__main__":
    wanted = sys.argv[1:] or ["distributions", "correlation", "confidence", "summary"]
    for section in wanted:
        {"distributions": distributions, "correlation": correlation, "confidence": confidence_levels,
         "summary": summary}[section]()
