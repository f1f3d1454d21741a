"""Smoke test of the real Apache Kafka broker and the independent test clients.

Starts one KRaft broker (scripts/kafka-broker.sh), creates a 3-partition topic with kafka-python's
admin client, produces 1000 keyed JSON records with kafka-python, reads them back with kcat (and
with kafka-python, read_committed), checks count and content, then stops the broker and checks
that its process exited. Prints PASS/FAIL lines; exits 1 on the first failure.

Usage: .cache/test-venv/bin/python tests/integration/real_kafka_smoke_test.py
(scripts/install-test-tools.sh installs the venv, kcat and the broker's jars.)
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from kafka_helpers import (  # noqa: E402
    RealKafka,
    consume_all,
    create_topic,
    kcat_consume,
    produce_json,
)

RECORD_COUNT = 1000


class TestFailure(Exception):
    pass


def check(condition: bool, message: str) -> None:
    if not condition:
        raise TestFailure(message)
    print(f"PASS {message}", flush=True)


def expected_records(count: int) -> dict[str, str]:
    """key -> the JSON text kafka_helpers.produce_json writes for it."""
    return {f"k{i}": f'{{"id":{i},"name":"n{i}"}}' for i in range(count)}


def produce_with_kafka_python_read_with_kcat(bootstrap: str, topic: str, partitions: int) -> None:
    """Produce RECORD_COUNT keyed records with kafka-python; read them back with kcat and with
    kafka-python; check count, content and that every partition received records."""
    expected = expected_records(RECORD_COUNT)
    started = time.monotonic()
    produced = produce_json(
        bootstrap, topic, [(key, {"id": int(key[1:]), "name": f"n{key[1:]}"}) for key in expected]
    )
    check(produced == RECORD_COUNT,
          f"kafka-python produced {RECORD_COUNT} records ({time.monotonic() - started:.1f} s)")

    lines = kcat_consume(bootstrap, topic, fmt="%k %s\\n")
    check(len(lines) == RECORD_COUNT, f"kcat read {RECORD_COUNT} records (got {len(lines)})")
    got = dict(line.split(" ", 1) for line in lines)
    wrong = [k for k in expected if got.get(k) != expected[k]]
    check(not wrong and len(got) == RECORD_COUNT,
          f"kcat read every key with its value ({len(wrong)} wrong or missing"
          + (f", e.g. {wrong[0]}: {got.get(wrong[0])!r}" if wrong else "") + ")")

    records = consume_all(bootstrap, topic, expected=RECORD_COUNT,
                          isolation_level="read_committed")
    check(len(records) == RECORD_COUNT,
          f"kafka-python read {RECORD_COUNT} records read_committed (got {len(records)})")
    check(all(r.value == {"id": int(r.key[1:]), "name": f"n{r.key[1:]}"} for r in records),
          "kafka-python decoded every value")
    used = sorted({r.partition for r in records})
    check(used == list(range(partitions)), f"records spread over {partitions} partitions ({used})")


def main() -> int:
    kafka = RealKafka(brokers=1)
    try:
        started = time.monotonic()
        kafka.start()
        check(kafka.bootstrap.startswith("127.0.0.1:"),
              f"real Kafka started at {kafka.bootstrap} ({time.monotonic() - started:.1f} s)")
        create_topic(kafka.bootstrap, "smoke", partitions=3)
        print("PASS created topic smoke with 3 partitions", flush=True)
        produce_with_kafka_python_read_with_kcat(kafka.bootstrap, "smoke", partitions=3)

        pids = kafka.pids()
        started = time.monotonic()
        alive = kafka.stop()
        check(not alive, f"broker (pid {pids[0]}) exited after stop ({time.monotonic() - started:.1f} s)")
        return 0
    except Exception as error:  # noqa: BLE001 - a test reports every failure the same way
        failure = str(error) if isinstance(error, TestFailure) else f"{type(error).__name__}: {error}"
        print(f"FAIL {failure}", flush=True)
        if kafka.dir is not None:
            try:
                print("end of the broker's log:\n" + "\n".join(kafka.log().splitlines()[-30:]))
            except OSError:
                pass
        return 1
    finally:
        if kafka.dir is not None:
            kafka.stop()


if __name__ == "__main__":
    sys.exit(main())
