"""What control files can be read: the one table of import formats, and the size limits.

A format GDAL already reads is one more row in :data:`SUPPORTED_FORMATS`: the
reader, the app's Open dialog, history folders and the error texts follow it.
"""

#: Extension -> human name of every format :func:`geodata.importers.read_control_layer` reads.
SUPPORTED_FORMATS = {
    ".geojson": "GeoJSON",
    ".json": "GeoJSON or DeepStateMap API document",
    ".kml": "KML",
    ".kmz": "KMZ",
    ".shp": "Shapefile",
    ".zip": "zipped Shapefile",
    ".gpkg": "GeoPackage",
    ".fgb": "FlatGeobuf",
}
#: Read by the JSON reader (orjson); every other format by GDAL.
JSON_EXTENSIONS = frozenset({".geojson", ".json"})

#: Largest file read, in bytes. Text formats (GeoJSON, KML) are parsed in memory,
#: which takes several times their size; GDAL streams the binary ones. A document
#: inside an archive (a KMZ's KML) counts as a text file of its own.
MAX_TEXT_FILE_BYTES = 256 * 2**20
MAX_FILE_BYTES = 2 * 2**30
