"""Canonical entities within an article: spellings, titles, roles, credits, metonyms."""

from __future__ import annotations

import pytest

from newsloom.stages import entities, names, places
from newsloom.stages.language import parse_text


def find(nlp, text: str):
    paragraphs = parse_text(nlp, text)
    found, _ = entities.find_entities(paragraphs, text, places.find_places(paragraphs, text))
    return found


def people(found):
    return {e.canonical: sorted({m.text for m in e.mentions}) for e in found if e.type == "PERSON"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Interior Minister Helena Brás Cordeiro visited the town. Cordeiro promised an inquiry.",
            {"Helena Brás Cordeiro": ["Cordeiro", "Helena Brás Cordeiro"]},
        ),
        (
            "General Tomas Weller arrived on Monday. Weller said the bridge would reopen.",
            {"Tomas Weller": ["Tomas Weller", "Weller"]},
        ),
        (
            "Oleksandr Voronko was travelling with his wife. Later Voronko spoke to reporters.",
            {"Oleksandr Voronko": ["Oleksandr Voronko", "Voronko"]},
        ),
    ],
)
def test_surnames_join_the_full_name(nlp, text: str, expected: dict) -> None:
    assert people(find(nlp, text)) == expected


def test_photo_credit_is_split_into_photographer_and_agency(nlp) -> None:
    text = "Families wait on the river bank. (Rui Costa/Getty Images)"
    found = {e.canonical: e.type for e in find(nlp, text)}
    assert found.get("Getty Images") == "ORG"
    assert "Rui Costa/Getty Images" not in found


@pytest.mark.parametrize(
    ("text", "person", "role"),
    [
        ("U.K. Defense Secretary Ben Wallace said the withdrawal was welcome.", "Ben Wallace", "U.K. Defense Secretary"),
        ("Ukrainian President Volodymyr Zelenskyy spoke on Friday.", "Volodymyr Zelenskyy", "President of Ukraine"),
        ('"It was terrible," said Armando Teixeira, a 47-year-old baker.', "Armando Teixeira", "47-year-old baker"),
    ],
)
def test_roles_come_from_titles_and_appositions(nlp, text: str, person: str, role: str) -> None:
    entity = next(e for e in find(nlp, text) if e.canonical == person)
    assert role in entity.roles


def test_a_capital_that_acts_stands_for_its_government(nlp) -> None:
    found = find(nlp, "Moscow said it had made a difficult decision to pull forces from the city.")
    moscow = next(e for e in found if e.canonical == "Moscow")
    assert moscow.is_actor and moscow.stands_for == "Russia" and moscow.speaker_name == "Russia"


def test_ministry_named_by_its_country(nlp) -> None:
    found = find(nlp, "Russia's Defense Ministry said its units were moving.")
    assert "Russian Ministry of Defense" in {e.canonical for e in found}


def test_demonyms_are_groups_not_places(nlp) -> None:
    found = {e.canonical: e.type for e in find(nlp, "Ukrainian troops advanced as Western capitals watched.")}
    assert found.get("Ukrainians") == "NORP"


def test_mentions_point_at_the_text(nlp) -> None:
    text = "The mayor of Tui, Xosé Manuel Lourido, said the boat had sunk. Lourido was in tears."
    for entity in find(nlp, text):
        for mention in entity.mentions:
            assert text[mention.start : mention.end] == mention.text


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Zelensky", "Zelenskyy", True),
        ("Zelenskiy", "Volodymyr Zelensky", True),
        ("Aleksandr Voronko", "Oleksandr Voronko", True),
        ("Joe Biden", "Hunter Biden", False),
        ("Mark Milley", "Milley", True),
        ("Ana Lima", "Rui Costa", False),
    ],
)
def test_same_person(a: str, b: str, same: bool) -> None:
    assert names.same_person(names.person_tokens(a), names.person_tokens(b)) is same


def test_fullest_name_takes_the_majority_spelling() -> None:
    assert names.fullest_name(["Volodymyr Zelenskyy", "Zelensky", "Zelensky", "Zelenskyy", "Zelensky"]) == "Volodymyr Zelensky"


def test_an_acronym_the_article_defines_names_the_organisation(nlp) -> None:
    text = "The Meridian Press Agency (MPA) reported the toll. MPA said divers were searching."
    agency = next(e for e in find(nlp, text) if e.canonical == "Meridian Press Agency")
    assert {m.text for m in agency.mentions} == {"Meridian Press Agency", "MPA"}


def test_a_middle_name_used_alone_is_the_same_person() -> None:
    assert names.same_person(names.person_tokens("Rita Sequeira"), names.person_tokens("Ana Rita Sequeira"))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Farmers marched to the Praça do Sol on Monday.", {"Praça do Sol"}),
        ("The group Guardiões do Tâmega said the quota was illegal.", {"Guardiões do Tâmega"}),
        ("The Estrela do Minho, a river boat, sank near the bridge.", {"Estrela do Minho"}),
        ("Commission President Ursula von der Leyen spoke in Brussels.", {"Ursula von der Leyen"}),
        ("The boat belonged to the local company Minho Náutica, the police said.", {"Minho Náutica"}),
    ],
)
def test_names_the_model_cuts_apart_are_joined(nlp, text: str, expected: set) -> None:
    assert expected <= {e.canonical for e in find(nlp, text)}


def test_a_place_and_a_person_tagged_as_one_name_are_cut_at_the_comma(nlp) -> None:
    found = {e.canonical: e.type for e in find(nlp, "The mayor of Corvela, Tomás Ribeira Vaz, declared two days of mourning.")}
    assert found.get("Tomás Ribeira Vaz") == "PERSON"
    assert "Corvela, Tomás Ribeira Vaz" not in found


def test_time_zones_are_not_organisations(nlp) -> None:
    assert "GMT" not in {e.canonical for e in find(nlp, "The ferry sank at 11:20 a.m. (1120 GMT) near Corvela.")}


def test_a_caption_credits_its_photographer_and_rights_holder(nlp) -> None:
    import dataclasses

    text = "Divers search the river at Corvela on Tuesday. (Photo: Inês Barreto/Harbour Ledger)"
    paragraphs = [dataclasses.replace(p, role="caption") for p in parse_text(nlp, text)]
    found, _ = entities.find_entities(paragraphs, text, [])
    by_name = {e.canonical: e.type for e in found}
    assert by_name.get("Inês Barreto") == "PERSON"
    assert by_name.get("Harbour Ledger") == "ORG"
