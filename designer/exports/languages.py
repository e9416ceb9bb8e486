"""BCP 47 language tags as credential schemas want them: `en-in` -> `en-IN`, `hi-deva` -> `hi-Deva`.

The OB 3.0 schema checks inLanguage against ^[a-z]{2,4}(-[A-Z][a-z]{3})?(-([A-Z]{2}|[0-9]{3}))?$, i.e.
the canonical case of RFC 5646 section 2.1.1: language lower case, script title case, region upper case.
"""

import re

_TAG = re.compile(r"^([A-Za-z]{2,4})(?:[-_]([A-Za-z]{4}))?(?:[-_]([A-Za-z]{2}|[0-9]{3}))?$")


def language_tag(value: str | None, default: str = "en") -> str:
    """The canonical form of a simple language tag; `default` for empty or unrecognisable values."""
    match = _TAG.match((value or "").strip())
    if not match:
        return default
    language, script, region = match.groups()
    tag = language.lower()
    if script:
        tag += "-" + script.title()
    if region:
        tag += "-" + region.upper()
    return tag
