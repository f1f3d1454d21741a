"""examples/stock_filter.sql end to end: `fluxo run` on the embedded broker over the seeded
`trades` quickstart, a multi-phase pipeline across topics.

Phase 1 writes the trades with price * shares > 100000 to large_trades; phase 2 reads that
derived topic: large_commodity_trades keeps those of PETR4, VALE3 and SUZB3 with a size class
(BLOCK from 200000), large_trade_volume counts and sums them per symbol per 1-minute tumbling
window (EMIT CHANGES). Expected records are computed in Python (exact DECIMAL arithmetic) from
the input as kafka-python reads it back. Checked, record by record:

- large_trades and large_commodity_trades hold exactly the expected multisets of records
  (key, value and, for large_trades, the trade's event time as the record timestamp),
- large_trade_volume: the last update of each (symbol, minute) carries its count and sum,
- `fluxo run` read every record of its inputs and stops with exit 0 on SIGTERM.

Usage: .cache/test-venv/bin/python tests/integration/example_stock_filter_test.py FLUXO
"""

from __future__ import annotations

import sys
from collections import Counter, defaultdict
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from example_helpers import (  # noqa: E402
    check, datagen, describe_difference, example_broker, main, read_input, read_topic,
    records_read, running_example, windowed_key)

COUNT = 2000
SEED = 20260311
THRESHOLD = Decimal(100000)
COMMODITIES = {"PETR4", "VALE3", "SUZB3"}
BLOCK = Decimal(200000)
MINUTE_MS = 60_000


def expected_outputs(trades):
    large = Counter()
    commodity = Counter()
    volume: dict = defaultdict(lambda: [0, Decimal(0)])
    for symbol, value, _ in trades:
        notional = value["price"] * value["shares"]
        if notional <= THRESHOLD:
            continue
        ts = value["transaction_date"]
        large[(symbol, value["shares"], value["price"], notional, ts, ts)] += 1
        if symbol in COMMODITIES:
            commodity[(symbol, notional, "BLOCK" if notional >= BLOCK else "LARGE")] += 1
        window = (symbol, ts - ts % MINUTE_MS)
        volume[window][0] += 1
        volume[window][1] += notional
    return large, commodity, {key: tuple(value) for key, value in volume.items()}


def large_records(records) -> Counter:
    return Counter((r.key, r.value["SHARES"], r.value["PRICE"], r.value["NOTIONAL"],
                    r.value["TRANSACTION_DATE"], r.timestamp_ms) for r in records)


def commodity_records(records) -> Counter:
    return Counter((r.key, r.value["NOTIONAL"], r.value["SIZE_CLASS"]) for r in records)


def latest_volume(records) -> dict:
    latest = {}
    for record in records:
        symbol, start = windowed_key(record.raw_key)
        if record.value["WINDOW_START"] != start:
            raise AssertionError(f"row of ({symbol}, {start}) has window {record.value}")
        latest[(symbol, start)] = (record.value["TRADE_COUNT"],
                                   Decimal(record.value["TOTAL_NOTIONAL"]))
    return latest


def run(fluxo: str) -> None:
    with example_broker(fluxo, "stock_filter", {
            "trades": 1, "large_trades": 1, "large_commodity_trades": 1,
            "large_trade_volume": 1}) as broker:
        datagen(fluxo, broker.bootstrap, "trades", "trades", COUNT, SEED)
        trades = [(r.key, r.value, r.timestamp_ms)
                  for r in read_input(broker.bootstrap, "trades", COUNT, exact=True)]
        check(all(symbol == v["symbol"] and ts == v["transaction_date"]
                  for symbol, v, ts in trades), "input keys are the symbols, timestamps the dates")
        want_large, want_commodity, want_volume = expected_outputs(trades)
        large_count = sum(want_large.values())
        blocks = sum(n for key, n in want_commodity.items() if key[2] == "BLOCK")
        check(100 < large_count < COUNT and 0 < blocks < sum(want_commodity.values()),
              f"{large_count} large trades, {sum(want_commodity.values())} of them commodity "
              f"trades, {blocks} blocks")

        with running_example(fluxo, "stock_filter", broker.bootstrap) as fluxo_run:
            got = large_records(read_topic(broker.bootstrap, "large_trades", until=large_count,
                                           exact=True))
            check(got == want_large,
                  f"large_trades: exactly the {large_count} trades above 100000, with their "
                  f"notional and event time (got {sum(got.values())})")

            commodity_count = sum(want_commodity.values())
            got = commodity_records(read_topic(broker.bootstrap, "large_commodity_trades",
                                               until=commodity_count, exact=True))
            check(got == want_commodity,
                  f"large_commodity_trades (from the derived topic): exactly the "
                  f"{commodity_count} expected records (got {sum(got.values())})")

            records = read_topic(broker.bootstrap, "large_trade_volume", exact=True,
                                 until=lambda records: latest_volume(records) == want_volume)
            got_volume = latest_volume(records)
            check(got_volume == want_volume,
                  f"large_trade_volume (from the derived topic): the last update of each of "
                  f"the {len(want_volume)} (symbol, minute) pairs has its count and exact sum",
                  describe_difference(got_volume, want_volume))
        read = records_read(fluxo_run.log())
        check(read == COUNT + 2 * large_count,
              f"the queries read all {COUNT} trades and twice the {large_count} large ones "
              f"(got {read})")

        got = large_records(read_topic(broker.bootstrap, "large_trades", idle_s=2.0, exact=True))
        check(got == want_large, "after the stop: large_trades still holds exactly those records")
        got = commodity_records(read_topic(broker.bootstrap, "large_commodity_trades", idle_s=2.0,
                                           exact=True))
        check(got == want_commodity,
              "after the stop: large_commodity_trades still holds exactly those records")


if __name__ == "__main__":
    sys.exit(main(run))
