#!/usr/bin/env python3
"""Builds assets/world.json, the offline world basemap of the web UI.

    python3 crates/dateline-server/data/build_basemap.py [--cache DIR]

The UI draws its maps from this file alone: no tile server, no network.
Run this only to change the map; the output is committed so that a build
needs no network.

Source (downloaded into --cache, default target/basemap-sources, and
checked against the pinned sha256 below):

- world-atlas 2.0.2 (npm; ISC licence, Mike Bostock): countries-110m.json,
  the Natural Earth 1:110m admin-0 countries (public domain) as TopoJSON.

Output: {"source", "licence", "scale", "viewBox", "land"}. `land` is one
SVG path of every country's outline in an equirectangular projection,
x = (lon + 180) * scale and y = (90 - lat) * scale, rounded to whole units
(1 / scale of a degree) and written relative ("l dx dy") to keep the file
small. Antarctica is left out and the view box stops at 60 degrees south:
news seldom happens there and it would take a sixth of the map.
"""
import argparse
import hashlib
import io
import json
import os
import sys
import tarfile
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(HERE)))
OUT = os.path.join(HERE, "..", "assets", "world.json")

PACKAGE = "world-atlas-2.0.2.tgz"
URL = "https://registry.npmjs.org/world-atlas/-/" + PACKAGE
SHA256 = "032e7765f2ce00edaeafec23ff22bc3b77e42987c257da944cc585b452c05b97"
MEMBER = "package/countries-110m.json"

# Map units per degree: 0.2 degree steps are finer than the 1:110m
# outlines' own detail and keep every coordinate delta to a few digits.
SCALE = 5
NORTH, SOUTH = 84, -60
ANTARCTICA = "010"  # ISO 3166-1 numeric id


def download(cache):
    """The pinned tarball's bytes, from the cache or the npm registry."""
    path = os.path.join(cache, PACKAGE)
    if not os.path.exists(path):
        os.makedirs(cache, exist_ok=True)
        print(f"downloading {URL}", file=sys.stderr)
        with urllib.request.urlopen(URL, timeout=60) as res:
            data = res.read()
        with open(path + ".part", "wb") as f:
            f.write(data)
        os.replace(path + ".part", path)
    with open(path, "rb") as f:
        data = f.read()
    digest = hashlib.sha256(data).hexdigest()
    if digest != SHA256:
        sys.exit(f"{path}: sha256 {digest}, want {SHA256}")
    return data


def read_topology(tarball):
    with tarfile.open(fileobj=io.BytesIO(tarball), mode="r:gz") as tar:
        return json.load(tar.extractfile(MEMBER))


def decode_arcs(topology):
    """Absolute [lon, lat] points of every arc (TopoJSON quantized arcs are
    delta-encoded integers mapped through the transform)."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring_points(ring, arcs):
    """A ring's points: its arcs joined, a negative index ~i meaning arc i
    reversed; each arc after the first repeats the previous one's end."""
    points = []
    for index in ring:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc if not points else arc[1:])
    return points


def unwrap(points):
    """Longitudes made continuous: a ring that crosses the antimeridian
    (Fiji, Chukotka) jumps by 360 degrees between two neighbours; shifting
    the points after the jump keeps the ring whole, reaching past 180."""
    out, shift = [], 0
    for i, (lon, lat) in enumerate(points):
        if i and abs(lon + shift - out[-1][0]) > 180:
            shift += 360 if out[-1][0] > lon + shift else -360
        out.append((lon + shift, lat))
    return out


def copies(points):
    """The ring, and when it reaches past the edge of the map the same ring
    shifted by 360 degrees to show the part past the edge on the other side
    (the SVG view box clips what falls outside)."""
    lons = [lon for lon, _ in points]
    out = [points]
    if max(lons) > 180:
        out.append([(lon - 360, lat) for lon, lat in points])
    if min(lons) < -180:
        out.append([(lon + 360, lat) for lon, lat in points])
    return out


def project(lon, lat):
    return round((lon + 180) * SCALE), round((90 - lat) * SCALE)


def ring_path(points):
    """"M x y l dx dy ... z" in whole map units, repeated points dropped;
    None when the ring shrinks below a triangle."""
    projected = []
    for lon, lat in points:
        p = project(lon, lat)
        if not projected or p != projected[-1]:
            projected.append(p)
    if len(projected) > 1 and projected[0] == projected[-1]:
        projected.pop()
    if len(projected) < 3:
        return None
    (x, y), parts = projected[0], [f"M{projected[0][0]} {projected[0][1]}l"]
    deltas = []
    for px, py in projected[1:]:
        deltas.append(f"{px - x} {py - y}")
        x, y = px, py
    # Negative numbers need no separator in SVG path data.
    parts.append(" ".join(deltas).replace(" -", "-"))
    parts.append("z")
    return "".join(parts)


def polygons(geometry):
    if geometry["type"] == "Polygon":
        return [geometry["arcs"]]
    if geometry["type"] == "MultiPolygon":
        return geometry["arcs"]
    return []


def land_path(topology):
    arcs = decode_arcs(topology)
    rings = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        if geometry.get("id") == ANTARCTICA:
            continue
        for polygon in polygons(geometry):
            for ring in polygon:
                for points in copies(unwrap(ring_points(ring, arcs))):
                    path = ring_path(points)
                    if path:
                        rings.append(path)
    return "".join(rings)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache", default=os.path.join(ROOT, "target", "basemap-sources"))
    args = parser.parse_args()
    topology = read_topology(download(args.cache))
    top = (90 - NORTH) * SCALE
    out = {
        "source": "world-atlas 2.0.2 countries-110m (Natural Earth 1:110m admin-0 countries)",
        "licence": "Natural Earth data: public domain; world-atlas: ISC",
        "scale": SCALE,
        "viewBox": [0, top, 360 * SCALE, (NORTH - SOUTH) * SCALE],
        "land": land_path(topology),
    }
    with open(OUT, "w", encoding="utf-8") as f:
        json.dump(out, f, separators=(",", ":"))
        f.write("\n")
    print(f"wrote {os.path.normpath(OUT)}: {os.path.getsize(OUT):,} bytes", file=sys.stderr)


if __name__ == "__main__":
    main()
