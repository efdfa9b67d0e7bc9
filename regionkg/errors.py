"""One exception tree for the whole project.

Every error a user can cause is a ``RegionKGError``: the CLI prints its message and exits with
its ``exit_code``; the API turns it into one JSON error body with its ``http_status``.
"""

from __future__ import annotations


class RegionKGError(Exception):
    """Base of all expected errors; the message is meant for the user."""

    exit_code = 1
    http_status = 500
    code = "error"

    def __init__(self, message: str, *, path: str | None = None) -> None:
        self.path = path
        super().__init__(f"{path}: {message}" if path else message)


class InputError(RegionKGError):
    """An input file cannot be read as an article (empty, binary, undecodable...)."""

    exit_code = 2
    http_status = 400
    code = "bad_input"


class QueryError(RegionKGError):
    """A SPARQL query or request is malformed."""

    exit_code = 3
    http_status = 400
    code = "bad_query"


class UnsafeQueryError(QueryError):
    """A query asks for something the public endpoint never does (SERVICE, LOAD, updates...)."""

    code = "forbidden_query"
    http_status = 400


class ReadOnlyError(UnsafeQueryError):
    """A SPARQL update sent to the read-only public endpoint."""

    code = "read_only"
    http_status = 403


class NotAcceptableError(QueryError):
    """No representation the client accepts (HTTP ``Accept``) exists for this result."""

    code = "not_acceptable"
    http_status = 406


class UnsupportedMediaTypeError(QueryError):
    """A request body arrived in a media type or charset the endpoint does not read."""

    code = "unsupported_media_type"
    http_status = 415


class PayloadTooLargeError(QueryError):
    """A request body is larger than the configured cap."""

    code = "payload_too_large"
    http_status = 413


class QueryTimeoutError(RegionKGError):
    """A query ran past its deadline and was stopped."""

    exit_code = 4
    http_status = 503
    code = "timeout"


class StoreError(RegionKGError):
    """The store cannot be opened or written."""

    exit_code = 5
    http_status = 500
    code = "store_error"


class NotFoundError(RegionKGError):
    """A named entity, document or view does not exist."""

    exit_code = 6
    http_status = 404
    code = "not_found"


class ValidationError(RegionKGError):
    """The store content violates the SHACL shapes (``regionkg validate``)."""

    exit_code = 7
    http_status = 500
    code = "validation_failed"
