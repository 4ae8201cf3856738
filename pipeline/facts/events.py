"""Events: one per event instance, with type, title, date, place, participants, organisers.

Phase one finds every trigger mention (``facts.yaml`` ``events``) with its features: the
dates, counts and places of its sentence, an event verb, a back-reference determiner,
a heading. Phase two decides which mentions are new events and which refer back to one
already found, with the weights of ``scoring.event``. "Two seminars … respectively … on
7 June … and … on 8-9 June" is one mention that becomes two events, one per date, each
with the participant counts on its side of the dates.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from ..extract.counts import grammar
from ..offsets import ByPosition, Intervals
from ..records import Event
from ..segmenting import normalise
from ..text import quoted_spans, sentences, words_between
from .programmes import lexicon
from .reasons import explain

# The word right before a trigger; looked for within NEAR characters of it, as are the
# words right after it.
WORD_BEFORE = re.compile(r"(\w+)\W*$")
NEAR = 200
# where a clause ends inside a sentence: a semicolon, a colon, a dash between words
CLAUSE_CUT = re.compile(r"[;:]|\s[\u2013\u2014-]\s")
DEFAULT_WEIGHTS = {"date": 2.0, "verb": 1.0, "participants": 1.0, "location": 0.5, "back_reference": -2.0,
                   "threshold": 1.5, "date_distance": -0.01, "day_granularity": 0.5, "year_granularity": -1.0,
                   "location_distance": -0.01, "location_marker": 0.5, "title_window": 4, "same_event_days": 3,
                   "other_clause": -1.0}


@dataclass
class Mention:
    type: str | None    # None: a sentence that only states participants of the last event
    start: int
    end: int
    lang: str
    sentence: tuple[int, int]
    heading: bool
    back_reference: bool
    verb: bool
    participation: bool
    organiser: bool
    multiple: bool
    number: int = 0      # "екі семинар": how many events the mention names
    new: bool = False    # "the next course", "келесі семинар": another event of a type already found
    dates: list = field(default_factory=list)
    counts: list = field(default_factory=list)
    places: list = field(default_factory=list)
    organisations: list = field(default_factory=list)
    title: str | None = None
    weights: dict = field(default_factory=dict)
    lexicon: object = None
    text: str = ""


def assemble_events(segments, found, *, context) -> list[Event]:
    """The document's events, in text order.

    Args:
        segments: the document's segments (with their spaCy docs).
        found: extractor records by name: ``dates``, ``entities``, ``counts``, ``programmes``.
    Returns:
        :class:`~pipeline.records.Event` records; a back-reference adds to its event.
    """
    index = {name: ByPosition(found.get(name, [])) for name in ("dates", "counts", "entities", "programmes")}
    mentions = []
    for seg in segments:
        lang = context.resources.lang(seg.lang)
        for sentence in sentences([seg]):
            mentions.extend(_mentions(context.source_text, sentence, seg.lang, lang, found, index))
    events, previous, reasons = [], None, []
    for instance in _select(mentions):
        if instance.date is None and not instance.counts and not instance.mention.new:
            continue   # an event needs a stated date, who took part, or to be announced ("the next course")
        events.append(_record(instance, context.source_text, previous))
        reasons.append(instance.reasons)
        previous = events[-1].location or previous
    explain(context, "events", reasons)
    return events


# -- phase one: candidates -----------------------------------------------------------------

def _mentions(text, sentence, code, lang, found, index) -> list[Mention]:
    lex, people = lexicon(lang), grammar(lang).people
    weights = {**DEFAULT_WEIGHTS, **(lex.scoring.get("event") or {})}
    s_start, s_end = sentence
    body = text[s_start:s_end]
    # each type's pattern only where one of all the event words is (most sentences have none)
    triggered = [(kind, m) for kind, triggers in (lex.data.get("events") or {}).items()
                 for m in lex.pattern(("events", kind), triggers).finditer(body)] if lex.event_word.search(body) else []
    counts = index["counts"].within(s_start, s_end)
    if not triggered and not counts:
        return []   # most sentences: nothing below could make a mention of them
    quotes = [(s_start + a, s_start + b) for a, b in quoted_spans(body)]
    counts = [c for c in counts if not any(a <= c.start < b for a, b in quotes)]  # "“Bir million dasturchi” loyihasi" is a name
    people_counts = [c for c in counts if people.search(normalise(c.of)) and _participants_clause(lex, people, body, s_start, c)]
    if not triggered and not people_counts:
        return []
    datelines = [(d.start, d.end) for d in found.get("dateline") or []]
    inside = [r for r in index["dates"].within(s_start, s_end) if r.value is not None
              and not any(a <= r.start and r.end <= b for a, b in datelines)   # the release's date, not the event's
              and not any(p.period == r.value for p in found.get("programmes", []))
              and not any(a <= r.start < b for a, b in quotes)]  # "Raqamli startap – 2024" is a title
    entities = index["entities"]
    around = entities.overlapping(s_start, s_end)   # every entity a check below can involve
    places = [e for e in entities.within(s_start, s_end) if e.label == "LOC"
              and not any(o.label == "ORG" and o.start <= e.start and e.end <= o.end
                          for o in entities.overlapping(e.start, e.end))
              and not any(a <= e.start < b for a, b in quotes)]
    orgs = [e for e in entities.within(s_start, s_end) if e.label == "ORG"]
    blocked = [(s_start + m.start(), s_start + m.end()) for m in lex.pattern("event_exclude").finditer(body)]
    blocked += quotes
    # an organisation the KB does not know that begins with the trigger is a tagging slip
    # ("Дөңгелек үстелге қырықтан" as ORG), not a name that holds the word ("Training Centre")
    loose = {e.start for e in around if e.label == "ORG" and not e.kb_id}
    blocked += [(e.start, e.end) for e in around if e.label == "ORG" and e.start not in loose]
    blocked += [(p.start, p.end) for p in index["programmes"].overlapping(s_start, s_end)]
    blocked += [(e.start, e.end) for e in around if e.label == "PER"]   # "Сапарбекұлы" is no visit
    heading = (s_start == 0 or text[s_start - 1] in "\r\n") and text[s_end:s_end + 1] in ("", "\r", "\n") \
        and not re.search(r"[.!?:;]\W*$", body)
    participation = bool(lex.presence("participation_words").search(body))
    # Sentence-wide facts, found once: a run-on "sentence" of a megabyte has thousands of
    # triggers, and scanning it again for each one was quadratic.
    verbs = [v.span() for v in lex.pattern("event_verbs").finditer(body)]
    organiser = bool(lex.presence("organiser_words").search(body))
    plural = bool(lex.presence("multiplicity").search(body))
    loose_orgs = [(e.start, e.end) for e in around if e.start in loose and e.label == "ORG"]
    local_quotes = [(a - s_start, b - s_start) for a, b in quotes]
    stops = Intervals(blocked + [(a + 1, b) for a, b in loose_orgs])
    numbered: dict[int, object] = {}   # "two seminars": the count ending where a trigger ends
    for c in counts:
        if c.value > 1:
            numbered.setdefault(c.end, c)
    mentions = []
    for kind, m in triggered:
        start, end = s_start + m.start(), s_start + m.end()
        if stops.covers(start):   # blocked, or inside (not at the start of) a loose organisation
            continue
        before = WORD_BEFORE.search(body, max(0, m.start() - NEAR), m.start())
        back = bool(before and lex.pattern("back_reference").fullmatch(before.group(1)))
        number = numbered.get(end)
        new = _new_instance(lex, body, m)
        mentions.append(Mention(
            type=kind, start=start, end=end, lang=code, sentence=sentence, heading=heading,
            back_reference=back and number is None and not new,
            # the trigger is no evidence of itself: "tashrif buyurgan" is the trigger and the verb
            verb=any(not (a < m.end() and m.start() < b) for a, b in verbs),
            number=int(number.value) if number else 0, new=new,
            participation=participation, organiser=organiser, multiple=bool(number) or plural,
            dates=inside, counts=[c for c in people_counts if c is not number],
            places=places, organisations=orgs,
            title=_title(text, body, s_start, m, blocked, weights, local_quotes),
            weights=weights, lexicon=lex, text=text))
    if not mentions and people_counts:
        # "The event … brought together 30 participants": counts for the event just found
        mentions.append(Mention(type=None, start=s_start, end=s_start, lang=code, sentence=sentence,
                                heading=heading, back_reference=True, verb=False,
                                participation=participation or bool(lex.presence("generic_event_words").search(body)),
                                organiser=False, multiple=False, counts=people_counts, weights=weights,
                                dates=inside,
                                lexicon=lex, text=text))
    mentions.sort(key=lambda x: x.start)
    # one mention per place in the text: "round table" and "table" never both
    mentions = _outermost(mentions)
    mentions = _compounds(lex, text, _started(lex, text, mentions))
    # a trigger right after a launch is what is launched: "презентация учебного курса", "launch of
    # the training course" (a joining word or punctuation between makes it an event of its own)
    joiners = grammar(lang).joiners
    launches = [y for y in mentions if y.type == "launch"]
    return [x for x in mentions if not any(
        x.type is not None and x.type != "launch" and y.end <= x.start
        and re.fullmatch(r"\s+(?:\w+\s+){0,2}", text[y.end:x.start])
        and not any(joiners.fullmatch(w) for w in text[y.end:x.start].split()) for y in launches)]


def _participants_clause(lex, people, body: str, s_start: int, count) -> bool:
    """Whether a count of people counts participants: not when its noun is a product, a
    country, a delegation or a document ("35 та корхона"), nor when its clause says they
    benefit ("help to 4831 migrants", "will reach 15,000 pupils") and no one takes part."""
    words = normalise(count.of).split()
    oblique = (lex.data.get("funding_subject") or {}).get("not_endings") or []   # the case endings of a non-head
    possessor = words and words[0].endswith(tuple(lex.data.get("possessor_endings") or ())) and len(words) > 1
    if words and lex.pattern("non_participant_nouns").fullmatch(words[0]) and (possessor or not (
            lex.data.get("compound_head") == "last" and any(
                people.fullmatch(w) and not any(w.endswith(e) for e in oblique) for w in words[1:]))):
        # "15 мектеп директоры" counts directors (the head comes last); "35 та корхона ёшларга"
        # firms; "эки өлкөнүн өкүлдөрү" the two countries whose representatives came
        return False
    a, b = count.start - s_start, count.end - s_start
    cuts = [m.end() for m in CLAUSE_CUT.finditer(body, 0, a)]
    ends = [m.start() for m in CLAUSE_CUT.finditer(body, b)]
    clause = body[cuts[-1] if cuts else 0:ends[0] if ends else len(body)]
    return not (lex.presence("beneficiary_words").search(clause) and not lex.presence("participation_words").search(clause))


def _started(lex, text: str, mentions: list[Mention]) -> list[Mention]:
    """A launch word that says an event just named began ("омӯзиш … оғоз гардид", "the training
    began") is that event's verb, not a launch of its own (``start_verbs``)."""
    starts = lex.pattern("start_verbs")
    kept = []
    for m in mentions:
        before = [x for x in kept if x.type not in (None, "launch") and x.sentence == m.sentence]
        if m.type == "launch" and before and starts.match(text, m.start) and not CLAUSE_CUT.search(text, before[-1].end, m.start):
            before[-1].verb = True
            continue
        kept.append(m)
    return kept


def _compounds(lex, text: str, mentions: list[Mention]) -> list[Mention]:
    """Two triggers written as one noun phrase ("training seminars", "семинар-тренинг") are one
    event, named by the phrase's head: the last word where the language puts heads last
    (``compound_head``), else the first; a trigger a launch word then launches ("the course …
    was launched") is what is launched."""
    head_last = (lex.data.get("compound_head") or "first") == "last"
    out: list[Mention] = []
    for m in mentions:
        prev = out[-1] if out else None
        if prev is not None and prev.type not in (None, "launch", m.type) and m.type not in (None, "launch") \
                and re.fullmatch(r"[\s\-\u2013]{0,3}", text[prev.end:m.start]):
            if head_last:
                out[-1] = m
            continue
        out.append(m)
    passive = lex.pattern("launch_passive")
    launched = [m for m in out if m.type == "launch" and any(
        a <= m.start and m.end <= b for a, b in (x.span() for x in passive.finditer(text, m.sentence[0], m.sentence[1])))]
    return [x for x in out if not any(
        x.type not in (None, "launch") and x.sentence == y.sentence and x.end <= y.start
        and not CLAUSE_CUT.search(text, x.end, y.start) and len(re.findall(r"\w+", text[x.end:y.start])) <= 10
        for y in launched)]


def _outermost(mentions: list[Mention]) -> list[Mention]:
    """The mentions no other mention contains (``mentions`` sorted by start): in one pass,
    keeping the furthest end reached before each start, not comparing every pair."""
    kept, reach, i = [], -1, 0
    while i < len(mentions):
        j = i + 1
        while j < len(mentions) and mentions[j].start == mentions[i].start:
            j += 1
        group = mentions[i:j]   # the mentions starting here
        ends = sorted((m.end for m in group), reverse=True) + [-1]
        for m in group:
            longest_other = ends[1] if m.end == ends[0] else ends[0]
            if reach < m.end and longest_other < m.end:
                kept.append(m)
        reach = max(reach, ends[0])
        i = j
    return kept


def _new_instance(lex, body: str, m: re.Match) -> bool:
    """A ``new_event_words`` word within two words before the trigger ("the next training",
    "Keyingi guruh uchun kurs") or right after it ("Курси навбатӣ")."""
    words = lex.pattern("new_event_words").pattern
    before = re.search("(?:" + words + r")(?:\W+\w+){0,2}\W*$", body[max(0, m.start() - 60):m.start()], re.I)
    after = re.match(r"\W{0,2}(?:" + words + ")", body[m.end():m.end() + NEAR], re.I)
    return bool(before or after)


def _title(text, body, s_start, m, blocked, weights, quotes) -> str | None:
    """The quoted topic next to a trigger: 'seminars on "…"', '«…» мавзусида семинар'.
    ``quotes``: the sentence's :func:`quoted_spans`, relative to ``body``."""
    window = weights["title_window"]
    best = None
    for a, b in quotes:
        start, end = s_start + a, s_start + b
        if any(x <= start < y for x, y in blocked if (x, y) != (start, end)):
            continue
        gap = words_between(body, m.end(), a - 1) if a > m.end() else words_between(body, b + 1, m.start())
        if 0 <= gap <= window and (best is None or gap < best[0]):
            best = (gap, text[start:end])
    return best[1] if best else None


# -- phase two: selection ------------------------------------------------------------------

@dataclass
class Instance:
    mention: Mention
    date: object
    counts: list
    organisers: list = field(default_factory=list)
    places: list = field(default_factory=list)   # places of later mentions, when its own has none
    last: Mention | None = None                    # its latest trigger mention
    umbrella: object = None                        # "екі семинар … өткен аптада": the period its events share
    rule: str = "new event"                        # which rule made it, for explanations
    reasons: list = field(default_factory=list)    # (rule, sentence) pairs: see .reasons

    def __post_init__(self):
        self.last = self.last or self.mention
        m = self.mention
        self.reasons.append((f"{self.rule}: trigger {m.text[m.start:m.end]!r} ({_features(m)})", m.sentence))


def _features(m: Mention) -> str:
    """The evidence a mention brings, in words."""
    found = [name for name, present in (("date", bool(_dates(m))), ("event verb", m.verb), ("participants", bool(m.counts)),
                                        ("place", bool(m.places)), ("back-reference", m.back_reference)) if present]
    return ", ".join(found) or "no evidence"


def _score(m: Mention, referring: bool = True) -> float:
    """How much a mention looks like a new event; "the visit to Bishkek on 16 March" refers
    back only when ``referring`` (an event of its type came before)."""
    w = m.weights
    # a year alone ("2023-yilda … tashrif buyurgan") dates a statistic more often than an event
    dates = _dates(m)
    dated = any(d.granularity != "year" for d in dates)
    return (w["date"] * dated + w["year_granularity"] * bool(dates and not dated) + w["verb"] * m.verb + w["participants"] * bool(m.counts)
            + w["location"] * bool(m.places) + w["back_reference"] * (m.back_reference and referring))


def _select(mentions: list[Mention]) -> list[Instance]:
    events: list[Instance] = []
    headings = [m for m in mentions if m.heading and m.type is not None]
    in_sentence: dict = {}   # the mentions of each sentence, without a scan of them all per mention
    for x in mentions:
        in_sentence.setdefault(x.sentence, []).append(x)
    for m in (m for m in mentions if not m.heading):
        if m.type is None:
            # "It brought together 70 experts": the event mentioned last, which in a translated
            # paragraph may be one found before the latest new one
            latest = max(events, key=lambda e: e.last.start) if events else None
            if latest is not None and (m.participation or _next_sentence(latest.last, m)):
                _merge(latest, m)
            continue
        same = [e for e in events if e.mention.type == m.type]
        dates = _dates(m)
        if m.multiple and len(dates) > 1 and not m.back_reference:
            events.extend(_split(m, dates))
            continue
        if m.number > 1 and len(dates) == 1 and not m.back_reference and dates[0].granularity != "year":
            # "екі семинар өтті" last week: the later mentions say when each one was
            events.append(Instance(m, dates[0], list(m.counts), _organisers(m), umbrella=dates[0].value,
                                   rule="several events named together, dated by the period they share"))
            continue
        date = dates[0] if dates else None
        mates = [x for x in in_sentence[m.sentence] if x.type not in (None, m.type)]
        if same and (date is not None and date.granularity == "year"
                     or any(not any(e.mention.type == x.type for e in events) for x in mates)):
            # "Сапардын жыйынтыктары … вебинарда": the visit is referred to, the webinar is new
            _merge(same[-1], m, dated=False)
            continue
        referred = [e for e in events if any(x.type == e.mention.type for x in mates)]
        if date is not None and _share(events, same, m, date):
            continue
        if same and m.new and (date is not None or m.verb) and not m.back_reference and not any(
                date is not None and e.date is not None and e.date.value == date.value for e in same):
            events.append(Instance(m, date, list(m.counts), _organisers(m), rule="another event of a type already found"))
            continue
        match = next((e for e in same if date is not None and e.date is not None
                      and (_near(e.date.value, date.value, m.weights["same_event_days"])
                           or _contains(e.date.value, date.value))), None)
        latest = max(same, key=lambda e: e.last.start) if same else None   # the one mentioned last
        if match is None and same and (date is None or m.back_reference or latest.date is None
                                       or not m.verb and not m.new and m.sentence != latest.last.sentence):
            # "Tanlovga arizalar … qabul qilingan": a later mention without an event verb is the same event
            match = latest
        if match is not None:
            _merge(match, m)
        elif _score(m, referring=bool(same)) >= m.weights["threshold"] or date is None and referred:
            # "Пас аз мулоқот … ба имзо расониданд": dated like the event it follows from
            events.append(Instance(m, date or (referred[-1].date if referred else None),
                                   list(m.counts), _organisers(m),
                                   rule="new event" if date or not referred else "new event dated like the one it follows"))
        elif events and (m.participation or m.back_reference):
            _merge(events[-1], m)
    for m in headings:
        if not any(e.mention.type == m.type for e in events) and _score(m) >= m.weights["threshold"]:
            events.append(Instance(m, _dates(m)[0] if _dates(m) else None, list(m.counts), _organisers(m),
                                   rule="event stated only in a heading"))
    return sorted(events, key=lambda e: (e.mention.start, e.date.start if e.date else 0))


def _share(events: list, same: list, m: Mention, date) -> bool:
    """A dated mention inside the period of a mention of several events ("two seminars last
    week" … "the seminar on 10-11 October" … "on 13 October"): it dates the first of them still
    undated, or is one more of them while they are fewer than stated; True when taken."""
    umbrella = next((e for e in reversed(same) if e.umbrella is not None
                     and (_contains(e.umbrella, date.value) or e.umbrella == date.value)), None)
    if umbrella is None:
        return False
    siblings = [e for e in events if e.umbrella == umbrella.umbrella and e.mention is umbrella.mention]
    if any(e.date.value == date.value for e in siblings if e.date is not None):
        _merge(next(e for e in siblings if e.date is not None and e.date.value == date.value), m, dated=False)
        return True
    undated = next((e for e in siblings if e.date is not None and e.date.value == e.umbrella), None)
    if undated is not None:
        undated.date = date
        _merge(undated, m, dated=False)
    elif len(siblings) < umbrella.mention.number:
        events.append(Instance(umbrella.mention, date, list(m.counts), _organisers(m), umbrella=umbrella.umbrella,
                               rule="one more of several events named together",
                               last=m))
    else:
        return False
    return True


def _dates(m: Mention) -> list:
    """The mention's candidate dates, best first (or in text order when it is several events)."""
    w = m.weights
    ranked = []
    for d in m.dates:
        # "Тошкент, 2023 йил 5 апрель – …": the release's date, not the event's (a span of
        # days there, "November 15-20, 2015 – …", is the event's)
        dateline = d.start - m.sentence[0] < 60 and d.end < m.start \
            and re.match(r"\s*[-\u2013\u2014]\s", m.text[d.end:d.end + 4]) is not None \
            and d.value is not None and d.value.start == d.value.end
        if dateline:
            continue
        between = m.text[d.end:m.start] if d.end <= m.start else m.text[m.end:d.start]
        score = (w["date_distance"] * min(abs(d.start - m.end), abs(m.start - d.end))
                 + w["day_granularity"] * (d.granularity == "day") + w["year_granularity"] * (d.granularity == "year")
                 + w["other_clause"] * bool(_coordinated_clause(m.lexicon, between)))
        ranked.append((score, d))
    if m.multiple:
        return [d for _, d in sorted(ranked, key=lambda r: r[1].start)]
    return [d for _, d in sorted(ranked, key=lambda r: -r[0])]


def _coordinated_clause(lex, between: str) -> bool:
    """Whether a comma and a joining word stand between a date and a trigger ("… в апреле, и
    форум, который состоится в июне"): the date belongs to the other conjunct."""
    determiners = {x.lower() for x in (lex.data.get("funding_subject") or {}).get("determiners") or []}
    words = [x for x in lex.data.get("list_joiners") or [] if x.isalpha() and x.lower() not in determiners]
    return bool(words) and re.search(r",\s*(?:" + "|".join(map(re.escape, words)) + r")\s", between, re.I) is not None


def _split(m: Mention, dates: list) -> list[Instance]:
    """One instance per date; counts go with the date they precede (or follow)."""
    counts = m.counts
    before_first = bool(counts) and counts[0].start < dates[0].start
    instances = []
    for i, d in enumerate(dates):
        if before_first:
            low = dates[i - 1].end if i else m.start
            mine = [c for c in counts if low <= c.start < d.start]
        else:
            high = dates[i + 1].start if i + 1 < len(dates) else m.sentence[1]
            mine = [c for c in counts if d.end <= c.start < high]
        instances.append(Instance(m, d, mine, _organisers(m), rule="one event per stated date"))
    return instances


def _day(value: str) -> dt.date:
    parts = [int(x) for x in value.split("-")[:3] if x.isdigit()] + [1, 1]
    return dt.date(parts[0], parts[1] or 1, parts[2] or 1)


def _near(a, b, days: int) -> bool:
    """Whether two periods overlap or lie within ``days`` of each other (same event)."""
    try:
        return (_day(b.start) - _day(a.end)).days <= days and (_day(a.start) - _day(b.end)).days <= days
    except ValueError:
        return a == b


def _next_sentence(first: Mention, later: Mention) -> bool:
    """``later`` is the sentence right after ``first``'s, in the same paragraph."""
    gap = first.text[first.sentence[1]:later.sentence[0]]
    return 0 <= len(gap) <= 3 and "\n" not in gap


def _merge(event: Instance, m: Mention, *, dated: bool = True) -> None:
    """A later mention adds the participants and organisers its sentence states.

    Its date widens the event's when it spans it ("closed today" … "held from 3 to 5 April").
    """
    dates = _dates(m) if dated else []
    event.places.extend(m.places)
    if m.sentence != event.mention.sentence and m.counts:
        event.reasons.append(("participants from a later sentence that refers back to the event: "
                              + ", ".join(m.text[c.start:c.end] for c in m.counts), m.sentence))
    elif m.sentence != event.mention.sentence:
        event.reasons.append(("a later mention of the same event", m.sentence))
    if m.type is not None:
        event.last = m
    # "Вчера завершился тренинг" … "Обучение, проходившее с 19 по 21 мая, прошли 32 сотрудника"
    if dates and (event.date is None or _contains(dates[0].value, event.date.value)
                  or m.type is not None and _contains(event.date.value, dates[0].value)
                  and event.date.granularity == "year"):
        event.date = dates[0]
    if m.sentence != event.mention.sentence:
        known = {(c.start, c.end) for c in event.counts}
        event.counts.extend(c for c in m.counts if (c.start, c.end) not in known)
    event.organisers.extend(o for o in _organisers(m) if o not in event.organisers)
    if event.mention.title is None and m.title is not None:
        event.mention.title = m.title


def _contains(outer, inner) -> bool:
    return outer != inner and outer.start <= inner.start and inner.end <= outer.end and len(outer.start) == len(inner.start)


def _organisers(m: Mention) -> list[str]:
    names = []
    if m.organiser:
        for e in m.organisations:
            if e.name not in names:
                names.append(e.name)
    return names


def _record(e: Instance, text: str, previous: str | None) -> Event:
    """The event record; with no place stated, that of a later mention or the previous event."""
    m = e.mention
    w = m.weights
    place = e.places[0].name if e.places else previous
    if m.places:
        def score(p):
            marker = re.search(r"(\w+)\s+$", text[max(0, p.start - 12):p.start])
            word = (text[p.start:p.end] + re.compile(r"\w*").match(text, p.end).group()).lower()
            suffix = any(word.endswith(x) for x in m.lexicon.data.get("location_suffixes") or [])
            return (w["location_distance"] * min(abs(p.start - m.end), abs(m.start - p.end))
                    + w["location_marker"] * bool(marker and m.lexicon.pattern("location_before").fullmatch(marker.group(1))
                                                  or suffix))
        place = max(m.places, key=score).name
    return Event(type=m.type, text=text[m.start:m.end], start=m.start, end=m.end, lang=m.lang,
                 title=m.title, date=e.date.value if e.date is not None else None, location=place,
                 participants=_participants(e.counts),
                 organisers=e.organisers, evidence={"start": m.sentence[0], "end": m.sentence[1]})


def _participants(counts) -> list[dict]:
    """Participant counts in text order, each value once (a translated paragraph restates them)."""
    seen, out = set(), []
    for c in sorted(counts, key=lambda c: c.start):
        if c.value not in seen:
            seen.add(c.value)
            out.append({"count": c.value, "group": c.of})
    return out
