"""The benchmark's France: about a hundred départements, each with its pool of organisations
(préfecture, département, intercommunalities and communes, police and gendarmerie, employer
associations, CAF) that its conventions share, as they do in reality.

Names of départements, chefs-lieux and administrative courts are real (the court is that of the
chef-lieu's jurisdiction, to the best of our knowledge, and only used as text). Everything else is
invented: intercommunalities and associations, SIRET and IBAN (valid checksums only), and the
officials' names, which are those of no one in particular. Nothing about people helped.
"""

from dataclasses import dataclass, field

from stdnum import iban as stdnum_iban
from stdnum import luhn

# code | name | preposition ("du ", "de la ", "de l'", "des ", "de ") | chef-lieu | court seat
DEPARTEMENTS = """
01|Ain|de l'|Bourg-en-Bresse|Lyon
02|Aisne|de l'|Laon|Amiens
03|Allier|de l'|Moulins|Clermont-Ferrand
04|Alpes-de-Haute-Provence|des |Digne-les-Bains|Marseille
05|Hautes-Alpes|des |Gap|Marseille
06|Alpes-Maritimes|des |Nice|Nice
07|Ardèche|de l'|Privas|Lyon
08|Ardennes|des |Charleville-Mézières|Châlons-en-Champagne
09|Ariège|de l'|Foix|Toulouse
10|Aube|de l'|Troyes|Châlons-en-Champagne
11|Aude|de l'|Carcassonne|Montpellier
12|Aveyron|de l'|Rodez|Toulouse
13|Bouches-du-Rhône|des |Marseille|Marseille
14|Calvados|du |Caen|Caen
15|Cantal|du |Aurillac|Clermont-Ferrand
16|Charente|de la |Angoulême|Poitiers
17|Charente-Maritime|de la |La Rochelle|Poitiers
18|Cher|du |Bourges|Orléans
19|Corrèze|de la |Tulle|Limoges
2A|Corse-du-Sud|de la |Ajaccio|Bastia
2B|Haute-Corse|de la |Bastia|Bastia
21|Côte-d'Or|de la |Dijon|Dijon
22|Côtes-d'Armor|des |Saint-Brieuc|Rennes
23|Creuse|de la |Guéret|Limoges
24|Dordogne|de la |Périgueux|Bordeaux
25|Doubs|du |Besançon|Besançon
26|Drôme|de la |Valence|Grenoble
27|Eure|de l'|Évreux|Rouen
28|Eure-et-Loir|d'|Chartres|Orléans
29|Finistère|du |Quimper|Rennes
30|Gard|du |Nîmes|Nîmes
31|Haute-Garonne|de la |Toulouse|Toulouse
32|Gers|du |Auch|Pau
33|Gironde|de la |Bordeaux|Bordeaux
34|Hérault|de l'|Montpellier|Montpellier
35|Ille-et-Vilaine|d'|Rennes|Rennes
36|Indre|de l'|Châteauroux|Limoges
37|Indre-et-Loire|d'|Tours|Orléans
38|Isère|de l'|Grenoble|Grenoble
39|Jura|du |Lons-le-Saunier|Besançon
40|Landes|des |Mont-de-Marsan|Pau
41|Loir-et-Cher|de |Blois|Orléans
42|Loire|de la |Saint-Étienne|Lyon
43|Haute-Loire|de la |Le Puy-en-Velay|Clermont-Ferrand
44|Loire-Atlantique|de la |Nantes|Nantes
45|Loiret|du |Orléans|Orléans
46|Lot|du |Cahors|Toulouse
47|Lot-et-Garonne|de |Agen|Bordeaux
48|Lozère|de la |Mende|Nîmes
49|Maine-et-Loire|de |Angers|Nantes
50|Manche|de la |Saint-Lô|Caen
51|Marne|de la |Châlons-en-Champagne|Châlons-en-Champagne
52|Haute-Marne|de la |Chaumont|Châlons-en-Champagne
53|Mayenne|de la |Laval|Nantes
54|Meurthe-et-Moselle|de |Nancy|Nancy
55|Meuse|de la |Bar-le-Duc|Nancy
56|Morbihan|du |Vannes|Rennes
57|Moselle|de la |Metz|Strasbourg
58|Nièvre|de la |Nevers|Dijon
59|Nord|du |Lille|Lille
60|Oise|de l'|Beauvais|Amiens
61|Orne|de l'|Alençon|Caen
62|Pas-de-Calais|du |Arras|Lille
63|Puy-de-Dôme|du |Clermont-Ferrand|Clermont-Ferrand
64|Pyrénées-Atlantiques|des |Pau|Pau
65|Hautes-Pyrénées|des |Tarbes|Pau
66|Pyrénées-Orientales|des |Perpignan|Montpellier
67|Bas-Rhin|du |Strasbourg|Strasbourg
68|Haut-Rhin|du |Colmar|Strasbourg
69|Rhône|du |Lyon|Lyon
70|Haute-Saône|de la |Vesoul|Besançon
71|Saône-et-Loire|de |Mâcon|Dijon
72|Sarthe|de la |Le Mans|Nantes
73|Savoie|de la |Chambéry|Grenoble
74|Haute-Savoie|de la |Annecy|Grenoble
75|Paris|de |Paris|Paris
76|Seine-Maritime|de la |Rouen|Rouen
77|Seine-et-Marne|de |Melun|Melun
78|Yvelines|des |Versailles|Versailles
79|Deux-Sèvres|des |Niort|Poitiers
80|Somme|de la |Amiens|Amiens
81|Tarn|du |Albi|Toulouse
82|Tarn-et-Garonne|de |Montauban|Toulouse
83|Var|du |Toulon|Toulon
84|Vaucluse|de |Avignon|Nîmes
85|Vendée|de la |La Roche-sur-Yon|Nantes
86|Vienne|de la |Poitiers|Poitiers
87|Haute-Vienne|de la |Limoges|Limoges
88|Vosges|des |Épinal|Nancy
89|Yonne|de l'|Auxerre|Dijon
90|Territoire de Belfort|du |Belfort|Besançon
91|Essonne|de l'|Évry-Courcouronnes|Versailles
92|Hauts-de-Seine|des |Nanterre|Cergy-Pontoise
93|Seine-Saint-Denis|de la |Bobigny|Montreuil
94|Val-de-Marne|du |Créteil|Melun
95|Val-d'Oise|du |Cergy|Cergy-Pontoise
971|Guadeloupe|de la |Basse-Terre|Basse-Terre
972|Martinique|de la |Fort-de-France|la Martinique
973|Guyane|de la |Cayenne|la Guyane
974|La Réunion|de |Saint-Denis|La Réunion
976|Mayotte|de |Mamoudzou|Mayotte
"""
# Collectivities that hold a département's powers under another name.
DEPARTMENT_BODIES = {
    "67": "Collectivité européenne d'Alsace",
    "68": "Collectivité européenne d'Alsace",
    "75": "Ville de Paris",
    "2A": "Collectivité de Corse",
    "2B": "Collectivité de Corse",
    "972": "Collectivité territoriale de Martinique",
    "973": "Collectivité territoriale de Guyane",
}
EPCI_SHAPES = (
    "Communauté d'agglomération {of_chef}",
    "Communauté de communes Cœur {prep}{name}",
    "Communauté de communes des Vallées et Plateaux {prep}{name}",
    "Communauté de communes du Pays {of_chef}",
    "Communauté de communes Terres {prep}{name} Nord",
    "Communauté de communes Terres {prep}{name} Sud",
)
ASSOCIATION_SHAPES = (
    "Centre d'information sur les droits des femmes et des familles {prep}{name}",
    "Association départementale d'aide aux victimes {prep}{name}",
    "Association de sauvegarde de l'enfance et de l'adulte {prep}{name}",
    "Association de médiation sociale {prep}{name}",
)
FIRST_NAMES = (
    "Anne", "Claire", "Sophie", "Isabelle", "Nathalie", "Catherine", "Hélène", "Valérie",
    "Sandrine", "Laurence", "Philippe", "Olivier", "Thierry", "Laurent", "Christophe", "Pascal",
    "Éric", "Frédéric", "Jean-Marc", "Nicolas",
)  # fmt: skip
LAST_NAMES = (
    "Bernard", "Dubois", "Moreau", "Laurent", "Simon", "Michel", "Lefèvre", "Leroy", "Roux",
    "David", "Bertrand", "Morel", "Fournier", "Girard", "Bonnet", "Dupont", "Lambert",
    "Fontaine", "Rousseau", "Vincent", "Muller", "Faure", "André", "Mercier",
)  # fmt: skip


@dataclass(frozen=True)
class Departement:
    """A département as the conventions name it."""

    code: str
    name: str
    prep: str
    chef: str
    court: str

    def of(self, text):
        """'Préfet' + ' du Nord': the département's name after a noun."""
        return f"{text} {self.prep}{self.name}"

    @property
    def of_chef(self):
        """'de Lille', "d'Amiens": the chef-lieu after a noun."""
        return elided(self.chef)

    @property
    def of_court(self):
        """'de Lille', "d'Amiens", 'de la Martinique': the court's seat after its name."""
        return elided(self.court)


def elided(place):
    """'de' before a place's name, elided before a vowel."""
    return f"d'{place}" if place[0] in "AEÉÈIOUY" else f"de {place}"


@dataclass
class Pool:
    """The organisations of one département, as party entries of a convention file."""

    departement: Departement
    state: dict = field(default_factory=dict)
    department: dict = field(default_factory=dict)
    gendarmerie: dict = field(default_factory=dict)
    police: dict = field(default_factory=dict)
    caf: dict = field(default_factory=dict)
    epcis: list = field(default_factory=list)
    communes: list = field(default_factory=list)
    associations: list = field(default_factory=list)


def departements():
    """Every département of the table, in its order."""
    return [
        Departement(*line.split("|")) for line in DEPARTEMENTS.strip().splitlines() if line.strip()
    ]


def pools(rng):
    """One pool of organisations per département, drawn with `rng` (a random.Random)."""
    return [_pool(rng, number, d) for number, d in enumerate(departements(), start=1)]


def official(rng, office):
    """A made-up official: half the time by office only, as many real conventions do."""
    if rng.random() < 0.5:
        return f"{rng.choice(('Mme', 'M.'))} {rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
    return office


def _pool(rng, number, d):
    words = {"prep": d.prep, "name": d.name, "of_chef": d.of_chef}
    body = DEPARTMENT_BODIES.get(d.code) or f"Département {d.prep}{d.name}"
    pool = Pool(d)
    pool.state = _party(
        rng, "state", f"État, préfecture {d.prep}{d.name}", d.of("Préfet"), "Le préfet"
    )
    head = "Président du conseil départemental"
    if d.code in DEPARTMENT_BODIES:
        head = "Président de l'assemblée de la collectivité"
    pool.department = _party(rng, "department", body, head, f"Le {head[0].lower()}{head[1:]}")
    pool.gendarmerie = _party(
        rng,
        "gendarmerie",
        d.of("Groupement de gendarmerie départementale"),
        d.of("Commandant du groupement de gendarmerie départementale"),
        "Le commandant du groupement",
    )
    pool.police = _party(
        rng,
        "police",
        d.of("Direction départementale de la police nationale"),
        d.of("Directeur départemental de la police nationale"),
        "Le directeur départemental",
    )
    pool.caf = _party(
        rng,
        "other",
        d.of("Caisse d'allocations familiales"),
        d.of("Directeur de la caisse d'allocations familiales"),
        "Le directeur",
    )
    shapes = rng.sample(EPCI_SHAPES, rng.randint(2, 4))
    pool.epcis = [
        _party(rng, "epci", s.format(**words), "Président(e) de l'EPCI", "Le président")
        for s in shapes
    ]
    pool.communes = [
        _party(rng, "commune", f"Commune {d.of_chef}", f"Maire {d.of_chef}", "Le maire")
    ]
    shapes = rng.sample(ASSOCIATION_SHAPES, rng.randint(2, 3))
    pool.associations = [
        {
            **_party(rng, "association", s.format(**words), "Président(e)", "La présidence"),
            "siret": siret(number * 10 + i),
            "iban": iban(number * 10 + i),
        }
        for i, s in enumerate(shapes)
    ]
    return pool


def _party(rng, kind, name, title, office):
    return {"kind": kind, "name": name, "representative": official(rng, office), "title": title}


def siret(serial):
    """A fictitious SIRET with valid checksums (SIREN 99xxxxxx + key, establishment 0001x)."""
    siren = f"99{serial:06d}"
    siren += luhn.calc_check_digit(siren)
    body = f"{siren}0001"
    return body + luhn.calc_check_digit(body)


def iban(serial):
    """A fictitious French IBAN with a valid RIB key and check digits."""
    bank, branch, account = "30001", f"{serial % 100000:05d}", f"{serial:011d}"
    key = 97 - (89 * int(bank) + 15 * int(branch) + 3 * int(account)) % 97
    bban = f"{bank}{branch}{account}{key:02d}"
    return stdnum_iban.format(f"FR{stdnum_iban.calc_check_digits('FR00' + bban)}{bban}")
