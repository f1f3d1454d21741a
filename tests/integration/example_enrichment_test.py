"""examples/enrichment.sql end to end: pageviews enriched by users, and a hopping count per region.

The embedded broker (`fluxo kafka`) runs as its own process with the example's topics. Seeded
`fluxo datagen` runs write the users (profiles, then updates; their timestamps an hour back),
then `fluxo run examples/enrichment.sql` starts (its INSERT ... VALUES rows update User_1..3),
then datagen writes the pageviews (timestamps from a second later on, some by users with no
row). Every user row is therefore older than every pageview, so each pageview must join the last
row of its user in the users topic (ksqlDB's stream-table join processes both inputs in
timestamp order).

Both inputs are read back with kafka-python and the expected outputs computed here:
PAGEVIEWS_ENRICHED (LEFT JOIN: unknown users get null name and region) and, for
PAGEVIEWS_PER_REGION, the last update of each (region, 1-minute window advancing by 10 s), whose
key is the region followed by the window start.

Usage: .cache/test-venv/bin/python tests/integration/example_enrichment_test.py PATH/TO/fluxo
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from example_helpers import (check, datagen, example_broker, latest_by_key,  # noqa: E402
                             main, read_topic, running_example, wait_until, windowed_key)

USERS = 12        # datagen users User_1..User_12 (registrations, then updates)
VIEWERS = 15      # pageviews by User_1..User_15: the last three have no user row
WINDOW_SIZE_MS = 60_000
WINDOW_ADVANCE_MS = 10_000


def expected_enriched(users, pageviews):
    """(user_id, page_id, viewtime, name, region) per pageview, the user's last row joined."""
    current = latest_by_key(users)
    rows = Counter()
    for view in pageviews:
        user = current.get(view.key)
        field = (lambda name: None if user is None else
                 next((v for k, v in user.items() if k.lower() == name), None))
        rows[(view.key, view.value["page_id"], view.value["viewtime"], field("name"),
              field("region"))] += 1
    return rows


def expected_region_counts(enriched: Counter):
    """(region, window start) -> views, for hopping windows of 1 minute advancing by 10 s."""
    counts = Counter()
    for (_, _, viewtime, _, region), n in enriched.items():
        if region is None:
            continue
        start = viewtime - viewtime % WINDOW_ADVANCE_MS
        while start > viewtime - WINDOW_SIZE_MS:
            counts[(region, start)] += n
            start -= WINDOW_ADVANCE_MS
    return dict(counts)


def got_enriched(records):
    return Counter((r.key, r.value["PAGE_ID"], r.value["VIEWTIME"], r.value["NAME"],
                    r.value["REGION"]) for r in records)


def got_region_counts(records):
    latest = latest_by_key(records, key=lambda record: windowed_key(record.raw_key))
    return {key: value["VIEW_COUNT"] for key, value in latest.items()}


def run(fluxo: str) -> None:
    now_ms = int(time.time() * 1000)
    with example_broker(fluxo, "enrichment", {
            "pageviews": 1, "users": 1, "pageviews_enriched": 1,
            "pageviews_per_region": 1}) as broker:
        datagen(fluxo, broker.bootstrap, "users", "users", 40, 7,
                "--key-count", str(USERS), "--start-time", str(now_ms - 3_600_000))
        with running_example(fluxo, "enrichment", broker.bootstrap):
            # From a second on: strictly after the INSERTs' timestamps (their write time).
            datagen(fluxo, broker.bootstrap, "pageviews", "pageviews", 400, 8, "--key-count",
                    str(VIEWERS), "--start-time", str(int(time.time() * 1000) + 1_000))

            users = read_topic(broker.bootstrap, "users")
            pageviews = read_topic(broker.bootstrap, "pageviews")
            inserted = {r.key: r.value.get("NAME") for r in users[40:]}
            check(len(users) == 43 and inserted == {"User_1": "Alice", "User_2": "Bob",
                                                     "User_3": "Chloé"},
                  f"users holds datagen's 40 rows, then the example's 3 INSERTs: {inserted}")
            newest_user = max(u.timestamp_ms for u in users)
            check(len(pageviews) == 400
                  and all(p.timestamp_ms > newest_user for p in pageviews),
                  "pageviews holds 400 views, all newer than every user row")

            want = expected_enriched(users, pageviews)
            check(any(key[3] == "Alice" for key in want)
                  and any(key[3] is None for key in want),
                  "the expected join includes views by an INSERTed user and by unknown users")
            records = wait_until(lambda: read_topic(broker.bootstrap, "pageviews_enriched"),
                                 lambda rs: len(rs) >= len(pageviews))
            check(got_enriched(records) == want,
                  f"PAGEVIEWS_ENRICHED: each of the {len(pageviews)} views with its user's "
                  f"current name and region, nulls for unknown users (got {len(records)})")

            want_counts = expected_region_counts(want)
            counts = wait_until(
                lambda: got_region_counts(read_topic(broker.bootstrap,
                                                     "pageviews_per_region")),
                lambda got: got == want_counts)
            check(counts == want_counts,
                  f"PAGEVIEWS_PER_REGION: the last update of each of the {len(want_counts)} "
                  f"(region, hopping window) pairs holds its view count (got {len(counts)})")


if __name__ == "__main__":
    sys.exit(main(run))
