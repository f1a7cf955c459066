"""The SDGs' colours reach the pages through one class per goal, generated from the goals'
data: the stylesheet holds exactly the generated rules, and they read well (WCAG AA)."""

import re

import pytest
from django.core.management import CommandError, call_command

from taxonomy import colours
from taxonomy.models import SDG


def test_the_stylesheet_holds_the_classes_generated_from_the_goals_data():
    css = colours.STYLESHEET.read_text(encoding="utf-8")
    assert colours.rules(colours.goals()) in css
    call_command("sdg_colours", "--check")


def test_a_class_per_goal_with_its_official_colour_and_the_better_text_colour():
    block = colours.rules(colours.goals())
    classes = dict(
        re.findall(r"\.sdg-(\d+) \{ (--sdg-colour: #\w{6}; --sdg-text: #\w{6};) \}", block)
    )
    assert sorted(map(int, classes)) == list(range(1, 18))
    assert classes["1"] == "--sdg-colour: #E5243B; --sdg-text: #000000;"  # 4.65 beats 4.52
    assert classes["17"] == "--sdg-colour: #19486A; --sdg-text: #FFFFFF;"
    assert {colours.WHITE, colours.BLACK} == set(SDG.TextColour.values)


def test_the_check_fails_when_the_stylesheet_differs_from_the_data(tmp_path, monkeypatch):
    stale = tmp_path / "portal.css"
    stale.write_text(
        colours.STYLESHEET.read_text(encoding="utf-8").replace("#E5243B", "#000001"),
        encoding="utf-8",
    )
    monkeypatch.setattr(colours, "STYLESHEET", stale)
    with pytest.raises(CommandError, match="differ"):
        call_command("sdg_colours", "--check")
    call_command("sdg_colours")
    call_command("sdg_colours", "--check")
    assert "#E5243B" in stale.read_text(encoding="utf-8")
