"""How much a control file may hold: the limits every importer applies."""

#: Largest file read, in bytes. Text formats (GeoJSON, KML) are parsed in memory,
#: which takes several times their size; GDAL streams the binary ones. A document
#: inside an archive (a KMZ's KML) counts as a text file of its own.
MAX_TEXT_FILE_BYTES = 256 * 2**20
MAX_FILE_BYTES = 2 * 2**30
