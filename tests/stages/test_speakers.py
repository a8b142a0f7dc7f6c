"""Speaker resolution on our own sentences (fictional people, places and outlets): who a cue's subject is."""

from __future__ import annotations

import pytest

from newsloom.stages.quotes.speakers import _role_head


def speaker_of(analyze, text: str, words: str) -> str | None:
    """The speaker of the quote or reported statement that holds `words`."""
    found, speech = analyze(text)
    records = [(q.text, q.speaker) for q in found] + [(r.content, r.speaker) for r in speech]
    matching = [speaker for content, speaker in records if words in content]
    assert matching, f"no quote or statement holds {words!r}: {records}"
    return matching[0]


@pytest.mark.parametrize(
    ("text", "words", "expected"),
    [
        # "she" passes over a man for the woman named before him
        (
            "Susan Oakes and Mark Delaney met reporters on Monday. Delaney spoke first.\n“We have the votes,” she said.",
            "We have the votes",
            "Susan Oakes",
        ),
        # a woman the article names by first name alone, among men: her gender from the pronouns after her
        (
            "Brenda watched the debate from her kitchen in Lindau. She had voted for the governor twice.\n"
            "Governor Paul Brandt told the crowd that he would rebuild his own house first.\n"
            "“He is right about the valley,” she said.",
            "He is right about the valley",
            "Brenda",
        ),
        # the title's head must be the role's head: "the campaign" is not the campaign chairman
        (
            "Ana Ruiz, the campaign chairman, spoke in Lindau on Monday.\nThe campaign said the advertisement would run nationally.",
            "the advertisement would run nationally",
            "campaign",
        ),
        # ... and "the city" is not the city attorney
        (
            "City Attorney Tomas Berg filed the motion on Friday.\nThe city of Lindau says the image must be removed.",
            "the image must be removed",
            "city of Lindau",
        ),
        # but a title word is a title wherever the role has it
        (
            "Mayor Maria Lopez opened the bridge on Monday.\nThe mayor said the bridge was safe.",
            "the bridge was safe",
            "Maria Lopez",
        ),
        # a relative pronoun after a list is its last member
        (
            'The gala drew Ana Ruiz, Tomas Berg and Lena Ortiz, who joked, "I have not seen the museum yet."',
            "I have not seen the museum yet",
            "Lena Ortiz",
        ),
        # a relative clause on a description set beside a name is about the named person
        (
            "The report named Tomas Berg, a clerk at the ministry who said the files were lost.",
            "the files were lost",
            "Tomas Berg",
        ),
        # things that speak for their authors
        (
            "According to a speech Ana Ruiz delivered in Lindau, the plan would cut taxes for farmers.",
            "the plan would cut taxes for farmers",
            "Ana Ruiz",
        ),
        (
            "Lawyers for Tomas Berg filed papers arguing that the contract was void.",
            "the contract was void",
            "Lawyers for Tomas Berg",
        ),
        # descriptions: the employer after "at", not its apposition; a hyphenated head whole; "all the" off
        (
            "Officials at the Valdorian Health Agency, a division of the ministry, said the clinics would reopen.",
            "the clinics would reopen",
            "Officials at the Valdorian Health Agency",
        ),
        ("His ex-wife said the house in Lindau was hers.", "the house in Lindau was hers", "His ex-wife"),
        ("All the engineers we asked said the dam would hold.", "the dam would hold", "engineers"),
        # the name set off after an employer is the speaker
        (
            "A spokesman for the Lindau Port Authority, Jonas Weber, said the harbour would stay closed.",
            "the harbour would stay closed",
            "Jonas Weber",
        ),
        # the centre of a sentence is its own subject, not the subject of what someone said in it
        (
            "“We need a plan,” said Jonas Weber.\n"
            "Weber said he expects that Elena Brandt will recover quickly.\n"
            "“It would be foolish not to prepare,” he said.",
            "It would be foolish not to prepare",
            "Jonas Weber",
        ),
        # a description with a named example: the example is on record
        ("Critics of the ferry plan, like Senator Maria Lopez, wrote that it would fail.", "it would fail", "Maria Lopez"),
        # indefinite pronouns stand for no one named, unless an example is given
        (
            "Tomas Berg finished his speech. Then someone asked whether the bridge was safe.",
            "whether the bridge was safe",
            "someone",
        ),
    ],
)
def test_speaker_is_resolved(analyze, text, words, expected):
    assert speaker_of(analyze, text, words) == expected


@pytest.mark.parametrize(
    ("text", "words"),
    [
        # "they" is not a place: a country or a city speaks as "it"
        ("Valdoria moved troops to the border on Monday.\nThey said the move was only an exercise.", "the move was only an exercise"),
    ],
)
def test_pronoun_without_a_fitting_antecedent_names_no_one(analyze, text, words):
    assert speaker_of(analyze, text, words) is None


@pytest.mark.parametrize(
    ("role", "head"),
    [
        ("state campaign chairman", "chairman"),
        ("Secretary of State", "secretary"),
        ("City Attorney", "attorney"),
        ("spokeswoman for the ministry", "spokeswoman"),
    ],
)
def test_role_head_is_what_the_person_is(role, head):
    assert _role_head(role) == head
