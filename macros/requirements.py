"""The pinned requirements for running the guide's code examples, derived from ``data/``.

Every library an example uses is installed at exactly the version the guide recommends, so
the tests check the advice as published. ``python -m macros.requirements`` prints the list.
"""

from __future__ import annotations

from macros.catalog import Catalog, load_catalog


def example_requirements(catalog: Catalog) -> list[str]:
    pins: dict[str, str] = {}
    for example in catalog.examples.values():
        for slug in example.libraries:
            library = catalog.libraries[slug]
            if library.package and library.recommended_version:
                extras = f"[{','.join(library.extras)}]" if library.extras else ""
                pins[library.package.lower()] = (
                    f"{library.package}{extras}=={library.recommended_version}"
                )
        for requirement in example.test_requires:
            pins.setdefault(requirement.lower(), requirement)
    return sorted(pins.values(), key=str.lower)


if __name__ == "__main__":
    print("\n".join(example_requirements(load_catalog())))
