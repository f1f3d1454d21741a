"""examples/customer_profile.sql end to end: a customer profile from table-table LEFT JOINs.

The embedded broker (`fluxo kafka`) runs as its own process with the example's topics. A seeded
generator (random.Random, here) writes customers, loyalty accounts and orders with kafka-python,
including updates and deletions (tombstones) of customers and loyalty accounts, then
`fluxo run examples/customer_profile.sql` starts; a second batch of changes and deletions
follows while it runs. After each batch the inputs are read back with kafka-python and the
expected tables computed here:

- ORDER_STATS: per customer_id of the orders, the count, the sum of the amounts and the last
  order id (by offset);
- CUSTOMER_PROFILES: one row per customer that exists (a deleted customer's key is gone), with
  the loyalty tier (or 'NONE' without an account, also after its deletion), its points and the
  order statistics (nulls without orders).

Each output topic is a changelog: its final state is the last record per key, a tombstone
removing the key.

Usage: .cache/test-venv/bin/python tests/integration/example_customer_profile_test.py PATH/TO/fluxo
"""

from __future__ import annotations

import math
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from example_helpers import (check, example_broker, latest_by_key, main,  # noqa: E402
                             read_topic, running_example, wait_until)
from kafka_helpers import produce_json  # noqa: E402

CUSTOMERS = 30  # C1..C30; orders also come from C31..C34, who never get a customer row
FIRST = ["Ana", "Bruno", "Carla", "Diego", "Elisa", "Fábio", "Gabriela", "Heitor"]
LAST = ["Silva", "Souza", "Oliveira", "Santos", "Pereira", "Costa"]
CITIES = ["São Paulo", "Rio de Janeiro", "Recife", "Curitiba", "Manaus"]
TIERS = ["BRONZE", "SILVER", "GOLD", "PLATINUM"]


class Generator:
    """Seeded customers, loyalty accounts and orders; keeps which keys exist to delete some."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.next_order = 1

    def customer(self, n: int):
        first, last = self.rng.choice(FIRST), self.rng.choice(LAST)
        return f"C{n}", {"name": f"{first} {last}",
                         "email": f"{first.lower()}.{last.lower()}{n}@example.com",
                         "city": self.rng.choice(CITIES)}

    def loyalty(self, n: int):
        return f"C{n}", {"tier": self.rng.choice(TIERS), "points": self.rng.randint(0, 50_000)}

    def orders(self, count: int):
        out = []
        for _ in range(count):
            order_id = f"O{self.next_order:05d}"
            self.next_order += 1
            out.append((order_id, {"customer_id": f"C{self.rng.randint(1, CUSTOMERS + 4)}",
                                   "amount": round(self.rng.uniform(5, 900), 2)}))
        return out

    def first_batch(self):
        customers = [self.customer(n) for n in range(1, CUSTOMERS + 1)]
        loyalty = [self.loyalty(n) for n in self.rng.sample(range(1, CUSTOMERS + 1), 20)]
        # Updates: customers move or change e-mail, accounts change tier and points.
        customers += [self.customer(n) for n in self.rng.sample(range(1, CUSTOMERS + 1), 8)]
        loyalty += [self.loyalty(int(key[1:])) for key, _ in self.rng.sample(loyalty, 6)]
        # Deletions: two customers (one with a loyalty account), two loyalty accounts.
        with_account = sorted({int(key[1:]) for key, _ in loyalty})
        customers += [(f"C{n}", None) for n in (with_account[0], CUSTOMERS - 1)]
        loyalty += [(f"C{n}", None) for n in (with_account[1], with_account[2])]
        return customers, loyalty, self.orders(120)

    def second_batch(self, loyalty_so_far):
        # A deleted customer comes back, others change; accounts open, change and close.
        customers = [self.customer(n) for n in (CUSTOMERS - 1, 3, 17)]
        customers += [(f"C{n}", None) for n in (5, 22)]
        loyalty = [self.loyalty(n) for n in (4, 9, 28)]
        open_accounts = sorted(latest_by_key(loyalty_so_far))
        loyalty += [(key, None) for key in open_accounts[-2:]]
        return customers, loyalty, self.orders(40)


def lower_keys(value):
    return {k.lower(): v for k, v in value.items()}


def expected_tables(customers, loyalty, orders):
    """(ORDER_STATS, CUSTOMER_PROFILES) as {customer_id: row} from the inputs read back."""
    stats: dict[str, dict] = {}
    for order in orders:  # In offset order: the last order id is the latest by offset.
        value = lower_keys(order.value)
        row = stats.setdefault(value["customer_id"],
                               {"ORDER_COUNT": 0, "LIFETIME_VALUE": 0.0, "LAST_ORDER_ID": None})
        row["ORDER_COUNT"] += 1
        row["LIFETIME_VALUE"] += value["amount"]
        row["LAST_ORDER_ID"] = order.key
    accounts = {k: lower_keys(v) for k, v in latest_by_key(loyalty).items()}
    profiles = {}
    for key, value in latest_by_key(customers).items():
        customer, account = lower_keys(value), accounts.get(key, {})
        order_stats = stats.get(key, {})
        profiles[key] = {
            "NAME": customer["name"], "EMAIL": customer["email"], "CITY": customer["city"],
            "TIER": account.get("tier") or "NONE", "POINTS": account.get("points"),
            "ORDER_COUNT": order_stats.get("ORDER_COUNT"),
            "LIFETIME_VALUE": order_stats.get("LIFETIME_VALUE"),
            "LAST_ORDER_ID": order_stats.get("LAST_ORDER_ID"),
        }
    return stats, profiles


def same_tables(got: dict, want: dict) -> bool:
    """Equal, with the sums of amounts compared to 1e-6."""
    if got.keys() != want.keys():
        return False
    for key, want_row in want.items():
        got_row = got[key]
        if got_row.keys() != want_row.keys():
            return False
        for column, want_value in want_row.items():
            got_value = got_row[column]
            if isinstance(want_value, float) and isinstance(got_value, (int, float)):
                if not math.isclose(got_value, want_value, rel_tol=0, abs_tol=1e-6):
                    return False
            elif got_value != want_value:
                return False
    return True


def check_outputs(bootstrap: str, batch: str) -> None:
    customers = read_topic(bootstrap, "customers")
    loyalty = read_topic(bootstrap, "loyalty_accounts")
    orders = read_topic(bootstrap, "orders")
    want_stats, want_profiles = expected_tables(customers, loyalty, orders)

    stats = wait_until(lambda: latest_by_key(read_topic(bootstrap, "order_stats")),
                       lambda got: same_tables(got, want_stats))
    check(same_tables(stats, want_stats),
          f"{batch}: ORDER_STATS holds count, sum and last order id of the {len(orders)} orders "
          f"for each of {len(want_stats)} customer ids (got {len(stats)} keys)")
    profiles = wait_until(lambda: latest_by_key(read_topic(bootstrap, "customer_profiles")),
                          lambda got: same_tables(got, want_profiles))
    if not same_tables(profiles, want_profiles):
        for key in sorted(set(profiles) | set(want_profiles)):
            if profiles.get(key) != want_profiles.get(key):
                print(f"  {key}: got {profiles.get(key)}\n  {' ' * len(key)}  want "
                      f"{want_profiles.get(key)}", flush=True)
    check(same_tables(profiles, want_profiles),
          f"{batch}: CUSTOMER_PROFILES holds exactly the {len(want_profiles)} existing customers, "
          f"each joined with its loyalty account and order statistics (got {len(profiles)})")


def run(fluxo: str) -> None:
    generator = Generator(20261121)
    with example_broker(fluxo, "customer_profile", {
            "customers": 1, "loyalty_accounts": 1, "orders": 1, "order_stats": 1,
            "customer_profiles": 1}) as broker:
        customers, loyalty, orders = generator.first_batch()
        produce_json(broker.bootstrap, "customers", customers)
        produce_json(broker.bootstrap, "loyalty_accounts", loyalty)
        produce_json(broker.bootstrap, "orders", orders)
        print(f"PASS produced {len(customers)} customer, {len(loyalty)} loyalty and "
              f"{len(orders)} order records (tombstones included) with kafka-python", flush=True)
        with running_example(fluxo, "customer_profile", broker.bootstrap):
            check_outputs(broker.bootstrap, "history")

            customers2, loyalty2, orders2 = generator.second_batch(
                read_topic(broker.bootstrap, "loyalty_accounts"))
            produce_json(broker.bootstrap, "orders", orders2)
            produce_json(broker.bootstrap, "loyalty_accounts", loyalty2)
            produce_json(broker.bootstrap, "customers", customers2)
            check_outputs(broker.bootstrap, "live changes")


if __name__ == "__main__":
    sys.exit(main(run))
