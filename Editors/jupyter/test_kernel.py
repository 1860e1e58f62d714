#!/usr/bin/env python3
"""Drives the cq kernel with the real jupyter_client, as a notebook would:

    python3 Editors/jupyter/test_kernel.py --cq .build/debug/cq

installs the kernel spec into a temporary Jupyter path, starts the kernel,
executes cells that bind, use, fail and plot, asks for completion of
`region = "E` and for inspection, interrupts a statement that runs for
seconds, and checks the rich outputs, the error's line:column, the
completions, and that the interrupt returns within a second with the
session intact. Prints one line per check; exit 1 if any fails, 2 if
jupyter_client or ipykernel is not installed. Run by
Tests/cqTests/NotebookTests.swift.
"""

import argparse
import os
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
FAILURES = []


def check(condition, what, detail=""):
    print(("ok   " if condition else "FAIL ") + what + ("" if condition else ": " + str(detail)[:2000]))
    if not condition:
        FAILURES.append(what)


def run_cell(client, code, timeout=60):
    """Executes a cell; returns (reply content, [iopub messages of the cell])."""
    msg_id = client.execute(code)
    messages = []
    while True:
        message = client.get_iopub_msg(timeout=timeout)
        if message["parent_header"].get("msg_id") != msg_id:
            continue
        if message["msg_type"] == "status" and message["content"]["execution_state"] == "idle":
            break
        messages.append(message)
    reply = client.get_shell_msg(timeout=timeout)
    return reply["content"], messages


def outputs(messages, kind):
    return [m["content"] for m in messages if m["msg_type"] == kind]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--cq", required=True)
    options = parser.parse_args()
    try:
        import ipykernel  # noqa: F401
        import jupyter_client  # noqa: F401
    except ImportError as missing:
        print("SKIP: %s (pip install jupyter_client ipykernel)" % missing)
        sys.exit(2)

    with tempfile.TemporaryDirectory() as prefix:
        subprocess.run(
            [sys.executable, os.path.join(HERE, "install.py"), "--prefix", prefix, "--cq", options.cq],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        os.environ["JUPYTER_PATH"] = os.path.join(prefix, "share", "jupyter")
        from jupyter_client.manager import start_new_kernel

        manager, client = start_new_kernel(kernel_name="cq", startup_timeout=60)
        try:
            exercise(manager, client)
        finally:
            client.stop_channels()
            manager.shutdown_kernel(now=True)
    print("%d check(s) failed" % len(FAILURES) if FAILURES else "all checks passed")
    sys.exit(1 if FAILURES else 0)


def exercise(manager, client):
    info = client.kernel_info(reply=True)["content"]
    check(info["language_info"]["name"] == "cq", "kernel_info names the language cq", info)

    # Bind, then use the binding in a later cell.
    reply, messages = run_cell(client, "let x = gdp_per_capita")
    check(reply["status"] == "ok", "a let runs", reply)
    reply, messages = run_cell(client, "correlate x, life_expectancy in 2019")
    results = outputs(messages, "execute_result")
    check(reply["status"] == "ok" and len(results) == 1, "a binding carries to the next cell", reply)
    data = results[0]["data"] if results else {}
    check("r = " in data.get("text/plain", ""), "text/plain holds r", data)
    check(data.get("text/markdown", "").startswith("**Pearson's r of x and life_expectancy**"),
          "text/markdown holds the result as Markdown", data.get("text/markdown"))
    check(isinstance(data.get("application/json"), dict) and "r" in str(data.get("application/json")),
          "application/json holds the result as JSON", data.get("application/json"))

    # use: another dataset for the rest of the session.
    reply, messages = run_cell(client, "use extended")
    check(reply["status"] == "ok", "use extended runs", reply)
    reply, messages = run_cell(client, "summarize tfp_level_rel_usa in 2010")
    check(reply["status"] == "ok", "the dataset from use carries to the next cell", reply)

    # A failing cell: an error with cq's diagnostic, line and column.
    reply, messages = run_cell(client, "let y = 1\ncorrelate x, nope")
    errors = outputs(messages, "error")
    check(reply["status"] == "error" and reply.get("ename") == "E301", "an unknown name is error E301", reply)
    traceback = "\n".join(errors[0]["traceback"]) if errors else ""
    check("cell:2:14" in traceback and "^" in traceback, "the error gives cell:2:14 and a caret", traceback)
    reply, messages = run_cell(client, "count countries in 2019")
    check(reply["status"] == "ok", "the session survives an error", reply)

    # A plot: SVG.
    reply, messages = run_cell(client, "plot gdp_per_capita against life_expectancy in 2015")
    results = outputs(messages, "execute_result")
    svg = results[0]["data"].get("image/svg+xml", "") if results else ""
    check(svg.lstrip().startswith("<svg") or "<svg" in svg[:200], "a plot comes as image/svg+xml", svg[:200])

    # Completion of a value.
    code = 'summarize gdp where region = "E'
    reply = client.complete(code, len(code), reply=True)["content"]
    check('"EU"' in reply["matches"] and '"Europe & Central Asia"' in reply["matches"],
          'region = "E completes to "EU" and "Europe & Central Asia"', reply)
    check(code[reply["cursor_start"]:reply["cursor_end"]] == '"E', "the completion replaces the typed \"E", reply)

    # Inspection: a statement's syntax, an indicator's description.
    reply = client.inspect("correlate", 3, reply=True)["content"]
    check(reply["found"] and "correlate X, Y" in reply["data"].get("text/plain", ""), "inspect of correlate", reply)
    reply = client.inspect("summarize tfp_level_rel_usa", 15, reply=True)["content"]
    check(reply["found"] and "TFP" in reply["data"].get("text/plain", ""), "inspect of an indicator", reply)

    # Interrupt: a statement of several seconds stops within a second.
    every = (
        "gdp_per_capita, gdp_per_capita_ppp, gdp, gdp_growth, gni_per_capita_atlas, population, rnd, fdi, "
        "fdi_pct_gdp, hightech_exports, hightech_exports_usd, patents, patents_nonresident, researchers, "
        "journal_articles, life_expectancy, tertiary_enrollment, mobile_per_100, broadband, "
        "secure_servers_per_million, exports_pct_gdp, inflation, unemployment, education_spending_pct_gdp, "
        "co2_per_capita, gini, ip_receipts_usd, urban_pct, military_pct_gdp, investment_pct_gdp, industry_pct_gdp, "
        "gdp_per_worker_ppp, human_capital_index, tfp_level_rel_usa"
    )
    msg_id = client.execute("correlate %s using kendall" % every)
    time.sleep(0.5)
    interrupted = time.time()
    manager.interrupt_kernel()
    reply = client.get_shell_msg(timeout=30)
    elapsed = time.time() - interrupted
    check(reply["parent_header"].get("msg_id") == msg_id and reply["content"]["status"] == "error"
          and reply["content"].get("ename") == "Interrupted", "the long statement is interrupted", reply["content"])
    check(elapsed < 1.0, "the interrupt returns within a second", "%.2f s" % elapsed)
    while True:  # the interrupted cell's remaining iopub messages
        message = client.get_iopub_msg(timeout=10)
        if (message["parent_header"].get("msg_id") == msg_id and message["msg_type"] == "status"
                and message["content"]["execution_state"] == "idle"):
            break
    reply, messages = run_cell(client, "correlate x, life_expectancy in 2019")
    check(reply["status"] == "ok", "the session is intact after the interrupt (x is still bound)", reply)
    check(manager.is_alive(), "the kernel lives on")


if __name__ == "__main__":
    main()
