#!/usr/bin/env python3
"""Writes Sources/CQData/Names/CountryNames+Table.swift from country-names.csv.

    python3 Data/names/make_country_names.py

The CSV is the table cq matches country names with (see README.md beside
this script); the Swift file holds it verbatim as a string literal, so the
program reads no file at run time and builds its lookup only when a name is
first matched. Run this after editing the CSV: `CountryNameMatchingTests` fails
while the two differ. Python's standard library only.

Checks the CSV before writing: the header, three fields a row, codes of
three capital letters (several, separated by spaces, only for a name marked
`ambiguous`), publishers from the list below, each spelling once. Whether
two spellings fold to the same key is checked by the Swift tests, since the
folding is Swift's.
"""
import csv
import io
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
SOURCE = os.path.join(HERE, "country-names.csv")
TARGET = os.path.join(ROOT, "Sources", "CQData", "Names", "CountryNames+Table.swift")
PUBLISHERS = ["cq", "wdi", "imf", "un", "oecd", "eurostat", "pwt", "gapminder", "owid", "iso", "common"]


def check(text):
    problems = []
    rows = list(csv.reader(io.StringIO(text)))
    if not rows or rows[0] != ["iso3", "name", "source"]:
        problems.append("the header must be iso3,name,source")
    seen = set()
    for number, row in enumerate(rows[1:], start=2):
        if len(row) != 3:
            problems.append(f"line {number}: {len(row)} fields, not 3")
            continue
        codes, name, source = row
        codes = codes.split(" ")
        if not all(re.fullmatch(r"[A-Z]{3}", code) for code in codes):
            problems.append(f"line {number}: `{row[0]}` is not a code of three capital letters")
        if source == "ambiguous":
            if len(codes) < 2:
                problems.append(f"line {number}: an ambiguous name needs two codes or more")
        else:
            if len(codes) != 1:
                problems.append(f"line {number}: several codes, but the source is not `ambiguous`")
            tags = source.split(" ")
            unknown = [tag for tag in tags if tag not in PUBLISHERS]
            if unknown or not tags:
                problems.append(f"line {number}: unknown publisher {unknown}; known: {' '.join(PUBLISHERS)}")
        if name != name.strip() or not name:
            problems.append(f"line {number}: the name is empty or has spaces around it")
        if name in seen:
            problems.append(f"line {number}: `{name}` is listed twice")
        seen.add(name)
        if '"""#' in name:
            problems.append(f"line {number}: the name would end the Swift string")
    return problems


def main():
    with open(SOURCE, encoding="utf-8", newline="") as file:
        text = file.read()
    if not text.endswith("\n") or "\r" in text:
        sys.exit("country-names.csv: use LF line ends and end the file with one")
    problems = check(text)
    if problems:
        sys.exit("country-names.csv:\n  " + "\n  ".join(problems))
    body = "".join("        " + line + "\n" for line in text[:-1].split("\n"))
    swift = (
        "// Written by Data/names/make_country_names.py from Data/names/country-names.csv:\n"
        "// edit the CSV and run the script, not this file (CountryNameMatchingTests compares them).\n"
        "\n"
        "extension CountryNames {\n"
        "    /// Data/names/country-names.csv as it is, without its last line end.\n"
        '    static let csv = #"""\n'
        f"{body}"
        '        """#\n'
        "}\n"
    )
    with open(TARGET, "w", encoding="utf-8", newline="\n") as file:
        file.write(swift)
    print(f"wrote {os.path.relpath(TARGET, ROOT)}: {text.count(chr(10)) - 1} spellings")


if __name__ == "__main__":
    main()
