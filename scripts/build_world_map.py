"""Build taxonomy/data/world_map.json, the countries' outlines the portal draws its maps from.

Run by hand, once, when the map's data should change; the portal reads only the JSON file at
run time, so neither the source data nor pycountry is one of its dependencies:

    cd /tmp && npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    python3 -m venv /tmp/mapbuild && /tmp/mapbuild/bin/pip install pycountry
    /tmp/mapbuild/bin/python scripts/build_world_map.py /tmp/package/countries-110m.json

The source is Natural Earth's 1:110m admin-0 boundaries (public domain) as packaged by
world-atlas 2.0.2 (ISC, Mike Bostock): TopoJSON, quantised, with delta-encoded arcs. The script
decodes the arcs in plain Python, drops Antarctica (nobody's partner, and the projection would
spend a fifth of the map's height on it), cuts the rings that cross the antimeridian (Fiji,
Russia's far east), projects with Equal Earth (areas are true, so no country looks more
important than it is) and writes, per country, a compact SVG path with relative coordinates.

Countries are keyed by their ISO 3166-1 alpha-2 code, the code the portal's countries carry.
Shapes with no ISO code (Kosovo, N. Cyprus, Somaliland in this edition) are kept as
background shapes under `_1`, `_2`…, so that the land has no holes.
"""

import argparse
import itertools
import json
import math
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "taxonomy" / "data" / "world_map.json"
SOURCE = (
    "Natural Earth 1:110m admin-0 countries (public domain) via world-atlas 2.0.2 (ISC); "
    "projection Equal Earth; built by scripts/build_world_map.py"
)
ANTARCTICA = "010"
#: Width of the view box, in map units: one unit is about a pixel on a desktop screen.
WIDTH = 1000
MARGIN = 2
#: Round to this many decimals: 0 keeps the file small; 1 draws small countries better.
DECIMALS = 0
#: A part of a country counts towards its main box if at least this share of its largest part.
MAIN_PART_SHARE = 0.25
#: Above this size the build fails: the file is read by every process and sent in every map.
MAXIMUM_BYTES = 60_000

# Equal Earth (Šavrič, Patterson and Jenny, 2018): closed-form, no tables.
A1, A2, A3, A4 = 1.340264, -0.081106, 0.000893, 0.003796
M = math.sqrt(3) / 2


def equal_earth(lon: float, lat: float) -> tuple[float, float]:
    """Project degrees to Equal Earth's plane (unit sphere; y grows northwards)."""
    lam, phi = math.radians(lon), math.radians(lat)
    theta = math.asin(M * math.sin(phi))
    t2 = theta * theta
    t6 = t2 * t2 * t2
    x = lam * math.cos(theta) / (M * (A1 + 3 * A2 * t2 + t6 * (7 * A3 + 9 * A4 * t2)))
    y = theta * (A1 + A2 * t2 + t6 * (A3 + A4 * t2))
    return x, y


def decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """The arcs in degrees: undo the delta encoding, then the quantisation."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring_points(indexes: list[int], arcs: list) -> list[tuple[float, float]]:
    """A ring from its arcs: a negative index ~i is arc i backwards; each arc starts where the
    previous one ends, so that shared point is kept once."""
    points = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc if not points else arc[1:])
    return points


def polygons(geometry: dict, arcs: list) -> list[list[list[tuple[float, float]]]]:
    """A geometry's polygons, each a list of rings (outer ring first, then its holes)."""
    if geometry["type"] == "Polygon":
        parts = [geometry["arcs"]]
    elif geometry["type"] == "MultiPolygon":
        parts = geometry["arcs"]
    else:
        return []
    return [[ring_points(ring, arcs) for ring in part] for part in parts]


def on_seam(point: tuple[float, float]) -> bool:
    return abs(point[0]) >= 180


def sided(ring: list[tuple[float, float]]) -> list[tuple[int, float, float]]:
    """Each point of a ring with the side of the antimeridian it belongs to (+1 east, -1 west).

    Natural Earth cuts its shapes at ±180°, but quantisation writes some of those points with
    the other sign, so a point on the seam takes the side of its neighbours: those before a
    change of sign along the seam the side of the point before, the others the side of the
    point after. A single seam point between two sides is kept on both."""
    count = len(ring)
    if not any(on_seam(p) for p in ring) or all(on_seam(p) for p in ring):
        return [(1, lon, lat) for lon, lat in ring]  # one side, whatever its longitudes
    # A ring that reaches the seam lies near it: the sign of a longitude tells its side (no
    # ring of this data set spans from the antimeridian across the Greenwich meridian).
    # Start on a point off the seam, so that no run of seam points wraps around the end.
    start = next(i for i, p in enumerate(ring) if not on_seam(p))
    ring = ring[start:] + ring[:start]
    result = []
    i = 0
    while i < count:
        if not on_seam(ring[i]):
            result.append((1 if ring[i][0] > 0 else -1, *ring[i]))
            i += 1
            continue
        j = i
        while j < count and on_seam(ring[j]):
            j += 1
        result.extend(_seam_run(ring[i:j], result[-1][0], 1 if ring[j % count][0] > 0 else -1))
        i = j
    return result


def _seam_run(run, before: int, after: int) -> list[tuple[int, float, float]]:
    if before == after:
        return [(before, 180.0 * before, lat) for _, lat in run]
    change = next((k for k in range(1, len(run)) if run[k][0] != run[k - 1][0]), None)
    if change is None:
        # One side ends and the other begins at the same point.
        change = len(run)
        run = [*run, run[-1]]
    return [
        (side, 180.0 * side, lat)
        for k, (_, lat) in enumerate(run)
        for side in [before if k < change else after]
    ]


def cut(ring: list[tuple[float, float]]) -> list[list[tuple[float, float]]]:
    """A ring split where it crosses the antimeridian: one ring per stretch on one side, each
    closed along the seam (right for the rings of this data set, which cross it twice; one
    crossing it four times would need its stretches on a side joined). A ring that does not
    cross comes back whole."""
    points = sided(ring)
    if len({side for side, _, _ in points}) == 1:
        return [[(lon, lat) for _, lon, lat in points]]
    first_change = next(k for k in range(1, len(points)) if points[k][0] != points[k - 1][0])
    points = points[first_change:] + points[:first_change]
    pieces, current = [], [points[0]]
    for point in points[1:]:
        if point[0] != current[-1][0]:
            pieces.append(current)
            current = []
        current.append(point)
    pieces.append(current)
    return [[(lon, lat) for _, lon, lat in piece] for piece in pieces if len(piece) >= 3]


def projected_shapes(topology: dict) -> list[tuple[str, str, list[list[list[tuple]]]]]:
    """(numeric id, name, polygons projected) for every shape but Antarctica's."""
    arcs = decode_arcs(topology)
    shapes = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        numeric = geometry.get("id", "")
        if numeric == ANTARCTICA:
            continue
        parts = []
        for polygon in polygons(geometry, arcs):
            for index, ring in enumerate(polygon):
                for piece in cut(ring):
                    projected = [equal_earth(lon, lat) for lon, lat in piece]
                    if index == 0:
                        parts.append([projected])
                    else:
                        # A hole (Lesotho in South Africa) stays with the part it belongs to.
                        parts[-1].append(projected)
        shapes.append((numeric, geometry.get("properties", {}).get("name", ""), parts))
    return shapes


def to_view_box(shapes: list) -> tuple[list, list[float]]:
    """The shapes scaled and moved into a view box WIDTH wide, y growing downwards as in SVG."""
    xs = [x for _, _, parts in shapes for part in parts for ring in part for x, _ in ring]
    ys = [y for _, _, parts in shapes for part in parts for ring in part for _, y in ring]
    scale = (WIDTH - 2 * MARGIN) / (max(xs) - min(xs))
    height = round((max(ys) - min(ys)) * scale + 2 * MARGIN)

    def place(point):
        return ((point[0] - min(xs)) * scale + MARGIN, (max(ys) - point[1]) * scale + MARGIN)

    placed = [
        (numeric, name, [[[place(p) for p in ring] for ring in part] for part in parts])
        for numeric, name, parts in shapes
    ]
    return placed, [0, 0, WIDTH, height]


def rounded(ring: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """The ring on the grid of DECIMALS, without repeated points or the closing point (`z`
    closes it). Absolute points are rounded before taking differences, so no error builds up
    along the ring and neighbours still share their borders exactly."""
    points = []
    for x, y in ring:
        point = (round(x, DECIMALS), round(y, DECIMALS))
        if not points or point != points[-1]:
            points.append(point)
    while len(points) > 1 and points[-1] == points[0]:
        points.pop()
    return points


def area(ring: list[tuple[float, float]]) -> float:
    """Absolute area (shoelace): a ring rounded down to a line or a point has none."""
    twice = sum(
        x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True)
    )
    return abs(twice) / 2


def number(value: float) -> str:
    """Shortest form: `3`, `-2`, `1.5`, `-.5`."""
    text = f"{value:.{DECIMALS}f}" if DECIMALS else str(int(value))
    if "." in text:
        text = text.rstrip("0").rstrip(".")
        text = text.replace("0.", ".", 1) if text.lstrip("-").startswith("0.") else text
    return "0" if text in ("", "-0", "-") else text


def numbers(values: list[float]) -> str:
    """Numbers joined as SVG allows: a minus sign separates as well as a space does."""
    text = ""
    for value in values:
        item = number(value)
        text += item if not text or item.startswith("-") else " " + item
    return text


def path(parts: list[list[list[tuple]]]) -> tuple[str, list[list[tuple]]]:
    """The SVG path data of a country (`M x y l dx dy … z` per ring), and its rings kept."""
    d, kept = "", []
    for part in parts:
        for ring in part:
            points = rounded(ring)
            if len(points) < 3 or area(points) == 0:
                continue  # collapsed at this precision
            kept.append(points)
            d += "M" + numbers(list(points[0])) + "l" + numbers(moves(points)) + "z"
    return d, kept


def moves(points: list[tuple[float, float]]) -> list[float]:
    """The moves from point to point, one move where several go on in the same direction:
    rounding lines up points that were not, and "1 0 1 0" draws the same as "2 0"."""
    result: list[list[float]] = []
    for (x0, y0), (x1, y1) in itertools.pairwise(points):
        dx, dy = round(x1 - x0, DECIMALS), round(y1 - y0, DECIMALS)
        last = result[-1] if result else None
        if last and last[0] * dy == last[1] * dx and last[0] * dx + last[1] * dy > 0:
            last[0], last[1] = round(last[0] + dx, DECIMALS), round(last[1] + dy, DECIMALS)
        else:
            result.append([dx, dy])
    return [value for move in result for value in move]


def box(rings: list[list[tuple]]) -> list[float]:
    xs = [x for ring in rings for x, _ in ring]
    ys = [y for ring in rings for _, y in ring]
    return [min(xs), min(ys), max(xs), max(ys)]


def main_box(rings: list[list[tuple]]) -> list[float]:
    """The box of a country's main parts: those at least MAIN_PART_SHARE of its largest one.
    France's is metropolitan France, not a box from French Guiana to the Alps, and Fiji's
    does not span the map from one side of the antimeridian to the other. Holes count as
    parts here, harmlessly: a hole lies within its outer ring."""
    largest = max(area(ring) for ring in rings)
    return box([ring for ring in rings if area(ring) >= MAIN_PART_SHARE * largest])


def alpha_2(numeric: str) -> str | None:
    import pycountry  # only the build needs it

    country = pycountry.countries.get(numeric=numeric) if numeric else None
    return country.alpha_2 if country else None


def countries(shapes: list) -> dict[str, dict]:
    """Each shape under its alpha-2 code (or `_1`, `_2`… without one), sorted by key."""
    result, unnamed = {}, 0
    for numeric, name, parts in sorted(shapes, key=lambda shape: (shape[0] == "", shape[1])):
        d, rings = path(parts)
        if not rings:
            continue
        code = alpha_2(numeric)
        if code is None:
            unnamed += 1
            code = f"_{unnamed}"
            print(f"No ISO code for {name!r} ({numeric or 'no id'}): kept as {code}.")
        entry = {"d": d, "box": [_plain(v) for v in box(rings)]}
        main = [_plain(v) for v in main_box(rings)]
        if main != entry["box"]:
            entry["main"] = main
        result[code] = entry
    return dict(sorted(result.items()))


def _plain(value: float) -> int | float:
    return int(value) if float(value).is_integer() else round(value, DECIMALS)


def build(source: Path) -> dict:
    topology = json.loads(source.read_text(encoding="utf-8"))
    shapes, view_box = to_view_box(projected_shapes(topology))
    return {"source": SOURCE, "view_box": view_box, "countries": countries(shapes)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("source", type=Path, help="world-atlas 2.0.2's countries-110m.json")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    arguments = parser.parse_args()
    data = build(arguments.source)
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"
    size = len(text.encode("utf-8"))
    print(f"{len(data['countries'])} shapes, view box {data['view_box']}, {size:,} bytes.")
    if size > MAXIMUM_BYTES:
        print(f"Over {MAXIMUM_BYTES:,} bytes: lower DECIMALS.", file=sys.stderr)
        return 1
    arguments.output.parent.mkdir(parents=True, exist_ok=True)
    arguments.output.write_text(text, encoding="utf-8")
    print(f"Wrote {arguments.output}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
