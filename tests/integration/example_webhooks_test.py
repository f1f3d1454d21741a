"""examples/webhooks.sql and examples/webhooks.sh end to end, through `fluxo server`.

The embedded broker (`fluxo kafka`) runs as its own process with the example's topics, and
`fluxo server --listen 127.0.0.1:0` on it with a webhook secret. The test then does what the
script's header tells a user to do:

1. `fluxo shell --server URL -f examples/webhooks.sql` creates the stream and its two queries;
2. `examples/webhooks.sh URL` with a wrong WEBHOOK_SECRET: every delivery is refused (401), the
   script exits 1 and nothing reaches WEBHOOK_EVENTS;
3. the script again (URL from FLUXO_URL) with the right secret: every delivery is accepted.

The events are those the script printed it sent (its `POST URL BODY` lines, a JSON object or
array each). WEBHOOK_EVENTS must hold exactly them (read with kafka-python), and from those
records the test computes:

- FAILED_PAYMENTS: the payment.failed events with an amount above 0, amount in currency units,
  currency upper-cased;
- WEBHOOK_COUNTS: per (provider, event type, 1-minute window of the record's timestamp, which
  is the time the server received it) the number of deliveries, as the last update of each
  window (key: JSON {"PROVIDER","EVENT_TYPE"} followed by the window start).

Usage: .cache/test-venv/bin/python tests/integration/example_webhooks_test.py PATH/TO/fluxo
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from example_helpers import (EXAMPLES, TestFailure, check, example_broker,  # noqa: E402
                             example_path, latest_by_key, main, read_topic, wait_until,
                             windowed_key)

EXAMPLE = example_path("webhooks")
SCRIPT = EXAMPLES / "webhooks.sh"
SECRET = "whsec_example_test"
WINDOW_MS = 60_000


class Server:
    """`fluxo server --listen 127.0.0.1:0`; ``url`` comes from its first line."""

    def __init__(self, fluxo: str, bootstrap: str, log_path: Path) -> None:
        self.log_path = log_path
        with open(log_path, "ab") as log:
            self.process = subprocess.Popen(
                [fluxo, "server", "--listen", "127.0.0.1:0", "--bootstrap-servers", bootstrap,
                 "--set", f"webhook.secret={SECRET}"],
                stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=log)
        line = self.process.stdout.readline().decode().strip()
        if not line.startswith("Listening on "):
            self.stop()
            raise TestFailure(f"fluxo server printed {line!r}:\n{self.log()}")
        self.url = line.split("Listening on ", 1)[1]
        # Keep reading stdout so that the server never blocks on a full pipe.
        threading.Thread(target=self.process.stdout.read, daemon=True).start()

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def stop(self) -> int:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        return self.process.returncode


def run_script(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run([str(SCRIPT), *args], env={**os.environ, **env},
                          stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=60)


def sent_events(output: str) -> list[dict]:
    """The events of the script's `POST URL BODY` lines, in order."""
    events = []
    for line in output.splitlines():
        if line.startswith("POST "):
            body = json.loads(line.split(" ", 2)[2])
            events.extend(body if isinstance(body, list) else [body])
    return events


def upper_keys(value):
    return {k.upper(): upper_keys(v) if isinstance(v, dict) else v for k, v in value.items()}


def expected_failed(records):
    return [(r.key, r.value["PAYLOAD"]["ID"], r.value["PAYLOAD"]["CUSTOMER"],
             r.value["PAYLOAD"]["AMOUNT"] / 100, r.value["PAYLOAD"]["CURRENCY"].upper())
            for r in records
            if r.value["EVENT_TYPE"] == "payment.failed" and r.value["PAYLOAD"]["AMOUNT"] > 0]


def expected_counts(records):
    return dict(Counter((r.value["PROVIDER"], r.value["EVENT_TYPE"],
                         r.timestamp_ms - r.timestamp_ms % WINDOW_MS) for r in records))


def got_counts(records):
    def window_key(record):
        key, start = windowed_key(record.raw_key)
        key = json.loads(key)
        return key["PROVIDER"], key["EVENT_TYPE"], start
    return {key: value["DELIVERY_COUNT"]
            for key, value in latest_by_key(records, key=window_key).items()}


def run(fluxo: str) -> None:
    with tempfile.TemporaryDirectory(prefix="fluxo-webhooks-") as work, example_broker(
            fluxo, "webhooks",
            {"webhook_events": 1, "failed_payments": 1, "webhook_counts": 1}) as broker:
        server = Server(fluxo, broker.bootstrap, Path(work) / "server.log")
        try:
            shell = subprocess.run([fluxo, "shell", "--server", server.url, "-f", str(EXAMPLE)],
                                   stdin=subprocess.DEVNULL, capture_output=True, text=True,
                                   timeout=60)
            check(shell.returncode == 0 and shell.stdout.count("Created query") == 2,
                  f"fluxo shell --server URL -f examples/webhooks.sql creates the stream and its "
                  f"2 queries (exit {shell.returncode}): {shell.stdout!r} {shell.stderr!r}")

            refused = run_script([server.url], {"WEBHOOK_SECRET": "not-the-secret"})
            answers = [line for line in refused.stdout.splitlines() if line.startswith("-> ")]
            check(refused.returncode == 1 and len(answers) == 7
                  and all(a.startswith("-> HTTP 401 ") for a in answers),
                  f"webhooks.sh with a wrong secret: all 7 deliveries refused with 401, exit 1 "
                  f"(exit {refused.returncode})")

            sent = run_script([], {"WEBHOOK_SECRET": SECRET, "FLUXO_URL": server.url})
            print(sent.stdout, end="", flush=True)
            events = sent_events(sent.stdout)
            answers = [line for line in sent.stdout.splitlines() if line.startswith("-> ")]
            check(sent.returncode == 0 and len(answers) == 7
                  and all(a.startswith("-> HTTP 200 ") for a in answers) and len(events) == 9,
                  f"webhooks.sh with the secret: 7 deliveries of {len(events)} events, all "
                  f"accepted, exit 0 (exit {sent.returncode}) {sent.stderr!r}")

            received = read_topic(broker.bootstrap, "webhook_events")
            want_events = [(e["delivery_id"], upper_keys({k: v for k, v in e.items()
                                                          if k != "delivery_id"}))
                           for e in events]
            check([(r.key, r.value) for r in received] == want_events,
                  f"WEBHOOK_EVENTS holds exactly the {len(events)} signed events, in order, none "
                  f"of the refused ones (kafka-python: {len(received)} records)")

            want_failed = expected_failed(received)
            records = wait_until(lambda: read_topic(broker.bootstrap, "failed_payments"),
                                 lambda rs: len(rs) >= len(want_failed))
            got_failed = [(r.key, r.value["PAYMENT_ID"], r.value["CUSTOMER"],
                           r.value["AMOUNT"], r.value["CURRENCY"]) for r in records]
            check(got_failed == want_failed and len(want_failed) == 4,
                  f"FAILED_PAYMENTS holds the {len(want_failed)} failed payments above 0, "
                  f"amounts in currency units: {got_failed}")

            want_counts = expected_counts(received)
            counts = wait_until(
                lambda: got_counts(read_topic(broker.bootstrap, "webhook_counts")),
                lambda got: got == want_counts)
            check(counts == want_counts,
                  f"WEBHOOK_COUNTS: the last update of each (provider, event type, minute) holds "
                  f"its number of deliveries: {counts}")
            per_type = Counter()
            for (provider, event_type, _), n in counts.items():
                per_type[(provider, event_type)] += n
            check(per_type == Counter((e["provider"], e["event_type"]) for e in events),
                  "summed over the minutes, the counts are those of the events the script sent")
        except Exception:
            print("fluxo server's log:\n" + server.log(), flush=True)
            raise
        finally:
            code = server.stop()
        check(code == 0, f"SIGTERM stops fluxo server with exit 0 (got {code})")


if __name__ == "__main__":
    sys.exit(main(run))
