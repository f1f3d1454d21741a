"""`fluxo run FILE.sql` as a subprocess for integration tests.

``FluxoRun`` writes the SQL to a file (or runs a given .sql file as it is), starts ``fluxo run``
against a broker, and stops it with SIGTERM (a clean stop: exit 0 expected) or SIGKILL (a crash).
Its stderr goes to a file that ``log()`` returns, for failure messages; ``log()`` still returns
it after the ``with`` block.

Example::

    with FluxoRun(fluxo, sql, bootstrap=broker.bootstrap) as run:
        ...  # read its output topics with an independent client
        assert run.stop() == 0
"""

from __future__ import annotations

import os
import signal
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Mapping, Sequence


class FluxoRun:
    """One ``fluxo run`` process. ``sql``: the statements, or a Path to run that file itself.
    ``settings`` become ``--set key=value`` options."""

    def __init__(
        self,
        fluxo: str | os.PathLike,
        sql: str | Path,
        bootstrap: str,
        settings: Mapping[str, str] | None = None,
        extra_args: Sequence[str] = (),
    ) -> None:
        self.fluxo = str(fluxo)
        self._dir = tempfile.TemporaryDirectory(prefix="fluxo-run-")
        if isinstance(sql, Path):
            self.sql_path = sql
        else:
            self.sql_path = Path(self._dir.name) / "queries.sql"
            self.sql_path.write_text(sql)
        self.bootstrap = bootstrap
        self.settings = dict(settings or {})
        self.extra_args = list(extra_args)
        self._log_path = Path(self._dir.name) / "stderr.log"
        self.process: subprocess.Popen | None = None
        self._final_log: str | None = None

    def start(self) -> "FluxoRun":
        command = [self.fluxo, "run", str(self.sql_path), "--bootstrap-servers", self.bootstrap]
        for name, value in self.settings.items():
            command += ["--set", f"{name}={value}"]
        command += self.extra_args
        with open(self._log_path, "ab") as log:
            self.process = subprocess.Popen(
                command, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT
            )
        return self

    def wait_for_log(self, text: str, timeout_s: float = 60.0) -> None:
        """Waits until ``text`` appears in the log; raises if the process exits first."""
        deadline = time.monotonic() + timeout_s
        while text not in self.log():
            if self.process is not None and self.process.poll() is not None:
                raise RuntimeError(
                    f"fluxo run exited {self.process.returncode} before logging {text!r}:\n"
                    + self.log()
                )
            if time.monotonic() > deadline:
                raise TimeoutError(f"fluxo run did not log {text!r} in {timeout_s} s:\n" + self.log())
            time.sleep(0.1)

    def log(self) -> str:
        if self._final_log is not None:
            return self._final_log
        try:
            return self._log_path.read_text(errors="replace")
        except FileNotFoundError:
            return ""

    def stop(self, timeout_s: float = 30.0) -> int:
        """SIGTERM, then SIGKILL after ``timeout_s``; returns the exit code (0: clean stop)."""
        if self.process is None:
            return 0
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout_s)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        return self.process.returncode

    def kill(self) -> None:
        """SIGKILL: a crash, nothing flushed or committed."""
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait()

    def __enter__(self) -> "FluxoRun":
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.kill()
        self._final_log = self.log()
        self._dir.cleanup()
