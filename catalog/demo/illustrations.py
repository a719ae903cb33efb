"""Stylised SVG product drawings for devices that have no photograph yet.

Pure functions: `device_svg` returns a self-contained 800×600 SVG (no scripts, no external
references, no web fonts) drawn after the family's `Family.Illustration` and tinted with the
family's accent colour. Every piece of text is escaped; the colour is checked, so nothing a
caller passes can break out of the markup.
"""

from __future__ import annotations

import colorsys
import hashlib
import re
from xml.sax.saxutils import escape

WIDTH, HEIGHT = 800, 600
FONT = "DejaVu Sans, Arial, sans-serif"
_HEX_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")

INK = "#1f2733"
STEEL = "#c9d1dc"
STEEL_DARK = "#8a96a8"


def _rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def _mix(colour: str, other: str, amount: float) -> str:
    """`colour` moved `amount` (0..1) of the way towards `other`."""
    a, b = _rgb(colour), _rgb(other)
    return "#" + "".join(f"{round(x + (y - x) * amount):02x}" for x, y in zip(a, b, strict=True))


def device_svg(
    *,
    name: str,
    family_name: str,
    illustration: str,
    accent: str,
    caption: bool = False,
    model: str = "",
    handpieces: list[str] | None = None,
) -> str:
    """An 800×600 SVG drawing of a device of the given illustration kind, in the accent colour.

    The name always goes into the SVG's <title>; `caption` also prints it under the drawing,
    which suits a standalone picture more than a card that shows the name anyway. `model`
    (printed on a nameplate) and `handpieces` (drawn on a rack, up to five) make each device of
    a family look its own, and the colour moves a little with the name (`device_accent`).
    """
    if not _HEX_COLOUR.match(accent or ""):
        raise ValueError(f"Accent colour must look like #1c7ed6, not {accent!r}.")
    draw = _DRAWINGS.get(illustration, _tower)
    # Ids are unique per device so several drawings inlined in one page do not share gradients.
    uid = "d" + hashlib.blake2s(f"{name}|{family_name}|{illustration}".encode(), digest_size=4).hexdigest()
    c = _Palette(uid=uid, accent=device_accent(accent, seed=name))
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" '
        f'height="{HEIGHT}" role="img" aria-labelledby="{uid}-title">',
        f'<title id="{uid}-title">{escape(f"{name} ({family_name})")}</title>',
        _defs(c),
        f'<rect width="{WIDTH}" height="{HEIGHT}" fill="url(#{uid}-bg)"/>',
        # Without a caption the drawing moves down to sit in the middle of the frame.
        "<g>" if caption else '<g transform="translate(0 40)">',
        f'<circle cx="400" cy="290" r="250" fill="url(#{uid}-halo)"/>',
        f'<ellipse cx="400" cy="500" rx="250" ry="22" fill="url(#{uid}-floor)"/>',
        draw(c),
        _handpiece_rack(c, handpieces or []),
        _nameplate(c, model),
        "</g>",
    ]
    if caption:
        parts.append(_caption(c, name=name, family_name=family_name))
    parts.append("</svg>")
    return "\n".join(parts)


def device_accent(accent: str, *, seed: str) -> str:
    """The family's accent turned a little round the colour wheel and lightened or darkened by `seed`:
    devices of one family stay related but never identical."""
    digest = hashlib.blake2s(seed.encode(), digest_size=2).digest()
    red, green, blue = (x / 255 for x in _rgb(accent))
    hue, lightness, saturation = colorsys.rgb_to_hls(red, green, blue)
    hue = (hue + (digest[0] / 255 - 0.5) * 0.12) % 1.0  # within about ±22°
    lightness = min(0.62, max(0.28, lightness + (digest[1] / 255 - 0.5) * 0.16))
    return "#" + "".join(f"{round(x * 255):02x}" for x in colorsys.hls_to_rgb(hue, lightness, saturation))


_MODEL_CODE = re.compile(r"\b[A-Z]{1,4}-\d+[A-Za-z0-9]*(?:\s+(?:Pro|Max|Duo|Compact|Studio|Plus))?\b")


def model_label(name: str) -> str:
    """The model code a nameplate shows, such as "FX-40" or "PS-3 Pro" (the last word when there is none)."""
    found = _MODEL_CODE.findall(name)
    return found[-1] if found else name.split()[-1] if name.split() else ""


def _nameplate(c: _Palette, model: str) -> str:
    """A badge with the model code, low on the left of the frame."""
    if not model:
        return ""
    label = escape(model[:14])
    width = 30 + 14 * len(model[:14])
    return (
        f'<g transform="translate(60 400)">'
        f'<rect width="{width}" height="44" rx="10" fill="#ffffff" stroke="{c.accent}" stroke-width="3"/>'
        f'<rect x="8" y="10" width="6" height="24" rx="3" fill="{c.accent}"/>'
        f'<text x="22" y="30" font-family="{FONT}" font-size="21" font-weight="bold" fill="{INK}">{label}</text>'
        "</g>"
    )


def _handpiece_rack(c: _Palette, handpieces: list[str]) -> str:
    """The device's handpieces (or cartridges) standing in a rack on the right, one per option, up to five."""
    count = min(len(handpieces), 5)
    if not count:
        return ""
    x0 = 690 - count * 26
    parts = [f'<rect x="{x0 - 10}" y="470" width="{count * 26 + 14}" height="14" rx="6" fill="{INK}"/>']
    for i, handpiece in enumerate(handpieces[:count]):
        x = x0 + i * 26
        tall = 60 + (hashlib.blake2s(handpiece.encode(), digest_size=1).digest()[0] % 4) * 8
        parts.append(
            f'<rect x="{x}" y="{470 - tall}" width="18" height="{tall}" rx="8" fill="{c.url("shell")}" '
            f'stroke="{INK}" stroke-width="2.5"/>'
            f'<rect x="{x + 4}" y="{478 - tall}" width="10" height="{8 + i * 3}" rx="2" '
            f'fill="{c.accent if i % 2 == 0 else c.accent_dark}"/>'
        )
    return "".join(parts)


class _Palette:
    def __init__(self, *, uid: str, accent: str):
        self.uid = uid
        self.accent = accent.lower()
        self.accent_dark = _mix(accent, "#000000", 0.35)
        self.accent_light = _mix(accent, "#ffffff", 0.55)
        self.accent_pale = _mix(accent, "#ffffff", 0.85)

    def url(self, name: str) -> str:
        return f"url(#{self.uid}-{name})"


def _defs(c: _Palette) -> str:
    u = c.uid
    return f"""<defs>
<linearGradient id="{u}-bg" x1="0" y1="0" x2="0" y2="1">
  <stop offset="0" stop-color="{_mix(c.accent, "#ffffff", 0.86)}"/>
  <stop offset="1" stop-color="{_mix(c.accent, "#ffffff", 0.97)}"/>
</linearGradient>
<radialGradient id="{u}-halo" cx="0.5" cy="0.5" r="0.5">
  <stop offset="0" stop-color="#ffffff" stop-opacity="0.85"/>
  <stop offset="1" stop-color="#ffffff" stop-opacity="0"/>
</radialGradient>
<radialGradient id="{u}-floor" cx="0.5" cy="0.5" r="0.5">
  <stop offset="0" stop-color="{INK}" stop-opacity="0.28"/>
  <stop offset="1" stop-color="{INK}" stop-opacity="0"/>
</radialGradient>
<linearGradient id="{u}-shell" x1="0" y1="0" x2="1" y2="0">
  <stop offset="0" stop-color="#ffffff"/>
  <stop offset="0.55" stop-color="#f1f4f8"/>
  <stop offset="1" stop-color="#d5dce6"/>
</linearGradient>
<linearGradient id="{u}-shellv" x1="0" y1="0" x2="0" y2="1">
  <stop offset="0" stop-color="#ffffff"/>
  <stop offset="1" stop-color="#dfe5ed"/>
</linearGradient>
<linearGradient id="{u}-screen" x1="0" y1="0" x2="1" y2="1">
  <stop offset="0" stop-color="#1b2230"/>
  <stop offset="1" stop-color="{_mix(c.accent, "#0b1020", 0.65)}"/>
</linearGradient>
<linearGradient id="{u}-accent" x1="0" y1="0" x2="0" y2="1">
  <stop offset="0" stop-color="{c.accent_light}"/>
  <stop offset="1" stop-color="{c.accent}"/>
</linearGradient>
<linearGradient id="{u}-metal" x1="0" y1="0" x2="1" y2="0">
  <stop offset="0" stop-color="#e9edf2"/>
  <stop offset="0.5" stop-color="#c4ccd7"/>
  <stop offset="1" stop-color="#9aa5b5"/>
</linearGradient>
<radialGradient id="{u}-glow" cx="0.5" cy="0.5" r="0.5">
  <stop offset="0" stop-color="{c.accent}" stop-opacity="0.55"/>
  <stop offset="1" stop-color="{c.accent}" stop-opacity="0"/>
</radialGradient>
</defs>"""


def _screen(c: _Palette, x: float, y: float, w: float, h: float, *, rx: float = 8) -> str:
    """A bezel with a dark screen showing a small, generic treatment interface."""
    inner_x, inner_y, inner_w, inner_h = x + 7, y + 7, w - 14, h - 14
    bar_w = inner_w * 0.5
    gauge_r = min(inner_h * 0.28, inner_w * 0.16)
    gx, gy = inner_x + inner_w * 0.76, inner_y + inner_h * 0.5
    bars = []
    for i, fraction in enumerate((0.9, 0.6, 0.75)):
        by = inner_y + inner_h * (0.3 + i * 0.2)
        bars.append(
            f'<rect x="{inner_x + 12:.1f}" y="{by:.1f}" width="{bar_w:.1f}" height="5" rx="2.5" '
            f'fill="#ffffff" opacity="0.15"/>'
            f'<rect x="{inner_x + 12:.1f}" y="{by:.1f}" width="{bar_w * fraction:.1f}" height="5" rx="2.5" '
            f'fill="{c.accent_light}"/>'
        )
    return (
        f'<rect x="{x}" y="{y}" width="{w}" height="{h}" rx="{rx}" fill="{INK}"/>'
        f'<rect x="{inner_x}" y="{inner_y}" width="{inner_w}" height="{inner_h}" rx="{max(rx - 4, 2)}" '
        f'fill="{c.url("screen")}"/>'
        f'<rect x="{inner_x + 12:.1f}" y="{inner_y + inner_h * 0.12:.1f}" width="{inner_w * 0.3:.1f}" height="6" '
        f'rx="3" fill="#ffffff" opacity="0.6"/>'
        + "".join(bars)
        + f'<circle cx="{gx:.1f}" cy="{gy:.1f}" r="{gauge_r:.1f}" fill="none" stroke="#ffffff" '
        f'stroke-opacity="0.15" stroke-width="5"/>'
        f'<path d="M {gx - gauge_r:.1f} {gy:.1f} A {gauge_r:.1f} {gauge_r:.1f} 0 1 1 {gx:.1f} {gy + gauge_r:.1f}" '
        f'fill="none" stroke="{c.accent_light}" stroke-width="5" stroke-linecap="round"/>'
    )


def _wheels(xs, y: float) -> str:
    return "".join(
        f'<rect x="{x - 4}" y="{y - 16}" width="8" height="12" fill="{STEEL_DARK}"/>'
        f'<circle cx="{x}" cy="{y}" r="11" fill="{INK}"/><circle cx="{x}" cy="{y}" r="4" fill="{STEEL}"/>'
        for x in xs
    )


def _cable(d: str) -> str:
    return (
        f'<path d="{d}" fill="none" stroke="{INK}" stroke-width="7" stroke-linecap="round"/>'
        f'<path d="{d}" fill="none" stroke="#4a5568" stroke-width="3" stroke-linecap="round"/>'
    )


def _laser_cart(c: _Palette) -> str:
    """A cart with a tilted screen and a jointed arm ending in a scanning handpiece."""
    arm = "M 466 215 L 466 118 L 574 92 L 630 178 L 612 262"
    joints = [(466, 215), (466, 118), (574, 92), (630, 178)]
    return (
        # cart body and plinth
        f'<path d="M 300 250 Q 300 225 325 225 L 465 225 Q 490 225 490 250 L 498 470 Q 498 486 482 486 '
        f'L 308 486 Q 292 486 292 470 Z" fill="{c.url("shell")}" stroke="{STEEL}" stroke-width="2"/>'
        f'<rect x="316" y="300" width="8" height="150" rx="4" fill="{c.url("accent")}"/>'
        f'<path d="M 340 455 L 470 455" stroke="{STEEL}" stroke-width="2"/>'
        f'<rect x="286" y="478" width="218" height="14" rx="7" fill="#c3cbd6"/>'
        + _wheels((308, 380, 480), 500)
        # front details: emergency stop, key, vent slots
        + f'<circle cx="455" cy="300" r="13" fill="#fff1f0" stroke="#c92a2a" stroke-width="3"/>'
        f'<circle cx="455" cy="300" r="7" fill="#e03131"/>'
        f'<rect x="448" y="330" width="14" height="7" rx="3.5" fill="{STEEL_DARK}"/>'
        + "".join(f'<rect x="350" y="{y}" width="90" height="5" rx="2.5" fill="{STEEL}"/>' for y in (395, 408, 421))
        # screen on a short neck
        + '<rect x="362" y="206" width="32" height="24" fill="#aab4c3"/>'
        + '<g transform="rotate(-8 378 172)">'
        + _screen(c, 306, 126, 144, 92)
        + "</g>"
        # articulated arm
        + f'<path d="{arm}" fill="none" stroke="{INK}" stroke-width="19" stroke-linejoin="round" '
        f'stroke-linecap="round"/>'
        f'<path d="{arm}" fill="none" stroke="{c.url("metal")}" stroke-width="13" stroke-linejoin="round" '
        f'stroke-linecap="round"/>'
        + "".join(
            f'<circle cx="{x}" cy="{y}" r="14" fill="{INK}"/><circle cx="{x}" cy="{y}" r="9" fill="{c.accent}"/>'
            f'<circle cx="{x}" cy="{y}" r="3.5" fill="#ffffff"/>'
            for x, y in joints
        )
        # handpiece with scanner head and beam
        + '<g transform="rotate(-10 612 290)">'
        f'<rect x="596" y="252" width="32" height="62" rx="10" fill="{c.url("shell")}" stroke="{INK}" '
        'stroke-width="3"/>'
        f'<rect x="600" y="266" width="24" height="6" rx="3" fill="{c.accent}"/>'
        f'<path d="M 600 314 L 624 314 L 618 338 L 606 338 Z" fill="{INK}"/>'
        f'<path d="M 612 338 L 596 396 L 628 396 Z" fill="{c.accent}" opacity="0.25"/>'
        "</g>"
        f'<ellipse cx="622" cy="405" rx="26" ry="7" fill="{c.url("glow")}"/>'
    )


def _tower(c: _Palette) -> str:
    """A slim tower with a large screen and handpieces resting in a side holder."""
    return (
        # base and wheels
        '<path d="M 300 470 L 500 470 L 512 488 L 288 488 Z" fill="#c3cbd6"/>'
        + _wheels((305, 400, 495), 500)
        # body: narrows slightly to the top
        + f'<path d="M 318 470 L 330 205 Q 332 188 350 188 L 450 188 Q 468 188 470 205 L 482 470 Z" '
        f'fill="{c.url("shell")}" stroke="{STEEL}" stroke-width="2"/>'
        f'<path d="M 342 460 Q 336 330 346 230" fill="none" stroke="{c.url("accent")}" stroke-width="8" '
        f'stroke-linecap="round"/>'
        + "".join(f'<rect x="375" y="{y}" width="70" height="5" rx="2.5" fill="{STEEL}"/>' for y in (410, 423, 436))
        + f'<circle cx="410" cy="372" r="11" fill="#ffffff" stroke="{STEEL_DARK}" stroke-width="3"/>'
        f'<circle cx="410" cy="372" r="4" fill="{c.accent}"/>'
        # screen on top, tilted back
        + '<g transform="rotate(-6 400 150)">'
        + _screen(c, 318, 92, 168, 108)
        + "</g>"
        # side holder with two handpieces
        + f'<path d="M 470 268 L 532 262 Q 542 262 542 272 L 542 300 L 474 306 Z" fill="{INK}"/>'
        f'<rect x="488" y="214" width="20" height="70" rx="9" fill="{c.url("shell")}" stroke="{INK}" '
        f'stroke-width="3" transform="rotate(8 498 250)"/>'
        f'<rect x="491" y="222" width="14" height="12" rx="3" fill="{c.accent}" transform="rotate(8 498 250)"/>'
        f'<rect x="514" y="206" width="22" height="76" rx="10" fill="{c.url("shell")}" stroke="{INK}" '
        f'stroke-width="3" transform="rotate(12 525 244)"/>'
        f'<rect x="517" y="212" width="16" height="16" rx="3" fill="{c.accent_dark}" transform="rotate(12 525 244)"/>'
        + _cable("M 500 300 C 505 360 560 360 560 410 C 560 450 500 455 470 440")
        + _cable("M 528 300 C 540 350 590 380 580 430 C 572 465 520 470 482 455")
    )


def _tabletop(c: _Palette) -> str:
    """A console on a low trolley, with a front screen and a handpiece on a coiled cable."""
    return (
        # trolley
        f'<rect x="230" y="420" width="340" height="16" rx="6" fill="#c3cbd6"/>'
        f'<rect x="248" y="436" width="10" height="50" fill="{STEEL_DARK}"/>'
        f'<rect x="542" y="436" width="10" height="50" fill="{STEEL_DARK}"/>'
        f'<rect x="240" y="478" width="320" height="10" rx="5" fill="#c3cbd6"/>'
        + _wheels((253, 547), 500)
        # console: top face and front face
        + f'<path d="M 262 268 L 300 232 L 560 232 L 540 268 Z" fill="{c.url("shellv")}" stroke="{STEEL}" '
        f'stroke-width="2"/>'
        f'<path d="M 262 268 L 540 268 L 540 420 L 262 420 Z" fill="{c.url("shell")}" stroke="{STEEL}" '
        f'stroke-width="2"/>'
        f'<path d="M 540 268 L 560 232 L 560 390 L 540 420 Z" fill="#cfd6e0"/>'
        f'<rect x="262" y="404" width="278" height="16" fill="{c.url("accent")}"/>'
        + _screen(c, 282, 284, 170, 106, rx=6)
        # knob and buttons
        + f'<circle cx="500" cy="318" r="22" fill="#ffffff" stroke="{STEEL_DARK}" stroke-width="3"/>'
        f'<circle cx="500" cy="318" r="8" fill="{c.accent}"/>'
        f'<circle cx="482" cy="372" r="8" fill="{c.accent_light}"/>'
        f'<circle cx="508" cy="372" r="8" fill="#e03131"/>'
        # handpiece holder on the side and the handpiece
         + f'<rect x="560" y="258" width="34" height="22" rx="5" fill="{INK}"/>'
        f'<g transform="rotate(18 585 220)">'
        f'<rect x="570" y="168" width="28" height="96" rx="12" fill="{c.url("shell")}" stroke="{INK}" '
        f'stroke-width="3"/>'
        f'<rect x="575" y="182" width="18" height="26" rx="4" fill="{c.accent}"/>'
        f'<rect x="574" y="252" width="20" height="16" rx="3" fill="{INK}"/>'
        f"</g>" + _cable("M 566 272 C 620 300 640 330 610 360 C 585 385 630 400 620 420")
    )


def _body(c: _Palette) -> str:
    """A wide body-contouring station with a raised screen and applicators on hoses."""
    applicator = (
        '<g transform="translate({x} {y})">'
        f'<rect x="-30" y="-6" width="60" height="46" rx="18" fill="{c.url("shell")}" stroke="{INK}" '
        'stroke-width="3"/>'
        f'<rect x="-22" y="30" width="44" height="14" rx="6" fill="{c.accent}"/>'
        f'<rect x="-8" y="-24" width="16" height="22" rx="5" fill="{INK}"/>'
        "</g>"
    )
    return (
        # base and wheels
        '<rect x="262" y="468" width="276" height="18" rx="9" fill="#c3cbd6"/>'
        + _wheels((285, 400, 515), 500)
        # body with curved shoulders
        + f'<path d="M 270 470 L 270 280 Q 270 240 310 236 L 490 236 Q 530 240 530 280 L 530 470 Z" '
        f'fill="{c.url("shell")}" stroke="{STEEL}" stroke-width="2"/>'
        f'<path d="M 290 300 Q 400 276 510 300 L 510 312 Q 400 288 290 312 Z" fill="{c.url("accent")}"/>'
        + "".join(
            f'<rect x="{x}" y="340" width="36" height="100" rx="8" fill="#eef1f5" stroke="{STEEL}" stroke-width="2"/>'
            for x in (318, 382, 446)
        )
        + "".join(f'<circle cx="{x}" cy="360" r="6" fill="{c.accent_light}"/>' for x in (336, 400, 464))
        # screen on a neck
        + f'<rect x="388" y="200" width="24" height="40" fill="{STEEL_DARK}"/>'
        + _screen(c, 300, 96, 200, 118)
        # hooks, hoses and applicators on both sides
        + f'<rect x="236" y="250" width="36" height="10" rx="5" fill="{INK}"/>'
        f'<rect x="528" y="250" width="36" height="10" rx="5" fill="{INK}"/>'
        + _cable("M 285 420 C 220 420 200 360 230 300")
        + _cable("M 515 420 C 580 420 600 360 570 300")
        + applicator.format(x=230, y=284)
        + applicator.format(x=570, y=284)
    )


def _analyser(c: _Palette) -> str:
    """A facial imaging hood with a chin rest and a light ring, beside a monitor."""
    leds = []
    for i in range(24):
        # points on a circle of radius 104 around the hood centre, precomputed by rotation
        leds.append(f'<circle cx="330" cy="156" r="4.5" fill="{c.accent_light}" transform="rotate({i * 15} 330 260)"/>')
    return (
        # stand
        f'<ellipse cx="330" cy="488" rx="92" ry="14" fill="#c3cbd6"/>'
        f'<rect x="318" y="370" width="24" height="118" fill="{c.url("metal")}"/>'
        # hood: shell, interior, light ring, camera
        + f'<circle cx="330" cy="260" r="132" fill="{c.url("shell")}" stroke="{STEEL}" stroke-width="2"/>'
        f'<circle cx="330" cy="260" r="116" fill="{c.accent_pale}"/>'
        f'<circle cx="330" cy="260" r="92" fill="#fbfcfe" stroke="{c.accent_light}" stroke-width="2"/>'
        + "".join(leds)
        + f'<circle cx="330" cy="236" r="26" fill="{INK}"/><circle cx="330" cy="236" r="15" fill="#39465c"/>'
        f'<circle cx="324" cy="230" r="5" fill="#ffffff" opacity="0.7"/>'
        # chin rest and forehead pad
         + f'<path d="M 290 318 Q 330 346 370 318" fill="none" stroke="{INK}" stroke-width="9" '
        f'stroke-linecap="round"/>'
        f'<path d="M 300 186 Q 330 176 360 186" fill="none" stroke="{STEEL_DARK}" stroke-width="7" '
        f'stroke-linecap="round"/>'
        # monitor on a stand, showing a face map
         + f'<rect x="560" y="300" width="14" height="188" fill="{c.url("metal")}"/>'
        f'<ellipse cx="567" cy="488" rx="46" ry="10" fill="#c3cbd6"/>'
        f'<rect x="480" y="170" width="178" height="132" rx="10" fill="{INK}"/>'
        f'<rect x="488" y="178" width="162" height="116" rx="6" fill="{c.url("screen")}"/>'
        f'<ellipse cx="540" cy="238" rx="30" ry="40" fill="none" stroke="#ffffff" stroke-opacity="0.6" '
        f'stroke-width="3"/>'
        f'<circle cx="528" cy="228" r="5" fill="{c.accent_light}"/>'
        f'<circle cx="552" cy="246" r="7" fill="#ffa8a8" opacity="0.8"/>'
        f'<circle cx="535" cy="258" r="4" fill="#ffd43b" opacity="0.8"/>'
        + "".join(
            f'<rect x="592" y="{y}" width="44" height="6" rx="3" fill="#ffffff" opacity="0.2"/>'
            f'<rect x="592" y="{y}" width="{w}" height="6" rx="3" fill="{c.accent_light}"/>'
            for y, w in ((204, 36), (222, 24), (240, 30), (258, 18))
        )
    )


def _helmet(c: _Palette) -> str:
    """A floor stand whose arm holds a laser helmet glowing red on the inside."""
    diodes = "".join(
        f'<circle cx="{x}" cy="{y}" r="3.2" fill="#ff6b6b"/>'
        for row, y in enumerate((292, 304, 316))
        for x in range(372 + (row % 2) * 8, 560, 16)
    )
    return (
        # stand and arm
        '<ellipse cx="250" cy="488" rx="80" ry="14" fill="#c3cbd6"/>'
        + _wheels((195, 305), 496)
        + f'<rect x="240" y="140" width="20" height="348" rx="6" fill="{c.url("metal")}"/>'
        f'<path d="M 250 150 Q 250 120 282 120 L 452 120 Q 466 120 466 134 L 466 176" fill="none" '
        f'stroke="{INK}" stroke-width="16" stroke-linecap="round"/>'
        f'<path d="M 250 150 Q 250 120 282 120 L 452 120 Q 466 120 466 134 L 466 176" fill="none" '
        f'stroke="{c.url("metal")}" stroke-width="10" stroke-linecap="round"/>'
        f'<circle cx="250" cy="150" r="11" fill="{INK}"/><circle cx="250" cy="150" r="6" fill="{c.accent}"/>'
        # control box on the column
        + _screen(c, 196, 250, 108, 80, rx=8)
        # red glow under the helmet
        + f'<ellipse cx="466" cy="350" rx="150" ry="60" fill="{c.url("glow")}"/>'
        # helmet dome, inner band of diodes, rim
        + f'<path d="M 356 300 Q 356 176 466 176 Q 576 176 576 300 Z" fill="{c.url("shell")}" '
        f'stroke="{STEEL}" stroke-width="2"/>'
        f'<path d="M 376 232 Q 466 196 556 232" fill="none" stroke="{c.url("accent")}" stroke-width="10" '
        f'stroke-linecap="round"/>'
        f'<path d="M 356 300 L 576 300 L 566 326 L 366 326 Z" fill="#3b1f24"/>'
        + diodes
        + f'<rect x="348" y="294" width="236" height="10" rx="5" fill="{INK}"/>'
    )


_DRAWINGS = {
    "laser_cart": _laser_cart,
    "tower": _tower,
    "tabletop": _tabletop,
    "body": _body,
    "analyser": _analyser,
    "helmet": _helmet,
}


def _caption(c: _Palette, *, name: str, family_name: str) -> str:
    return (
        f'<text x="40" y="548" font-family="{FONT}" font-size="14" font-weight="bold" letter-spacing="2" '
        f'fill="{c.accent_dark}">{escape(family_name.upper())}</text>'
        f'<text x="40" y="578" font-family="{FONT}" font-size="24" font-weight="bold" fill="{INK}">'
        f"{escape(name)}</text>"
    )
