"""The bundled gazetteer: Ukraine's settlements, their names and units, and finding them by name."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

import numpy as np
import pandas as pd

from geodata.resources import resource_path

GAZETTEER_FILE = ("gazetteer", "places.csv")
_DTYPES = {"geonameid": "int64", "name": str, "name_uk": str, "population": "int64",
           "region_code": str, "lon": "float64", "lat": "float64", "part_of": "int64"}  # fmt: skip


@cache
def load_gazetteer() -> pd.DataFrame:
    """Load the bundled gazetteer of Ukraine's settlements (cached).

    Returns
    -------
    DataFrame
        One row per place (5,488, every Ukrainian place in GeoNames' ``cities500``
        extract), in file order (by GeoNames id), with a RangeIndex and columns
        ``geonameid`` (int64), ``name`` (English, national romanization),
        ``name_uk`` (Ukrainian; ``""`` when GeoNames gives none), ``population``
        (int64, GeoNames'), ``region_code`` (ISO 3166-2 of the bundled unit it
        lies in), ``lon``, ``lat`` (WGS84, float64) and ``part_of`` (for a city
        district, its city's ``geonameid``; 0 for a settlement). Provenance:
        ``resources/gazetteer/PROVENANCE.md``.

    Examples
    --------
    >>> places = load_gazetteer().set_index("geonameid")
    >>> places.loc[707898, ["name", "name_uk", "region_code"]].tolist()
    ['Huliaipole', 'Гуляйполе', 'UA-23']
    """
    # No NA parsing: an empty name_uk stays "", and no place name reads as NaN.
    return pd.read_csv(resource_path(*GAZETTEER_FILE), dtype=_DTYPES, na_filter=False)


@cache
def settlement_rows() -> np.ndarray:
    """The rows that are settlements of their own (not city districts): what is counted.

    >>> places = load_gazetteer()
    >>> int(settlement_rows().sum()) < len(places)
    True
    """
    return (load_gazetteer()["part_of"] == 0).to_numpy()


def search_places(text: str, limit: int = 10) -> pd.DataFrame:
    """Find places whose English or Ukrainian name, or a word of it, begins with ``text``.

    Matching ignores case, diacritics and apostrophes (``"kupiansk"`` finds Kupiansk,
    ``"куп'я"`` and ``"купя"`` Куп'янськ), and hyphens count as spaces.

    Parameters
    ----------
    text : str
        The beginning of a name or of one of its words (``"novosilka"`` finds
        Velyka Novosilka), in Latin or Cyrillic letters.
    limit : int, default 10
        The most places to return; at least 1.

    Returns
    -------
    DataFrame
        Rows of :func:`load_gazetteer`, best first: places whose whole name is
        ``text``, then those whose name begins with it, then those with a word
        that does, each group by population, largest first. A new RangeIndex;
        empty when ``text`` holds no letters or digits.

    Raises
    ------
    ValueError
        If ``limit`` is less than 1.

    Examples
    --------
    >>> search_places("pokrovsk", limit=3)["name"].tolist()
    ['Pokrovsk', 'Pokrovske', 'Pokrovske']
    >>> search_places("Гуляй")[["name", "region_code"]].iloc[0].tolist()
    ['Huliaipole', 'UA-23']
    """
    if limit < 1:
        raise ValueError(f"limit must be at least 1, got {limit!r}")
    places = load_gazetteer()
    query = _fold(text)
    if not query:
        return places.iloc[:0].reset_index(drop=True)
    index = _search_index()
    start = np.searchsorted(index.keys, query, side="left")
    # Every key that begins with the query sorts before the query + the last code point.
    stop = np.searchsorted(index.keys, query + "\U0010ffff", side="left")
    keys, rows, whole = index.keys[start:stop], index.rows[start:stop], index.whole[start:stop]
    tier = np.where(whole, np.where(keys == query, 0, 1), 2)
    order = np.lexsort((rows, -index.population[rows], tier))
    # A place can match through several keys (both names, several words): keep its best.
    _unique, first = np.unique(rows[order], return_index=True)
    best = rows[order][np.sort(first)][:limit]
    return places.iloc[best].reset_index(drop=True)


@dataclass(frozen=True)
class _SearchIndex:
    """Every folded name, and every tail of one that starts at a word, sorted."""

    keys: np.ndarray  # folded names and name tails, sorted (numpy str)
    rows: np.ndarray  # the gazetteer row each key belongs to
    whole: np.ndarray  # True where the key is a whole name, not a tail from a later word
    population: np.ndarray  # by gazetteer row


@cache
def _search_index() -> _SearchIndex:
    places = load_gazetteer()
    keys, rows, whole = [], [], []
    for row, names in enumerate(zip(places["name"], places["name_uk"], strict=True)):
        for name in names:
            folded = _fold(name)
            if not folded:
                continue
            starts = [0] + [m.end() for m in re.finditer(" ", folded)]
            keys += [folded[s:] for s in starts]
            rows += [row] * len(starts)
            whole += [s == 0 for s in starts]
    keys_array = np.array(keys, dtype=str)
    order = np.argsort(keys_array, kind="stable")
    return _SearchIndex(
        keys=keys_array[order],
        rows=np.array(rows, dtype=np.int64)[order],
        whole=np.array(whole, dtype=bool)[order],
        population=places["population"].to_numpy(),
    )


# The apostrophe, its typographic forms (U+2019, U+02BC) and the backtick some sources use.
_APOSTROPHES = re.compile("['\u2019\u02bc`]")


def _fold(text: str) -> str:
    """Lower case, no diacritics (so й matches и), no apostrophes, hyphens as spaces."""
    text = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = _APOSTROPHES.sub("", text).replace("-", " ")
    return " ".join(text.split())
