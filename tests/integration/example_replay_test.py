"""examples/replay.sql end to end: reprocessing a topic's whole history (Kappa-style).

The embedded broker (`fluxo kafka`) runs as its own process with the example's topics. A seeded
generator (random.Random) writes a history of clicks with kafka-python (some without URL, some
without referrer, referrers in mixed case) BEFORE `fluxo run examples/replay.sql` starts, and
that run is configured with auto.offset.reset=latest (ksqlDB's default), so only the example's
own `SET 'auto.offset.reset' = 'earliest'` makes its queries read the history. More clicks
follow while it runs. Expected results, computed here from the clicks read back with
kafka-python:

- CLICKS_CLEANED_V2: every click with a URL, in order, referrer lower-cased ('direct' when
  missing);
- CLICKS_PER_REFERRER_V2: the number of those clicks per cleaned referrer (the changelog's last
  record per key).

Then a second run of the same file with a new service.id and state.dir reprocesses the whole
history again: it appends the same cleaned clicks to CLICKS_CLEANED_V2 once more, and its count
table, which reads that topic from its first record too, counts both copies (twice the first
run's counts: the reason a new version writes to new topics).

Usage: .cache/test-venv/bin/python tests/integration/example_replay_test.py PATH/TO/fluxo
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from example_helpers import (check, example_broker, latest_by_key, main,  # noqa: E402
                             read_topic, running_example, wait_until)
from kafka_helpers import produce_json  # noqa: E402

REFERRERS = ["Google", "google", "GOOGLE", "news.ycombinator.com", "Twitter", "twitter",
             "LinkedIn", "Direct"]


def make_clicks(rng: random.Random, count: int, start_ms: int):
    clicks = []
    for i in range(count):
        value = {"clicked_at": start_ms + i * 1_000 + rng.randint(0, 999)}
        if rng.random() > 0.1:  # About one click in ten has no URL: dropped by the cleaning.
            value["url"] = f"https://shop.example.com/p/{rng.randint(1, 60)}"
        elif rng.random() < 0.5:
            value["url"] = None
        if rng.random() > 0.15:  # About one in seven has no referrer: 'direct'.
            value["referrer"] = rng.choice(REFERRERS)
        clicks.append((f"user_{rng.randint(1, 25)}", value))
    return clicks


def expected_cleaned(clicks):
    cleaned = []
    for click in clicks:
        value = click.value
        if value.get("url") is None:
            continue
        referrer = value.get("referrer")
        cleaned.append((click.key, value["url"],
                        "direct" if referrer is None else referrer.lower(), value["clicked_at"]))
    return cleaned


def got_cleaned(records):
    return [(r.key, r.value["URL"], r.value["REFERRER"], r.value["CLICKED_AT"])
            for r in records]


def expected_counts(cleaned):
    return dict(Counter(referrer for _, _, referrer, _ in cleaned))


def got_counts(records):
    return {key: value["CLICK_COUNT"] for key, value in latest_by_key(records).items()}


def check_run(bootstrap: str, name: str, cleaned_from: int, counts_from: int) -> None:
    """What a run appended to the outputs from these offsets on must cover every click of the
    topic, and the counts every cleaned click of CLICKS_CLEANED_V2 (earlier runs' included)."""
    clicks = read_topic(bootstrap, "clicks")
    want = expected_cleaned(clicks)
    records = wait_until(lambda: read_topic(bootstrap, "clicks_cleaned_v2")[cleaned_from:],
                         lambda rs: len(rs) >= len(want))
    check(got_cleaned(records) == want,
          f"{name}: CLICKS_CLEANED_V2 holds the {len(want)} clicks with a URL of all "
          f"{len(clicks)}, in order, referrers cleaned (got {len(records)})")
    want_counts = expected_counts(want)
    if cleaned_from:
        # The first run's copy, checked above, and this run's: each referrer counted twice.
        want_counts = {referrer: 2 * n for referrer, n in want_counts.items()}
    counts = wait_until(
        lambda: got_counts(read_topic(bootstrap, "clicks_per_referrer_v2")[counts_from:]),
        lambda got: got == want_counts)
    check(counts == want_counts,
          f"{name}: CLICKS_PER_REFERRER_V2 counts every cleaned click per referrer: {counts}")


def run(fluxo: str) -> None:
    rng = random.Random(7011)
    start_ms = int(time.time() * 1000) - 86_400_000
    work = tempfile.TemporaryDirectory(prefix="fluxo-replay-")
    with work, example_broker(fluxo, "replay", {
            "clicks": 1, "clicks_cleaned_v2": 1, "clicks_per_referrer_v2": 1}) as broker:
        history = make_clicks(rng, 300, start_ms)
        produce_json(broker.bootstrap, "clicks", history)
        print(f"PASS produced a history of {len(history)} clicks with kafka-python", flush=True)

        first_settings = {"auto.offset.reset": "latest", "service.id": "replay_first",
                          "state.dir": f"{work.name}/first"}
        with running_example(fluxo, "replay", broker.bootstrap, first_settings,
                             label="the first fluxo run"):
            check_run(broker.bootstrap, "first run, history", 0, 0)
            produce_json(broker.bootstrap, "clicks", make_clicks(rng, 60, start_ms + 400_000))
            check_run(broker.bootstrap, "first run, history and new clicks", 0, 0)
        cleaned_end = len(read_topic(broker.bootstrap, "clicks_cleaned_v2"))
        counts_end = len(read_topic(broker.bootstrap, "clicks_per_referrer_v2"))

        second_settings = {"auto.offset.reset": "latest", "service.id": "replay_second",
                           "state.dir": f"{work.name}/second"}
        with running_example(fluxo, "replay", broker.bootstrap, second_settings,
                             label="the second fluxo run"):
            check_run(broker.bootstrap, "second run (new service.id and state.dir)",
                      cleaned_end, counts_end)


if __name__ == "__main__":
    sys.exit(main(run))
