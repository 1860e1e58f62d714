"""References for RegressionTests that R cannot give (mpmath 1.3.0, 60 digits).

    python3 Tests/CQCoreTests/Fixtures/make_regression_references.py quantiles
    python3 Tests/CQCoreTests/Fixtures/make_regression_references.py strd

quantiles: Student t quantiles at the points where R's qt is more than 1e-13
off, for RegressionTests.studentTQuantileWhereRIsOff. u > 0 solves P(T > u) = q (q = min(p, 1 - p), exact for the binary64 p)
by Newton's method on ln u in the tail and on P(0 < T < u) = 1/2 - q near
the centre, each probability from mpmath's regularized incomplete beta.

strd: the best digits of agreement with NIST's certified values that any
binary64 program can reach, given the data as cq passes them (the CSV values
rounded to binary64, x^k by C's pow): the exact least-squares fit of those
binary64 numbers, in 60-digit arithmetic. Where R 4.2 reaches more, its
rounding errors happened to offset the rounding of the data.
"""
import csv
import json
import math
import os
import sys

import mpmath as mp

mp.mp.dps = 60
HALF = mp.mpf(1) / 2

# (p, df, R 4.2.2's qt(p, df)); R's value is the starting point and is kept
# in the output comment for comparison.
POINTS = [
    (0.4999, 1, -0.0003141592756945358), (0.500001, 1, 3.1415926536487307e-06),
    (1e-300, 1.5, -5.271851249109608e+199), (0.500001, 1.5, 2.934832215491192e-06),
    (1e-300, 3, -1.0331108439132092e+100), (0.4999, 3, -0.0002720699091105723),
    (0.500001, 3, 2.720699046459061e-06), (1e-300, 4.5, -6.70945541713909e+66),
    (0.4999, 4.5, -0.00026486781482810837), (0.500001, 4.5, 2.6486781104993443e-06),
    (1e-300, 7, -1.4457941326765118e+43), (0.4999, 7, -0.0002597460309024743),
    (0.500001, 7, 2.5974602756556083e-06), (1e-300, 10, -2.564525718917962e+30),
    (0.4999, 10, -0.000256997806604864), (0.500001, 10, 2.569978035025187e-06),
    (0.4999, 30, -0.0002527600253933647), (0.500001, 30, 2.527600226198535e-06),
    # Fewer than one degree of freedom, upper tail: R's qt is off by up to 3e-4.
    (0.999999999999, 0.2, 7.5101586797864871e+57),
    (0.999999999998, 0.14, 5.1143166541141989e+80), (0.9999999999, 0.3, 6.4788016212420603e+31),
    (0.999999, 0.7, 70219760.032331347),
]


def upper(u, nu):
    return mp.betainc(nu / 2, HALF, 0, nu / (nu + u * u), regularized=True) / 2


def central(u, nu):
    return mp.betainc(HALF, nu / 2, 0, u * u / (nu + u * u), regularized=True) / 2


def density(u, nu):
    return (mp.exp(mp.loggamma((nu + 1) / 2) - mp.loggamma(nu / 2)) / mp.sqrt(nu * mp.pi)
            * (1 + u * u / nu) ** (-(nu + 1) / 2))


def quantile(p, df, start):
    nu = mp.mpf(df)
    exact_p = mp.mpf(p)
    q = exact_p if p < 0.5 else 1 - exact_p
    u = mp.mpf(abs(start))
    for _ in range(200):
        if q < 0.25:
            tail = upper(u, nu)
            following = u * mp.exp((mp.log(tail) - mp.log(q)) * tail / (u * density(u, nu)))
        else:
            following = u - (central(u, nu) - (HALF - q)) / density(u, nu)
        if abs(following - u) < mp.mpf(10) ** -45 * u:
            return -following if p < 0.5 else following
        u = following
    raise RuntimeError(f"no convergence at p={p}, df={df}")


def print_quantiles():
    for p, df, r_value in POINTS:
        t = quantile(p, df, r_value)
        off = abs((r_value - t) / t)
        print(f"        .init(p: {p!r}, df: {df!r}, t: {float(t)!r}),  // R {r_value!r}, off by {mp.nstr(off, 2)}")


def digits(value, certified):
    """NIST's log relative error, capped at 15, rounded down to 0.01."""
    value, certified = mp.mpf(value), mp.mpf(certified)
    if value == certified:
        return 15.0
    error = abs(value) if certified == 0 else abs(value - certified) / abs(certified)
    return math.floor(100 * max(0.0, min(15.0, float(-mp.log10(error))))) / 100


def print_strd_ceilings():
    directory = os.path.join(os.path.dirname(os.path.abspath(__file__)), "strd")
    for name in ["Norris", "Pontius", "NoInt1", "NoInt2", "Filip", "Longley",
                 "Wampler1", "Wampler2", "Wampler3", "Wampler4", "Wampler5"]:
        with open(os.path.join(directory, name + ".json")) as handle:
            spec = json.load(handle)
        with open(os.path.join(directory, name + ".csv")) as handle:
            rows = list(csv.reader(handle))
        header, rows = rows[0], rows[1:]
        design = []
        for row in rows:
            entries = []
            for term in spec["terms"]:
                if term == "1":
                    entries.append(mp.mpf(1))
                    continue
                column, _, power = term.partition("^")
                value = float(row[header.index(column)])
                entries.append(mp.mpf(math.pow(value, int(power)) if power else value))
            design.append(entries)
        X = mp.matrix(design)
        y = mp.matrix([mp.mpf(float(row[header.index("y")])) for row in rows])
        n, p = X.rows, X.cols
        gram = X.T * X
        beta = mp.lu_solve(gram, X.T * y)
        residuals = y - X * beta
        rss = sum(r ** 2 for r in residuals)
        variance = rss / (n - p)
        inverse = gram ** -1
        mean = sum(y) / n
        tss = sum((v - mean) ** 2 for v in y) if spec["intercept"] else sum(v ** 2 for v in y)
        certified = spec["certified_str"]
        coefficients = min(digits(beta[i], certified["coef"][i]) for i in range(p))
        errors = min(digits(mp.sqrt(variance * inverse[i, i]), certified["coef_sd"][i]) for i in range(p))
        print(f"        \"{name}\": .init(coefficients: {coefficients:.2f}, standardErrors: {errors:.2f}, "
              f"residualSD: {digits(mp.sqrt(variance), certified['residual_sd']):.2f}, "
              f"rSquared: {digits(1 - rss / tss, certified['r_squared']):.2f}),")


if __name__ == "__main__":
    what = sys.argv[1] if len(sys.argv) > 1 else "quantiles"
    print_quantiles() if what == "quantiles" else print_strd_ceilings()
