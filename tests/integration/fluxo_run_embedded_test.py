"""`fluxo run` on the embedded broker (`fluxo kafka` as its own process), end to end.

Inputs are produced and outputs read with kafka-python; the expected results are computed here
in Python from the generated inputs, never by Fluxo. Four persistent queries run in one
`fluxo run` process:

- a filter/projection (trades with a notional of at least 1000 into BIG_TRADES),
- a windowed aggregation (trades per symbol per 10-second tumbling window, EMIT CHANGES: the
  last update of each window must carry the window's full count and sum),
- a windowed aggregation grouped by a non-key column (trades per venue per window): the rows
  are re-keyed through `<service.id>-<query id>-Aggregate-GroupBy-repartition`, which must
  hold one record per trade, keyed by its venue, with the trade record's timestamp,
- a stream-table join on a non-key column (pageviews keyed by view id joined to users on
  user_id): the stream is re-keyed through the query's repartition topic
  `<service.id>-<query id>-Join-left-repartition` (the queries keep their state under a
  state.dir, so they have a service id and changelogs), which must exist with one record per
  pageview, keyed by its user id (Fluxo's value encoding: 0x08, the UTF-8 bytes, 00 01), equal
  keys on one partition, each value carrying its view id.

Then SIGTERM must stop `fluxo run` with exit 0. Prints PASS/FAIL lines; exits 1 on failure.

Usage: .cache/test-venv/bin/python tests/integration/fluxo_run_embedded_test.py PATH/TO/fluxo
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from fluxo_process import FluxoRun  # noqa: E402
from kafka_helpers import EmbeddedKafka, consume_all, produce_json  # noqa: E402
from test_harness import TestFailure, check, main  # noqa: E402

PARTITIONS = 4  # The mock broker auto-creates topics with 4: the sinks inherit this count.
WINDOW_MS = 10_000

SQL = """
SET 'auto.offset.reset' = 'earliest';

CREATE STREAM trades (symbol STRING KEY, price DOUBLE, shares INT, venue STRING, ts BIGINT)
  WITH (KAFKA_TOPIC = 'trades', VALUE_FORMAT = 'JSON', TIMESTAMP = 'ts');

CREATE STREAM big_trades WITH (KAFKA_TOPIC = 'big_trades') AS
  SELECT symbol, price, shares, price * shares AS notional
  FROM trades WHERE price * shares >= 1000;

CREATE TABLE volume WITH (KAFKA_TOPIC = 'volume') AS
  SELECT symbol, AS_VALUE(symbol) AS sym, WINDOWSTART AS ws, COUNT(*) AS trades,
         SUM(shares) AS total_shares
  FROM trades WINDOW TUMBLING (SIZE 10 SECONDS) GROUP BY symbol EMIT CHANGES;

CREATE TABLE venue_volume WITH (KAFKA_TOPIC = 'venue_volume') AS
  SELECT venue, AS_VALUE(venue) AS v, WINDOWSTART AS ws, COUNT(*) AS trades,
         SUM(shares) AS total_shares
  FROM trades WINDOW TUMBLING (SIZE 10 SECONDS) GROUP BY venue EMIT CHANGES;

CREATE TABLE users (user_id STRING PRIMARY KEY, name STRING, region STRING)
  WITH (KAFKA_TOPIC = 'users', VALUE_FORMAT = 'JSON');

CREATE STREAM pageviews (view_id STRING KEY, user_id STRING, page STRING, ts BIGINT)
  WITH (KAFKA_TOPIC = 'pageviews', VALUE_FORMAT = 'JSON', TIMESTAMP = 'ts');

CREATE STREAM enriched WITH (KAFKA_TOPIC = 'enriched') AS
  SELECT pv.user_id AS user_id, pv.view_id AS view_id, pv.page AS page, u.name AS name,
         u.region AS region
  FROM pageviews pv JOIN users u ON pv.user_id = u.user_id;
"""


def make_inputs(rng: random.Random, base_ms: int):
    symbols = ["PETR4", "VALE3", "ITUB4", "BBDC4", "ABEV3"]
    trades = []
    for i in range(400):
        trades.append((rng.choice(symbols), {
            "price": round(rng.uniform(5, 120), 2),
            "shares": rng.randint(1, 40),
            "venue": rng.choice(["B3", "NYSE", "LSE"]),
            "ts": base_ms + i * 250 + rng.randint(0, 200),
        }))
    users = [(f"u{n}", {"name": f"User {n}", "region": rng.choice(["north", "south", "east"])})
             for n in range(40)]
    pageviews = []
    for i in range(300):
        # Users u0..u44: views of u40..u44 have no user row and must not join.
        pageviews.append((f"v{i}", {
            "user_id": f"u{rng.randint(0, 44)}",
            "page": f"/page/{rng.randint(1, 9)}",
            "ts": base_ms + 600_000 + i,  # After every user row (their timestamps: now).
        }))
    return trades, users, pageviews


def expected_big_trades(trades):
    return Counter(
        (symbol, v["price"], v["shares"], round(v["price"] * v["shares"], 6))
        for symbol, v in trades if v["price"] * v["shares"] >= 1000)


def expected_windows(trades, group=lambda symbol, v: symbol):
    windows = defaultdict(lambda: [0, 0])
    for symbol, v in trades:
        start = v["ts"] - v["ts"] % WINDOW_MS
        windows[(group(symbol, v), start)][0] += 1
        windows[(group(symbol, v), start)][1] += v["shares"]
    return {key: tuple(value) for key, value in windows.items()}


def expected_enriched(users, pageviews):
    by_id = dict(users)
    return Counter(
        (v["user_id"], view_id, v["page"], by_id[v["user_id"]]["name"],
         by_id[v["user_id"]]["region"])
        for view_id, v in pageviews if v["user_id"] in by_id)


def encoded_string(text: str) -> bytes:
    """A STRING as Fluxo's state and repartition records encode it (state/value_codec.h)."""
    return b"\x08" + text.encode().replace(b"\x00", b"\x00\xff") + b"\x00\x01"


def repartition_topics(bootstrap: str) -> list[str]:
    from kafka import KafkaConsumer

    consumer = KafkaConsumer(bootstrap_servers=bootstrap, client_id="fluxo-test-topics")
    try:
        return sorted(t for t in consumer.topics() if t.endswith("-repartition"))
    finally:
        consumer.close()


def check_repartition_topic(bootstrap: str, pageviews) -> None:
    topics = [t for t in repartition_topics(bootstrap) if t.endswith("-Join-left-repartition")]
    check(len(topics) == 1, f"the non-key join has one repartition topic (got {topics})")
    records = consume_all(bootstrap, topics[0], expected=len(pageviews), idle_timeout_s=5)
    by_key = {encoded_string(v["user_id"]): v["user_id"] for _, v in pageviews}
    got = Counter()
    partitions = defaultdict(set)
    for record in records:
        user = by_key.get(record.raw_key)
        views = [view_id for view_id, _ in pageviews
                 if encoded_string(view_id) in (record.raw_value or b"")]
        got[(user, views[0] if len(views) == 1 else None)] += 1
        partitions[record.raw_key].add(record.partition)
    want = Counter((v["user_id"], view_id) for view_id, v in pageviews)
    check(got == want,
          f"{topics[0]} holds each of the {len(pageviews)} pageviews once, keyed by its user id "
          f"(got {len(records)} records)")
    check(all(len(p) == 1 for p in partitions.values()),
          f"the records of each of the {len(partitions)} user ids are on one partition")


def check_group_by_topic(bootstrap: str, trades) -> None:
    """The GROUP BY venue's topic: one record per trade, keyed by its venue on one partition,
    with the timestamps of the trades topic's records."""
    topics = repartition_topics(bootstrap)
    names = [t for t in topics if t.endswith("-Aggregate-GroupBy-repartition")]
    check(len(names) == 1 and "VENUE_VOLUME" in names[0] and len(topics) == 2,
          f"the GROUP BY on a non-key column has one repartition topic (got {topics})")
    records = consume_all(bootstrap, names[0], expected=len(trades), idle_timeout_s=5)
    by_key = {encoded_string(venue): venue for venue in ["B3", "NYSE", "LSE"]}
    got = Counter(by_key.get(record.raw_key) for record in records)
    want = Counter(v["venue"] for _, v in trades)
    check(got == want,
          f"{names[0]} holds one record per trade, keyed by its venue (got {len(records)} records)")
    partitions = defaultdict(set)
    for record in records:
        partitions[record.raw_key].add(record.partition)
    check(all(len(p) == 1 for p in partitions.values()),
          f"the records of each of the {len(partitions)} venues are on one partition")
    sources = consume_all(bootstrap, "trades", expected=len(trades), idle_timeout_s=5)
    check(Counter(r.timestamp_ms for r in records) == Counter(r.timestamp_ms for r in sources),
          "the re-keyed records carry the timestamps of the trades' records")


def latest_windows(records, group_column: str = "SYM"):
    latest = {}
    for record in sorted(records, key=lambda r: (r.partition, r.offset)):
        if record.value is None:
            continue
        value = record.value
        latest[(value[group_column], value["WS"])] = (value["TRADES"], value["TOTAL_SHARES"])
    return latest


def wait_for(read, is_complete, timeout_s: float = 90.0):
    """Re-reads an output until is_complete(result) or the timeout; returns the last result."""
    deadline = time.monotonic() + timeout_s
    result = read()
    while not is_complete(result) and time.monotonic() < deadline:
        time.sleep(1)
        result = read()
    return result


def run(fluxo: str) -> None:
    rng = random.Random(20261121)
    base_ms = (int(time.time() * 1000) // WINDOW_MS) * WINDOW_MS - 3_600_000
    trades, users, pageviews = make_inputs(rng, base_ms)
    topics = {name: PARTITIONS for name in ["trades", "users", "pageviews"]}
    with EmbeddedKafka(fluxo, topics=topics) as broker:
        produce_json(broker.bootstrap, "users", users)
        produce_json(broker.bootstrap, "trades", trades)
        produce_json(broker.bootstrap, "pageviews", pageviews)
        print(f"PASS produced {len(trades)} trades, {len(users)} users, {len(pageviews)} "
              f"pageviews with kafka-python to {broker.bootstrap}", flush=True)
        state_dir = tempfile.TemporaryDirectory(prefix="fluxo-embedded-state-")
        with state_dir, FluxoRun(fluxo, SQL, bootstrap=broker.bootstrap,
                                 settings={"state.dir": state_dir.name}) as fluxo_run:
            try:
                fluxo_run.wait_for_log("running; stop with")
                want_big = expected_big_trades(trades)
                got = wait_for(
                    lambda: consume_all(broker.bootstrap, "big_trades", idle_timeout_s=3),
                    lambda records: len(records) >= sum(want_big.values()))
                got_big = Counter(
                    (r.key, r.value["PRICE"], r.value["SHARES"], round(r.value["NOTIONAL"], 6))
                    for r in got)
                check(got_big == want_big,
                      f"filter/projection: BIG_TRADES holds exactly the {sum(want_big.values())} "
                      f"expected records (got {len(got)})")

                want_windows = expected_windows(trades)
                windows = wait_for(
                    lambda: latest_windows(consume_all(broker.bootstrap, "volume", idle_timeout_s=3)),
                    lambda latest: latest == want_windows)
                check(windows == want_windows,
                      f"windowed aggregation: the last update of each of the {len(want_windows)} "
                      f"(symbol, window) pairs has its full count and sum")

                want_venues = expected_windows(trades, group=lambda _, v: v["venue"])
                venues = wait_for(
                    lambda: latest_windows(
                        consume_all(broker.bootstrap, "venue_volume", idle_timeout_s=3), "V"),
                    lambda latest: latest == want_venues)
                check(venues == want_venues,
                      f"windowed aggregation by a non-key column: the last update of each of the "
                      f"{len(want_venues)} (venue, window) pairs has its full count and sum")
                check_group_by_topic(broker.bootstrap, trades)

                want_enriched = expected_enriched(users, pageviews)
                got = wait_for(
                    lambda: consume_all(broker.bootstrap, "enriched", idle_timeout_s=3),
                    lambda records: len(records) >= sum(want_enriched.values()))
                got_enriched = Counter(
                    (r.key, r.value["VIEW_ID"], r.value["PAGE"], r.value["NAME"], r.value["REGION"])
                    for r in got)
                check(got_enriched == want_enriched,
                      f"stream-table join on a non-key column: ENRICHED holds exactly the "
                      f"{sum(want_enriched.values())} pageviews of known users (got {len(got)})")
                check_repartition_topic(broker.bootstrap, pageviews)
            except Exception:
                print("fluxo run's log:\n" + fluxo_run.log(), flush=True)
                raise
            code = fluxo_run.stop()
            check(code == 0, f"SIGTERM stops fluxo run with exit 0 (got {code})")


if __name__ == "__main__":
    sys.exit(main(run))
