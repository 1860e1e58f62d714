"""A private PostgreSQL server for a test run, and the cq folder layout
loaded into it as tables.

initdb into a temporary folder (as the `postgres` user when run as root,
which initdb refuses), listening only on a Unix socket in that folder, with
trust authentication for local users; stopped and removed at exit. Needs
Debian's `postgresql` package (initdb, pg_ctl) and psql.
"""

import atexit
import csv
import glob
import os
import shutil
import subprocess
import tempfile


class Server:
    def __init__(self):
        versions = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
        if not versions:
            raise ImportError("no PostgreSQL server (apt-get install postgresql)")
        bindir = os.path.dirname(versions[-1])
        self.folder = tempfile.mkdtemp(prefix="cq-pg-")
        os.chmod(self.folder, 0o777)
        data = os.path.join(self.folder, "data")
        as_server = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        subprocess.run(as_server + [os.path.join(bindir, "initdb"), "-D", data, "-A", "trust", "-U", "cq",
                                    "--no-sync"], check=True, capture_output=True)
        subprocess.run(as_server + [os.path.join(bindir, "pg_ctl"), "-D", data, "-l",
                                    os.path.join(self.folder, "log"), "-w", "-o",
                                    "-k %s -c listen_addresses='' -c fsync=off" % self.folder, "start"],
                       check=True, capture_output=True)

        def stop():
            subprocess.run(as_server + [os.path.join(bindir, "pg_ctl"), "-D", data, "-m", "immediate", "stop"],
                           capture_output=True)
            shutil.rmtree(self.folder, ignore_errors=True)

        atexit.register(stop)

    def location(self, user="cq", database="postgres"):
        """A libpq connection string for this server."""
        return "host=%s user=%s dbname=%s" % (self.folder, user, database)

    def execute(self, sql, stdin=None, user="cq"):
        psql = ["psql", "-h", self.folder, "-U", user, "-d", "postgres", "-v", "ON_ERROR_STOP=1", "-q"]
        return subprocess.run(psql + ["--csv", "-c", sql], input=stdin, capture_output=True, text=True,
                              check=True)

    def load_folder(self, folder, schema=None, markers=False):
        """observations, countries, memberships (and indicators, when the
        folder has indicators.csv) as tables, in `schema` if given. With
        `markers`, observations.csv may hold `..` for a missing value (as
        cq-generate writes): it is read as text by psql's \\copy (streamed
        from the file) and converted."""
        prefix = ""
        if schema:
            self.execute('CREATE SCHEMA "%s"' % schema)
            prefix = '"%s".' % schema

        def header(name):
            with open(os.path.join(folder, name), encoding="utf-8") as handle:
                return next(csv.reader(handle))

        self.execute("CREATE TABLE %sobservations (iso3 text, indicator text, year integer, value double precision)"
                     % prefix)
        self.execute("CREATE TABLE %scountries (%s)" % (
            prefix, ", ".join('"%s" text' % name for name in header("countries.csv"))))
        self.execute("CREATE TABLE %smemberships (iso3 text, grp text, from_year integer, to_year integer)" % prefix)
        tables = [("observations", "observations.csv"), ("countries", "countries.csv"),
                  ("memberships", "memberships.csv")]
        if os.path.exists(os.path.join(folder, "indicators.csv")):
            self.execute("CREATE TABLE %sindicators (%s)" % (
                prefix, ", ".join('"%s" text' % name for name in header("indicators.csv"))))
            tables.append(("indicators", "indicators.csv"))
        if markers:
            tables.remove(("observations", "observations.csv"))
            self.execute("CREATE TABLE raw_observations (iso3 text, indicator text, year integer, value text)")
            self.execute("\\copy raw_observations FROM '%s' WITH (FORMAT csv, HEADER true)"
                         % os.path.join(folder, "observations.csv"))
            self.execute("INSERT INTO %sobservations SELECT iso3, indicator, year, "
                         "CAST(NULLIF(NULLIF(value, '..'), '') AS double precision) FROM raw_observations" % prefix)
            self.execute("DROP TABLE raw_observations")
        for table, name in tables:
            with open(os.path.join(folder, name), encoding="utf-8") as handle:
                text = handle.read()
            self.execute("COPY %s%s FROM STDIN WITH (FORMAT csv, HEADER true, NULL '')" % (prefix, table),
                         stdin=text)
