"""Read a rendered HTML form back into the data a browser would submit (test helper).

A browser sends every named input, textarea and select of the form, checked checkboxes only, the
selected option of each select, and nothing for buttons that were not clicked. Posting that back is
how the tests prove the editor shows everything it stores.
"""

from html.parser import HTMLParser


class _FormParser(HTMLParser):
    def __init__(self, form_id: str | None):
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.inside = form_id is None
        self.pairs: list[tuple[str, str]] = []
        self._textarea: str | None = None
        self._text: list[str] = []
        self._select: str | None = None
        self._selected: list[str] = []
        self._option_value: str | None = None
        self._first_option: str | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and self.form_id is not None:
            self.inside = a.get("id") == self.form_id
            return
        if not self.inside:
            return
        name = a.get("name")
        if tag == "input" and name:
            kind = (a.get("type") or "text").lower()
            if kind in {"submit", "button", "image", "reset", "file"}:
                return
            if kind in {"checkbox", "radio"} and "checked" not in a:
                return
            self.pairs.append((name, a.get("value", "on" if kind in {"checkbox", "radio"} else "")))
        elif tag == "textarea" and name:
            self._textarea, self._text = name, []
        elif tag == "select" and name:
            self._select, self._selected, self._first_option = name, [], None
        elif tag == "option" and self._select is not None:
            value = a.get("value", "")
            if self._first_option is None:
                self._first_option = value
            if "selected" in a:
                self._selected.append(value)

    def handle_data(self, data):
        if self._textarea is not None:
            self._text.append(data)

    def handle_endtag(self, tag):
        if tag == "form" and self.form_id is not None:
            self.inside = False
        elif tag == "textarea" and self._textarea is not None:
            # Browsers send line breaks as they normalise them (CR LF -> LF first), and HTML drops one
            # newline directly after <textarea> (WTForms writes CR LF there).
            text = "".join(self._text).replace("\r\n", "\n")
            self.pairs.append((self._textarea, text[1:] if text.startswith("\n") else text))
            self._textarea = None
        elif tag == "select" and self._select is not None:
            chosen = self._selected or ([self._first_option] if self._first_option is not None else [])
            self.pairs.extend((self._select, value) for value in chosen[-1:])
            self._select = None


def form_pairs(html: str, form_id: str | None = "editor-form") -> list[tuple[str, str]]:
    """(name, value) pairs a browser would submit for the form with `form_id` (None: the whole page)."""
    parser = _FormParser(form_id)
    parser.feed(html)
    return parser.pairs


def as_multidict(pairs: list[tuple[str, str]]):
    """The pairs as a MultiDict the Flask test client posts unchanged."""
    from werkzeug.datastructures import MultiDict

    return MultiDict(pairs)
