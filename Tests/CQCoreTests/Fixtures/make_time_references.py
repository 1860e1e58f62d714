#!/usr/bin/env python3
"""Reference values for cq's time functions, computed with pandas from the
CSV files under Data/ — independently of cq's code.

    pip install pandas
    python3 Tests/CQCoreTests/Fixtures/make_time_references.py

writes Tests/CQCoreTests/Fixtures/time/references.csv (time functions) and
aggregates.csv (period aggregates, one value per country). For each case (an
expression over a span of years of a built-in dataset), every country-year
whose value exists, as `case,iso3,year,value` with the shortest decimal that
reads back as the same double. TimeFunctionReferenceTests runs the same
expressions through cq and requires the same country-years and values equal
to 1e-12 relative.

The semantics, as the issue states them and as a user of pandas would write
them on a complete country × year grid (so a gap stays a gap):
  lag(x, k)    x.shift(k)           on the calendar, never the previous row
  lead(x, k)   x.shift(-k)
  diff(x, k)   x - x.shift(k)
  growth(x, k) 100 * (x / x.shift(k) - 1); a zero base gives no value
  at(x, Y)     the value in year Y, for every year
  index(x, Y)  100 * x / x(Y); a zero base gives no value
A time function may read years outside the case's span but never outside
the dataset's years (world 2000–2024, extended 1950–2025: the first and last
years with data in its files).
"""
import math
import os

import pandas as pd

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
OUT = os.path.join(os.path.dirname(__file__), "time", "references.csv")
AGGREGATE_OUT = os.path.join(os.path.dirname(__file__), "time", "aggregates.csv")

CASES = [
    # (case id, dataset, cq expression, first year, last year)
    ("lag", "world", "lag(gdp_per_capita)", 2017, 2019),
    ("lag3", "world", "lag(gdp_per_capita, 3)", 2017, 2019),
    ("lag_first_years", "world", "lag(life_expectancy, 2)", 2000, 2003),
    ("lead", "world", "lead(rnd)", 2017, 2019),
    ("lead2_last_years", "world", "lead(rnd, 2)", 2020, 2024),
    ("diff", "world", "diff(life_expectancy)", 2017, 2019),
    ("diff5", "world", "diff(life_expectancy, 5)", 2017, 2019),
    ("growth", "world", "growth(gdp_per_capita_ppp)", 2017, 2019),
    ("growth10", "world", "growth(gdp_per_capita_ppp, 10)", 2017, 2019),
    ("growth_signed", "world", "growth(fdi_pct_gdp)", 2017, 2019),
    ("growth_first_year", "world", "growth(population)", 2000, 2001),
    ("at", "world", "at(rnd, 2010)", 2017, 2019),
    ("at_last_year", "world", "at(population, 2024)", 2000, 2001),
    ("index", "world", "index(gdp_per_capita, 2000)", 2017, 2019),
    ("index_gaps", "world", "index(researchers, 2015)", 2013, 2017),
    ("lag_of_lag", "world", "lag(lag(broadband))", 2017, 2019),
    ("growth_of_ratio", "world", "growth(gdp_per_capita / population)", 2017, 2019),
    ("diff_of_log", "world", "diff(log(gdp_per_capita))", 2017, 2019),
    ("ext_growth10", "extended", "growth(gdp_per_capita_ppp, 10)", 2000, 2002),
    ("ext_lag", "extended", "lag(tfp_level_rel_usa)", 1955, 1957),
    ("ext_index", "extended", "index(population, 1960)", 2020, 2025),
    ("ext_diff", "extended", "diff(gini, 5)", 2010, 2012),
]


def load(dataset):
    countries = pd.read_csv(os.path.join(ROOT, "Data", "world", "countries.csv"), keep_default_na=False)["iso3"]
    folder = "world" if dataset == "world" else "world-extended"
    obs = pd.read_csv(os.path.join(ROOT, "Data", folder, "observations.csv"), keep_default_na=False, na_values=[""])
    obs = obs[obs["iso3"].isin(set(countries))]
    years = range(int(obs["year"].min()), int(obs["year"].max()) + 1)
    grid = {}
    for indicator, rows in obs.groupby("indicator"):
        wide = rows.pivot(index="iso3", columns="year", values="value")
        grid[indicator] = wide.reindex(index=sorted(countries), columns=list(years)).astype(float)
    return grid, years


def shift(frame, k):
    """x in year t - k, on the calendar (columns are every year in order)."""
    return frame.shift(k, axis=1)


def no_infinity(frame):
    return frame.where(frame.abs() != math.inf)


def evaluate(grid, years, text):
    # A tiny evaluator for exactly the expressions above: calls and one division.
    text = text.strip()
    if text.startswith("log(") and text.endswith(")"):
        return evaluate(grid, years, text[4:-1]).apply(lambda col: col.map(lambda v: math.log(v) if v > 0 else math.nan))
    if " / " in text and "(" not in text:
        left, right = text.split(" / ")
        return no_infinity(evaluate(grid, years, left) / evaluate(grid, years, right))
    if "(" not in text:
        return grid[text]
    name, rest = text.split("(", 1)
    inner = rest[:-1]
    depth, split = 0, None
    for i, ch in enumerate(inner):
        depth += ch == "("
        depth -= ch == ")"
        if ch == "," and depth == 0:
            split = i
    x_text, arg = (inner, None) if split is None else (inner[:split], int(inner[split + 1:]))
    x = evaluate(grid, years, x_text)
    k = 1 if arg is None else arg
    if name == "lag":
        return shift(x, k)
    if name == "lead":
        return shift(x, -k)
    if name == "diff":
        return x - shift(x, k)
    if name == "growth":
        return no_infinity(100 * (x / shift(x, k) - 1))
    if name == "at":
        return pd.DataFrame({year: x[arg] for year in years}, index=x.index)
    if name == "index":
        return no_infinity(pd.DataFrame({year: 100 * x[year] / x[arg] for year in years}, index=x.index))
    raise ValueError(text)


# Period aggregates: one value per country over the years first..last that
# pass `where` (a condition on the country-year, applied before reducing);
# `having` keeps countries after (a condition on an aggregate).
AGGREGATES = [
    # (case id, dataset, cq expression, first, last, where, having)
    ("mean", "world", "mean(rnd)", 2000, 2019, None, None),
    ("median_even", "world", "median(patents)", 2010, 2019, None, None),
    ("median", "world", "median(life_expectancy)", 2000, 2019, None, None),
    ("min", "world", "min(gdp_per_capita)", 2010, 2019, None, None),
    ("max_signed", "world", "max(fdi_pct_gdp)", 2010, 2019, None, None),
    ("sum", "world", "sum(fdi)", 2015, 2019, None, None),
    ("count", "world", "count(rnd)", 2000, 2019, None, None),
    ("first", "world", "first(researchers)", 2000, 2019, None, None),
    ("last", "world", "last(researchers)", 2000, 2019, None, None),
    ("cagr", "world", "cagr(gdp_per_capita_ppp)", 2000, 2019, None, None),
    ("cagr_population", "world", "cagr(population)", 2000, 2024, None, None),
    ("trend", "world", "trend(life_expectancy)", 2000, 2019, None, None),
    ("trend_gaps", "world", "trend(rnd)", 2005, 2015, None, None),
    ("mean_of_growth", "world", "mean(growth(gdp_per_capita_ppp))", 2001, 2019, None, None),
    ("where_before", "world", "mean(rnd)", 2000, 2019, ("gdp_per_capita", 20000), None),
    ("having_after", "world", "mean(rnd)", 2000, 2019, None, ("rnd", 15)),
    ("log_of_first", "world", "log(first(gdp_per_capita_ppp))", 2000, 2019, None, None),
    ("ext_cagr", "extended", "cagr(gdp_per_worker_ppp)", 1991, 2019, None, None),
    ("ext_mean", "extended", "mean(gini)", 2000, 2019, None, None),
    ("ext_trend", "extended", "trend(co2_per_capita)", 1990, 2019, None, None),
]


def reduce(name, years, values):
    """One country's aggregate from (year, value) pairs with a value."""
    pairs = [(y, v) for y, v in zip(years, values) if not pd.isna(v)]
    if name == "count":
        return float(len(pairs))
    if not pairs:
        return math.nan
    s = pd.Series([v for _, v in pairs], index=[y for y, _ in pairs], dtype=float)
    if name == "mean":
        return s.mean()
    if name == "median":
        return s.median()
    if name == "min":
        return s.min()
    if name == "max":
        return s.max()
    if name == "sum":
        return s.sum()
    if name == "first":
        return s.iloc[0]
    if name == "last":
        return s.iloc[-1]
    if name == "cagr":
        (y0, v0), (y1, v1) = pairs[0], pairs[-1]
        if y1 <= y0 or v0 <= 0 or v1 <= 0:
            return math.nan
        return 100 * ((v1 / v0) ** (1 / (y1 - y0)) - 1)
    if name == "trend":
        if len(pairs) < 2:
            return math.nan
        x = pd.Series(s.index, dtype=float)
        y = pd.Series(s.values, dtype=float)
        return ((x - x.mean()) * (y - y.mean())).sum() / ((x - x.mean()) ** 2).sum()
    raise ValueError(name)


def aggregate_values(grid, years, expression, first, last, where, having):
    outer = None
    if expression.startswith("log(") and expression.endswith(")"):
        outer, expression = "log", expression[4:-1]
    name, inner = expression.split("(", 1)
    x = evaluate(grid, years, inner[:-1])
    span = list(range(first, last + 1))
    result = {}
    for iso3 in x.index:
        values = [x.at[iso3, y] for y in span]
        if where is not None:
            indicator, bound = where
            values = [v if grid[indicator].at[iso3, y] > bound else math.nan for v, y in zip(values, span)]
        if having is not None:
            indicator, minimum = having
            if reduce("count", span, [grid[indicator].at[iso3, y] for y in span]) < minimum:
                continue
        if all(pd.isna(v) for v in values):
            continue  # no value in the period: no row, as a groupby over observations gives none
        value = reduce(name, span, values)
        if outer == "log":
            value = math.log(value) if value > 0 else math.nan
        if not pd.isna(value) and math.isfinite(value):
            result[iso3] = value
    return result


def main():
    loaded = {}
    lines = ["case,dataset,expression,first,last,iso3,year,value"]
    for case, dataset, expression, first, last in CASES:
        if dataset not in loaded:
            loaded[dataset] = load(dataset)
        grid, years = loaded[dataset]
        values = evaluate(grid, years, expression)
        count = 0
        for iso3 in values.index:
            for year in range(first, last + 1):
                value = values.at[iso3, year]
                if not pd.isna(value) and math.isfinite(value):
                    lines.append(f'{case},{dataset},"{expression}",{first},{last},{iso3},{year},{repr(float(value))}')
                    count += 1
        print(f"{case:20} {expression:40} {count} values")
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w") as f:
        f.write("\n".join(lines) + "\n")
    lines = ["case,dataset,expression,first,last,where,having,iso3,value"]
    for case, dataset, expression, first, last, where, having in AGGREGATES:
        if dataset not in loaded:
            loaded[dataset] = load(dataset)
        grid, years = loaded[dataset]
        values = aggregate_values(grid, years, expression, first, last, where, having)
        where_text = f"{where[0]} > {where[1]}" if where else ""
        having_text = f"count({having[0]}) >= {having[1]}" if having else ""
        for iso3, value in values.items():
            lines.append(
                f'{case},{dataset},"{expression}",{first},{last},"{where_text}","{having_text}",{iso3},{repr(float(value))}'
            )
        print(f"{case:20} {expression:40} {len(values)} countries")
    with open(AGGREGATE_OUT, "w") as f:
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
