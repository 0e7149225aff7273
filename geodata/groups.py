"""Named groups of regions the statistics report on (the annexed regions, Crimea, Ukraine)."""

from __future__ import annotations

from dataclasses import dataclass

from geodata.errors import UnknownRegionError


@dataclass(frozen=True)
class RegionGroup:
    """A named set of first-level units, identified by a short id such as ``annexed-2022``."""

    id: str
    name: str
    codes: tuple[str, ...]
    name_uk: str = ""

    def title(self, language: str = "en") -> str:
        """The group's name in ``language`` (English when there is no Ukrainian one)."""
        return self.name_uk if language == "uk" and self.name_uk else self.name


ANNEXED_2022 = RegionGroup(
    "annexed-2022",
    "Four regions annexed in 2022",
    ("UA-14", "UA-09", "UA-23", "UA-65"),  # Donetsk, Luhansk, Zaporizhzhia, Kherson
    "Чотири області, анексовані 2022 року",
)
CRIMEA_2014 = RegionGroup(
    "crimea-2014",
    "Crimea and Sevastopol (annexed 2014)",
    ("UA-43", "UA-40"),
    "Крим і Севастополь (анексовані 2014 року)",
)
UKRAINE = RegionGroup(
    "ukraine",
    "All of Ukraine",
    (
        "UA-05", "UA-07", "UA-09", "UA-12", "UA-14", "UA-18", "UA-21", "UA-23", "UA-26",
        "UA-30", "UA-32", "UA-35", "UA-40", "UA-43", "UA-46", "UA-48", "UA-51", "UA-53",
        "UA-56", "UA-59", "UA-61", "UA-63", "UA-65", "UA-68", "UA-71", "UA-74", "UA-77",
    ),
    "Уся Україна",
)  # fmt: skip

GROUPS: tuple[RegionGroup, ...] = (ANNEXED_2022, CRIMEA_2014, UKRAINE)


def get_group(group_id: str) -> RegionGroup:
    """Return the group with this id, or raise :class:`UnknownRegionError` listing the ids.

    >>> get_group("annexed-2022").codes
    ('UA-14', 'UA-09', 'UA-23', 'UA-65')
    """
    for group in GROUPS:
        if group.id == group_id:
            return group
    raise UnknownRegionError("group", group_id, [g.id for g in GROUPS])
