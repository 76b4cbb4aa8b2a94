#!/usr/bin/env python3
"""Draws the app icon (a gold five-pointed star on a green rounded square: OCOP's stars)
and writes assets/icon.ico (16, 24, 32, 48, 64, 256 px, PNG-compressed entries) and
assets/icon-256.png. Standard library only; run from the repository root."""
import math
import struct
import zlib

GREEN = (22, 120, 64)
GOLD = (250, 196, 40)


def star(cx, cy, outer, inner):
    pts = []
    for i in range(10):
        r = outer if i % 2 == 0 else inner
        a = -math.pi / 2 + i * math.pi / 5
        pts.append((cx + r * math.cos(a), cy + r * math.sin(a)))
    return pts


def inside(poly, x, y):
    hit = False
    j = len(poly) - 1
    for i, (xi, yi) in enumerate(poly):
        xj, yj = poly[j]
        if (yi > y) != (yj > y) and x < (xj - xi) * (y - yi) / (yj - yi) + xi:
            hit = not hit
        j = i
    return hit


def in_rounded(x, y, size, radius):
    cx = min(max(x, radius), size - radius)
    cy = min(max(y, radius), size - radius)
    return (x - cx) ** 2 + (y - cy) ** 2 <= radius ** 2


def render(size):
    ss = 4  # supersampling per axis
    poly = star(size / 2, size * 0.53, size * 0.40, size * 0.16)
    rows = []
    for py in range(size):
        row = bytearray([0])  # PNG filter: none
        for px in range(size):
            bg = fg = 0
            for sy in range(ss):
                for sx in range(ss):
                    x = px + (sx + 0.5) / ss
                    y = py + (sy + 0.5) / ss
                    if in_rounded(x, y, size, size * 0.18):
                        bg += 1
                        if inside(poly, x, y):
                            fg += 1
            n = ss * ss
            alpha = bg / n
            if bg:
                t = fg / bg
                rgb = [round(GREEN[k] * (1 - t) + GOLD[k] * t) for k in range(3)]
            else:
                rgb = [0, 0, 0]
            row += bytes(rgb + [round(alpha * 255)])
        rows.append(bytes(row))
    return png(size, b"".join(rows))


def png(size, raw):
    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))


def ico(images):
    out = struct.pack("<HHH", 0, 1, len(images))
    offset = 6 + 16 * len(images)
    for size, data in images:
        dim = 0 if size >= 256 else size
        out += struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(data), offset)
        offset += len(data)
    return out + b"".join(data for _, data in images)


if __name__ == "__main__":
    images = [(s, render(s)) for s in (16, 24, 32, 48, 64, 256)]
    with open("assets/icon.ico", "wb") as f:
        f.write(ico(images))
    with open("assets/icon-256.png", "wb") as f:
        f.write(images[-1][1])
