"""The categories of territory a control source can distinguish, and which count as occupied.

One home for them: DeepStateMap marks land occupied since 2022, land occupied
before 2022 (Crimea, parts of Donetsk and Luhansk), contested land ("unknown
status", the grey zone) and liberated land. Each category is a layer of its own
on the map, with its own colour (a :mod:`geodata.palette` role) and its own
figures. Occupied land always counts as occupied; contested land counts only
when the user's setting says so (:class:`Counting`); liberated land never does.
A source with one kind of area (the shared daily files, a KML of one's own) has
the one category :data:`CONTROLLED`, and it counts as occupied.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from geodata.language import Language, say

#: The category of a source with no categories of its own: everything counts as occupied.
CONTROLLED = "controlled"
OCCUPIED = "occupied"
OCCUPIED_BEFORE_2022 = "occupied_before_2022"
CONTESTED = "contested"
LIBERATED = "liberated"


@dataclass(frozen=True)
class Category:
    """One category: its key, what people read, its palette role and whether it is occupied.

    ``occupied`` is ``True`` (always counted as occupied), ``False`` (never) or
    ``None`` (counted only when :attr:`Counting.contested` says so).
    """

    key: str
    label: str
    role: str
    occupied: bool | None


#: Every category, in the order of legends and tables.
CATEGORIES: tuple[Category, ...] = (
    Category(CONTROLLED, "Occupied territory", "occupied", True),
    Category(OCCUPIED, "Occupied since 2022", "occupied", True),
    Category(
        OCCUPIED_BEFORE_2022,
        "Occupied before 2022 (Crimea, CADR and CALR)",
        "occupied_before_2022",
        True,
    ),
    Category(CONTESTED, "Contested (grey zone)", "contested", None),
    Category(LIBERATED, "Liberated", "liberated", False),
)
BY_KEY = {category.key: category for category in CATEGORIES}


@dataclass(frozen=True)
class Counting:
    """Which categories count as occupied: contested land only when ``contested`` is set."""

    contested: bool = False

    def counts(self, key: str) -> bool:
        """Whether land of category ``key`` counts as occupied.

        >>> Counting().counts(CONTESTED), Counting(contested=True).counts(CONTESTED)
        (False, True)
        >>> Counting(contested=True).counts(LIBERATED)
        False
        """
        occupied = BY_KEY[key].occupied
        return self.contested if occupied is None else occupied


#: The default: contested land is not occupied.
DEFAULT_COUNTING = Counting()


def label_of(key: str, language: Language = "en") -> str:
    """The label people read for a category key (the key itself when it is unknown).

    >>> label_of(CONTESTED)
    'Contested (grey zone)'
    """
    category = BY_KEY.get(key)
    return say(category.label, language) if category else key


def ordered(keys: Iterable[str]) -> list[str]:
    """Category keys in the order of :data:`CATEGORIES` (unknown keys last, as given).

    >>> ordered([LIBERATED, OCCUPIED])
    ['occupied', 'liberated']
    """
    keys = list(dict.fromkeys(keys))
    known = [c.key for c in CATEGORIES if c.key in keys]
    return known + [k for k in keys if k not in BY_KEY]


def counting_text(keys: Iterable[str], counting: Counting, language: Language = "en") -> str:
    """The Method panel's sentence on which of a layer's categories count as occupied.

    >>> counting_text([CONTROLLED], DEFAULT_COUNTING)
    'the source has one kind of area, and all of it counts as occupied'
    >>> counting_text([], DEFAULT_COUNTING)
    "none of the source's areas is of a kind counted as occupied"
    >>> print(counting_text([OCCUPIED, CONTESTED, LIBERATED], DEFAULT_COUNTING))
    Occupied since 2022 counts as occupied; Contested (grey zone) is not counted as occupied \
(shown and measured apart; a setting counts it); Liberated is never counted
    """
    keys = ordered(keys)
    if not keys:  # every polygon left out (of kinds this version does not know)
        return say("none of the source's areas is of a kind counted as occupied", language)
    if keys == [CONTROLLED]:
        return say("the source has one kind of area, and all of it counts as occupied", language)
    counted = [label_of(k, language) for k in keys if k in BY_KEY and BY_KEY[k].occupied]
    parts = []
    if len(counted) == 1:
        parts.append(say("{categories} counts as occupied", language, categories=counted[0]))
    elif counted:
        parts.append(say("{categories} count as occupied", language,
                         categories=say(" and ", language).join(counted)))  # fmt: skip
    contested = label_of(CONTESTED, language)
    if CONTESTED in keys:
        parts.append(
            say("{category} is counted as occupied (the setting “count contested areas as "
                "occupied” is on)", language, category=contested)
            if counting.contested
            else say("{category} is not counted as occupied (shown and measured apart; a "
                     "setting counts it)", language, category=contested)
        )  # fmt: skip
    if LIBERATED in keys:
        parts.append(say("{category} is never counted", language,
                         category=label_of(LIBERATED, language)))  # fmt: skip
    return "; ".join(parts)


#: The Method text of a history: its figures follow the default rule, whatever the setting.
HISTORY_COUNTING = (
    "occupied land as each file marks it; where a file distinguishes categories, land occupied "
    "since and before 2022 counts, contested (grey zone) land is not counted (a history always "
    "counts this way, so that its dates compare), liberated land never"
)
