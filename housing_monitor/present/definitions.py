"""The measures' definitions in plain Dutch: one sentence for next to a figure, and the exact rule."""

from __future__ import annotations

import functools
from dataclasses import dataclass, replace

from housing_monitor import privacy
from housing_monitor.measures.base import fill_settings, norm_days


@dataclass(frozen=True)
class Definition:
    """A measure as the Begrippen page explains it."""

    key: str
    title: str
    short: str
    exact: str


# The texts name the small-number threshold as {n}, {below} (n - 1) and {marker}, and the waiting norm as {norm}:
# filled in when read, so they follow the settings (definitions()).
_DEFINITIONS: tuple[Definition, ...] = (
    Definition(
        "peildatum",
        "Peildatum",
        "De datum waarop de cijfers de stand weergeven.",
        "De laatste datum die in de gegevens voorkomt, of een datum die u zelf kiest.",
    ),
    Definition(
        "gehuisvest",
        "Gehuisveste huishoudens en personen",
        "Hoeveel huishoudens en personen in de periode hun eerste woning kregen.",
        "Huishoudens waarvan de eerste plaatsing (vroegste startdatum) in de periode valt. "
        "Personen: de som van hun aantal personen.",
    ),
    Definition(
        "wachttijd",
        "Wachttijd tot eerste woning",
        "Hoe lang het duurt van verblijfsvergunning tot de eerste woning.",
        "Startdatum van de eerste plaatsing min de vergunningsdatum, in dagen; mediaan en 25e–75e "
        "percentiel als continue kwantielen (lineaire interpolatie). De landelijke norm is 14 weken.",
    ),
    Definition(
        "doorstroom",
        "Tijd tot vaste woning",
        "Hoe lang het duurt van verblijfsvergunning tot een blijvende woning.",
        "Van vergunningsdatum tot de startdatum van de eerste plaatsing met permanent = ja. Huishoudens "
        "zonder vaste woning tellen mee tot de peildatum (of tot hun laatste einddatum als ze uit de "
        "gegevens verdwenen): Kaplan–Meier-schatting met mediaan, 95%-betrouwbaarheidsinterval "
        "(Greenwood, log(−log)-schaal) en het aantal nog wachtende huishoudens. De mediaan is het eerste "
        "moment waarop de curve van nog wachtenden op of onder 50% komt; het interval loopt van waar de "
        "onder- en bovengrens van de band 50% kruisen. Een grens die de gegevens niet halen heet 'niet bereikt'. "
        "Alleen huishoudens met hun eerste woning vóór de peildatum tellen mee.",
    ),
    Definition(
        "vast_12m",
        "Binnen 12 maanden in een vaste woning",
        "Welk deel van de huishoudens binnen een jaar na de vergunning een blijvende woning had.",
        "1 min de Kaplan–Meier-curve op 365 dagen na de vergunning. Niet te bepalen als geen enkel huishouden "
        "een jaar gevolgd kon worden terwijl nog niet iedereen een vaste woning had.",
    ),
    Definition(
        "wachtenden",
        "Wachtenden (na koppeling)",
        "Hoeveel aan de gemeente gekoppelde huishoudens op de peildatum nog op een woning wachten, en hoe lang al.",
        "Koppelingen met een koppeldatum op of vóór de peildatum die op de peildatum nog niet gehuisvest waren "
        "(geen woning in die gemeente, of pas daarna) en niet beëindigd (geen einddatum, of pas daarna). Wacht al: "
        "peildatum min koppeldatum, in dagen (mediaan als continu kwantiel). Langer dan de norm: meer dan {norm} "
        "na de koppeling; de norm is een instelling. Een koppeling van de peildatum zelf wacht 0 dagen. "
        "Koppelingen hebben geen corporatie, project of woonvorm: die filters gelden hier niet. Huishoudens, "
        "personen en wie langer dan de norm wacht volgen elk apart de regel voor kleine aantallen; 0 blijft 0.",
    ),
    Definition(
        "tijd_tot_woning",
        "Tijd tot woning na koppeling",
        "Hoe lang het duurt van koppeling tot de eerste woning in die gemeente, wie nog wacht telt mee.",
        "Kaplan–Meier over de koppelingen met koppeldatum op of vóór de peildatum: gehuisvest (eerste startdatum "
        "in die gemeente, op of vóór de peildatum) is de gebeurtenis; wie nog wacht telt mee tot de peildatum, een "
        "beëindigde koppeling tot haar einddatum. Gehuisvest vóór de koppeling telt als 0 dagen; een woning op of "
        "na de einddatum telt als woning. Mediaan, 95%-interval en 'niet bereikt' als bij de tijd tot vaste "
        "woning. Binnen de norm gehuisvest: 1 min de curve op {norm}. Anders dan de wachttijd tot eerste woning "
        "tellen wachtenden mee: wie de moeilijke gevallen laat wachten, lijkt hier niet snel.",
    ),
    Definition(
        "taakstelling",
        "Realisatie taakstelling",
        "Hoeveel procent van de opgelegde aantallen de gemeente heeft gehuisvest.",
        "Gehuisveste personen gedeeld door de bijgestelde taakstelling, per gemeente en halfjaar. De "
        "bijgestelde taakstelling is de taakstelling van het halfjaar plus de achterstand uit eerdere halfjaren "
        "(of min de voorsprong): alle eerdere taakstellingen min alles wat eerder is gehuisvest, zoals de "
        "landelijke monitor telt. Ontbreekt de officiële realisatie, dan tellen de personen met hun eerste "
        "woning in dat halfjaar uit de plaatsingen, en dat staat erbij. Tempo op de peildatum: per voltooide "
        "maand van het halfjaar 1/6 van de bijgestelde taakstelling (na afloop alles). Op schema: minstens "
        "dat; licht achter: minder dan één maand (1/6) tekort; ver achter: meer. Per 1.000 inwoners waar het "
        "inwonertal bekend is. Samengevoegde gemeenten tellen mee bij de gemeente waarin ze opgingen. Over "
        "meer halfjaren samen: gehuisvest in die halfjaren gedeeld door de bijgestelde taakstelling van het "
        "eerste plus de taakstellingen van de volgende.",
    ),
    Definition(
        "standaardisatie",
        "Gestandaardiseerd naar huishoudtype",
        "Woonvormen eerlijk vergelijken, alsof ze allemaal dezelfde mix van alleenstaanden en gezinnen huisvestten.",
        "Directe standaardisatie: per woonvorm het cijfer voor alleenstaanden en voor gezinnen apart, gewogen "
        "naar het aandeel alleenstaanden en gezinnen onder alle huishoudens in de selectie. Ontbreekt een "
        "huishoudtype in een woonvorm of rust het op minder dan {n} huishoudens, dan is het cijfer niet te "
        "standaardiseren. Aantallen (gehuisveste personen) worden niet gestandaardiseerd.",
    ),
    Definition(
        "overlast",
        "Overlastsignalen per 100 huishoudjaren",
        "Hoe vaak er overlast wordt gemeld, eerlijk vergeleken naar hoe lang mensen er wonen.",
        "Aantal signalen per 100 jaar bewoning (blootstelling uit de plaatsingen: van startdatum tot "
        "einddatum of tot en met de peildatum). Woonvorm, corporatie en project van een signaal komen uit het "
        "signaal zelf, en anders uit de plaatsing van het huishouden die op de meldingsdatum liep (op de dag "
        "van een verhuizing telt de nieuwe woning). Bij een gekozen periode telt alleen de woonduur binnen die "
        "periode en tellen signalen naar hun meldingsdatum; woonduur die over de grens van een halfjaar loopt, "
        "wordt over beide halfjaren verdeeld. Categorie, ernst en bron verdelen alleen de signalen: elke "
        "categorie deelt de woonduur van de hele groep. De 95%-marge is exact (Poisson). Het cijfer rust op "
        "de huishoudens met woonduur in de groep. Afhandeltijd: mediaan aantal dagen van melding tot "
        "afhandeling onder de afgehandelde signalen; 'nog open' is het aandeel zonder afhandeling op de peildatum.",
    ),
    Definition(
        "integratie",
        "Integratie na k maanden",
        "Hoe het mensen 6, 12, 24 en 36 maanden na hun eerste woning vergaat in taal, werk en netwerk.",
        "Per persoon de meting die het dichtst bij de eerste startdatum van het huishouden + k maanden ligt, "
        "binnen ±3 maanden (grenzen tellen mee); liggen twee metingen even dichtbij, dan telt de vroegste. "
        "Het aandeel personen met de uitkomst onder wie die meting de uitkomst vastlegt (een lege waarde telt "
        "niet mee, ook niet in de noemer). Taal B1+: niveau B1, B2 of C1; inburgering: geslaagd (vrijgesteld "
        "of ontheffing telt als niet geslaagd); netwerk goed: score 4 of 5. Woonvorm, gemeente en cohort van "
        "een persoon zijn die van de eerste plaatsing van het huishouden. Gestandaardiseerd: per woonvorm het "
        "aandeel alsof de mix van alleenstaanden en gezinnen gelijk was aan die van de hele selectie (directe "
        "standaardisatie); ontbreekt een huishoudtype (minder dan {n} personen), dan kan dat niet.",
    ),
    Definition(
        "interventie",
        "Effect van een interventie",
        "Of de overlast daalde na de start van een maatregel, vergeleken met vergelijkbare plekken.",
        "Overlastcijfer (per 100 huishoudjaren) in de 6 maanden voor en de 6 maanden na de startdatum, in het "
        "project (of de hele gemeente als er geen project is), naast dezelfde verandering in dezelfde maanden "
        "op vergelijkbare plekken: woningen met dezelfde woonvorm (de woonvorm van de meeste huishoudens op de "
        "plek) waar in die maanden geen interventie van dezelfde soort liep. Het verschil van beide "
        "veranderingen (verschil-in-verschillen) met een 95%-marge (benadering, Poisson). Te weinig gegevens: "
        "minder dan {n} huishoudens op de plek of elders, ervoor of erna, of minder dan 10 signalen op de plek. "
        "Dit is geen bewijs van oorzaak: ook andere dingen kunnen in dezelfde maanden veranderd zijn.",
    ),
    Definition(
        "doelen",
        "Doelbereik",
        "Of een organisatie haalt wat ze zich heeft voorgenomen.",
        "Per doel de maatstaf over het bereik (gemeente, corporatie, project, woonvorm: wat is ingevuld) en de "
        "periode van het doel, naast de streefwaarde, en of die gehaald is gezien de richting (hoogstens of "
        "minstens). Wachttijd, aandeel binnen 12 maanden vast en integratie na 24 maanden: huishoudens met hun "
        "eerste woning in de periode. Overlast: signalen en woonduur binnen de periode. Taakstelling: de "
        "halfjaren van de periode, gehuisvest gedeeld door wat er aan het begin openstond plus de "
        "taakstellingen sindsdien (alleen per gemeente). Loopt de periode op de peildatum nog, dan telt de stand "
        "tot nu toe: op koers of niet op koers; bij de taakstelling telt van een lopend halfjaar alleen het deel "
        "van de verstreken maanden. Begint de periode na de peildatum: nog niet begonnen. Rust de maatstaf op "
        "minder dan {n} huishoudens of personen: te weinig gegevens, zonder getal (de taakstelling rust op "
        "openbare tellingen). Het verloop toont per halfjaareinde de waarde vanaf het begin van de periode; "
        "een punt dat 1 tot {below} huishoudens of personen scheelt met het volgende getoonde punt blijft leeg.",
    ),
    Definition(
        "kleine_aantallen",
        "Kleine aantallen",
        "Cijfers over minder dan {n} huishoudens of personen tonen we niet, om mensen te beschermen.",
        "Elk getoond of geëxporteerd cijfer dat rust op minder dan {n} huishoudens (of personen) wordt "
        "onderdrukt en getoond als '{marker}'. De drempel is een instelling. Is van een rij delen met een totaal "
        "precies één deel verborgen, dan verbergen we nog een deel, zodat 'totaal min de rest' niets "
        "verraadt. Taakstellingen en officiële realisatiecijfers publiceert het Rijk per gemeente: die tonen "
        "we altijd. Een realisatie geschat uit plaatsingen van 1 tot {below} personen toont de gemeente als '{marker}' en "
        "telt als 0 in elke achterstand en elk totaal: anders zou een totaal min de openbare tellingen de "
        "schatting verraden.",
    ),
)


def definitions() -> tuple[Definition, ...]:
    """Every definition with the current small-number threshold and waiting norm filled in."""
    return _filled(privacy.threshold(), norm_days())


def definition(key: str) -> Definition:
    """One definition by key, with the current settings filled in."""
    return next(d for d in definitions() if d.key == key)


# Keyed by the settings the texts name: every key figure's help asks for its definition on every page run.
@functools.lru_cache(maxsize=8)
def _filled(threshold: int, norm: int) -> tuple[Definition, ...]:
    return tuple(replace(d, short=fill_settings(d.short), exact=fill_settings(d.exact)) for d in _DEFINITIONS)
