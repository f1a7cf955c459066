"""The maps (`{% load maps %}`): a world map whose partner countries are links, shaded by their
number of projects with a legend, and a locator map for a country's page. Both are inline SVG
drawn on the server from taxonomy/data/world_map.json: light, escaped, and free of style
attributes and scripts, which the Content Security Policy would block."""

import json
import re
from html.parser import HTMLParser

import pytest
from django.template import Context, Template, TemplateSyntaxError

from taxonomy import world_map
from tests.factories import CountryFactory

#: The partner countries of the portal's demo.
DEMO_CODES = ["CD", "BJ", "SN", "GN", "BF", "BO", "PE", "KH", "BE", "RW", "BI", "MA", "VN"]
DEMO_COUNTS = [12, 5, 4, 2, 3, 1, 2, 1, 7, 3, 1, 2, 1]
KB = 1024


def entries(codes=DEMO_CODES, counts=DEMO_COUNTS) -> list[dict]:
    return [
        {"code": code, "name": f"Country {code}", "url": f"/en/countries/{code.lower()}/",
         "project_count": count}
        for code, count in zip(codes, counts, strict=True)
    ]  # fmt: skip


def render(source: str, **context) -> str:
    return Template("{% load maps %}" + source).render(Context(context))


class Elements(HTMLParser):
    """Every element of a fragment as (tag, attributes, enclosing link's attributes or None),
    and each link's <title> text."""

    def __init__(self, html: str):
        super().__init__()
        self.elements: list[tuple[str, dict, dict | None]] = []
        self.titles: dict[str, str] = {}
        self._link: dict | None = None
        self._in_title = False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.elements.append((tag, attributes, self._link))
        if tag == "a" and "aria-label" in attributes:
            self._link = attributes
        self._in_title = tag == "title"

    def handle_startendtag(self, tag, attrs):
        self.elements.append((tag, dict(attrs), self._link))

    def handle_endtag(self, tag):
        if tag == "a":
            self._link = None
        self._in_title = False

    def handle_data(self, data):
        if self._in_title and self._link is not None:
            self.titles[self._link["href"]] = data

    def all(self, tag: str, **attributes) -> list[dict]:
        return [
            found
            for name, found, _ in self.elements
            if name == tag and all(found.get(key) == value for key, value in attributes.items())
        ]

    def paths_in_links(self) -> list[tuple[dict, dict]]:
        return [(found, link) for name, found, link in self.elements if name == "path" and link]


# The data ------------------------------------------------------------------------------------


def test_the_data_file_is_small_and_says_where_it_comes_from():
    assert world_map.DATA.stat().st_size <= 60 * KB
    data = json.loads(world_map.DATA.read_text(encoding="utf-8"))
    assert "Natural Earth" in data["source"] and "Equal Earth" in data["source"]
    assert data["view_box"][:2] == [0, 0] and 900 <= data["view_box"][2] <= 1100


def test_every_partner_country_of_the_demo_has_a_shape_within_the_map():
    width, height = world_map.view_box()[2:]
    for code in DEMO_CODES:
        shape = world_map.shapes()[code]
        assert world_map.has_shape(code)
        assert re.fullmatch(r"(M[-\d. ]+l[-\d. ]+z)+", shape.d), code
        x0, y0, x1, y1 = shape.box
        assert 0 <= x0 < x1 <= width and 0 <= y0 < y1 <= height, code


def test_shapes_without_an_iso_code_are_background_only():
    unnamed = [key for key in world_map.shapes() if key.startswith("_")]
    assert unnamed  # Kosovo, Northern Cyprus, Somaliland
    assert not any(world_map.has_shape(key) for key in unnamed)
    assert "AQ" not in world_map.shapes()  # Antarctica is left out


# The shades ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("counts", "thresholds"),
    [
        ([], []),
        ([0, 0], []),
        ([1, 1, 1], [1]),
        ([1, 2], [1, 2]),
        ([1, 1, 1, 1, 1, 5], [1, 5]),
        ([5, 8, 12], [1, 5, 10]),
        ([1, 1, 1, 2, 2, 3, 4, 5, 6, 8, 12, 15], [1, 2, 5, 10]),
        ([100, 250, 40, 3], [1, 10, 100, 200]),
    ],
)
def test_the_thresholds_are_nice_numbers_from_1(counts, thresholds):
    assert world_map.shade_classes(counts) == thresholds


def test_at_most_four_classes_none_empty_but_the_first():
    for counts in ([*range(1, 40)], [1] * 30 + [2, 3, 80], [7] * 5 + [9, 40, 41, 300]):
        thresholds = world_map.shade_classes(counts)
        assert thresholds[0] == 1 and len(thresholds) <= 4
        assert thresholds == sorted(set(thresholds))
        used = {world_map.shade(count, thresholds) for count in counts}
        assert used >= set(range(2, len(thresholds) + 1))


def test_the_legend_reads_naturally():
    assert world_map.legend([1, 2, 5, 10], 12) == [
        (1, "1 project"),
        (2, "2\u20134 projects"),
        (3, "5\u20139 projects"),
        (4, "10 or more projects"),
    ]
    # The last class holds only the largest count: a number, not "or more".
    assert world_map.legend([1, 5], 5) == [(1, "1\u20134 projects"), (2, "5 projects")]


# The world map -------------------------------------------------------------------------------


def test_one_link_per_country_with_its_address_name_and_count():
    html = render("{% world_map entries %}", entries=entries())
    page = Elements(html)
    links = page.all("a")
    assert [link["href"] for link in links] == [f"/en/countries/{c.lower()}/" for c in DEMO_CODES]
    labels = {link["href"]: link["aria-label"] for link in links}
    assert labels["/en/countries/cd/"] == "Country CD: 12 projects"
    assert labels["/en/countries/bo/"] == "Country BO: 1 project"
    # The tooltip says the same.
    assert page.titles == labels
    # Each link holds the country's shape.
    assert len(page.paths_in_links()) == len(DEMO_CODES)


def test_entries_may_be_objects_named_in_the_pages_language():
    countries = [CountryFactory.build(code=code) for code in ("RW", "BI")]
    for country, count in zip(countries, (1, 4), strict=True):
        country.url = f"/fr/pays/{country.slug}/"
        country.project_count = count
    html = render("{% world_map countries %}", countries=countries)
    labels = [link["aria-label"] for link in Elements(html).all("a")]
    assert labels == ["Country RW: 1 project", "Country BI: 4 projects"]


def test_a_country_the_map_cannot_draw_is_left_out_silently():
    html = render(
        "{% world_map entries %}",
        entries=entries(["SG", "CD", "XK", "RW"], [3, 2, 1, 1]),  # Singapore: too small
    )
    assert [link["href"] for link in Elements(html).all("a")] == [
        "/en/countries/cd/",
        "/en/countries/rw/",
    ]


def test_no_country_to_draw_draws_nothing():
    assert render("{% world_map entries %}", entries=[]).strip() == ""
    assert render("{% world_map entries %}", entries=entries(["SG"], [3])).strip() == ""


def test_names_and_addresses_are_escaped():
    html = render(
        "{% world_map entries %}",
        entries=[
            {
                "code": "CD",
                "name": 'R.D. <Congo> & "Kinshasa"',
                "url": '/en/countries/cd/?a=1&b="2"',
                "project_count": 2,
            }
        ],
    )
    assert "<Congo>" not in html and '"Kinshasa"' not in html
    assert "R.D. &lt;Congo&gt; &amp; &quot;Kinshasa&quot;: 2 projects" in html
    assert 'href="/en/countries/cd/?a=1&amp;b=&quot;2&quot;"' in html
    link = Elements(html).all("a")[0]
    assert link["aria-label"] == 'R.D. <Congo> & "Kinshasa": 2 projects'


def test_the_shades_follow_the_thresholds():
    html = render("{% world_map entries %}", entries=entries())
    thresholds = world_map.shade_classes(DEMO_COUNTS)
    expected = {
        f"/en/countries/{code.lower()}/": f"map-shade-{world_map.shade(count, thresholds)}"
        for code, count in zip(DEMO_CODES, DEMO_COUNTS, strict=True)
    }
    shaded = {link["href"]: path["class"] for path, link in Elements(html).paths_in_links()}
    assert shaded == expected
    assert shaded["/en/countries/cd/"] == f"map-shade-{len(thresholds)}"  # the most projects
    assert shaded["/en/countries/bo/"] == "map-shade-1"


def test_a_country_without_projects_is_a_link_without_a_shade():
    html = render("{% world_map entries %}", entries=entries(["CD", "RW"], [0, 1]))
    shaded = {link["href"]: path["class"] for path, link in Elements(html).paths_in_links()}
    assert shaded == {"/en/countries/cd/": "map-shade-0", "/en/countries/rw/": "map-shade-1"}
    assert "Country CD: 0 projects" in html


def test_the_legend_has_one_item_per_class_with_a_hidden_swatch():
    html = render("{% world_map entries %}", entries=entries())
    legend = re.search(r'<ul class="map-legend"[^>]*>(.*?)</ul>', html, re.S).group(1)
    items = re.findall(r"<li>(.*?)</li>", legend, re.S)
    thresholds = world_map.shade_classes(DEMO_COUNTS)
    assert len(items) == len(thresholds) == 4
    for number, item in enumerate(items, start=1):
        assert f'<span class="map-legend__swatch map-shade-{number}" aria-hidden="true">' in item
    labels = [re.sub(r"<[^>]+>", "", item).strip() for item in items]
    assert labels == [label for _, label in world_map.legend(thresholds, max(DEMO_COUNTS))]
    assert labels[0] == "1 project"


def test_the_map_is_a_group_named_by_its_caption_with_ids_unique_per_page():
    html = render(
        '{% world_map entries %}{% world_map entries size="small" id_prefix="home-map" %}',
        entries=entries(),
    )
    page = Elements(html)
    svgs = page.all("svg")
    assert [svg["role"] for svg in svgs] == ["group", "group"]
    assert [svg["aria-labelledby"] for svg in svgs] == ["map-caption", "home-map-caption"]
    captions = page.all("figcaption")
    assert [caption["id"] for caption in captions] == ["map-caption", "home-map-caption"]
    assert [figure["class"] for figure in page.all("figure")] == [
        "world-map world-map--large",
        "world-map world-map--small",
    ]
    # The land says nothing the links do not.
    assert {g["aria-hidden"] for g in page.all("g", **{"class": "map-land"})} == {"true"}


def test_the_caption_and_the_legend_can_be_chosen():
    html = render('{% world_map entries caption="Where we work" legend=False %}', entries=entries())
    assert (
        '<figcaption id="map-caption" class="world-map__caption">Where we work</figcaption>' in html
    )
    assert "map-legend" not in html


def test_the_small_map_has_the_same_links_and_weighs_less():
    large = render("{% world_map entries %}", entries=entries())
    small = render('{% world_map entries size="small" %}', entries=entries())
    assert Elements(small).all("a") == Elements(large).all("a")
    assert len(small) < len(large)


def test_an_unknown_size_is_an_error():
    with pytest.raises(TemplateSyntaxError, match="size"):
        render('{% world_map entries size="huge" %}', entries=entries())


def test_the_large_map_weighs_under_70_kb():
    html = render("{% world_map entries %}", entries=entries())
    assert len(html.encode()) < 70 * KB


# The locator map ------------------------------------------------------------------------------


def test_a_locator_map_is_a_named_picture_highlighting_one_country():
    html = render("{% locator_map code name %}", code="RW", name="Rwanda")
    page = Elements(html)
    (svg,) = page.all("svg")
    assert svg["role"] == "img" and svg["aria-label"] == "Rwanda on the map"
    assert len(page.all("path", **{"class": "map-locator-target"})) == 1
    assert "<a " not in html
    assert len(html.encode()) < 12 * KB


def test_a_locator_map_shows_the_neighbours():
    """Rwanda's window reaches well into DR Congo: DR Congo's outline is drawn, cut to it."""
    html = render("{% locator_map code name %}", code="RW", name="Rwanda")
    x, y, width, height = (
        float(value) for value in Elements(html).all("svg")[0]["viewbox"].split()
    )
    assert width >= 0.18 * world_map.view_box()[2] - 1  # never zoomed in on Rwanda alone
    window = (x, y, x + width, y + height)
    congo = world_map.shapes()["CD"].box
    expected = (
        max(congo[0], window[0]),
        max(congo[1], window[1]),
        min(congo[2], window[2]),
        min(congo[3], window[3]),
    )
    assert expected[0] < expected[2] and expected[1] < expected[3]  # the boxes intersect
    boxes = [outline_box(path["d"]) for path in Elements(html).all("path") if "class" not in path]
    assert len(boxes) >= 8  # DR Congo, Uganda, Tanzania, Burundi, Kenya…
    assert any(all(abs(a - b) <= 3 for a, b in zip(box, expected, strict=True)) for box in boxes)


def outline_box(d: str) -> tuple[float, float, float, float]:
    """The bounding box of path data made of `M x y l dx dy … z` rings."""
    xs, ys = [], []
    for ring in re.findall(r"M[^M]+", d):
        values = [float(value) for value in re.findall(r"-?\d+(?:\.\d+)?", ring)]
        x, y = values[0], values[1]
        xs.append(x)
        ys.append(y)
        for dx, dy in zip(values[2::2], values[3::2], strict=True):
            x, y = x + dx, y + dy
            xs.append(x)
            ys.append(y)
    return (min(xs), min(ys), max(xs), max(ys))


def test_every_locator_map_of_the_demo_weighs_under_12_kb():
    for code in DEMO_CODES:
        html = render("{% locator_map code name %}", code=code, name="A name")
        assert 1 * KB < len(html.encode()) < 12 * KB, code


def test_a_locator_map_of_a_country_the_map_cannot_draw_is_nothing():
    assert render("{% locator_map code name %}", code="SG", name="Singapore") == ""
    assert render("{% locator_map code name %}", code="_1", name="Kosovo") == ""


def test_the_locator_map_escapes_the_name():
    html = render("{% locator_map code name %}", code="cd", name="<R.D.> Congo & co")
    assert 'aria-label="&lt;R.D.&gt; Congo &amp; co on the map"' in html


# The Content Security Policy -----------------------------------------------------------------


def test_no_style_attribute_and_no_script_in_any_map():
    html = render(
        '{% world_map entries %}{% world_map entries size="small" id_prefix="s" %}'
        "{% for code in codes %}{% locator_map code code %}{% endfor %}",
        entries=entries(),
        codes=DEMO_CODES,
    )
    assert "style=" not in html
    assert "<script" not in html.lower()
    assert "<style" not in html.lower()
