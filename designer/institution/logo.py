"""Checking an uploaded logo: a real PNG or a plain SVG drawing, small enough for pages and PDFs.

An SVG is XML that may carry scripts, event handlers or links to other files; it is parsed without entities,
DTDs or network access, and refused when it holds any of those, so it is a picture and nothing else.
"""

import io

from lxml import etree
from PIL import Image, UnidentifiedImageError

MAX_BYTES = 512 * 1024
MAX_PIXELS = 4000
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
SVG_NS = "{http://www.w3.org/2000/svg}"
FORBIDDEN_SVG_TAGS = {
    "script",
    "foreignObject",
    "iframe",
    "embed",
    "object",
    "audio",
    "video",
    "use",
    "image",
}


class LogoError(ValueError):
    """Why the file cannot be the logo (shown beside the upload field)."""


def check_logo(data: bytes) -> str:
    """The MIME type of an acceptable logo.

    Raises:
        LogoError: too large, not a PNG or SVG, or an SVG with active or external content.
    """
    if not data:
        raise LogoError("The file is empty.")
    if len(data) > MAX_BYTES:
        raise LogoError(f"The logo is {len(data) // 1024} KB; it may be at most {MAX_BYTES // 1024} KB.")
    if data.startswith(PNG_SIGNATURE):
        _check_png(data)
        return "image/png"
    _check_svg(data)
    return "image/svg+xml"


def _check_png(data: bytes) -> None:
    try:
        with Image.open(io.BytesIO(data)) as image:
            image.verify()
            width, height = image.size
    except (UnidentifiedImageError, OSError, SyntaxError) as exc:
        raise LogoError("The PNG file is damaged.") from exc
    if max(width, height) > MAX_PIXELS:
        raise LogoError(f"The PNG is {width} x {height} pixels; it may be at most {MAX_PIXELS} on each side.")


def _check_svg(data: bytes) -> None:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise LogoError("The file is neither a PNG image nor an SVG drawing.") from exc
    if root.tag != f"{SVG_NS}svg":
        raise LogoError("The file is neither a PNG image nor an SVG drawing.")
    if root.getroottree().docinfo.internalDTD is not None or root.getroottree().docinfo.doctype:
        raise LogoError("The SVG declares a DOCTYPE; save it as a plain SVG.")
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue  # comments and processing instructions
        tag = etree.QName(element).localname
        if tag in FORBIDDEN_SVG_TAGS:
            raise LogoError(f"The SVG contains a <{tag}> element; a logo may hold only drawing elements.")
        for name, value in element.attrib.items():
            local = etree.QName(name).localname.lower()
            if local.startswith("on"):
                raise LogoError(f"The SVG has an event handler ({local}); remove scripts from the logo.")
            if local == "href" or "url(" in value.replace(" ", "").lower() and "url(#" not in value.lower():
                raise LogoError("The SVG links to another file; a logo must be self-contained.")
