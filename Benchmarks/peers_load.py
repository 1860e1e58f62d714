#!/usr/bin/env python3
"""The peers of `cq-bench scale`: how long polars and DuckDB take to load a
long-form CSV (iso3,indicator,year,value) into a table, and their peak memory;
with --wide, a WDI table (Country Name, Country Code, Indicator Name,
Indicator Code, then a column per year) into a table of that shape.

    python3 Benchmarks/peers_load.py --file FILE [--runs 3] [--tools polars,duckdb] [--wide]

Used only by the benchmark, never by cq (pip install polars duckdb). Each run
is a fresh Python process (so its peak memory is its own) that imports the
library (not timed), then loads the file (timed) with every missing marker
cq knows (empty, `..`, `NA`, `-`) read as null, and counts the values that
are not null, so the answer can be set beside cq's observation count.

Output: `RESULT tool load_s value`, `RESULT tool peak_kb value`,
`RESULT tool values value` lines; `SKIP tool: why` for a tool not installed.
"""

import argparse
import importlib.util
import os
import resource
import subprocess
import sys
import time

MISSING = ["", "..", "NA", "-"]


KEYS = ["Country Name", "Country Code", "Indicator Name", "Indicator Code"]


def header(path):
    with open(path, encoding="utf-8") as file:
        return file.readline().rstrip("\r\n").split(",")


def load_polars(path, wide=False):
    import polars as pl

    if wide:
        columns = header(path)
        start = time.perf_counter()
        table = pl.read_csv(
            path,
            schema={name: pl.String if name in KEYS else pl.Float64 for name in columns},
            null_values=MISSING,
        )
        seconds = time.perf_counter() - start
        return seconds, sum(table[name].count() for name in columns if name not in KEYS)
    start = time.perf_counter()
    table = pl.read_csv(
        path,
        schema={"iso3": pl.String, "indicator": pl.String, "year": pl.Int32, "value": pl.Float64},
        null_values=MISSING,
    )
    seconds = time.perf_counter() - start
    return seconds, table["value"].count()


def load_duckdb(path, wide=False):
    import duckdb

    con = duckdb.connect()
    con.execute("SET threads TO %d" % os.cpu_count())
    if wide:
        columns = header(path)
        types = ", ".join("'%s': '%s'" % (name, "VARCHAR" if name in KEYS else "DOUBLE") for name in columns)
        start = time.perf_counter()
        con.execute(
            "CREATE TABLE obs AS SELECT * FROM read_csv(?, header = true, columns = {%s}, nullstr = ?)" % types,
            [path, MISSING],
        )
        seconds = time.perf_counter() - start
        counts = ", ".join('count("%s")' % name for name in columns if name not in KEYS)
        return seconds, sum(con.execute("SELECT %s FROM obs" % counts).fetchone())
    start = time.perf_counter()
    con.execute(
        "CREATE TABLE obs AS SELECT * FROM read_csv(?, header = true, "
        "columns = {'iso3': 'VARCHAR', 'indicator': 'VARCHAR', 'year': 'INTEGER', 'value': 'DOUBLE'}, "
        "nullstr = ?)",
        [path, MISSING],
    )
    seconds = time.perf_counter() - start
    return seconds, con.execute("SELECT count(value) FROM obs").fetchone()[0]


TOOLS = {"polars": load_polars, "duckdb": load_duckdb}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--file", required=True)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--tools", default="polars,duckdb")
    parser.add_argument("--wide", action="store_true", help="a WDI table: a column per year")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.child:
        __import__(options.child)
        seconds, values = TOOLS[options.child](options.file, options.wide)
        print("RESULT %s load_s %r" % (options.child, seconds))
        print("RESULT %s peak_kb %d" % (options.child, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss))
        print("RESULT %s values %d" % (options.child, values))
        return
    for tool in options.tools.split(","):
        if importlib.util.find_spec(tool) is None:
            print("SKIP %s: not installed (pip install %s)" % (tool, tool), flush=True)
            continue
        for _ in range(options.runs):
            run = subprocess.run(
                [sys.executable, __file__, "--file", options.file, "--child", tool] + (["--wide"] if options.wide else []),
                capture_output=True,
                text=True,
            )
            if run.returncode != 0:
                print("FAIL %s: %s" % (tool, run.stderr.strip().splitlines()[-1:] or run.returncode), flush=True)
                break
            sys.stdout.write(run.stdout)
            sys.stdout.flush()


if __name__ == "__main__":
    main()
