"""What every benchmark here needs: the wall time of one call (a helper, not a benchmark)."""
from __future__ import annotations

import time


def timed(fn, *args) -> float:
    start = time.perf_counter()
    fn(*args)
    return time.perf_counter() - start
