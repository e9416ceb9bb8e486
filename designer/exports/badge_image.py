"""The badge image of an approved design, drawn from its own data (code, level, credits), as SVG and PNG.

Credential consumers (edubadges, wallets) require an image on the Achievement. Drawing it from the
design keeps it truthful and needs no designer: a round seal with the course code, the framework
level and the credit value. The PNG is drawn with Pillow (already a WeasyPrint dependency), so the
OB 3.0 export can embed it as a data: URL and stay self-contained.
"""

import base64
import io
from functools import cache
from xml.sax.saxutils import escape

from PIL import Image, ImageDraw, ImageFont

from designer.template_helpers import fmt_number

SIZE = 400
NAVY, GOLD, WHITE = "#12263f", "#c9a227", "#ffffff"
FONT_FILES = ("DejaVuSans-Bold.ttf", "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf")


def badge_lines(document: dict) -> tuple[str, str, str]:
    """The three lines on the seal: code (or 'Micro-credential'), level, credits."""
    level = document.get("level") or {}
    code = (document.get("code") or "Micro-credential")[:18]
    level_text = (
        f"{level.get('framework', '')} level {fmt_number(level.get('value'), '')}".strip() if level else ""
    )
    credits = document.get("credits")
    credit_text = (
        f"{fmt_number(credits, '')} credit{'s' if credits != 1 else ''}" if credits is not None else ""
    )
    return code, level_text, credit_text


def badge_svg(document: dict) -> str:
    """The seal as an SVG document (text escaped)."""
    code, level, credits = (escape(line) for line in badge_lines(document))
    title = escape(document.get("title") or "Micro-credential")
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{SIZE}" height="{SIZE}" viewBox="0 0 {SIZE} {SIZE}" '
        f'role="img" aria-labelledby="t"><title id="t">Badge: {title}</title>'
        f'<circle cx="200" cy="200" r="196" fill="{GOLD}"/><circle cx="200" cy="200" r="176" fill="{NAVY}"/>'
        f'<g fill="{WHITE}" font-family="DejaVu Sans, sans-serif" font-weight="700" text-anchor="middle">'
        f'<text x="200" y="150" font-size="26">MICRO-CREDENTIAL</text>'
        f'<text x="200" y="212" font-size="38">{code}</text>'
        f'<text x="200" y="262" font-size="26">{level}</text>'
        f'<text x="200" y="300" font-size="26">{credits}</text></g></svg>\n'
    )


@cache
def _font(size: int):
    for name in FONT_FILES:
        try:
            return ImageFont.truetype(name, size)
        except OSError:
            continue
    return ImageFont.load_default(size)


def badge_png(document: dict) -> bytes:
    """The same seal as PNG bytes."""
    image = Image.new("RGBA", (SIZE, SIZE), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.ellipse((4, 4, SIZE - 4, SIZE - 4), fill=GOLD)
    draw.ellipse((24, 24, SIZE - 24, SIZE - 24), fill=NAVY)
    code, level, credits = badge_lines(document)
    for text, y, size in (
        ("MICRO-CREDENTIAL", 140, 26),
        (code, 200, 38),
        (level, 250, 26),
        (credits, 288, 26),
    ):
        if text:
            draw.text((SIZE / 2, y), text, fill=WHITE, font=_font(size), anchor="mm")
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def png_data_url(document: dict) -> str:
    return "data:image/png;base64," + base64.b64encode(badge_png(document)).decode("ascii")
