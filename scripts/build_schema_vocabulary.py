"""Build tests/data/schema_org_vocabulary.json, the schema.org vocabulary the tests check the
portal's JSON-LD against (tests/open_data/test_structured_data.py).

Run by hand, once, when the vocabulary should follow a newer schema.org release; the tests read
only the JSON file, so a fresh clone needs neither npm nor the network:

    cd /tmp && npm install schema-dts@2.1.0
    python3 scripts/build_schema_vocabulary.py /tmp/node_modules/schema-dts/dist/schema.d.ts

The source is schema-dts (Apache-2.0, Google), TypeScript declarations generated from the
schema.org vocabulary (CC BY-SA 3.0). Its declarations follow a few fixed shapes, which this
script reads with regular expressions:

- `interface FooBase extends BarBase, BazBase { "prop"?: SchemaValue<Range | …, "prop">; … }`:
  the properties a type declares itself (`Foo`), with their ranges;
- `export interface FooLeaf extends FooBase { "@type": "Foo"; }` (or, for the roles,
  `export type FooLeaf<…> = Omit<FooBase, TProperty> & { "@type": "Foo"; …`): the type's name
  as JSON-LD writes it, and whether it declares properties of its own (its leaf extends its own
  base) or only inherits them (its leaf extends an ancestor's base);
- `export type Foo = FooLeaf | SubType | … | "https://schema.org/Member" | … | string;`: the
  type's direct subtypes, and for an enumeration its members.

The hierarchy comes from the unions (schema-dts leaves a type with no property of its own, such
as `Project`, out of the `extends` chain: `ResearchProjectLeaf extends OrganizationBase`), the
properties from the bases. Only schema.org's own types are kept, not the external vocabularies
schema-dts also declares (`http://purl.org/…`, `https://spec.edmcouncil.org/…`).

The JSON holds, sorted for stable diffs:

- `types`: {type: {"parents": [direct supertypes], "properties": [properties it declares]}};
- `ranges`: {property: [types its values may have]} (data types such as Text included);
- `enumerations`: {enumeration type: [member names, e.g. "EventScheduled"]};
- `source`: where it comes from.
"""

import argparse
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "tests" / "data" / "schema_org_vocabulary.json"
SCHEMA = "https://schema.org/"

BASE = re.compile(r"^(?:export )?interface (\w+)Base extends ([^{]+?) \{$")
LEAF = re.compile(r"^export interface (\w+)Leaf extends (\w+)Base \{$")
GENERIC_LEAF = re.compile(r"^export type (\w+)Leaf<[^=]*> = Omit<(\w+)Base, TProperty> & \{$")
TYPE_NAME = re.compile(r'^\s+"@type": "([^"]+)";$')
PROPERTY = re.compile(r'^\s+"([^"@]+)"\??: SchemaValue<(.*), "\1">;$')
UNION = re.compile(r"^export type (\w+)(?:<.*?>)? = (.+);$")
GENERIC_ARGUMENTS = re.compile(r"<[^<>]*>")


def read_declarations(lines: list[str]) -> dict:
    """The bases, leaves and unions of schema-dts's declarations, by identifier."""
    bases: dict[str, dict] = {}  # identifier -> {"parents": [identifiers], "properties": {…}}
    leaves: dict[str, tuple[str, str]] = {}  # identifier -> (@type, identifier of its base)
    unions: dict[str, list[str]] = {}  # identifier -> its members, as written
    current_base = None
    pending_leaf = None
    for line in lines:
        if current_base is not None:
            if line == "}":
                current_base = None
            elif match := PROPERTY.match(line):
                name, value_range = match.groups()
                bases[current_base]["properties"][name] = [
                    member.strip()
                    for member in GENERIC_ARGUMENTS.sub("", value_range).split("|")
                    if member.strip() not in {"IdReference", ""}
                ]
            continue
        if pending_leaf is not None:
            if match := TYPE_NAME.match(line):
                identifier, base = pending_leaf
                leaves[identifier] = (match.group(1), base)
            pending_leaf = None
            continue
        if match := BASE.match(line):
            identifier, parents = match.groups()
            current_base = identifier
            bases[identifier] = {
                "parents": [
                    parent.strip().removesuffix("Base")
                    for parent in parents.split(",")
                    if parent.strip().endswith("Base")
                ],
                "properties": {},
            }
        elif match := LEAF.match(line) or GENERIC_LEAF.match(line):
            pending_leaf = match.groups()
        elif match := UNION.match(line):
            identifier, members = match.groups()
            unions[identifier] = [
                member.strip() for member in GENERIC_ARGUMENTS.sub("", members).split("|")
            ]
    return {"bases": bases, "leaves": leaves, "unions": unions}


def vocabulary(declarations: dict) -> dict:
    bases, leaves, unions = (declarations[key] for key in ("bases", "leaves", "unions"))
    # schema.org's own types only: their JSON-LD name is a bare word, not an address.
    names = {identifier: name for identifier, (name, _base) in leaves.items() if "://" not in name}
    types = {name: {"parents": set(), "properties": set()} for name in names.values()}
    ranges: dict[str, set[str]] = {}
    enumerations: dict[str, set[str]] = {}
    for identifier, name in names.items():
        base = leaves[identifier][1]
        if base == identifier:  # it declares properties of its own
            for prop, value_range in bases[base]["properties"].items():
                types[name]["properties"].add(prop)
                ranges.setdefault(prop, set()).update(
                    names.get(member, member) for member in value_range
                )
        for member in unions.get(identifier, []):
            if member.startswith(f'"{SCHEMA}'):
                enumerations.setdefault(name, set()).add(member.strip('"').removeprefix(SCHEMA))
            elif member in names and member != identifier:
                types[names[member]]["parents"].add(name)
    check_against_bases(types, names, leaves, bases)
    return {
        "types": {
            name: {"parents": sorted(entry["parents"]), "properties": sorted(entry["properties"])}
            for name, entry in sorted(types.items())
        },
        "ranges": {prop: sorted(members) for prop, members in sorted(ranges.items())},
        "enumerations": {name: sorted(members) for name, members in sorted(enumerations.items())},
    }


def check_against_bases(types: dict, names: dict, leaves: dict, bases: dict) -> None:
    """Every type inherits through the unions exactly the properties its base chain gives it:
    the two readings of the declarations agree, or the script stops."""

    def by_hierarchy(name: str) -> set[str]:
        entry = types[name]
        return entry["properties"].union(*(by_hierarchy(parent) for parent in entry["parents"]))

    def by_bases(base: str) -> set[str]:
        entry = bases[base]
        inherited = (by_bases(parent) for parent in entry["parents"] if parent in bases)
        return set(entry["properties"]).union(*inherited)

    differing = [
        name
        for identifier, name in names.items()
        if by_hierarchy(name) != by_bases(leaves[identifier][1])
    ]
    if differing:
        sys.exit(f"The hierarchy and the bases disagree on: {', '.join(sorted(differing))}")


def one_entry_a_line(data: dict) -> str:
    """The JSON with each type, property and enumeration on a line of its own: small enough
    to vendor, readable in a diff."""
    sections = []
    for key, section in data.items():
        entries = ",\n".join(
            f"  {json.dumps(name)}: {json.dumps(value, ensure_ascii=False)}"
            for name, value in section.items()
        )
        sections.append(f" {json.dumps(key)}: {{\n{entries}\n }}")
    return "{\n" + ",\n".join(sections) + "\n}\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("declarations", type=Path, help="schema-dts's dist/schema.d.ts")
    parser.add_argument("--version", default=None, help="schema-dts's version (else read)")
    arguments = parser.parse_args()
    package = json.loads((arguments.declarations.parent.parent / "package.json").read_text())
    version = arguments.version or package["version"]
    data = vocabulary(read_declarations(arguments.declarations.read_text().splitlines()))
    data = {
        "source": {
            "package": f"schema-dts@{version}",
            "package_licence": package.get("license", "Apache-2.0"),
            "vocabulary": "schema.org",
            "vocabulary_licence": "CC BY-SA 3.0",
            "built_by": "scripts/build_schema_vocabulary.py",
        },
        **data,
    }
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    OUTPUT.write_text(one_entry_a_line(data))
    print(
        f"{OUTPUT.relative_to(ROOT)}: {len(data['types'])} types, {len(data['ranges'])} "
        f"properties, {len(data['enumerations'])} enumerations"
    )


if __name__ == "__main__":
    main()
