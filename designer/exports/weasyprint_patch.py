"""Two small, isolated patches of WeasyPrint 70.0, applied when designer.exports.pdf is imported.
Write-ups for upstream: docs/weasyprint-devanagari-text.md and docs/weasyprint-structure-lang.md.

1. Searchable Devanagari. WeasyPrint maps each glyph to text once per font (ToUnicode is keyed by
glyph), taking the text of the glyph's cluster. In a cluster of several glyphs that HarfBuzz reorders
(the pre-base vowel sign ि drawn before its consonant, a reph after it) the last glyph gets the whole
cluster and the others nothing, and because the map is per glyph, that consonant then reads "सि"
everywhere. The patch gives every glyph of such a cluster its own character code (an alias of the
glyph: the Encoding CMap maps the code to the glyph's CID), whose ToUnicode entry is its share of the
cluster's text in logical order; read in drawing order the shares give the text exactly. Glyphs are
drawn where they were: nothing on the page moves.

2. PDF/UA-1 asks for the language of every passage in another language than the document's (ISO 14289-1,
7.2; WCAG 3.1.2). WeasyPrint writes /Lang for the document only, so a screen reader reads the syllabus's
Hindi section with English rules. The patch wraps `weasyprint.pdf.tags._build_box_tree` (the function
that creates one structure element per box) and sets /Lang on the structure elements of elements
that carry their own `lang` attribute.

Nothing else changes. The version is pinned in pyproject.toml and the patches refuse to apply to
another version (the wrapped functions are private).
"""

import logging

import pydyf
import weasyprint
from weasyprint.draw import text as draw_text
from weasyprint.pdf import fonts, tags
from weasyprint.text.ffi import ffi, harfbuzz, pango

FROM_UNITS = 1 / 1024  # Pango units per point, as WeasyPrint's FROM_UNITS
# Alias codes start this far above the font's last glyph: WeasyPrint numbers its own codes for
# missing glyphs (.notdef) from the last glyph up, one per missing character.
ALIAS_GAP = 512
_original_draw_first_line = draw_text.draw_first_line
_original_clean = fonts.Font.clean
_original_vector_dictionary = fonts._build_vector_font_dictionary
ffi.cdef("hb_bool_t hb_font_get_nominal_glyph (hb_font_t *font, hb_codepoint_t unicode, "
         "hb_codepoint_t *glyph);")
_nominal_glyph = ffi.new("hb_codepoint_t *")
_extents = (ffi.new("PangoRectangle *"), ffi.new("PangoRectangle *"))

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


def _aliases(font) -> dict[int, int]:
    """alias code -> glyph id of one WeasyPrint Font (kept on the font object)."""
    if not hasattr(font, "mc_aliases"):
        font.mc_aliases, font.mc_alias_of = {}, {}
    return font.mc_aliases


def _code_for(font, glyph: int, text: str, hb_font, width: int | None = None) -> int | None:
    """The character code that draws `glyph` and reads `text` (with advance `width` when given): the
    glyph itself when `text` is its own character, else an alias; None when no code is left."""
    if width is None and len(text) == 1 and _is_nominal(hb_font, text, glyph):
        if font.to_unicode.setdefault(glyph, text) == text:
            return glyph
    aliases = _aliases(font)
    code = font.mc_alias_of.get((glyph, text, width))
    if code is None:
        code = font.glyph_count + ALIAS_GAP + len(aliases)
        if code > 0xFFFF or len(font.missing) >= ALIAS_GAP:
            return None
        aliases[code] = glyph
        font.mc_alias_of[(glyph, text, width)] = code
        font.to_unicode[code] = text
        if width is not None:
            font.widths[code] = width
    return code


def _is_nominal(hb_font, char: str, glyph: int) -> bool:
    return bool(harfbuzz.hb_font_get_nominal_glyph(hb_font, ord(char), _nominal_glyph)) and \
        _nominal_glyph[0] == glyph


def _shares(text: str, count: int) -> list[str]:
    """`text` split over `count` glyphs in order: one character each, the last takes the rest."""
    if count <= 1:
        return [text]
    return [text[k] if k < len(text) else "" for k in range(count - 1)] + [text[count - 1:]]


def _alias_clusters(stream, first_line, utf8: bytes) -> list:
    """Give reordered clusters' glyphs and left-shifted marks their own codes; returns what to restore."""
    undo = []
    run = first_line.runs
    while run != ffi.NULL:
        glyph_item, run = run.data, run.next
        item, glyphs = glyph_item.item, glyph_item.glyphs
        if item.analysis.level % 2:  # right-to-left runs: not handled here
            continue
        font, font_size = stream.add_font(item.analysis.font)
        if font.bitmap or font.svg or font.png or font.type == "otf":  # CIDToGIDMap: TrueType only
            continue
        hb_font = pango.pango_font_get_hb_font(item.analysis.font)
        count, start = glyphs.num_glyphs, 0
        while start < count:
            end = start + 1
            while end < count and glyphs.log_clusters[end] == glyphs.log_clusters[start]:
                end += 1
            stop = glyphs.log_clusters[end] if end < count else item.length
            text = utf8[item.offset + glyphs.log_clusters[start]:item.offset + stop].decode()
            undo += _alias_cluster(font, font_size, glyphs, start, end, text, hb_font, item.analysis.font)
            start = end
    return undo


def _alias_cluster(font, font_size, glyphs, start, end, text, hb_font, pango_font) -> list:
    """One cluster. A mark that HarfBuzz shifts left over its base (zero advance, negative x offset)
    is drawn by WeasyPrint as "move left, glyph, move right"; extractors read that move right as a
    word gap ("कै से"). Its alias gets the shift as its advance instead, so nothing moves right."""
    undo = []
    several = end - start > 1
    for k, share in zip(range(start, end), _shares(text, end - start), strict=True):
        info = glyphs.glyphs[k]
        glyph = info.glyph
        if glyph & pango.PANGO_GLYPH_UNKNOWN_FLAG or glyph == pango.PANGO_GLYPH_EMPTY:
            continue
        shifted = info.geometry.width == 0 and info.geometry.x_offset < 0
        if not (several or shifted):
            continue
        width = round(-info.geometry.x_offset / font_size) if shifted else None
        code = _code_for(font, glyph, share, hb_font, width)
        if code is None or code == glyph:
            continue
        if code not in font.widths:  # what WeasyPrint would compute for the glyph itself
            pango.pango_font_get_glyph_extents(pango_font, glyph, *_extents)
            font.widths[code] = round(_extents[1].width * 1000 * FROM_UNITS / font_size)
        undo.append((info, glyph))
        info.glyph = code
    return undo


def _draw_first_line_searchable(stream, textbox, text_overflow, block_ellipsis, matrix):
    """WeasyPrint's draw_first_line, with reordered clusters drawn through aliases (restored after)."""
    undo = []
    if text_overflow != "ellipsis" and block_ellipsis == "none" and textbox.text.strip():
        # The original sets this first; setting it here too keeps the line we alias the one it draws.
        pango.pango_layout_set_single_paragraph_mode(textbox.pango_layout.layout, True)
        first_line, _ = textbox.pango_layout.get_first_line()
        undo = _alias_clusters(stream, first_line, textbox.pango_layout.text.encode())
    try:
        return _original_draw_first_line(stream, textbox, text_overflow, block_ellipsis, matrix)
    finally:
        for info, glyph in undo:
            info.glyph = glyph


def _all_aliases(font) -> dict[int, int]:
    return getattr(font, "mc_aliases", {})


def _clean_without_aliases(self, to_unicode, hinting):
    """Subset with the aliased glyphs instead of the alias codes."""
    aliased = {}
    for font in _FONTS_OF_FILE.get(self.hash, ()):
        aliased.update(_all_aliases(font))
    if aliased:
        to_unicode = {code: text for code, text in to_unicode.items() if code not in aliased}
        to_unicode.update({glyph: "" for glyph in aliased.values() if glyph not in to_unicode})
    return _original_clean(self, to_unicode, hinting)


_FONTS_OF_FILE: dict = {}


def _vector_dictionary_with_aliases(font_dictionary, pdf, font, widths, compress, reference, pdf_version):
    """WeasyPrint's font dictionary; with aliases, a CIDToGIDMap that draws each alias as its glyph.

    Codes stay Identity-H (code = CID), which every extractor decodes; only the CID -> glyph step
    changes, for the alias CIDs. The W array already has the aliases' widths (the glyphs' own).
    """
    result = _original_vector_dictionary(font_dictionary, pdf, font, widths, compress, reference, pdf_version)
    aliases = _all_aliases(font)
    if aliases:
        subfont = pdf.objects[int(font_dictionary["DescendantFonts"][0].split()[0])]
        table = bytearray()
        for cid in range(max(aliases) + 1):
            table += aliases.get(cid, cid).to_bytes(2, "big")
        stream = pydyf.Stream([bytes(table)], compress=compress)
        pdf.add_object(stream)
        subfont["CIDToGIDMap"] = stream.reference
    return result


def _build_fonts_dictionary_indexed(pdf, fonts_by_key, compress, subset, options):
    """Remember which Font objects share a file, so that subsetting keeps every aliased glyph."""
    _FONTS_OF_FILE.clear()
    for font in fonts_by_key.values():
        _FONTS_OF_FILE.setdefault(font.hash, []).append(font)
    try:
        return _original_build_fonts_dictionary(pdf, fonts_by_key, compress, subset, options)
    finally:
        _FONTS_OF_FILE.clear()


_original_build_fonts_dictionary = fonts.build_fonts_dictionary


def apply() -> bool:
    """Install the patches (idempotent); False, with a warning, on a WeasyPrint they were not written for."""
    if weasyprint.__version__ != PATCHED_VERSION:
        logger.warning("WeasyPrint %s is not %s: Devanagari text may not extract and structure elements "
                       "get no /Lang (patches not applied)", weasyprint.__version__, PATCHED_VERSION)
        return False
    tags._build_box_tree = _build_box_tree_with_lang
    draw_text.draw_first_line = _draw_first_line_searchable
    fonts.Font.clean = _clean_without_aliases
    fonts._build_vector_font_dictionary = _vector_dictionary_with_aliases
    fonts.build_fonts_dictionary = _build_fonts_dictionary_indexed
    _rebind_build_fonts_dictionary()
    return True


def _rebind_build_fonts_dictionary() -> None:
    """build_fonts_dictionary is imported by name into weasyprint.pdf: point that name at the wrapper."""
    import weasyprint.pdf as pdf_package

    if getattr(pdf_package, "build_fonts_dictionary", None) is _original_build_fonts_dictionary:
        pdf_package.build_fonts_dictionary = _build_fonts_dictionary_indexed
