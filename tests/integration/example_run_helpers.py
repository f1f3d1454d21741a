"""Shared pieces of the end-to-end tests of examples/*.sql (issue 7).

Each test starts the embedded broker (`fluxo kafka`, its own process) with the topics the example
declares (``declared_topics``: the partition counts of its ``WITH (KAFKA_TOPIC=..., PARTITIONS=N)``
clauses), feeds it with a seeded generator, runs the example file as it is in the repository
(``ExampleRun``: ``fluxo run examples/X.sql``), reads the outputs with kafka-python
(``read_topic``: every record up to the partitions' current ends, raw keys kept for windowed
keys) and compares them with what the test computed itself from the inputs as read back.

Tests print PASS lines, raise ``TestFailure`` on a mismatch and run through ``main``.
"""

from __future__ import annotations

import dataclasses
import json
import re
import sys
import time
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping, TypeVar

sys.path.insert(0, str(Path(__file__).resolve().parent))

from fluxo_process import FluxoRun  # noqa: E402

REPO_ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = REPO_ROOT / "examples"

T = TypeVar("T")


class TestFailure(Exception):
    pass


def check(condition: bool, message: str) -> None:
    if not condition:
        raise TestFailure(message)
    print(f"PASS {message}", flush=True)


def main(run: Callable[[str], None]) -> int:
    """``run(fluxo)`` with argv[1] as the binary; FAIL line and exit 1 on any exception."""
    if len(sys.argv) != 2:
        print(f"usage: {sys.argv[0]} PATH/TO/fluxo", file=sys.stderr)
        return 2
    try:
        run(sys.argv[1])
        return 0
    except Exception as error:  # noqa: BLE001 - every failure is reported the same way
        print(f"FAIL {type(error).__name__}: {error}", flush=True)
        return 1


def declared_topics(example: Path) -> dict[str, int]:
    """Topic -> partitions for every statement of ``example`` that names both (comments ignored)."""
    text = "\n".join(line.split("--", 1)[0] for line in example.read_text().splitlines())
    topics: dict[str, int] = {}
    for statement in text.split(";"):
        topic = re.search(r"KAFKA_TOPIC\s*=\s*'([^']+)'", statement, re.IGNORECASE)
        partitions = re.search(r"\bPARTITIONS\s*=\s*(\d+)", statement, re.IGNORECASE)
        if topic and partitions:
            topics[topic.group(1)] = int(partitions.group(1))
    return topics


class ExampleRun(FluxoRun):
    """``fluxo run examples/NAME.sql`` on the repository's file itself (not a copy)."""

    def __init__(self, fluxo: str, example: Path, bootstrap: str,
                 settings: Mapping[str, str] | None = None) -> None:
        super().__init__(fluxo, "", bootstrap, settings=settings)
        self.sql_path = example


@dataclasses.dataclass
class Record:
    partition: int
    offset: int
    key: bytes | None  # Raw: windowed keys end with 8 bytes of window start.
    value: Any  # Decoded JSON, or None for a tombstone.
    timestamp_ms: int

    @property
    def text_key(self) -> str | None:
        return None if self.key is None else self.key.decode()


def read_topic(bootstrap: str, topic: str, timeout_s: float = 30.0) -> list[Record]:
    """Every record of ``topic`` from the beginning up to each partition's end offset as it is
    now (kafka-python, no consumer group), in (partition, offset) order."""
    from kafka import KafkaConsumer, TopicPartition

    consumer = KafkaConsumer(bootstrap_servers=bootstrap, client_id="fluxo-example-test",
                             enable_auto_commit=False, auto_offset_reset="earliest")
    try:
        deadline = time.monotonic() + timeout_s
        partitions = consumer.partitions_for_topic(topic)
        while not partitions:
            if time.monotonic() > deadline:
                raise TimeoutError(f"topic {topic} has no partitions after {timeout_s} s")
            time.sleep(0.1)
            partitions = consumer.partitions_for_topic(topic)
        assigned = [TopicPartition(topic, p) for p in sorted(partitions)]
        consumer.assign(assigned)
        consumer.seek_to_beginning(*assigned)
        ends = consumer.end_offsets(assigned)
        records: list[Record] = []
        while any(consumer.position(tp) < ends[tp] for tp in assigned):
            if time.monotonic() > deadline:
                raise TimeoutError(f"reading {topic} did not reach its end offsets {ends}")
            for messages in consumer.poll(timeout_ms=200).values():
                for m in messages:
                    value = None if m.value is None else json.loads(m.value)
                    records.append(Record(m.partition, m.offset, m.key, value, m.timestamp))
        return sorted(records, key=lambda r: (r.partition, r.offset))
    finally:
        consumer.close()


def produce(bootstrap: str, topic: str, records: Iterable[tuple[str, Any]]) -> int:
    """Produces ``(key, value)`` pairs with kafka-python, in order, and waits for every ack:
    JSON values, ``None`` as a tombstone (no value bytes). Returns the count."""
    from kafka import KafkaProducer

    producer = KafkaProducer(
        bootstrap_servers=bootstrap, acks="all",
        key_serializer=lambda k: k.encode(),
        value_serializer=lambda v: None if v is None else json.dumps(v).encode())
    try:
        futures = [producer.send(topic, key=key, value=value) for key, value in records]
        producer.flush()
        for future in futures:
            future.get(timeout=30)
        return len(futures)
    finally:
        producer.close()


def split_windowed_key(raw: bytes) -> tuple[bytes, int]:
    """A windowed key as Kafka Streams writes it: the key's bytes, then the window start (8
    bytes, big-endian epoch ms)."""
    return raw[:-8], int.from_bytes(raw[-8:], "big", signed=True)


def latest_by_key(records: Iterable[Record], key: Callable[[Record], Any] = lambda r: r.text_key
                  ) -> dict[Any, Any]:
    """A changelog's final state: the last value per key, tombstones removing the key."""
    state: dict[Any, Any] = {}
    for record in records:
        if record.value is None:
            state.pop(key(record), None)
        else:
            state[key(record)] = record.value
    return state


def wait_until(read: Callable[[], T], done: Callable[[T], bool], timeout_s: float = 45.0,
               interval_s: float = 0.5) -> T:
    """Calls ``read`` until ``done(result)`` or the timeout; returns the last result."""
    deadline = time.monotonic() + timeout_s
    result = read()
    while not done(result) and time.monotonic() < deadline:
        time.sleep(interval_s)
        result = read()
    return result
