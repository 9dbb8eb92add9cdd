"""The data contract: every dataset, column, type, enumeration and rule, in one place."""

from __future__ import annotations

from dataclasses import dataclass, field

MUNICIPALITY_CODE_PATTERN = r"^GM[0-9]{4}$"
PERIOD_PATTERN = r"^[0-9]{4}-H[12]$"

HOUSING_FORMS: dict[str, str] = {
    "zelfstandig": "Zelfstandige woning",
    "woningdelen": "Woningdelen",
    "tijdelijk": "Tijdelijke huisvesting",
    "flexwoning": "Flexwoning",
    "transformatie": "Getransformeerd vastgoed",
}
HOUSEHOLD_TYPES = {"alleenstaande": "Alleenstaande", "gezin": "Gezin"}
NUISANCE_CATEGORIES = {
    "geluid": "Geluid",
    "afval": "Afval",
    "burenconflict": "Burenconflict",
    "vervuiling": "Vervuiling",
    "intimidatie": "Intimidatie",
    "overig": "Overig",
}
NUISANCE_SOURCES = {
    "omwonende": "Omwonende",
    "corporatie": "Corporatie",
    "politie": "Politie",
    "gemeente": "Gemeente",
    "overig": "Overig",
}
SEVERITIES = {"laag": "Laag", "midden": "Midden", "hoog": "Hoog"}
LANGUAGE_LEVELS = {level: level for level in ("A0", "A1", "A2", "B1", "B2", "C1")}
INBURGERING_STATUSES = {
    "niet_gestart": "Niet gestart",
    "gestart": "Gestart",
    "geslaagd": "Geslaagd",
    "vrijgesteld": "Vrijgesteld",
    "ontheffing": "Ontheffing",
}
INTERVENTION_TYPES = {
    "coordinator": "Coördinator",
    "woonbegeleiding": "Woonbegeleiding",
    "buddy": "Buddy",
    "taalcoach": "Taalcoach",
    "matching_huisgenoten": "Matching huisgenoten",
    "bewonersbijeenkomst": "Bewonersbijeenkomst",
    "overig": "Overig",
}
GOAL_MEASURES = {
    "waiting_time_median_days": "Wachttijd tot eerste woning (mediaan, dagen)",
    "permanent_within_12m_share": "Aandeel binnen 12 maanden in vaste woning",
    "nuisance_rate": "Overlastsignalen per 100 huishoudjaren",
    "language_b1_24m_share": "Aandeel taalniveau B1+ na 24 maanden",
    "employed_24m_share": "Aandeel betaald werk na 24 maanden",
    "quota_realisation": "Realisatie taakstelling",
    "waiting_over_norm_households": "Wachtende huishoudens boven de norm",
    "housed_within_norm_share": "Aandeel binnen de norm gehuisvest na koppeling",
}
LINK_END_REASONS = {
    "ontkoppeld": "Ontkoppeld",
    "elders": "Elders gehuisvest",
    "vertrokken": "Vertrokken",
    "overig": "Overig",
}
GOAL_DIRECTIONS = {"max": "Hoogstens de streefwaarde", "min": "Minstens de streefwaarde"}
PROVINCES = {
    p: p
    for p in (
        "Groningen",
        "Fryslân",
        "Drenthe",
        "Overijssel",
        "Flevoland",
        "Gelderland",
        "Utrecht",
        "Noord-Holland",
        "Zuid-Holland",
        "Zeeland",
        "Noord-Brabant",
        "Limburg",
    )
}

# DuckDB column type per contract type.
SQL_TYPES = {
    "text": "VARCHAR",
    "int": "INTEGER",
    "number": "DOUBLE",
    "bool": "BOOLEAN",
    "date": "DATE",
    "enum": "VARCHAR",
    "period": "VARCHAR",
}
TYPE_LABELS = {
    "text": "tekst",
    "int": "geheel getal",
    "number": "getal",
    "bool": "ja/nee",
    "date": "datum",
    "enum": "keuzelijst",
    "period": "halfjaar (JJJJ-H1/H2)",
}


@dataclass(frozen=True)
class Column:
    """One column of a dataset as the contract defines it."""

    name: str
    alias: str
    type: str
    required: bool
    description: str = ""
    enum: dict[str, str] | None = None
    pattern: str | None = None
    minimum: float | None = None
    maximum: float | None = None
    not_before: str | None = None  # name of a date column this one may not precede
    not_after_today: bool = False
    pseudonym: bool = False
    required_with: str | None = None  # name of a column whose filled value makes this one required

    @property
    def sql_type(self) -> str:
        return SQL_TYPES[self.type]

    def rule_text(self) -> str:
        """The column's rules in plain Dutch, as the Begrippen page and import errors state them."""
        parts = []
        if self.enum:
            parts.append("een van: " + ", ".join(f"{code} ({label})" if label != code else code for code, label in self.enum.items()))
        if self.pattern == MUNICIPALITY_CODE_PATTERN:
            parts.append("'GM' gevolgd door 4 cijfers (CBS-code)")
        if self.pattern == PERIOD_PATTERN:
            parts.append("JJJJ-H1 of JJJJ-H2")
        if self.minimum is not None and self.maximum is not None:
            parts.append(f"van {self.minimum:g} tot en met {self.maximum:g}")
        elif self.minimum is not None:
            parts.append(f"minimaal {self.minimum:g}")
        if self.not_before:
            parts.append(f"niet vóór {self.not_before}")
        if self.not_after_today:
            parts.append("niet na vandaag")
        if self.required_with:
            parts.append(f"verplicht als {self.required_with} is ingevuld")
        if self.pseudonym:
            parts.append("pseudoniem, nooit een BSN")
        return "; ".join(parts)


@dataclass(frozen=True)
class Dataset:
    """A monitoring dataset: its columns, key and what one row means."""

    name: str
    dutch_name: str
    title: str
    row_meaning: str
    key: tuple[str, ...]
    columns: tuple[Column, ...]
    optional: bool = False
    at_least_one_of: tuple[str, ...] = field(default_factory=tuple)

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]

    def create_table_sql(self) -> str:
        """DDL for this dataset's table, generated so the schema cannot drift from the contract."""
        cols = [f"    {c.name} {c.sql_type}{' NOT NULL' if c.required else ''}" for c in self.columns]
        cols.append(f"    PRIMARY KEY ({', '.join(self.key)})")
        return f"CREATE TABLE IF NOT EXISTS {self.name} (\n" + ",\n".join(cols) + "\n)"

    @property
    def history_table(self) -> str:
        return f"history_{self.name}"

    def create_history_table_sql(self) -> str:
        """DDL for what undo needs: per import, the previous version of rows it changed and the keys it added."""
        cols = ["    import_id INTEGER NOT NULL", "    change VARCHAR NOT NULL"]
        cols += [f"    {c.name} {c.sql_type}" for c in self.columns]
        return f"CREATE TABLE IF NOT EXISTS {self.history_table} (\n" + ",\n".join(cols) + "\n)"


def _col(name, alias, type_, required, description="", **rules) -> Column:
    return Column(name, alias, type_, required, description, **rules)


_municipality_code = _col(
    "municipality_code", "gemeentecode", "text", True, "CBS-code van de gemeente", pattern=MUNICIPALITY_CODE_PATTERN
)
_corporation = _col("corporation", "corporatie", "text", False, "Woningcorporatie; leeg: geen corporatiewoning")
_project = _col("project", "project", "text", False, "Benoemde locatie of complex, bijv. 'Basisschool Landgraaf'")

PLACEMENTS = Dataset(
    name="placements",
    dutch_name="huisvestingen",
    title="Huisvestingen",
    row_meaning="één rij per huishouden per woning waarin het trok",
    key=("placement_id",),
    columns=(
        _col("placement_id", "plaatsing_id", "text", True, "Unieke code van de plaatsing"),
        _col("household_id", "huishouden_id", "text", True, "Pseudoniem van het huishouden", pseudonym=True),
        _municipality_code,
        _col("municipality_name", "gemeente", "text", False, "Naam van de gemeente"),
        _corporation,
        _col("housing_form", "woonvorm", "enum", True, "Soort huisvesting", enum=HOUSING_FORMS),
        _col("permanent", "permanent", "bool", True, "De woning is een blijvend thuis (geen tussenoplossing)"),
        _project,
        _col("household_type", "huishoudtype", "enum", True, "Alleenstaande of gezin", enum=HOUSEHOLD_TYPES),
        _col("household_size", "aantal_personen", "int", True, "Aantal personen in het huishouden", minimum=1, maximum=20),
        _col("permit_date", "vergunningsdatum", "date", True, "Datum van de verblijfsvergunning"),
        _col("linked_date", "koppeldatum", "date", False, "Datum van koppeling aan de gemeente"),
        _col(
            "move_in_date",
            "startdatum",
            "date",
            True,
            "Datum waarop het huishouden de woning betrok",
            not_before="permit_date",
            not_after_today=True,
        ),
        _col("move_out_date", "einddatum", "date", False, "Datum waarop het huishouden vertrok", not_before="move_in_date"),
    ),
)

LINKS = Dataset(
    name="links",
    dutch_name="koppelingen",
    title="Koppelingen",
    row_meaning="één rij per huishouden gekoppeld aan een gemeente voor huisvesting",
    key=("household_id", "municipality_code"),
    optional=True,
    columns=(
        _col("household_id", "huishouden_id", "text", True, "Pseudoniem van het huishouden, als in huisvestingen",
             pseudonym=True),
        _municipality_code,
        _col("permit_date", "vergunningsdatum", "date", True, "Datum van de verblijfsvergunning"),
        _col(
            "linked_date",
            "koppeldatum",
            "date",
            True,
            "Datum van koppeling aan de gemeente",
            not_before="permit_date",
            not_after_today=True,
        ),
        _col("household_type", "huishoudtype", "enum", True, "Alleenstaande of gezin", enum=HOUSEHOLD_TYPES),
        _col("household_size", "aantal_personen", "int", True, "Aantal personen in het huishouden", minimum=1, maximum=20),
        _col(
            "ended_date",
            "einddatum_koppeling",
            "date",
            False,
            "Datum waarop de koppeling eindigde zonder woning in deze gemeente",
            not_before="linked_date",
        ),
        _col(
            "end_reason",
            "reden_einde",
            "enum",
            False,
            "Waarom de koppeling eindigde",
            enum=LINK_END_REASONS,
            required_with="ended_date",
        ),
    ),
)

NUISANCE = Dataset(
    name="nuisance",
    dutch_name="overlastsignalen",
    title="Overlastsignalen",
    row_meaning="één rij per signaal",
    key=("signal_id",),
    columns=(
        _col("signal_id", "melding_id", "text", True, "Unieke code van het signaal"),
        _col("reported_on", "datum_melding", "date", True, "Datum van de melding"),
        _municipality_code,
        _corporation,
        _project,
        _col("household_id", "huishouden_id", "text", False, "Pseudoniem van het huishouden", pseudonym=True),
        _col("housing_form", "woonvorm", "enum", False, "Soort huisvesting", enum=HOUSING_FORMS),
        _col("category", "categorie", "enum", True, "Soort overlast", enum=NUISANCE_CATEGORIES),
        _col("source", "bron", "enum", False, "Wie het signaal gaf", enum=NUISANCE_SOURCES),
        _col("severity", "ernst", "enum", True, "Ernst van het signaal", enum=SEVERITIES),
        _col("resolved_on", "datum_afgehandeld", "date", False, "Datum van afhandeling", not_before="reported_on"),
    ),
)

INTEGRATION = Dataset(
    name="integration",
    dutch_name="integratie",
    title="Integratie",
    row_meaning="één rij per persoon per meting",
    key=("person_id", "measured_on"),
    columns=(
        _col("person_id", "persoon_id", "text", True, "Pseudoniem van de persoon", pseudonym=True),
        _col("household_id", "huishouden_id", "text", True, "Pseudoniem van het huishouden", pseudonym=True),
        _municipality_code,
        _col("measured_on", "peildatum", "date", True, "Datum van de meting"),
        _col("language_level", "taalniveau", "enum", False, "Taalniveau Nederlands", enum=LANGUAGE_LEVELS),
        _col("inburgering_status", "inburgering", "enum", False, "Stand van de inburgering", enum=INBURGERING_STATUSES),
        _col("in_education", "opleiding", "bool", False, "Volgt een opleiding"),
        _col("employed", "betaald_werk", "bool", False, "Heeft betaald werk"),
        _col("volunteering", "vrijwilligerswerk", "bool", False, "Doet vrijwilligerswerk"),
        _col("on_benefits", "uitkering", "bool", False, "Ontvangt bijstand"),
        _col("network_score", "netwerk_score", "int", False, "Eigen oordeel over sociaal netwerk (1-5)", minimum=1, maximum=5),
    ),
)

QUOTA = Dataset(
    name="quota",
    dutch_name="taakstelling",
    title="Taakstelling",
    row_meaning="één rij per gemeente per halfjaar",
    key=("municipality_code", "period"),
    columns=(
        _municipality_code,
        _col("period", "periode", "period", True, "Halfjaar, bijv. 2016-H2", pattern=PERIOD_PATTERN),
        _col("target", "taakstelling", "int", True, "Aantal te huisvesten personen", minimum=0),
        _col("realised", "realisatie", "int", False, "Gehuisveste personen volgens de officiële telling", minimum=0),
    ),
)

INTERVENTIONS = Dataset(
    name="interventions",
    dutch_name="interventies",
    title="Interventies",
    row_meaning="één rij per ondersteunende maatregel",
    key=("intervention_id",),
    columns=(
        _col("intervention_id", "interventie_id", "text", True, "Unieke code van de interventie"),
        _municipality_code,
        _corporation,
        _project,
        _col("type", "soort", "enum", True, "Soort maatregel", enum=INTERVENTION_TYPES),
        _col("start_date", "startdatum", "date", True, "Startdatum"),
        _col("end_date", "einddatum", "date", False, "Einddatum", not_before="start_date"),
        _col("description", "omschrijving", "text", False, "Korte omschrijving"),
    ),
)

GOALS = Dataset(
    name="goals",
    dutch_name="doelen",
    title="Doelen",
    row_meaning="één rij per doel dat een gemeente, corporatie of project zich stelt",
    key=("goal_id",),
    optional=True,
    at_least_one_of=("municipality_code", "corporation", "project"),
    columns=(
        _col("goal_id", "doel_id", "text", True, "Unieke code van het doel"),
        _col("municipality_code", "gemeentecode", "text", False, "CBS-code van de gemeente", pattern=MUNICIPALITY_CODE_PATTERN),
        _corporation,
        _project,
        _col("housing_form", "woonvorm", "enum", False, "Soort huisvesting", enum=HOUSING_FORMS),
        _col("measure", "maatstaf", "enum", True, "Welke maatstaf", enum=GOAL_MEASURES),
        _col("direction", "richting", "enum", True, "Hoogstens of minstens de streefwaarde", enum=GOAL_DIRECTIONS),
        _col("target", "streefwaarde", "number", True, "Streefwaarde; aandelen als 0..1 (ook '80%')"),
        _col("period_start", "periode_start", "date", True, "Begin van de periode"),
        _col("period_end", "periode_eind", "date", True, "Einde van de periode", not_before="period_start"),
        _col("description", "omschrijving", "text", False, "Omschrijving van het doel"),
    ),
)

MUNICIPALITIES = Dataset(
    name="municipalities",
    dutch_name="gemeenten",
    title="Gemeenten (referentie)",
    row_meaning="één rij per gemeente",
    key=("municipality_code",),
    columns=(
        _municipality_code,
        _col("municipality_name", "gemeente", "text", True, "Naam volgens CBS"),
        _col("province", "provincie", "enum", True, "Provincie", enum=PROVINCES),
        _col("population", "inwoners", "int", False, "Inwoners op 1 januari", minimum=0),
        _col(
            "successor_code",
            "opvolger_code",
            "text",
            False,
            "Gemeente waarin deze gemeente is opgegaan",
            pattern=MUNICIPALITY_CODE_PATTERN,
        ),
    ),
)

DATASETS: dict[str, Dataset] = {
    d.name: d for d in (PLACEMENTS, LINKS, NUISANCE, INTEGRATION, QUOTA, INTERVENTIONS, GOALS, MUNICIPALITIES)
}

BOOLEAN_TRUE = frozenset({"ja", "yes", "true", "1", "j", "y", "waar"})
BOOLEAN_FALSE = frozenset({"nee", "no", "false", "0", "n", "onwaar"})
DATE_FORMATS = ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y")
SUPPRESSION_THRESHOLD = 5
# The waiting list's norm: days after linking (12 weeks) beyond which a household counts as waiting too long.
WAITING_NORM_DAYS = 84
