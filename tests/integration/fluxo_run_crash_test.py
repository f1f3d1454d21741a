"""At-least-once across crashes and restarts: `fluxo run` killed with SIGKILL, then started again.

The embedded broker (`fluxo kafka`) runs as its own process; inputs are produced and outputs
read with kafka-python, and the expected results are computed here. Two queries run, with
their state in RocksDB under one `state.dir` kept across restarts:

- a projection: every input record must come out (0 lost), and every output record must be
  an exact copy of an expected one (a duplicate is an exact replay),
- a count per key: the last value of every key must be its true count, and no value may ever
  exceed it (a replayed record is never counted twice in the state).

`fluxo run` is killed with SIGKILL three times while it works, restarted each time, and then
stopped cleanly (SIGTERM, exit 0). Then a clean restart must resume without reprocessing:
records produced while it was down are counted once on top of the committed counts. Last, the
state directory is deleted: the state comes back from the changelog topics and the counts go
on from there.

With FLUXO_TEST_STREAM_THREADS=N in the environment, `fluxo run` gets num.stream.threads=N: the
queries that split by partition run as one task per partition (each with its own RocksDB and
changelog partition), polled by N threads, and everything above must hold the same.

Usage: .cache/test-venv/bin/python tests/integration/fluxo_run_crash_test.py PATH/TO/fluxo
"""

from __future__ import annotations

import os
import random
import shutil
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from fluxo_process import FluxoRun  # noqa: E402
from kafka_helpers import EmbeddedKafka, consume_all, produce_json  # noqa: E402
from test_harness import TestFailure, check, main  # noqa: E402

PARTITIONS = 4
RECORDS = 60_000
KEYS = 50

SQL = """
SET 'auto.offset.reset' = 'earliest';
SET 'commit.interval.ms' = '200';
CREATE STREAM events (id STRING KEY, seq BIGINT, amount INT)
  WITH (KAFKA_TOPIC = 'events', VALUE_FORMAT = 'JSON');
CREATE STREAM copied WITH (KAFKA_TOPIC = 'copied') AS
  SELECT id, seq, amount * 2 AS doubled FROM events;
CREATE TABLE counts WITH (KAFKA_TOPIC = 'counts') AS
  SELECT id, COUNT(*) AS n FROM events GROUP BY id;
"""


def events(first_seq: int, count: int, rng: random.Random):
    return [(f"k{rng.randrange(KEYS)}", {"seq": seq, "amount": rng.randint(1, 100)})
            for seq in range(first_seq, first_seq + count)]


def check_projection(bootstrap: str, produced) -> None:
    want = Counter((key, v["seq"], v["amount"] * 2) for key, v in produced)
    deadline = time.monotonic() + 120
    while True:
        got = consume_all(bootstrap, "copied", idle_timeout_s=3)
        copies = Counter((r.key, r.value["SEQ"], r.value["DOUBLED"]) for r in got)
        missing = want - copies
        if not missing or time.monotonic() > deadline:
            break
        time.sleep(1)
    check(not missing, f"projection: all {len(produced)} input records came out "
                       f"({sum(missing.values())} missing)")
    unexpected = set(copies) - set(want)
    check(not unexpected, f"projection: every one of the {len(got)} output records is an exact "
                          f"copy of an expected one ({len(got) - len(produced)} replays)")


def check_counts(bootstrap: str, produced) -> None:
    want = Counter(key for key, _ in produced)
    deadline = time.monotonic() + 120
    while True:
        got = consume_all(bootstrap, "counts", idle_timeout_s=3)
        last = {}
        highest = Counter()
        for record in sorted(got, key=lambda r: (r.partition, r.offset)):
            last[record.key] = record.value["N"]
            highest[record.key] = max(highest[record.key], record.value["N"])
        if last == dict(want) or time.monotonic() > deadline:
            break
        time.sleep(1)
    wrong = {k: (last.get(k), n) for k, n in want.items() if last.get(k) != n}
    check(not wrong, f"counts: the last count of each of the {len(want)} keys is its true count "
                     f"(wrong: {dict(list(wrong.items())[:5])})")
    over = {k: (highest[k], n) for k, n in want.items() if highest[k] > n}
    check(not over, "counts: no count ever exceeded the true count (nothing counted twice)")


def run(fluxo: str) -> None:
    rng = random.Random(5)
    state_dir = tempfile.mkdtemp(prefix="fluxo-crash-state-")
    settings = {"state.dir": state_dir}
    threads = os.environ.get("FLUXO_TEST_STREAM_THREADS")
    if threads:
        settings["num.stream.threads"] = threads
        print(f"num.stream.threads={threads}", flush=True)
    with EmbeddedKafka(fluxo, topics={"events": PARTITIONS}) as broker:
        produced = events(0, RECORDS, rng)
        produce_json(broker.bootstrap, "events", produced)
        kills = 0
        for _ in range(3):
            with FluxoRun(fluxo, SQL, bootstrap=broker.bootstrap, settings=settings) as crashing:
                crashing.wait_for_log("running; stop with")
                time.sleep(rng.uniform(0.05, 0.5))
                crashing.kill()
                kills += 1
        print(f"PASS fluxo run was killed with SIGKILL {kills} times while processing", flush=True)
        with FluxoRun(fluxo, SQL, bootstrap=broker.bootstrap, settings=settings) as final:
            try:
                final.wait_for_log("running; stop with")
                check_projection(broker.bootstrap, produced)
                check_counts(broker.bootstrap, produced)
            except Exception:
                print("fluxo run's log:\n" + final.log(), flush=True)
                raise
            check(final.stop() == 0, "SIGTERM stops fluxo run with exit 0")
        if threads:
            # One task per partition, each with its own database, for both queries (they split).
            tasks = sorted(p.name for p in (Path(state_dir) / "fluxo").iterdir())
            check(tasks == [f"{query}-{p}" for query in ("CSAS_COPIED_0", "CTAS_COUNTS_1")
                            for p in range(PARTITIONS)],
                  f"each query runs one task per partition, each with its own state ({tasks})")

        # Down cleanly: 1000 more records arrive; a restart counts them once, on top.
        more = events(RECORDS, 1000, rng)
        produce_json(broker.bootstrap, "events", more)
        with FluxoRun(fluxo, SQL, bootstrap=broker.bootstrap, settings=settings) as restarted:
            try:
                restarted.wait_for_log("resumes from its state")
                check_counts(broker.bootstrap, produced + more)
            except Exception:
                print("fluxo run's log:\n" + restarted.log(), flush=True)
                raise
            check(restarted.stop() == 0, "the restarted fluxo run stops with exit 0")

        # The state directory is lost (a new machine): the state comes back from the changelog
        # topics, and the query resumes from the offsets committed with it.
        shutil.rmtree(state_dir)
        last = events(RECORDS + 1000, 1000, rng)
        produce_json(broker.bootstrap, "events", last)
        with FluxoRun(fluxo, SQL, bootstrap=broker.bootstrap, settings=settings) as rebuilt:
            try:
                rebuilt.wait_for_log("from its changelogs")
                check_counts(broker.bootstrap, produced + more + last)
            except Exception:
                print("fluxo run's log:\n" + rebuilt.log(), flush=True)
                raise
            check(rebuilt.stop() == 0, "fluxo run rebuilt from the changelogs stops with exit 0")


if __name__ == "__main__":
    sys.exit(main(run))
