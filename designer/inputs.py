"""Bounds for what a request may carry: path ids, ?page= and the number of form fields.

A path id beyond the database's integer range (or a page number whose OFFSET overflows) made
PostgreSQL raise and the app answer 500; such a URL names nothing, so it is a 404, and a page number
is clamped to a sane range.
"""

from flask import abort, current_app, request
from werkzeug.exceptions import BadRequest
from werkzeug.routing import IntegerConverter

MAX_ID = 2**31 - 1  # PostgreSQL INTEGER, the type of every id column
MAX_PAGE = 100_000


class BoundedIntConverter(IntegerConverter):
    """`<int:...>` that only matches 0..MAX_ID (anything else does not match the route: 404)."""

    def __init__(self, map, *args, **kwargs):  # noqa: A002 - werkzeug's name
        kwargs.setdefault("max", MAX_ID)
        super().__init__(map, *args, **kwargs)


def page_number(value) -> int:
    """?page= as a page number: 1 when missing or not a number, at most MAX_PAGE."""
    text = str(value or "").strip()
    if not text.isascii() or not text.isdigit() or len(text) > 9:
        return 1 if not (text.isascii() and text.isdigit()) else MAX_PAGE
    return min(max(int(text), 1), MAX_PAGE)


def limit_form_fields() -> None:
    """413 for a url-encoded post with more than MAX_FORM_PARTS fields.

    Werkzeug applies MAX_FORM_PARTS to multipart forms only; a 5 MB url-encoded post could otherwise
    carry hundreds of thousands of fields for every form to scan. Counting the separators of the
    (cached, so parsed once) body is cheap.
    """
    if request.method != "POST" or request.mimetype != "application/x-www-form-urlencoded":
        return
    limit = current_app.config.get("MAX_FORM_PARTS")
    if limit and request.get_data(cache=True).count(b"&") >= limit:
        abort(413)


class NulCharacter(BadRequest):
    """A form value holds a NUL character: no text column can store it (PostgreSQL refuses it)."""

    advice = ("A field of the form contains a NUL character (often pasted from another program). "
              "Remove it, or retype the text, and save again. Nothing was changed.")


def refuse_nul_characters() -> None:
    """400 for any form or query value with a NUL, before a view can try to store it."""
    values = [*request.args.values()]
    if request.method == "POST" and request.mimetype in ("application/x-www-form-urlencoded",
                                                         "multipart/form-data"):
        values += [v for vs in request.form.listvalues() for v in vs]
        values += [*request.form.keys()]
    if any("\x00" in v for v in values):
        raise NulCharacter()


def init_app(app) -> None:
    app.url_map.converters["int"] = BoundedIntConverter
    app.before_request(limit_form_fields)
    app.before_request(refuse_nul_characters)
