"""Shared steps of the end-to-end tests of examples/*.sql (example_*_test.py).

Each test starts the embedded broker (``fluxo kafka``, its own process) with the topics the
example declares, feeds it (``fluxo datagen`` seeded, or a seeded generator producing with
kafka-python), runs the example file as it is in the repository with ``fluxo run``, reads the
inputs back and the outputs with kafka-python and compares the outputs with what the test
computed itself from the inputs.

Helpers (the broker, the clients and ``fluxo run`` come from kafka_helpers and fluxo_process):

- ``example_path(name)`` / ``example_sql(name)``: examples/NAME.sql, its path and its text,
- ``declared_topics(sql)``: topic -> partitions for every KAFKA_TOPIC / Flink 'topic' in it,
- ``example_broker(...)``: the embedded broker with those topics, checked to be the expected,
- ``running_example(...)``: ``fluxo run examples/NAME.sql`` while the ``with`` block runs: its
  log printed on a failure, a clean stop (exit 0) checked at the end,
- ``datagen(...)``: ``fluxo datagen --quickstart ... --seed ...`` into a topic,
- ``read_topic(...)``: a topic's records from the beginning (kafka_helpers.Record: ``raw_key``
  kept for windowed keys), up to its current end, a count, a condition or an idle time,
- ``read_input(...)``: the N records a test wrote, checked to be all there,
- ``windowed_key(raw)``: (key text, window start) of a TUMBLING/HOPPING windowed key,
- ``latest_by_key``: a changelog's final state, ``wait_until``: poll a reading until it is done,
- ``check``: PASS line or TestFailure, ``main``: the script's main().
"""

from __future__ import annotations

import contextlib
import re
import subprocess
import sys
import time
from decimal import Decimal
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Mapping, TypeVar

sys.path.insert(0, str(Path(__file__).resolve().parent))

from fluxo_process import FluxoRun  # noqa: E402
from kafka_helpers import REPO_ROOT, EmbeddedKafka, Record, consume_all  # noqa: E402
from test_harness import TestFailure, check, main  # noqa: E402,F401 (re-exported)

EXAMPLES = REPO_ROOT / "examples"

T = TypeVar("T")


def example_path(name: str) -> Path:
    """examples/NAME.sql."""
    return EXAMPLES / f"{name}.sql"


def example_sql(name: str) -> str:
    """The example file examples/NAME.sql, unchanged."""
    return example_path(name).read_text()


def declared_topics(sql: str) -> dict[str, int]:
    """Topic -> partition count of every statement's KAFKA_TOPIC (with its PARTITIONS, 1 when
    omitted) and every Flink 'topic' (1 partition), comments ignored: the embedded broker cannot
    create topics on request, so the test creates them up front, as the example's header tells a
    user to."""
    # Good enough for the examples: no '--' inside their string literals.
    text = "\n".join(line.split("--", 1)[0] for line in sql.splitlines())
    topics: dict[str, int] = {}
    for statement in text.split(";"):
        name = re.search(r"KAFKA_TOPIC\s*=\s*'([^']+)'", statement, re.IGNORECASE)
        if name is None:
            name = re.search(r"'topic'\s*=\s*'([^']+)'", statement)
        if name is None:
            continue
        partitions = re.search(r"\bPARTITIONS\s*=\s*(\d+)", statement, re.IGNORECASE)
        topics[name.group(1)] = int(partitions.group(1)) if partitions else 1
    return topics


@contextlib.contextmanager
def example_broker(fluxo: str, name: str, topics: Mapping[str, int]) -> Iterator[EmbeddedKafka]:
    """``fluxo kafka`` with the topics examples/NAME.sql declares, checked to be `topics`
    (name -> partitions)."""
    declared = declared_topics(example_sql(name))
    check(declared == topics,
          f"examples/{name}.sql declares its topics with their partitions: {declared}")
    with EmbeddedKafka(fluxo, topics=declared) as broker:
        yield broker


@contextlib.contextmanager
def running_example(fluxo: str, name: str, bootstrap: str,
                    settings: Mapping[str, str] | None = None,
                    label: str = "fluxo run") -> Iterator[FluxoRun]:
    """``fluxo run examples/NAME.sql`` (the repository's file itself), running once it logged
    "running; stop with". An exception in the block prints the run's log (``label``'s log) and
    goes on; otherwise SIGTERM must stop the run with exit 0. ``log()`` of the run still works
    after the block."""
    with FluxoRun(fluxo, example_path(name), bootstrap, settings=settings) as run:
        try:
            run.wait_for_log("running; stop with")
            yield run
        except Exception:
            print(f"{label}'s log:\n" + run.log(), flush=True)
            raise
        code = run.stop()
        check(code == 0, f"SIGTERM stops {label} with exit 0 (got {code})")


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


def read_topic(bootstrap: str, topic: str,
               until: int | Callable[[list[Record]], bool] | None = None,
               idle_s: float | None = None, timeout_s: float = 60.0,
               exact: bool = False) -> list[Record]:
    """The records of `topic` from the beginning of every partition (kafka-python, no group), in
    (partition, offset) order. With neither `until` nor `idle_s`: up to each partition's end
    offset as it is now. Otherwise until `until(records)` holds (an int: until that many
    arrived), until nothing arrived for `idle_s`, or until `timeout_s` passed. `exact`: numbers
    with a fraction as Decimal (DECIMAL columns compare exactly), else float."""
    records = consume_all(
        bootstrap, topic, idle_timeout_s=idle_s, timeout_s=timeout_s,
        expected=until if isinstance(until, int) else None,
        until=None if isinstance(until, int) else until,
        to_end=until is None and idle_s is None, parse_float=Decimal if exact else None)
    return sorted(records, key=lambda r: (r.partition, r.offset))


def read_input(bootstrap: str, topic: str, count: int, exact: bool = False) -> list[Record]:
    """The `count` records written to `topic` (by datagen), as kafka-python reads them back."""
    records = read_topic(bootstrap, topic, until=count, exact=exact)
    check(len(records) == count,
          f"read the {count} input records of {topic} back with kafka-python "
          f"(got {len(records)})")
    return records


def windowed_key(raw: bytes) -> tuple[str, int]:
    """Kafka Streams' time-windowed key: the key's bytes, then the window start as a big-endian
    64-bit integer (epoch ms)."""
    return raw[:-8].decode(), int.from_bytes(raw[-8:], "big", signed=True)


def latest_by_key(records: Iterable[Record], key: Callable[[Record], Any] = lambda r: r.key
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


def records_read(log: str) -> int | None:
    """N from `fluxo run`'s last line "stopped after N records" (every query's input records)."""
    found = re.findall(r"stopped after (\d+) records", log)
    return int(found[-1]) if found else None


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
