"""The words that say what a sentence tells of a contract's term: whether it speaks of
this contract ("this Agreement", "Kontrakten"), how plainly ("the term of this
Agreement shall ..."), what a duration is counted from, and what is no term at all
(renewals, survival, optional terminations, notice). Used by ``validity``.
"""

from __future__ import annotations

import re

#: The sentence speaks of this contract or its term ("the date hereof" is only a date:
#: "the licence shall continue for five years from the date hereof" is no term).
SUBJECT = re.compile(
    r"\b(?:this|the|such)\s+(?:[\w-]+\s+){0,4}(?:agreement|contract|amendment)\b"
    r"(?!\s+(?:year|quarter|month|manager|price|value|sum|number|no\b|reference))|(?<!date\s)\bhereof\b|"
    r"\b(?:initial\s+)?term\b|\bcontract\s+period\b|\b\w*kontrakt\w*|\b\w*aftale\w*|\bløbetid\w*|"
    r"\bkontraktperiode\w*|\bvarighed\w*|\btillægget\b",
    re.IGNORECASE,
)
#: A definition of another term: "“Processing Year 1” means the period commencing ...".
DEFINITION = re.compile(r"^\W{0,3}(?:[\d.]+\s*)?[\"“](?P<term>[^\"”]{2,50})[\"”]\s*(?:shall\s+)?"
                         r"(?:means?|has the meaning|er|betyder)\b", re.IGNORECASE)  # fmt: skip
TERM_NAMES = re.compile(r"term|period|expiration|expiry|termination date|effective date|"
                         r"commencement|kontraktperiode|løbetid", re.IGNORECASE)  # fmt: skip
#: An optional right to end the contract, not the end of its term.
OPTIONAL_END = re.compile(r"\b(?:may|can|right\s+to|entitled\s+to|kan|er\s+berettiget)[\s,]+"
                           r"(?:[\w-]+[\s,]+){0,5}(?:terminat|cancel|opsig|ophæv)", re.IGNORECASE)  # fmt: skip
NOT_A_TERM_BEFORE = re.compile(
    r"(?:within|upon|giving|give|given|with|not\s+less\s+than|no\s+later\s+than|"
    r"prior|inden|senest|med|additional|successive|renewal|renew\w*|extend\w*|extension|further|"
    r"another|each|subsequent|yderligere|forlæng\w*|option\w*|up\s+to|maximum|op\s+til|"
    r"minimum|than|over|last|first|første|every|per|hver|efter|after|"
    # a period in which the contract cannot be ended is no term: "uopsigelig i 3 år"
    r"uopsigelig\w*(?:\s+i)?|non-?(?:terminable|cancell?able)(?:\s+for)?|"
    r"(?:may|can)\s*not\s+be\s+(?:terminated|cancell?ed)\s+(?:for|within))"
    r"(?:\s+(?:a|an|the)\s+(?:further\s+)?(?:period|term)\s+of)?\W*$"
    r"|\bterm\b[^.;]{0,40}\band\s+(?:for\s+)?(?:a\s+(?:further\s+)?period\s+of\s+)?$",
    re.IGNORECASE,
)
SURVIVAL = re.compile(r"\bsurviv\w*|termination\s+of\s+this\s+agreement\s+is\s+followed",
                       re.IGNORECASE)  # fmt: skip
#: Words about what happens after the contract ends: no term counted after them.
AFTER_THE_END = re.compile(
    r"\bsurviv\w*|\b(?:after|following|upon)\s+(?:the\s+)?(?:termination|expiration|expiry)\b"
    r"(?!\s+of\s+(?:a\s+(?:period|term)\s+of\s+)?\W*$)|"  # "upon the expiration of five years"
    r"\btermination\s+of\s+this\s+agreement\s+is\s+followed|efter\s+(?:kontraktens\s+)?ophør",
    re.IGNORECASE,
)
NOT_A_TERM_AFTER = re.compile(
    r"^\W*(?:(?:'|’)s?\s*)?(?:prior|notice|before|in\s+advance|written|advance|varsel|"
    r"(?:after|following|efter)\s+(?:the\s+|such\s+)?(?:termination|expiration|expiry|ophør|"
    r"udløb|end)|ad\s+gangen|each|renewal|periods|intervals)",
    re.IGNORECASE,
)
NOT_A_TERM_SENTENCE = re.compile(r"surviv|warrant|garanti|confidential|fortrolig|retain|"
                                  r"records|audit|royalt|payment|betaling|invoice|faktur",
                                  re.IGNORECASE)  # fmt: skip
TERM_WORDS = re.compile(
    r"\bterm\b|\bperiod\b|remain|continue|in\s+(?:full\s+)?(?:force|effect)|\bvalid\b|"
    r"expire|\bend\b|(?:shall|will)\s+(?:automatically\s+)?terminate\b|\blast\s+for\b|"
    # "shall be effective for three years", "shall run for two years", "a duration of"
    r"\b(?:agreement|contract|term)\s+(?:shall|will|is\s+to)\s+(?:\w+\s+){0,2}?"
    r"(?:be\s+effective|run)\s+for\b|\bduration\b|"
    r"\bløbe\w*|\bgælde\w*|varighed|periode|i\s+kraft|bindingsperiode|"
    r"uopsigelig|tidsbegrænset",
    re.IGNORECASE,
)
#: What a duration or anniversary is counted from ("from the Effective Date").
ANCHOR = re.compile(
    r"^\W*(?:from|following|after|of|commencing\s+(?:on|with)?|beginning\s+(?:on|with)?|"
    r"starting\s+(?:on|with)?|regnet\s+fra|fra|efter)\s+(?P<anchor>[^,;.()]{3,70})",
    re.IGNORECASE,
)
KNOWN_START = re.compile(
    r"effective\s*date|commencement\s+date|start\s+date|ikrafttræd|underskrift|thereof|"
    r"(?:the\s+)?date\s+(?:hereof|of\s+(?:this\s+)?(?:agreement|contract|execution|signature|"
    r"the\s+last\s+signature)|first\s+(?:written|set\s+forth|above))|execution|signing|"
    r"(?:this|the)\s+(?:agreement|contract)|kontraktens|aftalens|start",
    re.IGNORECASE,
)
AGREEMENT_ANCHOR = re.compile(r"date\s+(?:hereof|of\s+(?:this\s+)?(?:agreement|contract))|"
                               r"execution|signing|hereof", re.IGNORECASE)  # fmt: skip
#: "effective as of the date of the last signature", "upon execution".
ON_SIGNING = re.compile(
    r"(?:effective|commence\w*|take[sn]?\s+effect|i\s+kraft|ikrafttræd\w*|effective\s+date)"
    r"\W+(?:\w+\W+){0,12}?"
    r"(?:(?P<last>(?:last|latest|final|sidste)\s+(?:date\s+)?(?:of\s+)?(?:signature|signed|"
    r"execution|underskrift)|date\s+(?:last\s+)?(?:written|signed)\s+below|signature\s+of\s+"
    r"the\s+last|most\s+recent\s+(?:final\s+)?signature|underskrift|underskrivelse)"
    r"|(?P<execution>execution|signing|signature|signed\s+acceptance|acceptance|\bsign(?:s|ed)?\b))",
    re.IGNORECASE,
)
#: A named event: "the Installation Date" (after "“Effective Date” means").
EVENT = re.compile(r"\s*(?i:the\s+)?(?P<event>(?:[A-Z][\w-]*\s+){1,3}Date)\b")
#: The term starts on a named event: "the start of the Term will be from the Launch Date",
#: "This Agreement shall commence on the Installation Date".
START_ON_EVENT = re.compile(
    r"(?i:\b(?:effective|commenc\w*|begin\w*|start\w*|take[sn]?\s+effect|in\s+(?:force|effect)|"
    r"run\s+from))"
    r"\b[^.;]{0,40}?\b(?i:on|from|with|upon|as\s+of)\s+(?i:the\s+)?"
    r"(?P<event>(?:[A-Z][\w-]*\s+){1,3}Date)\b"
)
#: "effective on the day after the date of last signature": one day after the signature.
DAY_AFTER = re.compile(r"\b(?:the\s+)?(?:day|date)\s+(?:after|following)\b|\bdagen\s+efter\b",
                        re.IGNORECASE)  # fmt: skip
#: What else takes effect on signing: an amendment, a waiver, a notice (not the contract).
OTHER_DOCUMENT_EFFECTIVE = re.compile(
    r"\b(?:amendments?|modifications?|waivers?|notices?|consents?|changes?|orders?|"
    r"ændring(?:er)?|tillæg)\b[^.;]{0,80}?\b(?:effective|binding|i\s+kraft)\b",
    re.IGNORECASE,
)
RENEWAL = re.compile(r"forlæng|option|extend|renew", re.IGNORECASE)
#: A definition of the Effective Date: "“Effective Date” means the Closing Date ...".
EFFECTIVE_DEFINED = re.compile(
    r"^\W{0,3}(?:[\d.]+\s*)?[\"“]?(?:effective|commencement)\s*date[\"”]?\s+(?:shall\s+)?"
    r"(?:mean|means|is|shall\s+be)\b",
    re.IGNORECASE,
)
DATE_ABOVE = re.compile(r"date\s+(?:first\s+)?(?:written|set\s+(?:forth|out))\s+above|date\s+hereof|"
                         r"date\s+of\s+this\s+agreement", re.IGNORECASE)  # fmt: skip
RENEWAL_BEFORE = re.compile(r"renew\w*|extend\w*|extension|forlæng\w*|option\w*", re.IGNORECASE)
#: A defined term naming the period that ends at the date: '... 2006 (the "Term")'.
TERM_DEFINED_AFTER = re.compile(r"^\s*,?\s*\(\s*(?:the\s+)?[\"“”']?\s*(?:initial\s+)?term\b",
                                 re.IGNORECASE)  # fmt: skip
#: Words that govern a duration as the contract's term: "for a period of", "løber i".
TERM_LENGTH_BEFORE = re.compile(
    r"(?:\bterm|\bperiod|\bperiode|\bduration)\s+(?:of|på)\s+$|(?:continue|remain\s+in\s+(?:full\s+)?"
    r"(?:force\s+and\s+)?effect|be\s+in\s+effect|(?:be|remain)\s+effective|\brun|expire|\blast|"
    r"løber|gælder|varer)\s+"
    r"(?:[\w-]+\s+){0,4}?(?:for|i)\s+(?:a\s+|an\s+)?(?:(?:initial\s+)?(?:term|period)\s+of\s+)?$|"
    r"\b(?:term|duration)\b[^.;]{0,40}\b(?:shall|will)\s+be\s+(?:for\s+)?(?:a\s+period\s+of\s+)?$|"
    r"initial\s+(?:term|period)\s+of\s+$|\bfor\s+a\s+term\s+of\s+$",
    re.IGNORECASE,
)
#: A verb that makes the following duration the contract's own length.
RUNS_FOR = re.compile(r"(?:continue|remain\s+in\s+(?:full\s+)?(?:force\s+and\s+)?effect|"
                       r"be\s+in\s+effect|\brun|\blast|løber|gælder)\s+(?:\w+\s+){0,3}?(?:for|i)\s+$",
                       re.IGNORECASE)  # fmt: skip
#: Words that make a sentence plainly about this contract's own term.
STRONG_TERM = re.compile(
    r"\b(?:initial\s+)?term\s+of\s+(?:this|the)\s+(?:[\w-]+\s+){0,3}(?:agreement|contract)|"
    r"\bthe\s+(?:initial\s+)?term\b|\binitial\s+(?:term|period)\b|\bcontract\s+period\b|"
    r"\b(?:this|the)\s+(?:[\w-]+\s+){0,3}(?:agreement|contract)\s+(?:\([a-z0-9]{1,3}\)\s+)?"
    r"(?:shall|will|is\s+to)\s+"
    r"(?:[\w-]+\s+){0,3}?(?:continue|remain|expire|terminate|end|be\s+in\s+effect|take\s+effect|"
    r"be\s+effective|commence|begin|run|have\s+(?:a|an)\s+(?:initial\s+)?term)|"
    r"\b(?:kontrakten|aftalen|rammeaftalen)\s+(?:\w+\s+){0,2}(?:løber|gælder|udløber|ophører|"
    r"træder|har\s+virkning)|\bkontraktperiode\w*|\baftaleperiode\w*|\bløbetid\w*",
    re.IGNORECASE,
)
#: The sentence introducing the contract: it names it and says it is made or dated.
INTRODUCES = re.compile(
    r"(?:agreement|contract|kontrakt\w*|aftale\w*|amendment)\b[^.]{0,250}?(?:\bmade\b|"
    r"entered\s+into|\bdated\b|\bexecuted\b|indgået|\bbetween\b|\bmellem\b|\beffective\b)|"
    r"\b(?:made|entered\s+into|dated|indgået)\b[^.]{0,250}?(?:agreement|contract|kontrakt|aftale)",
    re.IGNORECASE,
)
PERPETUAL = re.compile(
    r"until\s+terminated|perpetu|indefinite|tidsubegrænset|indtil\s+(?:den\s+)?(?:opsiges|ophører)|"
    r"until\s+(?:the\s+)?(?:expiration|expiry|earlier\s+termination|termination)\s+(?:or\s+\w+\s+\w+\s+)?of|"
    r"until\s+(?:\w+\s+){0,3}ceases",
    re.IGNORECASE,
)
#: An anniversary rolled forward to the end of its period: "the last day of the calendar
#: month in which the third anniversary ... occurs" (a fiscal or contract year is not a
#: calendar period and is not counted).
END_OF_PERIOD_IN_WHICH = re.compile(
    r"\b(?:last\s+day|end|close)\s+of\s+(?:the\s+|that\s+)?(?:calendar\s+|(?P<other>[\w-]+)\s+)?"
    r"(?P<period>month|quarter|year)\s+(?:in|during)\s+which\s+(?:the\s+)?$",
    re.IGNORECASE,
)
#: An end that is the later of several: "until the later of (a) ... or (b) ...".
LATER_OF = re.compile(r"\b(?:later|last|latest)\s+(?:to\s+occur\s+)?of\b", re.IGNORECASE)
#: What stands between the dates of "the later of": "(a)", "or", "and", commas.
ALTERNATIVES_BETWEEN = re.compile(r"[\s,;:]*(?:(?:\(\w{1,3}\)|\w{1,3}\)|or|and|and/or|the)[\s,;:]*)*",
                                  re.IGNORECASE)  # fmt: skip
#: Where the alternatives of "the later of" stop: a defined term, a proviso, the sentence.
ALTERNATIVES_END = re.compile(r",?\s*(?:\(\s*(?:the\s+)?[\"“”']|\bunless\b|\bprovided\b|"
                              r"\bsubject\s+to\b|\bexcept\b)|\.(?:\s|$)", re.IGNORECASE)  # fmt: skip
#: A day of the year that holds an anniversary: "December 31 of the year in which the".
DAY_OF_YEAR_IN_WHICH = re.compile(
    r"\b(?P<month>[A-Za-z]{3,9})\.?\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+of\s+(?:the\s+|that\s+)?"
    r"(?:calendar\s+)?year\s+(?:in|during)\s+which\s+(?:the\s+)?$",
    re.IGNORECASE,
)
#: A stretch after an anniversary: "six (6) months after the", "ninety days following the".
AFTER_ANNIVERSARY = re.compile(
    r"(?:\b[\w-]+\s+)?(?:\(\s*\d{1,3}\s*\)\s+)?(?:calendar\s+)?(?:years?|months?|weeks?|"
    r"days?|business\s+days?)\s+(?:after|following|from|beyond)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
#: Other days counted from an anniversary: "the first day of the month following the month
#: in which the", "the thirtieth (30th) day following the".
COUNTED_FROM_IT = re.compile(r"\b(?:in|during|following|after)\s+which\s+(?:the\s+)?$|"
                             r"\b(?:day|month|year)\s+(?:after|following|preceding|before|"
                             r"prior\s+to)\s+(?:the\s+)?$", re.IGNORECASE)  # fmt: skip
#: "the day prior to the fifth anniversary": the last day of the term, as it is counted.
DAY_BEFORE_IT = re.compile(r"\b(?:day|date)\s+(?:immediately\s+)?(?:prior\s+to|before|preceding)\s+"
                           r"(?:the\s+)?$", re.IGNORECASE)  # fmt: skip
#: The verb after a sentence's subject ("... shall remain", "... expires").
SUBJECT_ENDS = re.compile(r"\b(?:shall|will|must|may|is|are|expires?|terminates?|ends?|"
                          r"continues?|remains?|runs?|lasts?)\b", re.IGNORECASE)  # fmt: skip
#: Where a subject's head ends: "The prices | under this Agreement".
SUBJECT_QUALIFIER = re.compile(r"\b(?:of|under|in|granted|hereunder|pursuant|to|for|between|by|"
                               r"made|set|issued|placed|with)\b", re.IGNORECASE)  # fmt: skip
#: A subject that names a thing: "The prices", "Each Purchase Order", "Company's right".
OTHER_THING = re.compile(r"^\W*(?:the|each|any|all|such|its|their|[A-Z][\w-]*(?:'|’)s)\s+[\w-]+",
                         re.IGNORECASE)  # fmt: skip
#: A subject that names the contract or its term: "This Agreement", "The Initial Term".
TERM_THING = re.compile(r"\b(?:agreement|contract|term|period|duration|length|life|validity|"
                        r"amendment|addendum|lease|hereof|"
                        r"kontrakt\w*|aftale\w*)\b", re.IGNORECASE)  # fmt: skip
#: A heading that names the term, before the first sentence of its clause: "TERM OF
#: AGREEMENT: ...", "3. Duration: ...".
TERM_HEADING = re.compile(r"^\W*(?:[\d.]+\s*)?(?:initial\s+)?(?:term|duration|contract\s+period|"
                          r"løbetid|varighed)\b[^:.;]{0,30}:", re.IGNORECASE)  # fmt: skip
