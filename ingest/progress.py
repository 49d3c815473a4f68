"""Progress of long work on a terminal: done / total, rate and time left; silent when not a terminal."""

from __future__ import annotations

import sys
import time
from typing import TextIO


class Progress:
    def __init__(
        self,
        total: int,
        what: str = "documents",
        stream: TextIO | None = None,
        every: float = 0.5,
        verb: str = "parsed",
    ):
        self.total, self.what, self.verb, self.done = total, what, verb, 0
        self.ocr_pages = 0  # page images recognised so far, shown once there are some
        self.stream = stream or sys.__stderr__ or sys.stderr  # the terminal, not a step's captured output
        self.live = self.stream.isatty() and total > 0
        self.started = self.shown = time.monotonic()
        self.every = every

    def advance(self, n: int = 1, ocr_pages: int = 0) -> None:
        self.done += n
        self.ocr_pages += ocr_pages
        now = time.monotonic()
        if self.live and (now - self.shown >= self.every or self.done == self.total):
            self.shown = now
            self.stream.write(f"\r{self.line(now)}\033[K")
            if self.done == self.total:
                self.stream.write("\n")
            self.stream.flush()

    def line(self, now: float | None = None) -> str:
        elapsed = max((now or time.monotonic()) - self.started, 1e-9)
        rate = self.done / elapsed
        left = (self.total - self.done) / rate if rate else float("inf")
        eta = f"{left:.0f} s left" if left != float("inf") else "…"
        ocr = f", {self.ocr_pages} pages by OCR" if self.ocr_pages else ""
        return f"{self.verb} {self.done}/{self.total} {self.what} ({rate:.1f}/s{ocr}, {eta})"
