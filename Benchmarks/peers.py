#!/usr/bin/env python3
"""The peers of `cq-bench scale`: DuckDB, polars and pandas on the same file.

    python3 Benchmarks/peers.py --file .build/bench/wdi-long.csv \
        --indicators A,B,C,D,E,F,G,H,I,J [--runs 5] [--tools duckdb,polars,pandas]

Used only by the benchmark, never by cq. Install the peers with

    pip install duckdb polars pandas pyarrow

For each tool, each of `--runs` runs is a fresh Python process (so its peak
memory is its own) that imports the library (not timed), loads the long-form
CSV (timed: `load`), and runs each query five times (timed):

  q1  Pearson's r of the first two indicators over the country-years of
      2000–2020 of the countries whose World Bank region is "Europe & Central
      Asia", pairs with both values (what cq's
      `correlate A, B where wb_region = "Europe & Central Asia" during 2000..2020` does);
  q2  the same for every World Bank region (`… by wb_region during 2000..2020`);
  q3  the 10 × 10 matrix of the ten indicators in 2019, pairwise complete
      (`correlate A, …, J in 2019`).

The region comes from joining Data/world/countries.csv (its wb_region column);
only its 218 countries take part, so aggregates such as EUU or WLD do not, as
in cq. (cq's own `region` attribute would put EU members under "EU" and CIS
members under "CIS", so the like-for-like filter in cq is `wb_region`.)

Missing markers (empty, `..`, `NA`, `-`) are read as nulls by every tool.

Output: one line per figure, `RESULT tool metric run value`, with metric
load_s, peak_kb (the process's peak resident set, from getrusage), base_kb
(resident set after the imports, before the load), q1_s, q2_s, q3_s, and
`CHECK tool q1 r n` / `CHECK tool q2 region r n` / `CHECK tool q3 sum` lines so
the answers can be compared with cq's. With --table, a summary table instead.
"""

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time

MISSING = ["", "..", "NA", "-"]
REGION = "Europe & Central Asia"
PERIOD = (2000, 2020)
YEAR = 2019
REPEATS = 5


def rss_kb():
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def peak_kb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


# MARK: - DuckDB


def run_duckdb(path, countries, indicators, emit):
    import duckdb

    con = duckdb.connect()
    con.execute("SET threads TO %d" % os.cpu_count())
    start = time.perf_counter()
    con.execute(
        "CREATE TABLE obs AS SELECT * FROM read_csv(?, header = true, "
        "columns = {'iso3': 'VARCHAR', 'indicator': 'VARCHAR', 'year': 'INTEGER', 'value': 'DOUBLE'}, "
        "nullstr = ?)",
        [path, MISSING],
    )
    load = time.perf_counter() - start
    con.execute("CREATE TABLE countries AS SELECT iso3, wb_region FROM read_csv(?, header = true)", [countries])
    emit("load_s", load)
    a, b = indicators[0], indicators[1]
    pair = (
        "WITH a AS (SELECT iso3, year, value FROM obs WHERE indicator = $a AND year BETWEEN $y0 AND $y1), "
        "b AS (SELECT iso3, year, value FROM obs WHERE indicator = $b AND year BETWEEN $y0 AND $y1) "
        "SELECT {select} FROM a JOIN b USING (iso3, year) JOIN countries c USING (iso3) "
        "WHERE a.value IS NOT NULL AND b.value IS NOT NULL {where}"
    )
    parameters = {"a": a, "b": b, "y0": PERIOD[0], "y1": PERIOD[1]}

    def q1():
        return con.execute(
            pair.format(select="corr(a.value, b.value), count(*)", where="AND c.wb_region = $region"),
            {**parameters, "region": REGION},
        ).fetchone()

    def q2():
        return con.execute(
            pair.format(select="c.wb_region, corr(a.value, b.value), count(*)", where="GROUP BY c.wb_region ORDER BY 1"),
            parameters,
        ).fetchall()

    columns = ", ".join("max(value) FILTER (WHERE indicator = $i%d) AS c%d" % (k, k) for k in range(len(indicators)))
    pairs = ", ".join("corr(c%d, c%d)" % (x, y) for x in range(len(indicators)) for y in range(x + 1, len(indicators)))
    matrix = (
        "WITH w AS (SELECT iso3, %s FROM obs WHERE year = $year AND indicator IN (%s) GROUP BY iso3) "
        "SELECT %s FROM w JOIN countries USING (iso3)"
        % (columns, ", ".join("$i%d" % k for k in range(len(indicators))), pairs)
    )
    matrix_parameters = {"year": YEAR, **{"i%d" % k: name for k, name in enumerate(indicators)}}

    def q3():
        return con.execute(matrix, matrix_parameters).fetchone()

    return q1, q2, q3, lambda r: r, lambda rows: [(g, r, n) for g, r, n in rows], lambda row: list(row)


# MARK: - polars


def run_polars(path, countries, indicators, emit):
    import polars as pl

    start = time.perf_counter()
    obs = pl.read_csv(
        path,
        schema={"iso3": pl.String, "indicator": pl.String, "year": pl.Int32, "value": pl.Float64},
        null_values=MISSING,
    )
    load = time.perf_counter() - start
    emit("load_s", load)
    regions = pl.read_csv(countries).select("iso3", "wb_region")
    a, b = indicators[0], indicators[1]

    def wide(names, condition):
        return (
            obs.filter(condition & pl.col("indicator").is_in(names))
            .pivot(on="indicator", index=["iso3", "year"], values="value")
            .join(regions, on="iso3", how="inner")
        )

    def q1():
        w = wide([a, b], pl.col("year").is_between(*PERIOD))
        w = w.filter(pl.col("wb_region") == REGION).drop_nulls([a, b])
        return w.select(pl.corr(a, b)).item(), w.height

    def q2():
        w = wide([a, b], pl.col("year").is_between(*PERIOD)).drop_nulls([a, b])
        g = w.group_by("wb_region").agg(pl.corr(a, b).alias("r"), pl.len().alias("n")).sort("wb_region")
        return [(row[0], row[1], row[2]) for row in g.iter_rows()]

    def q3():
        w = wide(indicators, pl.col("year") == YEAR)
        out = []
        for x in range(len(indicators)):
            for y in range(x + 1, len(indicators)):
                p, q = indicators[x], indicators[y]
                if p not in w.columns or q not in w.columns:
                    out.append(None)
                    continue
                out.append(w.drop_nulls([p, q]).select(pl.corr(p, q)).item())
        return out

    return q1, q2, q3, lambda r: r, lambda rows: rows, lambda row: row


# MARK: - pandas


def run_pandas(path, countries, indicators, emit):
    import pandas as pd

    start = time.perf_counter()
    obs = pd.read_csv(
        path,
        engine="pyarrow",
        dtype={"iso3": "category", "indicator": "category", "year": "int32", "value": "float64"},
        na_values=MISSING,
        keep_default_na=False,
    )
    load = time.perf_counter() - start
    emit("load_s", load)
    regions = pd.read_csv(countries, usecols=["iso3", "wb_region"], keep_default_na=False)
    a, b = indicators[0], indicators[1]

    def wide(names, mask):
        w = obs[mask & obs["indicator"].isin(names)]
        w = w.pivot_table(index=["iso3", "year"], columns="indicator", values="value", observed=True, dropna=False)
        return w.reset_index().merge(regions, on="iso3", how="inner")

    in_period = lambda: obs["year"].between(*PERIOD)

    def q1():
        w = wide([a, b], in_period())
        w = w[w["wb_region"] == REGION].dropna(subset=[a, b])
        return w[a].corr(w[b]), len(w)

    def q2():
        w = wide([a, b], in_period()).dropna(subset=[a, b])
        out = []
        for region, group in w.groupby("wb_region", sort=True):
            out.append((region, group[a].corr(group[b]) if len(group) > 1 else None, len(group)))
        return out

    def q3():
        w = wide(indicators, obs["year"] == YEAR)
        m = w[[name for name in indicators if name in w.columns]].corr()
        out = []
        for x in range(len(indicators)):
            for y in range(x + 1, len(indicators)):
                p, q = indicators[x], indicators[y]
                out.append(float(m.loc[p, q]) if p in m.index and q in m.columns else None)
        return out

    return q1, q2, q3, lambda r: r, lambda rows: rows, lambda row: row


TOOLS = {"duckdb": run_duckdb, "polars": run_polars, "pandas": run_pandas}
MODULES = {"duckdb": ["duckdb"], "polars": ["polars"], "pandas": ["pandas", "pyarrow"]}


def child(tool, path, countries, indicators, check):
    """One run in this process: imports, load, queries; prints RESULT lines."""
    __import__(MODULES[tool][0])
    for module in MODULES[tool][1:]:
        __import__(module)
    base = rss_kb()

    def emit(metric, value):
        print("RESULT %s %s 0 %r" % (tool, metric, value), flush=True)

    q1, q2, q3, _, _, _ = TOOLS[tool](path, countries, indicators, emit)
    emit("peak_kb", peak_kb())
    emit("base_kb", base)
    for name, query in (("q1_s", q1), ("q2_s", q2), ("q3_s", q3)):
        for _ in range(REPEATS):
            start = time.perf_counter()
            answer = query()
            emit(name, time.perf_counter() - start)
        if check:
            if name == "q1_s":
                print("CHECK %s q1 %r %d" % (tool, float(answer[0]), answer[1]))
            elif name == "q2_s":
                for region, r, n in answer:
                    print("CHECK %s q2 %s|%r|%d" % (tool, region, None if r is None else float(r), n))
            else:
                values = [v for v in answer if v is not None and v == v]
                print("CHECK %s q3 %d %r" % (tool, len(values), float(sum(values))))


def missing_modules(tool):
    import importlib.util

    return [m for m in MODULES[tool] if importlib.util.find_spec(m) is None]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--file", default=".build/bench/wdi-long.csv")
    parser.add_argument("--countries", default="Data/world/countries.csv")
    parser.add_argument("--indicators", required=True, help="ten indicator ids, comma-separated; q1 and q2 use the first two")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--tools", default="duckdb,polars,pandas")
    parser.add_argument("--table", action="store_true", help="print a summary table")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--check", action="store_true", help=argparse.SUPPRESS)
    options = parser.parse_args()
    indicators = options.indicators.split(",")

    if options.child:
        child(options.child, options.file, options.countries, indicators, options.check)
        return

    results = {}
    for tool in options.tools.split(","):
        missing = missing_modules(tool)
        if missing:
            print(
                "SKIP %s: missing Python module(s) %s; install the peers with: pip install duckdb polars pandas pyarrow"
                % (tool, ", ".join(missing)),
                flush=True,
            )
            continue
        for run in range(options.runs):
            command = [
                sys.executable, os.path.abspath(__file__), "--child", tool, "--file", options.file,
                "--countries", options.countries, "--indicators", options.indicators,
            ] + (["--check"] if run == 0 else [])
            completed = subprocess.run(command, capture_output=True, text=True)
            if completed.returncode != 0:
                print("FAIL %s: %s" % (tool, completed.stderr.strip().splitlines()[-1:]), flush=True)
                break
            for line in completed.stdout.splitlines():
                if line.startswith("RESULT "):
                    _, name, metric, _, value = line.split(" ", 4)
                    results.setdefault((name, metric), []).append(float(value))
                    if not options.table:
                        print("RESULT %s %s %d %s" % (name, metric, run, value), flush=True)
                elif line.startswith("CHECK ") and not options.table:
                    print(line, flush=True)
    if options.table:
        metrics = [("load_s", "load (s)", 1), ("peak_kb", "peak (MB)", 1 / 1024), ("q1_s", "q1 (ms)", 1000),
                   ("q2_s", "q2 (ms)", 1000), ("q3_s", "q3 (ms)", 1000)]
        print("%-8s" % "tool" + "".join("%22s" % label for _, label, _ in metrics) + "   (min / median)")
        for tool in options.tools.split(","):
            cells = []
            for metric, _, scale in metrics:
                values = results.get((tool, metric))
                cells.append("%22s" % ("%.4g / %.4g" % (min(values) * scale, statistics.median(values) * scale) if values else "-"))
            print("%-8s" % tool + "".join(cells))


if __name__ == "__main__":
    main()
