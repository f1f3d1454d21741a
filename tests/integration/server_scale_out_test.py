"""Two `fluxo server`s with one service.id and `scale.out=true` on the embedded broker: a query
created through one runs on both (the other follows the command topic), they split its
partitions through a consumer group, and when one stops the other takes every partition over.
A pull query sent to either server answers for the whole table: the server completes its own
share with the other's (PeerDirectory, /internal/pull-share); while a killed server's
partitions are not taken over yet, pull queries are refused with 503, never answered in part.

The embedded broker (`fluxo kafka`) runs as its own process. Statements go through /ksql of the
first server, rows in through /inserts-stream, each server's share is read from its /metrics
(`fluxo_query_owned_partitions`, `fluxo_query_records_read_total`), and the table's topic is
read with kafka-python: the last count of every user must be exactly the number of views sent.

Usage: .cache/test-venv/bin/python tests/integration/server_scale_out_test.py PATH/TO/fluxo
"""

from __future__ import annotations

import json
import re
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from kafka_helpers import EmbeddedKafka, consume_all  # noqa: E402
from server_restart_test import Server  # noqa: E402
from test_harness import TestFailure, check, main  # noqa: E402

QUERY = "CTAS_VIEW_COUNTS_0"
USERS = 20
SETTINGS = {"service.id": "scale_test", "scale.out": "true"}


def metric(server: Server, name: str) -> int | None:
    """The value of `name` for the query in the server's /metrics (None: not there)."""
    with urllib.request.urlopen(server.url + "/metrics", timeout=10) as response:
        text = response.read().decode()
    found = re.search(r"^" + name + r'\{query_id="' + QUERY + r'"[^}]*\} (-?\d+)', text,
                      re.MULTILINE)
    return int(found.group(1)) if found else None


def wait_for_shares(servers: list[Server], want: list[int], timeout_s: float = 60) -> list:
    """Waits until each server owns `want[i]` partitions of the query."""
    deadline = time.monotonic() + timeout_s
    owned: list = []
    while time.monotonic() < deadline:
        owned = [metric(server, "fluxo_query_owned_partitions") for server in servers]
        if owned == want:
            return owned
        time.sleep(0.3)
    raise TestFailure(f"the servers own {owned} partitions of {QUERY}, not {want}")


def views(server: Server, per_user: int, page: str) -> None:
    server.insert("PAGEVIEWS", [{"USER_ID": user, "PAGE": page}
                                for _ in range(per_user) for user in range(1, USERS + 1)])


def wait_for_counts(bootstrap: str, expected: int, timeout_s: float = 60) -> dict:
    """The last VIEWS of every user in the table's topic, once all are `expected`."""
    deadline = time.monotonic() + timeout_s
    last: dict = {}
    while time.monotonic() < deadline:
        for record in consume_all(bootstrap, "VIEW_COUNTS", idle_timeout_s=1):
            last[record.raw_key] = record.value["VIEWS"]
        if len(last) == USERS and set(last.values()) == {expected}:
            return last
        time.sleep(0.5)
    raise TestFailure(f"the users' last counts are {sorted(last.values())}, not all {expected}")


def pull(server: Server, sql: str) -> tuple[int, list]:
    """The status and rows of pull query `sql` on /query-stream (delimited rows)."""
    status, text = server.post("/query-stream", json.dumps({"sql": sql}))
    if status != 200:
        return status, [text]
    return status, [json.loads(line) for line in text.splitlines()[1:] if line.strip()]


def wait_for_table(server: Server, expected: int, timeout_s: float = 30) -> list:
    """SELECT * FROM VIEW_COUNTS on `server` until it has every user at `expected` views."""
    deadline = time.monotonic() + timeout_s
    got: tuple = (0, [])
    while time.monotonic() < deadline:
        got = pull(server, "SELECT USER_ID, VIEWS FROM VIEW_COUNTS;")
        if got[0] == 200 and sorted(got[1]) == [[user, expected]
                                                 for user in range(1, USERS + 1)]:
            return got[1]
        time.sleep(0.3)
    raise TestFailure(f"pull query on {server.url}: {got}")


def check_pull_queries(servers: list[Server], expected: int) -> None:
    """Each server answers pull queries on the whole table, the rows its peer holds included."""
    for name, server in zip(("first", "second"), servers):
        wait_for_table(server, expected)
        check(True, f"SELECT on the {name} server gives all {USERS} users at {expected} views "
                    "(its own partitions and the other server's)")
        answers = [pull(server, f"SELECT VIEWS FROM VIEW_COUNTS WHERE USER_ID = {user};")
                   for user in range(1, USERS + 1)]
        check(all(answer == (200, [[expected]]) for answer in answers),
              f"a key lookup on the {name} server finds every user, wherever its partition runs")
        status, rows = pull(server, "SELECT * FROM VIEW_COUNTS LIMIT 13;")
        check(status == 200 and len(rows) == 13, f"LIMIT 13 gives 13 rows ({status}, {len(rows)})")


def check_no_partial_answers(server: Server, expected: int, timeout_s: float = 60) -> None:
    """Pull queries on `server` right after its peer was killed: each one is refused with 503
    naming the missing partitions, or holds the whole table; the whole table comes back."""
    deadline = time.monotonic() + timeout_s
    refused = 0
    whole = [[user, expected] for user in range(1, USERS + 1)]
    while time.monotonic() < deadline:
        status, rows = pull(server, "SELECT USER_ID, VIEWS FROM VIEW_COUNTS;")
        if status == 200:
            check(sorted(rows) == whole,
                  f"after the kill, every answer is 503 or the whole table ({refused} answers "
                  "were 503 before the survivor took the partitions over)")
            return
        if status != 503 or "cannot be answered whole" not in rows[0] or "50300" not in rows[0]:
            raise TestFailure(f"pull query after the kill: {status} {rows}")
        refused += 1
        time.sleep(0.2)
    raise TestFailure(f"no whole answer {timeout_s} s after the kill ({refused} refusals)")


def run(fluxo: str) -> None:
    work = Path(tempfile.mkdtemp(prefix="fluxo-scale-servers-"))
    with EmbeddedKafka(fluxo, topics={"pageviews": 4}) as broker:
        first = Server(fluxo, broker.bootstrap, str(work / "a"), work / "a.log", SETTINGS)
        second = Server(fluxo, broker.bootstrap, str(work / "b"), work / "b.log", SETTINGS)
        servers = [first, second]
        try:
            first.ksql("CREATE STREAM PAGEVIEWS (USER_ID INT KEY, PAGE STRING) "
                       "WITH (KAFKA_TOPIC='pageviews', VALUE_FORMAT='JSON');")
            first.ksql("CREATE TABLE VIEW_COUNTS AS SELECT USER_ID, COUNT(*) AS VIEWS "
                       "FROM PAGEVIEWS GROUP BY USER_ID EMIT CHANGES;")
            owned = wait_for_shares(servers, [2, 2])
            check(True, f"the second server runs the query created through the first (command "
                        f"topic), and each owns 2 of its 4 partitions ({owned})")
            views(first, 10, "a")
            wait_for_counts(broker.bootstrap, 10)
            read = [metric(server, "fluxo_query_records_read_total") for server in servers]
            check(all(r and r > 0 for r in read) and sum(read) == 10 * USERS,
                  f"both servers count views, {10 * USERS} in all (records read: {read})")
            check(True, f"every one of the {USERS} users' last count is 10 (kafka-python)")
            check_pull_queries(servers, 10)

            check(first.stop() == 0, "SIGTERM stops the first server with exit 0")
            wait_for_shares([second], [4])
            check(True, "the second server takes every partition over")
            views(second, 5, "b")
            wait_for_counts(broker.bootstrap, 15)
            check(True, "every user's last count is 15: the partitions taken over went on from "
                        "their state in the changelogs")
            wait_for_table(second, 15)
            check(True, "the second server, alone, answers the whole table from its own tasks")

            # A third server joins and is killed: until the second has its partitions back, a
            # pull query is refused (503) rather than answered with half the table.
            third = Server(fluxo, broker.bootstrap, str(work / "c"), work / "c.log",
                           {**SETTINGS, "kafka.session.timeout.ms": "6000"})
            servers.append(third)
            wait_for_shares([second, third], [2, 2])
            wait_for_table(second, 15)
            third.process.kill()
            third.process.wait()
            check_no_partial_answers(second, 15)
        except Exception:
            for name, server in zip(("first", "second", "third"), servers):
                print(f"{name} server's log:\n" + server.log(), flush=True)
            raise
        finally:
            for server in servers:
                if server.process.poll() is None:
                    server.stop()
        check(second.process.returncode == 0, "SIGTERM stops the second server with exit 0")


if __name__ == "__main__":
    sys.exit(main(run))
