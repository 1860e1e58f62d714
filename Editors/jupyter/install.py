#!/usr/bin/env python3
"""Installs the cq Jupyter kernel from this repository, in one command:

    python3 Editors/jupyter/install.py --user [--cq /path/to/cq]

(`--sys-prefix` installs into the current virtual environment, `--prefix
DIR` under DIR.) The kernel spec runs this folder's `cq_kernel` with the
Python that ran this script (which needs `pip install ipykernel`), and the
`cq` binary given by --cq, else $CQ_BINARY, else `cq` on PATH.
"""

import argparse
import json
import os
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--user", action="store_true")
    where.add_argument("--sys-prefix", action="store_true")
    where.add_argument("--prefix")
    parser.add_argument("--cq", help="the cq binary the kernel runs")
    options = parser.parse_args()
    from jupyter_client.kernelspec import KernelSpecManager

    env = {"PYTHONPATH": HERE}
    if options.cq:
        env["CQ_BINARY"] = os.path.abspath(options.cq)
    spec = {
        "argv": [sys.executable, "-m", "cq_kernel", "-f", "{connection_file}"],
        "display_name": "cq",
        "language": "cq",
        "interrupt_mode": "signal",
        "env": env,
    }
    with tempfile.TemporaryDirectory() as folder:
        with open(os.path.join(folder, "kernel.json"), "w") as out:
            json.dump(spec, out, indent=2)
        prefix = sys.prefix if options.sys_prefix else options.prefix
        path = KernelSpecManager().install_kernel_spec(folder, "cq", user=options.user, prefix=prefix)
    print("installed the cq kernel in %s" % path)


if __name__ == "__main__":
    main()
