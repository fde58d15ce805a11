#!/usr/bin/env python3
"""Builds data/lieux.geojson from the shared extraction of the 82's mediation places.

Reads ../shared/data (or the directory given as first argument): lieux-82/lieux-82.geojson
(57 points) and the source rows beside it. Writes places in the field names of the national
standard of mediation places (v1.0.2), multi-values as arrays, with Carto82's provenance
(`sources`, `signalements`). Deterministic: the same inputs give the same bytes.

    python3 data/_scripts/build_lieux.py [SHARED_DATA_DIR]

Standard library only. See data/README.md for every decision taken here.
"""

import csv
import json
import re
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SHARED = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "data"
OUT = ROOT / "data" / "lieux.geojson"

# Points of lieux-82.geojson merged into one place: the first id is the primary one (its
# coordinates, name and address are kept). Reasons in data/README.md.
MERGES = [
    ["france-services-002", "conseiller-numerique-043"],
    ["france-services-004", "conseiller-numerique-044", "conseiller-numerique-042"],
    ["france-services-009", "conseiller-numerique-039"],
    ["france-services-014", "conseiller-numerique-028"],
    ["conseiller-numerique-020", "conseiller-numerique-023"],
    ["france-services-008", "conseiller-numerique-026"],
]

SERVICES = {
    "Prendre en main un smartphone ou une tablette": "Maîtrise des outils numériques du quotidien",
    "Prendre en main un ordinateur": "Maîtrise des outils numériques du quotidien",
    "Utiliser le numérique au quotidien": "Maîtrise des outils numériques du quotidien",
    "Approfondir ma culture numérique": "Compréhension du monde numérique",
    "Accéder à une connexion internet": "Accès internet et matériel informatique",
    "Accéder à du matériel": "Accès internet et matériel informatique",
    "Devenir autonome dans les démarches administratives": "Aide aux démarches administratives",
    "Réaliser des démarches administratives avec un accompagnement": "Aide aux démarches administratives",
    "Favoriser mon insertion professionnelle": "Insertion professionnelle via le numérique",
    "Créer et développer mon entreprise": "Insertion professionnelle via le numérique",
}
PROGRAMMES = {"CNFS": "Conseillers numériques", "France Services": "France Services"}
FRAIS = {"Gratuit": "Gratuit", "Gratuit sous condition": "Gratuit sous condition", "Payant": "Payant"}
ACCOMPAGNEMENT = {
    "Dans un atelier": "Dans un atelier collectif",
    "A ma place": "Accompagnement individuel",
    "Avec de l'aide": "Accompagnement individuel",
    "Seul": "En autonomie",
}
SOURCE_NAMES = {
    "S3": "France services (ANCT)",
    "S4": "Conseillers numériques France Services (ANCT)",
    "S5": "data·inclusion (DORA)",
}
DAYS = ["Mo", "Tu", "We", "Th", "Fr", "Sa"]
DAY_COLUMNS = ["h_lundi", "h_mardi", "h_mercredi", "h_jeudi", "h_vendredi", "h_samedi"]

# Allowed values of the standard (v1.0.2), checked before writing.
STANDARD_ENUMS = {}


def load_standard_enums():
    schema = json.loads((SHARED.parent / "standards" / "standard-mediation-num.schema.json").read_text())
    for field in schema["fields"]:
        pattern = field.get("constraints", {}).get("pattern", "")
        m = re.search(r"\|\)\((.*)\)\)\+\$$", pattern)
        if m:
            STANDARD_ENUMS[field["name"]] = [v.replace("\\(", "(").replace("\\)", ")") for v in m.group(1).split("|")]


def fold(text):
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", " ", text).strip()


def unique(values):
    out = []
    for v in values:
        if v and v not in out:
            out.append(v)
    return out


def phone(raw):
    digits = re.sub(r"\D", "", raw or "")
    if digits.startswith("33") and len(digits) == 11:
        digits = digits[2:]
    if digits.startswith("0") and len(digits) == 10:
        digits = digits[1:]
    return "+33" + digits if len(digits) == 9 else None


def osm_hours_from_days(row):
    """France services per-day columns ('09:00 - 12:30 / 13:30 - 17:30') -> OSM syntax,
    consecutive days with the same hours grouped ('Mo-We 09:00-12:30,13:30-17:30')."""
    per_day = []
    for day, column in zip(DAYS, DAY_COLUMNS):
        value = (row.get(column) or "").strip()
        if not value:
            per_day.append((day, None))
            continue
        spans = [re.sub(r"\s*-\s*", "-", s.strip()) for s in value.split("/")]
        for s in spans:
            assert re.fullmatch(r"\d\d:\d\d-\d\d:\d\d", s), (row["id_fs"], value)
        per_day.append((day, ",".join(spans)))
    rules, i = [], 0
    while i < len(per_day):
        day, hours = per_day[i]
        j = i
        while j + 1 < len(per_day) and per_day[j + 1][1] == hours:
            j += 1
        if hours:
            span = day if i == j else (f"{day},{per_day[j][0]}" if j == i + 1 else f"{day}-{per_day[j][0]}")
            rules.append(f"{span} {hours}")
        i = j + 1
    return "; ".join(rules) or None


def read_csv(name, key):
    with open(SHARED / "lieux-82" / name, newline="", encoding="utf-8") as f:
        return {row[key]: row for row in csv.DictReader(f)}


def main():
    load_standard_enums()
    communes = {}
    with open(SHARED / "communes-82.csv", newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            communes[row["code_insee"]] = row
    by_name = {fold(c["nom"]): code for code, c in communes.items()}

    points = json.loads((SHARED / "lieux-82" / "lieux-82.geojson").read_text())["features"]
    fs_rows = read_csv("france-services-82.csv", "id_fs")
    fs_by_name = {r["lib_fs"]: r for r in fs_rows.values()}
    cn_rows = list(csv.DictReader(open(SHARED / "lieux-82" / "conseillers-numeriques-lieux-82.csv", encoding="utf-8")))
    di_rows = list(csv.DictReader(open(SHARED / "lieux-82" / "data-inclusion-82.csv", encoding="utf-8")))

    def cn_row(point):
        p = point["properties"]
        lon, lat = point["geometry"]["coordinates"]
        for r in cn_rows:
            if r["nom"] == p["nom"] and r["adresse"] == p["adresse"] and abs(float(r["longitude"]) - lon) < 1e-4 and abs(float(r["latitude"]) - lat) < 1e-4:
                return r
        raise SystemExit(f"no source row for {point['id']}")

    def di_row(point):
        p = point["properties"]
        for r in di_rows:
            if r["nom"] == p["nom"] and r["adresse"] == p["adresse"]:
                return r
        raise SystemExit(f"no source row for {point['id']}")

    def record(point):
        """One source point -> (standard-like fields, source reference, notes)."""
        p = point["properties"]
        notes = []
        if p["source"] == "france-services":
            row = fs_by_name[p["nom"]]
            fields = {
                "nom": row["lib_fs"],
                "adresse": row["adresse"],
                "complement_adresse": row["complement_adresse"],
                "code_postal": row["code_postal"],
                "code_insee": row["insee_com"],
                "telephone": phone(row["telephone"]),
                "courriels": [row["mail"]],
                "horaires": osm_hours_from_days(row),
                "presentation_detail": row["commentaire"],
                "itinerance": ["Fixe", "Itinérant"] if row["itinerance"] == "Oui" else ["Fixe"],
                "services": ["Aide aux démarches administratives"],
                "dispositif_programmes_nationaux": ["France Services"],
                "pivot": None,
            }
            ref = {"jeu": "S3", "id_source": row["id_fs"]}
        elif p["source"] == "conseiller-numerique":
            row = cn_row(point)
            fields = {
                "nom": row["nom"],
                "adresse": row["adresse"],
                "code_postal": row["code_postal"],
                "telephone": phone(row["telephone"]),
                "courriels": [row["courriel"]],
                "site_web": [row["site_web"]],
                "horaires": row["horaires"],
                "services": [SERVICES[s] for s in row["services"].split(";")],
                "frais_a_charge": [FRAIS[row["conditions_access"].split(" : ")[0]]],
                "dispositif_programmes_nationaux": [PROGRAMMES[l] for l in row["labels_nationaux"].split(";")],
                "pivot": row["pivot"],
            }
            ref = {"jeu": "S4", "id_source": row["id"]}
            # The declared commune, when its name is known, is the one the standard wants.
            declared = by_name.get(fold(row["commune"]))
            di = next((r for r in di_rows if r["id"] == row["id"] and r.get("code_insee")), None)
            fields["code_insee"] = (di or {}).get("code_insee") or declared or row["insee_localise"]
        else:
            row = di_row(point)
            accomp = [ACCOMPAGNEMENT[m.split(" : ")[0]] for m in row["modalites_accompagnement"].split(";") if m]
            fields = {
                "nom": row["nom"],
                "adresse": row["adresse"],
                "code_postal": row["code_postal"],
                "code_insee": row["code_insee"],
                "telephone": phone(row["telephone"]),
                "courriels": [row["courriel"]],
                "site_web": [row["site_web"]],
                "horaires": row["horaires"],
                "typologie": [row["typologie"]] if row["typologie"] else [],
                "presentation_resume": row["presentation_resume"],
                "services": [SERVICES[s] for s in row["services"].split(";")],
                "modalites_accompagnement": accomp,
                "pivot": row["pivot"],
            }
            ref = {"jeu": "S5", "id_source": row["id"]}
        ref = {"jeu": ref["jeu"], "id": point["id"], "id_source": ref["id_source"], "date_maj": p["date_maj"]}

        insee = fields.get("code_insee")
        if fields["code_postal"] not in communes.get(insee, {}).get("codes_postaux", "").split(";"):
            real = communes[insee]["codes_postaux"].split(";")
            if len(real) == 1:
                notes.append(
                    f"Code postal corrigé : la source indique {fields['code_postal']}, "
                    f"mais le code postal de {communes[insee]['nom']} est {real[0]}."
                )
                fields["code_postal"] = real[0]
        if insee != p["insee"]:
            notes.append(
                f"Position approximative : la source place ce lieu à {communes[p['insee']]['nom']}, "
                f"alors que son adresse est à {communes[insee]['nom']}."
            )
        fields["commune"] = communes[insee]["nom"]
        return fields, ref, notes

    primary_of = {}
    for group in MERGES:
        for member in group:
            primary_of[member] = group[0]
    points_by_id = {p["id"]: p for p in points}

    places = []
    for point in sorted(points, key=lambda p: p["id"]):
        if primary_of.get(point["id"], point["id"]) != point["id"]:
            continue
        group = next((g for g in MERGES if g[0] == point["id"]), [point["id"]])
        parts = [record(points_by_id[i]) for i in group]
        first = parts[0][0]
        merged = {}
        for fields, _, _ in parts:
            for k, v in fields.items():
                if isinstance(v, list):
                    merged[k] = unique(merged.get(k, []) + v)
                elif v and not merged.get(k):
                    merged[k] = v
        # The primary point's identity wins.
        for k in ("nom", "adresse", "code_postal", "code_insee", "commune"):
            merged[k] = first[k]
        pivots = [f.get("pivot") for f, _, _ in parts if f.get("pivot") and set(f["pivot"]) != {"0"}]
        merged["pivot"] = pivots[0] if pivots else "00000000000000"
        sources = sorted((ref for _, ref, _ in parts), key=lambda r: r["id"])
        # A merged point's position note does not hold: the primary point is kept.
        notes = unique(
            [n for n in parts[0][2]]
            + [n for _, _, ns in parts[1:] for n in ns if not n.startswith("Position approximative")]
        )
        addresses = unique([f["adresse"] for f, _, _ in parts])
        numbers = {re.match(r"\d*", a).group() for a in addresses}
        if len(numbers) > 1:
            notes.append("Adresses différentes selon les sources : " + " ; ".join(addresses) + ".")
        jeux = unique([s["jeu"] for s in sources])
        props = {
            "id": point["id"],
            "pivot": merged["pivot"],
            "nom": merged["nom"],
            "commune": merged["commune"],
            "code_postal": merged["code_postal"],
            "code_insee": merged["code_insee"],
            "adresse": merged["adresse"],
        }
        for k in ("complement_adresse", "typologie", "telephone", "courriels", "site_web", "horaires",
                  "presentation_resume", "presentation_detail"):
            if merged.get(k):
                props[k] = merged[k]
        props["source"] = ", ".join(SOURCE_NAMES[j] for j in jeux)
        if merged.get("itinerance"):
            props["itinerance"] = merged["itinerance"]
        props["date_maj"] = max(s["date_maj"] for s in sources)
        props["services"] = sorted(merged["services"], key=STANDARD_ENUMS["services"].index)
        for k in ("publics_specifiquement_adresses", "prise_en_charge_specifique", "frais_a_charge",
                  "dispositif_programmes_nationaux", "modalites_accompagnement"):
            if merged.get(k):
                props[k] = sorted(merged[k], key=STANDARD_ENUMS[k].index)
        props["sources"] = sources
        if notes:
            props["signalements"] = notes
        lon, lat = point["geometry"]["coordinates"]
        places.append({
            "type": "Feature",
            "id": point["id"],
            "geometry": {"type": "Point", "coordinates": [round(lon, 6), round(lat, 6)]},
            "properties": props,
        })

    check(places, points)
    doc = {"type": "FeatureCollection", "name": "lieux-82", "features": places}
    OUT.write_text(json.dumps(doc, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{OUT.relative_to(ROOT)} : {len(places)} lieux à partir de {len(points)} points")


def check(places, points):
    ids = [p["id"] for p in places]
    assert len(ids) == len(set(ids)), "ids uniques"
    used = sorted(s["id"] for p in places for s in p["properties"]["sources"])
    assert used == sorted(p["id"] for p in points), "chaque point source est utilisé une fois"
    for place in places:
        props = place["properties"]
        lon, lat = place["geometry"]["coordinates"]
        assert 0.73789 <= lon <= 2.00062 and 43.76768 <= lat <= 44.39387, place["id"]
        assert re.fullmatch(r"[a-zA-Z0-9]{9,14}", props["pivot"]), place["id"]
        assert re.fullmatch(r"\d{5}", props["code_postal"]), place["id"]
        assert "telephone" not in props or re.fullmatch(r"\+33\d{9}", props["telephone"]), place["id"]
        for field, allowed in STANDARD_ENUMS.items():
            for value in props.get(field, []):
                assert value in allowed, (place["id"], field, value)


if __name__ == "__main__":
    main()
