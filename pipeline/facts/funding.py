"""Funding partners: (organisation, role) pairs from funding and implementing phrases.

Two rules, both driven by ``facts.yaml``:

* **Role phrases** (``funding.<role>.after``: "co-funded by", "при финансовой поддержке";
  ``funding.<role>.before``: "молиялаштирилади", "татбиқ мегардад") point to the
  organisations written right after or before them. Phase one finds phrase and
  organisation pairs, phase two keeps those whose gap holds only filler words
  (``funding_gap``) and follows coordinated lists ("the European Union and the Council of
  Europe"). A gap never spans another role phrase: in "USAID grant mablag'lari hisobidan
  amalga oshirilayotgan loyiha" USAID is the funder, not the implementer.
* **Financial subjects** (``funding_subject``): an organisation that is the subject of a
  financial verb phrase, however far before it in its clause ("The Asian Development Bank
  approved a USD 50 million loan", "Азия даму банкі … қарыз беруді мақұлдады"). The phrase
  is a verb with a financial object (a loan, grant, financing word or a sum of money) within
  a few words, or a verb that is financial by itself ("co-financed"); the subject is the
  nearest organisation before it in the clause that no preposition, postposition or case
  ending marks as something else (the recipient, a partner, the place).

  The same rule finds implementers: the subject of an implementing verb with a project or
  study as its object ("Кумитаи … чандин лоиҳаро татбиқ менамояд"), or the organisation
  named just before a subject pronoun ("оно реализует проекты").

Smaller rules: the party with a country to a loan agreement lends (``loan_agreements``); the
organisation money is received from gives it (``funding_source``); the owner of a
knowledge-base programme a sum is given under gives it (``programme_funds``); "the state
budget" stands for the government of the country the release is about (``state_funds``); a
board acts for its organisation and a headline in capitals is cut to the known name it
begins with.

Cooperation partners ("BMTTD tomonidan X bilan hamkorlikda amalga oshirilmoqda", "in
cooperation with X", ``partner_before`` / ``partner_after``) get no role and are skipped
like filler words.
"""

from __future__ import annotations

import bisect
import re
import weakref
from typing import Optional

from ..kb import knowledge_base, morph_parses
from ..offsets import ByPosition
from ..records import Entity, Funding
from .reasons import explain
from ..segmenting import normalise
from ..wordlists import lexicon_pattern
from ..text import sentences
from .programmes import lexicon

PUNCTUATION = r"[\s,;()\[\]\"'-]*"
ABBREVIATION = re.compile(r"\(\s*[^\s()]{1,15}\s*\)")
DEFAULT_WINDOW = 4
OPENING_QUOTES = "«“„\""


def assemble_funding(segments, found, *, context) -> list[Funding]:
    """One :class:`~pipeline.records.Funding` per (organisation, role), names canonical.

    Args:
        segments: the document's segments.
        found: extractor records by name; ``entities`` gives organisations (``name`` and
            ``kb_id`` from the knowledge base, the surface form when it has none), ``money``
            the sums (no obstacle in a gap, a financial object for a subject's verb).
    Returns:
        Funding records grounded on the organisation's mention in the role phrase.
    """
    source = context.source_text
    entities = found.get("entities", [])
    # "2,5 миллион АҚШ доллари" is money
    named_things = ByPosition(found.get("programmes", []) + found.get("money", []))
    governments = [g for g in _governments(context, entities)   # "проект «… Киргизской Республики»"
                   if not any(p.start <= g.start and g.end <= p.end for p in named_things.overlapping(g.start, g.end))]
    by_entity = ByPosition(entities)
    named = [g for g in governments if g.text != _place(by_entity, g).text]   # "правительств Японии"
    for g in governments:   # "… Японии и Норвегии": a country listed after a named government is one too
        joiner = lexicon(context.resources.lang(g.lang)).pattern("list_joiners")
        if g not in named and any(p.end <= g.start and _fills(source[p.end:g.start], joiner, 2)
                                  and _joined(source[p.end:g.start]) for p in named):
            named.append(g)
    linked = [_linked(context, e) for e in entities if e.label == "ORG"]
    funds = _state_funds(context, segments, entities)
    # why a mention is named otherwise than the entity stage named it, for the reasons
    renamed = {(e.start, e.end): f"{e.text!r} named {e.name!r} ({note})" for e, note in linked if note} | \
        {(e.start, e.end): f"{e.text!r} stands for {e.name!r} (the state's own money)" for e in funds}
    orgs = sorted([e for e, _ in linked] + named + funds, key=lambda e: (e.start, e.end))
    countries = [_place(by_entity, g) for g in governments]
    # a bare country is a funder only as the subject of a financial phrase ("Japan provided …")
    subjects = sorted(orgs + [g for g in governments if g not in named], key=lambda e: (e.start, e.end))
    money = found.get("money", [])
    # "a grant of €1.2 million from the …": a sum between phrase and name is no obstacle;
    # the normalised view lets "mablagʻlari" match "mablag'lari"
    text = _blank(normalise(source), money)
    by_org, by_subject, by_money = ByPosition(orgs), ByPosition(subjects), ByPosition(money)
    by_programme = ByPosition(found.get("programmes", []))
    mentions_of: dict[str, list] = {}   # a programme's owner is looked up among the mentions of its id
    for org in by_org.records:
        mentions_of.setdefault(org.kb_id, []).append(org)
    by_kb_id = {kb_id: ByPosition(orgs) for kb_id, orgs in mentions_of.items()}
    facts: dict[tuple[str, str], Funding] = {}

    reasons: dict[tuple[str, str], tuple] = {}

    stand_ins = {(e.start, e.end) for e in funds}

    def add(org, role, lang, rule, sentence):
        note = renamed.get((org.start, org.end))
        if (org.start, org.end) in stand_ins:   # the government named beside "давлат бюджети" grounds it
            org = next((o for o in by_org.within(*sentence) if o.kb_id == org.kb_id
                        and (o.start, o.end) not in stand_ins), org)
        known = facts.get((org.name, role))
        # a government named in the text grounds its fact better than "the state budget" does
        if known is None or (known.start, known.end) in stand_ins and (org.start, org.end) not in stand_ins:
            facts[(org.name, role)] = Funding(text=org.text, start=org.start, end=org.end, lang=lang,
                                              name=org.name, kb_id=org.kb_id, org_id=org.org_id, role=role)
            reasons[(org.name, role)] = (f"{rule}; {note}" if note else rule, sentence)

    for seg in segments:
        lex = lexicon(context.resources.lang(seg.lang))
        gap = lex.pattern("funding_gap")
        joiner = lex.pattern("list_joiners")
        role_words = _role_words(lex)
        stops = re.compile(r"[\s)]*(?:\([^()]{1,15}\)\s*)?" + lex.pattern("list_stops").pattern, re.I) \
            if lex.data.get("list_stops") else None
        determiners = (lex.data.get("funding_subject") or {}).get("determiners") or []
        previous = seg.start
        for s_start, s_end in _unbroken(sentences([seg]), by_money, source):
            body = text[s_start:s_end]
            # A fact needs a role word of the sentence and an organisation or country of it or of
            # the sentence before (the pronoun's antecedent), or else a programme and a sum of the
            # sentence (its owner gives): other sentences are passed over unread.
            if not (by_programme.within(s_start, s_end) and by_money.within(s_start, s_end)) and not (
                    by_subject.within(previous, s_end) and role_words.search(body)):
                previous = s_start
                continue
            inside = by_org.within(s_start, s_end)
            phrases = [(role, s_start + m.start(), s_start + m.end(), direction)
                       for role, m, direction in _phrases(lex, body)]
            # "implemented jointly with X": the marker belongs to the role phrase, X is no partner
            markers = [span for span in (_partner(lex, text, o) for o in inside) if span
                       and not any(a < span[0] + 1 and span[0] < b for _, a, b, _ in phrases)]
            partners = _coordinated(text, inside, markers,
                                    joiner, (lex.data.get("funding_subject") or {}).get("determiners") or [])
            inside = [o for o in inside if not any(a <= o.start and o.end <= b for a, b in partners)]
            # phrases naming their organisations after them first: an organisation one governs ("бо
            # маблағгузории Иттиҳоди Аврупо татбиқ мегардад") is no doer of another role's verb after it
            governed: dict[tuple[int, int], str] = {}
            for role, start, end, direction in sorted(phrases, key=lambda p: p[3] != "after"):
                others = [(a, b) for r, a, b, _ in phrases if r != role]
                pool = [o for o in inside if governed.get((o.start, o.end), role) == role]
                for org in _organisations(text, pool, start, end, direction, gap, joiner, others, skip=partners,
                                          stops=stops, determiners=determiners):
                    add(org, role, seg.lang, f"{role} phrase {source[start:end]!r} with the organisation {direction} it",
                        (s_start, s_end))
                    if direction == "after":
                        governed[(org.start, org.end)] = role
            around = inside + [g for g in by_subject.within(s_start, s_end) if g not in _same_span(by_org, g)
                               and not any(a <= g.start and g.end <= b for a, b in partners)]
            around.sort(key=lambda e: (e.start, e.end))
            for role, start, end, verb in _subject_phrases(lex, text, s_start, s_end, by_money, by_org, phrases):
                kind = "financial" if role == "funder" else "implementing"
                # a bare country gives money ("Japan provided …") but carries out no project; the
                # subject may follow a fronted object ("mablag'ni “Vodiy Soft” MChJ va Kapitalbank ajratdi")
                # (only a named organisation there: "Грант … Кыргызстану выделит", "доллари ИМА … ҷудо кард")
                named_here = {id(o) for o in inside}
                pool = [o for o in (around if role == "funder" else inside) if o.end <= start or id(o) in named_here]
                subjects = _subjects(lex, text, s_start, verb, pool, joiner)
                for org in subjects:
                    add(org, role, seg.lang, f"subject of the {kind} phrase {source[start:end]!r}", (s_start, s_end))
                if not subjects:
                    pronoun = _pronoun_subject(lex, text, s_start, start)
                    named = by_org.within(previous, pronoun.start()) if pronoun else []
                    if named:
                        add(named[-1], role, seg.lang, f"named just before the pronoun {pronoun.group()!r}, the "
                                                       f"subject of the {kind} phrase {source[start:end]!r}",
                            (previous, s_end))
            sums = by_money.within(s_start, s_end)
            if sums:
                for org, programme in _programme_owners(context, lex, text, s_start, s_end, by_programme, by_kb_id):
                    add(org, "funder", seg.lang, f"owner of the programme {programme!r} under which "
                                                 f"{sums[0].text!r} is given", (s_start, s_end))
            for org, phrase in _lenders(lex, text, s_start, s_end, inside, countries, joiner):
                add(org, "funder", seg.lang, f"party with a country to the {phrase!r}", (s_start, s_end))
            for org, phrase in _sources(context, lex, text, s_start, s_end, around, by_money):   # "a grant from Japan"
                add(org, "funder", seg.lang, f"source of the money received in {phrase!r}", (s_start, s_end))
            previous = s_start
    records = sorted(facts.values(), key=lambda f: (f.start, f.role))
    explain(context, "funding", [reasons[(f.name, f.role)] for f in records])
    return records


def _unbroken(spans, by_money: ByPosition, text: str) -> list[tuple[int, int]]:
    """Sentence spans, two joined where a sum of money crosses the cut between them: in
    "7 млн. АҚШ доллари маблағ ажратилади" the abbreviation's full stop ends no sentence. An
    opening quote left at the end of a sentence ("… грант бөлді. «") begins the next one."""
    out: list[tuple[int, int]] = []
    for start, end in spans:
        if out and by_money.overlapping(start, out[-1][1]):   # a sum with start < cut < end
            out[-1] = (out[-1][0], end)
            continue
        if out and out[-1][1] - out[-1][0] > 1 and text[out[-1][1] - 1] in OPENING_QUOTES \
                and text[out[-1][1] - 2].isspace():
            quote = out[-1][1] - 1
            out[-1] = (out[-1][0], quote)
            start = quote
        out.append((start, end))
    return out


def _lenders(lex, text: str, s_start: int, s_end: int, orgs, countries, joiner) -> list:
    """``(organisation, phrase)`` for a loan or grant agreement between a country and an
    organisation ("World Bank and Uzbekistan sign loan agreements", "the grant agreement between
    Kyrgyzstan and the EDB"): the organisation lends or gives (``loan_agreements``)."""
    found = lex.pattern("loan_agreements").search(text, s_start, s_end)
    if not found:
        return []
    out = []
    for o in orgs:
        for c in countries:
            if not (s_start <= c.start and c.end <= s_end):
                continue
            piece = text[o.end:c.start] if o.end <= c.start else text[c.end:o.start]
            if (o.end <= c.start or c.end <= o.start) and _fills(piece, joiner, 2) and _conjoined(piece, ["the"]):
                out.append((o, found.group()))
                break
    return out


def _linked(context, org: Entity) -> tuple[Entity, Optional[str]]:
    """``org`` as the knowledge-base organisation that gives or implements through it, with a
    note when it is renamed.

    A board or organ ("Board of Directors of the World Bank", composed by the entity stage from
    ``body_parts``) approves what its organisation lends: the organisation is named. A name in
    a headline written in capitals runs into the rest of the title ("БОНКИ РУШДИ ОСИЁ БА
    ТОҶИКИСТОН …"): the known name it begins with is kept.
    """
    if org.kb_id is not None:
        return org, None
    kb = knowledge_base(context.resources)
    parts = {str(v) for v in (context.resources.lang(org.lang)["entities"].get("body_parts") or {}).values()}
    for part in parts:
        prefix = f"{part} of the "
        if org.name.startswith(prefix):
            parent = _by_name(kb).get(org.name[len(prefix):])
            if parent is not None:
                return org.model_copy(update={"name": parent.name, "kb_id": parent.id, "org_id": parent.org_id}), \
                    f"a {part} acts for its organisation"
    letters = [c for c in org.text if c.isalpha()]
    if len(letters) > 3 and all(c.isupper() for c in letters):
        # in capitals every word reads as an abbreviation: the name is looked up as a title
        words = kb.morphology(org.lang).words(org.text[:1] + org.text[1:].lower(), org.start)
        found = kb.index(org.lang).find(words)
        head = found[0] if found and found[0].first == 0 and found[0].last + 1 < len(words) else None
        entry = head.candidates[0].entry if head and len(head.candidates) == 1 else None
        if entry is not None and entry.label == "ORG":
            end = words[head.last].end
            return org.model_copy(update={"text": context.source_text[org.start:end], "end": end,
                                          "name": entry.name, "kb_id": entry.id, "org_id": entry.org_id}), \
                "the known name a headline in capitals begins with"
    return org, None


_BY_NAME: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()


def _by_name(kb) -> dict:
    """Canonical name -> knowledge-base organisation, built once per knowledge base."""
    if kb not in _BY_NAME:
        _BY_NAME[kb] = {e.name: e for e in kb.entries.values() if e.label == "ORG"}
    return _BY_NAME[kb]


def _nearest(mentions: ByPosition, position: int):
    """The mention starting nearest ``position``; on a tie the first in text order."""
    starts = mentions.starts
    i = bisect.bisect_left(starts, position)
    if i == 0:
        return mentions.records[0]
    left = bisect.bisect_left(starts, starts[i - 1])   # the first of those starting there
    if i == len(starts) or position - starts[left] <= starts[i] - position:
        return mentions.records[left]
    return mentions.records[i]


def _programme_owners(context, lex, text: str, s_start: int, s_end: int, by_programme: ByPosition,
                      by_kb_id: dict) -> list:
    """``(organisation, programme)`` for a knowledge-base programme that a sum in the sentence is
    given under ("€36 million allocated … under the MIP"; ``programme_funds``: "under",
    "в рамках", "аясында"): the programme's ``owner`` gives it. The owner is grounded on its
    nearest mention in the text, else on the programme's."""
    spec = lex.data.get("programme_funds") or {}
    before = lex.pattern(("programme_funds", "before"), spec.get("before") or [])
    after = lex.pattern(("programme_funds", "after"), spec.get("after") or [])
    owners = _owners(context.resources)
    kb = knowledge_base(context.resources).entries
    out = []
    for p in by_programme.within(s_start, s_end):
        owner = kb.get(owners.get(p.kb_id or "", ""))
        if owner is None:
            continue
        marked = (spec.get("before") and re.search("(?:" + before.pattern + ")" + _determiners(lex) + "$",
                                                   text[max(0, p.start - 40):p.start], re.I)) \
            or (spec.get("after") and after.match(text, _AHEAD_OF_PARTNER.match(text, p.end).end()))
        if not marked:
            continue
        mentions = by_kb_id.get(owner.id)
        if mentions:
            out.append((_nearest(mentions, p.start), p.text))
        else:
            out.append((Entity(text=p.text, start=p.start, end=p.end, label="ORG", lang=p.lang, name=owner.name,
                               kb_id=owner.id, org_id=owner.org_id), p.text))
    return out


_GOVERNMENTS: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()


def _governments_by_country(kb) -> dict:
    """Country code -> the knowledge base's government of that country, built once."""
    if kb not in _GOVERNMENTS:
        _GOVERNMENTS[kb] = {e.country: e for e in kb.entries.values() if e.type == "government" and e.country}
    return _GOVERNMENTS[kb]


_LAST_WORDS: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()


def _last_words(kb) -> set:
    """The last words of the knowledge base's names, lower-cased: names' own forms ("Қазақстан"
    ends like an ablative), built once."""
    if kb not in _LAST_WORDS:
        _LAST_WORDS[kb] = {re.findall(r"[\w'-]+", alias)[-1].lower() for _, alias, _ in kb.aliases()
                           if re.search(r"\w", alias)}
    return _LAST_WORDS[kb]


_OWNERS: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()


def _owners(resources) -> dict:
    """Programme id -> the id of the organisation that runs it (``programmes.yaml``), built once."""
    if resources not in _OWNERS:
        _OWNERS[resources] = {str(r["id"]): str(r["owner"]) for r in resources.yaml("kb", "programmes.yaml") or []
                              if r.get("owner")}
    return _OWNERS[resources]


def _sources(context, lex, text: str, s_start: int, s_end: int, orgs, by_money: ByPosition) -> list:
    """``(organisation, phrase)`` for the organisation money is received from: a receiving verb
    (``funding_source.verbs``) with a sum or financial object near it, and in its clause an
    organisation marked as the source by a preposition ("от", "from", "аз") or an ablative
    ending ("Азия даму банкінен"): "от Арабской координационной группы КР вправе получить
    60 миллионов долларов"."""
    spec = lex.data.get("funding_source") or {}
    if not spec.get("verbs") or not orgs:
        return []
    verbs = lex.pattern(("funding_source", "verbs"), spec["verbs"])
    subject = lex.data.get("funding_subject") or {}
    objects = lex.pattern(("funding_subject", "funder", "objects"), (subject.get("funder") or {}).get("objects") or [])
    window = int(subject.get("window", DEFAULT_WINDOW))
    things = [(m.start, m.end) for m in by_money.within(s_start, s_end)] + \
             [(m.start(), m.end()) for m in objects.finditer(text, s_start, s_end)]
    breaks = [m.end() for m in lex.pattern("clause_breaks").finditer(text, s_start, s_end)]
    marker = lex.pattern(("funding_source", "before"), spec.get("before") or [])
    kb = knowledge_base(context.resources)
    endings = [str(e) for e in spec.get("endings") or []]
    out = []
    for m in verbs.finditer(text, s_start, s_end):
        if not any((y <= m.start() and _words(text, y, m.start()) <= window)
                   or (x >= m.end() and _words(text, m.end(), x) <= window) for x, y in things):
            continue
        clause_start = max([s_start] + [b for b in breaks if b <= m.start()])
        clause_end = min([s_end] + [b for b in breaks if b > m.end()])
        for o in orgs:
            if not (clause_start <= o.start and o.end <= clause_end):
                continue
            before = spec.get("before") and re.search("(?:" + marker.pattern + ")" + _determiners(lex) + "$",
                                                      text[max(0, o.start - 40):o.start], re.I)
            word = (re.findall(r"\w+", text[o.start:o.end]) or [""])[-1] + re.compile(r"-?\w*").match(text, o.end).group()
            ablative = not word.isupper() and word.lower() not in _last_words(kb) \
                and any(word.lower().endswith(e) and len(word) > len(e) + 2 for e in endings)
            if before or ablative:
                out.append((o, m.group()))
    return out


def _state_funds(context, segments, entities) -> list[Entity]:
    """The government of the country the release is about, where the text names the state's
    own money (``state_funds``: "the state budget", "республиканского бюджета", "буҷети
    давлатӣ"): "co-financed … by the state budget, which will contribute USD 228 million".
    The country is the one the release's recognised names belong to most often (the
    language's own country counting half), as shared names are resolved."""
    text = context.source_text
    found = []
    for seg in segments:
        pattern = lexicon(context.resources.lang(seg.lang)).pattern("state_funds")
        found += [(m.start() + seg.start, m.end() + seg.start, seg.lang) for m in pattern.finditer(seg.text)]
    if not found:
        return []
    kb = knowledge_base(context.resources).entries
    score: dict[str, float] = {}
    for e in entities:
        entry = kb.get(e.kb_id or "")
        if entry is not None and entry.country:
            score[entry.country] = score.get(entry.country, 0) + 1
    for seg in segments:
        own = context.resources.lang(seg.lang)["entities"].get("country")
        if own:
            score[own] = score.get(own, 0) + 0.5
    if not score:
        return []
    country = max(score, key=score.get)
    government = next((e for e in kb.values() if e.type == "government" and e.country == country), None)
    if government is None:
        return []
    taken = ByPosition(entities)
    return [Entity(text=text[a:b], start=a, end=b, label="ORG", lang=lang, name=government.name, kb_id=government.id,
                   org_id=government.org_id) for a, b, lang in found if not taken.overlapping(a, b)]


def _place(by_entity: ByPosition, government):
    """The place a government stands for."""
    return next(e for e in by_entity.within(government.start, government.end) if e.label == "LOC")


def _governments(context, entities) -> list[Entity]:
    """A country stands for its government where it gives money ("Japan provided USD 500,000",
    "правительств Японии", "Жапония өкмөтү"): countries of the knowledge base not inside an
    organisation, each grown over a ``government_words`` word written next to it, become that
    country's government (the knowledge base's, when it has one) for funding."""
    text = context.source_text
    orgs = ByPosition([e for e in entities if e.label == "ORG"])
    by_entity = ByPosition(entities)
    kb = knowledge_base(context.resources)
    governments = _governments_by_country(kb)
    out = []
    for e in entities:
        place = kb.entries.get(e.kb_id or "")
        if e.label != "LOC" or place is None or place.type != "country" \
                or any(o.start <= e.start and e.end <= o.end for o in orgs.overlapping(e.start, e.end)):
            continue   # only a country has a government that gives money
        words = lexicon(context.resources.lang(e.lang)).pattern("government_words")
        start, end = e.start, e.end
        before = re.search(r"(?:" + words.pattern + r")(?:\s+of)?(?:\s+the)?\s+$", text[max(0, start - 40):start], re.I)
        after = re.match(r"\s+(?:" + words.pattern + ")", text[end:end + 40], re.I)
        if before:
            start -= len(before.group())
        elif after:
            end += after.end()
        elif not _followed_by_name(text, end, by_entity) and re.match(r"\W{0,2}[^\W\d_]", text[end:end + 3]) and (text[end:end + 1].isalpha() or re.match(r"\s*[A-ZА-ЯЁЎҚҒҲӮҶӢ]", text[end:end + 3])):
            continue   # "АҚШ Халықаралық даму агенттігі", "Қазақстанда": part of a name, or a place in a case
        known = governments.get(place.country)
        out.append(Entity(text=text[start:end], start=start, end=end, label="ORG", lang=e.lang,
                          name=known.name if known else f"Government of {e.name}", kb_id=known.id if known else None))
    return out


def _followed_by_name(text: str, end: int, by_entity: ByPosition) -> bool:
    """Whether another recognised name begins right after ``end``: in "Finlyandiya
    O'zbekistonga 1,5 mln yevro ajratdi" the capital letter starts a second name, so the
    country is no part of a longer one."""
    blank = end   # the name may start anywhere after ``end`` up to the first non-space
    while blank < len(text) and text[blank].isspace():
        blank += 1
    i = bisect.bisect_right(by_entity.starts, end)
    return i < len(by_entity.starts) and by_entity.starts[i] <= blank


def _role_words(lex) -> re.Pattern:
    """Every word a sentence's funding rules start from (role phrases, financial verbs, loan
    agreements, receiving verbs), in one pattern: a sentence it does not match has no fact."""
    subject = lex.data.get("funding_subject") or {}
    words = [w for directions in (lex.data.get("funding") or {}).values() for direction in ("after", "before")
             for w in (directions or {}).get(direction) or []]
    words += [w for role in subject.values() if isinstance(role, dict)
              for key in ("verbs", "financial_verbs") for w in role.get(key) or []]
    words += (lex.data.get("loan_agreements") or []) + ((lex.data.get("funding_source") or {}).get("verbs") or [])
    return lex.presence(("funding", "role words"), words)


def _blank(text: str, spans) -> str:
    """``text`` with the given spans replaced by spaces (same length)."""
    chars = list(text)   # one copy, not one per span
    for s in spans:
        chars[s.start:s.end] = " " * (s.end - s.start)
    return "".join(chars)


def _phrases(lex, body: str) -> list[tuple[str, re.Match, str]]:
    """Role phrases in a sentence; a phrase inside a longer one ("funded" in "co-funded by") yields."""
    matches = []
    for role, directions in (lex.data.get("funding") or {}).items():
        for direction in ("after", "before"):
            pattern = lex.pattern(("funding", role, direction), (directions or {}).get(direction) or [])
            matches.extend((role, m, direction) for m in pattern.finditer(body))
    return [x for x in matches if not any(
        y is not x and y[1].start() <= x[1].start() and x[1].end() <= y[1].end()
        and (y[1].end() - y[1].start()) > (x[1].end() - x[1].start()) for y in matches)]


def _fills(text: str, pattern: re.Pattern, limit: int = 6) -> bool:
    """Whether ``text`` is only punctuation and words of ``pattern`` (at most ``limit``)."""
    text = ABBREVIATION.sub(" ", text)   # "(KOICA)", "(YTTB)": the name's own abbreviation
    words = re.findall(r"[\w'-]+", text)
    return len(words) <= limit and re.fullmatch(PUNCTUATION, re.sub(r"[\w'-]+", "", text)) is not None \
        and all(pattern.fullmatch(w) for w in words)


def _gap(text: str, start: int, end: int, skip) -> str:
    """``text[start:end]`` with the skipped spans (partners and their markers) blanked."""
    piece = text[start:end]
    for a, b in skip:
        a, b = max(a, start), min(b, end)
        if a < b:
            piece = piece[:a - start] + " " * (b - a) + piece[b - start:]
    return piece


def _alias(text: str, edge: int, org) -> bool:
    """Whether ``org`` is the parenthesised abbreviation of the name ending at ``edge``."""
    return re.fullmatch(r"\s*\(\s*", text[edge:org.start]) is not None and re.compile(r"\s*\)").match(text, org.end) is not None


def _organisations(text, orgs, start, end, direction, gap, joiner, blocked=(), skip=(), stops=None,
                   determiners=()) -> list:
    """The coordinated organisations a phrase points to, nearest first.

    A gap holding a phrase of another role (``blocked``) ends the search: that phrase has its
    own organisations.
    """
    chosen, joins = [], [True]

    def fits(a, b, pattern):
        if any(a <= x and y <= b and not any(p <= x and y <= q for p, q in skip) for x, y in blocked):
            return False
        return _fills(_gap(text, a, b, skip), pattern)

    if direction == "after":
        ahead = sorted((o for o in orgs if o.start >= end), key=lambda o: o.start)
        edge = end
        for o in ahead:
            if chosen and _alias(text, edge, o):
                edge = o.end   # "International Trade Centre (ITC)": one organisation
                continue
            if not fits(edge, o.start, gap if not chosen else joiner) or chosen and not _joined(text[edge:o.start]):
                break
            if not chosen and "," in text[edge:o.start]:
                break   # "financial support of $12 million, WFP and the Ministry launched": a new clause
            if chosen and stops is not None and stops.match(text, o.end):
                break   # "implemented by GIZ, and BMZ has committed …": BMZ begins a clause of its own
            chosen.append(o)
            joins.append(_conjoined(text[edge:o.start], determiners))
            edge = o.end
        # "implemented by the UN, Kazakh Foreign Ministry spokesperson said": a list closes with a
        # joining word; items after the last one joined only by a comma are no part of it
        while len(chosen) > 1 and not joins[-1]:
            chosen.pop()
            joins.pop()
    else:
        behind = sorted((o for o in orgs if o.end <= start), key=lambda o: -o.end)
        edge = start
        for o in behind:
            if not fits(o.end, edge, gap if not chosen else joiner) or chosen and not _joined(text[o.end:edge]):
                break   # "БУУӨП Европа Биримдигинин каржылык колдоосу менен": side by side is no list
            chosen.append(o)
            edge = o.start
    return chosen


def _conjoined(piece: str, determiners) -> bool:
    """Whether a joining word (not a comma, nor "the" alone) stands between two listed names."""
    skip = {d.lower() for d in determiners}
    return any(w.lower() not in skip for w in re.findall(r"\w+", ABBREVIATION.sub(" ", piece)))


def _joined(piece: str) -> bool:
    """Whether what lies between two listed organisations joins them: a word or a comma."""
    return bool(re.search(r"\w|,", ABBREVIATION.sub(" ", piece)))


# -- partners and subjects -----------------------------------------------------------------

_AHEAD_OF_PARTNER = re.compile(r"-?\w*[\s)\"']*(?:\([^()]{1,40}\)\s*)?")
_POSSESSIVE = re.compile(r"['’]s\b")
_AHEAD_OF_RELATIVE = re.compile(r"[\s,)\"']*(?:\([^()]{1,15}\)[\s,]*)?")


def _partner(lex, text: str, org):
    """The span of a cooperation partner with its marker ("in cooperation with X", "X bilan
    hamkorlikda"), or None when ``org`` is no partner."""
    after = lex.pattern("partner_after")
    ahead = _AHEAD_OF_PARTNER.match(text, org.end)
    m = after.match(text, ahead.end())
    if m:
        return org.start, m.end()
    m = re.search("(?:" + lex.pattern("partner_before").pattern + ")" + _determiners(lex) + "$",
                  text[max(0, org.start - 80):org.start], re.I)
    return (org.start - len(m.group()), org.end) if m else None


def _coordinated(text: str, orgs, partners: list, joiner, determiners=()) -> list:
    """Partner spans grown over organisations coordinated with a partner: "X and Y менен
    кызматташтыкта", "in cooperation with X and Y" (a joining word is needed: in "with UNDP,
    the Government allocated" the Government is no partner)."""
    skip = {d.lower() for d in determiners}
    spans = list(partners)
    grown = True
    while grown:
        grown = False
        for o in orgs:
            if any(a <= o.start and o.end <= b for a, b in spans):
                continue
            for i, (a, b) in enumerate(spans):
                before = text[o.end:a] if o.end <= a else None
                after = text[b:o.start] if o.start >= b else None
                for piece, span, ahead in ((before, (o.start, b), True), (after, (a, o.end), False)):
                    if piece is None:
                        continue
                    # "Гидрометеорология кызматы (Кыргызгидромет) менен": the name before its abbreviation
                    if ahead and re.fullmatch(r"\s*\(\s*", piece) or _fills(piece, joiner, 2) and \
                            [w for w in re.findall(r"\w+", ABBREVIATION.sub(" ", piece).lower()) if w not in skip]:
                        spans[i] = span
                        grown = True
                        break
                if grown:
                    break
            if grown:
                break
    return spans


def _determiners(lex) -> str:
    """What may stand between a preposition and an organisation: quotes, "the"."""
    words = (lex.data.get("funding_subject") or {}).get("determiners") or []
    return r"[\s\"'(]*" + (r"(?:" + lexicon_pattern(words) + r"\s+)?" if words else "")


def _same_span(index: ByPosition, record) -> list:
    """The indexed records at exactly ``record``'s offsets: the only ones it can equal."""
    return [r for r in index.within(record.start, record.end) if r.start == record.start]


def _subject_phrases(lex, text, s_start, s_end, by_money: ByPosition, by_org: ByPosition, phrases):
    """``(role, start, end, verb)`` of the financial verb phrases of one sentence (``verb``: where
    the verb itself starts)."""
    spec = lex.data.get("funding_subject") or {}
    window = int(spec.get("window", DEFAULT_WINDOW))
    body = text[s_start:s_end]
    taken = [(a, b) for _, a, b, d in phrases if d == "after"]

    def is_taken(a, b):
        return any(x < b and a < y for x, y in taken) or bool(by_org.overlapping(a, b))
    out = []
    for role, words in spec.items():
        if not isinstance(words, dict):
            continue
        verbs = lex.pattern(("funding_subject", role, "verbs"), words.get("verbs") or [])
        objects = lex.pattern(("funding_subject", role, "objects"), words.get("objects") or [])
        alone = lex.pattern(("funding_subject", role, "financial_verbs"), words.get("financial_verbs") or [])
        sums = [(m.start, m.end) for m in by_money.within(s_start, s_end)]
        nouns = [(s_start + m.start(), s_start + m.end()) for m in objects.finditer(body)]
        things = nouns + sums
        for m in alone.finditer(body):
            a, b = s_start + m.start(), s_start + m.end()
            if not is_taken(a, b):  # "financed by …" is the passive
                out.append((role, a, b, a))
        attributive = lex.pattern(("funding_subject", "attributive_before"), spec.get("attributive_before") or [])
        for m in verbs.finditer(body):
            a, b = s_start + m.start(), s_start + m.end()
            before = re.search(r"(\w+)\W*$", text[max(s_start, a - 30):a])
            if before and attributive.fullmatch(before.group(1)):
                continue   # "two previously approved grants": a participle describing the object, no verb
            # "реализует ПРООН" names its doer after it; "реализует (три) проекта" has its object there
            if is_taken(a, b) and not any(x >= b and _words(text, b, x) <= 1 for x, _ in nouns):
                continue
            # ``object_after``: the object follows the verb ("implements three projects"), so that in
            # "the EU-funded programme runs until 2026" the programme is no object
            near = [(x, y) for x, y in things if (y <= a and _words(text, y, a) <= window and not words.get("object_after"))
                    or (x >= b and _words(text, b, x) <= window)]
            if near:
                out.append((role, min([a] + [x for x, _ in near]), max([b] + [y for _, y in near]), a))
    return out


def _words(text: str, start: int, end: int) -> int:
    return len(re.findall(r"\w+", text[start:end]))


def _subjects(lex, text, s_start, start, orgs, joiner) -> list:
    """The organisation (and those coordinated with it) that is the subject before ``start`` (the
    verb's start)."""
    breaks = lex.pattern("clause_breaks")
    clause = s_start
    for m in breaks.finditer(text, s_start, start):
        clause = m.end()
    behind = sorted((o for o in orgs if clause <= o.start and o.end <= start), key=lambda o: -o.end)
    relative = lex.pattern(("funding_subject", "relatives"), (lex.data.get("funding_subject") or {}).get("relatives") or [])
    determiners = (lex.data.get("funding_subject") or {}).get("determiners") or []
    for i, o in enumerate(behind):
        if i == 0 and relative.match(text, _AHEAD_OF_RELATIVE.match(text, o.end).end()):
            return [o]   # "works with the Akimat of Almaty, which allocated KZT 95 million": its own clause
        if _oblique(lex, text, o) or i + 1 < len(behind) and _oblique(lex, text, behind[i + 1]) \
                and _fills(text[behind[i + 1].end:o.start], joiner) and _joined(text[behind[i + 1].end:o.start]) \
                and "," not in text[behind[i + 1].end:o.start]:
            continue   # "between the Bank and the government of Tajikistan": both after the preposition
        chosen, edge, conjoined = [o], o.start, False
        for p in behind[i + 1:]:
            if not (_fills(text[p.end:edge], joiner) or _named(text[p.end:edge], joiner)) or _oblique(lex, text, p):
                break
            conjoined = conjoined or _conjoined(text[p.end:edge], determiners)
            chosen.append(p)
            edge = p.start
        # "…, the government of Tajikistan, the ADB will provide": a list needs a joining word
        return chosen if conjoined else chosen[:1]
    return []


def _pronoun_subject(lex, text: str, s_start: int, start: int):
    """The subject pronoun of a financial phrase's clause ("оно реализует проекты", "it
    implements projects"; ``funding_subject.pronouns``), when one stands before the phrase
    with no organisation named: the organisation named just before it is meant."""
    spec = lex.data.get("funding_subject") or {}
    if not spec.get("pronouns"):
        return None
    clause = s_start
    for m in lex.pattern("clause_breaks").finditer(text, s_start, start):
        clause = m.end()
    pronouns = lex.pattern(("funding_subject", "pronouns"), spec["pronouns"])
    return pronouns.search(text, clause, start)


def _named(piece: str, joiner) -> bool:
    """Whether ``piece`` is a joining word and the full name of an abbreviation that follows
    it in brackets: "Jahon banki **va Xalqaro moliya korporatsiyasi (**IFC)"."""
    k = piece.rfind("(")
    if k < 0 or piece[k:].strip() != "(":
        return False
    head = piece[:k]
    m = re.match(r"\s*(?:" + joiner.pattern + r")\s+", head, re.I)
    name = head[m.end():].strip() if m else ""
    return bool(name) and name[0].isupper() and len(name.split()) <= 8 and not re.search(r"[,;.()]", name)


def _oblique(lex, text: str, org) -> bool:
    """Whether a preposition, postposition or case ending marks ``org`` as no subject."""
    if (text[org.start:org.end].endswith(("'s", "’s")) or _POSSESSIVE.match(text, org.end)) \
            and not re.match(r"(?:['’]s)?\s+(?:" + lex.pattern("government_words").pattern + ")",
                             text[org.end:org.end + 40], re.I):
        return True   # "Tajikistan's largest donor": a possessive describes a noun ("Japan's government" gives)
    spec = lex.data.get("funding_subject") or {}
    before = lex.pattern(("funding_subject", "not_after"), spec.get("not_after") or [])
    after = lex.pattern(("funding_subject", "not_before"), spec.get("not_before") or [])
    if re.search("(?:" + before.pattern + ")" + _determiners(lex) + "$", text[max(0, org.start - 60):org.start], re.I):
        return True
    linked = spec.get("izafet_endings") or []
    if linked:   # "барои Барномаи ҷаҳонии озуқаи СММ": the preposition governs the whole izafet chain
        words = list(re.finditer(r"\w+", text[max(0, org.start - 120):org.start]))[::-1][:7]
        for i, w in enumerate(words):
            if before.fullmatch(w.group()):
                return i > 0   # a preposition right before the chain of linked words
            if not any(w.group().lower().endswith(e) for e in linked):
                break
    ahead = re.compile(r"-?\w*").match(text, org.end)
    word = (re.findall(r"\w+", text[org.start:org.end]) or [""])[-1] + ahead.group().lstrip("-")
    rest = ahead.end()   # past " )\"'", as an lstrip of the rest of the text would be, uncopied
    while rest < len(text) and text[rest] in " )\"'":
        rest += 1
    if after.match(text, rest):
        return True
    case = spec.get("subject_case")
    first = (re.findall(r"\w+", text[org.start:org.end]) or [""])[0]
    parses = morph_parses(first.lower()) if case and not first.isupper() else ()
    if parses and all(p.is_known and p.tag.POS == "NOUN" and p.tag.case != case for p in parses):
        return True   # "выделит Кыргызстану": a noun in the dative names the receiver
    endings = spec.get("not_endings") or []
    return not word.isupper() and any(word.lower().endswith(e) and len(word) > len(e) + 2 for e in endings)
