"""The project's own exceptions: parsers raise ParseError and nothing else on bad input."""


class HemicycleError(Exception):
    """Base class for every error the project raises on purpose."""


class ParseError(HemicycleError):
    """A document could not be read as a statement; ``reason`` is a short machine-readable code."""

    def __init__(self, message: str, reason: str = "unparseable") -> None:
        super().__init__(message)
        self.reason = reason


class VocabularyError(HemicycleError):
    """A reference vocabulary file is missing or malformed."""


class ReleaseError(HemicycleError):
    """A release cannot be made or published; ``hint`` says what to do about it."""

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.hint = hint


class ReleaseHeld(ReleaseError):
    """A release would lose more of the previous release's signatures than allowed; it is
    published only once the loss is acknowledged."""


class DatabaseError(HemicycleError):
    """A database file or a release folder cannot be read as one; ``hint`` says what to do."""

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.hint = hint
