"""Product pictures drawn locally with Pillow: a flat silhouette of the product in its colour
on a light background, with the product's name underneath. Nothing is downloaded.

``render(shape, colour, title, subtitle)`` returns JPEG bytes (600x600, quality 80, ~15 kB);
``render_swatches(title, swatches)`` draws the colour/fabric chart shown as a parent
product's second picture.
"""

import io
from functools import lru_cache

from PIL import Image, ImageDraw, ImageFont

SIZE = 600
BACKGROUND = (244, 240, 232)
INK = (48, 46, 42)
MUTED = (120, 114, 104)
LEG = (92, 70, 52)


@lru_cache(maxsize=16)
def font(size, bold=False):
    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    try:
        return ImageFont.truetype(name, size)
    except OSError:
        return ImageFont.load_default(size=size)


def hex_to_rgb(value):
    value = value.lstrip("#")
    return tuple(int(value[i : i + 2], 16) for i in (0, 2, 4))


def shade(rgb, factor):
    """Darker (factor < 1) or lighter (factor > 1) version of a colour."""
    if factor <= 1:
        return tuple(int(c * factor) for c in rgb)
    return tuple(int(c + (255 - c) * (factor - 1)) for c in rgb)


def _text_width(draw, text, fnt):
    left, _, right, _ = draw.textbbox((0, 0), text, font=fnt)
    return right - left


def _wrap(draw, text, fnt, width):
    lines, line = [], ""
    for word in text.split():
        candidate = f"{line} {word}".strip()
        if _text_width(draw, candidate, fnt) <= width or not line:
            line = candidate
        else:
            lines.append(line)
            line = word
    if line:
        lines.append(line)
    return lines


def _centred(draw, y, text, fnt, fill):
    draw.text(((SIZE - _text_width(draw, text, fnt)) / 2, y), text, font=fnt, fill=fill)


# --- Silhouettes: each draws into the box (x0, y0, x1, y1) ------------------------------------


def _sofa(draw, c, seats=3, box=(70, 150, 530, 420)):
    x0, y0, x1, y1 = box
    dark, light = shade(c, 0.78), shade(c, 1.12)
    arm = 46
    draw.rounded_rectangle((x0 + 20, y0, x1 - 20, y0 + 150), 28, fill=dark)  # backrest
    draw.rounded_rectangle((x0, y0 + 90, x1, y1 - 40), 22, fill=c)  # body
    seat_w = (x1 - x0 - 2 * arm) / seats
    for i in range(seats):  # seat cushions
        sx = x0 + arm + i * seat_w
        draw.rounded_rectangle((sx + 4, y0 + 110, sx + seat_w - 4, y0 + 170), 14, fill=light)
    draw.rounded_rectangle((x0 - 6, y0 + 70, x0 + arm, y1 - 40), 20, fill=dark)  # arms
    draw.rounded_rectangle((x1 - arm, y0 + 70, x1 + 6, y1 - 40), 20, fill=dark)
    for lx in (x0 + 20, x1 - 34):  # legs
        draw.rectangle((lx, y1 - 40, lx + 14, y1), fill=LEG)


def _armchair(draw, c):
    _sofa(draw, c, seats=1, box=(160, 140, 440, 420))


def _table(draw, c):
    dark = shade(c, 0.75)
    draw.rounded_rectangle((80, 200, 520, 232), 8, fill=c)  # top
    draw.rectangle((80, 232, 520, 244), fill=dark)  # edge
    for lx in (110, 470):
        draw.polygon([(lx, 244), (lx + 22, 244), (lx + 16, 420), (lx + 6, 420)], fill=dark)
    draw.rectangle((140, 244, 460, 262), fill=shade(c, 0.85))  # apron


def _cushion(draw, c):
    dark, light = shade(c, 0.8), shade(c, 1.15)
    draw.rounded_rectangle((140, 130, 460, 420), 70, fill=c, outline=dark, width=8)
    draw.ellipse((180, 170, 420, 380), fill=light)
    draw.rounded_rectangle((140, 130, 460, 420), 70, outline=dark, width=8)
    draw.line((300, 140, 300, 410), fill=shade(c, 0.9), width=3)


def _throw(draw, c):
    dark, light = shade(c, 0.78), shade(c, 1.15)
    for i, tone in enumerate((dark, c, light)):
        y = 180 + i * 70
        draw.rounded_rectangle((110 + i * 8, y, 490 - i * 8, y + 80), 18, fill=tone)
    for x in range(130, 470, 40):  # stripes on the top fold
        draw.line((x, 330, x, 398), fill=shade(c, 0.9), width=4)
    for x in range(130, 476, 12):  # fringe
        draw.line((x, 405, x, 430), fill=dark, width=3)


def _curtain(draw, c):
    dark, light = shade(c, 0.8), shade(c, 1.12)
    draw.rectangle((90, 100, 510, 112), fill=(70, 66, 60))  # rod
    for i, x in enumerate(range(110, 490, 38)):
        draw.rectangle((x, 112, x + 38, 440), fill=light if i % 2 else c)
        draw.line((x, 112, x, 440), fill=dark, width=2)
    draw.rectangle((110, 430, 490, 444), fill=dark)  # hem


def _bottle(draw, c):
    dark = shade(c, 0.75)
    draw.rounded_rectangle((265, 100, 335, 150), 10, fill=(60, 60, 60))  # cap
    draw.rectangle((280, 150, 320, 185), fill=shade(c, 1.3))  # neck
    draw.rounded_rectangle((200, 180, 400, 440), 40, fill=shade(c, 1.3), outline=dark, width=4)
    draw.rounded_rectangle((215, 260, 385, 380), 10, fill=c)  # label
    draw.text((300, 320), "POHJOLA", font=font(18, bold=True), fill=(255, 255, 255), anchor="mm")


def _tin(draw, c):
    dark = shade(c, 0.75)
    draw.rectangle((160, 250, 440, 400), fill=c)
    draw.ellipse((160, 370, 440, 430), fill=c)
    draw.ellipse((160, 220, 440, 280), fill=shade(c, 1.2), outline=dark, width=4)
    draw.text((300, 330), "POHJOLA", font=font(22, bold=True), fill=(255, 255, 255), anchor="mm")


def _box(draw, c):
    dark = shade(c, 0.75)
    draw.polygon([(150, 200), (390, 200), (450, 160), (210, 160)], fill=shade(c, 1.2))  # lid
    draw.polygon([(390, 200), (450, 160), (450, 380), (390, 420)], fill=dark)  # side
    draw.rectangle((150, 200, 390, 420), fill=c)
    draw.text((270, 310), "POHJOLA", font=font(24, bold=True), fill=(255, 255, 255), anchor="mm")


SHAPES = {
    "sofa": _sofa,
    "armchair": _armchair,
    "table": _table,
    "cushion": _cushion,
    "throw": _throw,
    "curtain": _curtain,
    "bottle": _bottle,
    "tin": _tin,
    "box": _box,
}


def _frame(title, subtitle):
    image = Image.new("RGB", (SIZE, SIZE), BACKGROUND)
    draw = ImageDraw.Draw(image)
    draw.text((28, 24), "P O H J O L A", font=font(16, bold=True), fill=MUTED)
    lines = _wrap(draw, title, font(28, bold=True), SIZE - 80)[:2]
    y = 470 if len(lines) == 1 else 458
    for line in lines:
        _centred(draw, y, line, font(28, bold=True), INK)
        y += 36
    if subtitle:
        _centred(draw, y + 2, subtitle, font(22), MUTED)
    return image, draw


def _jpeg(image):
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=80, optimize=True)
    return buffer.getvalue()


def render(shape, colour, title, subtitle=""):
    """A product picture: the shape's silhouette in ``colour`` (hex) above the title."""
    image, draw = _frame(title, subtitle)
    SHAPES[shape](draw, hex_to_rgb(colour))
    return _jpeg(image)


def render_book(colour, title, author):
    """A book cover: coloured board, title and author, on the usual background."""
    image = Image.new("RGB", (SIZE, SIZE), BACKGROUND)
    draw = ImageDraw.Draw(image)
    c = hex_to_rgb(colour)
    text = (255, 255, 255) if sum(c) < 420 else INK
    draw.rectangle((168, 58, 448, 548), fill=shade(c, 0.6))  # page block shadow
    draw.rectangle((150, 50, 440, 540), fill=c)
    draw.rectangle((150, 50, 168, 540), fill=shade(c, 0.8))  # spine
    draw.line((190, 120, 410, 120), fill=text, width=2)
    y = 150
    for line in _wrap(draw, title, font(30, bold=True), 220)[:5]:
        draw.text((190, y), line, font=font(30, bold=True), fill=text)
        y += 40
    draw.line((190, y + 16, 410, y + 16), fill=text, width=2)
    for line in _wrap(draw, author, font(20), 220)[:2]:
        draw.text((190, 470), line, font=font(20), fill=text)
    draw.text((190, 505), "POHJOLA BOOKS", font=font(12, bold=True), fill=text)
    return _jpeg(image)


def render_swatches(title, swatches, subtitle=""):
    """A chart of the colours a parent product comes in: ``swatches`` is a list of
    (label, hex colour) pairs, at most nine."""
    image, draw = _frame(title, subtitle)
    columns = 2 if len(swatches) in (2, 4) else min(3, len(swatches))
    rows = (len(swatches[:9]) + columns - 1) // columns
    cell = 120 if rows <= 2 else 100
    width = columns * cell + (columns - 1) * 20
    x0 = (SIZE - width) / 2
    y0 = 60 + (400 - rows * (cell + 30)) / 2
    for i, (label, colour) in enumerate(swatches[:9]):
        x = x0 + (i % columns) * (cell + 20)
        y = y0 + (i // columns) * (cell + 30)
        c = hex_to_rgb(colour)
        draw.rounded_rectangle((x, y, x + cell, y + cell - 20), 12, fill=c, outline=shade(c, 0.8), width=3)
        fnt = font(15)
        draw.text((x + cell / 2, y + cell - 4), label, font=fnt, fill=INK, anchor="mm")
    return _jpeg(image)
