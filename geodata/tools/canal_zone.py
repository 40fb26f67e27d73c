#!/usr/bin/env python3
"""Build an APPROXIMATE outline of the former Panama Canal Zone (1903-1979).

No public dataset of the Zone boundary was found, so this script approximates
it from the treaty description, following the recipe in the research notes
(geodata-sources/PLACES.md, "How to approximate"):

1. buffer the approximate canal route (basemap/panama_canal_route_approx.geojson)
   by 8.05 km (the 1903 treaty's "five miles on each side of the center line")
   in UTM zone 17N (EPSG:32617);
2. limit that strip to the EPSG area "Panama - Canal Zone" (EPSG extent 2385:
   lon -80.0601..-79.4697, lat 8.8229..9.4425), which stands in for the
   treaty's "three marine miles" into the Caribbean and the Pacific - the Zone
   included those waters, so the strip is NOT clipped to the shoreline;
3. union it with Gatun Lake (basemap/gatun_lake_gshhg_f.geojson) - the
   reservoirs made for the locks were part of the Zone - and fill the holes
   (islands in the lake);
4. subtract Panama City (east of the old Fourth of July Avenue, now Avenida de
   los Martires: El Chorrillo, San Felipe, Santa Ana, Calidonia and the city
   beyond, with its waterfront) and Colon (the northern part of Manzanillo
   Island).  Ancon, Quarry Heights, Balboa, Albrook, Corozal and Cristobal stay
   inside, as they were.  These two cut-outs are a rough reading of
   descriptions, NOT sourced geometry; the El Chorrillo edge follows the INEC
   2023 corregimiento polygon;
5. simplify with a 100 m tolerance (in UTM), round to 5 decimals, make every
   exterior ring counter-clockwise (RFC 7946) and check validity.

The real boundary was adjusted by later conventions (1914 and after) and did
not follow a clean buffer; expect errors of a few kilometres.

Output: geodata/canal_zone_approx.geojson (one Feature).  The story's
places.geojson copies that geometry into the `canal-zone` place.

Run:  python3 -m venv /tmp/cz && /tmp/cz/bin/pip install shapely pyproj
      /tmp/cz/bin/python geodata/tools/canal_zone.py
Tested with shapely 2.2.0, pyproj 3.7.2 (numpy comes with shapely).
"""

import json
import os
import sys

from pyproj import Geod, Transformer
import numpy
import shapely
from shapely import make_valid, set_precision
from shapely.geometry import MultiPolygon, Polygon, box, mapping, shape
from shapely.geometry.polygon import orient
from shapely.ops import unary_union

HERE = os.path.dirname(os.path.abspath(__file__))
GEODATA = os.path.dirname(HERE)
BASEMAP = os.path.join(GEODATA, "basemap")
OUT = os.path.join(GEODATA, "canal_zone_approx.geojson")

HALF_WIDTH_M = 8047.0  # 5 statute miles
EPSG_2385_EXTENT = (-80.0601, 8.8229, -79.4697, 9.4425)  # lon_min, lat_min, lon_max, lat_max
SIMPLIFY_M = 100.0
DECIMALS = 5

# Rough cut-outs (lon, lat).  Panama City: everything east of a line that runs
# from the shore west of El Chorrillo along the corregimiento's western edge,
# then north-east along Avenida de los Martires to the Legislative Palace area,
# then roughly north along the Curundu river (Albrook stays inside).
PANAMA_CITY = [
    (-79.5510, 8.9430),
    (-79.54994, 8.94673),  # El Chorrillo, south-west corner (INEC polygon)
    (-79.54821, 8.95197),  # El Chorrillo, north-west corner (INEC polygon)
    (-79.5455, 8.9580),
    (-79.5435, 8.9625),
    (-79.5440, 8.9700),
    (-79.5470, 8.9800),
    (-79.5460, 8.9900),
    (-79.5430, 9.0000),
    (-79.5400, 9.0600),
    (-79.3000, 9.0600),
    (-79.3000, 8.9350),
    (-79.5400, 8.9350),
    (-79.5510, 8.9430),
]
# Colon: the northern part of Manzanillo Island (the Cristobal piers to the
# south and the Coco Solo / Margarita shore to the east stay inside).
COLON = [
    (-79.9140, 9.3525),
    (-79.8950, 9.3525),
    (-79.8950, 9.3720),
    (-79.9140, 9.3720),
    (-79.9140, 9.3525),
]


def project(func):
    """Return a function applying a pyproj transform to a shapely geometry."""

    def apply(geom):
        return shapely.transform(geom, lambda xy: numpy.column_stack(func(xy[:, 0], xy[:, 1])))

    return apply


def load_geom(name):
    with open(os.path.join(BASEMAP, name), encoding="utf-8") as f:
        fc = json.load(f)
    return unary_union([shape(ft["geometry"]) for ft in fc["features"]])


def polygons(g):
    if g.is_empty:
        return []
    if g.geom_type == "Polygon":
        return [g]
    if g.geom_type == "MultiPolygon":
        return list(g.geoms)
    if g.geom_type == "GeometryCollection":
        out = []
        for part in g.geoms:
            out.extend(polygons(part))
        return out
    return []


def main():
    to_utm = project(Transformer.from_crs("EPSG:4326", "EPSG:32617", always_xy=True).transform)
    to_ll = project(Transformer.from_crs("EPSG:32617", "EPSG:4326", always_xy=True).transform)

    route = load_geom("panama_canal_route_approx.geojson")
    lake = load_geom("gatun_lake_gshhg_f.geojson")
    chorrillo = load_geom("el_chorrillo_inec2023.geojson")

    strip_u = to_utm(route).buffer(HALF_WIDTH_M, quad_segs=32)
    strip_u = strip_u.intersection(to_utm(box(*EPSG_2385_EXTENT).segmentize(0.01)))
    zone_u = unary_union([strip_u, to_utm(make_valid(lake))])

    # Fill holes: islands in Gatun Lake were Zone territory.
    zone_u = unary_union([Polygon(p.exterior) for p in polygons(zone_u)])

    cut = unary_union([Polygon(PANAMA_CITY), Polygon(COLON), chorrillo])
    zone_u = zone_u.difference(to_utm(cut))

    # Drop slivers (< 0.05 km2) that the cut-outs might leave.
    parts = [p for p in polygons(zone_u) if p.area >= 50_000]
    zone_u = unary_union(parts).simplify(SIMPLIFY_M, preserve_topology=True)

    zone = to_ll(zone_u)
    zone = set_precision(zone, 10 ** -DECIMALS)
    if not zone.is_valid:
        zone = make_valid(zone)
    parts = [orient(p, 1.0) for p in polygons(zone) if not p.is_empty]
    parts.sort(key=lambda p: -p.area)
    zone = parts[0] if len(parts) == 1 else MultiPolygon(parts)
    if not zone.is_valid:
        sys.exit("result is not valid")

    geod = Geod(ellps="WGS84")
    area_km2 = abs(geod.geometry_area_perimeter(zone)[0]) / 1e6

    def rnd(obj):
        if isinstance(obj, (list, tuple)):
            if obj and isinstance(obj[0], float):
                return [round(v, DECIMALS) for v in obj]
            return [rnd(o) for o in obj]
        return obj

    geom = mapping(zone)
    geom = {"type": geom["type"], "coordinates": rnd(geom["coordinates"])}
    # Re-check after rounding.
    check = shape(geom)
    if not check.is_valid:
        sys.exit("rounded result is not valid")
    n_vertices = sum(len(r.coords) for p in polygons(check) for r in [p.exterior, *p.interiors])

    fc = {
        "type": "FeatureCollection",
        "metadata": {
            "what": "APPROXIMATE outline of the former Panama Canal Zone (1903-1979), derived here; not a surveyed boundary",
            "made_by": "geodata/tools/canal_zone.py",
            "method": "8.05 km buffer of the approximate canal route (UTM 17N) limited to the EPSG 2385 'Panama - Canal Zone' extent, plus Gatun Lake, holes filled, minus rough Panama City and Colon cut-outs, simplified 100 m, rounded to 5 decimals",
            "inputs": [
                "basemap/panama_canal_route_approx.geojson (derived from GSHHG 2.3.7, LGPL-3.0-or-later)",
                "basemap/gatun_lake_gshhg_f.geojson (GSHHG 2.3.7, LGPL-3.0-or-later)",
                "EPSG area 'Panama - Canal Zone' (extent 2385) bounding box",
                "basemap/el_chorrillo_inec2023.geojson (INEC Panama 2023 census cartography, licence not stated)",
            ],
            "licence": "derived from GSHHG 2.3.7 (LGPL-3.0-or-later)",
            "area_km2": round(area_km2, 1),
            "area_km2_historic": 1432,
            "vertices": n_vertices,
        },
        "features": [
            {
                "type": "Feature",
                "properties": {"name": "Former Panama Canal Zone (approximate outline)"},
                "geometry": geom,
            }
        ],
    }
    with open(OUT, "w", encoding="utf-8") as f:
        json.dump(fc, f, ensure_ascii=False, separators=(",", ":"))
        f.write("\n")
    print(f"wrote {OUT}: {geom['type']}, {len(polygons(check))} part(s), {n_vertices} vertices, {area_km2:.1f} km2")


if __name__ == "__main__":
    main()
