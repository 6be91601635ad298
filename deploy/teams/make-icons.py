#!/usr/bin/env python3
"""Regenerate the Teams app icons (color.png 192x192, outline.png 32x32).

Standard library only (zlib + struct). Usage:  python3 make-icons.py [OUTDIR]
OUTDIR defaults to the folder this script is in. Output is deterministic.

Design: a white headset (headband arc, two ear cups, mic boom) drawn with
simple geometry. color.png puts it on a rounded square in the manifest's
accentColor; outline.png is the same glyph in pure white on transparency
(every pixel is RGB 255,255,255; only alpha varies, for anti-aliasing).
"""
import math
import os
import struct
import sys
import zlib

ACCENT = (0x3B, 0x5B, 0xDB)  # keep in sync with "accentColor" in manifest.json
WHITE = (255, 255, 255)
SS = 4  # supersamples per axis for anti-aliasing


def _rrect(x, y, cx, cy, w, h, r):
    """Inside a rounded rectangle centred at (cx, cy)?"""
    dx = max(abs(x - cx) - (w / 2 - r), 0.0)
    dy = max(abs(y - cy) - (h / 2 - r), 0.0)
    return dx * dx + dy * dy <= r * r


def headset(u, v):
    """Is glyph-space point (u, v) in [0,1]^2 (v downwards) part of the headset?"""
    # Headband: upper half of a ring.
    if v <= 0.52:
        d = math.hypot(u - 0.5, v - 0.52)
        if abs(d - 0.40) <= 0.045:
            return True
    # Ear cups.
    if _rrect(u, v, 0.10, 0.59, 0.18, 0.30, 0.07):
        return True
    if _rrect(u, v, 0.90, 0.59, 0.18, 0.30, 0.07):
        return True
    # Mic boom: lower-right quarter of a thinner ring, from the right cup to the mouth.
    if u >= 0.5 and v >= 0.58:
        d = math.hypot(u - 0.5, v - 0.58)
        if abs(d - 0.33) <= 0.032:
            return True
    # Mic capsule.
    return _rrect(u, v, 0.45, 0.91, 0.17, 0.09, 0.045)


def render(size, glyph_box, background):
    """Return rows of RGBA bytes. glyph_box = (x0, y0, side) in pixels."""
    gx, gy, gs = glyph_box
    radius = size * 0.21
    rows = []
    for py in range(size):
        row = bytearray()
        for px in range(size):
            bg = fg = 0
            for sy in range(SS):
                y = py + (sy + 0.5) / SS
                for sx in range(SS):
                    x = px + (sx + 0.5) / SS
                    if background and _rrect(x, y, size / 2, size / 2, size, size, radius):
                        bg += 1
                    if headset((x - gx) / gs, (y - gy) / gs):
                        fg += 1
            n = SS * SS
            if background:
                # White glyph over the accent square; corners stay transparent.
                a = bg / n
                f = min(fg, bg) / max(bg, 1)
                rgb = [round(ACCENT[i] * (1 - f) + WHITE[i] * f) for i in range(3)] if bg else [0, 0, 0]
                row += bytes(rgb + [round(255 * a)])
            else:
                row += bytes(list(WHITE) + [round(255 * fg / n)])
        rows.append(bytes(row))
    return rows


def write_png(path, size, rows):
    def chunk(tag, data):
        return (struct.pack(">I", len(data)) + tag + data
                + struct.pack(">I", zlib.crc32(tag + data) & 0xFFFFFFFF))
    raw = b"".join(b"\x00" + r for r in rows)  # filter type 0 per scanline
    ihdr = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)  # 8-bit RGBA
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr)
                + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
    # color.png: glyph inside the central ~108 px (Teams' safe area is 96-120 px).
    write_png(os.path.join(out, "color.png"), 192, render(192, (42, 42, 108), True))
    # outline.png: glyph fills the canvas with a 1 px margin, no background.
    write_png(os.path.join(out, "outline.png"), 32, render(32, (1, 1, 30), False))
    print("wrote color.png (192x192) and outline.png (32x32) to", out)


if __name__ == "__main__":
    main()
