#!/usr/bin/env python3
"""`use postgres` at WDI scale: a filtered correlation through cq beside the
same statement's SQL run by hand, and the bytes each brings back.

    swift build -c release --product cq-bench --product cq-generate
    python3 Benchmarks/postgres_bench.py [--scale 1] [--runs 5]

Writes the WDI-sized data with cq-generate (15 million observations, 1,500
indicators, 266 economies, 1960–2023) as a cq folder, starts a private
PostgreSQL server (Engines/postgres_server.py), loads the folder as the
tables cq reads, with an index on observations(indicator) as a warehouse
would have, and runs `cq-bench postgres` on it. Needs Debian's postgresql.
"""

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "Engines"))
from postgres_server import Server  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", default="1")
    parser.add_argument("--runs", default="5")
    parser.add_argument("--statement")
    options = parser.parse_args()
    release = os.path.join(ROOT, ".build", "release")
    work = tempfile.mkdtemp(prefix="cq-pg-bench-")
    try:
        folder = os.path.join(work, "wdi")
        subprocess.run([os.path.join(release, "cq-generate"), "--output", os.path.join(work, "wdi-long.csv"),
                        "--scale", options.scale, "--folder", folder,
                        "--countries", os.path.join(ROOT, "Data", "world", "countries.csv")],
                       check=True, cwd=ROOT)
        server = Server()
        started = time.monotonic()
        server.load_folder(folder, markers=True)
        server.execute("CREATE INDEX ON observations (indicator)")
        server.execute("ANALYZE")
        rows = server.execute("SELECT COUNT(*) FROM observations WHERE value IS NOT NULL").stdout.split()[1]
        print("loaded %s observations into PostgreSQL in %.1f s (COPY, index, ANALYZE)"
              % (rows, time.monotonic() - started))
        # What `use` asks first: the year axis (a scan of the observations).
        started = time.monotonic()
        server.execute("SELECT MIN(year), MAX(year) FROM observations "
                       "WHERE value IS NOT NULL AND iso3 IN (SELECT iso3 FROM countries)")
        print("the year axis query alone, through psql: %.0f ms" % ((time.monotonic() - started) * 1000))
        command = [os.path.join(release, "cq-bench"), "postgres", "--location", server.location(),
                   "--runs", options.runs]
        if options.statement:
            command += ["--statement", options.statement]
        sys.stdout.flush()
        subprocess.run(command, check=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
