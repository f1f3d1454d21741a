"""examples/card_transactions.sql end to end: `fluxo run` on the embedded broker over the
seeded `transactions` quickstart, with late records.

The example counts, sums and averages transactions per card brand per 5-second tumbling
window twice: brand_totals_live (EMIT CHANGES, ksqlDB's default grace of 24 h less the size)
and brand_totals_final (EMIT FINAL, GRACE PERIOD 2 SECONDS, RETENTION 1 HOUR). Expected values
come from the input records as kafka-python reads them back, with ksqlDB's documented rule:
stream time is the largest event time (ts) seen so far on the partition; a record is dropped
when its window's end + grace <= stream time; an EMIT FINAL window is emitted once, when stream
time reaches its end + grace. Checked:

- live: the last update of every (brand, window) carries the totals of all its records (none
  is late enough to drop there),
- final: exactly one row per window closed by the final stream time, with the totals of the
  records that were not dropped; none for windows still open; some records were dropped and
  some late records still counted,
- `fluxo run` read every input record once per query and stops with exit 0 on SIGTERM.

Usage: .cache/test-venv/bin/python tests/integration/example_card_transactions_test.py FLUXO
"""

from __future__ import annotations

import math
import re
import sys
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from example_helpers import (  # noqa: E402
    check, datagen, describe_difference, example_broker, example_sql, main, read_input,
    read_topic, records_read, running_example, windowed_key)

COUNT = 2000
SEED = 20260107
LATE_RATIO = "0.08"
SIZE_MS = 5_000
LIVE_GRACE_MS = 24 * 3600 * 1000 - SIZE_MS  # No GRACE PERIOD: Kafka Streams' legacy default.
FINAL_GRACE_MS = 2_000
FINAL_RETENTION_MS = 3600 * 1000


def check_example_windows(sql: str) -> None:
    """The constants above are the example's: fail loudly if the example changes them."""
    windows = re.findall(r"WINDOW\s+TUMBLING\s*\(([^)]*)\)", sql, re.IGNORECASE)
    check([" ".join(w.split()) for w in windows] ==
          ["SIZE 5 SECONDS", "SIZE 5 SECONDS, RETENTION 1 HOUR, GRACE PERIOD 2 SECONDS"],
          "the example's windows are the ones this test computes")


def aggregate(transactions, grace_ms: int):
    """(brand, window start) -> [count, sum] of the records not dropped, the number dropped,
    the number of out-of-order records still counted, and the final stream time."""
    windows: dict = defaultdict(lambda: [0, Decimal(0)])
    stream_time = None
    dropped = late_counted = 0
    for brand, amount, ts in transactions:
        late = stream_time is not None and ts < stream_time
        stream_time = ts if stream_time is None else max(stream_time, ts)
        start = ts - ts % SIZE_MS
        if start + SIZE_MS + grace_ms <= stream_time:
            dropped += 1
            continue
        late_counted += late
        windows[(brand, start)][0] += 1
        windows[(brand, start)][1] += amount
    return windows, dropped, late_counted, stream_time


def latest_rows(records):
    """(brand, window start) -> the value of its last update, checking each row's bounds."""
    latest = {}
    for record in records:
        brand, start = windowed_key(record.raw_key)
        value = record.value
        if value["WINDOW_START"] != start or value["WINDOW_END"] != start + SIZE_MS:
            raise AssertionError(f"row of ({brand}, {start}) has window {value}")
        latest[(brand, start)] = value
    return latest


def as_totals(rows):
    return {key: (v["TRANSACTION_COUNT"], v["TOTAL_AMOUNT"], v["AVERAGE_AMOUNT"])
            for key, v in rows.items()}


def with_averages(windows):
    """(brand, window start) -> (count, sum, average) from [count, sum]."""
    return {key: (count, total, float(total) / count) for key, (count, total) in windows.items()}


def same_totals(got, want) -> bool:
    """Same count and exact DECIMAL sum; averages (DOUBLE) within 1e-9."""
    return (got[0] == want[0] and Decimal(got[1]) == want[1]
            and math.isclose(float(got[2]), want[2], rel_tol=1e-9))


def matches(got, want) -> bool:
    return got.keys() == want.keys() and all(same_totals(got[k], want[k]) for k in want)


def run(fluxo: str) -> None:
    check_example_windows(example_sql("card_transactions"))
    with example_broker(fluxo, "card_transactions", {
            "transactions": 1, "brand_totals_live": 1, "brand_totals_final": 1}) as broker:
        datagen(fluxo, broker.bootstrap, "transactions", "transactions", COUNT, SEED,
                "--late-ratio", LATE_RATIO)
        inputs = read_input(broker.bootstrap, "transactions", COUNT, exact=True)
        transactions = []
        for record in inputs:
            value = record.value
            if record.key != value["card_id"] or record.timestamp_ms != value["ts"]:
                raise AssertionError(f"input record {record} has another key or timestamp")
            transactions.append((value["brand"], value["amount"], value["ts"]))

        live, live_dropped, _, _ = aggregate(transactions, LIVE_GRACE_MS)
        live = with_averages(live)
        final_windows, dropped, late_counted, stream_time = aggregate(transactions, FINAL_GRACE_MS)
        final_windows = with_averages(final_windows)
        check(live_dropped == 0 and dropped > 0 and late_counted > 0,
              f"the input has late records: {dropped} beyond the 2 s grace, {late_counted} "
              f"out of order but within it")
        first_ts = min(ts for _, _, ts in transactions)
        check(stream_time - first_ts < FINAL_RETENTION_MS,
              "the input spans less than the final table's retention (no window is purged)")
        closed = {key: value for key, value in final_windows.items()
                  if key[1] + SIZE_MS + FINAL_GRACE_MS <= stream_time}
        still_open = final_windows.keys() - closed.keys()
        check(len(closed) > 100 and len(still_open) > 0,
              f"{len(closed)} (brand, window) pairs close, {len(still_open)} stay open")

        with running_example(fluxo, "card_transactions", broker.bootstrap) as fluxo_run:
            records = read_topic(
                broker.bootstrap, "brand_totals_live", exact=True,
                until=lambda records: matches(as_totals(latest_rows(records)), live))
            got_live = as_totals(latest_rows(records))
            check(matches(got_live, live),
                  f"brand_totals_live: the last update of each of the {len(live)} (brand, "
                  f"window) pairs has its count, exact sum and average",
                  describe_difference(got_live, live, same=same_totals))

            records = read_topic(broker.bootstrap, "brand_totals_final", until=len(closed),
                                 exact=True)
            got_final = as_totals(latest_rows(records))
            check(len(records) == len(closed) and matches(got_final, closed),
                  f"brand_totals_final: one row for each of the {len(closed)} closed windows "
                  f"(got {len(records)} rows), with the totals of the records kept",
                  describe_difference(got_final, closed, same=same_totals))
        read = records_read(fluxo_run.log())
        check(read == 2 * COUNT, f"both queries read all {COUNT} input records (got {read})")

        records = read_topic(broker.bootstrap, "brand_totals_final", idle_s=2.0, exact=True)
        final_keys = [windowed_key(r.raw_key) for r in records]
        check(len(final_keys) == len(set(final_keys)) == len(closed)
              and not set(final_keys) & still_open,
              "after the stop: still exactly one row per closed window, none for an open one")


if __name__ == "__main__":
    sys.exit(main(run))
