"""Labels printed by synthetic documents, read from the project's real vocabularies.

Group codes, their French forms and their validity windows come from ``data/vocab``, so a
synthetic document prints exactly what the normaliser must resolve; the country table
holds the labels PACE prints (English and French) for its member states and partners.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

VOCAB_DIR = Path(__file__).resolve().parent.parent / "data" / "vocab"
_ACRONYM = re.compile(r"[A-Z][A-Z/&-]{0,7}")


def _rows(name: str) -> list[dict[str, str]]:
    with (VOCAB_DIR / name).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _day(value: str, default: dt.date) -> dt.date:
    return dt.date.fromisoformat(value) if value else default


@dataclass(frozen=True, slots=True)
class GroupLabel:
    """One group code for one period, with the labels a document prints for it."""

    group_id: str  # lineage across renames, e.g. "pace:conservative"
    code: str
    en: str
    fr: str
    odp: str | None  # EP Open Data Portal corporate-body id, e.g. "EP_GROUP_RENEW"
    name_en: str
    name_fr: str
    valid_from: dt.date
    valid_to: dt.date

    def valid_on(self, day: dt.date) -> bool:
        return self.valid_from <= day <= self.valid_to


# The EP prints French acronyms in every language ("on behalf of the PPE Group").
_EP_PRINTED = {"EPP-ED": "PPE-DE", "EPP": "PPE", "PES": "PSE", "Greens/EFA": "Verts/ALE"}


@functools.cache
def pace_groups() -> tuple[GroupLabel, ...]:
    aliases = _rows("pace_group_aliases.csv")
    labels = []
    for row in _rows("pace_groups.csv"):
        fr = next((a["alias"] for a in aliases if a["code"] == row["code"] and a["language"] == "fr"
                   and _ACRONYM.fullmatch(a["alias"])), row["code"])
        labels.append(GroupLabel(row["group_id"], row["code"], row["code"], fr, None,
                                 row["name_en"], row["name_fr"], _day(row["valid_from"], dt.date.min),
                                 _day(row["valid_to"], dt.date.max)))
    return tuple(labels)


@functools.cache
def ep_groups() -> tuple[GroupLabel, ...]:
    aliases = _rows("ep_group_aliases.csv")
    labels = []
    for row in _rows("ep_groups.csv"):
        known = {a["alias"] for a in aliases if a["code"] == row["code"]} | {row["code"]}
        printed = _EP_PRINTED.get(row["code"], row["code"])
        if printed not in known:
            raise ValueError(f"{printed!r} is not an alias of EP group {row['code']}")
        odp = next((a for a in sorted(known) if a.startswith("EP_GROUP_")), None)
        labels.append(GroupLabel(row["group_id"], row["code"], printed, printed, odp,
                                 row["name_en"], row["name_fr"], _day(row["valid_from"], dt.date.min),
                                 _day(row["valid_to"], dt.date.max)))
    return tuple(labels)


def group_on(groups: tuple[GroupLabel, ...], group_id: str, day: dt.date) -> GroupLabel | None:
    """The code a lineage printed on ``day`` (None when the group did not exist then)."""
    return next((g for g in groups if g.group_id == group_id and g.valid_on(day)), None)


@dataclass(frozen=True, slots=True)
class Country:
    iso2: str
    en: str
    fr: str
    seats: int  # PACE delegation size: how often its members sign
    region: str  # naming tradition for synthetic members
    since: int  # year of accession (partners: of partnership)
    until: int = 9999
    partner: bool = False  # partner for democracy: signs without a group
    en_before: tuple[int, str, str] | None = None  # (year, en, fr) labels used before a rename


def _c(iso2: str, en: str, fr: str, seats: int, region: str, since: int, **kw: Any) -> Country:
    return Country(iso2, en, fr, seats, region, since, **kw)


COUNTRIES: tuple[Country, ...] = (
    _c("AL", "Albania", "Albanie", 4, "balkan", 1995),
    _c("AD", "Andorra", "Andorre", 2, "iberian", 1994),
    _c("AM", "Armenia", "Arménie", 4, "caucasus", 2001),
    _c("AT", "Austria", "Autriche", 6, "germanic", 1956),
    _c("AZ", "Azerbaijan", "Azerbaïdjan", 6, "caucasus", 2001),
    _c("BE", "Belgium", "Belgique", 7, "lowlands", 1949),
    _c("BA", "Bosnia and Herzegovina", "Bosnie-Herzégovine", 5, "balkan", 2002),
    _c("BG", "Bulgaria", "Bulgarie", 6, "slavic", 1992),
    _c("HR", "Croatia", "Croatie", 5, "balkan", 1996),
    _c("CY", "Cyprus", "Chypre", 3, "greek", 1961),
    _c("CZ", "Czech Republic", "République tchèque", 7, "slavic", 1993),
    _c("DK", "Denmark", "Danemark", 5, "nordic", 1949),
    _c("EE", "Estonia", "Estonie", 3, "baltic", 1993),
    _c("FI", "Finland", "Finlande", 5, "nordic", 1989),
    _c("FR", "France", "France", 18, "french", 1949),
    _c("GE", "Georgia", "Géorgie", 5, "caucasus", 1999),
    _c("DE", "Germany", "Allemagne", 18, "germanic", 1950),
    _c("GR", "Greece", "Grèce", 7, "greek", 1949),
    _c("HU", "Hungary", "Hongrie", 7, "hungarian", 1990),
    _c("IS", "Iceland", "Islande", 3, "nordic", 1950),
    _c("IE", "Ireland", "Irlande", 4, "british", 1949),
    _c("IT", "Italy", "Italie", 18, "italian", 1949),
    _c("LV", "Latvia", "Lettonie", 3, "baltic", 1995),
    _c("LI", "Liechtenstein", "Liechtenstein", 2, "germanic", 1978),
    _c("LT", "Lithuania", "Lituanie", 4, "baltic", 1993),
    _c("LU", "Luxembourg", "Luxembourg", 3, "french", 1949),
    _c("MT", "Malta", "Malte", 3, "italian", 1965),
    _c("MD", "Republic of Moldova", "République de Moldova", 5, "romanian", 1995),
    _c("MC", "Monaco", "Monaco", 2, "french", 2004),
    _c("ME", "Montenegro", "Monténégro", 3, "balkan", 2007),
    _c("NL", "Netherlands", "Pays-Bas", 7, "lowlands", 1949),
    _c("MK", "North Macedonia", "Macédoine du Nord", 3, "balkan", 1995,
       en_before=(2019, "the former Yugoslav Republic of Macedonia",
                  "L'ex-République yougoslave de Macédoine")),
    _c("NO", "Norway", "Norvège", 5, "nordic", 1949),
    _c("PL", "Poland", "Pologne", 12, "slavic", 1991),
    _c("PT", "Portugal", "Portugal", 7, "iberian", 1976),
    _c("RO", "Romania", "Roumanie", 10, "romanian", 1993),
    _c("RU", "Russian Federation", "Fédération de Russie", 18, "russian", 1996, until=2021),
    _c("SM", "San Marino", "Saint-Marin", 2, "italian", 1988),
    _c("RS", "Serbia", "Serbie", 7, "balkan", 2006),
    _c("SK", "Slovak Republic", "République slovaque", 5, "slavic", 1993),
    _c("SI", "Slovenia", "Slovénie", 3, "balkan", 1993),
    _c("ES", "Spain", "Espagne", 12, "iberian", 1977),
    _c("SE", "Sweden", "Suède", 6, "nordic", 1949),
    _c("CH", "Switzerland", "Suisse", 6, "germanic", 1963),
    _c("TR", "Türkiye", "Turquie", 18, "turkish", 1949, en_before=(2022, "Turkey", "Turquie")),
    _c("UA", "Ukraine", "Ukraine", 12, "ukrainian", 1995),
    _c("GB", "United Kingdom", "Royaume-Uni", 18, "british", 1949),
    _c("MA", "Morocco", "Maroc", 1, "maghreb", 2011, partner=True),
    _c("JO", "Jordan", "Jordanie", 1, "levant", 2016, partner=True),
    _c("KG", "Kyrgyzstan", "Kirghizistan", 1, "central_asia", 2014, partner=True),
)


@functools.cache
def pace_seats() -> dict[str, tuple[tuple[dt.date, dt.date], ...]]:
    """Periods in which each state's members may sign PACE texts (``pace_members.csv``)."""
    periods: dict[str, list[tuple[dt.date, dt.date]]] = {}
    for row in _rows("pace_members.csv"):
        periods.setdefault(row["iso2"], []).append(
            (_day(row["valid_from"], dt.date.min), _day(row["valid_to"], dt.date.max)))
    return {iso2: tuple(spans) for iso2, spans in periods.items()}


def may_sign(country: Country, day: dt.date) -> bool:
    return any(first <= day <= last for first, last in pace_seats().get(country.iso2, ()))


def country_labels(country: Country, day: dt.date) -> tuple[str, str]:
    """(English, French) label printed on ``day``."""
    if country.en_before and day.year < country.en_before[0]:
        return country.en_before[1], country.en_before[2]
    return country.en, country.fr


# Names by naming tradition: given names (men | women) and family names, as spelt locally;
# "_" joins the words of one name.
_NAMES: dict[str, tuple[str, str, str]] = {
    "balkan": ("Edi Ilir Arben Zoran Dragan Nikola Ivan Milan Damir Goran Aleksandar Tomislav",
               "Arta Jelena Ivana Mirela Ana Dubravka Vesna Marija Snežana Ksenija Tanja Biljana",
               "Hoxha Krasniqi Marković Petrović Nikolić Kovačević Babić Horvat Jovanović Đukanović "
               "Mehmedović Hadžić Popović Stojanović Vukčević Zekaj Bytyqi Šimunić Radončić Ilić"),
    "iberian": ("José Pere Jordi Antonio Pablo Jokin Luís Rui Carlos Joan Miguel Javier",
                "María Mònica Ana Carmen Lola Isabel Marisa Pilar Rosa Núria Ángela Sofía",
                "García López Martínez Rodríguez Hernández Gómez Xuclà Cepeda Gutiérrez Bildarratz "
                "Hispán Leite_Ramos Sánchez_Caldentey Vallina Couso_Permuy Bermejo Pereira Santos"),
    "caucasus": ("Ruben Davit Armen Hayk Giorgi Irakli Sergo Samad Elkhan Tural Kakhaber Levan",
                 "Arpine Naira Sona Zaruhi Nino Tamar Sopio Mariam Ganira Sevinj Gultakin Arusyak",
                 "Rubinyan Aghajanyan Harutyunyan Gevorgyan Zohrabyan Kandelaki Kobakhidze Kutchava "
                 "Beselia Goguadze Seyidov Pashayeva Huseynov Mammadov Aliyeva Talibov Chikovani"),
    "germanic": ("Axel Andreas Frank Karl Franz Michael Johannes Stefan Thomas Markus Leander Lukas",
                 "Ursula Bärbel Petra Gisela Elisabeth Doris Andrea Sabine Katharina Maria Ruth Anna",
                 "Fischer Schmidt Müller Schäfer Kühnel Donabauer Haupert Nick Gross Schädler "
                 "Bergmann Hoffmann Weber Becker Wagner Maissen Lombardi Fridez Zapfl Nabholz"),
    "lowlands": ("Luc Tiny Hans Pieter Jan Dirk Stef Geert Willem Caspar Bart Koen",
                 "Ria Corien Marie-Louise Elke Petra Nele Anne Sofie Lotte Karin Marieke Els",
                 "Kox Franken Jonker Bemelmans Tindemans Janssens Peeters Maes Jacobs Mertens "
                 "Willems Claes Goossens Wouters Bakker Visser Smit Meijer Mulder Bos"),
    "greek": ("Georgios Anastasios Dimitrios Nicos Constantinos Theodoros Kostas Andreas Yiannis "
              "Christos Vangelis Stelios",
              "Theodora Christiana Nina Sofia Eleni Maria Katerina Despina Rena Anna Georgia Irene",
              "Katrougalos Chatzivasileiou Kairidis Tornaritis Efstathiou Loucaides Rousopoulos "
              "Kasimati Erotokritou Papadopoulos Bakoyannis Demetriou Christodoulides Nikolaou"),
    "slavic": ("Petar Krasimir Václav Rom Marek Aleksander Dominik Martin Tomáš Jan Piotr Arkadiusz",
               "Iwona Krista Katarzyna Elżbieta Jana Veronika Michaela Monika Zuzana Daniela "
               "Agnieszka Ewa",
               "Petrov Minchev Kostřica Kubata Borowski Pociej Tarczyński Mularczyk Poliačik "
               "Šojdrová Novák Kowalski Nowak Wiśniewska Dvořák Horváth Kováč Zieliński"),
    "nordic": ("Kimmo Markku Birgir Michael Alexander Markus Lars Olof Jens Pär Mikko Arne",
               "Boriana Annicka Ingjerd Kerstin Thórhildur_Sunna Rósa_Björk Kirsti Liv Anette Ulla",
               "Kiljunen Laukkanen Thórarinsson Jensen Christiansson Wiechel Engblom Lundgren "
               "Schou Åberg Ævarsdóttir Brynjólfsdóttir Karlsson Nieminen Virtanen Hansen"),
    "french": ("Claude Jacques Bertrand Joël François René Jérôme Eric Bernard Pierre Jean-Charles "
               "Killion",
               "Marie-Christine Mireille Martine Anne Sylvie Nicole Isabelle Catherine Laurence "
               "Sophie Brigitte Hélène",
               "Kern Maire Bouyx Clapot Giraud Rochebloine Rouquet Lambert Le_Nay Straumann Fournier "
               "Dalloz Mergen Gardetto Durrieu Dreyfus Mignon Colombier Lengagne Hunault"),
    "hungarian": ("Mátyás Gábor Tamás Zsolt László Péter Attila István Imre Sándor Ferenc Miklós",
                  "Katalin Ildikó Erzsébet Zsuzsanna Mónika Andrea Judit Edit Ágnes Eszter Anikó "
                  "Réka",
                  "Eörsi Harangozó Gaudi_Nagy Kovács Szabó Tóth Varga Németh Farkas Balogh Takács "
                  "Juhász Mészáros Lukács Gulyás Vejkey Hörcsik Cseh"),
    "baltic": ("Andres Kęstutis Algirdas Emanuelis Egidijus Gediminas Virgilijus Remigijus Jaak "
               "Urmas Raimond Indrek",
               "Marija Inese Nellija Krista Rita Marianne Ingrida Laima Rasa Kristiina Liisa Aušra",
               "Herkel Masiulis Butkevičius Zingeris Vareikis Jakavonis Poderys Ačas Madison "
               "Mikko Kleinberga Golubeva Tamašunienė Lībiņa Circene Baumane Kalniete Vaidere"),
    "british": ("Roger George David Ian John Simon Alexander Jeffrey Joseph Christopher Kevin "
                "Richard",
                "Cheryl Doreen Maura Deborah Margaret Fiona Ruth Angela Helen Joan Maria Susan",
                "Gale Foulkes Murray Howell Russell Blencathra Donaldson Liddell-Grainger Massey "
                "Hopkins O'Reilly Gillan Walsh McNamara O'Brien Kelly Evans Davies Hughes"),
    "italian": ("Filippo Claudio Pasquale Marco Fiorenzo Gerardo Emanuel Luca Giuseppe Roberto "
                "Alessandro Paolo",
                "Deborah Francesca Giulia Paola Silvia Laura Chiara Elena Emanuela Roberta Sara "
                "Valentina",
                "Lombardi Nessa Gatti Stolfi Giovagnoli Mallia Bergamini Rossi Russo Ferrari "
                "Esposito Bianchi Romano Colombo Ricci Marino Greco Bruno Gallo Conti"),
    "romanian": ("Viorel Cezar Liviu Mihail Andrian Valeriu Ilie Alexandru Dan Florin Titus Ion",
                 "Ana Larysa Doina Maria Elena Ioana Adriana Cristina Mihaela Corina Andreea "
                 "Oana",
                 "Badea Preda Vovc Popsoi Candu Ghiletchi Ilaşcu Cosarciuc Guţu Olteanu Popescu "
                 "Ionescu Constantinescu Dumitrescu Stoica Munteanu Ciobanu Rusu Lupu"),
    "russian": ("Aleksei Igor Leonid Sergey Vladimir Pyotr Konstantin Anatoly Nikolai Yury "
                "Mikhail Oleg",
                "Tamara Olga Svetlana Irina Natalia Elena Galina Lyudmila Tatiana Marina Valentina "
                "Anna",
                "Kondratev Chernyshenko Slutsky Kosachev Pushkov Tolstoy Gutenev Leonov Ivanov "
                "Smirnov Kuznetsov Popov Sokolov Lebedev Kozlov Novikov Morozov Volkov"),
    "turkish": ("Ahmet Akif Mehmet Mustafa Hakkı Kamil Ertuğrul Cem Murat Ali Emre Yaşar",
                "Ayşe Zeynep Emine Fatma Selin Gülsün Nursuna Feleknas Ülkü Sibel Esra Meral",
                "Çeviköz Kılıç Yıldız Aydın Özdemir Arslan Doğan Kaya Şahin Çelik Öztürk Koç "
                "Kurt Erdem Ünal Bilgehan Kandemir Elvan Yeneroğlu Sayek"),
    "ukrainian": ("Oleksii Serhii Yuriy Dmytro Oleksandr Volodymyr Sergiy Leonid Georgii Mykola "
                  "Andrii Bohdan",
                  "Yelyzaveta Larysa Olena Yevheniia Mariia Yuliia Lesia Oksana Iryna Inna Halyna "
                  "Nataliia",
                  "Goncharenko Kalchenko Kamelchuk Kovalchuk Lubinets Merezhko Natalukha Skichko "
                  "Soboliev Vlasenko Yemets Ariev Logvynskyi Vasylenko Bilozir Mezentseva Yasko"),
    "maghreb": ("Salah_Eddine Mohamed Youssef Rachid Abdellatif Karim",
                "Fatima Khadija Nezha Amina Salma Leila",
                "Aboulghali Benali El_Amrani Tazi Bennani Alaoui Idrissi"),
    "levant": ("Nassar Omar Khaled Fayez Ahmad Zaid", "Wafa Hala Rana Dina Lina Reem",
               "Alqaisi Haddad Nsour Khatib Masri Shami"),
    "central_asia": ("Nurlan Azamat Bakyt Ulan Talant Emil", "Aida Gulnara Elvira Asel Jyldyz Dinara",
                     "Sadykov Toktogulov Abdyldaev Isakov Omurbekov Japarov"),
}


@functools.cache
def names(region: str) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """(men's given names, women's given names, family names) of a naming tradition."""
    men, women, family = (tuple(n.replace("_", " ") for n in part.split()) for part in _NAMES[region])
    return men, women, family


EP_REGIONS = ("germanic", "french", "italian", "iberian", "slavic", "lowlands", "nordic", "baltic",
              "greek", "hungarian", "romanian", "british", "balkan")
