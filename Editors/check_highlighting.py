#!/usr/bin/env python3
"""Checks cq's highlighting grammars against the language, run by the test
suite (Tests/cqTests/HighlightingTests.swift):

1. both are what Editors/make_highlighting.py makes of Grammar/cq.ebnf now
   (so their keyword lists are the grammar's);
2. the Pygments lexer tokenizes every file in Examples/ and Grammar/valid/,
   and every ```cq block of the lessons, with no Error token;
3. the TextMate grammar does the same, with no `invalid.illegal` scope, run
   the way a TextMate engine runs it: line by line, at each position the
   pattern whose match starts first wins, the earlier pattern on a tie.

    python3 Editors/check_highlighting.py     # needs: pip install pygments
    python3 Editors/check_highlighting.py --only FILE…   # just these files

Exit status 0 when all hold; 1 with each offending place named; 2 when
Pygments is not installed.
"""

import glob
import json
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def sources():
    """(name, text) of every cq program the checks read (or only the files
    named after `--only`, for the test that a bad program is caught)."""
    if "--only" in sys.argv:
        for path in sys.argv[sys.argv.index("--only") + 1 :]:
            yield path, open(path, encoding="utf-8").read()
        return
    paths = sorted(glob.glob(os.path.join(ROOT, "Examples", "*.cq")))
    paths += sorted(glob.glob(os.path.join(ROOT, "Grammar", "valid", "*")))
    for path in paths:
        yield os.path.relpath(path, ROOT), open(path, encoding="utf-8").read()
    for path in sorted(glob.glob(os.path.join(ROOT, "Examples", "lessons", "*.md"))):
        text = open(path, encoding="utf-8").read()
        for number, block in enumerate(re.findall(r"^```cq[^\n]*\n(.*?)^```", text, re.S | re.M), 1):
            yield "%s (cq block %d)" % (os.path.relpath(path, ROOT), number), block


def position(text, offset):
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, column


def check_pygments(problems):
    try:
        from pygments.lexers import load_lexer_from_file
        from pygments.token import Error
    except ImportError:
        return False
    lexer = load_lexer_from_file(os.path.join(ROOT, "Editors", "pygments", "cq_lexer.py"), "CqLexer")
    files = 0
    for name, text in sources():
        files += 1
        for offset, token, value in lexer.get_tokens_unprocessed(text):
            if token in Error:
                line, column = position(text, offset)
                problems.append("pygments: %s:%d:%d: error token %r" % (name, line, column, value))
    return files


def check_textmate(problems):
    grammar = json.load(open(os.path.join(ROOT, "Editors", "vscode", "syntaxes", "cq.tmLanguage.json"), encoding="utf-8"))
    patterns = [(rule["name"], re.compile(rule["match"])) for rule in grammar["patterns"]]
    files = 0
    for name, text in sources():
        files += 1
        for line_number, line in enumerate(text.split("\n"), 1):
            at = 0
            while at < len(line):
                best = None
                for scope, pattern in patterns:
                    match = pattern.search(line, at)
                    if match and match.end() > match.start() and (best is None or match.start() < best[1].start()):
                        best = (scope, match)
                if best is None:
                    break
                scope, match = best
                if scope.startswith("invalid."):
                    problems.append(
                        "textmate: %s:%d:%d: %s %r" % (name, line_number, match.start() + 1, scope, match.group())
                    )
                at = match.end()
    return files


def main():
    problems = []
    stale = subprocess.run([sys.executable, os.path.join(ROOT, "Editors", "make_highlighting.py"), "--check"])
    if stale.returncode != 0:
        problems.append("the grammars are not what Editors/make_highlighting.py makes of Grammar/cq.ebnf")
    textmate_files = check_textmate(problems)
    pygments_files = check_pygments(problems)
    for problem in problems:
        print(problem)
    if pygments_files is False:
        print("SKIP pygments: not installed (pip install pygments)")
        sys.exit(2 if not problems else 1)
    print("checked %d programs with each grammar" % textmate_files)
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
