"""examples/trades_hourly_flink.sql end to end: the Flink SQL example (a WATERMARK, GROUP BY
TUMBLE, INSERT INTO a Kafka sink table) under `fluxo run` on the embedded broker, over the seeded
`trades` quickstart starting a minute before 01:00 and running past 02:00 (37,000 trades, about
0.1 s apart), with late records.

Expected rows are computed in Python from the input as kafka-python reads it back, with Flink's
rule: the watermark is the largest transaction_date seen so far less 5 s; a record whose hour
ends at or before the watermark when it arrives is dropped; an hour's rows are emitted once the
watermark passes its end. The input crosses 01:00 and 02:00, so hours 00 and 01 close and
hour 02 stays open. Checked:

- trades_hourly holds exactly one record per symbol for each of hours 00 and 01 (SYMBOL,
  WINDOW_START as epoch ms, which also shows TIMESTAMP(3) reading the epoch-ms BIGINT,
  SUM(shares), AVG(price) of the records kept), with no key, and none for hour 02,
- some records were dropped as late and some out-of-order ones still counted,
- `fluxo run` read every input record and stops with exit 0 on SIGTERM.

Usage: .cache/test-venv/bin/python tests/integration/example_trades_hourly_flink_test.py FLUXO
"""

from __future__ import annotations

import math
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from example_helpers import (  # noqa: E402
    check, datagen, describe_difference, example_broker, main, read_input, read_topic,
    records_read, running_example)

COUNT = 37_000
SEED = 20260519
LATE_RATIO = "0.1"
START_TIME = "2026-01-01T00:59:00Z"
HOUR_MS = 3600 * 1000
WATERMARK_DELAY_MS = 5_000
H0 = 1767225600000  # 2026-01-01T00:00:00Z


def expected_rows(trades):
    """(symbol, hour start) -> (shares, average price) of the hours the final watermark closed,
    the hours still open, the number of records dropped and of late ones kept."""
    hours: dict = defaultdict(lambda: [0, 0.0, 0])
    max_time = None
    dropped = late_kept = 0
    for symbol, shares, price, ts in trades:
        late = max_time is not None and ts < max_time
        max_time = ts if max_time is None else max(max_time, ts)
        watermark = max_time - WATERMARK_DELAY_MS
        start = ts - ts % HOUR_MS
        if start + HOUR_MS <= watermark:
            dropped += 1
            continue
        late_kept += late
        hours[(symbol, start)][0] += shares
        hours[(symbol, start)][1] += price
        hours[(symbol, start)][2] += 1
    watermark = max_time - WATERMARK_DELAY_MS
    closed = {key: (shares, total / n) for key, (shares, total, n) in hours.items()
              if key[1] + HOUR_MS <= watermark}
    still_open = set(hours) - set(closed)
    return closed, still_open, dropped, late_kept


def rows_of(records):
    return {(r.value["SYMBOL"], r.value["WINDOW_START"]): (r.value["TOTAL_SHARES"],
                                                          float(r.value["AVG_PRICE"]))
            for r in records}


def same_row(got, want) -> bool:
    """Same total shares; average prices (DOUBLE) within 1e-9."""
    return got[0] == want[0] and math.isclose(got[1], want[1], rel_tol=1e-9)


def matches(got, want) -> bool:
    return got.keys() == want.keys() and all(same_row(got[k], want[k]) for k in want)


def run(fluxo: str) -> None:
    with example_broker(fluxo, "trades_hourly_flink", {"trades": 1, "trades_hourly": 1}) as broker:
        datagen(fluxo, broker.bootstrap, "trades", "trades", COUNT, SEED,
                "--late-ratio", LATE_RATIO, "--start-time", START_TIME)
        trades = []
        for record in read_input(broker.bootstrap, "trades", COUNT, exact=True):
            v = record.value
            trades.append((v["symbol"], v["shares"], float(v["price"]), v["transaction_date"]))
        want, still_open, dropped, late_kept = expected_rows(trades)
        check(dropped > 0 and late_kept > 0,
              f"the input has late records: {dropped} dropped behind the watermark, {late_kept} "
              f"out of order but kept")
        check({start for _, start in want} == {H0, H0 + HOUR_MS} and
              {start for _, start in still_open} == {H0 + 2 * HOUR_MS},
              f"hours 00 and 01 close ({len(want)} rows), hour 02 stays open")

        with running_example(fluxo, "trades_hourly_flink", broker.bootstrap) as fluxo_run:
            records = read_topic(broker.bootstrap, "trades_hourly", until=len(want),
                                 exact=True)
            got = rows_of(records)
            check(len(records) == len(want) and matches(got, want),
                  f"trades_hourly: one row per symbol and closed hour ({len(want)}; got "
                  f"{len(records)}) with the total shares and average price of the records "
                  f"the watermark kept", describe_difference(got, want, same=same_row))
            check(all(r.key is None for r in records), "the sink's records have no key")
        read = records_read(fluxo_run.log())
        check(read == COUNT, f"the query read all {COUNT} trades (got {read})")

        records = read_topic(broker.bootstrap, "trades_hourly", idle_s=2.0, exact=True)
        check(len(records) == len(want) and matches(rows_of(records), want),
              "after the stop: still exactly the rows of hours 00 and 01, none for the open hour 02")


if __name__ == "__main__":
    sys.exit(main(run))
