"""The EP Open Data Portal's member endpoints as a test server serves them: records shaped as
the portal's real responses are (keys, nesting, authority URIs), about real members."""

from __future__ import annotations

import json
from typing import Any

from loopback import LoopbackServer, Page

JSON_LD = "application/ld+json"
CONTEXT = [{"data": "@graph", "@base": "https://data.europarl.europa.eu/"},
           "https://data.europarl.europa.eu/api/v2/context.jsonld"]
TERM_8 = ("2014-07-01", "2019-07-01")


def member(ident: str, given: str, family: str, gender: str, country: str, group: str) -> dict[str, Any]:
    """A member of the whole 8th term in one group, as /meps/{id} writes it."""
    period = {"id": f"time-period/{TERM_8[0].replace('-', '')}", "type": "PeriodOfTime",
              "startDate": TERM_8[0], "endDate": TERM_8[1]}
    return {"data": [{
        "id": f"person/{ident}", "type": "Person", "identifier": ident, "label": f"{given} {family.upper()}",
        "hasGender": f"http://publications.europa.eu/resource/authority/human-sex/{gender}",
        "familyName": family, "givenName": given, "sortLabel": family.upper(),
        "hasMembership": [
            {"id": f"membership/{ident}-m-1", "type": "Membership", "identifier": f"{ident}-m-1",
             "represents": [f"http://publications.europa.eu/resource/authority/country/{country}"],
             "memberDuring": period, "organization": "org/ep-8", "role": "def/ep-roles/MEMBER_PARLIAMENT"},
            {"id": f"membership/{ident}-f-1", "type": "Membership", "identifier": f"{ident}-f-1",
             "memberDuring": period, "organization": f"org/{group}", "role": "def/ep-roles/MEMBER",
             "membershipClassification": "def/ep-entities/EU_POLITICAL_GROUP"},
        ]}], "@context": CONTEXT}


# A member record as /api/v2/meps/{id} answers it (keys as the portal's real responses write
# them); the memberships are Isabella Adinolfi's of the 8th term as the EP lists them at
# https://www.europarl.europa.eu/meps/en/124831/ISABELLA_ADINOLFI/history/8: the EFDD group,
# non-attached from 16 to 19 October 2014 while the group was short of members, EFDD again.
def adinolfi_record() -> dict[str, Any]:
    def period(start: str, end: str) -> dict[str, str]:
        return {"id": f"time-period/{start.replace('-', '')}", "type": "PeriodOfTime",
                "startDate": start, "endDate": end}

    def group(org: str, start: str, end: str, n: int) -> dict[str, object]:
        return {"id": f"membership/124831-f-{n}", "type": "Membership", "identifier": f"124831-f-{n}",
                "memberDuring": period(start, end), "organization": f"org/{org}",
                "role": "def/ep-roles/MEMBER", "membershipClassification": "def/ep-entities/EU_POLITICAL_GROUP"}

    return {"data": [{
        "id": "person/124831", "type": "Person", "identifier": "124831", "label": "Isabella ADINOLFI",
        "hasGender": "http://publications.europa.eu/resource/authority/human-sex/FEMALE",
        "citizenship": "http://publications.europa.eu/resource/authority/country/ITA",
        "familyName": "Adinolfi", "givenName": "Isabella", "sortLabel": "ADINOLFI",
        "hasMembership": [
            {"id": "membership/124831-m-1", "type": "Membership", "identifier": "124831-m-1",
             "represents": ["http://publications.europa.eu/resource/authority/country/ITA"],
             "memberDuring": period("2014-07-01", "2019-07-01"), "organization": "org/ep-8",
             "role": "def/ep-roles/MEMBER_PARLIAMENT"},
            group("EFDD", "2014-07-01", "2014-10-15", 1), group("NI", "2014-10-16", "2014-10-19", 2),
            group("EFDD", "2014-10-20", "2019-07-01", 3),
            {"id": "membership/124831-f-4", "type": "Membership", "identifier": "124831-f-4",
             "memberDuring": period("2014-07-01", "2019-07-01"), "organization": "org/6562",
             "role": "def/ep-roles/MEMBER",
             "membershipClassification": "def/ep-entities/COMMITTEE_PARLIAMENTARY_STANDING"},
        ]}], "@context": [{"data": "@graph", "@base": "https://data.europarl.europa.eu/"},
                          "https://data.europarl.europa.eu/api/v2/context.jsonld"]}


# Members of the 8th term and their group for the whole term (the EP's member pages)
RECORDS = {"124831": adinolfi_record(), "28229": member("28229", "Manfred", "Weber", "MALE", "DEU", "PPE"),
           "39713": member("39713", "Renate", "Weber", "FEMALE", "ROU", "ALDE")}
BODIES = {"EFDD": "Europe of Freedom and Direct Democracy Group", "NI": "Non-attached Members",
          "PPE": "Group of the European People's Party (Christian Democrats)",
          "ALDE": "Group of the Alliance of Liberals and Democrats for Europe"}


def serve_portal(server: LoopbackServer, records: dict[str, dict[str, Any]], prefix: str = "/api/v2") -> None:
    for ident, record in records.items():
        server.add(f"{prefix}/meps/{ident}", Page(json.dumps(record).encode(), JSON_LD))
    for code, name in BODIES.items():
        body = {"data": [{"id": f"org/{code}", "type": "Organization", "identifier": code, "label": code,
                          "prefLabel": {"en": name}, "classification": "def/ep-entities/EU_POLITICAL_GROUP"}],
                "@context": CONTEXT}
        server.add(f"{prefix}/corporate-bodies/{code}", Page(json.dumps(body).encode(), JSON_LD))

    def listing(query: dict[str, list[str]]) -> Page:
        term = query.get("parliamentary-term", [""])[0]
        offset, limit = int(query.get("offset", ["0"])[0]), int(query.get("limit", ["50"])[0])
        listed = sorted(i for i, record in records.items() if f"org/ep-{term}" in json.dumps(record))
        chunk = [{"id": f"person/{i}", "type": "Person", "identifier": i,
                  "label": records[i]["data"][0]["label"] if i in records else "X"}
                 for i in listed[offset: offset + limit]]
        if not chunk:
            return Page(b"", JSON_LD, status=204)
        return Page(json.dumps({"data": chunk, "@context": CONTEXT}).encode(), JSON_LD)

    server.add(f"{prefix}/meps", listing)
