#!/usr/bin/env python3
"""Build data/acteurs.geojson (the actors behind the places) from the real sources only.

Every value copied from a source is looked up in that source and checked
(`ref(...)` raises if the cell does not hold the expected value), and every
provenance entry names the file, the line (header = line 1) and the column.
Run from the repository: python3 data/_scripts/build_acteurs.py (standard library only;
reads ../shared/data and data/lieux.geojson, writes data/acteurs.geojson).
"""
import csv, json, os, re, sys, collections

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", ".."))
F_AC = "shared/data/lieux-82/aidants-connect-structures-82.csv"
F_CN = "shared/data/lieux-82/conseillers-numeriques-lieux-82.csv"
F_DI = "shared/data/lieux-82/data-inclusion-82.csv"
F_FS = "shared/data/lieux-82/france-services-82.csv"
F_EPCI = "shared/data/epci-82.json"
F_COM = "shared/data/communes-82.csv"
F_LIEUX = os.path.relpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lieux.geojson"), ROOT)


def load_csv(rel, key):
    rows = {}
    with open(f"{ROOT}/{rel}", newline="", encoding="utf-8") as fh:
        for i, r in enumerate(csv.DictReader(fh)):
            r["_line"] = i + 2
            k = r[key].replace(" ", "") if key == "SIRET" else r[key]
            rows.setdefault(k, []).append(r)
    return rows


AC = load_csv(F_AC, "SIRET")          # keyed by SIRET without spaces (may repeat)
CN = load_csv(F_CN, "id")
DI = load_csv(F_DI, "id")
FS = load_csv(F_FS, "id_fs")
COM = load_csv(F_COM, "code_insee")
EPCI = {e["siren"]: (i, e) for i, e in enumerate(json.load(open(f"{ROOT}/{F_EPCI}")))}
LIEUX = {f["properties"]["id"]: f["properties"] for f in json.load(open(f"{ROOT}/{F_LIEUX}"))["features"]}
LIEUX_ORDER = list(LIEUX)

FILES = {"ac": F_AC, "cn": F_CN, "di": F_DI, "fs": F_FS, "com": F_COM}
TABLES = {"ac": AC, "cn": CN, "di": DI, "fs": FS, "com": COM}
KEYCOL = {"ac": "SIRET", "cn": "id", "di": "id", "fs": "id_fs", "com": "code_insee"}


def ref(champ, src, key, col, expect=None, note="", nth=0):
    """Provenance entry; checks that the cell holds `expect` (or contains it with expect='~...')."""
    if src == "epci":
        i, e = EPCI[key]
        val = e[col]
        fichier, where = F_EPCI, f"élément [{i}] (siren {key}), champ {col}"
    elif src == "lieux":
        val = LIEUX[key][col]
        fichier, where = F_LIEUX, f"lieu {key}, champ {col}"
    else:
        r = TABLES[src][key][nth]
        val = r[col]
        fichier = FILES[src]
        where = f"ligne {r['_line']} ({KEYCOL[src]} = {r[KEYCOL[src]]}), colonne {col}"
    if expect is not None:
        sval = json.dumps(val, ensure_ascii=False) if not isinstance(val, str) else val
        if expect.startswith("~"):
            assert expect[1:] in sval, (champ, src, key, col, expect, sval)
        else:
            assert sval == expect, (champ, src, key, col, expect, sval)
        shown = sval
    else:
        shown = val if isinstance(val, str) else json.dumps(val, ensure_ascii=False)
    detail = f"{where} = « {shown} »"
    if note:
        detail += f" ; {note}"
    return {"champ": champ, "fichier": fichier, "detail": detail}


def judgement(champ, text):
    return {"champ": champ, "fichier": None, "detail": "jugement (pas une donnée de source) : " + text}


# ------------------------------------------------------------------ identifiers checks
def luhn_ok(num):
    s = 0
    for i, ch in enumerate(reversed(num)):
        d = int(ch)
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        s += d
    return s % 10 == 0


def check_siret(siret):
    if not re.fullmatch(r"\d{14}", siret):
        return "pas 14 chiffres"
    if luhn_ok(siret):
        return "ok (Luhn)"
    if siret.startswith("356000000") and sum(map(int, siret)) % 5 == 0:
        return "ok (exception La Poste : somme des chiffres multiple de 5 ; Luhn standard en échec)"
    return "ÉCHEC Luhn"


def check_siren(siren):
    if not re.fullmatch(r"\d{9}", siren):
        return "pas 9 chiffres"
    return "ok (Luhn)" if luhn_ok(siren) else "ÉCHEC Luhn"


# ------------------------------------------------------------------ the actors
A = []


def actor(**kw):
    base = dict(id=None, nom=None, nom_officiel=None, type=None, siret=None, siren=None, lieux=[],
                reseaux=[], site_web=None, courriel=None, telephone=None, sources=[], incertain=None)
    base.update(kw)
    A.append(base)


def lieu_pivot(pid, siret, note=""):
    return ref("lieux", "lieux", pid, "pivot", siret, note)


def cn_struct(cn_id, sid, note=""):
    return ref("lieux / réseau Conseillers numériques", "cn", cn_id, "structureId", sid, note)


# 1 AIRAS (Valence)
actor(id="association-inter-ressources-action-sociale",
      nom="Association Inter de ressources et d'action sociale",
      nom_officiel="ASSOC INTER DE RESSOURCES ACTION SOCIALE",
      type="association", siret="38415424100028", siren="384154241",
      lieux=["conseiller-numerique-019"], reseaux=["Conseillers numériques"],
      site_web="https://www.mefi-2rives.fr/", courriel="contact@mefi-2rives.fr", telephone="+33563296220",
      sources=[
          ref("nom_officiel / siret", "cn", "625ea67805457b0790817c58", "nom", "ASSOC INTER DE RESSOURCES ACTION SOCIALE",
              "pivot = 38415424100028 sur la même ligne"),
          ref("nom", "lieux", "conseiller-numerique-019", "nom_affiche", "Association Inter de ressources et d'action sociale",
              "nom développé par Carto82 à partir du libellé abrégé"),
          lieu_pivot("conseiller-numerique-019", "38415424100028"),
          cn_struct("625ea67805457b0790817c58", "609539de838083d33976dc0c", "structure CN propre à ce seul lieu"),
          ref("site_web", "cn", "625ea67805457b0790817c58", "site_web", "https://www.mefi-2rives.fr/"),
          ref("courriel", "cn", "625ea67805457b0790817c58", "courriel", "contact@mefi-2rives.fr"),
          ref("telephone", "cn", "625ea67805457b0790817c58", "telephone", "+33563296220"),
          judgement("type", "« ASSOC » dans le libellé de la source (forme juridique non donnée explicitement)"),
      ])

# 2 CCAS de Castelsarrasin (PIJ / Cyber-base)
actor(id="ccas-castelsarrasin", nom="CCAS de Castelsarrasin", nom_officiel="CCAS CASTELSARRASIN",
      type="collectivite", siret="26820101900018", siren="268201019",
      lieux=["conseiller-numerique-020"],
      reseaux=["Conseillers numériques", "Aidants Connect", "Information Jeunesse (PIJ)", "Cyber-base"],
      sources=[
          ref("nom_officiel / siret", "ac", "26820101900018", "Name", "CCAS CASTELSARRASIN",
              "structure habilitée Aidants Connect au 15/03/2021, adresse « PL DE LA LIBERTE 82100 CASTELSARRASIN »"),
          ref("lieux", "cn", "627b5a21ad1bdb06edc49216", "pivot", "26820101900018",
              "point « PIJ / Cyber base de Castelsarrasin » (conseiller-numerique-023), fusionné dans conseiller-numerique-020"),
          lieu_pivot("conseiller-numerique-020", "26820101900018"),
          cn_struct("627a3517ad1bdb06edc48aed", "60461fd9871498b5cec207cd", "même structureId pour les deux points du PIJ"),
          ref("réseau Information Jeunesse", "cn", "627a3517ad1bdb06edc48aed", "courriel", "pij82.castelsarrasin@crij.org",
              "nom « Point Information Jeunesse », courriel au domaine crij.org"),
          ref("réseau Cyber-base", "cn", "627b5a21ad1bdb06edc49216", "nom", "PIJ / Cyber base de Castelsarrasin"),
          judgement("type", "CCAS = établissement public communal ; SIREN commençant par 2 (secteur public local) ; "
                    "classé « collectivite » faute de catégorie « établissement public »"),
          judgement("contacts", "téléphone, courriel et blog de la source sont ceux du PIJ (le lieu), pas du CCAS : laissés sur le lieu"),
      ],
      incertain="type : un CCAS est un établissement public rattaché à la commune, pas la commune elle-même "
                "(« collectivite » par défaut). Le PIJ est rattaché au CCAS par le seul SIRET du point CN-023 "
                "(le point CN-020 a un SIRET vide).")

# 3 Association Montauban Services
actor(id="association-montauban-services", nom="Association Montauban Services",
      nom_officiel="ASSOCIATION MONTAUBAN SERVICES", type="association",
      siret="39943960300032", siren="399439603",
      lieux=["conseiller-numerique-021", "conseiller-numerique-022", "france-services-018"],
      reseaux=["Conseillers numériques", "France services", "Aidants Connect"],
      sources=[
          ref("nom_officiel / siret", "cn", "627a4fb4ad1bdb06edc48c29", "pivot", "39943960300032",
              "nom « ASSOCIATION MONTAUBAN SERVICES », 10 RUE JEAN CARMET"),
          ref("siret / réseau Aidants Connect", "ac", "39943960300032", "Name", "ASSOCIATION MONTAUBAN SERVICES"),
          lieu_pivot("conseiller-numerique-021", "39943960300032"),
          cn_struct("627a4fb4ad1bdb06edc48c29", "60461ff2871498b5cec20a89"),
          cn_struct("627a5032ad1bdb06edc48c34", "60461ff2871498b5cec20a89",
                    "« Centre Social du Grand Montauban : La Comète », pivot 00000000000000 : même structure CN que l'association"),
          ref("lieux (france-services-018)", "fs", "temp_148", "mail", "franceservicesmontauban@montauban-services.org",
              "domaine du courriel = montauban-services.org"),
          ref("réseau France services", "cn", "627a4fb4ad1bdb06edc48c29", "labels_nationaux", "CNFS;France Services"),
          judgement("type", "« ASSOCIATION » dans le nom officiel"),
          judgement("contacts", "aucun courriel, téléphone ni site propre à l'association dans les sources (seulement ceux de la France services)"),
      ],
      incertain="conseiller-numerique-022 (La Comète, « Centre Social du Grand Montauban ») n'est rattaché que par le "
                "structureId CN : l'association y tient sans doute une permanence dans un équipement d'une autre structure. "
                "france-services-018 n'est rattachée que par le domaine du courriel (montauban-services.org), "
                "appuyé par le label France Services de la permanence CN-021.")

# 4 Ligue de l'enseignement 82
actor(id="ligue-enseignement-82", nom="Ligue de l'enseignement de Tarn-et-Garonne",
      nom_officiel="Ligue de l'Enseignement du Tarn et Garonne", type="association",
      siret="77730634100036", siren="777306341", lieux=["conseiller-numerique-024"],
      reseaux=["Conseillers numériques", "Aidants Connect"], telephone="+33563630420",
      sources=[
          ref("nom_officiel / siret / réseau Aidants Connect", "ac", "77730634100036", "Name", "Ligue de l'Enseignement du Tarn et Garonne"),
          ref("siret", "cn", "627bad5cad1bdb06edc49883", "pivot", "77730634100036", "nom CN « LIGUE ENSEIGNEMENT TARN GARONNE »"),
          lieu_pivot("conseiller-numerique-024", "77730634100036"),
          cn_struct("627bad5cad1bdb06edc49883", "60461ffa871498b5cec20b7d"),
          ref("telephone", "cn", "627bad5cad1bdb06edc49883", "telephone", "+33563630420"),
          judgement("type", "fédération départementale de la Ligue de l'enseignement (mouvement associatif) ; forme juridique non écrite dans les sources"),
      ])

# 5 UDAF 82
actor(id="udaf-82", nom="UDAF de Tarn-et-Garonne", nom_officiel="UNION DEP ASSOCIATIONS FAMILIALES",
      type="association", siret="77730636600058", siren="777306366", lieux=["conseiller-numerique-025"],
      reseaux=["Conseillers numériques", "Aidants Connect"], site_web="https://www.udaf82.fr",
      sources=[
          ref("nom_officiel / siret", "cn", "6281f4d5ad1bdb06edc4b403", "nom", "UNION DEP ASSOCIATIONS FAMILIALES", "pivot 77730636600058"),
          ref("nom / réseau Aidants Connect", "ac", "77730636600058", "Name", "UDAF de Tarn et Garonne"),
          lieu_pivot("conseiller-numerique-025", "77730636600058"),
          cn_struct("6281f4d5ad1bdb06edc4b403", "60461ff8871498b5cec20b42"),
          ref("site_web", "cn", "6281f4d5ad1bdb06edc4b403", "site_web", "https://www.udaf82.fr"),
          judgement("type", "« Union départementale des associations familiales » (union d'associations)"),
      ])

# 6 L'Âge d'or du Brulhois
actor(id="age-d-or-du-brulhois", nom="Association L'Âge d'or du Brulhois",
      nom_officiel="ASSOCIATION L'AGE D'OR DU BRULHOIS", type="association",
      siret="45225086300019", siren="452250863",
      lieux=["conseiller-numerique-027", "conseiller-numerique-048", "conseiller-numerique-049",
             "conseiller-numerique-050", "conseiller-numerique-051"],
      reseaux=["Conseillers numériques", "Aidants Connect"], courriel="agedorbrulhois@gmail.com",
      sources=[
          ref("nom_officiel / siret", "cn", "62ab1f3f8255a806e299c953", "nom", "ASSOCIATION L'AGE D'OR DU BRULHOIS", "pivot 45225086300019, à la mairie de Dunes"),
          ref("siret / réseau Aidants Connect", "ac", "45225086300019", "Name", "L'Association l'Age d'Or du Brulhois",
              "adresse AC « 6, Avenue de la République », 82340"),
          lieu_pivot("conseiller-numerique-027", "45225086300019"),
          cn_struct("62ab1f3f8255a806e299c953", "60d34c7f838083d33917ca74"),
          cn_struct("6384b925f7aaa606f2641200", "60d34c7f838083d33917ca74", "Mairie, Saint-Loup (CN-048), pivot vide"),
          cn_struct("6384b9b7f7aaa606f2641215", "60d34c7f838083d33917ca74", "Mairie, Saint-Cirice (CN-049), pivot vide"),
          cn_struct("6384ba00f7aaa606f264121b", "60d34c7f838083d33917ca74", "Mairie, Sistels (CN-050), pivot vide"),
          cn_struct("6384ba4df7aaa606f2641228", "60d34c7f838083d33917ca74", "MAIRIE, Donzac (CN-051), pivot vide"),
          ref("courriel", "cn", "62ab1f3f8255a806e299c953", "courriel", "agedorbrulhois@gmail.com"),
          judgement("type", "« ASSOCIATION » dans le nom officiel"),
      ],
      incertain="les permanences en mairie de Saint-Loup, Saint-Cirice, Sistels et Donzac (CN-048 à 051, sans SIRET) ne sont "
                "rattachées que par le structureId CN de l'association ; les communes sont vraisemblablement hôtes des permanences.")

# 7 Département
actor(id="departement-tarn-et-garonne", nom="Département de Tarn-et-Garonne",
      nom_officiel="DEPARTEMENT DU TARN ET GARONNE", type="collectivite",
      siret="22820001000012", siren="228200010",
      lieux=["france-services-014", "conseiller-numerique-046", "conseiller-numerique-052"],
      reseaux=["France services", "Conseillers numériques", "Aidants Connect"],
      courriel="courrier@ledepartement82.fr", telephone="+33563918200",
      sources=[
          ref("nom_officiel / siret", "cn", "62ab38578255a806e299cc06", "nom", "DEPARTEMENT DU TARN ET GARONNE",
              "pivot 22820001000012, 100 BD HUBERT GOUZE (point CN-028 fusionné dans france-services-014)"),
          ref("siret / réseau Aidants Connect", "ac", "22820001000012", "Name", "Conseil Départemental du Tarn-et-Garonne"),
          lieu_pivot("france-services-014", "22820001000012"),
          ref("réseau France services", "fs", "1966", "lib_fs", "France services départemental 82"),
          cn_struct("62ab38578255a806e299cc06", "60461ff0871498b5cec20a38"),
          cn_struct("637f68164acda506f71c1b97", "60461ff0871498b5cec20a38", "« Mds de Beaumont de Lomagne », pivot vide"),
          ref("lieux (CN-046)", "cn", "637f68164acda506f71c1b97", "courriel", "mds.beaumont@tarnetgaronne.fr",
              "domaine tarnetgaronne.fr"),
          cn_struct("6387258a0830e306f21ed6aa", "60461ff0871498b5cec20a38", "« Mds Montech », pivot vide"),
          ref("courriel", "cn", "62ab38578255a806e299cc06", "courriel", "courrier@ledepartement82.fr"),
          ref("telephone", "cn", "62ab38578255a806e299cc06", "telephone", "+33563918200"),
          judgement("type", "collectivité territoriale (département) ; SIREN 228200010 (secteur public local)"),
          judgement("nom", "« Maisons des solidarités » : développement de « Mds » fait par Carto82 (nom_affiche), non écrit en toutes lettres dans la source"),
      ])

# 8 CC Terres des Confluences
actor(id="cc-terres-des-confluences", nom="Communauté de communes Terres des Confluences",
      nom_officiel="CC Terres des Confluences", type="epci",
      siret="20006632200013", siren="200066322",
      lieux=["conseiller-numerique-029", "conseiller-numerique-054", "conseiller-numerique-055"],
      reseaux=["Conseillers numériques"],
      site_web="https://www.terresdesconfluences.fr/", courriel="accueil@terresdesconfluences.fr", telephone="+33563955600",
      sources=[
          ref("nom_officiel / siren", "epci", "200066322", "nom", "CC Terres des Confluences", "DGCL 2026 (S2)"),
          ref("siret", "cn", "62ac63bd8255a806e299d62b", "pivot", "20006632200013", "nom CN « CC TERRES DES CONFLUENCES »"),
          lieu_pivot("conseiller-numerique-029", "20006632200013"),
          cn_struct("62ac63bd8255a806e299d62b", "604a6954250d66297edaa40b",
                    "structureId partagé par 9 permanences : CN-029, 030, 031, 032, 033, 038, 053, 054, 055"),
          cn_struct("638776d90830e306f21ee1f0", "604a6954250d66297edaa40b", "« Médiathèque de Castelmayran », pivot vide"),
          cn_struct("638778500830e306f21ee24f", "604a6954250d66297edaa40b", "« Mairie de Montesquieu », pivot vide"),
          ref("site_web", "cn", "62ac63bd8255a806e299d62b", "site_web", "https://www.terresdesconfluences.fr/"),
          ref("courriel", "cn", "62ac63bd8255a806e299d62b", "courriel", "accueil@terresdesconfluences.fr"),
          ref("telephone", "cn", "62ac63bd8255a806e299d62b", "telephone", "+33563955600"),
          ref("label (non retenu comme réseau)", "cn", "62ac63bd8255a806e299d62b", "labels_nationaux", "CNFS;France Services",
              "label déclaré par la permanence ; la CC ne porte aucune France services de la liste ANCT (S3)"),
          judgement("type", "communauté de communes (SIREN présent dans epci-82.json)"),
          judgement("lien secondaire", "la CC emploie aussi (même structureId) le conseiller des permanences en mairie de "
                    "Durfort-Lacapelette, La Ville-Dieu-du-Temple, Caumont, Boudou, Lafitte et Labourgade, rattachées à leur commune par leur SIRET"),
      ],
      incertain="conseiller-numerique-054 (médiathèque de Castelmayran) et -055 (mairie de Montesquieu), sans SIRET, ne sont "
                "rattachés que par le structureId CN ; la commune hôte (ou la médiathèque) pourrait aussi être retenue.")

# 9-15 Communes with a SIRET on their place
COMMUNES = [
    # id, nom, nom_officiel (source), siret, insee, place, cn id, structureId, tel, courriel, site
    ("commune-durfort-lacapelette", "Commune de Durfort-Lacapelette", "Mairie de Durfort Lacapelette", "21820051700017", "82051",
     "conseiller-numerique-030", "62ac671d8255a806e299d64e", "604a6954250d66297edaa40b",
     "+33563741415", "ville-durfort@info82.com", "http://www.durfort-lacapelette.fr/fr/mairie/la-mairie.html"),
    ("commune-la-ville-dieu-du-temple", "Commune de La Ville-Dieu-du-Temple", "Mairie La Ville Dieu du Temple", "21820096200015", "82096",
     "conseiller-numerique-031", "62ac68ee8255a806e299d670", "604a6954250d66297edaa40b",
     "+33563316029", "mairie-la.ville.dieu.du.temple@info82.com", "https://www.lavilledieudutemple.fr/nous-contacter/"),
    ("commune-caumont", "Commune de Caumont", "COMMUNE DE CAUMONT", "21820035000013", "82035",
     "conseiller-numerique-032", "62b43ad8dd51e705b1808c60", "604a6954250d66297edaa40b",
     "+33563948343", "mairie.caumont82@wanadoo.fr", "https://www.caumont82.fr"),
    ("commune-boudou", "Commune de Boudou", "COMMUNE DE BOUDOU", "21820019400015", "82019",
     "conseiller-numerique-033", "62b99e79dd51e705b180a969", "604a6954250d66297edaa40b",
     "+33563040985", "mairie-boudou@info82.com", "https://www.boudou.fr"),
    ("commune-lafitte", "Commune de Lafitte", "LAFITTE", "21820086300015", "82086",
     "conseiller-numerique-038", "62bdb0fe3e465606de19b1a7", "604a6954250d66297edaa40b",
     "+33563956144", "mairie-lafitte@info82.com", None),
    ("commune-labourgade", "Commune de Labourgade", "Mairie de labourgade", "21820081400018", "82081",
     "conseiller-numerique-053", "638757730830e306f21edcc7", "604a6954250d66297edaa40b", None, None, None),
    ("commune-moissac", "Commune de Moissac", "Moissac", "21820112700014", "82112",
     "conseiller-numerique-047", "637f93814acda506f71c2425", "60461fd9871498b5cec207d3", None, None, None),
]
for cid, nom, nomoff, siret, insee, place, cnid, sid, tel, mail, site in COMMUNES:
    src = [
        ref("nom_officiel", "cn", cnid, "nom", nomoff, "libellé de la source (pas le nom SIRENE)"),
        ref("siret", "cn", cnid, "pivot", siret),
        lieu_pivot(place, siret),
        ref("siren", "com", insee, "siren_commune", siret[:9], "SIREN de la commune (S2) = 9 premiers chiffres du SIRET"),
    ]
    if sid == "604a6954250d66297edaa40b":
        src.append(cn_struct(cnid, sid, "structure CN = CC Terres des Confluences (employeur du conseiller)"))
        inc = ("la commune est la structure du SIRET du lieu (pivot), mais le conseiller numérique qui y tient la permanence "
               "est rattaché à la CC Terres des Confluences (structureId CN) : la commune est peut-être seulement hôte.")
    else:
        src.append(cn_struct(cnid, sid, "structure CN propre à la commune (distincte de celle de la CC)"))
        inc = None
    if tel:
        src.append(ref("telephone", "cn", cnid, "telephone", tel))
    if mail:
        src.append(ref("courriel", "cn", cnid, "courriel", mail))
    if site:
        src.append(ref("site_web", "cn", cnid, "site_web", site))
    src.append(ref("label (non retenu comme réseau)", "cn", cnid, "labels_nationaux", "CNFS;France Services",
                   "label déclaré par la permanence CN ; la commune ne porte pas de France services de la liste ANCT"))
    src.append(judgement("type", "commune (SIRET commençant par 218200, SIREN présent dans communes-82.csv)"))
    actor(id=cid, nom=nom, nom_officiel=nomoff, type="collectivite", siret=siret, siren=siret[:9],
          lieux=[place], reseaux=["Conseillers numériques"], site_web=site, courriel=mail, telephone=tel,
          sources=src, incertain=inc)

# 16 Mission locale
actor(id="mission-locale-82", nom="Mission locale de Tarn-et-Garonne",
      nom_officiel="MISSION LOCALE POUR L'INSERTION DES JEUNES DE TARN ET GARONNE", type="association",
      siret=None, siren="401479431",
      lieux=["conseiller-numerique-034", "conseiller-numerique-035", "conseiller-numerique-036"],
      reseaux=["Conseillers numériques", "Aidants Connect"],
      site_web="https://www.missionlocale82.org/", telephone="+33531780000",
      sources=[
          ref("nom_officiel / réseau Aidants Connect", "ac", "40147943100140", "Name", "MISSION LOCALE POUR L'INSERTION DES JEUNES DE TARN ET GARONNE"),
          ref("siren (établissement Montauban)", "cn", "62bab44edd51e705b180b0eb", "pivot", "40147943100140"),
          ref("siren (établissement Caussade)", "cn", "62bab4c8dd51e705b180b0fe", "pivot", "40147943100132"),
          ref("siren (établissement Castelsarrasin)", "cn", "62bab65add51e705b180b117", "pivot", "40147943100124"),
          cn_struct("62bab44edd51e705b180b0eb", "609a55ac838083d339aabd7c", "même structureId pour les 3 antennes"),
          ref("nom", "lieux", "conseiller-numerique-034", "nom_affiche", "Mission locale de Tarn-et-Garonne"),
          ref("site_web", "cn", "62bab44edd51e705b180b0eb", "site_web", "https://www.missionlocale82.org/"),
          ref("telephone", "cn", "62bab44edd51e705b180b0eb", "telephone", "+33531780000", "même numéro sur les 3 antennes"),
          judgement("siret", "3 établissements (SIRET …00140, …00132, …00124, un par lieu) : siret laissé vide au niveau de l'acteur ; "
                    "courriels propres à chaque antenne (montauban@, caussade@, castelsarrasin@missionlocale82.org) laissés sur les lieux"),
          judgement("type", "forme juridique non donnée par les sources (les missions locales sont le plus souvent des associations)"),
      ],
      incertain="type : forme juridique absente des sources (« association » supposée).")

# 17 Géronto 82
actor(id="geronto-82", nom="Géronto 82", nom_officiel="GERONTO 82", type="association",
      siret="75084092800063", siren="750840928", lieux=["conseiller-numerique-040"],
      reseaux=["Conseillers numériques", "Aidants Connect"],
      courriel="asso@geronto82.fr", telephone="+33563664910",
      sources=[
          ref("nom_officiel / siret", "cn", "6304812874996606f375b9c1", "nom", "GERONTO 82", "pivot 75084092800063"),
          ref("nom / réseau Aidants Connect", "ac", "75084092800063", "Name", "Géronto 82"),
          lieu_pivot("conseiller-numerique-040", "75084092800063"),
          cn_struct("6304812874996606f375b9c1", "60461fb4871498b5cec2036b"),
          ref("courriel / type", "cn", "6304812874996606f375b9c1", "courriel", "asso@geronto82.fr"),
          ref("telephone", "cn", "6304812874996606f375b9c1", "telephone", "+33563664910"),
          ref("label (non retenu comme réseau)", "cn", "6304812874996606f375b9c1", "labels_nationaux", "CNFS;France Services",
              "pas de France services de la liste ANCT à cette adresse"),
      ],
      incertain="type : « association » déduite du seul courriel asso@geronto82.fr ; forme juridique absente des sources.")

# 18 PEP 82
actor(id="pep-82-solidaires", nom="PEP 82 Solidaires",
      nom_officiel="ASSOCIATION DEPARTEMENTALE DES PUPILLES DE L'ENSEIGNEMENT PUBLIC SOLIDAIRES DU TARN ET GARONNE",
      type="association", siret="82956978900011", siren="829569789", lieux=["conseiller-numerique-041"],
      reseaux=["Conseillers numériques", "Les PEP"],
      site_web="http://www.lespep.org/association/pep-82-solidaires/", courriel="pepsolidaire82@gmail.com",
      telephone="+33776156134",
      sources=[
          ref("nom_officiel / siret", "cn", "63317428ac7aea06f2f9e724", "pivot", "82956978900011"),
          ref("nom / réseau Les PEP", "cn", "63317428ac7aea06f2f9e724", "site_web", "http://www.lespep.org/association/pep-82-solidaires/",
              "page de l'association sur le site du réseau national des PEP"),
          lieu_pivot("conseiller-numerique-041", "82956978900011"),
          cn_struct("63317428ac7aea06f2f9e724", "614c5037838083d33959e804"),
          ref("courriel", "cn", "63317428ac7aea06f2f9e724", "courriel", "pepsolidaire82@gmail.com"),
          ref("telephone", "cn", "63317428ac7aea06f2f9e724", "telephone", "+33776156134",
              "numéro mobile : vérifier qu'il n'est pas celui d'une personne avant publication"),
          judgement("type", "« ASSOCIATION » dans le nom officiel"),
      ])

# 19 La Poste
actor(id="la-poste", nom="La Poste", nom_officiel="LA POSTE", type="service-public",
      siret="35600000036494", siren="356000000", lieux=["conseiller-numerique-045"],
      reseaux=["Conseillers numériques"],
      sources=[
          ref("nom_officiel / siret", "cn", "6374a587132c1206f3b18645", "pivot", "35600000036494", "nom « LA POSTE », 1 PL DES TEMPLIERS, La Ville-Dieu-du-Temple"),
          lieu_pivot("conseiller-numerique-045", "35600000036494"),
          cn_struct("6374a587132c1206f3b18645", "619783c8838083d339e1732f"),
          judgement("type", "opérateur public (société anonyme chargée de missions de service public) : « service-public » selon la consigne ; "
                    "aucun contact dans la source"),
      ])

# 20 CIDFF 82
actor(id="cidff-82", nom="CIDFF 82",
      nom_officiel="CENTRE D'INFORMATION SUR LES DROITS DES FEMMES ET DES FAMILLES CIDFF 82", type="association",
      siret="34392586300049", siren="343925863", lieux=["data-inclusion-056"],
      reseaux=["Fédération nationale des CIDFF"],
      courriel="cidff82@cidff82.com", telephone="+33563661161",
      sources=[
          ref("nom_officiel / siret", "di", "8da7e15d-0cfc-483c-9801-99af6df4dc92", "pivot", "34392586300049", "source dora"),
          ref("type", "di", "8da7e15d-0cfc-483c-9801-99af6df4dc92", "typologie", "ASSO"),
          ref("réseau", "di", "8da7e15d-0cfc-483c-9801-99af6df4dc92", "presentation_resume", "~fédération nationale des CIDFF"),
          ref("siren (autre établissement, sans lieu)", "di", "315", "pivot", "34392586300023",
              "fiche siao, 13 Allée Mortarieu, sans coordonnées (reprise comme ressource, pas comme lieu)"),
          lieu_pivot("data-inclusion-056", "34392586300049"),
          ref("courriel", "di", "8da7e15d-0cfc-483c-9801-99af6df4dc92", "courriel", "cidff82@cidff82.com"),
          ref("telephone", "di", "8da7e15d-0cfc-483c-9801-99af6df4dc92", "telephone", "0563661161", "mis au format +33"),
      ])

# 21 CC QRGA
actor(id="cc-quercy-rouergue-gorges-aveyron", nom="Communauté de communes du Quercy Rouergue et des Gorges de l'Aveyron",
      nom_officiel="CC du Quercy Rouergue et des Gorges de l'Aveyron", type="epci",
      siret="24820010700014", siren="248200107",
      lieux=["france-services-007", "france-services-008"],
      reseaux=["France services", "Conseillers numériques", "Aidants Connect"],
      site_web="https://www.cc-qrga.fr", courriel="accueil@cc-qrga.fr",
      sources=[
          ref("nom_officiel / siren", "epci", "248200107", "nom", "CC du Quercy Rouergue et des Gorges de l'Aveyron", "DGCL 2026 (S2)"),
          ref("siret", "cn", "62947f22e1b0b206ecbd929f", "pivot", "24820010700014",
              "nom CN « Communauté de Communes Quercy Rouergue Gorges de l'Aveyron » (point CN-026 fusionné dans france-services-008)"),
          lieu_pivot("france-services-008", "24820010700014"),
          ref("lieux (france-services-008) / réseau Aidants Connect", "ac", "24820010700014", "Name",
              "France services de Saint Antonin Noble Val", nth=0),
          ref("lieux (france-services-007) / réseau Aidants Connect", "ac", "24820010700014", "Name", "France services Caylus", nth=1),
          ref("lieux (france-services-007)", "fs", "990", "mail", "franceservices.caylus@cc-qrga.fr"),
          cn_struct("62947f22e1b0b206ecbd929f", "60461fbb871498b5cec2042e"),
          ref("site_web", "cn", "62947f22e1b0b206ecbd929f", "site_web", "https://www.cc-qrga.fr"),
          ref("courriel", "cn", "62947f22e1b0b206ecbd929f", "courriel", "accueil@cc-qrga.fr"),
          judgement("type", "communauté de communes (SIREN présent dans epci-82.json)"),
      ])

# 22 CC Pays de Lafrançaise
actor(id="cc-pays-de-lafrancaise", nom="Communauté de communes du Pays de Lafrançaise",
      nom_officiel="Communauté de Communes Coteaux et Plaines du Pays Lafrançaisain", type="epci",
      siret="20006712200016", siren="200067122", lieux=["france-services-001"],
      reseaux=["France services", "Aidants Connect"],
      sources=[
          ref("nom_officiel / siret / réseau Aidants Connect", "ac", "20006712200016", "Name",
              "Communauté de Communes Coteaux et Plaines du Pays Lafrançaisain", "nom au 15/03/2021"),
          ref("nom (actuel) / siren", "epci", "200067122", "nom", "CC du Pays de Lafrançaise", "DGCL 2026 ; l'ancien nom figure dans alias"),
          ref("lieux (adresse commune)", "ac", "20006712200016", "Adresse", "33 RUE MARY LAFON"),
          ref("lieux (france-services-001)", "fs", "476", "adresse", "33 Rue Mary Lafon", "même adresse que la structure AC"),
          ref("lieux (france-services-001)", "fs", "476", "mail", "franceservices@cc-payslafrancaisain.fr", "domaine de la CC"),
          judgement("type", "communauté de communes (SIREN présent dans epci-82.json)"),
      ])

# 23 CC Grand Sud
actor(id="cc-grand-sud-tarn-et-garonne", nom="Communauté de communes Grand Sud Tarn-et-Garonne",
      nom_officiel="CC Grand Sud Tarn-et-Garonne", type="epci",
      siret="20006665200013", siren="200066652", lieux=["france-services-002", "france-services-004"],
      reseaux=["France services", "Conseillers numériques"],
      site_web="https://www.grandsud82.fr/les-autres-services/france-services/horaires-et-coordonnees/",
      sources=[
          ref("nom_officiel / siren", "epci", "200066652", "nom", "CC Grand Sud Tarn-et-Garonne", "DGCL 2026 (S2)"),
          ref("siret", "cn", "636ba1d339870806f221aa57", "pivot", "20006665200013", "nom CN « CC GRAND SUD TARN ET GARONNE » (point CN-042)"),
          lieu_pivot("france-services-004", "20006665200013"),
          cn_struct("636ba1d339870806f221aa57", "62988a3d1ec2df6834fc53ec"),
          cn_struct("636ba31239870806f221aa71", "62988a3d1ec2df6834fc53ec", "« France Services Grisolles » (CN-043, fusionné dans france-services-002)"),
          ref("lieux (france-services-002)", "fs", "477", "mail", "msap.grisolles@grandsud82.fr"),
          ref("lieux (france-services-004)", "fs", "479", "groupe", "Grisolles", "antenne du groupe Grisolles"),
          ref("site_web", "cn", "636ba1d339870806f221aa57", "site_web",
              "https://www.grandsud82.fr/les-autres-services/france-services/horaires-et-coordonnees/", "page France services du site de la CC"),
          judgement("type", "communauté de communes (SIREN présent dans epci-82.json)"),
      ])

# 24 CC Quercy Vert-Aveyron
actor(id="cc-quercy-vert-aveyron", nom="Communauté de communes Quercy Vert-Aveyron",
      nom_officiel="CC Quercy Vert-Aveyron", type="epci",
      siret="20006688400012", siren="200066884", lieux=["france-services-005"],
      reseaux=["France services", "Aidants Connect"],
      sources=[
          ref("nom_officiel / siren", "epci", "200066884", "nom", "CC Quercy Vert-Aveyron", "DGCL 2026 (S2)"),
          ref("siret / réseau Aidants Connect", "ac", "20006688400012", "Name", "France Services de la Communauté de Communes Quercy Vert Aveyron"),
          ref("lieux (adresse commune)", "ac", "20006688400012", "Adresse", "370 avenue du 8 mai 1945"),
          ref("lieux (france-services-005)", "fs", "480", "adresse", "370 Avenue du 8 mai 1945"),
          ref("lieux (france-services-005)", "fs", "480", "mail", "franceservices@quercyvertaveyron.fr"),
          judgement("type", "communauté de communes (SIREN présent dans epci-82.json)"),
      ])

# 25 CC Quercy Caussadais
actor(id="cc-quercy-caussadais", nom="Communauté de communes du Quercy Caussadais",
      nom_officiel="CC du Quercy Caussadais", type="epci",
      siret="24820005700037", siren="248200057", lieux=["france-services-009"],
      reseaux=["France services", "Conseillers numériques", "Aidants Connect"],
      sources=[
          ref("nom_officiel / siren", "epci", "248200057", "nom", "CC du Quercy Caussadais", "DGCL 2026 (S2)"),
          ref("siret / réseau Aidants Connect", "ac", "24820005700037", "Name", "France Services Quercy Caussadais"),
          ref("lieux (adresse commune)", "ac", "24820005700037", "Adresse", "1 place de la Gare"),
          ref("lieux (france-services-009)", "fs", "992", "mail", "franceservices@quercycaussadais.fr"),
          cn_struct("62c820844f82c306de285a69", "6058e6fa250d66297ee9af6b", "CN-039, fusionné dans france-services-009"),
          judgement("siret", "le SIRET 24820005700037 (SIREN 248200057 = celui de la CC) est celui de la structure AC « France Services Quercy Caussadais »"),
          judgement("type", "communauté de communes (SIREN présent dans epci-82.json)"),
      ])

# 26 CC Lomagne
actor(id="cc-lomagne-tarn-et-garonnaise", nom="Communauté de communes de la Lomagne Tarn-et-Garonnaise",
      nom_officiel="CC de la Lomagne Tarn-et-Garonnaise", type="epci",
      siret=None, siren="248200065", lieux=["france-services-016"], reseaux=["France services"],
      sources=[
          ref("nom_officiel / siren", "epci", "248200065", "nom", "CC de la Lomagne Tarn-et-Garonnaise", "DGCL 2026 (S2)"),
          ref("lieux (france-services-016)", "fs", "2834", "mail", "contact@cc-lomagne82.fr", "domaine cc-lomagne82.fr"),
          judgement("type", "communauté de communes (SIREN présent dans epci-82.json)"),
      ],
      incertain="porteur de la France services de Beaumont-de-Lomagne déduit du seul domaine du courriel (contact@cc-lomagne82.fr) ; "
                "aucun SIRET dans les sources.")

# 27 Commune de Saint-Nicolas-de-la-Grave
actor(id="commune-saint-nicolas-de-la-grave", nom="Commune de Saint-Nicolas-de-la-Grave",
      nom_officiel="Commune de SAINT NICOLAS DE LA GRAVE", type="collectivite",
      siret="21820169700016", siren="218201697", lieux=["france-services-003"],
      reseaux=["France services", "Aidants Connect"],
      sources=[
          ref("nom_officiel / siret / réseau Aidants Connect", "ac", "21820169700016", "Name", "Commune de SAINT NICOLAS DE LA GRAVE",
              "adresse AC « Au château »"),
          ref("siren", "com", "82169", "siren_commune", "218201697"),
          ref("lieux (france-services-003)", "fs", "478", "adresse", "11 Place du Château"),
          ref("lieux (france-services-003)", "fs", "478", "mail", "franceservices@ville-stnicolas82.fr", "domaine de la ville"),
          judgement("type", "commune"),
      ],
      incertain="porteur déduit de deux indices concordants (courriel au domaine de la ville, structure Aidants Connect de la commune "
                "« Au château ») : la liste ANCT ne nomme pas le porteur.")

# 28 État - sous-préfecture de Castelsarrasin
actor(id="sous-prefecture-castelsarrasin", nom="Sous-préfecture de Castelsarrasin (État)",
      nom_officiel=None, type="service-public",
      siret="17820001000035", siren="178200010", lieux=["france-services-013"],
      reseaux=["France services", "Aidants Connect"],
      sources=[
          ref("siret / réseau Aidants Connect", "ac", "17820001000035", "Name", "France Services de Castelsarrasin"),
          ref("nom", "ac", "17820001000035", "Adresse", "44 rue de la fraternité (sous-préfecture)"),
          ref("lieux (france-services-013)", "fs", "1965", "adresse", "44 Rue de la fraternité"),
          ref("lieux (france-services-013) / type", "fs", "1965", "mail", "pref-franceservicescastelsarrasin@tarn-et-garonne.gouv.fr",
              "domaine de la préfecture (tarn-et-garonne.gouv.fr)"),
          judgement("type", "service de l'État (SIREN commençant par 1, courriel en .gouv.fr de la préfecture)"),
      ],
      incertain="nom : l'unité légale du SIREN 178200010 n'est pas nommée par les sources (« sous-préfecture » vient de l'adresse AC, "
                "« pref- » du courriel) ; le regroupement lui-même est sûr (adresse et nom AC = France services).")

# 29 MSA (bus France services)
actor(id="msa-midi-pyrenees-nord", nom="MSA Midi-Pyrénées Nord", nom_officiel=None, type="service-public",
      lieux=["france-services-015"], reseaux=["France services"],
      sources=[
          ref("lieux (france-services-015) / nom", "fs", "1967", "mail", "franceservices.confluences@mpn.msa.fr",
              "domaine mpn.msa.fr (MSA)"),
          ref("lieux (france-services-015)", "fs", "1967", "adresse", "180 Avenue Marcel Unal", "adresse de rattachement du bus, Montauban"),
          judgement("type", "caisse de la Mutualité sociale agricole (organisme de sécurité sociale) : « service-public » selon la consigne"),
      ],
      incertain="porteur déduit du seul domaine du courriel ; « Midi-Pyrénées Nord » est le développement de « mpn », non écrit dans les "
                "sources ; aucun SIRET. Le nom du bus (« Moissac-Confluences ») et ses arrêts (communes de la CC Terres des Confluences) "
                "laissent possible un co-portage non documenté.")

# 30 Le Dynamik / ADENS
actor(id="adens-le-dynamik", nom="Le Dynamik (ADENS)", nom_officiel=None, type="tiers-lieu",
      lieux=["conseiller-numerique-037"], reseaux=["Conseillers numériques"],
      site_web="https://www.adens.org", courriel="dynamik.adens@gmail.com",
      sources=[
          ref("nom / type", "cn", "62bad7f7dd51e705b180b4c0", "nom", "Fab Lab / Tiers Lieu \"Le Dynamik\"", "pivot 00000000000000"),
          cn_struct("62bad7f7dd51e705b180b4c0", "604a6955250d66297edaa490", "structure CN propre à ce seul lieu"),
          ref("nom (ADENS) / site_web", "cn", "62bad7f7dd51e705b180b4c0", "site_web", "https://www.adens.org"),
          ref("courriel", "cn", "62bad7f7dd51e705b180b4c0", "courriel", "dynamik.adens@gmail.com"),
      ],
      incertain="aucun SIRET ni nom officiel : la structure porteuse semble être « ADENS » (site et courriel), dont le nom développé et "
                "la forme juridique ne sont pas dans les sources ; « tiers-lieu » vient du nom du lieu (« Fab Lab / Tiers Lieu »).")

# ------------------------------------------------------------------ identifier checks and coherence
for a in A:
    chk = []
    if a["siret"]:
        r = check_siret(a["siret"])
        chk.append(f"SIRET {a['siret']} : {r}")
        assert a["siren"] == a["siret"][:9], a["id"]
    if a["siren"]:
        r = check_siren(a["siren"])
        chk.append(f"SIREN {a['siren']} : {r}")
    if chk:
        a["sources"].append({"champ": "contrôle siret/siren", "fichier": None,
                             "detail": "calculé (actors_build.py) : " + " ; ".join(chk)})
    # each place in lieux exists
    for p in a["lieux"]:
        assert p in LIEUX, p
    # SIRET of every place must share the actor's SIREN when the place has one
    for p in a["lieux"]:
        pv = LIEUX[p]["pivot"]
        if set(pv) != {"0"} and a["siren"]:
            assert pv[:9] == a["siren"], (a["id"], p, pv)
    ids = [x["id"] for x in A]
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", a["id"]), a["id"]
assert len(set(x["id"] for x in A)) == len(A)

covered = collections.Counter(p for a in A for p in a["lieux"])
dup = [p for p, n in covered.items() if n > 1]
assert not dup, dup
UNDETERMINED = [p for p in LIEUX_ORDER if p not in covered]

# all places with a real pivot must be covered by the actor with that SIREN
for p in LIEUX_ORDER:
    pv = LIEUX[p]["pivot"]
    if set(pv) != {"0"}:
        assert p in covered, p

# every other SIRET/SIREN found anywhere in the sources, for the report
all_ids = {}
for k, rows in AC.items():
    for r in rows:
        all_ids.setdefault(k, []).append(("AC", r["_line"], r["Name"]))
for k, rows in CN.items():
    for r in rows:
        if set(r["pivot"]) != {"0"}:
            all_ids.setdefault(r["pivot"], []).append(("CN", r["_line"], r["nom"]))
for k, rows in DI.items():
    for r in rows:
        if r["pivot"] and set(r["pivot"]) != {"0"}:
            all_ids.setdefault(r["pivot"], []).append(("DI", r["_line"], r["nom"]))

# The draft's type codes, as app::model::ActorType writes them.
TYPES = {
    "association": "association",
    "collectivite": "collectivité ou commune",
    "epci": "communauté de communes ou d'agglomération",
    "service-public": "service de l'État ou opérateur public",
    "entreprise": "entreprise",
    "etablissement-formation": "établissement scolaire ou de formation",
    "bibliotheque": "bibliothèque ou médiathèque",
    "tiers-lieu": "tiers-lieu ou fablab",
    "autre": "autre",
}
RESEAUX = {
    "Conseillers numériques": "Conseillers numériques",
    "France services": "France services",
    "Aidants Connect": "Aidants Connect",
    "Information Jeunesse (PIJ)": "Information Jeunesse",
    "Cyber-base": "Cyber-base",
    "Les PEP": "Les PEP",
    "Fédération nationale des CIDFF": "CIDFF",
}


def served(a):
    """The territory an actor serves, when the source says so by what it is: an EPCI its
    communes, a commune itself, the Département the département. Others: their places."""
    if a["type"] == "epci":
        return [{"type": "epci", "siren": a["siren"]}]
    if a["id"] == "departement-tarn-et-garonne":
        return [{"type": "departement"}]
    if a["id"].startswith("commune-") and a["siren"]:
        rows = [r for r in csv.DictReader(open(f"{ROOT}/{F_COM}", encoding="utf-8"))
                if r.get("siren_commune") == a["siren"]]
        if len(rows) == 1:
            return [{"type": "commune", "insee": rows[0]["code_insee"]}]
    return []


def repo_path(rel):
    """A source's path as the repository sees it: ours in data/, the workplace's in ../shared."""
    return rel.replace("main/data/", "data/").replace("shared/data/", "../shared/data/")


def feature(a):
    assert a["type"] in TYPES, a["type"]
    dates = sorted(LIEUX[p]["date_maj"] for p in a["lieux"])
    props = {
        "id": a["id"],
        "nom": a["nom"],
        "nom_officiel": a["nom_officiel"],
        "type": TYPES[a["type"]],
        "siret": a["siret"],
        "siren": a["siren"],
        "lieux": a["lieux"],
        "territoire": served(a),
        "reseaux": [RESEAUX[r] for r in a["reseaux"]],
        "site_web": a["site_web"],
        "courriel": a["courriel"],
        "telephone": a["telephone"],
        "provenance": [
            {"champ": s["champ"], "detail": (repo_path(s["fichier"]) + " : " if s["fichier"] else "") + s["detail"]}
            for s in a["sources"]
        ],
        "incertain": a["incertain"],
        "source": "Regroupement des lieux par structure (data/_scripts/build_acteurs.py) : SIRET des lieux, structures Conseillers numériques, Aidants Connect, France services (S3, S4, S5, S6)",
        # The newest of its places' update dates: what the grouping was read from.
        "date_maj": dates[-1],
    }
    return {"type": "Feature", "geometry": None,
            "properties": {k: v for k, v in props.items() if v not in (None, [])}}


if __name__ == "__main__":
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "acteurs.geojson")
    with open(out, "w", encoding="utf-8") as fh:
        json.dump({"type": "FeatureCollection", "features": [feature(a) for a in A]},
                  fh, ensure_ascii=False, indent=1)
        fh.write("\n")
    print(f"{len(A)} acteurs, {len(covered)} lieux couverts, {len(UNDETERMINED)} non déterminés : {UNDETERMINED}")
