"""Shared steps of the end-to-end tests of examples/*.sql (card_transactions, stock_filter,
trades_hourly_flink).

Each test starts the embedded broker (``fluxo kafka`` as its own process) with the topics the
example declares, fills the input with ``fluxo datagen`` (seeded), reads the input back with
kafka-python to compute the expected results in Python, runs the example file as it is in the
repository with ``fluxo run``, and reads the outputs with kafka-python (``TopicReader``).

Helpers:

- ``example_sql(name)``: the text of examples/NAME.sql,
- ``declared_topics(sql)``: topic -> partitions for every KAFKA_TOPIC / Flink 'topic' in it,
- ``datagen(...)``: ``fluxo datagen --quickstart ... --seed ...`` into a topic,
- ``read_input(...)``: a topic's records from the beginning (raw keys and values kept),
- ``TopicReader``: an output topic read until a condition holds (or a timeout),
- ``windowed_key(raw)``: (key text, window start) of a TUMBLING/HOPPING windowed key,
- ``check``: PASS line or TestFailure, ``run_test``: the script's main().
"""

from __future__ import annotations

import dataclasses
import json
import re
import struct
import subprocess
import sys
import time
from decimal import Decimal
from pathlib import Path
from typing import Any, Callable, Mapping

sys.path.insert(0, str(Path(__file__).resolve().parent))

from kafka_helpers import REPO_ROOT  # noqa: E402

EXAMPLES_DIR = REPO_ROOT / "examples"


class TestFailure(Exception):
    pass


def check(condition: bool, message: str, detail: str = "") -> None:
    """Prints PASS and the message, or raises TestFailure with the message and `detail`."""
    if not condition:
        raise TestFailure(f"{message}\n{detail}" if detail else message)
    print(f"PASS {message}", flush=True)


def example_sql(name: str) -> str:
    """The example file examples/NAME.sql, unchanged."""
    return (EXAMPLES_DIR / f"{name}.sql").read_text()


def _without_comments(sql: str) -> str:
    # Good enough for the examples: no '--' inside their string literals.
    return "\n".join(line.split("--", 1)[0] for line in sql.splitlines())


def declared_topics(sql: str) -> dict[str, int]:
    """Topic -> partition count of every statement's KAFKA_TOPIC (with its PARTITIONS, 1 when
    omitted) and every Flink 'topic' (1 partition): the embedded broker cannot create topics on
    request, so the test creates them up front, as the example's header tells a user to."""
    topics: dict[str, int] = {}
    for statement in _without_comments(sql).split(";"):
        name = re.search(r"KAFKA_TOPIC\s*=\s*'([^']+)'", statement, re.IGNORECASE)
        if name is None:
            name = re.search(r"'topic'\s*=\s*'([^']+)'", statement)
        if name is None:
            continue
        partitions = re.search(r"\bPARTITIONS\s*=\s*(\d+)", statement, re.IGNORECASE)
        topics[name.group(1)] = int(partitions.group(1)) if partitions else 1
    return topics


def datagen(fluxo: str, bootstrap: str, quickstart: str, topic: str, count: int, seed: int,
            *extra: str) -> None:
    """Produces `count` records of a quickstart with `fluxo datagen` (raises when it fails)."""
    command = [fluxo, "datagen", "--quickstart", quickstart, "--topic", topic,
               "--count", str(count), "--seed", str(seed), "--bootstrap-servers", bootstrap,
               *extra]
    result = subprocess.run(command, stdin=subprocess.DEVNULL, capture_output=True, text=True,
                            timeout=120)
    if result.returncode != 0:
        raise TestFailure(f"{' '.join(command)} exited {result.returncode}:\n{result.stderr}")
    print(f"PASS {' '.join(command[1:])}", flush=True)


@dataclasses.dataclass
class RawRecord:
    """A consumed record: raw key bytes, the value parsed as JSON (numbers with a fraction as
    Decimal, so that DECIMAL columns compare exactly; None for a tombstone)."""

    partition: int
    offset: int
    key: bytes | None
    value: Any
    timestamp_ms: int


def parse_json(raw: bytes | None) -> Any:
    return None if raw is None else json.loads(raw, parse_float=Decimal)


class TopicReader:
    """Reads one topic from the beginning of every partition with kafka-python (no group),
    keeping what it read across calls."""

    def __init__(self, bootstrap: str, topic: str, timeout_s: float = 30.0) -> None:
        from kafka import KafkaConsumer, TopicPartition

        self.topic = topic
        self.records: list[RawRecord] = []
        self._consumer = KafkaConsumer(bootstrap_servers=bootstrap, client_id="fluxo-example-test",
                                       enable_auto_commit=False, auto_offset_reset="earliest")
        deadline = time.monotonic() + timeout_s
        partitions = self._consumer.partitions_for_topic(topic)
        while not partitions:
            if time.monotonic() > deadline:
                raise TestFailure(f"topic {topic} has no partitions after {timeout_s} s")
            time.sleep(0.1)
            partitions = self._consumer.partitions_for_topic(topic)
        assigned = [TopicPartition(topic, p) for p in sorted(partitions)]
        self._consumer.assign(assigned)
        self._consumer.seek_to_beginning(*assigned)

    def _poll(self) -> bool:
        batch = self._consumer.poll(timeout_ms=200)
        for messages in batch.values():
            for m in messages:
                self.records.append(RawRecord(m.partition, m.offset, m.key, parse_json(m.value),
                                              m.timestamp))
        return bool(batch)

    def read_until(self, done: Callable[[list[RawRecord]], bool], timeout_s: float = 60.0,
                   idle_s: float | None = None) -> list[RawRecord]:
        """Polls until done(records) holds, until `timeout_s` passed, or (with `idle_s`) until
        nothing arrived for `idle_s`; returns every record read so far, in partition and offset
        order."""
        deadline = time.monotonic() + timeout_s
        last_arrival = time.monotonic()
        while not done(self.records):
            now = time.monotonic()
            if now > deadline or (idle_s is not None and now - last_arrival > idle_s):
                break
            if self._poll():
                last_arrival = time.monotonic()
        self.records.sort(key=lambda r: (r.partition, r.offset))
        return self.records

    def read_count(self, count: int, timeout_s: float = 60.0) -> list[RawRecord]:
        return self.read_until(lambda records: len(records) >= count, timeout_s)

    def close(self) -> None:
        self._consumer.close()

    def __enter__(self) -> "TopicReader":
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def read_input(bootstrap: str, topic: str, count: int) -> list[RawRecord]:
    """The `count` records datagen wrote to `topic`, as kafka-python reads them back."""
    with TopicReader(bootstrap, topic) as reader:
        records = reader.read_count(count)
    check(len(records) == count, f"read the {count} input records of {topic} back with kafka-python "
          f"(got {len(records)})")
    return records


def read_all(bootstrap: str, topic: str, idle_s: float = 2.0) -> list[RawRecord]:
    """Every record of `topic` now: reads until nothing arrived for `idle_s`."""
    with TopicReader(bootstrap, topic) as reader:
        return reader.read_until(lambda records: False, timeout_s=60.0, idle_s=idle_s)


def windowed_key(raw: bytes) -> tuple[str, int]:
    """Kafka Streams' time-windowed key: the key's bytes, then the window start as a big-endian
    64-bit integer."""
    return raw[:-8].decode(), struct.unpack(">q", raw[-8:])[0]


def records_read(log: str) -> int | None:
    """N from `fluxo run`'s last line "stopped after N records" (every query's input records)."""
    found = re.findall(r"stopped after (\d+) records", log)
    return int(found[-1]) if found else None


def run_test(body: Callable[[str], None]) -> int:
    """main() of a test script: argv[1] is the fluxo binary; prints FAIL and returns 1 on any
    failure."""
    if len(sys.argv) != 2:
        print(f"usage: {sys.argv[0]} PATH/TO/fluxo", file=sys.stderr)
        return 2
    try:
        body(sys.argv[1])
        return 0
    except Exception as error:  # noqa: BLE001 - every failure is reported the same way
        print(f"FAIL {type(error).__name__}: {error}", flush=True)
        return 1


def describe_difference(got: Mapping, want: Mapping, limit: int = 5,
                        same: Callable[[Any, Any], bool] = lambda a, b: a == b) -> str:
    """A few entries where two mappings differ (by `same`), for failure messages."""
    lines = []
    for key in sorted(set(got) | set(want), key=repr):
        if key not in got or key not in want or not same(got[key], want[key]):
            lines.append(f"  {key!r}: got {got.get(key)!r}, want {want.get(key)!r}")
            if len(lines) == limit:
                break
    return "\n".join(lines)
