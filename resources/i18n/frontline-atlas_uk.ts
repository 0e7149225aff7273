<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="uk_UA">
<context>
    <name>About</name>
    <message>
        <source>Frontline Atlas — control areas in Ukraine, per oblast and region group.</source>
        <translation>Frontline Atlas — зони контролю в Україні за областями та групами регіонів.</translation>
    </message>
    <message>
        <source>Data credits:</source>
        <translation>Джерела даних:</translation>
    </message>
    <message>
        <source>Licence: GPL-3.0-or-later</source>
        <translation>Ліцензія: GPL-3.0-or-later</translation>
    </message>
    <message>
        <source>About Frontline Atlas</source>
        <translation>Про Frontline Atlas</translation>
    </message>
</context>
<context>
    <name>Accessibility</name>
    <message>
        <source>{title} panel</source>
        <extracomment>The kinds of widget a user acts on, which must each have an accessible name.</extracomment>
        <translation>Панель «{title}»</translation>
    </message>
    <message>
        <source>Tabs: {names}</source>
        <translation>Вкладки: {names}</translation>
    </message>
    <message>
        <source>{owner}, {part}</source>
        <translation>{owner}, {part}</translation>
    </message>
    <message>
        <source>More menu items</source>
        <extracomment>Qt&apos;s own unnamed helpers, by object name: what they are.</extracomment>
        <translation>Інші пункти меню</translation>
    </message>
    <message>
        <source>More tools</source>
        <translation>Інші інструменти</translation>
    </message>
    <message>
        <source>Select all</source>
        <translation>Виділити все</translation>
    </message>
    <message>
        <source>Scroll the tabs left</source>
        <translation>Прокрутити вкладки ліворуч</translation>
    </message>
    <message>
        <source>Scroll the tabs right</source>
        <translation>Прокрутити вкладки праворуч</translation>
    </message>
    <message>
        <source>scroll bar</source>
        <extracomment>What a part of a control is, by its kind (a combo box&apos;s list, a table&apos;s scroll bar).</extracomment>
        <translation>смуга прокручування</translation>
    </message>
    <message>
        <source>column headers</source>
        <translation>заголовки стовпців</translation>
    </message>
    <message>
        <source>list</source>
        <translation>список</translation>
    </message>
    <message>
        <source>text field</source>
        <translation>текстове поле</translation>
    </message>
    <message>
        <source>button</source>
        <translation>кнопка</translation>
    </message>
</context>
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
        <translation>Завантажити онов&amp;лення DeepStateMap…</translation>
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
        <translation>Ви&amp;йти</translation>
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
        <translation>П&amp;ро Frontline Atlas</translation>
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
    <name>Animation</name>
    <message>
        <source>MP4 video (H.264)</source>
        <translation>Відео MP4 (H.264)</translation>
    </message>
    <message>
        <source>Animated GIF</source>
        <translation>Анімований GIF</translation>
    </message>
    <message>
        <source>A day</source>
        <extracomment>Frame sizes offered, as the combo box&apos;s data &quot;WIDTHxHEIGHT&quot; (Qt keeps text, not tuples).</extracomment>
        <translation>день</translation>
    </message>
    <message>
        <source>A week</source>
        <translation>тиждень</translation>
    </message>
    <message>
        <source>A month</source>
        <translation>місяць</translation>
    </message>
    <message>
        <source>Writing {file}</source>
        <translation>Запис {file}</translation>
    </message>
    <message>
        <source>Export an animation of the front</source>
        <translation>Експорт анімації фронту</translation>
    </message>
    <message>
        <source> frames a second</source>
        <translation> кадрів/с</translation>
    </message>
    <message>
        <source>Add a chart of the share of Ukraine occupied</source>
        <translation>Додати графік частки окупованої території України</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Від</translation>
    </message>
    <message>
        <source>To</source>
        <translation>До</translation>
    </message>
    <message>
        <source>One frame</source>
        <translation>Один кадр на</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>Формат</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Розмір</translation>
    </message>
    <message>
        <source>Speed</source>
        <translation>Швидкість</translation>
    </message>
    <message>
        <source>The first date is after the last.</source>
        <translation>Перша дата пізніша за останню.</translation>
    </message>
    <message>
        <source>{count} frames, {seconds} seconds at this speed.</source>
        <translation>Кадрів: {count}; тривалість за цієї швидкості — {seconds} с.</translation>
    </message>
    <message>
        <source>Save the animation</source>
        <translation>Зберегти анімацію</translation>
    </message>
    <message>
        <source>Wrote {path} ({frames} frames, {size} MB)</source>
        <translation>Записано {path} (кадрів: {frames}, {size} МБ)</translation>
    </message>
</context>
<context>
    <name>Briefing</name>
    <message>
        <source>A4 landscape</source>
        <extracomment>Page sizes: value -&gt; what the user reads (in English; :func:`page_names` translates).</extracomment>
        <translation>A4, альбомна</translation>
    </message>
    <message>
        <source>Letter landscape</source>
        <translation>Letter, альбомна</translation>
    </message>
    <message>
        <source>Slide 16:9 (1920 × 1080)</source>
        <translation>Слайд 16:9 (1920 × 1080)</translation>
    </message>
    <message>
        <source>Fit</source>
        <extracomment>The page&apos;s language (not the app&apos;s): each named in its own language. The preview&apos;s zoom choices: label -&gt; scale of the output&apos;s pixels (None: fit the window).</extracomment>
        <translation>За розміром</translation>
    </message>
    <message>
        <source>Export a briefing map</source>
        <translation>Експорт брифінгової мапи</translation>
    </message>
    <message>
        <source>Title (by default from the data or the proposal)</source>
        <translation>Заголовок (типово — з даних або пропозиції)</translation>
    </message>
    <message>
        <source>Subtitle (by default the source and the date)</source>
        <translation>Підзаголовок (типово — джерело і дата)</translation>
    </message>
    <message>
        <source>Author or organisation (optional)</source>
        <translation>Автор або організація (необов&apos;язково)</translation>
    </message>
    <message>
        <source>Classification or handling banner (optional)</source>
        <translation>Банер із грифом або обмеженням поширення (необов&apos;язково)</translation>
    </message>
    <message>
        <source>Banner colour: a name or #rrggbb</source>
        <translation>Колір банера: назва або #rrggbb</translation>
    </message>
    <message>
        <source>Logo: a PNG or SVG file (optional)</source>
        <translation>Логотип: файл PNG або SVG (необов&apos;язково)</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Вибрати…</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Мова</translation>
    </message>
    <message>
        <source>Page</source>
        <translation>Сторінка</translation>
    </message>
    <message>
        <source> dpi</source>
        <translation> dpi</translation>
    </message>
    <message>
        <source>Statistics table (the groups and the most affected oblasts)</source>
        <translation>Таблиця статистики (групи та найбільш зачеплені області)</translation>
    </message>
    <message>
        <source>All of Ukraine</source>
        <translation>Уся Україна</translation>
    </message>
    <message>
        <source>The map view ({west} to {east}° E, {south} to {north}° N)</source>
        <translation>Поточний вигляд мапи ({west}–{east}° сх. д., {south}–{north}° пн. ш.)</translation>
    </message>
    <message>
        <source>Draw a box on the map…</source>
        <translation>Накреслити рамку на мапі…</translation>
    </message>
    <message>
        <source>Click the corners of the area to show, double-click to finish</source>
        <translation>Клацніть вершини ділянки, яку слід показати; подвійне клацання — завершити</translation>
    </message>
    <message>
        <source>Annexation claims</source>
        <translation>Заявлена анексія</translation>
    </message>
    <message>
        <source>Proposal: {name}</source>
        <translation>Пропозиція: {name}</translation>
    </message>
    <message>
        <source>Proposal (none chosen)</source>
        <translation>Пропозиція (не вибрано)</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Заголовок</translation>
    </message>
    <message>
        <source>Subtitle</source>
        <translation>Підзаголовок</translation>
    </message>
    <message>
        <source>Author</source>
        <translation>Автор</translation>
    </message>
    <message>
        <source>Banner</source>
        <translation>Банер</translation>
    </message>
    <message>
        <source>Banner colour</source>
        <translation>Колір банера</translation>
    </message>
    <message>
        <source>Logo</source>
        <translation>Логотип</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>Формат</translation>
    </message>
    <message>
        <source>Resolution</source>
        <translation>Роздільна здатність</translation>
    </message>
    <message>
        <source>Extent</source>
        <translation>Охоплення</translation>
    </message>
    <message>
        <source>Drawing the preview…</source>
        <translation>Побудова попереднього перегляду…</translation>
    </message>
    <message>
        <source>The preview is drawn at the output&apos;s resolution: 100 % shows its pixels as they are, to proofread small text</source>
        <translation>Попередній перегляд будується з роздільною здатністю результату: 100 % показує його пікселі як є, щоб вичитати дрібний текст</translation>
    </message>
    <message>
        <source>Zoom</source>
        <translation>Масштаб</translation>
    </message>
    <message>
        <source>The box drawn ({west} to {east}° E, {south} to {north}° N)</source>
        <translation>Накреслена рамка ({west}–{east}° сх. д., {south}–{north}° пн. ш.)</translation>
    </message>
    <message>
        <source>Drawing the preview</source>
        <translation>Побудова попереднього перегляду</translation>
    </message>
    <message>
        <source>Save the briefing map</source>
        <translation>Зберегти брифінгову мапу</translation>
    </message>
    <message>
        <source>Wrote {path}</source>
        <translation>Записано {path}</translation>
    </message>
    <message>
        <source>Choose a logo</source>
        <translation>Вибір логотипу</translation>
    </message>
    <message>
        <source>Images</source>
        <translation>Зображення</translation>
    </message>
    <message>
        <source>Writing {file}</source>
        <translation>Запис {file}</translation>
    </message>
    <message>
        <source>Cannot draw the preview: {error}</source>
        <translation>Не вдалося побудувати попередній перегляд: {error}</translation>
    </message>
</context>
<context>
    <name>Changes</name>
    <message>
        <source>Gains per month</source>
        <extracomment>The status line&apos;s words while gains per period are computed, by period.</extracomment>
        <translation>Захоплення за місяцями</translation>
    </message>
    <message>
        <source>Gains per week</source>
        <translation>Захоплення за тижнями</translation>
    </message>
    <message>
        <source>Changes {first} to {second}</source>
        <translation>Зміни з {first} по {second}</translation>
    </message>
    <message>
        <source>Comparing two dates</source>
        <translation>Порівняння двох дат</translation>
    </message>
    <message>
        <source>From {first} to {second}</source>
        <translation>З {first} по {second}</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>Населений пункт</translation>
    </message>
    <message>
        <source>Ukrainian</source>
        <translation>Українською</translation>
    </message>
    <message>
        <source>Oblast</source>
        <translation>Область</translation>
    </message>
    <message>
        <source>People*</source>
        <translation>Населення*</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Зміна</translation>
    </message>
    <message>
        <source>Since</source>
        <translation>З дати</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>Регіон</translation>
    </message>
    <message>
        <source>Gained
km²</source>
        <translation>Захоплено,
км²</translation>
    </message>
    <message>
        <source>Regained
km²</source>
        <translation>Звільнено,
км²</translation>
    </message>
    <message>
        <source>Border
slivers km²</source>
        <translation>Прикордонні
смуги, км²</translation>
    </message>
    <message>
        <source>Net
km²</source>
        <translation>Сальдо,
км²</translation>
    </message>
    <message>
        <source>Places
taken</source>
        <translation>Пунктів
захоплено</translation>
    </message>
    <message>
        <source>Places
regained</source>
        <translation>Пунктів
звільнено</translation>
    </message>
    <message>
        <source>People*
taken</source>
        <translation>Населення*
захоплених</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Період</translation>
    </message>
    <message>
        <source>Change
km²</source>
        <translation>Зміна,
км²</translation>
    </message>
    <message>
        <source>km² a
day</source>
        <translation>км² за
день</translation>
    </message>
    <message>
        <source>Held
km²</source>
        <translation>Окуповано,
км²</translation>
    </message>
    <message>
        <source>Held
%</source>
        <translation>Окуповано,
%</translation>
    </message>
    <message>
        <source>km² a day
(last 90 days)</source>
        <translation>км² за день
(останні 90 днів)</translation>
    </message>
    <message>
        <source>At this pace</source>
        <translation>За такого темпу</translation>
    </message>
    <message>
        <source>Changes from date</source>
        <translation>Зміни від дати</translation>
    </message>
    <message>
        <source>Changes to date</source>
        <translation>Зміни до дати</translation>
    </message>
    <message>
        <source>From</source>
        <translation>З</translation>
    </message>
    <message>
        <source>to</source>
        <translation>по</translation>
    </message>
    <message>
        <source>Export table…</source>
        <translation>Експорт таблиці…</translation>
    </message>
    <message>
        <source>Open a history to see what changed hands</source>
        <translation>Відкрийте історію, щоб побачити, що змінило контроль</translation>
    </message>
    <message>
        <source>Settlements that changed hands</source>
        <translation>Населені пункти, що змінили контроль</translation>
    </message>
    <message>
        <source>Places</source>
        <translation>Населені пункти</translation>
    </message>
    <message>
        <source>Change per oblast or group</source>
        <translation>Зміни за областями або групами</translation>
    </message>
    <message>
        <source>Per oblast</source>
        <translation>За областями</translation>
    </message>
    <message>
        <source>Period of the gains table</source>
        <translation>Період таблиці захоплень</translation>
    </message>
    <message>
        <source>per month</source>
        <translation>за місяць</translation>
    </message>
    <message>
        <source>per week</source>
        <translation>за тиждень</translation>
    </message>
    <message>
        <source>Groups or oblasts</source>
        <translation>Групи або області</translation>
    </message>
    <message>
        <source>groups</source>
        <translation>групи</translation>
    </message>
    <message>
        <source>oblasts</source>
        <translation>області</translation>
    </message>
    <message>
        <source>Gains</source>
        <translation>Захоплення</translation>
    </message>
    <message>
        <source>for</source>
        <translation>для</translation>
    </message>
    <message>
        <source>Change per period</source>
        <translation>Зміни за періодами</translation>
    </message>
    <message>
        <source>Per period</source>
        <translation>За періодами</translation>
    </message>
    <message>
        <source>Pace of change</source>
        <translation>Темп змін</translation>
    </message>
    <message>
        <source>Pace</source>
        <translation>Темп</translation>
    </message>
    <message>
        <source>The pace as of {date}, the history&apos;s last date.</source>
        <translation>Темп станом на {date}, останню дату історії.</translation>
    </message>
</context>
<context>
    <name>Compare</name>
    <message>
        <source>Control-area files ({patterns})</source>
        <translation>Файли зон контролю ({patterns})</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>Усі файли (*)</translation>
    </message>
    <message>
        <source>Compare with a second source</source>
        <translation>Порівняти з другим джерелом</translation>
    </message>
    <message>
        <source>Reading {name}…</source>
        <translation>Зчитування {name}…</translation>
    </message>
    <message>
        <source>Comparing the two sources…</source>
        <translation>Порівняння двох джерел…</translation>
    </message>
    <message>
        <source>Comparing with {name}</source>
        <translation>Порівняння з {name}</translation>
    </message>
    <message>
        <source>Occupied only in B ({source})</source>
        <translation>Окуповано лише в B ({source})</translation>
    </message>
    <message>
        <source>Occupied only in A ({source})</source>
        <translation>Окуповано лише в A ({source})</translation>
    </message>
    <message>
        <source>Compare with a file…</source>
        <translation>Порівняти з файлом…</translation>
    </message>
    <message>
        <source>Stop comparing</source>
        <translation>Припинити порівняння</translation>
    </message>
    <message>
        <source>Export table…</source>
        <translation>Експортувати таблицю…</translation>
    </message>
    <message>
        <source>Compare rows</source>
        <translation>Порівняння за областями</translation>
    </message>
    <message>
        <source>Compare places</source>
        <translation>Порівняння населених пунктів</translation>
    </message>
    <message>
        <source>Per oblast</source>
        <translation>За областями</translation>
    </message>
    <message>
        <source>Settlements</source>
        <translation>Населені пункти</translation>
    </message>
    <message>
        <source>Compare the data on screen (A) with a second source (B) for the same or a near date: another DeepStateMap day, an export of the ISW/CTP map, a colleague&apos;s KML. The map shows what only one of them holds.</source>
        <translation>Порівняйте дані на екрані (A) з другим джерелом (B) за ту саму або близьку дату: інший день DeepStateMap, експорт мапи ISW/CTP, KML колеги. Мапа показує території, які окуповані лише за одним із них.</translation>
    </message>
    <message>
        <source> — same date</source>
        <translation> — та сама дата</translation>
    </message>
    <message>
        <source> — {days} days apart</source>
        <translation> — різниця {days} дн.</translation>
    </message>
    <message>
        <source>A: {source} ({date})</source>
        <translation>A: {source} ({date})</translation>
    </message>
    <message>
        <source>B: {source} ({date})</source>
        <translation>B: {source} ({date})</translation>
    </message>
    <message>
        <source>date unknown</source>
        <translation>дата невідома</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <source>{action} failed.</source>
        <translation>{action} — не вдалося.</translation>
    </message>
    <message>
        <source>That did not work.</source>
        <translation>Не вдалося виконати дію.</translation>
    </message>
    <message>
        <source>The data shown before is unchanged.</source>
        <translation>Дані, показані раніше, не змінено.</translation>
    </message>
    <message>
        <source>Something went wrong inside Frontline Atlas.</source>
        <translation>У Frontline Atlas сталася внутрішня помилка.</translation>
    </message>
    <message>
        <source>They are also in {file}.</source>
        <translation>Їх також записано у файл {file}.</translation>
    </message>
    <message>
        <source>The data shown before is unchanged. Please report this with the details below.</source>
        <translation>Дані, показані раніше, не змінено. Будь ласка, повідомте про цю помилку, додавши подробиці нижче.</translation>
    </message>
</context>
<context>
    <name>Export</name>
    <message>
        <source>Writing {file}</source>
        <translation>Запис {file}</translation>
    </message>
    <message>
        <source>Save the map view as PNG ({scale}×)</source>
        <translation>Зберегти вигляд мапи як PNG ({scale}×)</translation>
    </message>
    <message>
        <source>PNG image</source>
        <translation>Зображення PNG</translation>
    </message>
    <message>
        <source>Saving {file}</source>
        <translation>Збереження {file}</translation>
    </message>
    <message>
        <source>Copied the map view to the clipboard</source>
        <translation>Вигляд мапи скопійовано до буфера обміну</translation>
    </message>
    <message>
        <source>No history open</source>
        <translation>Історію не відкрито</translation>
    </message>
    <message>
        <source>An animation shows a history: open one first (File ▸ Open History Folder, or fetch DeepStateMap&apos;s history).</source>
        <translation>Анімація показує історію: спершу відкрийте її (Файл ▸ Відкрити теку історії) або завантажте історію DeepStateMap.</translation>
    </message>
    <message>
        <source>Export data</source>
        <translation>Експорт даних</translation>
    </message>
    <message>
        <source>Export the table</source>
        <translation>Експорт таблиці</translation>
    </message>
    <message>
        <source>Export the chart</source>
        <translation>Експорт графіка</translation>
    </message>
    <message>
        <source>Open control-area data first (File ▸ Open, Ctrl+O).</source>
        <translation>Спершу відкрийте дані про зони контролю (Файл ▸ Відкрити, Ctrl+O).</translation>
    </message>
    <message>
        <source>Nothing to export</source>
        <translation>Нема чого експортувати</translation>
    </message>
    <message>
        <source>Wrote {path}</source>
        <translation>Записано {path}</translation>
    </message>
    <message>
        <source>PDF (vector)</source>
        <translation>PDF (векторний)</translation>
    </message>
    <message>
        <source>SVG (vector)</source>
        <translation>SVG (векторний)</translation>
    </message>
    <message>
        <source>PNG (image)</source>
        <translation>PNG (растровий)</translation>
    </message>
    <message>
        <source>Spreadsheet</source>
        <translation>Електронна таблиця</translation>
    </message>
    <message>
        <source>Interactive map, one offline HTML file</source>
        <translation>Інтерактивна мапа, один офлайн-файл HTML</translation>
    </message>
    <message>
        <source>no such file (the logo)</source>
        <extracomment>Height in pixels an SVG logo is drawn at: sharp at a slide&apos;s or a print&apos;s size.</extracomment>
        <translation>немає такого файлу (логотип)</translation>
    </message>
    <message>
        <source>it is not an SVG image Qt can draw</source>
        <translation>це не SVG-зображення, яке може намалювати Qt</translation>
    </message>
    <message>
        <source>it could not be drawn as a PNG</source>
        <translation>не вдалося намалювати його як PNG</translation>
    </message>
    <message>
        <source>an SVG logo cannot be drawn here; give a PNG instead</source>
        <translation>SVG-логотип тут не можна намалювати; дайте PNG</translation>
    </message>
</context>
<context>
    <name>Help</name>
    <message>
        <source>Frontline Atlas — User Manual</source>
        <extracomment>The manual&apos;s section on how the figures are made (the Method panel&apos;s &quot;?&quot;); the manual is in English, so this heading, looked up in it, stays as it is.</extracomment>
        <translation>Frontline Atlas — посібник користувача</translation>
    </message>
    <message>
        <source>Search the manual (Enter: next)</source>
        <translation>Пошук у посібнику (Enter — наступний збіг)</translation>
    </message>
    <message>
        <source>Search the manual</source>
        <translation>Пошук у посібнику</translation>
    </message>
    <message>
        <source>User manual</source>
        <translation>Посібник користувача</translation>
    </message>
    <message>
        <source>not found</source>
        <translation>не знайдено</translation>
    </message>
</context>
<context>
    <name>Info</name>
    <message>
        <source>Date</source>
        <translation>Дата</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Джерело</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>Формат</translation>
    </message>
    <message>
        <source>Features</source>
        <translation>Об&apos;єкти</translation>
    </message>
    <message>
        <source>Categories</source>
        <translation>Категорії</translation>
    </message>
    <message>
        <source>Import notes</source>
        <translation>Примітки імпорту</translation>
    </message>
    <message>
        <source>Credits</source>
        <translation>Джерела даних</translation>
    </message>
    <message>
        <source>No control-area data loaded</source>
        <translation>Дані про зони контролю не завантажено</translation>
    </message>
    <message>
        <source>given</source>
        <translation>задано</translation>
    </message>
    <message>
        <source>from the file&apos;s metadata</source>
        <translation>з метаданих файлу</translation>
    </message>
    <message>
        <source>from the file name</source>
        <translation>з назви файлу</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>невідома</translation>
    </message>
    <message>
        <source>none</source>
        <translation>немає</translation>
    </message>
    <message>
        <source>Control areas: {credit}</source>
        <translation>Зони контролю: {credit}</translation>
    </message>
    <message>
        <source>one kind of area: all of it counts as occupied</source>
        <translation>один вид територій: усі вважаються окупованими</translation>
    </message>
    <message>
        <source>{label}: {km2} km² ({pct} % of Ukraine), counted as occupied</source>
        <translation>{label}: {km2} км² ({pct} % України), враховано як окуповане</translation>
    </message>
    <message>
        <source>{label}: {km2} km² ({pct} % of Ukraine), not counted as occupied</source>
        <translation>{label}: {km2} км² ({pct} % України), не враховано як окуповане</translation>
    </message>
    <message>
        <source>one day of a history (figures from the history store)</source>
        <translation>один день історії (показники зі сховища історії)</translation>
    </message>
    <message>
        <source>{n} polygon used</source>
        <translation>використано полігонів: {n}</translation>
    </message>
    <message>
        <source>{n} polygons used</source>
        <translation>використано полігонів: {n}</translation>
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
    <name>MainWindow</name>
    <message>
        <source>Skipped a saved proposal: {problem}</source>
        <translation>Пропущено збережену пропозицію: {problem}</translation>
    </message>
    <message>
        <source>Open control-area data</source>
        <translation>Відкрити дані про зони контролю</translation>
    </message>
    <message>
        <source>Control-area files ({patterns})</source>
        <translation>Файли зон контролю ({patterns})</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>Усі файли (*)</translation>
    </message>
    <message>
        <source>Opening {name}…</source>
        <translation>Відкриття {name}…</translation>
    </message>
    <message>
        <source>Opening {name}</source>
        <translation>Відкриття {name}</translation>
    </message>
    <message>
        <source>date unknown</source>
        <translation>дата невідома</translation>
    </message>
    <message>
        <source>{source} ({date}): four annexed regions {annexed} % occupied, all of Ukraine {ukraine} %</source>
        <translation>{source} ({date}): у чотирьох анексованих регіонах окуповано {annexed} %, в усій Україні — {ukraine} %</translation>
    </message>
    <message>
        <source>{name} holds the maps of several dates: opened as a history</source>
        <translation>{name} містить мапи кількох дат: відкрито як історію</translation>
    </message>
    <message>
        <source>Could not open {name}</source>
        <translation>Не вдалося відкрити {name}</translation>
    </message>
    <message>
        <source>Find a place</source>
        <translation>Пошук місця</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Скасувати</translation>
    </message>
</context>
<context>
    <name>Map</name>
    <message>
        <source>Find a place…  (Ctrl+F)</source>
        <translation>Знайти населений пункт…  (Ctrl+F)</translation>
    </message>
    <message>
        <source>district of {city}, {region}</source>
        <translation>район міста {city}, {region}</translation>
    </message>
    <message>
        <source>Map of Ukraine</source>
        <extracomment>Layers that start hidden until the user switches them on.</extracomment>
        <translation>Мапа України</translation>
    </message>
    <message>
        <source>The interactive map: control areas, oblasts, places and water. Click an oblast to select it; its figures are in the Statistics panel.</source>
        <translation>Інтерактивна мапа: зони контролю, області, населені пункти й водні об&apos;єкти. Клацніть область, щоб виділити її; її показники — на панелі «Статистика».</translation>
    </message>
</context>
<context>
    <name>MapPage</name>
    <message>
        <source>Legend</source>
        <extracomment>The page&apos;s own words, as atlas.js and settlements.js write them ({values} filled there).</extracomment>
        <translation>Умовні позначення</translation>
    </message>
    <message>
        <source>Show or hide the legend</source>
        <translation>Показати або сховати умовні позначення</translation>
    </message>
    <message>
        <source>Annexation claims (2014, 2022)</source>
        <translation>Заявлена анексія (2014, 2022)</translation>
    </message>
    <message>
        <source>To the occupying side</source>
        <translation>До окупанта</translation>
    </message>
    <message>
        <source>Returned to Ukraine</source>
        <translation>Повертається Україні</translation>
    </message>
    <message>
        <source>Demilitarized zone</source>
        <translation>Демілітаризована зона</translation>
    </message>
    <message>
        <source>Line of contact</source>
        <translation>Лінія зіткнення</translation>
    </message>
    <message>
        <source>Gained by the occupying side</source>
        <translation>Захоплено окупантом</translation>
    </message>
    <message>
        <source>Regained by Ukraine</source>
        <translation>Звільнено Україною</translation>
    </message>
    <message>
        <source>Oblast</source>
        <translation>Область</translation>
    </message>
    <message>
        <source>Selected</source>
        <translation>Вибрано</translation>
    </message>
    <message>
        <source>City</source>
        <translation>Місто</translation>
    </message>
    <message>
        <source>Settlement</source>
        <translation>Населений пункт</translation>
    </message>
    <message>
        <source>Settlement held by the occupying side</source>
        <translation>Населений пункт під окупацією</translation>
    </message>
    <message>
        <source>River</source>
        <translation>Річка</translation>
    </message>
    <message>
        <source>Lake or reservoir</source>
        <translation>Озеро або водосховище</translation>
    </message>
    <message>
        <source>Kakhovka reservoir, drained since June 2023</source>
        <translation>Каховське водосховище, спущене з червня 2023 року</translation>
    </message>
    <message>
        <source>Area</source>
        <translation>Площа</translation>
    </message>
    <message>
        <source>Occupied</source>
        <translation>Окуповано</translation>
    </message>
    <message>
        <source>Occupied share</source>
        <translation>Частка окупованої</translation>
    </message>
    <message>
        <source>of which reconciled</source>
        <translation>з них узгоджено</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Тип</translation>
    </message>
    <message>
        <source>oblast</source>
        <translation>область</translation>
    </message>
    <message>
        <source>city with special status</source>
        <translation>місто зі спеціальним статусом</translation>
    </message>
    <message>
        <source>autonomous republic</source>
        <translation>автономна республіка</translation>
    </message>
    <message>
        <source>{km2} km²</source>
        <translation>{km2} км²</translation>
    </message>
    <message>
        <source>{n} km</source>
        <translation>{n} км</translation>
    </message>
    <message>
        <source>{n} m</source>
        <translation>{n} м</translation>
    </message>
    <message>
        <source>{label} (not counted as occupied)</source>
        <translation>{label} (не зараховується як окупована)</translation>
    </message>
    <message>
        <source>Line of contact after, {km} km</source>
        <translation>Лінія зіткнення після, {km} км</translation>
    </message>
    <message>
        <source>Demilitarized zone, {km} km each side</source>
        <translation>Демілітаризована зона, {km} км з кожного боку</translation>
    </message>
    <message>
        <source>{what} since {date}</source>
        <translation>{what} з {date}</translation>
    </message>
    <message>
        <source>Control areas: {credit}</source>
        <translation>Зони контролю: {credit}</translation>
    </message>
    <message>
        <source>population {n} (GeoNames est.)</source>
        <translation>населення {n} (оцінка GeoNames)</translation>
    </message>
    <message>
        <source>population not known</source>
        <translation>населення невідоме</translation>
    </message>
    <message>
        <source>held by the occupying side</source>
        <translation>під окупацією</translation>
    </message>
    <message>
        <source>not held by the occupying side</source>
        <translation>не під окупацією</translation>
    </message>
    <message>
        <source>held by the occupying side on {date}</source>
        <translation>під окупацією на {date}</translation>
    </message>
    <message>
        <source>not held by the occupying side on {date}</source>
        <translation>не під окупацією на {date}</translation>
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
    <name>Method</name>
    <message>
        <source>Open control-area data to see how its figures are made.</source>
        <translation>Відкрийте дані про зони контролю, щоб побачити, як отримано їхні показники.</translation>
    </message>
    <message>
        <source>How the figures in the tables, tooltips, proposals and exports are made. The same text goes into every data export.</source>
        <translation>Як отримано показники в таблицях, підказках, пропозиціях та експорті. Той самий текст додається до кожного експорту даних.</translation>
    </message>
    <message>
        <source>Added per unit</source>
        <translation>Додано за одиницями</translation>
    </message>
    <message>
        <source>none</source>
        <translation>немає</translation>
    </message>
    <message>
        <source>km²</source>
        <translation>км²</translation>
    </message>
</context>
<context>
    <name>Online</name>
    <message>
        <source>Fetch control data online?</source>
        <translation>Завантажувати дані контролю з інтернету?</translation>
    </message>
    <message>
        <source>Allow</source>
        <translation>Дозволити</translation>
    </message>
    <message>
        <source>Not Now</source>
        <translation>Не зараз</translation>
    </message>
    <message>
        <source>DeepStateMap&apos;s maps and its list of map updates</source>
        <translation>мапи DeepStateMap і список їхніх оновлень</translation>
    </message>
    <message>
        <source>the public mirror of DeepStateMap&apos;s daily maps ({repository}), if DeepStateMap refuses the list</source>
        <translation>публічне дзеркало щоденних мап DeepStateMap ({repository}), якщо DeepStateMap не надасть список</translation>
    </message>
    <message>
        <source>Frontline Atlas works offline. To fetch control-area data it connects to:</source>
        <translation>Frontline Atlas працює офлайн. Щоб завантажити дані про зони контролю, він під&apos;єднується до:</translation>
    </message>
    <message>
        <source>It connects only when you ask for data. These servers see your IP address, as with any web request; Frontline Atlas sends them nothing else.

You will not be asked again. Preferences ▸ &quot;Allow fetching control data online&quot; withdraws this.</source>
        <translation>Під&apos;єднання відбувається лише тоді, коли ви запитуєте дані. Ці сервери бачать вашу IP-адресу, як і під час будь-якого вебзапиту; нічого іншого Frontline Atlas їм не надсилає.

Більше вас про це не питатимуть. Відкликати дозвіл можна в Налаштуваннях ▸ «Дозволити завантаження даних контролю з інтернету».</translation>
    </message>
    <message>
        <source>(the address set in {variables})</source>
        <translation>(адреса, задана в {variables})</translation>
    </message>
    <message>
        <source>{names} and {last}</source>
        <translation>{names} і {last}</translation>
    </message>
</context>
<context>
    <name>Pack</name>
    <message>
        <source>overview</source>
        <extracomment>The pages&apos; kinds (the template&apos;s words) as the dialog names them; translated when shown.</extracomment>
        <translation>огляд</translation>
    </message>
    <message>
        <source>sector</source>
        <translation>ділянка</translation>
    </message>
    <message>
        <source>change</source>
        <translation>зміни</translation>
    </message>
    <message>
        <source>table</source>
        <translation>таблиця</translation>
    </message>
    <message>
        <source>chart</source>
        <translation>графік</translation>
    </message>
    <message>
        <source>Writing {file}</source>
        <translation>Запис {file}</translation>
    </message>
    <message>
        <source>Briefing templates</source>
        <translation>Шаблони брифінгу</translation>
    </message>
    <message>
        <source>Export a morning pack</source>
        <translation>Експорт ранкового пакета</translation>
    </message>
    <message>
        <source>Page</source>
        <translation>Сторінка</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Мова</translation>
    </message>
    <message>
        <source> days before the day</source>
        <translation> дн. до дати пакета</translation>
    </message>
    <message>
        <source>Where the front moved (or UA-14, annexed-2022, W,S,E,N)</source>
        <translation>Де зрушив фронт (або UA-14, annexed-2022, W,S,E,N)</translation>
    </message>
    <message>
        <source>Change since</source>
        <translation>Зміни від</translation>
    </message>
    <message>
        <source>Sector</source>
        <translation>Ділянка</translation>
    </message>
    <message>
        <source>Author</source>
        <translation>Автор</translation>
    </message>
    <message>
        <source>Banner</source>
        <translation>Банер</translation>
    </message>
    <message>
        <source>Pages</source>
        <translation>Сторінки</translation>
    </message>
    <message>
        <source>Load Template…</source>
        <translation>Завантажити шаблон…</translation>
    </message>
    <message>
        <source>Save Template…</source>
        <translation>Зберегти шаблон…</translation>
    </message>
    <message>
        <source>{first} and {last}</source>
        <translation>{first} і {last}</translation>
    </message>
    <message>
        <source>({pages} need a history: left out for a single file)</source>
        <translation>({pages}: потрібна історія; для одного файлу пропущено)</translation>
    </message>
    <message>
        <source>Save the morning pack</source>
        <translation>Зберегти ранковий пакет</translation>
    </message>
    <message>
        <source>Wrote {path} ({count} pages)</source>
        <translation>Записано {path} (сторінок: {count})</translation>
    </message>
    <message>
        <source>Load a briefing template</source>
        <translation>Завантажити шаблон брифінгу</translation>
    </message>
    <message>
        <source>Loading the template</source>
        <translation>Завантаження шаблону</translation>
    </message>
    <message>
        <source>Save the briefing template</source>
        <translation>Зберегти шаблон брифінгу</translation>
    </message>
    <message>
        <source>Saving the template</source>
        <translation>Збереження шаблону</translation>
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
    <name>Preferences</name>
    <message>
        <source>Follow the system</source>
        <translation>Як у системі</translation>
    </message>
    <message>
        <source>Same as the app</source>
        <translation>Як у застосунку</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Світла</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Темна</translation>
    </message>
    <message>
        <source>English</source>
        <translation>Англійська</translation>
    </message>
    <message>
        <source>Ukrainian (українською)</source>
        <translation>Українська</translation>
    </message>
    <message>
        <source>Standard</source>
        <translation>Стандартна</translation>
    </message>
    <message>
        <source>Colour-blind safe</source>
        <translation>Для людей з порушенням кольорового зору</translation>
    </message>
    <message>
        <source>Preferences</source>
        <translation>Налаштування</translation>
    </message>
    <message>
        <source>Show an online basemap (OpenStreetMap tiles)</source>
        <translation>Показувати онлайн-підкладку (тайли OpenStreetMap)</translation>
    </message>
    <message>
        <source>Off by default: the map then needs no network. When on, map tiles are downloaded from OpenStreetMap&apos;s servers.</source>
        <translation>Типово вимкнено: тоді мапі не потрібна мережа. Якщо ввімкнено, тайли мапи завантажуються із серверів OpenStreetMap.</translation>
    </message>
    <message>
        <source>Allow fetching control data online (asked once)</source>
        <translation>Дозволити завантаження даних контролю з інтернету (запит лише один раз)</translation>
    </message>
    <message>
        <source>Fetching control data contacts {hosts}, only when you ask for data. Unticked, Frontline Atlas asks before it next goes online.</source>
        <translation>Для завантаження даних контролю застосунок звертається до {hosts} — лише коли ви запитуєте дані. Якщо прапорець знято, Frontline Atlas запитає дозволу, перш ніж наступного разу вийти в інтернет.</translation>
    </message>
    <message>
        <source> km</source>
        <translation> км</translation>
    </message>
    <message>
        <source>Border and coast reconciliation tolerance</source>
        <translation>Допуск узгодження кордону й узбережжя</translation>
    </message>
    <message>
        <source>Count contested (grey zone) areas as occupied</source>
        <translation>Зараховувати сіру зону до окупованих територій</translation>
    </message>
    <message>
        <source>Where a source marks contested land (DeepStateMap&apos;s grey zone), it is shown and measured on its own and not counted as occupied unless this is ticked. A history never counts it, so that its dates compare. The Method panel says which.</source>
        <translation>Якщо джерело позначає сіру зону (як DeepStateMap), її показують і вимірюють окремо та не зараховують до окупованих територій, доки цей прапорець не встановлено. В історії її не зараховують ніколи, щоб дати можна було порівнювати. Панель «Методика» показує, як саме пораховано.</translation>
    </message>
    <message>
        <source>Colour palette</source>
        <translation>Палітра кольорів</translation>
    </message>
    <message>
        <source>Applies when Frontline Atlas starts next</source>
        <translation>Діятиме з наступного запуску Frontline Atlas</translation>
    </message>
    <message>
        <source>The app&apos;s language</source>
        <translation>Мова застосунку</translation>
    </message>
    <message>
        <source>Applies when Frontline Atlas starts next (the translation is under way: menus and panels first)</source>
        <translation>Діятиме з наступного запуску Frontline Atlas (переклад ще триває: спершу меню й панелі)</translation>
    </message>
    <message>
        <source>Light or dark theme</source>
        <translation>Світла чи темна тема</translation>
    </message>
    <message>
        <source>Applies when Frontline Atlas starts next; briefing maps stay light</source>
        <translation>Діятиме з наступного запуску Frontline Atlas; брифінгові мапи лишаються світлими</translation>
    </message>
    <message>
        <source>Language of place names on the map</source>
        <translation>Мова назв місць на мапі</translation>
    </message>
    <message>
        <source>Border and coast reconciliation:</source>
        <translation>Допуск узгодження кордону й узбережжя:</translation>
    </message>
    <message>
        <source>Colours (from the next start):</source>
        <translation>Кольори (з наступного запуску):</translation>
    </message>
    <message>
        <source>Theme (from the next start):</source>
        <translation>Тема (з наступного запуску):</translation>
    </message>
    <message>
        <source>Language (from the next start):</source>
        <translation>Мова (з наступного запуску):</translation>
    </message>
    <message>
        <source>Place names on the map:</source>
        <translation>Назви місць на мапі:</translation>
    </message>
    <message>
        <source>Not-held slivers narrower than this between occupied land and Ukraine&apos;s state border or coast count as occupied: they come from the boundaries and the control data drawing the border at different scales. 0 gives the raw intersection. The Method panel says what it added.</source>
        <translation>Вузькі смужки між окупованою територією та державним кордоном чи узбережжям України, не позначені як окуповані й вужчі за це значення, зараховуються до окупованих: вони виникають через те, що адміністративні межі й дані контролю проводять кордон у різних масштабах. 0 — простий перетин без узгодження. Панель «Методика» показує, скільки додано.</translation>
    </message>
</context>
<context>
    <name>Proposals</name>
    <message>
        <source>New proposal from an area</source>
        <translation>Нова пропозиція з ділянки</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Назва</translation>
    </message>
    <message>
        <source>passes to Ukraine</source>
        <translation>переходить до України</translation>
    </message>
    <message>
        <source>passes to the occupying side</source>
        <translation>переходить до сторони-окупанта</translation>
    </message>
    <message>
        <source>The area</source>
        <translation>Ділянка</translation>
    </message>
    <message>
        <source>What this proposal is, and where it comes from</source>
        <translation>Що це за пропозиція і звідки вона походить</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Опис</translation>
    </message>
    <message>
        <source>The area covers {area} km² inside Ukraine.</source>
        <translation>Ділянка охоплює {area} км² у межах України.</translation>
    </message>
    <message>
        <source>Of it, {area} km² changes hands on the map shown.</source>
        <translation>З них {area} км² переходить під інший контроль на показаній мапі.</translation>
    </message>
    <message>
        <source>Editing the area: {corners} corners — drag one to move it, right-click one to delete it; Enter finishes, Esc cancels</source>
        <extracomment>Emitted when the shown results change: (result or None, result or None). Emitted after a new proposal of the user&apos;s own is saved (its id).</extracomment>
        <translation>Редагування ділянки, вершин: {corners} — перетягніть вершину, щоб пересунути її, клацніть правою кнопкою, щоб видалити; Enter завершує, Esc скасовує</translation>
    </message>
    <message>
        <source>Applying “{name}”…</source>
        <translation>Застосування «{name}»…</translation>
    </message>
    <message>
        <source>Applying the proposal</source>
        <translation>Застосування пропозиції</translation>
    </message>
    <message>
        <source>double-click or Enter to finish</source>
        <translation>подвійне клацання або Enter — завершити</translation>
    </message>
    <message>
        <source>{count} more to make an area</source>
        <translation>ще {count}, щоб утворилася ділянка</translation>
    </message>
    <message>
        <source>Drawing an area: {corners} corner — click to add, {finish}; Backspace takes one back, Esc cancels</source>
        <translation>Креслення ділянки, вершин: {corners} — клацніть, щоб додати, {finish}; Backspace прибирає останню, Esc скасовує</translation>
    </message>
    <message>
        <source>Drawing an area: {corners} corners — click to add, {finish}; Backspace takes one back, Esc cancels</source>
        <translation>Креслення ділянки, вершин: {corners} — клацніть, щоб додати, {finish}; Backspace прибирає останню, Esc скасовує</translation>
    </message>
    <message>
        <source>Drawing cancelled</source>
        <translation>Креслення скасовано</translation>
    </message>
    <message>
        <source>Geodata files</source>
        <translation>Файли геоданих</translation>
    </message>
    <message>
        <source>All files</source>
        <translation>Усі файли</translation>
    </message>
    <message>
        <source>Import an area</source>
        <translation>Імпорт ділянки</translation>
    </message>
    <message>
        <source>Reading {file}</source>
        <translation>Читання {file}</translation>
    </message>
    <message>
        <source>Importing {file}</source>
        <translation>Імпорт {file}</translation>
    </message>
    <message>
        <source>The area lies outside Ukraine (or is too small to count); nothing to propose</source>
        <translation>Ділянка лежить поза межами України (або замала, щоб її враховувати); пропонувати нічого</translation>
    </message>
    <message>
        <source>Saved the proposal “{name}” in {folder}</source>
        <translation>Пропозицію «{name}» збережено в {folder}</translation>
    </message>
    <message>
        <source>Drawn area {number}</source>
        <translation>Накреслена ділянка {number}</translation>
    </message>
    <message>
        <source>Saving {file}</source>
        <translation>Збереження {file}</translation>
    </message>
    <message>
        <source>Saved the new corners of “{name}”</source>
        <translation>Нові вершини «{name}» збережено</translation>
    </message>
    <message>
        <source>Rename the proposal</source>
        <translation>Перейменувати пропозицію</translation>
    </message>
    <message>
        <source>Renaming {file}</source>
        <translation>Перейменування {file}</translation>
    </message>
    <message>
        <source>Renamed the proposal to “{name}”</source>
        <translation>Пропозицію перейменовано на «{name}»</translation>
    </message>
    <message>
        <source>Delete the proposal “{name}”? Its file {file} is removed.</source>
        <translation>Видалити пропозицію «{name}»? Її файл {file} буде вилучено.</translation>
    </message>
    <message>
        <source>Delete the proposal</source>
        <translation>Видалити пропозицію</translation>
    </message>
    <message>
        <source>Deleting {file}</source>
        <translation>Видалення {file}</translation>
    </message>
    <message>
        <source>Deleted the proposal {id}</source>
        <translation>Пропозицію {id} видалено</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Немає</translation>
    </message>
    <message>
        <source>no zone</source>
        <translation>без зони</translation>
    </message>
    <message>
        <source> km each side</source>
        <translation> км з кожного боку</translation>
    </message>
    <message>
        <source>Demilitarized zone width</source>
        <translation>Ширина демілітаризованої зони</translation>
    </message>
    <message>
        <source>The width of the proposal&apos;s demilitarized zone</source>
        <translation>Ширина демілітаризованої зони за пропозицією</translation>
    </message>
    <message>
        <source>Proposal shown on the map</source>
        <translation>Пропозиція, показана на мапі</translation>
    </message>
    <message>
        <source>The proposal</source>
        <translation>Основна пропозиція</translation>
    </message>
    <message>
        <source>The one compared with</source>
        <translation>Та, з якою порівнюємо</translation>
    </message>
    <message>
        <source>Proposal</source>
        <translation>Пропозиція</translation>
    </message>
    <message>
        <source>Compare with</source>
        <translation>Порівняти з</translation>
    </message>
    <message>
        <source>Zone width</source>
        <translation>Ширина зони</translation>
    </message>
    <message>
        <source>Map shows</source>
        <translation>На мапі</translation>
    </message>
    <message>
        <source>The proposal&apos;s figures by oblast and group</source>
        <translation>Показники пропозиції за областями та групами</translation>
    </message>
    <message>
        <source>Draw area…</source>
        <translation>Накреслити ділянку…</translation>
    </message>
    <message>
        <source>Draw a polygon on the map (click corners, double-click to finish, Esc to cancel); it becomes a proposal of your own</source>
        <translation>Накресліть полігон на мапі (клацайте вершини, подвійне клацання — завершити, Esc — скасувати); він стане вашою власною пропозицією</translation>
    </message>
    <message>
        <source>Import area…</source>
        <translation>Імпортувати ділянку…</translation>
    </message>
    <message>
        <source>Make a proposal from a polygon in a file</source>
        <translation>Створити пропозицію з полігона у файлі</translation>
    </message>
    <message>
        <source>Edit corners…</source>
        <translation>Редагувати вершини…</translation>
    </message>
    <message>
        <source>Move the corners of your drawn area on the map: drag a corner, right-click one to delete it, Enter to finish, Esc to cancel</source>
        <translation>Пересуньте вершини накресленої вами ділянки на мапі: перетягніть вершину; клацання правою кнопкою видаляє її; Enter — завершити, Esc — скасувати</translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation>Перейменувати…</translation>
    </message>
    <message>
        <source>Rename the chosen proposal of your own</source>
        <translation>Перейменувати вибрану власну пропозицію</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>Видалити…</translation>
    </message>
    <message>
        <source>Delete the chosen proposal of your own</source>
        <translation>Видалити вибрану власну пропозицію</translation>
    </message>
    <message>
        <source>{name}  (yours)</source>
        <translation>{name}  (ваша)</translation>
    </message>
    <message>
        <source>Stop drawing</source>
        <translation>Зупинити креслення</translation>
    </message>
    <message>
        <source>Choose a proposal to see what it would change, per oblast and in all.</source>
        <translation>Виберіть пропозицію, щоб побачити, що вона змінила б — за областями і загалом.</translation>
    </message>
    <message>
        <source>Sources: {sources}</source>
        <translation>Джерела: {sources}</translation>
    </message>
    <message>
        <source>{name}: {pct} % occupied; {km2} km² claimed, not occupied</source>
        <translation>{name}: окуповано {pct} %; {km2} км² заявлено, але не окуповано</translation>
    </message>
    <message>
        <source>Annexation claims</source>
        <translation>Заявлена анексія</translation>
    </message>
    <message>
        <source>Occupied
before %</source>
        <translation>Окуповано
до, %</translation>
    </message>
    <message>
        <source>Occupied
%</source>
        <translation>Окуповано
%</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>Регіон</translation>
    </message>
    <message>
        <source>After
%{mark}</source>
        <translation>Після
%{mark}</translation>
    </message>
    <message>
        <source>Change
km²{mark}</source>
        <translation>Зміна
км²{mark}</translation>
    </message>
    <message>
        <source>Change
pp</source>
        <translation>Зміна
в. п.</translation>
    </message>
    <message>
        <source>Zone km²
occupied</source>
        <translation>Зона, км²
окупована</translation>
    </message>
    <message>
        <source>Zone km²
Ukrainian</source>
        <translation>Зона, км²
українська</translation>
    </message>
</context>
<context>
    <name>Statistics</name>
    <message>
        <source>Reading {name}…</source>
        <extracomment>What the progress bar says at each step (English; translated where reported).</extracomment>
        <translation>Зчитування {name}…</translation>
    </message>
    <message>
        <source>Computing statistics…</source>
        <translation>Обчислення статистики…</translation>
    </message>
    <message>
        <source>Preparing the map…</source>
        <translation>Підготовка мапи…</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Готово</translation>
    </message>
    <message>
        <source>Occupied area by oblast and group</source>
        <translation>Окупована площа за областями та групами</translation>
    </message>
    <message>
        <source>Copy as TSV</source>
        <translation>Копіювати як TSV</translation>
    </message>
    <message>
        <source>How these figures are made</source>
        <translation>Як отримано ці показники</translation>
    </message>
    <message>
        <source>How these figures are made: the method, in the manual</source>
        <translation>Як отримано ці показники: методика в посібнику</translation>
    </message>
    <message>
        <source>reading it was stopped by the system (signal {signal}), most likely for lack of memory</source>
        <translation>система зупинила зчитування (сигнал {signal}), найімовірніше через брак пам&apos;яті</translation>
    </message>
    <message>
        <source>reading it stopped unexpectedly (exit status {status})</source>
        <translation>зчитування несподівано припинилося (код завершення {status})</translation>
    </message>
    <message>
        <source>it needs more than the {gib} GiB of memory a file may use</source>
        <translation>для нього потрібно більше ніж {gib} ГіБ пам&apos;яті, дозволених для одного файлу</translation>
    </message>
    <message>
        <source>Region</source>
        <extracomment>Column titles (English; shown with :func:`column_title`). A title&apos;s first space becomes a line break in the header.</extracomment>
        <translation>Регіон</translation>
    </message>
    <message>
        <source>Area km²</source>
        <translation>Площа, км²</translation>
    </message>
    <message>
        <source>Occupied km²</source>
        <translation>Окуповано, км²</translation>
    </message>
    <message>
        <source>Occupied %</source>
        <translation>Окуповано, %</translation>
    </message>
    <message>
        <source>Annexed 2022</source>
        <extracomment>Short names for the group rows, to fit the panel; the tooltip and copies give the full name. English; shown with :func:`group_label`.</extracomment>
        <translation>Анексовані у 2022</translation>
    </message>
    <message>
        <source>Annexed 2014</source>
        <translation>Анексовані у 2014</translation>
    </message>
    <message>
        <source>All of Ukraine</source>
        <translation>Уся Україна</translation>
    </message>
    <message>
        <source>Occupied km² include {km2} km² of border and coast slivers</source>
        <extracomment>A sort key for names in the language in use (Ukrainian in the Ukrainian alphabet&apos;s order).</extracomment>
        <translation>Окупована площа включає {km2} км² прикордонних і прибережних смужок</translation>
    </message>
</context>
<context>
    <name>Tables</name>
    <message>
        <source>Region</source>
        <translation>Регіон</translation>
    </message>
    <message>
        <source>A km²</source>
        <translation>A, км²</translation>
    </message>
    <message>
        <source>A %</source>
        <translation>A, %</translation>
    </message>
    <message>
        <source>B km²</source>
        <translation>B, км²</translation>
    </message>
    <message>
        <source>B %</source>
        <translation>B, %</translation>
    </message>
    <message>
        <source>B - A
km²</source>
        <translation>B − A
км²</translation>
    </message>
    <message>
        <source>Only in A
km²</source>
        <translation>Лише в A
км²</translation>
    </message>
    <message>
        <source>Only in B
km²</source>
        <translation>Лише в B
км²</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>Населений пункт</translation>
    </message>
    <message>
        <source>Ukrainian</source>
        <translation>Українська назва</translation>
    </message>
    <message>
        <source>Oblast</source>
        <translation>Область</translation>
    </message>
    <message>
        <source>People*</source>
        <translation>Населення*</translation>
    </message>
    <message>
        <source>Held in</source>
        <translation>Під окупацією в</translation>
    </message>
</context>
<context>
    <name>Timeline</name>
    <message>
        <source>Opening the history store</source>
        <translation>Відкриття сховища історії</translation>
    </message>
    <message>
        <source>History store rebuilt</source>
        <translation>Сховище історії створено заново</translation>
    </message>
    <message>
        <source>The history store was damaged and could not be read, so a new one was started; statistics will be computed again.

The old file is kept as {file}

({reason})</source>
        <translation>Сховище історії пошкоджено, і його не вдалося прочитати, тому створено нове; статистику буде обчислено заново.

Старий файл збережено як {file}

({reason})</translation>
    </message>
    <message>
        <source>History store read-only</source>
        <translation>Сховище історії лише для читання</translation>
    </message>
    <message>
        <source>The figures already in the history store are shown, but new ones cannot be kept: {reason}.

{path}</source>
        <translation>Показано дані, які вже є у сховищі історії, але нові зберегти неможливо: {reason}.

{path}</translation>
    </message>
    <message>
        <source>Open a history: a folder of dated files</source>
        <translation>Відкрити історію: теку датованих файлів</translation>
    </message>
    <message>
        <source>Open a history: one file with a date column</source>
        <translation>Відкрити історію: один файл зі стовпцем дати</translation>
    </message>
    <message>
        <source>Geodata files ({patterns})</source>
        <translation>Файли геоданих ({patterns})</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>Усі файли (*)</translation>
    </message>
    <message>
        <source>Opening the history {name}</source>
        <translation>Відкриття історії {name}</translation>
    </message>
    <message>
        <source>Opening a history</source>
        <translation>Відкриття історії</translation>
    </message>
    <message>
        <source>Fetching DeepStateMap updates</source>
        <translation>Завантаження оновлень DeepStateMap</translation>
    </message>
    <message>
        <source>Fetching DeepStateMap&apos;s latest map</source>
        <translation>Завантаження останньої мапи DeepStateMap</translation>
    </message>
    <message>
        <source>{task} already; Cancel stops it.</source>
        <translation>{task} уже триває; «Скасувати» зупиняє його.</translation>
    </message>
    <message>
        <source>the first: {file}</source>
        <translation>перший: {file}</translation>
    </message>
    <message>
        <source>{source}: {n} file(s) could not be read and are left out; the first: {file}</source>
        <translation>{source}: не вдалося прочитати файлів: {n}, їх пропущено; перший: {file}</translation>
    </message>
    <message>
        <source>Showing {date}</source>
        <translation>Показ {date}</translation>
    </message>
    <message>
        <source>Open a history to see control over time</source>
        <translation>Відкрийте історію, щоб побачити зміни контролю в часі</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>День</translation>
    </message>
    <message>
        <source>Week</source>
        <translation>Тиждень</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>Місяць</translation>
    </message>
    <message>
        <source>No history open</source>
        <translation>Історію не відкрито</translation>
    </message>
    <message>
        <source>Open History…</source>
        <translation>Відкрити історію…</translation>
    </message>
    <message>
        <source>Previous date (by the step)</source>
        <translation>Попередня дата (на крок)</translation>
    </message>
    <message>
        <source>▶ Play</source>
        <translation>▶ Відтворити</translation>
    </message>
    <message>
        <source>Play through the dates</source>
        <translation>Відтворити дати по черзі</translation>
    </message>
    <message>
        <source>Next date (by the step)</source>
        <translation>Наступна дата (на крок)</translation>
    </message>
    <message>
        <source>Step between dates</source>
        <translation>Крок між датами</translation>
    </message>
    <message>
        <source>Compare with</source>
        <translation>Порівняти з</translation>
    </message>
    <message>
        <source>Compare the date shown with another date (Alt+C)</source>
        <translation>Порівняти показану дату з іншою (Alt+C)</translation>
    </message>
    <message>
        <source>Date to compare with</source>
        <translation>Дата для порівняння</translation>
    </message>
    <message>
        <source>Chart units</source>
        <translation>Одиниці графіка</translation>
    </message>
    <message>
        <source>km²</source>
        <translation>км²</translation>
    </message>
    <message>
        <source>Chart&apos;s lower panel: change per period or rate</source>
        <translation>Нижня панель графіка: зміна за період або темп</translation>
    </message>
    <message>
        <source>Go to date…</source>
        <translation>Перейти до дати…</translation>
    </message>
    <message>
        <source>Go to date</source>
        <translation>Перейти до дати</translation>
    </message>
    <message>
        <source>Type a date (YYYY-MM-DD or DD.MM.YYYY) and press Enter (Ctrl+G)</source>
        <translation>Введіть дату (ДД.ММ.РРРР або РРРР-ММ-ДД) і натисніть Enter (Ctrl+G)</translation>
    </message>
    <message>
        <source>{text} is not a date: type YYYY-MM-DD or DD.MM.YYYY</source>
        <translation>{text} — не дата: введіть ДД.ММ.РРРР або РРРР-ММ-ДД</translation>
    </message>
    <message>
        <source>Export chart…</source>
        <translation>Експорт графіка…</translation>
    </message>
    <message>
        <source>Save the chart as PNG or SVG, or its data as CSV</source>
        <translation>Зберегти графік як PNG або SVG чи його дані як CSV</translation>
    </message>
    <message>
        <source>Date shown</source>
        <translation>Показана дата</translation>
    </message>
    <message>
        <source>Change between the two dates, by oblast</source>
        <translation>Зміна між двома датами за областями</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>Регіон</translation>
    </message>
    <message>
        <source>Held %
then</source>
        <translation>Окуповано, %
тоді</translation>
    </message>
    <message>
        <source>Held %
now</source>
        <translation>Окуповано, %
зараз</translation>
    </message>
    <message>
        <source>Change
km²</source>
        <translation>Зміна,
км²</translation>
    </message>
    <message>
        <source>Chart of the share held over time</source>
        <translation>Графік окупованої частки в часі</translation>
    </message>
    <message>
        <source>{date} is before the history&apos;s first map: {shown} is shown</source>
        <translation>{date} — раніше за першу мапу історії: показано {shown}</translation>
    </message>
    <message>
        <source>{date} is after the history&apos;s last map: {shown} is shown</source>
        <translation>{date} — пізніше за останню мапу історії: показано {shown}</translation>
    </message>
    <message>
        <source>No history open: open a folder of dated control files (File ▸ Open History), or fetch DeepStateMap&apos;s updates.</source>
        <translation>Історію не відкрито: відкрийте теку датованих файлів контролю (Файл ▸ Відкрити теку історії) або завантажте оновлення DeepStateMap.</translation>
    </message>
    <message>
        <source>{source}: {n} dates, {first} … {last}</source>
        <translation>{source}: кількість дат — {n}, {first} … {last}</translation>
    </message>
    <message>
        <source>{n} days without a map, shaded</source>
        <translation>днів без мапи: {n}, їх затінено</translation>
    </message>
    <message>
        <source>Change since {date}, coloured as the map&apos;s change layer: gained by the occupying side, or regained by Ukraine</source>
        <translation>Зміна від {date}, кольори як у шарі змін на мапі: захоплено окупантом або звільнено Україною</translation>
    </message>
    <message>
        <source>no map for {date}; showing the day before</source>
        <translation>немає мапи за {date}; показано попередню дату</translation>
    </message>
    <message>
        <source>❚❚ Pause</source>
        <translation>❚❚ Пауза</translation>
    </message>
    <message>
        <source>Dates with a map (grey) and gaps in the data (amber)</source>
        <translation>Дати з мапою (сірим) і прогалини в даних (бурштиновим)</translation>
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
