"""The world map of the countries index and the home page, and the locator map of a country's
page: inline SVG drawn on the server from `taxonomy/data/world_map.json` (built once by
`scripts/build_world_map.py`), so that no page needs JavaScript, map tiles or a CDN.

Colours come from classes (`map-land`, `map-shade-1`…`map-shade-4`, `map-locator-target`)
styled in static/css/portal.css: the Content Security Policy forbids style attributes.

The outlines are the same on every page, so what can be is made once per process: the data is
read once, the background of a map once per set of linked countries, a locator map once per
country. Only the links (their addresses and names, in the page's language) are drawn per
call, and they are escaped as they are drawn.

Taxonomy layer: imports Django and nothing of the apps above.
"""

import bisect
import functools
import itertools
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, ngettext

DATA = Path(__file__).resolve().parent / "data" / "world_map.json"

#: At most this many shades, as many as the legend can show at a glance.
MAXIMUM_CLASSES = 4
#: The locator map is about this many map units wide at the least (18 % of the world): Rwanda
#: or Burundi alone would fill the frame and tell nothing of where they are.
LOCATOR_MINIMUM_WIDTH = 180
#: The country takes at most 40 % of the locator's width or height…
LOCATOR_ZOOM_OUT = 2.5
#: …but the window is never wider than this, Russia's included: the rest of the world would
#: only make the country smaller and the page heavier.
LOCATOR_MAXIMUM_WIDTH = 600
LOCATOR_ASPECT = 4 / 3
#: A locator map is drawn on a grid of at most this many steps across: it is displayed about
#: 20rem wide, so a wider window (DR Congo's, Brazil's) is drawn on a grid coarser than the
#: data's, which keeps the page light without any visible loss.
LOCATOR_RESOLUTION = 180
#: Bytes of path data a locator map may weigh (its markup adds about 200).
LOCATOR_BUDGET = 11_000
#: The countries around the one a locator map shows, and the land of the small world map, keep
#: only points this many grid steps apart: they are the background, seen at a glance.
BACKGROUND_SPACING = 2
#: The small world map is displayed at about half the size of the large one: its background
#: is drawn on a grid twice as coarse, which makes the home page lighter.
BACKGROUND_STEP = {"large": 1, "small": 2}

NUMBER = re.compile(r"-?(?:\d+\.?\d*|\.\d+)")


@dataclass(frozen=True)
class Ring:
    """A closed ring of a country's outline: its path data (`M x y l dx dy … z`), its points
    in map units and its bounding box."""

    d: str
    points: tuple[tuple[float, float], ...]
    box: tuple[float, float, float, float]


@dataclass(frozen=True)
class Shape:
    """A country's outline as the data file gives it: key (ISO alpha-2, or `_1`… for shapes
    without one), path data, bounding box, the box of its main parts, and its rings."""

    key: str
    d: str
    box: tuple[float, float, float, float]
    main: tuple[float, float, float, float]
    rings: tuple[Ring, ...]


@dataclass(frozen=True)
class Link:
    """A country drawn as a link on the world map, with what its link says and its shade."""

    code: str
    url: str
    label: str
    shade: int
    count: int


@functools.cache
def data() -> dict:
    """The data file, read once per process."""
    return json.loads(DATA.read_text(encoding="utf-8"))


@functools.cache
def shapes() -> dict[str, Shape]:
    """Every shape of the data file, with its rings parsed (to crop a locator map to them)."""
    return {key: _shape(key, entry) for key, entry in data()["countries"].items()}


def view_box() -> tuple[float, ...]:
    return tuple(data()["view_box"])


def has_shape(code: str) -> bool:
    """Whether the map can draw the country of this ISO alpha-2 code (small islands cannot:
    Natural Earth's 1:110m scale leaves them out)."""
    return not code.startswith("_") and code in shapes()


def _shape(key: str, entry: dict) -> Shape:
    rings = tuple(_ring("M" + text) for text in entry["d"].split("M") if text)
    box = tuple(entry["box"])
    return Shape(key, entry["d"], box, tuple(entry.get("main", box)), rings)


def _ring(d: str) -> Ring:
    """A ring from its path data: the first pair is absolute, the others relative."""
    values = [float(value) for value in NUMBER.findall(d)]
    x, y = values[0], values[1]
    points = [(x, y)]
    for dx, dy in zip(values[2::2], values[3::2], strict=True):
        x, y = x + dx, y + dy
        points.append((x, y))
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    return Ring(d, tuple(points), (min(xs), min(ys), max(xs), max(ys)))


# Shades --------------------------------------------------------------------------------------


def nice_numbers(up_to: int) -> list[int]:
    """Thresholds a reader takes in at a glance: 2 to 5, then 10, 20, 30, 50, 100, 200…"""
    numbers = [n for n in (2, 3, 4, 5) if n <= up_to]
    magnitude = 10
    while magnitude <= up_to:
        numbers += [
            n for n in (magnitude, 2 * magnitude, 3 * magnitude, 5 * magnitude) if n <= up_to
        ]
        magnitude *= 10
    return numbers


def shade_classes(counts: list[int]) -> list[int]:
    """The lower bounds of the shades for these project counts, the first always 1: e.g.
    [1, 2, 5, 10] for "1 project", "2-4", "5-9", "10 or more".

    Among the nice thresholds up to the largest count, the set of at most three that spreads
    the countries most evenly over the classes, with no class empty but the first (an empty
    class would be a legend entry matching nothing on the map; the first stays, so that the
    scale reads from 1); with few distinct counts, fewer classes. Ties go to the rounder
    thresholds (10, then 5, 2, 3, 4), then to the higher ("1-4, 5-9" rather than "1, 2-9").
    Counts below 1 have no shade and take no part. Empty if no count is positive."""
    counts = sorted(count for count in counts if count >= 1)
    if not counts:
        return []
    candidates = nice_numbers(counts[-1])
    for size in range(min(MAXIMUM_CLASSES - 1, len(candidates)), 0, -1):
        scored = [
            (unevenness, sum(map(_roughness, breaks)), [-threshold for threshold in breaks], breaks)
            for breaks in itertools.combinations(candidates, size)
            if (unevenness := _unevenness(counts, [1, *breaks])) is not None
        ]
        if scored:
            return [1, *min(scored)[-1]]
    return [1]


def _roughness(number: int) -> int:
    """How far from round a nice number reads: 0 for 10, 100…, then 5, 2, 3 and 4."""
    while number >= 10 and number % 10 == 0:
        number //= 10
    return {1: 0, 5: 1, 2: 2, 3: 3, 4: 4}[number]


def _unevenness(counts: list[int], thresholds: list[int]) -> int | None:
    """Sum of the squared sizes of the classes (lowest when even); None if a class but the
    first is empty."""
    bounds = [bisect.bisect_left(counts, threshold) for threshold in thresholds] + [len(counts)]
    sizes = [high - low for low, high in itertools.pairwise(bounds)]
    return None if 0 in sizes[1:] else sum(size * size for size in sizes)


def shade(count: int, thresholds: list[int]) -> int:
    """The class of a count: 1 for the lowest, 0 for a count below 1 (no shade)."""
    return bisect.bisect_right(thresholds, count)


def legend(thresholds: list[int], largest: int) -> list[tuple[int, str]]:
    """(class, label) for each class: "1 project", "2-4 projects", "10 or more projects"; the
    last class reads as a single number when it holds only the largest count."""
    items = []
    for index, low in enumerate(thresholds):
        high = thresholds[index + 1] - 1 if index + 1 < len(thresholds) else None
        if high is None and low >= largest:
            high = low
        items.append((index + 1, _range_label(low, high)))
    return items


def _range_label(low: int, high: int | None) -> str:
    if high is None:
        return gettext("%(count)s or more projects") % {"count": low}
    if high == low:
        return ngettext("%(count)s project", "%(count)s projects", low) % {"count": low}
    return ngettext("%(low)s–%(high)s project", "%(low)s–%(high)s projects", high) % {  # noqa: RUF001 (the range's en dash)
        "low": low,
        "high": high,
    }


def link_label(name: str, count: int) -> str:
    """What a country's link says (its accessible name and its tooltip): name and count."""
    return ngettext("%(name)s: %(count)s project", "%(name)s: %(count)s projects", count) % {
        "name": name,
        "count": count,
    }


# The world map ------------------------------------------------------------------------------


def field(entry, name: str):
    """A field of an entry, whether the entry is a mapping or an object."""
    return entry[name] if isinstance(entry, Mapping) else getattr(entry, name)


def links(entries: Iterable) -> tuple[list[Link], list[int]]:
    """The links to draw for these entries (those the map has a shape for, each country once)
    and the shade thresholds, computed from the counts of the countries drawn."""
    drawable = {}
    for entry in entries:
        code = str(field(entry, "code")).upper()
        if has_shape(code) and code not in drawable:
            drawable[code] = entry
    counts = [int(field(entry, "project_count")) for entry in drawable.values()]
    thresholds = shade_classes(counts)
    drawn = [
        Link(
            code=code,
            url=str(field(entry, "url")),
            label=link_label(str(field(entry, "name")), count),
            shade=shade(count, thresholds),
            count=count,
        )
        for (code, entry), count in zip(drawable.items(), counts, strict=True)
    ]
    return drawn, thresholds


def world_svg(drawn: list[Link], size: str, labelled_by: str) -> SafeString:
    """The map's <svg>: the land (hidden from assistive technology: it says nothing the links
    do not), then each linked country, drawn last so that its focus ring lies on top."""
    box = " ".join(_number(value) for value in view_box())
    step = BACKGROUND_STEP[size]
    background = _background(frozenset(link.code for link in drawn), step)
    return format_html(
        '<svg class="world-map__svg" viewBox="{}" role="group" aria-labelledby="{}">'
        '<g class="map-land" aria-hidden="true"{}>{}</g><g class="map-links">{}</g></svg>',
        box,
        labelled_by,
        format_html(' transform="scale({})"', step) if step > 1 else "",
        background,
        format_html_join(
            "",
            '<a href="{}" aria-label="{}"><title>{}</title><path class="map-shade-{}" d="{}"/></a>',
            (
                (link.url, link.label, link.label, link.shade, shapes()[link.code].d)
                for link in drawn
            ),
        ),
    )


@functools.lru_cache(maxsize=32)
def _background(linked: frozenset[str], step: int) -> SafeString:
    """The paths of every shape but the linked ones (drawn as links instead), made once per
    set of linked countries and grid step (in steps: the group is scaled back). The path data
    is ours, digits and letters only."""
    paths = (
        shape.d if step == 1 else _path_data(shape.rings, step, BACKGROUND_SPACING)
        for key, shape in shapes().items()
        if key not in linked
    )
    return mark_safe("".join(f'<path d="{d}"/>' for d in paths if d))


# The locator map ----------------------------------------------------------------------------


def locator_svg(code: str, name: str) -> SafeString:
    """A small map of the region around a country, the country highlighted; empty if the map
    has no shape for it."""
    drawing = _locator_drawing(code)
    if drawing is None:
        return mark_safe("")
    window, background, target = drawing
    return format_html(
        '<svg class="locator-map" viewBox="{}" role="img" aria-label="{}">'
        '<g class="map-land">{}</g><path class="map-locator-target" d="{}"/></svg>',
        window,
        gettext("%(name)s on the map") % {"name": name},
        background,
        target,
    )


@functools.lru_cache(maxsize=512)
def _locator_drawing(code: str) -> tuple[str, SafeString, str] | None:
    """The view box, background paths and target's path of a country's locator map, once per
    country: on a grid of LOCATOR_RESOLUTION steps across, coarser while the drawing is over
    LOCATOR_BUDGET (the windows around the largest countries hold half the world's borders)."""
    if not has_shape(code):
        return None
    window = locator_window(shapes()[code].main)
    step = max(1, window[2] / LOCATOR_RESOLUTION)
    drawing = _locator_paths(code, window, step)
    while sum(len(part) for part in drawing) > LOCATOR_BUDGET:
        step *= 1.1
        drawing = _locator_paths(code, window, step)
    return drawing


def _locator_paths(code: str, window: tuple, step: float) -> tuple[str, SafeString, str]:
    """The locator map's parts on a grid of `step` map units, the rings cut to the window:
    what lies outside would only weigh on the page."""
    # Cut a little outside the window, so that the cut edges, drawn as borders, are not seen.
    margin = 2 * step
    frame = (
        window[0] - margin,
        window[1] - margin,
        window[0] + window[2] + margin,
        window[1] + window[3] + margin,
    )
    paths = []
    for key, shape in shapes().items():
        if key != code and _overlap(shape.box, frame):
            d = _cropped(shape, frame, step, BACKGROUND_SPACING)
            if d:
                paths.append(f'<path d="{d}"/>')
    # The view box counts in grid steps, as the path data does.
    return (
        " ".join(_number(round(value / step, 2)) for value in window),
        mark_safe("".join(paths)),  # our own path data: digits and letters
        _cropped(shapes()[code], frame, step, 1),
    )


def _cropped(shape: Shape, frame: tuple, step: float, spacing: int) -> str:
    """A shape's path data within the frame: the rings inside whole, those across its edge
    cut to it, those outside left out."""
    rings = []
    for ring in shape.rings:
        if _inside(ring.box, frame):
            rings.append(ring.points)
        elif _overlap(ring.box, frame):
            rings.append(_clip(list(ring.points), frame))
    return "".join(_steps(points, step, spacing) for points in rings)


def locator_window(box: tuple[float, ...]) -> tuple[float, float, float, float]:
    """(x, y, width, height) of the window around a box: centred on it, LOCATOR_ZOOM_OUT times
    its size within LOCATOR_MINIMUM_WIDTH and LOCATOR_MAXIMUM_WIDTH (wider only for a box that
    would not fit), of a constant shape so that every country page lays out alike, and moved
    inside the world where it would overhang it."""
    x0, y0, x1, y1 = box
    width = max(
        (x1 - x0) * LOCATOR_ZOOM_OUT,
        (y1 - y0) * LOCATOR_ZOOM_OUT * LOCATOR_ASPECT,
        LOCATOR_MINIMUM_WIDTH,
    )
    width = min(width, max(LOCATOR_MAXIMUM_WIDTH, (x1 - x0) * 1.2))
    height = width / LOCATOR_ASPECT
    world = view_box()
    x = _within((x0 + x1 - width) / 2, world[0], world[2], width)
    y = _within((y0 + y1 - height) / 2, world[1], world[3], height)
    return (round(x), round(y), round(width), round(height))


def _within(start: float, low: float, length: float, size: float) -> float:
    """`start` moved so that [start, start + size] lies in [low, low + length], or centred
    on it if it is the longer."""
    if size >= length:
        return low + (length - size) / 2
    return min(max(start, low), low + length - size)


def _overlap(box, frame) -> bool:
    return box[0] <= frame[2] and frame[0] <= box[2] and box[1] <= frame[3] and frame[1] <= box[3]


def _inside(box, frame) -> bool:
    return frame[0] <= box[0] and box[2] <= frame[2] and frame[1] <= box[1] and box[3] <= frame[3]


def _clip(points: list[tuple[float, float]], frame: tuple) -> list[tuple[float, float]]:
    """A ring cut to a rectangle (Sutherland and Hodgman): a ring that leaves the rectangle and
    comes back gets an edge along the rectangle's side, which lies outside the view."""
    x0, y0, x1, y1 = frame
    sides = (
        (lambda p: p[0] >= x0, lambda p, q: _at_x(p, q, x0)),
        (lambda p: p[0] <= x1, lambda p, q: _at_x(p, q, x1)),
        (lambda p: p[1] >= y0, lambda p, q: _at_y(p, q, y0)),
        (lambda p: p[1] <= y1, lambda p, q: _at_y(p, q, y1)),
    )
    for keeps, crossing in sides:
        if not points:
            break
        kept = []
        for previous, point in zip(points[-1:] + points[:-1], points, strict=True):
            if keeps(point):
                if not keeps(previous):
                    kept.append(crossing(previous, point))
                kept.append(point)
            elif keeps(previous):
                kept.append(crossing(previous, point))
        points = kept
    return points


def _at_x(p, q, x):
    return (x, p[1] + (q[1] - p[1]) * (x - p[0]) / (q[0] - p[0]))


def _at_y(p, q, y):
    return (p[0] + (q[0] - p[0]) * (y - p[1]) / (q[1] - p[1]), y)


# Path data ----------------------------------------------------------------------------------


def _path_data(rings: Iterable[Ring], step: float, spacing: int) -> str:
    return "".join(_steps(ring.points, step, spacing) for ring in rings)


def _steps(points, step: float, spacing: int) -> str:
    """A ring's path data on a grid of `step` map units, counted in steps (so the numbers stay
    short), keeping only points at least `spacing` steps from the one kept before (one: those
    that fall together go; two: the background loses details too small to see, and a coast
    does not turn into a staircase); empty if the ring shrinks to nothing."""
    snapped = []
    for x, y in points:
        point = (round(x / step), round(y / step))
        if not snapped or _apart(point, snapped[-1], spacing):
            snapped.append(point)
    while len(snapped) > 1 and snapped[-1] == snapped[0]:
        snapped.pop()
    if len(snapped) < 3 or _twice_area(snapped) == 0:
        return ""
    return f"M{_numbers(snapped[0])}l{_numbers(_straightened(snapped))}z"


def _apart(a, b, cells) -> bool:
    return max(abs(a[0] - b[0]), abs(a[1] - b[1])) >= cells


def _straightened(points: list[tuple[int, int]]) -> list[int]:
    """The moves from point to point, one move where several go on in the same direction: on
    a grid, a coast runs in steps of "1 0 1 0 1 0", which draw the same as "3 0"."""
    moves: list[list[int]] = []
    for (x0, y0), (x1, y1) in itertools.pairwise(points):
        dx, dy = x1 - x0, y1 - y0
        if moves and _same_direction(moves[-1], (dx, dy)):
            moves[-1][0] += dx
            moves[-1][1] += dy
        else:
            moves.append([dx, dy])
    return [value for move in moves for value in move]


def _same_direction(a, b) -> bool:
    return a[0] * b[1] == a[1] * b[0] and a[0] * b[0] + a[1] * b[1] > 0


def _twice_area(points: list[tuple[int, int]]) -> int:
    return sum(
        x0 * y1 - x1 * y0
        for (x0, y0), (x1, y1) in zip(points, points[1:] + points[:1], strict=True)
    )


def _numbers(values) -> str:
    """Integers joined as SVG allows: a minus sign separates as well as a space does."""
    text = ""
    for value in values:
        item = _number(value)
        text += item if not text or item.startswith("-") else " " + item
    return text


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"
