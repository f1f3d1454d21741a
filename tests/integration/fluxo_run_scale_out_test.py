"""Scale-out on a real Kafka broker: two `fluxo run` instances with one service.id share a
query's partitions through a consumer group; one is killed and the other completes the output.

A real Apache Kafka broker (KRaft, scripts/kafka-broker.sh) coordinates the group and runs the
transactions; inputs are produced, the group described and the output read with kafka-python,
and the expected output is computed here.

The input: 30,000 keyed JSON records on a 4-partition topic (each key on one partition,
timestamps increasing), produced 50 at a time while the instances work. The query: COUNT and
SUM per key per 10-second tumbling window under exactly_once_v2 with `scale.out=true` and the
record cache off, so that every input record yields exactly one output update.

Instance A starts alone (owns all 4 partitions), then B joins with its own state.dir: the
group's description must show two members with two partitions each, and both instances'
/metrics must count records read. Then B is killed with SIGKILL while input keeps arriving: A
must take all 4 partitions over (restoring B's tasks from their changelog partitions) and the
output read read_committed must equal the uninterrupted run's: 0 lost, 0 duplicated.

Usage: .cache/test-venv/bin/python tests/integration/fluxo_run_scale_out_test.py PATH/TO/fluxo
"""

from __future__ import annotations

import random
import re
import shutil
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from fluxo_process import FluxoRun  # noqa: E402
from fluxo_run_exactly_once_test import (  # noqa: E402
    SQL, PacedProducer, compare, expected_output, make_events, wait_for_output)
from kafka_helpers import RealKafka, create_topic  # noqa: E402
from test_harness import TestFailure, check, main  # noqa: E402

PARTITIONS = 4
RECORDS = 30_000
GROUP = "fluxo-CTAS_SUMS_0"  # <service.id>-<query id> of the exactly-once test's SQL



def group_assignment(bootstrap: str) -> dict[str, list[int]]:
    """The partitions of `events` each member of the query's consumer group owns, by client id,
    as the group coordinator describes them once the group is stable."""
    from kafka import KafkaAdminClient

    # api_version 2.2: DescribeGroups v2 (kafka-python cannot decode the authorized operations
    # that v3 adds when a recent broker answers them).
    admin = KafkaAdminClient(bootstrap_servers=bootstrap, client_id="fluxo-test-admin",
                             api_version=(2, 2, 0))
    try:
        [group] = admin.describe_consumer_groups([GROUP])
        owned: dict[str, list[int]] = {}
        if group.state != "Stable":
            return {"state": [group.state]}
        for member in group.members:
            assignment = member.member_assignment
            partitions = [p for topic, ps in getattr(assignment, "assignment", []) for p in ps
                          if topic == "events"]
            owned[member.client_id] = sorted(partitions)
        return owned
    finally:
        admin.close()


def wait_for_assignment(bootstrap: str, want_members: int, timeout_s: float = 60):
    """Describes the group until it is stable with `want_members` members that own all
    partitions between them, each some."""
    deadline = time.monotonic() + timeout_s
    owned: dict[str, list[int]] = {}
    while time.monotonic() < deadline:
        try:
            owned = group_assignment(bootstrap)
        except Exception as error:  # noqa: BLE001 - the coordinator may not be ready yet
            owned = {"describe failed": [str(error)]}
        if len(owned) == want_members and all(owned.values()) and sorted(
                p for ps in owned.values() for p in ps) == list(range(PARTITIONS)):
            return owned
        time.sleep(0.5)
    raise TestFailure(f"the group did not settle on {want_members} members in {timeout_s} s: "
                      f"{owned}")


def records_read(instance: FluxoRun) -> int:
    """fluxo_query_records_read_total of the query, from the instance's /metrics."""
    match = re.search(r"Listening on (http://\S+)", instance.log())
    if match is None:
        raise TestFailure("fluxo run did not say where it listens:\n" + instance.log())
    with urllib.request.urlopen(match.group(1) + "/metrics", timeout=10) as response:
        text = response.read().decode()
    found = re.search(r'^fluxo_query_records_read_total\{[^}]*CTAS_SUMS_0[^}]*\} (\d+)', text,
                      re.MULTILINE)
    return int(found.group(1)) if found else 0


def run(fluxo: str) -> None:
    rng = random.Random(20261121)
    state_a = tempfile.mkdtemp(prefix="fluxo-scale-a-")
    state_b = tempfile.mkdtemp(prefix="fluxo-scale-b-")
    settings = {
        "processing.guarantee": "exactly_once_v2",
        "cache.max.bytes.buffering": "0",
        "auto.offset.reset": "earliest",
        "scale.out": "true",
        # A killed member is noticed after this long (the broker's minimum is 6 s).
        "kafka.session.timeout.ms": "6000",
    }
    listen = ["--listen", "127.0.0.1:0"]
    try:
        with RealKafka() as kafka:
            create_topic(kafka.bootstrap, "events", partitions=PARTITIONS)
            events = make_events(0, RECORDS, rng)
            want = expected_output(events)
            with FluxoRun(fluxo, SQL, bootstrap=kafka.bootstrap, extra_args=listen,
                          settings=dict(settings, **{"state.dir": state_a,
                                                     "kafka.client.id": "instance-a"})) as a:
                try:
                    a.wait_for_log("running; stop with", timeout_s=120)
                    owned = wait_for_assignment(kafka.bootstrap, 1)
                    check(owned == {"instance-a": list(range(PARTITIONS))},
                          f"alone, instance A owns every partition ({owned})")
                    paced = PacedProducer(kafka.bootstrap, events, chunk=50, pause_s=0.02)
                    paced.start()
                    with FluxoRun(fluxo, SQL, bootstrap=kafka.bootstrap, extra_args=listen,
                                  settings=dict(settings, **{"state.dir": state_b,
                                                             "kafka.client.id": "instance-b"})
                                  ) as b:
                        try:
                            b.wait_for_log("running; stop with", timeout_s=120)
                            owned = wait_for_assignment(kafka.bootstrap, 2)
                            check(sorted(owned) == ["instance-a", "instance-b"] and all(
                                len(ps) == PARTITIONS // 2 for ps in owned.values()),
                                f"with B, the group gives each instance 2 partitions ({owned})")
                            deadline = time.monotonic() + 60
                            while records_read(b) < 1000 and time.monotonic() < deadline:
                                time.sleep(0.2)
                            read_a, read_b = records_read(a), records_read(b)
                            check(read_a > 0 and read_b >= 1000,
                                  f"both instances process records (A read {read_a}, B {read_b})")
                            b.kill()
                            check(paced.is_alive(), "B was killed while input kept arriving")
                        except Exception:
                            print("instance B's log:\n" + b.log(), flush=True)
                            raise
                    owned = wait_for_assignment(kafka.bootstrap, 1)
                    check(owned == {"instance-a": list(range(PARTITIONS))},
                          f"after B's crash, instance A owns every partition ({owned})")
                    paced.finish()
                    got = wait_for_output(kafka.bootstrap, want)
                    compare(got, want, "read_committed after B's crash")
                    check("restored" in a.log(),
                          "A restored the tasks it took over from their changelog partitions")
                    check(a.stop() == 0, "SIGTERM stops instance A with exit 0")
                except Exception:
                    print("instance A's log:\n" + a.log(), flush=True)
                    raise
    finally:
        shutil.rmtree(state_a, ignore_errors=True)
        shutil.rmtree(state_b, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main(run))
