#!/usr/bin/env python3
"""A user's own indicator beside the built-in `world` dataset, and the
reference for `use "own-index.csv" adding` then
`correlate own_index, gdp_per_capita in 2019`, computed with pandas from
Data/world/observations.csv — independently of cq.

    pip install pandas
    python3 Tests/CQCoreTests/Fixtures/data/own/make_own_reference.py

writes own-index.csv (country names as a user types them, some in other
spellings, one entity that is no country, years 2017-2019 with a gap) and
reference.csv (r, n, p of the correlation in 2019, pairwise).
"""
import math
import os

import pandas as pd
from scipy import stats

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", "..", "..", "..", ".."))

# name as written in the file -> ISO3 (the matching cq must do), value seed
ROWS = [
    ("Germany", "DEU"), ("France", "FRA"), ("Japan", "JPN"), ("Brazil", "BRA"), ("India", "IND"),
    ("Kenya", "KEN"), ("Mexico", "MEX"), ("Poland", "POL"), ("Chile", "CHL"), ("Viet Nam", "VNM"),
    ("Canada", "CAN"), ("Spain", "ESP"), ("Italy", "ITA"), ("Norway", "NOR"), ("Ghana", "GHA"),
    ("Peru", "PER"), ("Egypt, Arab Rep.", "EGY"), ("Indonesia", "IDN"), ("Morocco", "MAR"), ("Sweden", "SWE"),
    ("Kazakhstan", "KAZ"), ("Nigeria", "NGA"), ("Thailand", "THA"), ("Austria", "AUT"), ("Uruguay", "URY"),
    ("Atlantis", None),
]


def main():
    lines = ["country,year,own_index"]
    values = {}
    for i, (name, iso3) in enumerate(ROWS):
        for year in (2017, 2018, 2019):
            if (i + year) % 7 == 0:
                continue  # a gap, as real files have
            value = round(10 + 3 * math.sin(i * 1.7 + year) + i * 0.25, 4)
            lines.append(f'"{name}",{year},{value}')
            if iso3:
                values[(iso3, year)] = value
    with open(os.path.join(HERE, "own-index.csv"), "w") as f:
        f.write("\n".join(lines) + "\n")

    obs = pd.read_csv(os.path.join(ROOT, "Data", "world", "observations.csv"), keep_default_na=False, na_values=[""])
    gdp = obs[(obs.indicator == "gdp_per_capita") & (obs.year == 2019)].set_index("iso3")["value"]
    pairs = [(values[(iso3, 2019)], gdp[iso3]) for (iso3, year) in values if year == 2019 and iso3 in gdp.index]
    x = pd.Series([a for a, _ in pairs])
    y = pd.Series([b for _, b in pairs])
    r = x.corr(y)
    p = stats.pearsonr(x, y).pvalue
    with open(os.path.join(HERE, "reference.csv"), "w") as f:
        f.write("statistic,value\n")
        f.write(f"r,{float(r)!r}\nn,{len(pairs)}\np,{float(p)!r}\n")


if __name__ == "__main__":
    main()
