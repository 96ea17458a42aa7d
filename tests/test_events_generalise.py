"""Classes of sentences the coder must handle on text it was not tuned on (issue 17). Each case is a
made-up sentence of a class found in real news, with the answer written by hand: who the parties
are, or that there is no contact at all."""

from __future__ import annotations

import pytest

from backchannel.model import Article, Event
from backchannel.pipeline import Pipeline


def _events(pipeline: Pipeline, text: str, published: str = "2024-05-08") -> list[Event]:
    return pipeline.extract([Article("t", text, published=published)])


def _contacts(events: list[Event], status: str = "occurred") -> list[set[str]]:
    return [
        {a.name or a.text for a in e.participants}
        for e in events
        if e.event_type == "CONSULT" and e.status == status
    ]


def _surnames(parties: list[set[str]]) -> list[set[str]]:
    return [{name.split()[-1] for name in p} for p in parties]


@pytest.mark.parametrize(
    ("text", "pair"),
    [
        # a name after a title wins over the title's country or office
        ("President Xi met on Tuesday with North Korean leader Kim Jong Un in Beijing.", {"Jinping", "Un"}),
        (
            "On Monday, Saudi Crown Prince Mohammed bin Salman met with Marco Rubio in Jeddah.",
            {"Salman", "Rubio"},
        ),
        # contacts said with nouns and light verbs
        ("Lloyd Austin held three hours of talks with Dong Jun on Monday.", {"Austin", "Jun"}),
        (
            "Antony Blinken had a long telephone conversation with Dmytro Kuleba on Monday.",
            {"Blinken", "Kuleba"},
        ),
        # a long subject the parser does not coordinate
        (
            "U.S. Secretary of State Rex Tillerson and Russian Foreign Minister Sergey Lavrov met on Monday.",
            {"Tillerson", "Lavrov"},
        ),
        # a call to a person with a long title, not a naming
        (
            "Lloyd J. Austin III called UK Secretary of State for Defence Ben Wallace on Monday.",
            {"Austin", "Wallace"},
        ),
        # a contact before what the sentence reports, and a welcome
        (
            "Following talks with Wang Yi on Tuesday, Antony Blinken said progress was made.",
            {"Blinken", "Yi"},
        ),
        (
            "Antony Blinken told reporters after meeting Wang Yi on Tuesday that progress was made.",
            {"Blinken", "Yi"},
        ),
        ("Joe Biden welcomed Olaf Scholz to the White House on Friday.", {"Biden", "Scholz"}),
        # a visited country gives way to the host the sentence names
        (
            "China hosted Donald Trump on a state visit on Monday at the invitation of President Xi Jinping.",
            {"Trump", "Jinping"},
        ),
    ],
)
def test_events_generalise_contact_parties(pipeline: Pipeline, text: str, pair: set[str]) -> None:
    assert _surnames(_contacts(_events(pipeline, text))) == [pair]


def test_events_generalise_a_bare_title_names_the_person_given_it(pipeline: Pipeline) -> None:
    text = (
        "Secretary Blinken spoke on Monday with Libyan Foreign Minister Najla Mangoush. "
        "The Secretary and the Foreign Minister discussed the elections."
    )
    assert _surnames(_contacts(_events(pipeline, text))) == [
        {"Blinken", "Mangoush"}
    ]  # one contact, twice told


def test_events_generalise_one_record_per_pair(pipeline: Pipeline) -> None:
    text = "Lloyd Austin met with Volodymyr Zelensky and Rustem Umerov in Kyiv on Monday."
    assert sorted(map(sorted, _surnames(_contacts(_events(pipeline, text))))) == [
        ["Austin", "Umerov"],
        ["Austin", "Zelensky"],
    ]


def test_events_generalise_a_contact_as_the_channel_of_what_was_said(pipeline: Pipeline) -> None:
    text = "Claudia Sheinbaum and Justin Trudeau told Donald Trump in phone conversations on Monday that they would act."
    found = _surnames(_contacts(_events(pipeline, text)))
    assert sorted(map(sorted, found)) == [["Sheinbaum", "Trump"], ["Trudeau", "Trump"]]


@pytest.mark.parametrize(
    "text",
    [
        "VOA spoke with Richard Armitage about his trip on Monday.",  # an interview
        "Dong Jun told Reuters on Monday that the drills would go on.",
        "Joe Biden spoke to the American people on Monday.",  # a population
        "Marco Rubio visited Saudi Arabia on Monday.",  # a country, with no host named
        "Wang Wentao visited Europe on Monday.",  # a region
    ],
)
def test_events_generalise_no_contact_without_two_officials(pipeline: Pipeline, text: str) -> None:
    assert _contacts(_events(pipeline, text)) == []


@pytest.mark.parametrize(
    ("text", "published"),
    [
        ("Vladimir Putin is due to meet Recep Tayyip Erdogan in Ankara.", "2019-12-10"),
        ("Vladimir Putin will meet Recep Tayyip Erdogan in Ankara in January.", "2019-12-10"),
        ("The upcoming talks between Antony Blinken and Sergey Lavrov will be in Geneva.", "2021-12-10"),
    ],
)
def test_events_generalise_what_is_ahead_is_planned(pipeline: Pipeline, text: str, published: str) -> None:
    events = _events(pipeline, text, published)
    assert _contacts(events) == []
    assert len(_contacts(events, "planned")) == 1


def test_events_generalise_last_week_said_on_a_sunday_is_the_week_ending_then(pipeline: Pipeline) -> None:
    (ev,) = [e for e in _events(pipeline, "Dong Jun spoke with Lloyd Austin last week.", "2025-03-09")]
    assert (str(ev.date.start), str(ev.date.end)) == ("2025-03-03", "2025-03-09")


def test_events_generalise_a_month_and_day_in_a_text_dated_by_year(pipeline: Pipeline) -> None:
    (ev,) = _events(pipeline, "Dong Jun spoke with Lloyd Austin on October 16.", "2025")
    assert (str(ev.date.start), str(ev.date.end)) == ("2025-10-16", "2025-10-16")


@pytest.mark.parametrize(
    ("text", "actor", "country"),
    [
        ("Al-Shabab militants attacked a hotel in Mogadishu on Monday.", "al-Shabab", "SOM"),
        ("Hezbollah fired rockets at Israel on Monday.", "Hezbollah", "LBN"),
        ("NATO member Slovakia sent an air defence system to Ukraine on Monday.", None, "SVK"),
    ],
)
def test_events_generalise_groups_and_phrase_heads(
    pipeline: Pipeline, text: str, actor: str, country: str
) -> None:
    events = [e for e in _events(pipeline, text) if e.event_type != "CONSULT"]
    assert events, text
    first = events[0].actors[0]
    assert first.country == country and (actor is None or first.name == actor)


@pytest.mark.parametrize(
    "text",
    [
        "Ukrainian soldiers demonstrated great courage on Monday.",  # no protest without a protest
        "Pentagon Press Secretary Pat Ryder provided the following readout on Monday.",  # no aid
        "The minister denounced the decision as an attack on the constitution.",  # a verdict, not a strike
        "The two ministers discussed their cooperation on Monday.",  # a topic of talk
    ],
)
def test_events_generalise_words_that_are_no_event_here(pipeline: Pipeline, text: str) -> None:
    kinds = {e.event_type for e in _events(pipeline, text)}
    assert not kinds & {"PROTEST", "AID", "ASSAULT", "COOPERATE"}


def test_events_generalise_a_verdict_on_an_event_needs_no_author(pipeline: Pipeline) -> None:
    events = _events(pipeline, "The United Nations condemned the attack on Monday.")
    assert [(e.event_type, e.actors[0].country) for e in events] == [("ACCUSE", "UNO")]


def test_events_generalise_a_surname_after_another_first_name_is_someone_else(pipeline: Pipeline) -> None:
    # Arjun Singh (made up) is neither Rajnath Singh nor Sabrina Singh of the KB
    text = "Lloyd Austin hosted his Indian counterpart Arjun Singh for talks on Tuesday."
    (ev,) = [e for e in _events(pipeline, text) if e.event_type == "CONSULT"]
    singh = next(a for a in ev.participants if a.name and a.name.endswith("Singh"))
    assert (singh.name, singh.country, singh.kb_id) == ("Arjun Singh", "IND", None)


def test_events_generalise_a_contact_during_which_they_agreed_happened(pipeline: Pipeline) -> None:
    text = "Antony Blinken and Wang Yi agreed during a phone call on Tuesday to keep the channel open."
    assert _surnames(_contacts(_events(pipeline, text))) == [{"Blinken", "Yi"}]


def test_events_generalise_a_meeting_in_a_clause_of_time_happened(pipeline: Pipeline) -> None:
    text = "Fumio Kishida and Xi Jinping agreed to improve ties when they met in San Francisco on Thursday."
    assert _surnames(_contacts(_events(pipeline, text))) == [{"Kishida", "Jinping"}]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("North Korea test-fired a ballistic missile into the sea on Tuesday.", "MOBILIZE"),
        ("Hamas released four hostages on Saturday.", "RETREAT"),
    ],
)
def test_events_generalise_objects_of_no_side(pipeline: Pipeline, text: str, kind: str) -> None:
    assert [e.event_type for e in _events(pipeline, text)] == [kind]


def test_events_generalise_readout_names_of_a_country(pipeline: Pipeline) -> None:
    text = "Joe Biden spoke today with President Moon Jae-in of the Republic of Korea."
    (ev,) = _events(pipeline, text)
    moon = next(a for a in ev.participants if a.name and a.name.startswith("Moon"))
    assert (moon.name, moon.country, moon.kb_id) == ("Moon Jae-in", "KOR", "moon-jae-in")  # not Ban Ki-moon


def test_events_generalise_a_verdict_judges_the_author_of_the_act(pipeline: Pipeline) -> None:
    events = _events(pipeline, "Germany condemned Russia's attacks on Ukrainian civilians on Monday.")
    (accuse,) = [e for e in events if e.event_type == "ACCUSE"]
    assert [a.country for a in accuse.recipients] == ["RUS"]
    blamed = _events(pipeline, "India blamed Pakistan for the attack in Pahalgam on Monday.")
    assert [(e.event_type, e.actors[0].country) for e in blamed] == [("ACCUSE", "IND")]  # not India's attack


def test_events_generalise_a_weapon_name_is_no_party(pipeline: Pipeline) -> None:
    events = _events(pipeline, "The United States sent Patriot missiles to Ukraine on Monday.")
    assert [(e.event_type, [a.country for a in e.recipients]) for e in events] == [("AID", ["UKR"])]


def test_events_generalise_an_undated_sentence_goes_on_with_the_news_before_it(pipeline: Pipeline) -> None:
    text = (
        "Donald Trump spoke with Recep Tayyip Erdogan on Monday. The call came two weeks after the April 4 "
        "attack in Idlib. "
        "Trump thanked Erdogan for his support."
    )
    events = _events(pipeline, text, "2017-04-18")
    (thanks,) = [e for e in events if e.event_type == "SUPPORT"]
    assert str(thanks.date.start) == "2017-04-17"  # Monday's call, not the attack's date in the paragraph


def test_events_generalise_every_preposition_of_the_trigger_file_is_a_word() -> None:
    # YAML reads a bare "on" as True: "sanctions on Russia" and "called on" once lost their party
    from backchannel.events.triggers import load_triggers

    table = load_triggers()
    readings = [r for t in (table.verbs, table.nouns) for rs in t.values() for r in rs]
    assert all(isinstance(o, str) for r in readings for o in r.other)
    assert "on" in next(r for r in table.nouns["sanction"]).other


def test_events_generalise_sanctions_on_a_country(pipeline: Pipeline) -> None:
    (ev,) = _events(pipeline, "The U.S. imposed sanctions on Russia on Monday.")
    assert (ev.event_type, ev.actors[0].country, [a.country for a in ev.recipients]) == (
        "SANCTION",
        "USA",
        ["RUS"],
    )


def test_events_generalise_we_of_an_official_statement_is_its_issuer(pipeline: Pipeline) -> None:
    article = Article(
        "t",
        "We imposed sanctions on Russia on Monday.",
        published="2024-05-08",
        outlet="U.S. Department of State",
    )
    (ev,) = pipeline.extract([article])
    assert (ev.actors[0].name, ev.actors[0].country) == ("U.S. Department of State", "USA")
    (us,) = _events(pipeline, "The US on Monday rejected the proposal of Russia.")
    assert us.actors[0].country == "USA"  # "US" is the country, not the pronoun


@pytest.mark.parametrize(
    ("text", "kind", "country"),
    [
        ("It was a premeditated attack by Russia's military forces on Monday.", "ASSAULT", "RUS"),
        ("Japan condemned Monday's missile launch by North Korea.", "MOBILIZE", "PRK"),
        ("New Russian forces arrived at the Ukrainian border on Monday.", "MOBILIZE", "RUS"),
    ],
)
def test_events_generalise_who_acts_in_a_noun_phrase(
    pipeline: Pipeline, text: str, kind: str, country: str
) -> None:
    assert (kind, country) in {(e.event_type, e.actors[0].country) for e in _events(pipeline, text)}


def test_events_generalise_an_offer_to_meet_is_no_meeting(pipeline: Pipeline) -> None:
    events = _events(pipeline, "Vladimir Putin offered to meet Volodymyr Zelensky in Istanbul.")
    assert _contacts(events) == [] and len(_contacts(events, "planned")) == 1


def test_events_generalise_offices_of_listed_countries(pipeline: Pipeline) -> None:
    text = "Lloyd Austin spoke on Monday with the defense ministers of France, Germany and Poland."
    found = sorted(sorted(p) for p in _surnames(_contacts(_events(pipeline, text, "2023-06-26"))))
    assert found == [["Austin", "Błaszczak"], ["Austin", "Lecornu"], ["Austin", "Pistorius"]]


def test_events_generalise_a_family_name_after_the_full_name_is_the_same_person(pipeline: Pipeline) -> None:
    text = (
        "Antony Blinken met Foreign Minister Wang Yi on Thursday. "
        "The Secretary and Director and Foreign Minister Wang discussed trade."
    )
    assert _surnames(_contacts(_events(pipeline, text, "2023-10-26"))) == [{"Blinken", "Yi"}]


def test_events_generalise_the_two_leaders_are_people(pipeline: Pipeline) -> None:
    text = (
        "Russia and Ukraine exchanged prisoners on Monday. Joe Biden spoke with Xi Jinping on Tuesday. "
        "The two leaders agreed on the importance of open lines of communication."
    )
    (agree,) = [e for e in _events(pipeline, text) if e.event_type == "AGREE"]
    assert {a.name for a in agree.actors} == {"Joe Biden", "Xi Jinping"}


def test_events_generalise_a_lead_printed_above_its_headline_is_kept(pipeline: Pipeline) -> None:
    text = (
        "Lloyd Austin met his Chinese counterpart, Admiral Dong Jun, on Friday in Singapore for the "
        "first time in person.\n\nAustin meets Chinese counterpart in Singapore\n\nMore on the talks later."
    )
    article = Article(
        "t", text, title="Austin meets Chinese counterpart in Singapore", published="2024-05-31"
    )
    assert _surnames(_contacts(pipeline.extract([article]))) == [{"Austin", "Jun"}]


def test_events_generalise_who_defends_against_an_attack_is_not_its_author(pipeline: Pipeline) -> None:
    text = "Lloyd Austin praised the defense of Israel against an Iranian attack on Monday."
    assert [e.actors[0].country for e in _events(pipeline, text) if e.event_type == "ASSAULT"] in (
        [],
        ["IRN"],
    )


@pytest.mark.parametrize(
    "text",
    [
        "Mark Milley and Valery Gerasimov had spoken four times before.",
        "Charles Q. Brown Jr. and Valery Gerasimov spoke twice in 2024.",
        "Lloyd Austin and Dong Jun have met repeatedly.",
    ],
)
def test_events_generalise_a_count_of_contacts_is_no_contact(pipeline: Pipeline, text: str) -> None:
    assert _contacts(_events(pipeline, text, "2024-11-28")) == []  # aggregates are not annotated either


def test_events_generalise_it_was_a_call_is_a_call(pipeline: Pipeline) -> None:
    text = "It was the first call between Charles Q. Brown Jr. and Valery Gerasimov in a year."
    assert _contacts(_events(pipeline, text, "2024-11-28")) == [{"Charles Q. Brown Jr.", "Valery Gerasimov"}]


@pytest.mark.parametrize(
    ("text", "pair"),
    [
        # a name set off by commas after an office is its holder, whether or not the KB knows it
        (
            "Antony Blinken spoke today with the Foreign Minister of Kenya, Amani Wekesa, about Sudan.",
            {"Antony Blinken", "Amani Wekesa"},
        ),
        ("The Kenyan foreign minister, Amani Wekesa, met Wang Yi on Monday.", {"Amani Wekesa", "Wang Yi"}),
    ],
)
def test_events_generalise_a_name_in_apposition_to_an_office(
    pipeline: Pipeline, text: str, pair: set[str]
) -> None:
    assert _contacts(_events(pipeline, text)) == [pair]


def test_events_generalise_an_office_of_a_country_is_that_countrys_office(pipeline: Pipeline) -> None:
    # "the Foreign Minister of Kenya" is Kenya's foreign minister, not the country Kenya
    found = [
        e
        for e in _events(
            pipeline, "Antony Blinken spoke on Monday with the Foreign Minister of Kenya about Sudan."
        )
        if e.event_type == "CONSULT"
    ]
    assert [{(a.country, a.sector) for a in e.participants} for e in found] == [
        {("USA", "GOV"), ("KEN", "GOV")}
    ]


@pytest.mark.parametrize(
    ("text", "pair"),
    [
        # a long capitalised title the parser splits from the name it introduces
        (
            "Antony Blinken spoke today with EU High Representative for Foreign Affairs and Security Policy "
            "Josep Borrell.",
            {"Antony Blinken", "Josep Borrell"},
        ),
        (
            "Jake Sullivan met with Director of the Office of the Central Foreign Affairs Commission and "
            "Foreign Minister Wang Yi on Monday.",
            {"Jake Sullivan", "Wang Yi"},
        ),
    ],
)
def test_events_generalise_a_name_after_a_long_title(pipeline: Pipeline, text: str, pair: set[str]) -> None:
    assert _contacts(_events(pipeline, text, published="2022-01-08")) == [pair]


def test_events_generalise_a_contact_with_the_offices_of_several_countries(pipeline: Pipeline) -> None:
    # the parser reads "Ministers ... to discuss" as a clause: each minister is still a party of the
    # call, and the purpose clause is not a second contact among the ministers
    text = (
        "Lloyd Austin spoke today with Defense Ministers from Canada, France, Germany, Poland, and the "
        "United Kingdom to discuss the situation in Russia."
    )
    found = [e for e in _events(pipeline, text, published="2023-06-24") if e.event_type == "CONSULT"]
    assert sorted(sorted(a.country or "" for a in e.participants) for e in found) == [
        ["CAN", "USA"],
        ["DEU", "USA"],
        ["FRA", "USA"],
        ["GBR", "USA"],
        ["POL", "USA"],
    ]


def test_events_generalise_their_meeting_after_two_titled_people(pipeline: Pipeline) -> None:
    text = "They discussed the accord reached by President Biden and Russian President Putin in their June 2021 Geneva meeting."
    found = [e for e in _events(pipeline, text, published="2023-09-18") if e.event_type == "CONSULT"]
    assert [({a.name for a in e.participants}, str(e.date.start), str(e.date.end)) for e in found] == [
        ({"Joe Biden", "Vladimir Putin"}, "2021-06-01", "2021-06-30")
    ]
