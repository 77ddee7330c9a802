"""Words of synthetic documents: titles, body sentences, dates and page chrome (EN/FR).

Bodies and page chrome matter for the benchmark: they are most of the bytes a real page
carries, and every stage that reads text (HTML parse, subject tagging) pays for them.
"""

from __future__ import annotations

import datetime as dt
import random

MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August",
             "September", "October", "November", "December")
MONTHS_FR = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
             "octobre", "novembre", "décembre")


def date_en(day: dt.date, pad: bool = True) -> str:
    return f"{day.day:02d} {MONTHS_EN[day.month - 1]} {day.year}" if pad else \
        f"{day.day} {MONTHS_EN[day.month - 1]} {day.year}"


def date_fr(day: dt.date) -> str:
    first = "1er" if day.day == 1 else str(day.day)
    return f"{first} {MONTHS_FR[day.month - 1]} {day.year}"


def random_day(rng: random.Random, first: dt.date, last: dt.date) -> dt.date:
    return first + dt.timedelta(days=rng.randint(0, (last - first).days))


# (English, French) title patterns; {c} is a country label in the page's language
TITLES = (
    ("Political prisoners in {c}", "Les prisonniers politiques en {c}"),
    ("The situation of human rights defenders in {c}", "La situation des défenseurs des droits humains – {c}"),
    ("Freedom of the media and the safety of journalists in {c}",
     "Liberté des médias et sécurité des journalistes – {c}"),
    ("Strengthening the role of the Council of Europe as a cornerstone of the European "
     "political architecture", "Renforcer le rôle du Conseil de l'Europe en tant que pierre "
     "angulaire de l'architecture politique européenne"),
    ("Voluntary relocation of migrants in need of humanitarian protection",
     "Relocalisation volontaire de migrants ayant besoin d'une protection humanitaire"),
    ("Condemnation of the aggression against {c}", "Condamnation de l'agression contre {c}"),
    ("The honouring of obligations and commitments by {c}",
     "Le respect des obligations et engagements de {c}"),
    ("Preventing violence against women and domestic violence", "Prévenir la violence à "
     "l'égard des femmes et la violence domestique"),
    ("The protection of national minorities in {c}", "La protection des minorités nationales – {c}"),
    ("Defending the values and credibility of the Council of Europe",
     "Défendre les valeurs et la crédibilité du Conseil de l'Europe"),
    ("Environmental protection and the right to a healthy environment",
     "Protection de l'environnement et droit à un environnement sain"),
    ("Missing persons and the fate of detainees in {c}",
     "Personnes disparues et sort des détenus – {c}"),
    ("The independence of the judiciary in {c}", "L'indépendance de la justice – {c}"),
    ("Electoral observation and the conduct of elections in {c}",
     "Observation électorale et déroulement des élections – {c}"),
    ("Children deported from occupied territories", "Enfants déportés des territoires occupés"),
    ("Artificial intelligence and democratic processes", "Intelligence artificielle et "
     "processus démocratiques"),
)

BODY_EN = (
    "The Assembly recalls that {c} has undertaken to respect the standards of the Council of Europe.",
    "It notes with concern the reports of arbitrary detention, harassment and intimidation of "
    "opposition politicians, journalists and civil society activists.",
    "The Assembly reiterates its commitment to democracy, human rights and the rule of law, "
    "which are the common heritage of its member States.",
    "It calls on the authorities of {c} to release all persons detained for exercising their "
    "freedom of expression and to guarantee a fair trial to every defendant.",
    "The Assembly welcomes the co-operation of the national delegation and the work of the "
    "Venice Commission in {year}.",
    "It expresses its solidarity with the victims and their families, and with all those who "
    "defend human rights in difficult circumstances.",
    "The Assembly therefore decides to prepare a report on this matter and to follow closely "
    "the developments in {c}.",
    "It invites the Committee of Ministers to support the implementation of the judgments of "
    "the European Court of Human Rights without further delay.",
    "Statistics published in {year} show that the number of complaints has more than doubled "
    "within five years.",
    "The Assembly considers that such practices are incompatible with the obligations "
    "stemming from the European Convention on Human Rights.",
    "National parliaments have a key role to play in holding governments to account and in "
    "ensuring that international commitments are honoured.",
    "The Assembly encourages member States to share good practices and to allocate adequate "
    "resources to the independent bodies concerned.",
)
BODY_FR = (
    "L'Assemblée rappelle que {c} s'est engagé à respecter les normes du Conseil de l'Europe.",
    "Elle note avec préoccupation les informations faisant état de détentions arbitraires, de "
    "harcèlement et d'intimidation d'opposants, de journalistes et de militants.",
    "L'Assemblée réaffirme son attachement à la démocratie, aux droits humains et à l'État de "
    "droit, qui sont le patrimoine commun de ses États membres.",
    "Elle appelle les autorités de {c} à libérer toutes les personnes détenues pour avoir "
    "exercé leur liberté d'expression et à garantir un procès équitable.",
    "L'Assemblée se félicite de la coopération de la délégation nationale et des travaux de la "
    "Commission de Venise en {year}.",
    "Elle exprime sa solidarité avec les victimes et leurs familles, ainsi qu'avec toutes "
    "celles et tous ceux qui défendent les droits humains.",
    "L'Assemblée décide en conséquence de préparer un rapport sur cette question et de suivre "
    "de près l'évolution de la situation – {c}.",
    "Elle invite le Comité des Ministres à soutenir l'exécution des arrêts de la Cour "
    "européenne des droits de l'homme sans plus tarder.",
    "Les statistiques publiées en {year} montrent que le nombre de plaintes a plus que doublé "
    "en cinq ans.",
    "L'Assemblée considère que de telles pratiques sont incompatibles avec les obligations "
    "découlant de la Convention européenne des droits de l'homme.",
    "Les parlements nationaux ont un rôle essentiel à jouer pour demander des comptes aux "
    "gouvernements et veiller au respect des engagements internationaux.",
    "L'Assemblée encourage les États membres à partager leurs bonnes pratiques et à allouer "
    "des ressources suffisantes aux organes indépendants concernés.",
)


def paragraphs(rng: random.Random, language: str, country: str, year: int, n: int) -> list[str]:
    bank = BODY_FR if language == "fr" else BODY_EN
    return [" ".join(rng.choice(bank).format(c=country, year=year) for _ in range(rng.randint(2, 4)))
            for _ in range(n)]


NAV_EN = ("News", "Sessions", "Agenda", "Adopted texts", "Documents", "Working papers",
          "Members", "National delegations", "Political groups", "Committees", "Bureau",
          "Standing Committee", "Election of judges", "Monitoring", "Election observation",
          "Prizes", "Networks", "Partnerships", "About the Assembly", "Rules of Procedure",
          "Secretariat", "Press", "Photos", "Videos", "Contact", "Job opportunities")
NAV_FR = ("Actualités", "Sessions", "Ordre du jour", "Textes adoptés", "Documents",
          "Documents de travail", "Membres", "Délégations nationales", "Groupes politiques",
          "Commissions", "Bureau", "Commission permanente", "Élection des juges", "Suivi",
          "Observation des élections", "Prix", "Réseaux", "Partenariats", "À propos de l'Assemblée",
          "Règlement", "Secrétariat", "Presse", "Photos", "Vidéos", "Contact", "Offres d'emploi")
FOOTER_EN = ("Parliamentary Assembly of the Council of Europe", "Avenue de l'Europe",
             "F-67075 Strasbourg Cedex", "Tel. +33 3 88 41 20 00", "Terms of use",
             "Personal data protection", "Accessibility", "Cookies", "Site map")
FOOTER_FR = ("Assemblée parlementaire du Conseil de l'Europe", "Avenue de l'Europe",
             "F-67075 Strasbourg Cedex", "Tél. +33 3 88 41 20 00", "Conditions d'utilisation",
             "Protection des données personnelles", "Accessibilité", "Cookies", "Plan du site")
# Inline scripts and styles: bytes the HTML parser must walk but that carry no text
SCRIPT = ("window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments);}"
          "gtag('js',new Date());gtag('config','G-0000000000',{anonymize_ip:true});"
          "var pace={lang:'%s',file:%d,search:{endpoint:'/api/search',suggest:true},"
          "menu:{sticky:true,breakpoint:992},cookies:{consent:'pace_consent',days:180}};"
          "document.addEventListener('DOMContentLoaded',function(){var t=document.querySelectorAll"
          "('[data-toggle]');for(var i=0;i<t.length;i++){t[i].addEventListener('click',function(e)"
          "{e.preventDefault();this.parentNode.classList.toggle('open');});}});")
STYLE = ("body{font-family:Roboto,Arial,sans-serif;color:#222;margin:0}.site-header{background:#003"
         "f7f;color:#fff}.main-nav ul{list-style:none;display:flex;flex-wrap:wrap}.main-nav li{"
         "padding:.5rem 1rem}.document-title{font-size:1.8rem;margin:1rem 0}.document-meta{color:#"
         "666;font-size:.9rem}.signatories{margin:1rem 0;line-height:1.6}.document-body p{text-"
         "align:justify}footer{background:#eee;padding:2rem;font-size:.8rem}")


def nav_html(language: str, file_id: int) -> str:
    items = NAV_FR if language == "fr" else NAV_EN
    links = "".join(f'<li class="nav-item"><a class="nav-link" href="/{language}/pages/'
                    f'{item.casefold().replace(" ", "-")}" data-toggle="menu">{item}</a></li>'
                    for item in items)
    other = "fr" if language == "en" else "en"
    return (f'<header class="site-header"><div class="logos"><a href="/{language}/">'
            f'<img alt="Logo Assembly" src="/Content/img/logo-assembly.svg" width="180"></a>'
            f'<a href="/{language}/"><img alt="Logo Hemicycle" src="/Content/img/hemicycle.svg">'
            f'</a></div><nav class="main-nav" aria-label="main"><ul class="nav">{links}</ul></nav>'
            f'<div class="lang-switch"><a href="/{other}/files/{file_id}/html" hreflang="{other}">'
            f'{other.upper()}</a></div><form class="search" action="/{language}/search">'
            f'<input type="search" name="q" aria-label="search"></form></header>')


def footer_html(language: str) -> str:
    lines = FOOTER_FR if language == "fr" else FOOTER_EN
    return ('<footer class="site-footer"><div class="container"><ul class="footer-links">'
            + "".join(f'<li><a href="#">{line}</a></li>' for line in lines)
            + '</ul><p class="copyright">© Council of Europe</p></div></footer>')


# EP subjects: (English, French) with a procedure-like tail added by the caller
EP_SUBJECTS = (
    ("the situation in Belarus", "la situation en Biélorussie"),
    ("the arrest of human rights defenders in Hong Kong",
     "l'arrestation de défenseurs des droits de l'homme à Hong Kong"),
    ("the humanitarian situation in Yemen", "la situation humanitaire au Yémen"),
    ("the crackdown on the democratic opposition in Nicaragua",
     "la répression de l'opposition démocratique au Nicaragua"),
    ("the EU priorities for the UN Human Rights Council",
     "les priorités de l'Union pour le Conseil des droits de l'homme des Nations unies"),
    ("freedom of expression in Kazakhstan", "la liberté d'expression au Kazakhstan"),
    ("the case of detained journalists in Azerbaijan", "le cas de journalistes détenus en Azerbaïdjan"),
    ("the rule of law in Tunisia", "l'état de droit en Tunisie"),
    ("the Commission Work Programme", "le programme de travail de la Commission"),
    ("the killing of protesters in Iran", "le meurtre de manifestants en Iran"),
    ("the situation of the Rohingya in Myanmar", "la situation des Rohingyas au Myanmar"),
    ("the death penalty in Saudi Arabia", "la peine de mort en Arabie saoudite"),
)
EP_CONSIDERANDA_EN = (
    "having regard to the Universal Declaration of Human Rights of 1948,",
    "having regard to its previous resolutions on the matter,",
    "having regard to the International Covenant on Civil and Political Rights,",
    "having regard to the statement by the Vice-President of the Commission / High "
    "Representative of the Union for Foreign Affairs and Security Policy,",
    "having regard to Rule 144 of its Rules of Procedure,",
    "whereas the authorities have repeatedly detained peaceful protesters and journalists;",
    "whereas independent media have been closed and their staff prosecuted;",
    "whereas the EU is the largest donor of humanitarian aid in the region;",
)
EP_CONSIDERANDA_FR = (
    "vu la déclaration universelle des droits de l'homme de 1948,",
    "vu ses résolutions antérieures sur la question,",
    "vu le pacte international relatif aux droits civils et politiques,",
    "vu la déclaration de la vice-présidente de la Commission / haute représentante de "
    "l'Union pour les affaires étrangères et la politique de sécurité,",
    "vu l'article 144 de son règlement intérieur,",
    "considérant que les autorités ont à plusieurs reprises détenu des manifestants "
    "pacifiques et des journalistes;",
    "considérant que des médias indépendants ont été fermés et leur personnel poursuivi;",
    "considérant que l'Union est le premier donateur d'aide humanitaire dans la région;",
)
