"""What every integration test script shares: PASS lines, failures, and its main().

- ``check(condition, message[, detail])`` prints ``PASS message`` or raises ``TestFailure``;
- ``main(run)`` calls ``run(fluxo)`` with argv[1] as the fluxo binary, prints ``FAIL ...`` and
  returns 1 on any exception, 2 on bad usage: ``sys.exit(main(run))``.
"""

from __future__ import annotations

import sys
from typing import Callable


class TestFailure(Exception):
    """A check of the test did not hold."""


def check(condition: bool, message: str, detail: str = "") -> None:
    """Prints PASS and the message, or raises TestFailure with the message and `detail`."""
    if not condition:
        raise TestFailure(f"{message}\n{detail}" if detail else message)
    print(f"PASS {message}", flush=True)


def main(run: Callable[[str], None]) -> int:
    """main() of a test script: ``run(fluxo)`` with argv[1] as the binary; prints FAIL and
    returns 1 on any exception."""
    if len(sys.argv) != 2:
        print(f"usage: {sys.argv[0]} PATH/TO/fluxo", file=sys.stderr)
        return 2
    try:
        run(sys.argv[1])
        return 0
    except Exception as error:  # noqa: BLE001 - every failure is reported the same way
        print(f"FAIL {type(error).__name__}: {error}", flush=True)
        return 1
