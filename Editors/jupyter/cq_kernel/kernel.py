"""The cq kernel: Jupyter's messages mapped onto `cq serve`'s JSON lines.

One `cq serve` process per kernel, so bindings, `use` and `set` carry from
cell to cell. Results come back as text/plain, text/markdown, the JSON
result (application/json) and, for plots, image/svg+xml. A cell that does
not check is a Jupyter error whose traceback is cq's own diagnostic
(cell:line:column, the line, a caret, the help). An interrupt reaches cq
as SIGINT (Jupyter signals the kernel's process group): the statement stops,
the session lives on. The protocol is Editors/PROTOCOL.md.
"""

import json
import os
import shutil
import signal
import subprocess

from ipykernel.kernelbase import Kernel

from . import __version__


def cq_binary():
    """$CQ_BINARY, else `cq` on PATH."""
    return os.environ.get("CQ_BINARY") or shutil.which("cq") or "cq"


class CqKernel(Kernel):
    implementation = "cq_kernel"
    implementation_version = __version__
    language = "cq"
    language_version = "1"
    language_info = {
        "name": "cq",
        "mimetype": "text/x-cq",
        "file_extension": ".cq",
        "pygments_lexer": "cq",
        "codemirror_mode": "sql",
    }
    banner = "cq: a query language for country-level economic indicators"

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._next_id = 0
        self._cq = None
        self._start()

    # MARK: - the cq process

    def _start(self):
        self._cq = subprocess.Popen(
            [cq_binary(), "serve"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            encoding="utf-8",
            bufsize=1,
        )

    def _request(self, op, **fields):
        """Sends one request, returns its answer (a dict); restarts cq if it died."""
        if self._cq is None or self._cq.poll() is not None:
            self._start()
        self._next_id += 1
        fields.update({"id": self._next_id, "op": op})
        self._cq.stdin.write(json.dumps(fields) + "\n")
        self._cq.stdin.flush()
        while True:
            try:
                line = self._cq.stdout.readline()
                break
            except KeyboardInterrupt:
                # The interrupt reached this process too; cq got it as well
                # (or gets it now) and answers with "cancelled".
                self._interrupt_cq()
        if not line:
            self._cq = None
            return {"status": "error", "message": "cq stopped; it is started again for the next cell"}
        return json.loads(line)

    def _interrupt_cq(self):
        if self._cq is not None and self._cq.poll() is None:
            os.kill(self._cq.pid, signal.SIGINT)

    # MARK: - messages

    def do_execute(self, code, silent, store_history=True, user_expressions=None, allow_stdin=False):
        if not code.strip():
            return {"status": "ok", "execution_count": self.execution_count, "payload": [], "user_expressions": {}}
        answer = self._request("execute", code=code)
        outputs = answer.get("outputs", [])
        if not silent:
            for index, output in enumerate(outputs):
                data = {kind: value for kind, value in output.items() if value is not None}
                if index == len(outputs) - 1 and answer.get("status") == "ok":
                    self.send_response(
                        self.iopub_socket,
                        "execute_result",
                        {"execution_count": self.execution_count, "data": data, "metadata": {}},
                    )
                else:
                    self.send_response(self.iopub_socket, "display_data", {"data": data, "metadata": {}})
            for problem in answer.get("problems", []):
                self.send_response(self.iopub_socket, "stream", {"name": "stderr", "text": problem + "\n"})
        status = answer.get("status")
        if status == "ok":
            return {"status": "ok", "execution_count": self.execution_count, "payload": [], "user_expressions": {}}
        if status == "cancelled":
            error = {
                "ename": "Interrupted",
                "evalue": "the statement was interrupted; the session keeps what finished before it",
                "traceback": ["interrupted"],
            }
        else:
            diagnostics = answer.get("diagnostics", [])
            first = diagnostics[0] if diagnostics else {}
            error = {
                "ename": first.get("code", "error"),
                "evalue": first.get("message", answer.get("message", "")),
                "traceback": (answer.get("text") or answer.get("message", "")).rstrip("\n").split("\n"),
            }
        if not silent:
            self.send_response(self.iopub_socket, "error", error)
        return dict(error, status="error", execution_count=self.execution_count)

    def do_complete(self, code, cursor_pos):
        # Jupyter counts code points; cq counts UTF-8 bytes.
        cursor = len(code[:cursor_pos].encode("utf-8"))
        answer = self._request("complete", code=code, cursor=cursor)
        raw = code.encode("utf-8")

        def points(byte_offset):
            return len(raw[:byte_offset].decode("utf-8", errors="ignore"))

        return {
            "status": "ok",
            "matches": answer.get("matches", []),
            "cursor_start": points(answer.get("cursor_start", cursor)),
            "cursor_end": points(answer.get("cursor_end", cursor)),
            "metadata": {},
        }

    def do_inspect(self, code, cursor_pos, detail_level=0, omit_sections=()):
        cursor = len(code[:cursor_pos].encode("utf-8"))
        answer = self._request("inspect", code=code, cursor=cursor)
        found = bool(answer.get("found"))
        return {
            "status": "ok",
            "found": found,
            "data": {"text/plain": answer["text"]} if found else {},
            "metadata": {},
        }

    def do_shutdown(self, restart):
        if self._cq is not None and self._cq.poll() is None:
            try:
                self._request("shutdown")
                self._cq.wait(timeout=5)
            except Exception:
                self._cq.kill()
        self._cq = None
        return {"status": "ok", "restart": restart}
