"""The topics Fluxo creates on a real Kafka broker carry their topic configs, and a topic Fluxo
just created is there for the next statement (issue 5).

One KRaft broker (scripts/kafka-broker.sh) serves both parts:

1. `fluxo run` (state.dir set, so queries keep changelogs) of a file that
   * creates a stream with PARTITIONS=2 on a missing topic and, at once, a CSAS reading it: the
     sink must get 2 partitions (metadata must show the new topic before the CSAS asks);
   * counts per key into a table: its store changelog and its offsets changelog must be
     created with cleanup.policy=compact (restores read each key's last record only);
   * counts per key and 1-minute window (RETENTION 2 HOURS): its window store's changelog must
     be created with cleanup.policy=compact,delete and retention.ms = 2 h + 1 day, as Kafka
     Streams creates window changelogs.
2. `fluxo server` with a service.id: its command topic must be created with
   cleanup.policy=delete and retention.ms=-1 (every command is kept forever, never compacted).

Configs and partition counts are read with kafka-python's admin client.

Usage: .cache/test-venv/bin/python tests/integration/real_kafka_topic_configs_test.py PATH/TO/fluxo
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from fluxo_process import FluxoRun  # noqa: E402
from kafka_helpers import RealKafka, create_topic, produce_json  # noqa: E402
from test_harness import TestFailure, check, main  # noqa: E402

SERVICE_ID = "cfgrun"
SERVER_SERVICE_ID = "cfgserver"

SQL = """
CREATE STREAM fresh (id INT KEY, v INT)
  WITH (KAFKA_TOPIC = 'fresh', VALUE_FORMAT = 'JSON', PARTITIONS = 2);
CREATE STREAM fresh_copy WITH (KAFKA_TOPIC = 'fresh_copy') AS SELECT * FROM fresh;
CREATE STREAM views (user_id STRING KEY, page STRING)
  WITH (KAFKA_TOPIC = 'views', VALUE_FORMAT = 'JSON');
CREATE TABLE view_counts WITH (KAFKA_TOPIC = 'view_counts') AS
  SELECT user_id, COUNT(*) AS n FROM views GROUP BY user_id;
CREATE TABLE views_per_minute WITH (KAFKA_TOPIC = 'views_per_minute') AS
  SELECT user_id, COUNT(*) AS n FROM views
  WINDOW TUMBLING (SIZE 1 MINUTE, RETENTION 2 HOURS, GRACE PERIOD 10 SECONDS) GROUP BY user_id;
"""


def admin_client(bootstrap: str):
    from kafka import KafkaAdminClient

    return KafkaAdminClient(bootstrap_servers=bootstrap, client_id="fluxo-test-configs")


def topic_configs(admin, topic: str) -> dict[str, str]:
    """The topic's effective configs (name -> value), as DescribeConfigs reports them."""
    from kafka.admin import ConfigResource, ConfigResourceType

    responses = admin.describe_configs([ConfigResource(ConfigResourceType.TOPIC, topic)])
    configs: dict[str, str] = {}
    for response in responses:
        for resource in response.resources:
            # (error_code, error_message, resource_type, resource_name, config_entries); each
            # entry starts with (name, value, ...).
            error_code, error_message, _, name, entries = resource[:5]
            if error_code != 0:
                raise TestFailure(f"DescribeConfigs {name}: error {error_code} {error_message}")
            for entry in entries:
                configs[entry[0]] = entry[1]
    return configs


def list_topics(admin) -> set[str]:
    return set(admin.list_topics())


def partition_count(admin, topic: str) -> int:
    described = admin.describe_topics([topic])
    return len(described[0].get("partitions", [])) if described else 0


def wait_for_topics(admin, want: set[str], timeout_s: float = 60.0) -> set[str]:
    deadline = time.monotonic() + timeout_s
    present = list_topics(admin)
    while not want <= present and time.monotonic() < deadline:
        time.sleep(0.2)
        present = list_topics(admin)
    return present


def check_fluxo_run(fluxo: str, bootstrap: str, work: Path) -> None:
    create_topic(bootstrap, "views", partitions=1)
    produce_json(bootstrap, "views", [("1", {"PAGE": "a"}), ("2", {"PAGE": "b"}), ("1", {"PAGE": "c"})])
    settings = {
        "state.dir": str(work / "state"),
        "service.id": SERVICE_ID,
        "auto.offset.reset": "earliest",
        "commit.interval.ms": "100",
    }
    admin = admin_client(bootstrap)
    try:
        with FluxoRun(fluxo, SQL, bootstrap=bootstrap, settings=settings) as run:
            try:
                run.wait_for_log("running; stop with", timeout_s=120)
                check(partition_count(admin, "fresh") == 2, "CREATE STREAM made 'fresh' with 2 partitions")
                check(partition_count(admin, "fresh_copy") == 2,
                      "the CSAS run right after it gave its sink 'fresh_copy' 2 partitions too")

                query = "CTAS_VIEW_COUNTS_"
                changelogs: set[str] = set()
                deadline = time.monotonic() + 60
                while time.monotonic() < deadline:
                    changelogs = {t for t in list_topics(admin)
                                  if t.startswith(f"{SERVICE_ID}-{query}") and t.endswith("-changelog")}
                    if any(t.endswith("-offsets-changelog") for t in changelogs) and len(changelogs) >= 2:
                        break
                    time.sleep(0.2)
                check(any(t.endswith("-offsets-changelog") for t in changelogs) and len(changelogs) >= 2,
                      f"the table's query made a store changelog and an offsets changelog ({sorted(changelogs)})")
                for topic in sorted(changelogs):
                    policy = topic_configs(admin, topic).get("cleanup.policy")  # Not windowed.
                    check(policy == "compact", f"{topic}: cleanup.policy={policy}")
                window_store = f"{SERVICE_ID}-CTAS_VIEWS_PER_MINUTE_2-CTAS_VIEWS_PER_MINUTE_2.Aggregate.Materialize-changelog"
                present = wait_for_topics(admin, {window_store})
                check(window_store in present, f"the windowed table's store changelog {window_store} exists")
                configs = topic_configs(admin, window_store)
                check(configs.get("cleanup.policy") == "compact,delete"
                      and configs.get("retention.ms") == str((2 * 60 + 24 * 60) * 60 * 1000),
                      f"{window_store}: cleanup.policy={configs.get('cleanup.policy')}, "
                      f"retention.ms={configs.get('retention.ms')}")
                policy = topic_configs(admin, "view_counts").get("cleanup.policy")
                check(policy == "delete", f"the sink topic view_counts keeps the default: cleanup.policy={policy}")
            except Exception:
                print("fluxo run's log:\n" + run.log(), flush=True)
                raise
            check(run.stop() == 0, "fluxo run stopped cleanly")
    finally:
        admin.close()


def check_fluxo_server(fluxo: str, bootstrap: str, work: Path) -> None:
    log_path = work / "server.log"
    with open(log_path, "ab") as log:
        server = subprocess.Popen(
            [fluxo, "server", "--listen", "127.0.0.1:0", "--bootstrap-servers", bootstrap,
             "--set", f"state.dir={work / 'server-state'}", "--set", f"service.id={SERVER_SERVICE_ID}"],
            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=log)
    admin = admin_client(bootstrap)
    try:
        line = server.stdout.readline().decode().strip()
        if not line.startswith("Listening on "):
            raise TestFailure(f"fluxo server printed {line!r}:\n{log_path.read_text(errors='replace')}")
        topic = f"_fluxo_{SERVER_SERVICE_ID}_command_topic"
        check(topic in wait_for_topics(admin, {topic}), f"fluxo server created its command topic {topic}")
        configs = topic_configs(admin, topic)
        check(configs.get("cleanup.policy") == "delete" and configs.get("retention.ms") == "-1",
              f"{topic}: cleanup.policy={configs.get('cleanup.policy')}, "
              f"retention.ms={configs.get('retention.ms')}")
    finally:
        admin.close()
        server.terminate()
        try:
            server.wait(30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def run(fluxo: str) -> None:
    with tempfile.TemporaryDirectory(prefix="fluxo-topic-configs-") as directory:
        started = time.monotonic()
        with RealKafka(brokers=1) as kafka:
            print(f"real Kafka at {kafka.bootstrap} ({time.monotonic() - started:.1f} s)",
                  flush=True)
            check_fluxo_run(fluxo, kafka.bootstrap, Path(directory))
            check_fluxo_server(fluxo, kafka.bootstrap, Path(directory))


if __name__ == "__main__":
    sys.exit(main(run))
