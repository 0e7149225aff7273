<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="uk_UA">
<context>
    <name>Actions</name>
    <message>
        <source>&amp;Open…</source>
        <translation>&amp;Відкрити…</translation>
    </message>
    <message>
        <source>Open a control-area file (GeoJSON, DeepStateMap, KML/KMZ, Shapefile, GeoPackage)</source>
        <translation>Відкрити файл зон контролю (GeoJSON, DeepStateMap, KML/KMZ, Shapefile, GeoPackage)</translation>
    </message>
    <message>
        <source>Open &amp;History Folder…</source>
        <translation>Відкрити теку &amp;історії…</translation>
    </message>
    <message>
        <source>Open a folder of dated control files as a history, with a timeline</source>
        <translation>Відкрити теку датованих файлів контролю як історію, зі шкалою часу</translation>
    </message>
    <message>
        <source>Open History &amp;File…</source>
        <translation>Відкрити &amp;файл історії…</translation>
    </message>
    <message>
        <source>Open one file whose features carry a date column, as a history</source>
        <translation>Відкрити як історію один файл, об&apos;єкти якого мають стовпець дати</translation>
    </message>
    <message>
        <source>&amp;Compare With Another Source…</source>
        <translation>&amp;Порівняти з іншим джерелом…</translation>
    </message>
    <message>
        <source>Compare the data on screen with a second source&apos;s file: where they agree and differ</source>
        <translation>Порівняти дані на екрані з файлом іншого джерела: де вони збігаються і де відрізняються</translation>
    </message>
    <message>
        <source>Fetch the &amp;Latest DeepStateMap Map…</source>
        <translation>Завантажити &amp;останню мапу DeepStateMap…</translation>
    </message>
    <message>
        <source>Download DeepStateMap&apos;s latest daily map (goes online; asks once first)</source>
        <translation>Завантажити останню щоденну мапу DeepStateMap (через інтернет; спершу один раз запитує)</translation>
    </message>
    <message>
        <source>Fetch &amp;DeepStateMap Updates…</source>
        <translation>Завантажити &amp;оновлення DeepStateMap…</translation>
    </message>
    <message>
        <source>Download DeepStateMap&apos;s new map updates into the local store (goes online; asks once first)</source>
        <translation>Завантажити нові оновлення мапи DeepStateMap до локального сховища (через інтернет; спершу один раз запитує)</translation>
    </message>
    <message>
        <source>&amp;Briefing Map (PDF, SVG, PNG)…</source>
        <translation>&amp;Брифінгова мапа (PDF, SVG, PNG)…</translation>
    </message>
    <message>
        <source>A print-quality map with title, legend, scale, credits and statistics</source>
        <translation>Мапа для друку з назвою, легендою, масштабом, джерелами і статистикою</translation>
    </message>
    <message>
        <source>Morning &amp;Pack (PDF)…</source>
        <translation>Ранковий &amp;пакет (PDF)…</translation>
    </message>
    <message>
        <source>Overview, sector, change since a date, table and chart in one PDF, from a template</source>
        <translation>Огляд, ділянка, зміни від дати, таблиця і графік в одному PDF, за шаблоном</translation>
    </message>
    <message>
        <source>&amp;Animation (MP4, GIF)…</source>
        <translation>&amp;Анімація (MP4, GIF)…</translation>
    </message>
    <message>
        <source>The open history&apos;s front over time, a frame a day, week or month</source>
        <translation>Фронт відкритої історії в часі: кадр на день, тиждень або місяць</translation>
    </message>
    <message>
        <source>&amp;View as PNG…</source>
        <translation>&amp;Вигляд як PNG…</translation>
    </message>
    <message>
        <source>Save exactly what the map shows</source>
        <translation>Зберегти саме те, що показує мапа</translation>
    </message>
    <message>
        <source>View as PNG at &amp;2×…</source>
        <translation>Вигляд як PNG у &amp;2×…</translation>
    </message>
    <message>
        <source>The map view at twice its pixel density</source>
        <translation>Вигляд мапи з подвійною щільністю пікселів</translation>
    </message>
    <message>
        <source>&amp;Data or Interactive Map…</source>
        <translation>&amp;Дані або інтерактивна мапа…</translation>
    </message>
    <message>
        <source>Statistics (XLSX, CSV, JSON), geodata (GeoJSON, GeoPackage) or the map as one HTML file</source>
        <translation>Статистика (XLSX, CSV, JSON), геодані (GeoJSON, GeoPackage) або мапа одним файлом HTML</translation>
    </message>
    <message>
        <source>&amp;Copy View</source>
        <translation>&amp;Копіювати вигляд</translation>
    </message>
    <message>
        <source>Copy the map, as an image, to the clipboard</source>
        <translation>Копіювати мапу як зображення до буфера обміну</translation>
    </message>
    <message>
        <source>&amp;Close Control Data</source>
        <translation>&amp;Закрити дані контролю</translation>
    </message>
    <message>
        <source>Remove the control layer</source>
        <translation>Прибрати шар контролю</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Вийти</translation>
    </message>
    <message>
        <source>Quit Frontline Atlas</source>
        <translation>Вийти з Frontline Atlas</translation>
    </message>
    <message>
        <source>&amp;Zoom to Ukraine</source>
        <translation>&amp;Уся Україна</translation>
    </message>
    <message>
        <source>Fit all of Ukraine in the map</source>
        <translation>Показати всю Україну на мапі</translation>
    </message>
    <message>
        <source>&amp;Timeline</source>
        <translation>&amp;Шкала часу</translation>
    </message>
    <message>
        <source>Go to the timeline: ←/→ a date, Shift+←/→ a week, Space plays, Ctrl+G types a date</source>
        <translation>До шкали часу: ←/→ дата, Shift+←/→ тиждень, пробіл — відтворення, Ctrl+G — ввести дату</translation>
    </message>
    <message>
        <source>&amp;Find a Place…</source>
        <translation>&amp;Знайти місце…</translation>
    </message>
    <message>
        <source>Type a town or village (English or Ukrainian); the map flies there</source>
        <translation>Введіть місто чи село (англійською або українською); мапа перейде туди</translation>
    </message>
    <message>
        <source>Clear &amp;Selection</source>
        <translation>Зняти &amp;виділення</translation>
    </message>
    <message>
        <source>Deselect oblasts on the map and in the table</source>
        <translation>Зняти виділення областей на мапі й у таблиці</translation>
    </message>
    <message>
        <source>&amp;Preferences…</source>
        <translation>&amp;Налаштування…</translation>
    </message>
    <message>
        <source>Online basemap and other options</source>
        <translation>Онлайн-підкладка та інші параметри</translation>
    </message>
    <message>
        <source>&amp;User Manual</source>
        <translation>&amp;Посібник користувача</translation>
    </message>
    <message>
        <source>The manual, offline and searchable</source>
        <translation>Посібник, офлайн і з пошуком</translation>
    </message>
    <message>
        <source>&amp;About Frontline Atlas</source>
        <translation>&amp;Про Frontline Atlas</translation>
    </message>
    <message>
        <source>Versions and data credits</source>
        <translation>Версії та джерела даних</translation>
    </message>
    <message>
        <source>&amp;Draw an Area…</source>
        <translation>&amp;Намалювати ділянку…</translation>
    </message>
    <message>
        <source>Draw an area on the map (click corners, double-click to finish) to make a proposal</source>
        <translation>Намалюйте ділянку на мапі (клацайте кути, подвійне клацання — завершити), щоб створити пропозицію</translation>
    </message>
    <message>
        <source>&amp;Import an Area…</source>
        <translation>&amp;Імпортувати ділянку…</translation>
    </message>
    <message>
        <source>Make a proposal from a polygon in a file</source>
        <translation>Створити пропозицію з полігона у файлі</translation>
    </message>
</context>
<context>
    <name>Layers</name>
    <message>
        <source>Opacity</source>
        <translation>Непрозорість</translation>
    </message>
    <message>
        <source>Opacity of {layer}</source>
        <translation>Непрозорість: {layer}</translation>
    </message>
    <message>
        <source>Show or hide {layer} on the map</source>
        <translation>Показати чи сховати на мапі: {layer}</translation>
    </message>
    <message>
        <source>Change between dates</source>
        <extracomment>Layers the page can show, hide and fade, with their names in the Layers panel.</extracomment>
        <translation>Зміни між датами</translation>
    </message>
    <message>
        <source>Proposal</source>
        <translation>Пропозиція</translation>
    </message>
    <message>
        <source>Annexation claims</source>
        <translation>Заявлена анексія</translation>
    </message>
    <message>
        <source>Control areas</source>
        <translation>Зони контролю</translation>
    </message>
    <message>
        <source>Oblasts</source>
        <translation>Області</translation>
    </message>
    <message>
        <source>Place names</source>
        <translation>Назви</translation>
    </message>
    <message>
        <source>Cities</source>
        <translation>Міста</translation>
    </message>
    <message>
        <source>Settlements</source>
        <translation>Населені пункти</translation>
    </message>
    <message>
        <source>Rivers and lakes</source>
        <translation>Річки й озера</translation>
    </message>
    <message>
        <source>Neighbouring countries</source>
        <translation>Сусідні країни</translation>
    </message>
</context>
<context>
    <name>Menus</name>
    <message>
        <source>&amp;File</source>
        <extracomment>Menu title -&gt; action names; &quot;-&quot; is a separator, &quot;@name&quot; a submenu the window fills.</extracomment>
        <translation>&amp;Файл</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Редагування</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Вигляд</translation>
    </message>
    <message>
        <source>&amp;Proposals</source>
        <translation>&amp;Пропозиції</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Довідка</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>&amp;Недавні</translation>
    </message>
    <message>
        <source>&amp;Panels</source>
        <translation>&amp;Панелі</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>&amp;Експорт</translation>
    </message>
</context>
<context>
    <name>Panels</name>
    <message>
        <source>Changes</source>
        <translation>Зміни</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>Шкала часу</translation>
    </message>
    <message>
        <source>Info</source>
        <translation>Відомості</translation>
    </message>
    <message>
        <source>Layers</source>
        <translation>Шари</translation>
    </message>
    <message>
        <source>Proposals</source>
        <extracomment>The chosen proposal id and the one to compare with (&quot;&quot; for none).</extracomment>
        <translation>Пропозиції</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>Порівняння</translation>
    </message>
    <message>
        <source>Statistics</source>
        <translation>Статистика</translation>
    </message>
    <message>
        <source>Method</source>
        <extracomment>Units whose reconciled km² round to less than this are not listed.</extracomment>
        <translation>Методика</translation>
    </message>
</context>
<context>
    <name>Welcome</name>
    <message>
        <source>No control-area data yet</source>
        <translation>Ще немає даних про зони контролю</translation>
    </message>
    <message>
        <source>Frontline Atlas ships no control-area data of its own. Get it from one of these sources:</source>
        <translation>Frontline Atlas не постачає власних даних про зони контролю. Візьміть їх з одного з цих джерел:</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>Онлайн</translation>
    </message>
    <message>
        <source>Asks you once before it connects</source>
        <translation>Один раз запитає, перш ніж під&apos;єднатися</translation>
    </message>
    <message>
        <source>On this computer</source>
        <translation>На цьому комп&apos;ютері</translation>
    </message>
    <message>
        <source>You can also drop a file onto the window.</source>
        <translation>Можна також перетягнути файл у вікно.</translation>
    </message>
    <message>
        <source>Fetching… the progress, and Cancel, are in the status bar below.</source>
        <translation>Завантаження… хід і кнопка «Скасувати» — у рядку стану внизу.</translation>
    </message>
    <message>
        <source>Fetch the latest map</source>
        <translation>Завантажити останню мапу</translation>
    </message>
    <message>
        <source>DeepStateMap&apos;s latest daily map (deepstatemap.live)</source>
        <translation>Остання щоденна мапа DeepStateMap (deepstatemap.live)</translation>
    </message>
    <message>
        <source>Fetch the whole history</source>
        <translation>Завантажити всю історію</translation>
    </message>
    <message>
        <source>DeepStateMap&apos;s map updates since 2024, or its public mirror on GitHub</source>
        <translation>Оновлення мапи DeepStateMap з 2024 року або її публічне дзеркало на GitHub</translation>
    </message>
    <message>
        <source>Open a file…</source>
        <translation>Відкрити файл…</translation>
    </message>
    <message>
        <source>An export of the ISW/CTP map, DeepStateMap GeoJSON, your own KML, GeoPackage or Shapefile</source>
        <translation>Експорт мапи ISW/CTP, GeoJSON DeepStateMap, власний KML, GeoPackage або Shapefile</translation>
    </message>
    <message>
        <source>Open a history folder…</source>
        <translation>Відкрити теку історії…</translation>
    </message>
    <message>
        <source>A folder of dated files (…_20241120.geojson)</source>
        <translation>Тека датованих файлів (…_20241120.geojson)</translation>
    </message>
</context>
</TS>
