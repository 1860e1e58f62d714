#!/usr/bin/env python3
"""Runs cq statements through `use postgres "…"` on a real PostgreSQL server
and compares every result with the same statements on the same data in
memory:

    python3 Engines/check_use_postgres.py --cq .build/debug/cq

A private server is started for the run (Engines/postgres_server.py: Debian's
postgresql, initdb as a non-root user, a Unix socket in a temporary folder).
The data is the built-in `world` (Data/world) plus two indicators with large
offsets (gdp_per_capita + 1e8, and gdp_per_capita * 1000 + 1e12), written as
a cq folder; the folder is loaded into the server as the tables
observations, countries, memberships and indicators, and into cq with
`use "folder"`. Every statement's `--format json` object must be the same in
both: numbers to 1e-12 relative (r, p, estimates, sums), everything else —
n, ledgers, dropped-country lists, groups, labels — identical.

Then the failures a user meets: connection refused, a missing table, a
missing permission, a password in the connection string (never printed),
and a server that goes away in the middle of a session (the statement fails
with E704, the session goes on).

Exit 1 if anything differs, 2 if PostgreSQL is not installed.
"""

import argparse
import csv
import json
import math
import os
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from check_sql import CORRELATIONS, COUNTS, WORLD  # noqa: E402

OFFSETS = [
    "correlate gdp_plus_1e8, life_expectancy in 2019",
    "correlate gdp_plus_1e8, life_expectancy during 2000..2024",
    "correlate gdp_thousand_plus_1e12, life_expectancy in 2015",
    "correlate gdp_thousand_plus_1e12, gdp_plus_1e8 during 2010..2020",
    "correlate gdp_plus_1e8, rnd using spearman in 2018",
    "correlate gdp_thousand_plus_1e12, rnd using kendall in 2018",
    "summarize gdp_plus_1e8, gdp_thousand_plus_1e12 in 2019",
    "regress life_expectancy on gdp_thousand_plus_1e12 in 2019",
]

OTHERS = [
    "summarize gdp_per_capita, rnd by eu in 2019",
    'summarize life_expectancy where region = "EU" during 2000..2010',
    "summarize",
    'list gdp_per_capita, growth(gdp_per_capita) where country = "DEU" during 2015..2019',
    "list rnd, gdp_per_capita where oecd in 2019 sort by rnd desc limit 10",
    "rank rnd in 2019 top 5",
    "rank life_expectancy where continent = \"Africa\" in 2010",
    "regress life_expectancy on log(gdp_per_capita) in 2019",
    "regress life_expectancy on log(gdp_per_capita), rnd robust in 2018",
    "regress life_expectancy on log(gdp_per_capita) with country effects cluster by country",
    "regress log(gdp_per_capita) on rnd with country and year effects during 2005..2019",
    "correlate rnd, gdp_per_capita, life_expectancy, patents in 2015",
    "correlate rnd, gdp_per_capita by eu compare in 2019",
    "correlate growth(gdp_per_capita), rnd during 2010..2019",
    "correlate lag(rnd), gdp_per_capita during 2001..2019",
    "correlate cagr(gdp_per_capita), mean(rnd) during 2005..2015",
    "explain correlate rnd, gdp_per_capita in 2019",
    "explain regress life_expectancy on rnd in 2017",
    "plot life_expectancy against log(gdp_per_capita) in 2019",
    'plot gdp_per_capita over year where country in ("DEU", "FRA")',
    "count countries where rnd > 3 by oecd in 2019",
    "countries where g7 in 2019",
    "countries where brics",
    "describe rnd",
    "describe gdp_thousand_plus_1e12",
    "describe region",
    "describe eu",
    "indicators",
    'indicators "gdp"',
    "let richness = log(gdp_per_capita)",
    "correlate richness, life_expectancy in 2019",
    "describe richness",
    "set year = 2010..2015",
    "correlate rnd, patents",
    "count countries",
]

STATEMENTS = CORRELATIONS + COUNTS + OFFSETS + OTHERS


def write_folder(folder):
    """Data/world plus the two offset indicators, as a cq folder."""
    os.makedirs(folder)
    for name in ("countries.csv", "memberships.csv"):
        shutil.copy(os.path.join(WORLD, name), folder)
    with open(os.path.join(WORLD, "indicators.csv"), encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    header = rows[0]
    for id_, label in (("gdp_plus_1e8", "GDP per capita + 1e8"),
                       ("gdp_thousand_plus_1e12", "GDP per capita × 1000 + 1e12")):
        row = dict.fromkeys(header, "")
        row.update(id=id_, label=label, unit="current US$", kind="usd")
        rows.append([row[name] for name in header])
    with open(os.path.join(folder, "indicators.csv"), "w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)
    with open(os.path.join(WORLD, "observations.csv"), encoding="utf-8", newline="") as handle:
        observations = list(csv.reader(handle))
    extra = []
    for iso3, indicator, year, value in observations[1:]:
        if indicator == "gdp_per_capita" and value != "":
            # repr: the shortest text that reads back as the same double, in
            # cq and in PostgreSQL alike.
            extra.append([iso3, "gdp_plus_1e8", year, repr(float(value) + 1e8)])
            extra.append([iso3, "gdp_thousand_plus_1e12", year, repr(float(value) * 1000 + 1e12)])
    with open(os.path.join(folder, "observations.csv"), "w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(observations + extra)


def run_cq(cq, script, expect_success=True, format="json"):
    out = subprocess.run([cq, "--format", format, "-"], input=script, capture_output=True, text=True)
    if expect_success and out.returncode != 0:
        raise RuntimeError("cq failed (%d):\n%s" % (out.returncode, out.stderr))
    return out


def differences(a, b, path="$"):
    """Where two JSON values differ: numbers beyond 1e-12 relative, anything else at all."""
    if isinstance(a, bool) or isinstance(b, bool) or a is None or b is None or isinstance(a, str):
        return [] if a == b else ["%s: %r != %r" % (path, a, b)]
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        if isinstance(a, int) and isinstance(b, int):
            return [] if a == b else ["%s: %r != %r" % (path, a, b)]
        if math.isclose(a, b, rel_tol=1e-12, abs_tol=1e-300) or (math.isnan(a) and math.isnan(b)):
            return []
        return ["%s: %r != %r" % (path, a, b)]
    if isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            return ["%s: %d items != %d items" % (path, len(a), len(b))]
        found = []
        for index, (x, y) in enumerate(zip(a, b)):
            found += differences(x, y, "%s[%d]" % (path, index))
        return found
    if isinstance(a, dict) and isinstance(b, dict):
        if list(a) != list(b):
            return ["%s: keys %s != %s" % (path, list(a), list(b))]
        found = []
        for key in a:
            found += differences(a[key], b[key], "%s.%s" % (path, key))
        return found
    return ["%s: %r != %r" % (path, a, b)]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cq", required=True)
    options = parser.parse_args()
    try:
        from postgres_server import Server
        server = Server()
    except ImportError as missing:
        print("SKIP: %s" % missing)
        sys.exit(2)
    work = tempfile.mkdtemp(prefix="cq-use-postgres-")
    # Named `postgres` so that both datasets have the name results mention.
    folder = os.path.join(work, "postgres")
    try:
        write_folder(folder)
        server.load_folder(folder)
        location = server.location()
        failures = 0

        def report(ok, what, detail=""):
            nonlocal failures
            print(("ok   " if ok else "FAIL ") + what + ("" if ok else "\n     " + detail))
            failures += 0 if ok else 1

        body = "\n".join(STATEMENTS) + "\n"
        memory = run_cq(options.cq, 'use "%s"\n' % folder + body).stdout.splitlines()
        database = run_cq(options.cq, 'use postgres "%s"\n' % location + body).stdout.splitlines()
        if len(memory) != len(STATEMENTS) + 1 or len(database) != len(STATEMENTS) + 1:
            report(False, "one result per statement", "in memory %d lines, through PostgreSQL %d, for %d statements"
                   % (len(memory), len(database), len(STATEMENTS) + 1))
        for statement, mine, theirs in zip(STATEMENTS, memory[1:], database[1:]):
            found = differences(json.loads(mine), json.loads(theirs))
            report(not found, statement, "; ".join(found[:5]))
        print("%d statements through use postgres, each compared with the same data in memory" % len(STATEMENTS))

        # The same tables in a schema under other names, named by the options
        # (`countries` and `indicators` are keywords elsewhere in cq).
        server.load_folder(folder, schema="wdi")
        for table, name in (("observations", "obs"), ("countries", "ctry"), ("memberships", "groups"),
                            ("indicators", "series")):
            server.execute('ALTER TABLE wdi.%s RENAME TO %s' % (table, name))
        renamed = ('use postgres "%s" (schema = "wdi", observations = "obs", countries = "ctry", '
                   'memberships = "groups", indicators = "series")\n' % location)
        positions = list(range(10)) + [len(STATEMENTS) - len(OTHERS) + i for i in range(6)]
        sample = [STATEMENTS[i] for i in positions]
        elsewhere = run_cq(options.cq, renamed + "\n".join(sample) + "\n").stdout.splitlines()[1:]
        found = [d for i, theirs in zip(positions, elsewhere)
                 for d in differences(json.loads(memory[1 + i]), json.loads(theirs))]
        report(len(elsewhere) == len(sample) and not found, "tables named by options, in a schema",
               "%d results for %d statements; %s" % (len(elsewhere), len(sample), "; ".join(found[:3])))

        def failing(what, script, must, must_not=()):
            out = run_cq(options.cq, script, expect_success=False, format="table")
            text = out.stdout + out.stderr
            problems = ["exit status %d, wanted 65" % out.returncode] if out.returncode != 65 else []
            problems += ["lacks %r" % piece for piece in must if piece not in text]
            problems += ["shows %r" % piece for piece in must_not if piece in text]
            report(not problems, what, "; ".join(problems) + "\n" + text)

        failing("connection refused", 'use postgres "postgresql://cq:sekrit@127.0.0.1:1/postgres"\n',
                ["error[E704]", "Connection refused", "help:"], ["sekrit"])
        failing("a password in key=value form is never printed",
                "use postgres \"%s password='se cret'\" (observations = \"nope\")\n" % location,
                ["error[E704]", "relation \"nope\" does not exist", "observations = \"…\""], ["se cret", "cret"])
        failing("a missing table", 'use postgres "%s" (schema = "stats")\n' % location,
                ["error[E704]", 'relation "stats.observations" does not exist', "lacks a table cq reads"])
        server.execute("CREATE ROLE reader LOGIN; GRANT SELECT ON countries TO reader")
        failing("a missing permission", 'use postgres "%s"\n' % server.location(user="reader"),
                ["error[E704]", "permission denied", "GRANT SELECT"])
        failing("an unknown option", 'use postgres "%s" (table = "x")\n' % location,
                ["error[E703]", "there is no option `table`"])

        # The server goes away mid-session: the statement fails, the session goes on.
        cq = subprocess.Popen([options.cq, "--format", "json", "-i"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True)
        cq.stdin.write('use postgres "%s"\ncount countries in 2019\n' % location)
        cq.stdin.flush()
        first = [cq.stdout.readline(), cq.stdout.readline()]
        server.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'cq'")
        cq.stdin.write("count countries in 2019\nuse world\ncount countries in 2019\n")
        out, err = cq.communicate(timeout=60)
        lost = "error[E704]" in err and "PostgreSQL" in err
        after = out.splitlines()
        ok = (json.loads(first[1]).get("count") == 214 or json.loads(first[1]).get("count") is not None) and lost \
            and len(after) == 2 and json.loads(after[1]).get("statement") == "count"
        report(ok, "a lost connection fails the statement and the session goes on",
               "first %r; then stdout %r; stderr %r" % (first, out, err))
        print("%d failing" % failures if failures else "all agree")
        sys.exit(1 if failures else 0)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
