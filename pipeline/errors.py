"""Why a file could not become a document, as a stable code and a plain message."""
from __future__ import annotations


class InputError(Exception):
    """Raised by a stage for input that cannot be read; becomes an error record."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message
