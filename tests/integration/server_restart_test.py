"""`fluxo server` stopped and started again: streams, tables and queries come back from the
command topic, and the state is restored, so counts continue instead of restarting from zero.

The embedded broker (`fluxo kafka`) runs as its own process, so that it outlives the servers.
Statements go through /ksql and rows in through /inserts-stream (the REST API), counts are read
with pull queries (/query-stream), and the table's topic is also read with kafka-python. Both
servers use the same `service.id` and `state.dir`.

Usage: .cache/test-venv/bin/python tests/integration/server_restart_test.py PATH/TO/fluxo
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from kafka_helpers import EmbeddedKafka, consume_all  # noqa: E402
from test_harness import TestFailure, check, main  # noqa: E402


class Server:
    """`fluxo server --listen 127.0.0.1:0`; `url` comes from its first line."""

    def __init__(self, fluxo: str, bootstrap: str, state_dir: str, log_path: Path,
                 settings: dict[str, str] | None = None) -> None:
        """``settings`` (more ``--set`` options) may override service.id and the others."""
        self.log_path = log_path
        configured = {"state.dir": state_dir, "service.id": "restart_test",
                      "commit.interval.ms": "100", **(settings or {})}
        command = [fluxo, "server", "--listen", "127.0.0.1:0", "--bootstrap-servers", bootstrap]
        for name, value in configured.items():
            command += ["--set", f"{name}={value}"]
        with open(log_path, "ab") as log:
            self.process = subprocess.Popen(command, stdin=subprocess.DEVNULL,
                                            stdout=subprocess.PIPE, stderr=log)
        line = self.process.stdout.readline().decode().strip()
        if not line.startswith("Listening on "):
            raise TestFailure(f"fluxo server printed {line!r}:\n{self.log()}")
        self.url = line.split("Listening on ", 1)[1]

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def post(self, path: str, body: str, content_type: str = "application/json"):
        request = urllib.request.Request(self.url + path, data=body.encode(), method="POST",
                                         headers={"Content-Type": content_type})
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()

    def ksql(self, statements: str, properties: dict | None = None):
        body = {"ksql": statements, "streamsProperties": properties or {}}
        status, text = self.post("/ksql", json.dumps(body))
        if status != 200:
            raise TestFailure(f"/ksql {statements!r} -> {status} {text}")
        return json.loads(text)

    def insert(self, stream: str, rows: list[dict]) -> None:
        body = json.dumps({"target": stream}) + "\n" + "\n".join(json.dumps(r) for r in rows)
        status, text = self.post("/inserts-stream", body)
        if status != 200 or text.count('"ok"') != len(rows):
            raise TestFailure(f"/inserts-stream -> {status} {text}")

    def count(self, user: int) -> int | None:
        body = json.dumps({"sql": f"SELECT VIEWS FROM VIEW_COUNTS WHERE USER_ID = {user};"})
        status, text = self.post("/query-stream", body)
        if status != 200:
            return None
        lines = [line for line in text.splitlines() if line.strip()]
        rows = [json.loads(line) for line in lines[1:]]
        return rows[0][0] if rows else None

    def wait_for_count(self, user: int, expected: int, timeout_s: float = 60) -> int | None:
        deadline = time.monotonic() + timeout_s
        got = self.count(user)
        while got != expected and time.monotonic() < deadline:
            time.sleep(0.3)
            got = self.count(user)
        return got

    def stop(self) -> int:
        self.process.send_signal(signal.SIGTERM)
        try:
            return self.process.wait(30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            return self.process.wait()


def run(fluxo: str) -> None:
    work = Path(tempfile.mkdtemp(prefix="fluxo-restart-"))
    state_dir = str(work / "state")
    # 4 partitions: the mock broker auto-creates the table's topic with 4, as the sink inherits.
    with EmbeddedKafka(fluxo, topics={"pageviews": 4}) as broker:
        first = Server(fluxo, broker.bootstrap, state_dir, work / "server1.log")
        try:
            first.ksql("CREATE STREAM PAGEVIEWS (USER_ID INT KEY, PAGE STRING) "
                       "WITH (KAFKA_TOPIC='pageviews', VALUE_FORMAT='JSON');")
            first.ksql("CREATE TABLE VIEW_COUNTS AS SELECT USER_ID, COUNT(*) AS VIEWS "
                       "FROM PAGEVIEWS GROUP BY USER_ID EMIT CHANGES;",
                       {"auto.offset.reset": "latest"})  # A fresh start would count 2.
            first.insert("PAGEVIEWS", [{"USER_ID": 1, "PAGE": p} for p in ["a", "b", "c"]])
            check(first.wait_for_count(1, 3) == 3, "the first server counts 3 views of user 1")
        except Exception:
            print("first server's log:\n" + first.log(), flush=True)
            raise
        finally:
            code = first.stop()
        check(code == 0, "SIGTERM stops the first server with exit 0")

        second = Server(fluxo, broker.bootstrap, state_dir, work / "server2.log")
        try:
            listed = second.ksql("LIST STREAMS; LIST TABLES; SHOW QUERIES;")
            names = json.dumps(listed)
            check("PAGEVIEWS" in names and "VIEW_COUNTS" in names and "CTAS_VIEW_COUNTS_0" in names,
                  "after a restart the stream, the table and its query are back (command topic)")
            second.insert("PAGEVIEWS", [{"USER_ID": 1, "PAGE": "d"}, {"USER_ID": 1, "PAGE": "e"}])
            check("resumes from its state" in second.log(),
                  "the replayed query opens its state where the first server committed it")
            got = second.wait_for_count(1, 5)
            check(got == 5, "the count continues from the restored state and offsets: 5, not 2 "
                            f"(got {got})")
            counts = [r.value["VIEWS"] for r in consume_all(broker.bootstrap, "VIEW_COUNTS",
                                                            idle_timeout_s=2)]
            check(counts and max(counts) == 5 and counts[-1] == 5,
                  f"the table's topic (kafka-python) ends at 5 and never went above: {counts}")
        except Exception:
            print("second server's log:\n" + second.log(), flush=True)
            raise
        finally:
            code = second.stop()
        check(code == 0, "SIGTERM stops the second server with exit 0")


if __name__ == "__main__":
    sys.exit(main(run))
