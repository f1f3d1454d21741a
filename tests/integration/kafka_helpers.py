"""Brokers and independent Kafka clients for Fluxo's integration tests.

Two kinds of broker, each a context manager that stops what it started:

- ``EmbeddedKafka``: ``fluxo kafka --topic NAME:PARTITIONS ...`` as a subprocess (librdkafka's
  mock cluster: in memory, no CreateTopics, transactions not enforced; see DESIGN.md, "Brokers").
- ``RealKafka``: Apache Kafka in KRaft mode, one or three brokers, through
  ``scripts/kafka-broker.sh`` (whose jars ``scripts/install-test-tools.sh`` fetches).

Clients, all from kafka-python (an implementation independent of Fluxo's librdkafka):

- ``create_topic`` (admin client; real Kafka only, the mock cluster has no CreateTopics),
- ``produce_json``: keyed records with JSON values (``None``: a tombstone),
- ``consume_all``: every record of a topic from the beginning, until N records arrived, a
  condition held, the topic stayed idle or its current end was reached, optionally with
  ``isolation_level="read_committed"``,
- ``kcat_consume``: the same through the ``kcat`` command-line client.

Run the tests with the venv's interpreter (``.cache/test-venv/bin/python``), which has
kafka-python and confluent-kafka.

Example::

    with RealKafka() as kafka:
        create_topic(kafka.bootstrap, "orders", partitions=3)
        produce_json(kafka.bootstrap, "orders", [("k1", {"id": 1})])
        records = consume_all(kafka.bootstrap, "orders", expected=1)
"""

from __future__ import annotations

import dataclasses
import json
import os
import select
import signal
import subprocess
import tempfile
import threading
import time
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping, Sequence

REPO_ROOT = Path(__file__).resolve().parents[2]
KAFKA_BROKER_SCRIPT = REPO_ROOT / "scripts" / "kafka-broker.sh"


class BrokerError(RuntimeError):
    """A broker did not start or stop as expected; the message carries its log's end."""


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    # A zombie (exited, not yet reaped by its parent) is not running.
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


# --- Embedded broker: `fluxo kafka` ------------------------------------------------------------


class EmbeddedKafka:
    """``fluxo kafka`` as a subprocess; ``bootstrap`` is the address from its first line.

    ``topics`` maps topic names to partition counts (``--topic NAME:P`` each): the mock cluster
    cannot create topics on request, and auto-creates unknown ones with 4 partitions.
    """

    def __init__(
        self,
        fluxo: str | os.PathLike,
        topics: Mapping[str, int] | None = None,
        brokers: int = 1,
        start_timeout_s: float = 30.0,
    ) -> None:
        self.fluxo = str(fluxo)
        self.topics = dict(topics or {})
        self.brokers = brokers
        self.start_timeout_s = start_timeout_s
        self.bootstrap: str = ""
        self.process: subprocess.Popen | None = None
        self._stderr = tempfile.TemporaryFile(mode="w+b")
        self._stdout_rest: list[bytes] = []

    def start(self) -> "EmbeddedKafka":
        command = [self.fluxo, "kafka", "--brokers", str(self.brokers)]
        for name, partitions in self.topics.items():
            command += ["--topic", f"{name}:{partitions}"]
        self.process = subprocess.Popen(
            command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=self._stderr
        )
        first_line = self._read_first_line()
        if not first_line.startswith("bootstrap.servers="):
            self.stop()
            raise BrokerError(
                f"fluxo kafka printed {first_line!r}, not bootstrap.servers=...\n{self.stderr()}"
            )
        self.bootstrap = first_line.split("=", 1)[1]
        # Keep reading stdout so that the process never blocks on a full pipe.
        threading.Thread(target=self._drain_stdout, daemon=True).start()
        return self

    def _read_first_line(self) -> str:
        assert self.process is not None and self.process.stdout is not None
        deadline = time.monotonic() + self.start_timeout_s
        line = b""
        fd = self.process.stdout.fileno()
        while not line.endswith(b"\n"):
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                self.stop()
                raise BrokerError(
                    f"fluxo kafka printed no first line within {self.start_timeout_s} s\n"
                    + self.stderr()
                )
            ready, _, _ = select.select([fd], [], [], remaining)
            if ready:
                chunk = os.read(fd, 1)
                if not chunk:
                    code = self.process.wait()
                    raise BrokerError(f"fluxo kafka exited {code} before its first line\n{self.stderr()}")
                line += chunk
        return line.decode().strip()

    def _drain_stdout(self) -> None:
        assert self.process is not None and self.process.stdout is not None
        for chunk in iter(lambda: self.process.stdout.read1(65536), b""):
            self._stdout_rest.append(chunk)

    def stderr(self) -> str:
        """What the broker wrote to stderr so far."""
        self._stderr.seek(0)
        return self._stderr.read().decode(errors="replace")

    def stop(self, timeout_s: float = 15.0) -> int:
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

    def __enter__(self) -> "EmbeddedKafka":
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()


# --- Real Apache Kafka: scripts/kafka-broker.sh ------------------------------------------------


class RealKafka:
    """Apache Kafka (KRaft) on loopback ports, ``brokers`` = 1 or 3, via scripts/kafka-broker.sh.

    After ``start()``: ``bootstrap`` (comma-separated addresses) and ``dir`` (configuration, logs
    and data; each broker's under ``dir/broker-N``, its log in ``server.log``).
    """

    def __init__(self, brokers: int = 1, start_timeout_s: float = 180.0) -> None:
        self.brokers = brokers
        self.start_timeout_s = start_timeout_s
        self.bootstrap: str = ""
        self.dir: Path | None = None

    def _script(self, *args: str, timeout_s: float) -> str:
        result = subprocess.run(
            [str(KAFKA_BROKER_SCRIPT), *args],
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=timeout_s,
        )
        if result.returncode != 0:
            raise BrokerError(
                f"kafka-broker.sh {' '.join(args)} exited {result.returncode}\n{result.stderr}"
            )
        return result.stdout

    def start(self) -> "RealKafka":
        out = self._script("start", "--brokers", str(self.brokers), timeout_s=self.start_timeout_s)
        lines = out.splitlines()
        if len(lines) < 2 or not lines[0].startswith("bootstrap.servers=") or not lines[1].startswith("dir="):
            raise BrokerError(f"unexpected output from kafka-broker.sh start:\n{out}")
        self.bootstrap = lines[0].split("=", 1)[1]
        self.dir = Path(lines[1].split("=", 1)[1])
        return self

    def pids(self) -> list[int]:
        """The process ids of the brokers, broker 1 first."""
        assert self.dir is not None, "not started"
        return [int((self.dir / f"broker-{i}" / "pid").read_text()) for i in range(1, self.brokers + 1)]

    def log(self, broker_id: int = 1) -> str:
        """Broker ``broker_id``'s log (since its last start)."""
        assert self.dir is not None, "not started"
        return (self.dir / f"broker-{broker_id}" / "server.log").read_text(errors="replace")

    def kill_broker(self, broker_id: int) -> None:
        """SIGKILL broker ``broker_id`` (1-based) and wait until it is gone."""
        assert self.dir is not None, "not started"
        self._script("kill-broker", "--dir", str(self.dir), "--id", str(broker_id), timeout_s=30)

    def restart_broker(self, broker_id: int) -> None:
        """Start a killed broker again with its data; returns once it serves."""
        assert self.dir is not None, "not started"
        self._script(
            "restart-broker", "--dir", str(self.dir), "--id", str(broker_id),
            timeout_s=self.start_timeout_s,
        )

    def stop(self) -> list[int]:
        """Stop every broker (SIGTERM, SIGKILL after 30 s) and remove ``dir``.

        Returns the pids of brokers still alive afterwards (empty when all exited).
        """
        if self.dir is None:
            return []
        pids = self.pids()
        self._script("stop", "--dir", str(self.dir), timeout_s=90)
        self.dir = None
        return [pid for pid in pids if _pid_alive(pid)]

    def __enter__(self) -> "RealKafka":
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()


# --- Clients (kafka-python, kcat) --------------------------------------------------------------


@dataclasses.dataclass
class Record:
    """One consumed record. ``value`` is the decoded JSON when it parses, else the raw bytes.
    ``raw_key`` keeps the key's bytes (a windowed key ends with 8 bytes of window start)."""

    topic: str
    partition: int
    offset: int
    key: str | None
    raw_key: bytes | None
    value: Any
    raw_value: bytes | None
    timestamp_ms: int
    headers: list[tuple[str, bytes]]


def create_topic(
    bootstrap: str,
    name: str,
    partitions: int = 1,
    replication_factor: int = 1,
    config: Mapping[str, str] | None = None,
    timeout_s: float = 30.0,
) -> None:
    """Create a topic with kafka-python's admin client and wait until its partitions have leaders.

    Real Kafka only: the embedded broker has no CreateTopics (use ``EmbeddedKafka(topics=...)``).
    """
    from kafka import KafkaAdminClient
    from kafka.admin import NewTopic

    admin = KafkaAdminClient(bootstrap_servers=bootstrap, client_id="fluxo-test-admin")
    try:
        admin.create_topics(
            [NewTopic(name, partitions, replication_factor, topic_configs=dict(config or {}))],
            timeout_ms=int(timeout_s * 1000),
        )
        deadline = time.monotonic() + timeout_s
        while True:
            described = admin.describe_topics([name])
            parts = described[0].get("partitions", []) if described else []
            if len(parts) == partitions and all(p.get("leader", -1) >= 0 for p in parts):
                return
            if time.monotonic() > deadline:
                raise TimeoutError(f"topic {name} has no leaders after {timeout_s} s: {described}")
            time.sleep(0.1)
    finally:
        admin.close()


def produce_json(
    bootstrap: str,
    topic: str,
    records: Iterable[tuple[str | None, Any]],
    acks: str | int = "all",
    **producer_config: Any,
) -> int:
    """Produce ``(key, value)`` pairs with kafka-python: key as UTF-8, value as JSON (``None``:
    no value bytes, a tombstone).

    Waits until every record is acknowledged (raises on the first failure); returns the count.
    Extra keyword arguments go to ``KafkaProducer`` (e.g. ``linger_ms=5``).
    """
    from kafka import KafkaProducer

    producer = KafkaProducer(
        bootstrap_servers=bootstrap,
        acks=acks,
        key_serializer=lambda k: None if k is None else k.encode(),
        value_serializer=lambda v: (
            None if v is None else json.dumps(v, separators=(",", ":")).encode()),
        **producer_config,
    )
    try:
        futures = [producer.send(topic, key=key, value=value) for key, value in records]
        producer.flush()
        for future in futures:
            future.get(timeout=30)
        return len(futures)
    finally:
        producer.close()


def consume_all(
    bootstrap: str,
    topic: str,
    expected: int | None = None,
    idle_timeout_s: float | None = 5.0,
    timeout_s: float = 60.0,
    isolation_level: str = "read_uncommitted",
    until: Callable[[list[Record]], bool] | None = None,
    to_end: bool = False,
    parse_float: Callable[[str], Any] | None = None,
) -> list[Record]:
    """Read a topic from the beginning of every partition with kafka-python (no consumer group).

    Stops when ``expected`` records have arrived, when ``until(records)`` holds, when no record
    arrived for ``idle_timeout_s`` (None: never), or after ``timeout_s`` in all. With ``to_end``
    it reads up to each partition's end offset as it was when reading began, and raises
    TimeoutError when ``timeout_s`` passes first. Returns the records in arrival order; callers
    check the count themselves. ``isolation_level="read_committed"`` hides aborted and
    still-open transactions' records. ``parse_float`` goes to ``json.loads`` (e.g. ``Decimal``).
    """
    from kafka import KafkaConsumer, TopicPartition

    consumer = KafkaConsumer(
        bootstrap_servers=bootstrap,
        client_id="fluxo-test-consumer",
        enable_auto_commit=False,
        auto_offset_reset="earliest",
        isolation_level=isolation_level,
    )
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
        ends = consumer.end_offsets(assigned) if to_end else None

        records: list[Record] = []
        last_arrival = time.monotonic()
        while expected is None or len(records) < expected:
            if until is not None and until(records):
                break
            if ends is not None and all(consumer.position(tp) >= ends[tp] for tp in assigned):
                break
            now = time.monotonic()
            if now > deadline and ends is not None:
                raise TimeoutError(f"reading {topic} did not reach its end offsets {ends}")
            idle = idle_timeout_s is not None and now - last_arrival > idle_timeout_s
            if now > deadline or idle:
                break
            batch = consumer.poll(timeout_ms=200)
            for messages in batch.values():
                for m in messages:
                    records.append(_to_record(m, parse_float))
            if batch:
                last_arrival = time.monotonic()
        return records
    finally:
        consumer.close()


def _to_record(message: Any, parse_float: Callable[[str], Any] | None = None) -> Record:
    value: Any = message.value
    if message.value is not None:
        try:
            value = json.loads(message.value, parse_float=parse_float)
        except ValueError:
            value = message.value
    return Record(
        topic=message.topic,
        partition=message.partition,
        offset=message.offset,
        key=None if message.key is None else message.key.decode(errors="replace"),
        raw_key=message.key,
        value=value,
        raw_value=message.value,
        timestamp_ms=message.timestamp,
        headers=list(message.headers or []),
    )


def kcat_consume(
    bootstrap: str,
    topic: str,
    fmt: str = "%k %s\\n",
    timeout_s: float = 60.0,
    extra_args: Sequence[str] = (),
) -> list[str]:
    """Read a topic from the beginning to its current end with kcat; one output line per record.

    ``fmt`` is kcat's ``-f`` format (default: key, space, value). Raises when kcat fails.
    """
    command = ["kcat", "-C", "-b", bootstrap, "-t", topic, "-e", "-o", "beginning", "-q",
               "-f", fmt, *extra_args]
    result = subprocess.run(command, stdin=subprocess.DEVNULL, capture_output=True, text=True,
                            timeout=timeout_s)
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} exited {result.returncode}:\n{result.stderr}")
    return result.stdout.splitlines()
