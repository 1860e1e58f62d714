#!/usr/bin/env python3
"""Examples/notebooks/paper.ipynb: the paper lesson (Examples/lessons/paper.md)
as a notebook for the cq kernel, and the check that it still runs.

    python3 Editors/jupyter/paper_notebook.py --write --cq .build/debug/cq
        builds the notebook from the lesson (prose as Markdown cells, each
        ```cq block as a code cell; a ```cq error block is tagged
        raises-exception), runs it, and records its outputs;
    python3 Editors/jupyter/paper_notebook.py --cq .build/debug/cq
        runs `jupyter nbconvert --to notebook --execute` on the committed
        notebook and compares every cell's outputs with the recorded ones.

The kernel is installed into a temporary Jupyter path for the run. Exit 0
when the outputs match, 1 with the first differences, 2 when nbconvert or
ipykernel is not installed. Run by Tests/cqTests/NotebookTests.swift.
"""

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
LESSON = os.path.join(ROOT, "Examples", "lessons", "paper.md")
NOTEBOOK = os.path.join(ROOT, "Examples", "notebooks", "paper.ipynb")


def cells_of_lesson():
    """Markdown and code cells, in the lesson's order; output blocks dropped."""
    text = open(LESSON, encoding="utf-8").read()
    cells, prose = [], []
    parts = re.split(r"^(```[^\n]*\n.*?^```[ \t]*\n?)", text, flags=re.S | re.M)
    for part in parts:
        fence = re.match(r"```([^\n]*)\n(.*?)^```", part, re.S | re.M)
        if not fence:
            prose.append(part)
            continue
        info, body = fence.group(1).split(), fence.group(2)
        if info and info[0] == "output":
            continue
        if "".join(prose).strip():
            cells.append({"cell_type": "markdown", "metadata": {}, "source": "".join(prose).strip("\n")})
        prose = []
        if info and info[0] == "cq":
            metadata = {"tags": ["raises-exception"]} if "error" in info[1:] else {}
            cells.append({"cell_type": "code", "metadata": metadata, "source": body.rstrip("\n"),
                          "outputs": [], "execution_count": None})
        else:
            cells.append({"cell_type": "markdown", "metadata": {}, "source": part.strip("\n")})
    if "".join(prose).strip():
        cells.append({"cell_type": "markdown", "metadata": {}, "source": "".join(prose).strip("\n")})
    return cells


def notebook(cells):
    return {
        "cells": cells,
        "metadata": {
            "kernelspec": {"name": "cq", "display_name": "cq", "language": "cq"},
            "language_info": {"name": "cq", "file_extension": ".cq", "mimetype": "text/x-cq"},
        },
        "nbformat": 4,
        "nbformat_minor": 5,
    }


def install_kernel(prefix, cq):
    subprocess.run([sys.executable, os.path.join(HERE, "install.py"), "--prefix", prefix, "--cq", cq],
                   check=True, stdout=subprocess.DEVNULL)
    os.environ["JUPYTER_PATH"] = os.path.join(prefix, "share", "jupyter")


def execute(path, output, cq):
    """`jupyter nbconvert --to notebook --execute`, as a user would run it."""
    with tempfile.TemporaryDirectory() as prefix:
        install_kernel(prefix, cq)
        run = subprocess.run(
            [sys.executable, "-m", "jupyter", "nbconvert", "--to", "notebook", "--execute",
             "--ExecutePreprocessor.kernel_name=cq", "--ExecutePreprocessor.timeout=120",
             "--output", os.path.abspath(output), path],
            capture_output=True, text=True, env=dict(os.environ))
        if run.returncode != 0:
            print(run.stderr[-3000:])
            sys.exit(1)


def outputs(nb):
    """What each code cell showed, without what changes from run to run."""
    shown = []
    for cell in nb["cells"]:
        if cell["cell_type"] != "code":
            continue
        items = []
        for output in cell.get("outputs", []):
            kind = output["output_type"]
            if kind in ("execute_result", "display_data"):
                data = output.get("data", {})
                items.append((kind, {k: data[k] for k in sorted(data) if k != "application/json"},
                              json.dumps(data.get("application/json"), sort_keys=True)))
            elif kind == "error":
                items.append((kind, output.get("ename"), "\n".join(output.get("traceback", []))))
            elif kind == "stream":
                items.append((kind, output.get("name"), output.get("text")))
        shown.append((cell["source"] if isinstance(cell["source"], str) else "".join(cell["source"]), items))
    return shown


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cq", required=True)
    parser.add_argument("--write", action="store_true")
    options = parser.parse_args()
    options.cq = os.path.abspath(options.cq)
    try:
        import ipykernel  # noqa: F401
        import nbconvert  # noqa: F401
        import nbformat  # noqa: F401
    except ImportError as missing:
        print("SKIP: %s (pip install nbconvert ipykernel)" % missing)
        sys.exit(2)
    if options.write:
        os.makedirs(os.path.dirname(NOTEBOOK), exist_ok=True)
        with tempfile.TemporaryDirectory() as folder:
            source = os.path.join(folder, "paper.ipynb")
            with open(source, "w", encoding="utf-8") as out:
                json.dump(notebook(cells_of_lesson()), out, indent=1, ensure_ascii=False)
            execute(source, NOTEBOOK, options.cq)
        print("wrote %s" % os.path.relpath(NOTEBOOK, ROOT))
        return
    with tempfile.TemporaryDirectory() as folder:
        result = os.path.join(folder, "executed.ipynb")
        execute(NOTEBOOK, result, options.cq)
        recorded = outputs(json.load(open(NOTEBOOK, encoding="utf-8")))
        executed = outputs(json.load(open(result, encoding="utf-8")))
    differences = 0
    if len(recorded) != len(executed):
        print("the notebook has %d code cells, the executed one %d" % (len(recorded), len(executed)))
        sys.exit(1)
    for (source, mine), (_, theirs) in zip(recorded, executed):
        if mine != theirs:
            differences += 1
            print("cell differs: %s\n  recorded: %s\n  executed: %s" % (source[:80], str(mine)[:600], str(theirs)[:600]))
    if differences:
        print("%d cell(s) differ; if the change is intended: python3 Editors/jupyter/paper_notebook.py --write --cq CQ"
              % differences)
        sys.exit(1)
    print("all %d code cells match their recorded outputs" % len(recorded))


if __name__ == "__main__":
    main()
