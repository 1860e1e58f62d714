#!/usr/bin/env python3
"""The peers of `cq-bench scale`: how long polars and DuckDB take to load a
long-form CSV (iso3,indicator,year,value) into a table, and their peak memory.

    python3 Benchmarks/peers_load.py --file FILE [--runs 3] [--tools polars,duckdb]

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


def load_polars(path):
    import polars as pl

    start = time.perf_counter()
    table = pl.read_csv(
        path,
        schema={"iso3": pl.String, "indicator": pl.String, "year": pl.Int32, "value": pl.Float64},
        null_values=MISSING,
    )
    seconds = time.perf_counter() - start
    return seconds, table["value"].count()


def load_duckdb(path):
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
    seconds = time.perf_counter() - start
    return seconds, con.execute("SELECT count(value) FROM obs").fetchone()[0]


TOOLS = {"polars": load_polars, "duckdb": load_duckdb}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--file", required=True)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--tools", default="polars,duckdb")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.child:
        __import__(options.child)
        seconds, values = TOOLS[options.child](options.file)
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
                [sys.executable, __file__, "--file", options.file, "--child", tool], capture_output=True, text=True
            )
            if run.returncode != 0:
                print("FAIL %s: %s" % (tool, run.stderr.strip().splitlines()[-1:] or run.returncode), flush=True)
                break
            sys.stdout.write(run.stdout)
            sys.stdout.flush()


if __name__ == "__main__":
    main()
