"""A small, isolated patch of WeasyPrint 70.0, applied when designer.exports.pdf is imported.

PDF/UA-1 asks for the language of every passage in another language than the document's (ISO 14289-1,
7.2; WCAG 3.1.2). WeasyPrint writes /Lang for the document only, so a screen reader reads the syllabus's
Hindi section with English rules. The patch wraps `weasyprint.pdf.tags._build_box_tree` (the function
that creates one structure element per box) and sets /Lang on the structure elements of elements
that carry their own `lang` attribute. Nothing else changes. The write-up for upstream is
docs/weasyprint-structure-lang.md; the version is pinned in pyproject.toml and the patch refuses to
apply to another version (the wrapped function is private).
"""

import logging

import pydyf
import weasyprint
from weasyprint.pdf import tags

PATCHED_VERSION = "70.0"
logger = logging.getLogger(__name__)
_original_build_box_tree = tags._build_box_tree


def _build_box_tree_with_lang(box, parent, *args):
    """The original generator; elements of a box whose HTML element has its own lang get /Lang."""
    element = getattr(box, "element", None)
    lang = element.get("lang") if element is not None and box.element_tag not in ("html", "body") else None
    for struct in _original_build_box_tree(box, parent, *args):
        if lang and struct is not parent and "Lang" not in struct:
            struct["Lang"] = pydyf.String(lang)
        yield struct


def apply() -> bool:
    """Install the patch (idempotent); False, with a warning, on a WeasyPrint it was not written for."""
    if tags._build_box_tree is _build_box_tree_with_lang:
        return True
    if weasyprint.__version__ != PATCHED_VERSION:
        logger.warning("WeasyPrint %s is not %s: structure elements get no /Lang (patch not applied)",
                       weasyprint.__version__, PATCHED_VERSION)
        return False
    tags._build_box_tree = _build_box_tree_with_lang
    return True
