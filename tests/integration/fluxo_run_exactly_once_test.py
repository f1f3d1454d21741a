"""Exactly once across crashes on a real Kafka broker: `fluxo run` under
`processing.guarantee=exactly_once_v2`, killed with SIGKILL at 5 points and restarted each time.

A real Apache Kafka broker (KRaft, scripts/kafka-broker.sh) runs the transactions; inputs are
produced and outputs read with kafka-python, and the expected output is computed here.

The input: 100,000 keyed JSON records on a 4-partition topic (each key on one partition,
timestamps increasing, so no record is late), produced 50 at a time over about 50 s while
`fluxo run` works, so that every kill finds input left to process. The query: COUNT and SUM per key per 10-second
tumbling window, with the record cache off (`cache.max.bytes.buffering=0`), so that every input
record yields exactly one output update whatever the commit timing: the uninterrupted run's
output is, per key and window, the sequence of running (COUNT, SUM) pairs.

`fluxo run` is killed with SIGKILL 5 times while it works (once the input records it committed,
read from its offsets changelog, grew by a seeded random amount since it started) and
restarted over the same state.dir; before one restart the state.dir is deleted, so the state
comes back from the changelog topics read read_committed. Then the output read with
isolation.level=read_committed must equal the expected output as a multiset: 0 lost, 0
duplicated. How many extra records a read_uncommitted reader sees (aborted transactions) is
printed for information.

Last, fencing: a second `fluxo run` of the same file with the same service.id and another
state.dir takes the query's transactional id over; when more input arrives, the first one must
log that it stopped writing, and the output must still count every record exactly once.

Usage: .cache/test-venv/bin/python tests/integration/fluxo_run_exactly_once_test.py PATH/TO/fluxo
"""

from __future__ import annotations

import random
import shutil
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from fluxo_process import FluxoRun  # noqa: E402
from kafka_helpers import RealKafka, consume_all, create_topic  # noqa: E402
from test_harness import TestFailure, check  # noqa: E402

PARTITIONS = 4
RECORDS = 100_000
EXTRA_RECORDS = 500
KEYS = 40
WINDOW_MS = 10_000
STEP_MS = 5  # Between consecutive records: 100,000 records span about 500 s (50 windows).
# The first record's timestamp: a window boundary about 10 minutes ago, so that the windows are
# the same on every run and the broker's time retention (7 days) never deletes a record.
BASE_TIMESTAMP_MS = (int(time.time() * 1000) // WINDOW_MS - 60) * WINDOW_MS
KILLS = 5
DELETE_STATE_BEFORE_RESTART = 3  # After the 3rd kill, the restart finds no state.dir.

SQL = """
CREATE STREAM events (id STRING KEY, amount INT)
  WITH (KAFKA_TOPIC = 'events', VALUE_FORMAT = 'JSON');
CREATE TABLE sums WITH (KAFKA_TOPIC = 'sums') AS
  SELECT id, AS_VALUE(id) AS k, WINDOWSTART AS ws, COUNT(*) AS n, SUM(amount) AS total
  FROM events WINDOW TUMBLING (SIZE 10 SECONDS) GROUP BY id;
"""


def make_events(first: int, count: int, rng: random.Random):
    """(key, amount, timestamp) tuples; timestamps increase with the sequence number."""
    return [(f"k{rng.randrange(KEYS)}", rng.randint(1, 100), BASE_TIMESTAMP_MS + seq * STEP_MS)
            for seq in range(first, first + count)]


def produce(bootstrap: str, events, chunk: int = 0, pause_s: float = 0.0) -> None:
    """Keyed JSON records with kafka-python: its default partitioner puts each key on one
    partition, so each partition gets its keys' records in timestamp order. With `chunk`, the
    records go out `chunk` at a time with a pause after each: input that keeps arriving, so
    that the kills land while there is input left to process, however fast the machine."""
    from kafka import KafkaProducer
    import json

    producer = KafkaProducer(bootstrap_servers=bootstrap, acks="all", linger_ms=20,
                             batch_size=256 * 1024)
    step = chunk or len(events) or 1
    try:
        for start in range(0, len(events), step):
            futures = [
                producer.send("events", key=key.encode(),
                              value=json.dumps({"amount": amount},
                                               separators=(",", ":")).encode(),
                              timestamp_ms=timestamp)
                for key, amount, timestamp in events[start:start + step]
            ]
            producer.flush()
            for future in futures:
                future.get(timeout=60)
            if pause_s > 0:
                time.sleep(pause_s)
    finally:
        producer.close()


class PacedProducer(threading.Thread):
    """``produce`` in chunks on a thread of its own; ``finish`` joins it and re-raises its error."""

    def __init__(self, bootstrap: str, events, chunk: int, pause_s: float) -> None:
        super().__init__(daemon=True)
        self._args = (bootstrap, events, chunk, pause_s)
        self.error: BaseException | None = None

    def run(self) -> None:
        try:
            produce(*self._args)
        except BaseException as error:  # noqa: BLE001 - handed to the test's thread
            self.error = error

    def finish(self, timeout_s: float = 120) -> None:
        self.join(timeout_s)
        if self.is_alive():
            raise TestFailure(f"producing the input took more than {timeout_s} s")
        if self.error is not None:
            raise self.error


def expected_output(events) -> Counter:
    """What an uninterrupted run emits: per input record, its key's window's running
    (COUNT, SUM), as (key, window start, count, sum)."""
    running = defaultdict(lambda: [0, 0])
    want = Counter()
    for key, amount, timestamp in events:
        window = timestamp - timestamp % WINDOW_MS
        state = running[(key, window)]
        state[0] += 1
        state[1] += amount
        want[(key, window, state[0], state[1])] += 1
    return want


def output_of(records) -> Counter:
    return Counter((r.value["K"], r.value["WS"], r.value["N"], r.value["TOTAL"]) for r in records)


class CommittedInput:
    """How many input records the query has committed: the next input offsets of its last
    committed transaction, read read_committed from its offsets changelog topic (kept open
    and read on from where it was, so that asking often costs little)."""

    TOPIC = "fluxo-CTAS_SUMS_0-offsets-changelog"  # <service.id>-<query id>-offsets-changelog

    def __init__(self, bootstrap: str) -> None:
        from kafka import KafkaConsumer

        self.consumer = KafkaConsumer(bootstrap_servers=bootstrap, client_id="fluxo-test-progress",
                                      enable_auto_commit=False, isolation_level="read_committed",
                                      fetch_max_wait_ms=10)
        self.offsets: dict[str, int] = {}
        self.assigned = False

    def count(self) -> int:
        from kafka import TopicPartition

        if not self.assigned:
            if not self.consumer.partitions_for_topic(self.TOPIC):
                return 0
            partition = TopicPartition(self.TOPIC, 0)
            self.consumer.assign([partition])
            self.consumer.seek_to_beginning(partition)
            self.assigned = True
        while True:
            batch = self.consumer.poll(timeout_ms=10)
            if not batch:
                return sum(self.offsets.values())
            for records in batch.values():
                for record in records:
                    key = record.key.decode()
                    if key.startswith("offset:"):
                        self.offsets[key] = int(record.value)

    def close(self) -> None:
        self.consumer.close()


def wait_for_output(bootstrap: str, want: Counter, timeout_s: float = 120) -> Counter:
    """Reads the output read_committed until it holds as many records as expected (or stops
    growing after the deadline); returns what it read."""
    total = sum(want.values())
    deadline = time.monotonic() + timeout_s
    while True:
        got = output_of(consume_all(bootstrap, "sums", expected=total, idle_timeout_s=3,
                                    timeout_s=90, isolation_level="read_committed"))
        if sum(got.values()) >= total or time.monotonic() > deadline:
            return got
        time.sleep(1)


def compare(got: Counter, want: Counter, what: str) -> None:
    lost = want - got
    duplicated = got - want
    check(not lost, f"{what}: all {sum(want.values())} expected output records are there "
                    f"({sum(lost.values())} lost, e.g. {list(lost.items())[:3]})")
    check(not duplicated, f"{what}: no output record appears more often than expected "
                          f"({sum(duplicated.values())} duplicated or wrong, "
                          f"e.g. {list(duplicated.items())[:3]})")


def run(fluxo: str) -> None:
    rng = random.Random(20260506)
    state_dir = tempfile.mkdtemp(prefix="fluxo-eos-state-")
    settings = {
        "state.dir": state_dir,
        "processing.guarantee": "exactly_once_v2",
        "cache.max.bytes.buffering": "0",
        "auto.offset.reset": "earliest",
    }
    try:
        with RealKafka() as kafka:
            create_topic(kafka.bootstrap, "events", partitions=PARTITIONS)
            events = make_events(0, RECORDS, rng)
            want = expected_output(events)
            # The input keeps arriving while fluxo run is killed and restarted, 50 records every
            # 20 ms or so (about 50 s in all): the kills land with input still to process, and
            # since fluxo run then keeps finding input and commits every 100 ms, mostly inside
            # an open transaction.
            paced = PacedProducer(kafka.bootstrap, events, chunk=50, pause_s=0.02)
            paced.start()

            # Kill points: once the committed input has grown by a seeded random amount since
            # the start (then a moment more, so that most kills land inside a transaction).
            progress = CommittedInput(kafka.bootstrap)
            committed_at_kill: list[int] = []
            kills = 0
            restored = False
            while kills < KILLS:
                if kills == DELETE_STATE_BEFORE_RESTART:
                    shutil.rmtree(state_dir)
                with FluxoRun(fluxo, SQL, bootstrap=kafka.bootstrap, settings=settings) as crashing:
                    crashing.wait_for_log("running; stop with", timeout_s=120)
                    if kills == DELETE_STATE_BEFORE_RESTART:
                        restored = "from its changelogs" in crashing.log()
                        if not restored:
                            print("fluxo run's log without state.dir:\n" + crashing.log(),
                                  flush=True)
                    target = progress.count() + rng.randint(4_000, 15_000)
                    deadline = time.monotonic() + 60
                    while progress.count() < target:
                        if time.monotonic() > deadline:
                            raise TestFailure("fluxo run made no progress for 60 s:\n"
                                              + crashing.log())
                        if crashing.process.poll() is not None:
                            raise TestFailure("fluxo run exited on its own:\n" + crashing.log())
                        time.sleep(0.02)
                    time.sleep(rng.uniform(0.0, 0.1))
                    crashing.kill()
                    kills += 1
                    committed_at_kill.append(progress.count())
                    print(f"killed fluxo run with SIGKILL after {committed_at_kill[-1]} committed "
                          f"input records (target {target})", flush=True)
            progress.close()
            paced.finish()
            check(sum(want.values()) == RECORDS, f"{RECORDS} input records produced")
            check(kills == KILLS and all(c < RECORDS for c in committed_at_kill),
                  f"fluxo run was killed with SIGKILL {KILLS} times before it had committed all "
                  f"the input (after {committed_at_kill} input records)")
            check(restored, "after the state.dir was deleted, the state came back from the "
                            "changelogs")

            with FluxoRun(fluxo, SQL, bootstrap=kafka.bootstrap, settings=settings) as final:
                try:
                    final.wait_for_log("running; stop with", timeout_s=120)
                    got = wait_for_output(kafka.bootstrap, want)
                    compare(got, want, "read_committed after 5 crashes")
                except Exception:
                    print("fluxo run's log:\n" + final.log(), flush=True)
                    raise
                uncommitted = consume_all(kafka.bootstrap, "sums", idle_timeout_s=3,
                                          timeout_s=90, isolation_level="read_uncommitted")
                print(f"INFO a read_uncommitted reader sees {len(uncommitted)} records: "
                      f"{len(uncommitted) - RECORDS} from aborted transactions", flush=True)

                # Fencing: a second instance with the same service.id takes the query over.
                other_state = tempfile.mkdtemp(prefix="fluxo-eos-state-2-")
                try:
                    second_settings = dict(settings, **{"state.dir": other_state})
                    with FluxoRun(fluxo, SQL, bootstrap=kafka.bootstrap,
                                  settings=second_settings) as second:
                        try:
                            second.wait_for_log("running; stop with", timeout_s=120)
                            extra = make_events(RECORDS, EXTRA_RECORDS, rng)
                            produce(kafka.bootstrap, extra)
                            final.wait_for_log("stopped writing for good", timeout_s=60)
                            check(True, "the first instance, fenced by the second, logged that "
                                        "it stopped writing")
                            all_want = expected_output(events + extra)
                            got = wait_for_output(kafka.bootstrap, all_want)
                            compare(got, all_want, "read_committed after fencing")
                        except Exception:
                            print("first fluxo run's log:\n" + final.log(), flush=True)
                            print("second fluxo run's log:\n" + second.log(), flush=True)
                            raise
                        check(second.stop() == 0, "SIGTERM stops the second fluxo run with exit 0")
                finally:
                    shutil.rmtree(other_state, ignore_errors=True)
                check(final.stop() == 0, "SIGTERM stops the fenced fluxo run with exit 0")
    finally:
        shutil.rmtree(state_dir, ignore_errors=True)


def main() -> int:
    if len(sys.argv) != 2:
        print(f"usage: {sys.argv[0]} PATH/TO/fluxo", file=sys.stderr)
        return 2
    started = time.monotonic()
    try:
        run(sys.argv[1])
        print(f"wall time {time.monotonic() - started:.0f} s", flush=True)
        return 0
    except Exception as error:  # noqa: BLE001 - every failure is reported the same way
        print(f"FAIL {type(error).__name__}: {error}", flush=True)
        return 1


if __name__ == "__main__":
    sys.exit(main())
