#!/usr/bin/env python3
"""Runs the SQL `cq sql` writes on a real engine and compares every figure
with cq's own in-memory answer (`cq --format json`):

    python3 Engines/check_sql.py --cq .build/debug/cq [--engine duckdb]

The built-in `world` data (Data/world: observations, countries, memberships)
is loaded into the engine as the tables `cq sql` reads. For each statement
below, r from the engine's centred sums must agree with cq's to 1e-12
relative, and the counts — candidates, kept, n, rows dropped for x and for y,
countries and country-years — must be equal. The statements include offsets
of 1e8 and 1e12 added to an indicator, where a one-pass correlation loses
digits. (An offset far larger than the spread it is added to — 1e12 on
values that differ by tens — rounds the data itself at 1e-4, and r then
depends on how each engine rounds the mean, around 1e-10: no tool's r is
right to 1e-12 there, so the offsets go on indicators with a wide spread.) Engines: `duckdb` (pip install duckdb), `postgres` (a private
server started for the run from Debian's postgresql) and `spark` (a local
Spark: pip install pyspark, with Java 17). Prints one line per
statement; exit 1 if any differs, 2 if the engine is not installed.
"""

import argparse
import csv
import json
import math
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WORLD = os.path.join(ROOT, "Data", "world")

CORRELATIONS = [
    "correlate gdp_per_capita, life_expectancy",
    "correlate gdp_per_capita, life_expectancy in 2019",
    "correlate log(gdp_per_capita), life_expectancy during 2005..2015",
    "correlate gdp_per_capita + 1e8, life_expectancy in 2019",
    "correlate gdp_per_capita + 1e12, life_expectancy + 1e8 during 2010..2020",
    "correlate gdp_per_capita * 1000 + 1e12, life_expectancy in 2015",
    'correlate gdp_per_capita, life_expectancy where region = "EU" during 2000..2024',
    'correlate gdp_per_capita, life_expectancy where region = "CIS"',
    'correlate gdp_per_capita, life_expectancy where region != "EU" in 2019',
    'correlate rnd, gdp_per_capita where wb_region = "Europe & Central Asia" during 2000..2020',
    'correlate rnd, gdp_per_capita where income_group = "High income" and year >= 2010',
    "correlate rnd, gdp_per_capita where eu during 2004..2008",
    "correlate rnd, gdp_per_capita where oecd or g20",
    "correlate rnd, gdp_per_capita where not oecd in 2018",
    "correlate sqrt(rnd), log10(gdp_per_capita) in 2017",
    "correlate abs(fdi_pct_gdp), exports_pct_gdp during 2010..2019",
    "correlate gdp_per_capita / population, life_expectancy in 2019",
    "correlate exports_pct_gdp ^ 2, tertiary_enrollment in 2012",
    "correlate rnd, life_expectancy where gdp_per_capita > 20000 in 2019",
    "correlate rnd, life_expectancy where gdp_per_capita between 5000 and 40000",
    'correlate rnd, life_expectancy where country in ("DEU", "FRA", "ITA", "ESP", "POL", "NLD")',
    'correlate rnd, life_expectancy where continent = "Africa" or continent = "Asia" during 2010..2020',
    "correlate -fdi_pct_gdp, exports_pct_gdp where exports_pct_gdp < 50 in 2015",
    "correlate patents / researchers, hightech_exports where researchers > 0 in 2016",
    "correlate broadband, gdp_per_capita where year between 2005 and 2010 and not (region = \"EU\")",
    "correlate competitiveness, innovation",
    "correlate patents, researchers in 2010",
    "correlate log(patents), log(researchers) during 2000..2010",
    'correlate tertiary_enrollment, gdp_per_capita_ppp where region = "Sub-Saharan Africa"',
    "correlate broadband, life_expectancy where g7 during 2000..2024",
    "correlate hightech_exports, exports_pct_gdp where brics",
    "correlate fdi, gdp_per_capita where euro in 2010",
    "correlate fdi_pct_gdp + 1e8, gdp_per_capita_ppp where not eu and year > 2015",
    "correlate rnd, gdp_per_capita using spearman in 2015",
    'correlate log(gdp_per_capita), life_expectancy using spearman where region = "EU"',
    "correlate patents, researchers using spearman during 2005..2010",
    "correlate rnd, gdp_per_capita using kendall in 2015",
    'correlate tertiary_enrollment, life_expectancy using kendall where income_group = "Low income"',
    "correlate competitiveness, innovation using kendall",
    "correlate rnd, gdp_per_capita by region during 2010..2015",
    "correlate log(gdp_per_capita), life_expectancy by income_group in 2019",
    "correlate rnd, gdp_per_capita by year during 2005..2012",
    "correlate rnd, gdp_per_capita by eu where year >= 2004",
    'correlate patents, researchers by continent where region != "EU"',
]

COUNTS = [
    "count countries",
    "count countries in 2019",
    'count countries where region = "EU" in 2004',
    'count countries where region = "EU" during 2000..2024',
    "count countries where rnd > 2 during 2010..2019",
    "count countries where oecd and gdp_per_capita < 20000",
    'count countries where income_group = "Low income" in 2020',
    "count countries where g20 in 2019",
    'count countries where region = "CIS" during 2000..2010',
    "count countries by region in 2019",
    "count countries by oecd where gdp_per_capita > 10000 during 2015..2019",
]


SUMMARIES = [
    "summarize gdp_per_capita, rnd in 2019",
    'summarize life_expectancy where region = "EU" during 2000..2010',
    "summarize rnd, gdp_per_capita by eu in 2019",
    "summarize log(gdp_per_capita) by income_group in 2015",
    "summarize gdp_per_capita + 1e12 by year during 2010..2014",
    "summarize patents / researchers where researchers > 0 by continent",
]

LISTS = [
    'list gdp_per_capita, life_expectancy where country = "DEU" during 2015..2019',
    "list rnd, gdp_per_capita where oecd in 2019 sort by rnd desc limit 10",
    "list life_expectancy where eu in 2004 sort by life_expectancy",
    'list gdp_per_capita, rnd where region = "EU" in 2018 sort by rnd desc',
]

RANKS = [
    "rank rnd in 2019 top 5",
    'rank life_expectancy where continent = "Africa" in 2010',
    "rank gdp_per_capita where eu in 2019 top 3",
    "rank patents during 2015..2016 top 10",
]

# Least squares is cq's own (QR) on the rows the SQL returns; the check fits
# them by the normal equations, which lose digits to the design's
# condition number, hence 1e-8 there. With effects, n and the ledger.
REGRESSIONS = [
    "regress life_expectancy on log(gdp_per_capita) in 2019",
    "regress life_expectancy on log(gdp_per_capita), rnd in 2019",
    'regress rnd on log(gdp_per_capita) where region = "EU" during 2000..2020',
    "regress life_expectancy on gdp_per_capita / 1000 + 1e5 in 2015",
    "regress life_expectancy on log(gdp_per_capita) without intercept in 2019",
    "regress life_expectancy on log(gdp_per_capita) with country effects cluster by country",
]

TEXT_COLUMNS = {"grp", "iso3", "name"}


def load_duckdb():
    import duckdb

    con = duckdb.connect()
    con.execute(
        "CREATE TABLE observations AS SELECT * FROM read_csv(?, header = true, columns = {'iso3': 'VARCHAR', "
        "'indicator': 'VARCHAR', 'year': 'INTEGER', 'value': 'DOUBLE'}, nullstr = ['', 'NA', '..', '-'])",
        [os.path.join(WORLD, "observations.csv")],
    )
    with open(os.path.join(WORLD, "countries.csv"), encoding="utf-8") as handle:
        header = next(csv.reader(handle))
    columns = ", ".join("'%s': 'VARCHAR'" % name for name in header)
    con.execute(
        "CREATE TABLE countries AS SELECT * FROM read_csv(?, header = true, columns = {%s})" % columns,
        [os.path.join(WORLD, "countries.csv")],
    )
    con.execute(
        "CREATE TABLE memberships AS SELECT iso3, \"group\" AS grp, from_year, to_year FROM read_csv(?, "
        "header = true, columns = {'iso3': 'VARCHAR', 'group': 'VARCHAR', 'from_year': 'INTEGER', "
        "'to_year': 'INTEGER'})",
        [os.path.join(WORLD, "memberships.csv")],
    )

    def run(sql):
        cursor = con.execute(sql)
        names = [d[0] for d in cursor.description]
        return [{name: (value if name in TEXT_COLUMNS or value is None else float(value))
                 for name, value in zip(names, row)} for row in cursor.fetchall()]

    return run


def load_postgres():
    """A private PostgreSQL server for the run (Engines/postgres_server.py)."""
    from postgres_server import Server

    server = Server()
    server.load_folder(WORLD)

    def value(name, text):
        if text == "":
            return None
        return text if name in TEXT_COLUMNS else float(text)

    def run(sql):
        rows = list(csv.reader(server.execute(sql).stdout.splitlines()))
        return [{name: value(name, text) for name, text in zip(rows[0], row)} for row in rows[1:]]

    return run


def load_spark():
    """A local Spark (pip install pyspark; Java 17): the three tables as
    temporary views of the CSV files."""
    from pyspark.sql import SparkSession

    spark = (
        SparkSession.builder.master("local[2]").appName("cq-check-sql")
        .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "2")
        .config("spark.driver.memory", "1g").getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    spark.read.csv(os.path.join(WORLD, "observations.csv"), header=True, nullValue="",
                   schema="iso3 STRING, indicator STRING, year INT, value DOUBLE").createOrReplaceTempView("observations")
    with open(os.path.join(WORLD, "countries.csv"), encoding="utf-8") as handle:
        header = next(csv.reader(handle))
    spark.read.csv(os.path.join(WORLD, "countries.csv"), header=True,
                   schema=", ".join("`%s` STRING" % name for name in header)).createOrReplaceTempView("countries")
    spark.read.csv(os.path.join(WORLD, "memberships.csv"), header=True,
                   schema="iso3 STRING, grp STRING, from_year INT, to_year INT").createOrReplaceTempView("memberships")

    def run(sql):
        return [
            {key: (value if key in TEXT_COLUMNS or value is None else float(value))
             for key, value in row.asDict().items()}
            for row in spark.sql(sql).collect()
        ]

    return run


ENGINES = {"duckdb": load_duckdb, "postgres": load_postgres, "spark": load_spark}


def least_squares(design, response):
    """Coefficients by the normal equations, Gaussian elimination with
    partial pivoting: independent of cq's QR."""
    k = len(design[0])
    matrix = [[sum(row[i] * row[j] for row in design) for j in range(k)]
              + [sum(row[i] * y for row, y in zip(design, response))] for i in range(k)]
    for column in range(k):
        pivot = max(range(column, k), key=lambda r: abs(matrix[r][column]))
        matrix[column], matrix[pivot] = matrix[pivot], matrix[column]
        for r in range(k):
            if r != column:
                factor = matrix[r][column] / matrix[column][column]
                matrix[r] = [a - factor * b for a, b in zip(matrix[r], matrix[column])]
    return [matrix[i][k] / matrix[i][i] for i in range(k)]


def cq_json(cq, statement):
    out = subprocess.run([cq, "--format", "json", "-e", statement], capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def cq_sql(cq, statement, dialect):
    out = subprocess.run([cq, "sql", "--dialect", dialect, "-e", statement], capture_output=True, text=True)
    if out.returncode != 0:
        raise RuntimeError(out.stderr)
    return out.stdout.strip().rstrip(";")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cq", required=True)
    parser.add_argument("--engine", default="duckdb", choices=sorted(ENGINES))
    options = parser.parse_args()
    try:
        run = ENGINES[options.engine]()
    except ImportError as missing:
        print("SKIP: %s" % missing)
        sys.exit(2)
    failures = 0

    def report(ok, statement, detail):
        nonlocal failures
        print(("ok   " if ok else "FAIL ") + statement + ("" if ok else "\n     " + detail))
        failures += 0 if ok else 1

    def same_r(mine, row):
        if "concordant" in row:  # Kendall's tau-b from the pair counts
            n0 = row["n"] * (row["n"] - 1) / 2
            denominator = math.sqrt((n0 - row["tied_x"]) * (n0 - row["tied_y"])) if row["n"] else 0
            r = (row["concordant"] - row["discordant"]) / denominator if denominator else None
        else:
            r = row["sxy"] / math.sqrt(row["sxx"] * row["syy"]) if row["n"] and row["sxx"] and row["syy"] else None
        ok = (r is None and mine.get("r") is None) or (
            r is not None and mine.get("r") is not None and abs(r - mine["r"]) <= 1e-12 * max(1.0, abs(mine["r"])))
        return ok, r

    def ledger(mine, names):
        dropped = {item["variable"]: item["rows"] for item in mine["sample"].get("dropped", [])}
        return {
            "candidates": mine["sample"]["candidates"], "kept": mine["sample"]["kept"], "n": mine["n"],
            "dropped_x": dropped.get(names[0], 0), "dropped_y": dropped.get(names[1], 0),
        }

    for statement in CORRELATIONS:
        mine = cq_json(options.cq, statement)
        rows = run(cq_sql(options.cq, statement, options.engine))
        names = [mine["x"], mine["y"]]
        if "groups" in mine:
            # One row per group, matched by the group's name.
            by_name = {row["grp"]: row for row in rows}
            problems = []
            if sorted(by_name) != sorted(group["group"] for group in mine["groups"]):
                problems.append("groups: cq %s, %s %s" % (
                    [g["group"] for g in mine["groups"]], options.engine, sorted(by_name)))
            for group in mine["groups"]:
                row = by_name.get(group["group"])
                if row is None:
                    continue
                ok, r = same_r(group, row)
                expected = ledger(group, names)
                got = {key: row[key] for key in expected}
                if not ok or got != expected:
                    problems.append("%s: cq r=%r %s; %s r=%r %s" % (
                        group["group"], group.get("r"), expected, options.engine, r, got))
            report(not problems, statement, "; ".join(problems))
            continue
        row = rows[0]
        ok, r = same_r(mine, row)
        expected = ledger(mine, names)
        got = {key: row[key] for key in expected}
        detail = "cq r=%r %s; %s r=%r %s" % (mine.get("r"), expected, options.engine, r, got)
        report(ok and got == expected, statement, detail)
    for statement in COUNTS:
        mine = cq_json(options.cq, statement)
        rows = run(cq_sql(options.cq, statement, options.engine))
        if "by" in mine:
            expected = sorted((g["group"], g["count"], g["country_years"]) for g in mine["groups"])
            got = sorted((row["grp"], row["countries"], row["country_years"]) for row in rows)
        else:
            expected = [(mine["count"], mine["country_years"])]
            got = [(rows[0]["countries"], rows[0]["country_years"])]
        report(expected == got, statement, "cq %s; %s %s" % (expected, options.engine, got))
    def close(a, b, tolerance=1e-12):
        if a is None or b is None:
            return a is None and b is None
        return abs(a - b) <= tolerance * max(1.0, abs(a), abs(b))

    for statement in SUMMARIES:
        mine = cq_json(options.cq, statement)
        rows = run(cq_sql(options.cq, statement, options.engine))
        labels = []
        for row in mine["rows"]:
            if row["variable"] not in labels:
                labels.append(row["variable"])
        theirs = {(row["grp"], labels[int(row["variable"])]): row for row in rows}
        problems = []
        for row in mine["rows"]:
            other = theirs.pop((row.get("group", "all"), row["variable"]), None)
            if other is None:
                if row["n"] != 0:
                    problems.append("%s: no row from %s" % (row["variable"], options.engine))
                continue
            for field in ("n", "mean", "sd", "min", "p25", "median", "p75", "max"):
                if not close(row[field], other[field]):
                    problems.append("%s %s %s: cq %r, %s %r" % (
                        row.get("group", ""), row["variable"], field, row[field], options.engine, other[field]))
        problems += ["%s has an extra row %s" % (options.engine, key) for key in theirs]
        report(not problems, statement, "; ".join(problems[:5]))
    for statement in LISTS:
        mine = cq_json(options.cq, statement)
        rows = run(cq_sql(options.cq, statement, options.engine))
        labels = [label for label in mine["columns"] if label != "year"]
        problems = []
        if len(rows) != len(mine["rows"]) or (rows and rows[0]["total"] != mine["total"]):
            problems.append("cq %d rows of %d, %s %d rows of %s" % (
                len(mine["rows"]), mine["total"], options.engine, len(rows), rows[0]["total"] if rows else 0))
        for position, (row, other) in enumerate(zip(mine["rows"], rows)):
            for index, label in enumerate(labels):
                if not close(row[label], other["c%d" % index]):
                    problems.append("row %d %s: cq %r, %s %r" % (position, label, row[label], options.engine,
                                                                 other["c%d" % index]))
            if "year" in row and row["year"] != other["year"]:
                problems.append("row %d year: cq %r, %s %r" % (position, row["year"], options.engine, other["year"]))
        report(not problems, statement, "; ".join(problems[:5]))
    for statement in RANKS:
        mine = cq_json(options.cq, statement)
        rows = run(cq_sql(options.cq, statement, options.engine))
        expected = [(r["rank"], r["country"], r["year"], r["value"]) for r in mine["rows"]]
        got = [(int(r["rank"]), r["iso3"], int(r["year"]), r["value"]) for r in rows]
        ok = len(expected) == len(got) and all(
            a[:3] == b[:3] and close(a[3], b[3]) for a, b in zip(expected, got)) and (
            not rows or int(rows[0]["total"]) == mine["total"])
        report(ok, statement, "cq %s of %d; %s %s" % (expected[:4], mine["total"], options.engine, got[:4]))
    for statement in REGRESSIONS:
        mine = cq_json(options.cq, statement)
        rows = run(cq_sql(options.cq, statement, options.engine))
        ledger, data = rows[0], rows[1:]
        terms = sorted(key for key in ledger if key.startswith("x") and key[1:].isdigit())
        problems = []
        if len(data) != mine["n"]:
            problems.append("n: cq %d, %s %d" % (mine["n"], options.engine, len(data)))
        sample = mine["sample"]
        names = [mine["response"]] + [c["term"] for c in mine["coefficients"] if c["term"] != "(Intercept)"]
        dropped = {item["variable"]: item["rows"] for item in sample.get("dropped", [])}
        expected = [sample["candidates"], sample["kept"]] + [dropped.get(name, 0) for name in names]
        got = [ledger["candidates"], ledger["kept"], ledger["dropped_y"]] + [ledger["dropped_" + t] for t in terms]
        if [int(v) for v in got] != expected:
            problems.append("ledger: cq %s, %s %s" % (expected, options.engine, got))
        if "effects" not in statement and not problems:
            design = [([1.0] if mine["intercept"] else []) + [row[t] for t in terms] for row in data]
            fitted = least_squares(design, [row["y"] for row in data])
            for coefficient, estimate in zip(mine["coefficients"], fitted):
                if not close(coefficient["estimate"], estimate, 1e-8):
                    problems.append("%s: cq %r, from %s rows %r" % (
                        coefficient["term"], coefficient["estimate"], options.engine, estimate))
        report(not problems, statement, "; ".join(problems))
    total = len(CORRELATIONS) + len(COUNTS) + len(SUMMARIES) + len(LISTS) + len(RANKS) + len(REGRESSIONS)
    print("%d of %d statements differ" % (failures, total) if failures else "all %d statements agree" % total)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
