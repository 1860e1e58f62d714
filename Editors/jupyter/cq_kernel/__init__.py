"""A Jupyter kernel for cq: a thin wrapper over a long-running `cq serve`."""

__version__ = "0.1.0"
