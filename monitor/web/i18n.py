"""The message catalogue: Danish by default, English on request.

A plain dict, not gettext: the pages are few and the words are domain words that
legal and finance staff recognise. A missing English text falls back to the Danish one,
and a missing key shows the key itself so it is noticed; in strict mode (tests, and
``PRISVAGT_STRICT_MESSAGES=1``) a missing key raises :class:`MissingMessage` instead.

Errors shown to people: a ``PrisvagtError`` raised with ``key=`` and ``params=`` is
shown from the catalogue in the page's language (:func:`error_message`); its English
``message`` stays for logs, the CLI and the API's ``error`` field.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from functools import lru_cache
from typing import Any

from monitor.web.evidence_labels import evidence_messages

LANGUAGES = ("da", "en")
DEFAULT_LANGUAGE = "da"

MESSAGES: dict[str, dict[str, str]] = {
    # navigation and layout
    "app.name": {"da": "Prisvagt", "en": "Prisvagt"},
    "app.tagline": {"da": "Overvågning af prisaftaler", "en": "Price agreement monitor"},
    "nav.overview": {"da": "Overblik", "en": "Overview"},
    "nav.findings": {"da": "Fund", "en": "Findings"},
    "nav.api": {"da": "API", "en": "API"},
    "nav.skip": {"da": "Spring til indhold", "en": "Skip to content"},
    "nav.language": {"da": "Sprog", "en": "Language"},
    "nav.print": {"da": "Udskriv", "en": "Print"},
    # == legal's workflow: contracts list, contract pages, case files (add this area's keys below this line)
    "nav.contracts": {"da": "Kontrakter", "en": "Contracts"},
    "nav.casefiles": {"da": "Sagsmapper", "en": "Case files"},
    "contracts.title": {"da": "Kontrakter", "en": "Contracts"},
    "contracts.count": {"da": "kontrakter", "en": "contracts"},
    "contracts.search": {"da": "Søg", "en": "Search"},
    "contracts.search_help": {
        "da": "Titel, nummer, leverandør eller kommune",
        "en": "Title, number, vendor or municipality",
    },
    "contracts.review_status": {"da": "Gennemgang", "en": "Review"},
    "contracts.sort.title": {"da": "Titel", "en": "Title"},
    "contracts.sort.vendor": {"da": "Leverandør", "en": "Vendor"},
    "contracts.sort.municipality": {"da": "Kommune", "en": "Municipality"},
    "contracts.sort.effective": {"da": "Ikrafttræden", "en": "Effective"},
    "contracts.sort.expiry": {"da": "Udløb", "en": "Expiry"},
    "contracts.sort.review": {"da": "Gennemgang", "en": "Review"},
    "contracts.none": {
        "da": "Ingen kontrakter matcher søgningen.",
        "en": "No contracts match the search.",
    },
    "contracts.open_pdf": {"da": "Åbn hele PDF'en", "en": "Open the whole PDF"},
    "contracts.show_page": {"da": "Vis side {n}", "en": "Show page {n}"},
    "contracts.page_alt": {
        "da": "Side {n} af kontrakten med klausulen markeret",
        "en": "Page {n} of the contract with the clause highlighted",
    },
    "contracts.highlighted": {"da": "klausulen er markeret", "en": "the clause is highlighted"},
    "contracts.not_located.not_found": {
        "da": "Teksten blev ikke fundet på siden, så intet er markeret. Læs klausulen ovenfor.",
        "en": "The text was not found on the page, so nothing is highlighted. Read the clause "
        "above.",
    },
    "contracts.not_located.ambiguous": {
        "da": "Teksten står flere steder på siden, så intet er markeret.",
        "en": "The text appears more than once on the page, so nothing is highlighted.",
    },
    "contracts.not_located.too_short": {
        "da": "Teksten er for kort til at blive fundet sikkert, så intet er markeret.",
        "en": "The text is too short to be found reliably, so nothing is highlighted.",
    },
    "contracts.not_located.no_text": {
        "da": "Siden har ingen tekst (scannet), så intet er markeret.",
        "en": "The page has no text (scanned), so nothing is highlighted.",
    },
    "contracts.not_located.no_target": {
        "da": "Fundet har ingen klausultekst at markere.",
        "en": "The finding has no clause text to highlight.",
    },
    "casefiles.title": {"da": "Sagsmapper", "en": "Case files"},
    "casefiles.help": {
        "da": "Et krav over for en leverandør for én kommune: et brev med anmodning om "
        "kreditnota og en ZIP med beviserne, og hvornår det blev sendt og besvaret.",
        "en": "A claim against a vendor for one municipality: a letter asking for a credit "
        "note and a ZIP with the evidence, and when it was sent and answered.",
    },
    "casefiles.claimable": {
        "da": "Bekræftede fund, der ikke er krævet endnu",
        "en": "Confirmed findings not yet claimed",
    },
    "casefiles.total": {"da": "I alt", "en": "Total"},
    "casefiles.prepare": {"da": "Forbered sagsmappe", "en": "Prepare case file"},
    "casefiles.nothing_to_claim": {
        "da": "Ingen bekræftede fund venter på at blive krævet.",
        "en": "No confirmed findings wait to be claimed.",
    },
    "casefiles.made": {"da": "Sagsmapper", "en": "Case files"},
    "casefiles.none": {"da": "Ingen sagsmapper endnu.", "en": "No case files yet."},
    "casefiles.created": {"da": "Oprettet", "en": "Created"},
    "casefiles.state.draft": {"da": "Ikke sendt", "en": "Not sent"},
    "casefiles.state.sent": {"da": "Sendt", "en": "Sent"},
    "casefiles.state.answered": {"da": "Besvaret", "en": "Answered"},
    "casefiles.answer.accepted": {"da": "Accepteret", "en": "Accepted"},
    "casefiles.answer.partly": {"da": "Delvist accepteret", "en": "Partly accepted"},
    "casefiles.answer.rejected": {"da": "Afvist", "en": "Rejected"},
    "casefiles.new_title": {"da": "Ny sagsmappe", "en": "New case file"},
    "casefiles.new_help": {
        "da": "Disse bekræftede fund kommer med i brevet:",
        "en": "These confirmed findings go into the letter:",
    },
    "casefiles.create_help": {
        "da": "Brevet skrives på sidens sprog og gemmes, som det er; det sendes ikke automatisk.",
        "en": "The letter is written in the page's language and kept as made; it is not "
        "sent automatically.",
    },
    "casefiles.create": {"da": "Opret sagsmappe", "en": "Create case file"},
    "casefiles.case": {"da": "Sagsmappe", "en": "Case file"},
    "casefiles.finding": {"da": "Fund", "en": "Finding"},
    "casefiles.claimed_elsewhere": {
        "da": "Allerede krævet i en anden sagsmappe",
        "en": "Already claimed in another case file",
    },
    "casefiles.saved": {"da": "Gemt.", "en": "Saved."},
    "casefiles.sent": {"da": "Sendt", "en": "Sent"},
    "casefiles.credited": {"da": "Krediteret", "en": "Credited"},
    "casefiles.documents": {"da": "Dokumenter", "en": "Documents"},
    "casefiles.letter": {"da": "Brev", "en": "Letter"},
    "casefiles.zip": {"da": "Bevismateriale", "en": "Evidence"},
    "casefiles.claimed": {"da": "Krævede fund", "en": "Findings claimed"},
    "casefiles.claimed_amount": {"da": "Krævet", "en": "Claimed"},
    "casefiles.mark_sent": {"da": "Markér som sendt", "en": "Mark as sent"},
    "casefiles.sent_via": {"da": "Sendt med", "en": "Sent by"},
    "casefiles.via.email": {"da": "E-mail", "en": "Email"},
    "casefiles.via.digital_post": {"da": "Digital Post", "en": "Digital Post"},
    "casefiles.via.post": {"da": "Brev", "en": "Post"},
    "casefiles.via.other": {"da": "Andet", "en": "Other"},
    "casefiles.record_answer": {"da": "Registrér svar", "en": "Record answer"},
    "casefiles.answer": {"da": "Leverandørens svar", "en": "Vendor's answer"},
    "casefiles.answered_on": {"da": "Svaret den", "en": "Answered on"},
    "casefiles.apply_credit": {
        "da": "Fordel krediten på fundene i brevets rækkefølge (de fund, krediten dækker "
        "fuldt, afsluttes; resten forbliver åbne med det udestående)",
        "en": "Apply the credit to the findings in the letter's order (those it covers in "
        "full are resolved; the rest stay open with what is still owed)",
    },
    "casefiles.remainder": {"da": "Udestående", "en": "Still owed"},
    "casefiles.excess_help": {
        "da": "Krediten er større end det krævede beløb. Bekræft og angiv en begrundelse.",
        "en": "The credit is more than the amount claimed. Confirm and give a reason.",
    },
    "casefiles.action.create": {"da": "oprettede sagsmappen", "en": "created the case file"},
    "casefiles.action.sent": {"da": "markerede den som sendt", "en": "marked it sent"},
    "casefiles.action.answer": {
        "da": "registrerede leverandørens svar",
        "en": "recorded the vendor's answer",
    },
    "casefiles.of_finding": {"da": "Sagsmapper", "en": "Case files"},
    "action.claimed": {"da": "krævede det i en sagsmappe", "en": "claimed it in a case file"},
    "action.credited": {
        "da": "registrerede en delvis kredit fra sagsmappen",
        "en": "recorded a part credit from the case file",
    },
    "letter.file_name": {"da": "anmodning-om-kreditnota", "en": "credit-note-request"},
    "letter.to": {"da": "Til:", "en": "To:"},
    "letter.subject": {"da": "Anmodning om kreditnota", "en": "Request for a credit note"},
    "letter.reference": {"da": "Vores reference", "en": "Our reference"},
    "letter.intro": {
        "da": "{municipality} har sammenholdt fakturaer fra {vendor} med de aftalte priser "
        "og vilkår. Følgende fakturalinjer er faktureret i strid med aftalen:",
        "en": "{municipality} has compared invoices from {vendor} with the agreed prices and "
        "terms. The following invoice lines were billed in breach of the agreement:",
    },
    "letter.invoice": {"da": "Faktura {number} af {date}", "en": "Invoice {number} of {date}"},
    "letter.line": {"da": "linje", "en": "line"},
    "letter.contract": {"da": "Kontrakt", "en": "Contract"},
    "letter.page": {"da": "side", "en": "page"},
    "letter.computation": {
        "da": "Beregning (antal × (faktureret - aftalt))",
        "en": "Computation (quantity × (invoiced - agreed))",
    },
    "letter.overcharge": {"da": "Overpris", "en": "Overcharge"},
    "letter.total": {"da": "I alt til kreditering", "en": "Total to be credited"},
    "letter.request": {
        "da": "Vi beder jer udstede en kreditnota på {total} ekskl. moms til {municipality} "
        "senest 30 dage fra dags dato med henvisning til vores reference prisvagt #{case}.",
        "en": "We ask you to issue a credit note of {total} excl. VAT to {municipality} "
        "within 30 days of this letter, quoting our reference prisvagt #{case}.",
    },
    "letter.enclosed": {
        "da": "Kontrakten, fakturaerne og en opgørelse af fundene er vedlagt.",
        "en": "The contract, the invoices and a statement of the findings are enclosed.",
    },
    "letter.regards": {"da": "Med venlig hilsen", "en": "Kind regards"},
    # overview
    "overview.title": {"da": "Overblik", "en": "Overview"},
    "overview.flagged": {"da": "Markeret overpris", "en": "Overcharge flagged"},
    "overview.flagged_help": {
        "da": "Hvad jeres egne kontrakter giver ret til at kræve tilbage; fund, der ikke er "
        "afvist, hver krone talt én gang",
        "en": "What your own contracts let you claim back; findings not dismissed, each krone "
        "counted once",
    },
    "overview.price_gap": {
        "da": "Prisforskel til andre kommuner",
        "en": "Price gap to other municipalities",
    },
    "overview.price_gap_help": {
        "da": "Benchmark: forskellen til medianen af, hvad andre kommuner betaler. Ikke et brud "
        "på jeres kontrakt og ikke med i overprisen, men værd at genforhandle",
        "en": "Benchmark: the gap to the median other municipalities pay. Not a breach of your "
        "contract and not part of the overcharge, but worth renegotiating",
    },
    "overview.confirmed": {"da": "Bekræftet overpris", "en": "Overcharge confirmed"},
    "overview.confirmed_help": {
        "da": "Bekræftet af kontraktjura (inkl. afsluttede)",
        "en": "Confirmed by legal (incl. resolved)",
    },
    "overview.recovered": {"da": "Tilbagebetalt", "en": "Recovered"},
    "overview.recovered_help": {
        "da": "Beløb leverandøren har betalt tilbage",
        "en": "Amounts the vendor has paid back",
    },
    "overview.open_count": {"da": "åbne fund", "en": "open findings"},
    "overview.by_rule": {"da": "Fund pr. regel", "en": "Findings by rule"},
    "overview.by_municipality": {"da": "Fund pr. kommune", "en": "Findings by municipality"},
    "overview.disparity": {
        "da": "Samme ydelse, forskellig pris",
        "en": "Same item, different prices",
    },
    "overview.other_municipality": {"da": "Kommune {}", "en": "Municipality {}"},
    "overview.disparity_help": {
        "da": "Seneste fakturerede enhedspris pr. kommune for hver vare, "
        "og forholdet mellem højeste og laveste pris.",
        "en": "The latest invoiced unit price per municipality for each item, "
        "and the ratio of the highest to the lowest price.",
    },
    "overview.lowest": {"da": "Lavest", "en": "Lowest"},
    "overview.highest": {"da": "Højest", "en": "Highest"},
    "overview.ratio": {"da": "Forhold", "en": "Ratio"},
    "overview.no_data": {"da": "Ingen data endnu.", "en": "No data yet."},
    "overview.all_prices": {"da": "Alle priser", "en": "All prices"},
    # findings list
    "findings.title": {"da": "Fund", "en": "Findings"},
    "findings.filter": {"da": "Filtrér", "en": "Filter"},
    "findings.reset": {"da": "Nulstil", "en": "Reset"},
    "findings.any": {"da": "Alle", "en": "All"},
    "findings.sort": {"da": "Sortering", "en": "Sort"},
    "findings.sort.overcharge_desc": {"da": "Største overpris først", "en": "Largest overcharge"},
    "findings.sort.overcharge_asc": {"da": "Mindste overpris først", "en": "Smallest overcharge"},
    "findings.sort.newest": {"da": "Nyeste først", "en": "Newest first"},
    "findings.count": {"da": "fund", "en": "findings"},
    "findings.total": {"da": "Overpris i alt", "en": "Total overcharge"},
    "findings.price_gap_total": {"da": "Prisforskel i alt", "en": "Total price gap"},
    "findings.none": {
        "da": "Ingen fund matcher filtrene.",
        "en": "No findings match the filters.",
    },
    "findings.page": {"da": "Side", "en": "Page"},
    "findings.of": {"da": "af", "en": "of"},
    "findings.previous": {"da": "Forrige", "en": "Previous"},
    "findings.next": {"da": "Næste", "en": "Next"},
    # fields
    "field.id": {"da": "Nr.", "en": "No."},
    "field.rule": {"da": "Regel", "en": "Rule"},
    "field.severity": {"da": "Alvor", "en": "Severity"},
    "field.status": {"da": "Status", "en": "Status"},
    "field.municipality": {"da": "Kommune", "en": "Municipality"},
    "field.vendor": {"da": "Leverandør", "en": "Vendor"},
    "field.invoice": {"da": "Faktura", "en": "Invoice"},
    "field.invoice_date": {"da": "Fakturadato", "en": "Invoice date"},
    "field.due_date": {"da": "Forfaldsdato", "en": "Due date"},
    "field.period": {"da": "Periode", "en": "Period"},
    "field.item": {"da": "Vare", "en": "Item"},
    "field.item_id": {"da": "Varenr.", "en": "Item no."},
    "field.description": {"da": "Beskrivelse", "en": "Description"},
    "field.line": {"da": "Linje", "en": "Line"},
    "field.unit": {"da": "Enhed", "en": "Unit"},
    "field.vat_basis": {"da": "Prisen er", "en": "The price is"},
    "field.vat_excl": {"da": "ekskl. moms", "en": "excl. VAT"},
    "field.vat_incl": {"da": "inkl. moms", "en": "incl. VAT"},
    "field.currency": {"da": "Valuta", "en": "Currency"},
    "field.quantity": {"da": "Antal", "en": "Quantity"},
    "field.agreed": {"da": "Aftalt enhedspris", "en": "Agreed unit price"},
    "field.invoiced": {"da": "Faktureret enhedspris", "en": "Invoiced unit price"},
    "field.unit_price": {"da": "Enhedspris", "en": "Unit price"},
    "field.line_amount": {"da": "Linjebeløb", "en": "Line amount"},
    "field.overcharge": {"da": "Overpris", "en": "Overcharge"},
    "field.price_gap": {"da": "Prisforskel", "en": "Price gap"},
    "field.benchmark": {
        "da": "Median hos andre kommuner",
        "en": "Median other municipalities pay",
    },
    "field.contract_price": {"da": "Jeres aftalte enhedspris", "en": "Your agreed unit price"},
    "field.mfn_price": {
        "da": "Laveste pris til anden kommune (mestbegunstigelse)",
        "en": "Lowest price to another municipality (most-favoured customer)",
    },
    "detail.price_gap_note": {
        "da": "I betaler {times} gange den laveste pris; det er ikke et brud på jeres kontrakt, "
        "men værd at genforhandle. Beløbet er forskellen til medianen og indgår ikke i "
        "overprisen.",
        "en": "You pay {times} times the lowest price; this is not a breach of your contract, "
        "but worth renegotiating. The amount is the gap to the median and is not part of the "
        "overcharge.",
    },
    "detail.grounds_for": {
        "da": "Samme beløb på samme linje ejes af fund #{id}; dette fund er et yderligere "
        "grundlag for det og tælles ikke med igen.",
        "en": "The same money on the same line is owned by finding #{id}; this finding is a "
        "further ground for it and is not counted again.",
    },
    "detail.further_grounds": {"da": "Yderligere grundlag", "en": "Further grounds"},
    "detail.further_grounds_help": {
        "da": "Andre regler, der ser det samme beløb på samme linje. Beløbet tælles kun her.",
        "en": "Other rules that see the same money on the same line. It is counted here only.",
    },
    "field.recovered": {"da": "Tilbagebetalt", "en": "Recovered"},
    "field.contract": {"da": "Kontrakt", "en": "Contract"},
    "field.document": {"da": "Dokument", "en": "Document"},
    "field.page": {"da": "Side", "en": "Page"},
    "field.count": {"da": "Antal fund", "en": "Findings"},
    "field.message": {"da": "Beskrivelse", "en": "Message"},
    "field.created": {"da": "Fundet", "en": "Found"},
    "field.review_state": {"da": "Gennemgang", "en": "Review"},
    "field.valid": {"da": "Gyldig", "en": "Valid"},
    "field.tier": {"da": "Trin", "en": "Tier"},
    "field.vat": {"da": "Moms", "en": "VAT"},
    "field.kind": {"da": "Type", "en": "Kind"},
    "field.parameters": {"da": "Parametre", "en": "Parameters"},
    "field.evidence": {"da": "Dokumentation", "en": "Evidence"},
    "field.effective": {"da": "Ikrafttræden", "en": "Effective"},
    "field.expiry": {"da": "Udløb", "en": "Expiry"},
    "field.payment_days": {"da": "Betalingsfrist", "en": "Payment terms"},
    "field.days": {"da": "dage", "en": "days"},
    "field.mfn": {"da": "Mestbegunstigelse", "en": "Most-favoured customer"},
    "field.yes": {"da": "Ja", "en": "Yes"},
    "field.no": {"da": "Nej", "en": "No"},
    "field.supplier": {"da": "Leverandør", "en": "Supplier"},
    "field.buyer": {"da": "Køber", "en": "Buyer"},
    "field.format": {"da": "Format", "en": "Format"},
    "field.net": {"da": "Beløb ekskl. moms", "en": "Amount excl. VAT"},
    "field.tax": {"da": "Moms", "en": "VAT"},
    "field.payable": {"da": "At betale", "en": "Payable"},
    "field.findings": {"da": "Fund", "en": "Findings"},
    "field.terms": {"da": "Aftalte priser", "en": "Agreed prices"},
    "field.clauses": {"da": "Klausuler", "en": "Clauses"},
    "field.confidence": {"da": "Sikkerhed", "en": "Confidence"},
    # statuses and severities
    "status.open": {"da": "Åben", "en": "Open"},
    "status.confirmed": {"da": "Bekræftet", "en": "Confirmed"},
    "status.dismissed": {"da": "Afvist", "en": "Dismissed"},
    "status.resolved": {"da": "Afsluttet", "en": "Resolved"},
    "status.proposed": {"da": "Foreslået", "en": "Proposed"},
    "status.rejected": {"da": "Forkastet", "en": "Rejected"},
    "status.active": {"da": "Aktiv", "en": "Active"},
    "status.unassigned": {"da": "Ikke tilknyttet", "en": "Unassigned"},
    "status.checked": {"da": "Kontrolleret", "en": "Checked"},
    "status.assigned": {"da": "Tilknyttet", "en": "Assigned"},
    "status.check_failed": {"da": "Kontrol fejlede", "en": "Check failed"},
    "invoice.check_failed": {
        "da": "Fakturaen kunne ikke kontrolleres, og den prøves ikke igen af sig selv. Ret"
        " årsagen, og kontroller den igen med: prisvagt check --invoice {id}",
        "en": "The invoice could not be checked, and it is not retried by itself. Fix the"
        " cause, then check it again with: prisvagt check --invoice {id}",
    },
    "severity.low": {"da": "Lav", "en": "Low"},
    "severity.medium": {"da": "Middel", "en": "Medium"},
    "severity.high": {"da": "Høj", "en": "High"},
    "severity.critical": {"da": "Kritisk", "en": "Critical"},
    "mode.monitor": {"da": "kun overvågning", "en": "monitor only"},
    # units (the vocabulary the rules use) and clause kinds
    "unit.month": {"da": "pr. måned", "en": "per month"},
    "unit.year": {"da": "pr. år", "en": "per year"},
    "unit.user_month": {"da": "pr. bruger pr. måned", "en": "per user per month"},
    "unit.user_year": {"da": "pr. bruger pr. år", "en": "per user per year"},
    "unit.inhabitant_year": {"da": "pr. indbygger pr. år", "en": "per inhabitant per year"},
    "unit.hour": {"da": "pr. time", "en": "per hour"},
    "unit.transaction": {"da": "pr. transaktion", "en": "per transaction"},
    "unit.fixed": {"da": "fast pris", "en": "fixed price"},
    "unit.piece": {"da": "pr. stk.", "en": "per piece"},
    "unit.kg": {"da": "pr. kg", "en": "per kg"},
    "unit.tonne": {"da": "pr. ton", "en": "per tonne"},
    "unit.km": {"da": "pr. km", "en": "per km"},
    "unit.metre": {"da": "pr. meter", "en": "per metre"},
    "unit.m2": {"da": "pr. m²", "en": "per m²"},
    "unit.m3": {"da": "pr. m³", "en": "per m³"},
    "unit.litre": {"da": "pr. liter", "en": "per litre"},
    "unit.day": {"da": "pr. dag", "en": "per day"},
    "unit.week": {"da": "pr. uge", "en": "per week"},
    "unit.quarter": {"da": "pr. kvartal", "en": "per quarter"},
    "unit.hectare": {"da": "pr. hektar", "en": "per hectare"},
    "clause.indexation": {"da": "Prisregulering", "en": "Indexation"},
    "clause.mfn": {"da": "Mestbegunstigelse", "en": "Most-favoured customer"},
    "clause.payment": {"da": "Betaling", "en": "Payment"},
    "clause.validity": {"da": "Gyldighed", "en": "Validity"},
    "clause.termination": {"da": "Opsigelse", "en": "Termination"},
    "clause.other": {"da": "Andet", "en": "Other"},
    # == findings workflow: owner, due date, bulk actions, search; alert history; alert preferences (add this area's keys below this line)
    "workflow.follow_up": {"da": "Opfølgning", "en": "Follow-up"},
    "workflow.owner": {"da": "Ansvarlig", "en": "Owner"},
    "workflow.nobody": {"da": "Ingen", "en": "Nobody"},
    "workflow.deadline": {"da": "Frist", "en": "Due date"},
    "workflow.overdue": {"da": "Overskredet", "en": "Overdue"},
    "workflow.save": {"da": "Gem opfølgning", "en": "Save follow-up"},
    "workflow.search": {"da": "Søg", "en": "Search"},
    "workflow.search_hint": {
        "da": "tekst, fakturanr., leverandør, vare",
        "en": "text, invoice no., vendor, item",
    },
    "workflow.issued": {"da": "Fakturadato", "en": "Invoice date"},
    "workflow.created": {"da": "Fundet", "en": "Found"},
    "workflow.from": {"da": "Fra", "en": "From"},
    "workflow.to": {"da": "Til", "en": "To"},
    "workflow.mine": {"da": "Tildelt mig", "en": "Assigned to me"},
    "workflow.only_overdue": {"da": "Kun overskredne", "en": "Overdue only"},
    "workflow.bulk": {"da": "Valgte fund", "en": "Chosen findings"},
    "workflow.bulk_action": {"da": "Handling", "en": "Action"},
    "workflow.assign": {"da": "Tildel", "en": "Assign"},
    "workflow.note_for_dismiss": {"da": "kræves for at afvise", "en": "required to dismiss"},
    "workflow.owner_for_assign": {"da": "ved tildeling", "en": "to assign"},
    "workflow.apply": {"da": "Udfør på valgte", "en": "Apply to chosen"},
    "workflow.pick": {"da": "Vælg fund", "en": "Choose finding"},
    "workflow.pick_all": {"da": "Vælg alle på siden", "en": "Choose all on the page"},
    "workflow.bulk_result": {"da": "Resultat af handlingen", "en": "Result of the action"},
    "workflow.bulk_summary": {
        "da": "{action}: {done} udført, {refused} ikke udført.",
        "en": "{action}: {done} done, {refused} not done.",
    },
    "workflow.action.confirm": {"da": "Bekræft", "en": "Confirm"},
    "workflow.action.dismiss": {"da": "Afvis", "en": "Dismiss"},
    "workflow.action.assign": {"da": "Tildel", "en": "Assign"},
    "workflow.done": {"da": "Udført", "en": "Done"},
    "workflow.refused": {"da": "Ikke udført, og hvorfor", "en": "Refused, and why"},
    "workflow.back_to_list": {"da": "Tilbage til listen", "en": "Back to the list"},
    "action.assign": {"da": "ændrede ansvarlig", "en": "changed the owner"},
    "action.deadline": {"da": "ændrede fristen", "en": "changed the due date"},
    # alert history and preferences
    "nav.alerts": {"da": "Advarsler", "en": "Alerts"},
    "alerts.title": {"da": "Sendte advarsler", "en": "Alert history"},
    "alerts.intro": {
        "da": "Hver e-mail prisvagt har sendt eller forsøgt at sende, med leveringsstatus og fejl.",
        "en": "Every email prisvagt sent or tried to send, with its delivery status and errors.",
    },
    "alerts.none": {"da": "Ingen advarsler fundet.", "en": "No alerts found."},
    "alerts.recipient": {"da": "Modtager", "en": "Recipient"},
    "alerts.subject": {"da": "Emne", "en": "Subject"},
    "alerts.kind": {"da": "Type", "en": "Kind"},
    "alerts.created": {"da": "Oprettet", "en": "Created"},
    "alerts.sent_at": {"da": "Sendt", "en": "Sent"},
    "alerts.status": {"da": "Levering", "en": "Delivery"},
    "alerts.attempts": {"da": "Forsøg", "en": "Attempts"},
    "alerts.error": {"da": "Fejl", "en": "Error"},
    "alerts.findings": {"da": "Fund", "en": "Findings"},
    "alerts.permanent": {"da": "gives op", "en": "given up"},
    "alerts.next_attempt": {"da": "næste forsøg", "en": "next attempt"},
    "alerts.status.pending": {"da": "Venter", "en": "Pending"},
    "alerts.status.sending": {"da": "Sendes", "en": "Sending"},
    "alerts.status.sent": {"da": "Sendt", "en": "Sent"},
    "alerts.status.failed": {"da": "Fejlet", "en": "Failed"},
    "alerts.kind.immediate": {"da": "Straks", "en": "Immediate"},
    "alerts.kind.digest": {"da": "Daglig oversigt", "en": "Daily digest"},
    "alerts.kind.reminder": {"da": "Påmindelse", "en": "Reminder"},
    "alerts.kind.withdrawn": {"da": "Trukket tilbage", "en": "Withdrawn"},
    "alerts.preferences": {"da": "Mine advarsler", "en": "My alerts"},
    "alerts.preferences_intro": {
        "da": "Vælg for hver alvorlighed, hvordan du får besked om nye fund i dine kommuner "
        "(gælder når du har rollen økonomi).",
        "en": "Choose for each severity how you hear about new findings in your "
        "municipalities (applies while you hold the finance role).",
    },
    "alerts.severity": {"da": "Alvorlighed", "en": "Severity"},
    "alerts.delivery": {"da": "Levering", "en": "Delivery"},
    "alerts.delivery.immediate": {"da": "Straks", "en": "Immediately"},
    "alerts.delivery.digest": {"da": "Daglig oversigt", "en": "Daily digest"},
    "alerts.delivery.off": {"da": "Fra", "en": "Off"},
    "alerts.save": {"da": "Gem", "en": "Save"},
    "alerts.saved": {"da": "Dine valg er gemt.", "en": "Your choices are saved."},
    "alerts.users_only": {
        "da": "Kun en person, der er logget ind, har egne advarselsvalg (ikke en API-nøgle).",
        "en": "Only a signed-in person has alert preferences (not an API token).",
    },
    "alerts.filter": {"da": "Vis", "en": "Show"},
    "alerts.not_finance": {
        "da": "Du har ikke rollen økonomi, så du får ingen advarsler, før du får den.",
        "en": "You do not hold the finance role, so no alerts reach you until you do.",
    },
    # detail page
    "detail.title": {"da": "Fund", "en": "Finding"},
    "detail.side_contract": {"da": "Aftalt i kontrakten", "en": "Agreed in the contract"},
    "detail.side_invoice": {"da": "Faktureret", "en": "Invoiced"},
    "detail.no_term": {
        "da": "Fundet er ikke knyttet til en bestemt pris i kontrakten.",
        "en": "This finding is not tied to a specific contract price.",
    },
    "detail.no_line": {
        "da": "Fundet gælder hele fakturaen, ikke en enkelt linje.",
        "en": "This finding concerns the whole invoice, not a single line.",
    },
    "detail.unconfirmed_term": {
        "da": "Prisen er udtrukket automatisk og endnu ikke bekræftet af kontraktjura.",
        "en": "The price was extracted automatically and is not yet confirmed by legal.",
    },
    "detail.peers": {
        "da": "Samme vare hos andre kommuner",
        "en": "The same item in other municipalities",
    },
    "detail.peers_help": {
        "da": "Seneste fakturerede enhedspris fra samme leverandør.",
        "en": "The latest unit price invoiced by the same vendor.",
    },
    "detail.about_rule": {"da": "Om reglen", "en": "About the rule"},
    "detail.calculation": {"da": "Beregning", "en": "Calculation"},
    "detail.evidence_raw": {"da": "Rå dokumentation (JSON)", "en": "Raw evidence (JSON)"},
    "detail.history": {"da": "Gennemgang og noter", "en": "Review and notes"},
    "detail.no_history": {"da": "Ingen gennemgang endnu.", "en": "Not reviewed yet."},
    "detail.review": {"da": "Gennemgå", "en": "Review"},
    "detail.actor": {"da": "Dit navn eller e-mail", "en": "Your name or email"},
    "detail.note": {"da": "Note", "en": "Note"},
    "detail.note_required": {"da": "påkrævet ved afvisning", "en": "required to dismiss"},
    "detail.confirm": {"da": "Bekræft brud", "en": "Confirm breach"},
    "detail.dismiss": {"da": "Afvis", "en": "Dismiss"},
    "detail.add_note": {"da": "Tilføj note", "en": "Add note"},
    "detail.resolve": {"da": "Markér som afsluttet", "en": "Mark resolved"},
    "detail.reopen": {"da": "Genåbn", "en": "Reopen"},
    "detail.recovered_amount": {
        "da": "Tilbagebetalt beløb (kr.)",
        "en": "Amount recovered (DKK)",
    },
    "detail.saved": {"da": "Gemt.", "en": "Saved."},
    "detail.excess_help": {
        "da": "Beløbet er større end fundets overpris ({overcharge}). Det gemmes kun, når du "
        "bekræfter det og skriver hvorfor (fx renter eller et forlig der dækker mere).",
        "en": "The amount is more than the finding's overcharge ({overcharge}). It is kept "
        "only when you confirm it and say why (interest, say, or a settlement covering more).",
    },
    "detail.confirm_excess": {
        "da": "Ja, der er tilbagebetalt mere end overprisen",
        "en": "Yes, more than the overcharge was paid back",
    },
    "detail.excess_reason": {"da": "Begrundelse", "en": "Reason"},
    "detail.excess_recorded": {"da": "Mere end overprisen", "en": "More than the overcharge"},
    "detail.reviewed_by": {"da": "Gennemgået af", "en": "Reviewed by"},
    "action.confirm": {"da": "bekræftede", "en": "confirmed"},
    "action.dismiss": {"da": "afviste", "en": "dismissed"},
    "action.withdrawn": {
        "da": "trak fundet tilbage (genkontrol: reglen finder det ikke længere)",
        "en": "withdrew the finding (re-check: the rule no longer finds it)",
    },
    "action.reopened": {
        "da": "genåbnede fundet (genkontrol: reglen finder det igen)",
        "en": "reopened the finding (re-check: the rule finds it again)",
    },
    "action.recomputed": {
        "da": "beregnede overprisen igen (genkontrol)",
        "en": "recomputed the overcharge (re-check)",
    },
    "action.note": {"da": "tilføjede en note", "en": "added a note"},
    "action.resolve": {"da": "afsluttede", "en": "resolved"},
    "action.reopen": {"da": "genåbnede", "en": "reopened"},
    # invoices and contracts
    "invoice.title": {"da": "Faktura", "en": "Invoice"},
    "invoice.credit_note": {"da": "Kreditnota", "en": "Credit note"},
    "invoice.lines": {"da": "Linjer", "en": "Lines"},
    "invoice.not_checked": {
        "da": "Ikke sammenlignet med kontrakten, til gennemsyn",
        "en": "Not compared with the contract, for review",
    },
    "contract.title": {"da": "Kontrakt", "en": "Contract"},
    "contract.saved": {
        "da": "Gemt. Kontraktens fakturaer kontrolleres igen.",
        "en": "Saved. The contract's invoices are being re-checked.",
    },
    "contract.confirm_all": {
        "da": "Bekræft alle {n} foreslåede priser",
        "en": "Confirm all {n} proposed prices",
    },
    "contract.actions": {"da": "Gennemgå", "en": "Review"},
    "contract.confirm": {"da": "Bekræft", "en": "Confirm"},
    "contract.reject": {"da": "Forkast", "en": "Reject"},
    "contract.correct": {"da": "Ret pris", "en": "Correct price"},
    "contract.save": {"da": "Gem rettelse", "en": "Save correction"},
    "contract.untitled": {"da": "Kontrakt uden titel", "en": "Untitled contract"},
    "contract.correct_facts": {
        "da": "Ret ikrafttræden, udløb, betalingsfrist eller mestbegunstigelse",
        "en": "Correct the effective date, expiry, payment terms or most-favoured customer",
    },
    "contract.correct_facts_help": {
        "da": "Når aflæsningen tog fejl af kontrakten selv: rettelsen logges med de tidligere "
        "værdier, og kontraktens fakturaer kontrolleres igen. Bekræft derefter kontrakten som "
        "gennemgået.",
        "en": "Where the reading got the contract itself wrong: the correction is logged with "
        "the values before, and the contract's invoices are checked again. Then confirm the "
        "contract as reviewed.",
    },
    "contract.history": {"da": "Gennemgang og rettelser", "en": "Review and corrections"},
    "contract.no_history": {
        "da": "Ingen har gennemgået eller rettet kontrakten endnu.",
        "en": "No one has reviewed or corrected the contract yet.",
    },
    "contract.did.contract.corrected": {"da": "rettede kontrakten", "en": "corrected the contract"},
    "contract.did.contract.reviewed": {
        "da": "bekræftede kontrakten som gennemgået",
        "en": "confirmed the contract as reviewed",
    },
    "contract.did.term.confirmed": {"da": "bekræftede prisen", "en": "confirmed the price"},
    "contract.did.term.rejected": {"da": "forkastede prisen", "en": "rejected the price"},
    "contract.did.term.proposed": {
        "da": "satte prisen tilbage til foreslået",
        "en": "set the price back to proposed",
    },
    "contract.did.term.corrected": {"da": "rettede prisen", "en": "corrected the price"},
    "contract.did.term.added": {
        "da": "tilføjede prisen, som aflæsningen ikke læste",
        "en": "added the price the reading did not read",
    },
    "contract.add_term": {
        "da": "Tilføj en pris, som aflæsningen ikke læste",
        "en": "Add a price the reading did not read",
    },
    "contract.add_term_help": {
        "da": "En pris fra kontrakten, som ikke står blandt priserne (en prisrække, der ikke "
        "blev læst, eller en pris i teksten). Den gælder som bekræftet af dig, logges, og "
        "kontraktens fakturaer kontrolleres igen med den.",
        "en": "A price of the contract that is not among its prices (a price row not read, "
        "or a price in its text). It counts as confirmed by you, is logged, and the "
        "contract's invoices are checked again with it.",
    },
    "contract.add": {"da": "Tilføj pris", "en": "Add price"},
    "contract.read_row": {"da": "Læs som pris", "en": "Read as a price"},
    "contract.added": {
        "da": "Prisen er tilføjet. Kontraktens fakturaer kontrolleres igen.",
        "en": "The price was added. The contract's invoices are being re-checked.",
    },
    "contract.corrected": {
        "da": "Kontrakten er rettet. Dens fakturaer kontrolleres igen.",
        "en": "The contract was corrected. Its invoices are being re-checked.",
    },
    # a contract's reading: complete, or waiting for legal's review
    "review.needs_review": {"da": "Kræver gennemgang", "en": "Needs review"},
    "review.complete": {"da": "Læst fuldstændigt", "en": "Read completely"},
    "review.reviewed": {"da": "Gennemgået af jura", "en": "Reviewed by legal"},
    "contract.reading": {"da": "Aflæsning", "en": "Reading"},
    "contract.needs_review_help": {
        "da": "Kontrakten er ikke læst fuldstændigt eller sikkert. Indtil kontraktjura har "
        "gennemgået og bekræftet den, er fund efter dens vilkår foreløbige, der sendes ingen "
        "e-mails om dem, og fakturalinjer uden en læst pris markeres ikke som uden aftalt pris.",
        "en": "The contract was not read completely or with confidence. Until legal has "
        "reviewed and confirmed it, findings under its terms are preliminary, no emails are "
        "sent about them, and invoice lines without a price read are not flagged as unpriced.",
    },
    "contract.reviewed_help": {
        "da": "Kontraktjura har gennemgået aflæsningen; fund efter dens vilkår er endelige.",
        "en": "Legal has reviewed the reading; findings under its terms are final.",
    },
    "contract.reasons": {"da": "Hvorfor den skal gennemgås", "en": "Why it needs review"},
    "contract.reasons_reviewed": {
        "da": "Hvorfor den skulle gennemgås (læsningens forbehold, før jura gennemgik den)",
        "en": "Why it needed review (the reading's reservations, before legal reviewed it)",
    },
    "contract.unread": {"da": "Prisrækker, der ikke blev læst", "en": "Price rows not read"},
    "contract.unread_help": {
        "da": "Rækker og sætninger med et beløb i prisafsnittene, som ikke kunne læses som en "
        "aftalt pris. De håndhæves ikke; tjek dem i dokumentet.",
        "en": "Rows and sentences with an amount in the price sections that could not be read "
        "as an agreed price. They are not enforced; check them in the document.",
    },
    "contract.text": {"da": "Tekst", "en": "Text"},
    "contract.reason": {"da": "Årsag", "en": "Reason"},
    "contract.held": {
        "da": "{n} foreløbige fund venter på gennemgangen; der er ikke sendt e-mails om dem.",
        "en": "{n} preliminary findings wait for the review; no emails were sent about them.",
    },
    "contract.confirm_review": {
        "da": "Bekræft kontrakten som gennemgået ({n} foreslåede priser)",
        "en": "Confirm the contract as reviewed ({n} proposed prices)",
    },
    # preliminary findings
    "finding.preliminary": {"da": "Foreløbig", "en": "Preliminary"},
    "detail.preliminary": {
        "da": "Foreløbigt fund: kontrakten er ikke læst fuldstændigt eller sikkert og afventer "
        "kontraktjuras gennemgang. Der sendes ingen e-mail om fundet, før kontrakten er "
        "bekræftet.",
        "en": "Preliminary finding: the contract was not read completely or with confidence "
        "and awaits legal's review. No email is sent about it until the contract is confirmed.",
    },
    "findings.preliminary": {"da": "Foreløbige", "en": "Preliminary"},
    "findings.preliminary.true": {"da": "Kun foreløbige", "en": "Preliminary only"},
    "findings.preliminary.false": {"da": "Kun endelige", "en": "Final only"},
    # == API v1 and exports (CSV, Excel) (add this area's keys below this line)
    # exports: column headers, links
    "export.finding_id": {"da": "Fund nr.", "en": "Finding no."},
    "export.invoice_id": {"da": "Faktura-id", "en": "Invoice id"},
    "export.municipality_code": {"da": "Kommunekode", "en": "Municipality code"},
    "export.vendor_cvr": {"da": "Leverandør-CVR", "en": "Vendor CVR"},
    "export.amount": {"da": "Beløb", "en": "Amount"},
    "export.price_gap": {"da": "Prisforskel", "en": "Price gap"},
    "export.money_kind": {"da": "Beløbstype", "en": "Kind of money"},
    "export.currency": {"da": "Valuta", "en": "Currency"},
    "export.counted": {"da": "Tælles med", "en": "Counted"},
    "export.message": {"da": "Fundets tekst", "en": "Message"},
    "export.contract_id": {"da": "Kontrakt-id", "en": "Contract id"},
    "export.document_type": {"da": "Dokumenttype", "en": "Document type"},
    "export.buyer_ean": {"da": "EAN", "en": "EAN"},
    "export.line_extension": {"da": "Linjesum", "en": "Line total"},
    "export.tax_exclusive": {"da": "Beløb ekskl. moms", "en": "Amount excl. VAT"},
    "export.tax": {"da": "Moms", "en": "VAT"},
    "export.payable": {"da": "At betale", "en": "Payable"},
    "export.findings": {"da": "Fund", "en": "Findings"},
    "export.label": {"da": "Eksportér", "en": "Export"},
    "export.csv": {"da": "CSV", "en": "CSV"},
    "export.xlsx": {"da": "Excel", "en": "Excel"},
    "export.hint": {
        "da": "Eksporten indeholder alle rækker, der matcher filtrene, ikke kun denne side.",
        "en": "The export holds every row matching the filters, not only this page.",
    },
    # the invoices list
    "nav.invoices": {"da": "Fakturaer", "en": "Invoices"},
    "invoices.title": {"da": "Fakturaer", "en": "Invoices"},
    "invoices.count": {"da": "fakturaer", "en": "invoices"},
    "invoices.none": {
        "da": "Ingen fakturaer matcher filtrene.",
        "en": "No invoices match the filters.",
    },
    "invoices.document_type": {"da": "Dokumenttype", "en": "Document type"},
    "invoices.with_findings": {"da": "Fund", "en": "Findings"},
    "invoices.with_findings.true": {"da": "Med fund", "en": "With findings"},
    "invoices.with_findings.false": {"da": "Uden fund", "en": "Without findings"},
    "invoices.issued_from": {"da": "Fakturadato fra", "en": "Issued from"},
    "invoices.issued_to": {"da": "Fakturadato til", "en": "Issued to"},
    "invoices.sort.newest": {"da": "Nyeste først", "en": "Newest first"},
    "invoices.sort.oldest": {"da": "Ældste først", "en": "Oldest first"},
    "invoices.sort.payable_desc": {"da": "Største beløb først", "en": "Largest amount first"},
    "doctype.invoice": {"da": "Faktura", "en": "Invoice"},
    "doctype.credit_note": {"da": "Kreditnota", "en": "Credit note"},
    # findings list: the API's further filters
    "findings.money_kind": {"da": "Beløbstype", "en": "Kind of money"},
    "findings.money_kind.overcharge": {"da": "Overpris", "en": "Overcharge"},
    "findings.money_kind.price_gap": {"da": "Prisforskel", "en": "Price gap"},
    # API reference
    "api.intro": {
        "da": 'Beløb er decimaltal som tekst ("1234.50"), aldrig kommatal. '
        'Fejl svarer med {"error": "..."}.',
        "en": 'Amounts are decimal strings ("1234.50"), never floats. '
        'Errors answer {"error": "..."}.',
    },
    "api.parameter": {"da": "Parameter", "en": "Parameter"},
    "api.in": {"da": "I", "en": "In"},
    "api.type": {"da": "Type", "en": "Type"},
    "api.description": {"da": "Beskrivelse", "en": "Description"},
    "api.body": {"da": "Indhold", "en": "Body"},
    "api.returns": {"da": "Svar", "en": "Returns"},
    "api.models": {"da": "Datatyper", "en": "Models"},
    "api.field": {"da": "Felt", "en": "Field"},
    # upload and admin pages
    "nav.upload": {"da": "Indlæs", "en": "Upload"},
    "nav.rules": {"da": "Regler", "en": "Rules"},
    "nav.parties": {"da": "Parter", "en": "Parties"},
    "upload.title": {"da": "Indlæs dokumenter", "en": "Upload documents"},
    "upload.intro": {
        "da": "Fakturaer (OIOUBL, PEPPOL, CII, CSV, PDF) og kontrakter (PDF). Et dokument "
        "gemmes én gang; det samme indhold igen genkendes.",
        "en": "Invoices (OIOUBL, PEPPOL, CII, CSV, PDF) and contracts (PDF). A document is "
        "stored once; the same content again is recognised.",
    },
    "upload.files": {"da": "Filer", "en": "Files"},
    "upload.limit": {"da": "højst {n} MB pr. fil", "en": "at most {n} MB per file"},
    "upload.guess": {"da": "Gæt ud fra filen", "en": "Guess from the file"},
    "upload.kind.invoice": {"da": "Faktura", "en": "Invoice"},
    "upload.kind.contract": {"da": "Kontrakt", "en": "Contract"},
    "upload.submit": {"da": "Indlæs", "en": "Upload"},
    "upload.results": {"da": "Resultat", "en": "Result"},
    "upload.more": {
        "da": "og {n} filer mere: de gemte står blandt de seneste dokumenter nedenfor.",
        "en": "and {n} more files: those stored are among the recent documents below.",
    },
    "upload.state.stored": {"da": "Gemt", "en": "Stored"},
    "upload.state.duplicate": {"da": "Findes allerede", "en": "Already stored"},
    "upload.state.failed": {"da": "Fejlede", "en": "Failed"},
    "upload.queued": {
        "da": "Sat i kø til indlæsning; status ses nedenfor.",
        "en": "Queued for reading; the status is shown below.",
    },
    "upload.open_invoice": {"da": "Åbn faktura", "en": "Open invoice"},
    "upload.open_contract": {"da": "Åbn kontrakt", "en": "Open contract"},
    "upload.recent": {"da": "Seneste dokumenter", "en": "Recent documents"},
    "upload.source": {"da": "Kilde", "en": "Source"},
    "upload.received": {"da": "Modtaget", "en": "Received"},
    "upload.none": {"da": "Ingen dokumenter endnu.", "en": "No documents yet."},
    "document.status.received": {"da": "Modtaget", "en": "Received"},
    "document.status.processed": {"da": "Indlæst", "en": "Processed"},
    "document.status.unassigned": {"da": "Ikke tilknyttet", "en": "Unassigned"},
    "document.status.failed": {"da": "Fejlede", "en": "Failed"},
    "document.status.quarantined": {"da": "I karantæne", "en": "Quarantined"},
    "document.quarantined": {
        "da": "Læsningen blev stoppet flere gange (hukommelse eller tid), så dokumentet læses"
        " ikke igen. Bed afsenderen om en ny fil.",
        "en": "Reading it was stopped more than once (memory or time), so it is not read"
        " again. Ask the sender for a new file.",
    },
    "document.embedded_invoice_unreadable": {
        "da": "Fakturaen ligger som XML i PDF'en, men XML'en kan ikke læses. PDF'ens tekst"
        " bruges ikke i stedet, da den kan afvige fra XML'en: bed leverandøren om en ny faktura.",
        "en": "The invoice is embedded in the PDF as XML, but the XML cannot be read. The PDF"
        " text is not used instead, as it may differ from the XML: ask the supplier for a new"
        " invoice.",
    },
    "invoice.total_mismatch": {
        "da": "Beløbet i PDF'ens tekst er ikke det samme som i den indlejrede XML-faktura."
        " Fakturaen er læst fra XML'en; afklar med leverandøren, hvilket beløb der skyldes.",
        "en": "The total printed in the PDF is not the one in the embedded XML invoice. The"
        " invoice was read from the XML; check with the supplier which amount is owed.",
    },
    "rules.title": {"da": "Regler", "en": "Rules"},
    "rules.intro": {
        "da": "Hvilke brud der findes, hvor, og hvor følsomt. Prøv en ændring på tidligere "
        "fakturaer (backtest), før den offentliggøres; hver ændring bliver en ny version.",
        "en": "Which breaches are found, where, and how sensitively. Try a change on past "
        "invoices (backtest) before publishing it; every change becomes a new version.",
    },
    "rules.mode": {"da": "Tilstand", "en": "Mode"},
    "rules.mode.active": {"da": "Aktiv", "en": "Active"},
    "rules.mode.monitor": {"da": "Kun overvågning", "en": "Monitor only"},
    "rules.mode.off": {"da": "Slået fra", "en": "Off"},
    "rules.scoped": {"da": "Afgrænset", "en": "Scoped"},
    "rules.version": {"da": "Version", "en": "Version"},
    "rules.changed": {"da": "Senest ændret", "en": "Last changed"},
    "rules.defaults_only": {"da": "Standardværdier", "en": "Defaults"},
    "rules.default": {"da": "Standard", "en": "Default"},
    "rules.rule_default": {"da": "Reglens standard", "en": "The rule's default"},
    "rules.parameter": {"da": "Parameter", "en": "Parameter"},
    "rules.value": {"da": "Værdi", "en": "Value"},
    "rules.one_per_line": {"da": "én pr. linje", "en": "one per line"},
    "rules.all": {"da": "alle", "en": "all"},
    "rules.scope_municipalities": {
        "da": "Kun kommuner (kommunekoder)",
        "en": "Only municipalities (codes)",
    },
    "rules.scope_vendors": {"da": "Kun leverandører (CVR)", "en": "Only vendors (CVR)"},
    "rules.reason": {"da": "Begrundelse", "en": "Reason"},
    "rules.reason_help": {"da": "gemmes i revisionsloggen", "en": "kept in the audit log"},
    "rules.backtest": {"da": "Backtest", "en": "Backtest"},
    "rules.publish": {"da": "Offentliggør", "en": "Publish"},
    "rules.publish_help": {
        "da": "Offentliggørelse kontrollerer de kontrollerede fakturaer igen.",
        "en": "Publishing re-checks the checked invoices.",
    },
    "rules.published": {
        "da": "Version {n} er offentliggjort. Fakturaerne kontrolleres igen.",
        "en": "Version {n} is published. The invoices are being re-checked.",
    },
    "rules.not_saved": {"da": "Intet er gemt.", "en": "Nothing was saved."},
    "rules.effect": {"da": "Virkning (backtest)", "en": "Effect (backtest)"},
    "rules.effect_text": {
        "da": "Backtest: {added} nye fund, {removed} trukket tilbage, overpris {difference}.",
        "en": "Backtest: {added} findings added, {removed} withdrawn, overcharge {difference}.",
    },
    "rules.confirm_title": {"da": "Bekræft ændringen", "en": "Confirm the change"},
    "rules.confirm_help": {
        "da": "Fundene trækkes tilbage ved genkontrollen og står i hvert funds historik; "
        "en tilbagerulning genåbner dem. Intet er gemt endnu.",
        "en": "The re-check withdraws the findings, each with the change in its history; "
        "a rollback reopens them. Nothing is saved yet.",
    },
    "rules.confirm_publish": {"da": "Bekræft og offentliggør", "en": "Confirm and publish"},
    "rules.confirm_cancel": {"da": "Fortryd", "en": "Cancel"},
    "rules.confirm_import": {"da": "Bekræft og importér", "en": "Confirm and import"},
    "rules.restores": {"da": "Tilbagerulning til version {n}", "en": "Rollback to version {n}"},
    "rules.rollback": {
        "da": "Rul tilbage til version {n}",
        "en": "Roll back to version {n}",
    },
    "rules.rollback_help": {
        "da": "Offentliggør den forrige version igen som en ny version (hvem, hvornår, "
        "hvorfor); genkontrollen genåbner de fund, den nuværende version trak tilbage.",
        "en": "Publishes the previous version again as a new version (who, when, why); the "
        "re-check reopens the findings the current version withdrew.",
    },
    "rules.rollback_button": {"da": "Rul tilbage", "en": "Roll back"},
    "rules.backtest_report": {"da": "Backtest", "en": "Backtest"},
    "rules.backtest_help": {
        "da": "Tidligere fakturaer kontrolleret med ændringen. Intet er gemt.",
        "en": "Past invoices checked under the change. Nothing was saved.",
    },
    "rules.added": {"da": "Nye fund", "en": "Findings added"},
    "rules.removed": {"da": "Fund der forsvinder", "en": "Findings removed"},
    "rules.changed_findings": {"da": "Ændrede fund", "en": "Findings changed"},
    "rules.before": {"da": "Overpris før", "en": "Overcharge before"},
    "rules.after": {"da": "Overpris efter", "en": "Overcharge after"},
    "rules.difference": {"da": "Forskel", "en": "Difference"},
    "rules.no_difference": {
        "da": "Ændringen gør ingen forskel på tidligere fakturaer.",
        "en": "The change makes no difference to past invoices.",
    },
    "rules.history": {"da": "Versioner", "en": "Versions"},
    "rules.no_history": {
        "da": "Reglen kører med standardværdier og er aldrig ændret.",
        "en": "The rule runs with its defaults and has never been changed.",
    },
    "rules.current": {"da": "gældende", "en": "current"},
    "rules.when": {"da": "Hvornår", "en": "When"},
    "rules.who": {"da": "Hvem", "en": "Who"},
    "rules.why": {"da": "Hvorfor", "en": "Why"},
    "rules.what": {"da": "Ændring", "en": "Change"},
    "rules.add_custom": {"da": "Tilføj egen regel", "en": "Add a custom rule"},
    "rules.custom_help": {
        "da": "Et udtryk over fakturalinjens og kontraktens felter; sandt giver et fund "
        "for linjen. Eksempel: line.unit_price > term.unit_price * 1.1",
        "en": "An expression over the invoice line's and the contract's fields; true gives "
        "a finding for the line. Example: line.unit_price > term.unit_price * 1.1",
    },
    "rules.name": {"da": "Navn", "en": "Name"},
    "rules.expression": {"da": "Udtryk", "en": "Expression"},
    "rules.message": {"da": "Tekst i fundet", "en": "Finding text"},
    "rules.optional": {"da": "valgfri", "en": "optional"},
    "rules.fields": {"da": "Felter og funktioner", "en": "Fields and functions"},
    "rules.functions": {"da": "Funktioner", "en": "Functions"},
    "rules.fields_help": {
        "da": "Tal er eksakte decimaltal. term.* er tomme (None), når linjen ikke matcher "
        "en aftalt pris. Andre navne, indeksering og lambdaer afvises.",
        "en": "Numbers are exact decimals. term.* are empty (None) when the line matched "
        "no agreed price. Other names, indexing and lambdas are refused.",
    },
    "rules.import_export": {"da": "Eksport og import", "en": "Export and import"},
    "rules.import_help": {
        "da": "Regelsættet som YAML. Ved import bliver hver ændret regel en ny version.",
        "en": "The rule set as YAML. On import each changed rule becomes a new version.",
    },
    "rules.export": {"da": "Eksportér YAML", "en": "Export YAML"},
    "rules.import": {"da": "Importér YAML", "en": "Import YAML"},
    "rules.yaml_file": {"da": "YAML-fil", "en": "YAML file"},
    "rules.imported": {"da": "Importeret; ændrede regler", "en": "Imported; rules changed"},
    "rules.nothing_changed": {"da": "ingen", "en": "none"},
    "parties.title": {"da": "Parter", "en": "Parties"},
    "parties.municipalities": {"da": "Kommuner", "en": "Municipalities"},
    "parties.vendors": {"da": "Leverandører", "en": "Vendors"},
    "parties.unassigned": {
        "da": "fakturaer uden kendt part",
        "en": "invoices with an unknown party",
    },
    "parties.none": {"da": "Ingen endnu.", "en": "None yet."},
    "parties.population": {"da": "Indbyggere", "en": "Population"},
    "parties.eans": {"da": "EAN-numre", "en": "EAN numbers"},
    "parties.department": {"da": "Afdeling", "en": "Department"},
    "parties.add_ean": {"da": "Tilføj EAN", "en": "Add EAN"},
    "parties.remove": {"da": "Fjern", "en": "Remove"},
    "parties.contacts": {"da": "Kontakter", "en": "Contacts"},
    "parties.no_contacts": {
        "da": "Ingen kontakter: ingen får besked om fund.",
        "en": "No contacts: nobody is told about findings.",
    },
    "parties.role": {"da": "Rolle", "en": "Role"},
    "parties.role.finance": {"da": "Økonomi", "en": "Finance"},
    "parties.role.legal": {"da": "Kontraktjura", "en": "Legal"},
    "parties.email": {"da": "E-mail", "en": "Email"},
    "parties.name": {"da": "Navn", "en": "Name"},
    "parties.immediate": {"da": "Straks fra alvor", "en": "At once from severity"},
    "parties.inactive": {"da": "Inaktiv", "en": "Inactive"},
    "parties.edit": {"da": "Ret", "en": "Edit"},
    "parties.save": {"da": "Gem", "en": "Save"},
    "parties.add_contact": {"da": "Tilføj kontakt", "en": "Add contact"},
    "parties.add_vendor": {"da": "Tilføj leverandør", "en": "Add vendor"},
    "parties.import": {"da": "Indlæs parter (CSV)", "en": "Load parties (CSV)"},
    "parties.import_help": {
        "da": "Hele filen kontrolleres først; ved en fejl gemmes intet. Kommuner "
        "opdateres efter kommunekode, leverandører efter CVR. EAN-numre adskilles med ;.",
        "en": "The whole file is checked first; on an error nothing is stored. "
        "Municipalities are updated by code, vendors by CVR. EAN numbers separated by ;.",
    },
    "parties.csv_file": {"da": "CSV-fil", "en": "CSV file"},
    "parties.upload": {"da": "Indlæs", "en": "Load"},
    "parties.not_saved": {"da": "Intet er gemt.", "en": "Nothing was saved."},
    "parties.saved.csv": {"da": "Parterne er indlæst", "en": "The parties are loaded"},
    "parties.saved.vendor": {"da": "Leverandøren er gemt", "en": "The vendor is saved"},
    "parties.saved.ean": {"da": "EAN-nummeret er tilføjet", "en": "The EAN number is added"},
    "parties.saved.ean_removed": {"da": "EAN-nummeret er fjernet", "en": "The EAN is removed"},
    "parties.saved.contact": {"da": "Kontakten er gemt", "en": "The contact is saved"},
    "parties.saved.benchmark": {
        "da": "Valget for prissammenligningen er gemt",
        "en": "The price benchmark choice is saved",
    },
    "parties.benchmark_named": {
        "da": "Vis vores navn for andre kommuner i prissammenligningen",
        "en": "Show our name to other municipalities in the price benchmark",
    },
    "parties.benchmark_named_help": {
        "da": 'Ellers ser de andre kun vores priser, som "Kommune A", "B" …',
        "en": 'Otherwise the others see only our prices, as "Municipality A", "B" …',
    },
    "parties.changes": {"da": "Seneste ændringer", "en": "Recent changes"},
    "parties.new_contacts": {"da": "nye kontakter", "en": "new contacts"},
    "parties.assigned": {
        "da": "{n} fakturaer fik deres part og kontrolleres nu.",
        "en": "{n} invoices found their party and are being checked.",
    },
    # == user administration, layout, rule parameter labels (add this area's keys below this line)
    # layout
    "nav.breadcrumb": {"da": "Brødkrummesti", "en": "Breadcrumb"},
    "nav.menu": {"da": "Menu", "en": "Menu"},
    "nav.users": {"da": "Brugere", "en": "Users"},
    # user administration
    "upload.limits": {
        "da": "højst {n} MB pr. fil og {total} MB i alt pr. afsendelse",
        "en": "at most {n} MB per file and {total} MB in all per submission",
    },
    "users.title": {"da": "Brugere", "en": "Users"},
    "users.intro": {
        "da": "Konti i dine kommuner: roller, kommuner, lukning og ny adgangskode.",
        "en": "Accounts in your municipalities: roles, municipalities, disabling and a new "
        "password.",
    },
    "users.intro_all": {
        "da": "Alle konti: roller, kommuner, lukning og ny adgangskode.",
        "en": "Every account: roles, municipalities, disabling and a new password.",
    },
    "users.email": {"da": "E-mail", "en": "Email"},
    "users.name": {"da": "Navn", "en": "Name"},
    "users.roles": {"da": "Roller", "en": "Roles"},
    "users.municipalities": {"da": "Kommuner", "en": "Municipalities"},
    "users.all_municipalities": {"da": "Alle kommuner", "en": "All municipalities"},
    "users.last_login": {"da": "Sidst logget ind", "en": "Last signed in"},
    "users.never": {"da": "Aldrig", "en": "Never"},
    "users.state": {"da": "Status", "en": "Status"},
    "users.active": {"da": "Aktiv", "en": "Active"},
    "users.disabled_state": {"da": "Lukket", "en": "Disabled"},
    "users.actions": {"da": "Handlinger", "en": "Actions"},
    "users.disable": {"da": "Luk konto", "en": "Disable"},
    "users.enable": {"da": "Genåbn konto", "en": "Enable"},
    "users.reset": {"da": "Ny adgangskode", "en": "New password"},
    "users.add": {"da": "Tilføj bruger", "en": "Add user"},
    "users.none": {"da": "Ingen brugere.", "en": "No users."},
    "users.you": {"da": "dig", "en": "you"},
    "users.added": {"da": "Brugeren er tilføjet.", "en": "The user is added."},
    "users.disabled": {"da": "Kontoen er lukket.", "en": "The account is disabled."},
    "users.enabled": {"da": "Kontoen er genåbnet.", "en": "The account is enabled."},
    "users.reset_done": {"da": "Der er lavet en ny adgangskode.", "en": "A new password is made."},
    "users.password_once": {
        "da": "Adgangskode til {email}. Den vises kun denne ene gang: giv den videre nu.",
        "en": "Password for {email}. It is shown this once only: pass it on now.",
    },
    "role.legal": {"da": "Jura", "en": "Legal"},
    "role.finance": {"da": "Økonomi", "en": "Finance"},
    "role.admin": {"da": "Administrator", "en": "Administrator"},
    "error.user.grant_all": {
        "da": "Kun en administrator af alle kommuner kan give adgang til alle kommuner.",
        "en": "Only an administrator of every municipality can grant all municipalities.",
    },
    "error.user.grant_outside": {
        "da": "Du kan ikke give adgang til kommunerne {codes}.",
        "en": "You cannot grant the municipalities {codes}.",
    },
    "error.user.disable_self": {
        "da": "Du kan ikke lukke din egen konto.",
        "en": "You cannot disable your own account.",
    },
    # errors
    "error.where.file": {"da": "fil {name}", "en": "file {name}"},
    "error.where.page": {"da": "side {n}", "en": "page {n}"},
    "error.where.line": {"da": "linje {n}", "en": "line {n}"},
    "error.where.field": {"da": "felt {name}", "en": "field {name}"},
    # form fields an error may name that no column heading words
    "fieldname.roles": {"da": "Roller", "en": "Roles"},
    "fieldname.reason": {"da": "Begrundelse", "en": "Reason"},
    "fieldname.sort": {"da": "Sortering", "en": "Sort"},
    "fieldname.email": {"da": "E-mail", "en": "Email"},
    "fieldname.municipalities": {"da": "Kommuner", "en": "Municipalities"},
    "fieldname.note": {"da": "Note", "en": "Note"},
    "fieldname.recovered": {"da": "Tilbagebetalt", "en": "Recovered"},
    "fieldname.password": {"da": "Adgangskode", "en": "Password"},
    "error.sign_in_first": {"da": "Log ind først.", "en": "Sign in first."},
    "error.bad_bearer": {
        "da": "Authorization-headeren skal være 'Bearer <token>'.",
        "en": "The Authorization header must be 'Bearer <token>'.",
    },
    "error.bad_token": {
        "da": "API-nøglen er ukendt eller tilbagekaldt.",
        "en": "The API token is unknown or revoked.",
    },
    "error.no_access_rule": {
        "da": "Denne adresse har ingen adgangsregel og er lukket for alle.",
        "en": "This address has no access rule and is closed to everyone.",
    },
    "error.needs_role": {
        "da": "{who} må ikke gøre dette: det kræver rollen {roles}.",
        "en": "{who} may not do this: it needs the role {roles}.",
    },
    "error.needs_role_everywhere": {
        "da": "{who} må ikke gøre dette: det kræver rollen {roles} i alle kommuner.",
        "en": "{who} may not do this: it needs the role {roles} over every municipality.",
    },
    "error.csrf": {
        "da": "Formularen er udløbet eller kom ikke fra dette websted: genindlæs siden og prøv "
        "igen.",
        "en": "The form has expired or did not come from this site: reload the page and try again.",
    },
    "error.foreign_origin": {
        "da": "En formular fra {origin} må ikke ændre data.",
        "en": "A form from {origin} may not change data.",
    },
    "error.missing": {"da": "{what} {id} findes ikke.", "en": "{what} {id} does not exist."},
    "error.missing.invoice": {
        "da": "Faktura {id} findes ikke.",
        "en": "Invoice {id} does not exist.",
    },
    "error.missing.finding": {"da": "Fund {id} findes ikke.", "en": "Finding {id} does not exist."},
    "error.missing.contract": {
        "da": "Kontrakt {id} findes ikke.",
        "en": "Contract {id} does not exist.",
    },
    "error.missing.document": {
        "da": "Dokument {id} findes ikke.",
        "en": "Document {id} does not exist.",
    },
    "entity.finding_id": {"da": "Fund", "en": "Finding"},
    "entity.invoice_id": {"da": "Faktura", "en": "Invoice"},
    "entity.contract_id": {"da": "Kontrakt", "en": "Contract"},
    "entity.term_id": {"da": "Prisvilkår", "en": "Price term"},
    "entity.document_id": {"da": "Dokument", "en": "Document"},
    "entity.ean_id": {"da": "EAN-nummer", "en": "EAN number"},
    "entity.contact_id": {"da": "Kontakt", "en": "Contact"},
    "entity.code": {"da": "Kommune", "en": "Municipality"},
    "entity.user_id": {"da": "Bruger", "en": "User"},
    "entity.case_file_id": {"da": "Sagsmappe", "en": "Case file"},
    "entity.vendor_id": {"da": "Leverandør", "en": "Vendor"},
    "entity.alert_id": {"da": "Advisering", "en": "Alert"},
    "entity.token_id": {"da": "API-nøgle", "en": "API token"},
    "error.missing.pair": {
        "da": "Leverandør {vendor} eller kommune {municipality} findes ikke.",
        "en": "Vendor {vendor} or municipality {municipality} does not exist.",
    },
    "error.missing.page": {
        "da": "Side {page} findes ikke: kontrakten har {pages} side(r).",
        "en": "Page {page} does not exist: the contract has {pages} page(s).",
    },
    "error.contract.no_document": {
        "da": "Kontrakt {id} har intet gemt dokument.",
        "en": "Contract {id} has no stored document.",
    },
    "error.contract.not_pdf": {
        "da": "Dokumentet {filename} til kontrakt {id} er ikke en PDF.",
        "en": "Contract {id}'s document {filename} is not a PDF.",
    },
    "error.unread.other_contract": {
        "da": "Prisrække {row}, der ikke blev læst, hører ikke til kontrakt {contract}.",
        "en": "Price row not read {row} is not part of contract {contract}.",
    },
    "error.term.other_contract": {
        "da": "Prisvilkår {term} hører ikke til kontrakt {contract}.",
        "en": "Price term {term} is not part of contract {contract}.",
    },
    "error.clause.other_contract": {
        "da": "Klausul {clause} hører ikke til kontrakt {contract}.",
        "en": "Clause {clause} is not part of contract {contract}.",
    },
    "error.finding.other_contract": {
        "da": "Fund {finding} bygger ikke på kontrakt {contract}.",
        "en": "Finding {finding} does not rest on contract {contract}.",
    },
    "error.rule.missing": {"da": "Reglen {rule} findes ikke.", "en": "There is no rule {rule}."},
    "error.rule.no_custom": {
        "da": "Der er ikke tilføjet en egen regel {rule}.",
        "en": "No custom rule {rule} has been added.",
    },
    "error.rule.nothing_published": {
        "da": "Reglen {rule} har ingen offentliggjort version at rulle tilbage.",
        "en": "Rule {rule} has no published version to roll back.",
    },
    "error.rule.no_version": {
        "da": "Reglen {rule} har ingen version {version}.",
        "en": "Rule {rule} has no version {version}.",
    },
    "error.no_page": {"da": "Siden {path} findes ikke.", "en": "The page {path} does not exist."},
    "error.http": {
        "da": "Forespørgslen fejlede ({status}).",
        "en": "The request failed ({status}).",
    },
    "error.id_out_of_range": {
        "da": "{value} er uden for det tilladte (højst {max}).",
        "en": "{value} is out of range (at most {max}).",
    },
    "error.value_out_of_range": {
        "da": "En værdi er uden for det, databasen kan gemme.",
        "en": "A value is out of the range the database can store.",
    },
    "error.unexpected": {
        "da": "En uventet fejl – {kind}: {detail}. Fejlen er logget.",
        "en": "An unexpected error – {kind}: {detail}. It has been logged.",
    },
    "error.too_large": {"da": "For stor", "en": "Too large"},
    "error.request_too_large": {
        "da": "Forespørgslen er større end grænsen på {mb} MB for alle filer tilsammen "
        "(PRISVAGT_MAX_REQUEST_MB). Send færre filer ad gangen.",
        "en": "The request is larger than the limit of {mb} MB for all files together "
        "(PRISVAGT_MAX_REQUEST_MB). Send fewer files at a time.",
    },
    "error.bad_host": {"da": "Ukendt værtsnavn", "en": "Unknown host name"},
    "error.bad_host_message": {
        "da": "Denne server svarer ikke på værtsnavnet {host} (PRISVAGT_TRUSTED_HOSTS).",
        "en": "This server does not answer to the host name {host} (PRISVAGT_TRUSTED_HOSTS).",
    },
    "error.upload.kind_unknown": {
        "da": "Kan ikke se, om det er en kontrakt eller en faktura; vælg hvilken slags det er.",
        "en": "Cannot tell whether this is a contract or an invoice; choose which kind it is.",
    },
    "error.upload.bad_kind": {
        "da": "Ukendt slags {kind}; brug kontrakt eller faktura.",
        "en": "Unknown kind {kind}; use contract or invoice.",
    },
    "error.upload.empty": {"da": "Filen er tom.", "en": "The file is empty."},
    "error.upload.too_large": {
        "da": "Filen er {mb} MB; grænsen er {limit} MB pr. fil (PRISVAGT_MAX_UPLOAD_MB).",
        "en": "The file is {mb} MB; the limit is {limit} MB per file (PRISVAGT_MAX_UPLOAD_MB).",
    },
    "error.user.bad_email": {
        "da": "{email} er ikke en e-mailadresse.",
        "en": "{email} is not an email address.",
    },
    "error.user.exists": {
        "da": "Der findes allerede en bruger {email}.",
        "en": "A user {email} exists already.",
    },
    "error.user.short_password": {
        "da": "En adgangskode skal have mindst 12 tegn.",
        "en": "A password needs at least 12 characters.",
    },
    "error.user.missing": {"da": "Ingen bruger {email}.", "en": "No user {email}."},
    "error.party.vendor_cvr": {
        "da": "En leverandør skal have sit CVR-nummer.",
        "en": "A vendor needs its CVR number.",
    },
    "error.party.ean": {
        "da": "Skriv det 13-cifrede EAN-nummer.",
        "en": "Type the 13-digit EAN number.",
    },
    "error.party.ean_check": {
        "da": "EAN-nummeret {ean} har et forkert kontrolciffer: med de første 12 cifre ender "
        "det på {digit}. Er et ciffer tastet forkert?",
        "en": "EAN {ean} has a wrong check digit: with these first 12 digits it ends in "
        "{digit}. Was a digit mistyped?",
    },
    "error.party.ean_taken_elsewhere": {
        "da": "EAN {ean} er allerede registreret til en anden kommune.",
        "en": "EAN {ean} is already registered to another municipality.",
    },
    "error.party.ean_taken": {
        "da": "EAN {ean} er allerede registreret til {holder}.",
        "en": "EAN {ean} is already registered to {holder}.",
    },
    "error.party.contact_exists": {
        "da": "{email} er allerede kontakt for {role}.",
        "en": "{email} is already a contact for {role}.",
    },
    "error.party.contact_email": {
        "da": "Skriv kontaktens e-mailadresse.",
        "en": "Type the contact's email address.",
    },
    # rule parameters: param.<name>.label|unit|help; a rule may override one with
    # param.<rule id>.<name>.<part> (see ``param_key``)
    **{
        f"param.{name}.{part}": {"da": da, "en": en}
        for name, parts in {
            "absolute_tolerance": {
                "label": ("Beløbstolerance", "Amount tolerance"),
                "unit": ("kr. pr. enhed", "DKK per unit"),
                "help": (
                    "En prisforskel op til dette beløb pr. enhed tolereres (afrunding).",
                    "A price difference up to this amount per unit is tolerated (rounding).",
                ),
            },
            "percent_tolerance": {
                "label": ("Procenttolerance", "Percentage tolerance"),
                "unit": ("%", "%"),
                "help": (
                    "En prisforskel op til denne procentdel af den aftalte pris tolereres.",
                    "A price difference up to this share of the agreed price is tolerated.",
                ),
            },
            "combine": {
                "label": ("Kombinér tolerancer", "Combine tolerances"),
                "unit": ("", ""),
                "help": (
                    "or: tolereret, når forskellen er inden for beløbet ELLER procenten; "
                    "and: kun når den er inden for begge.",
                    "or: tolerated when the difference is within the amount OR the "
                    "percentage; and: only when within both.",
                ),
            },
            "min_overcharge": {
                "label": ("Mindste overpris", "Smallest overcharge"),
                "unit": ("kr.", "DKK"),
                "help": (
                    "Fund med en overpris på højst dette beløb oprettes ikke.",
                    "Findings with an overcharge of at most this amount are not raised.",
                ),
            },
            "min_amount": {
                "label": ("Mindste linjebeløb", "Smallest line amount"),
                "unit": ("kr.", "DKK"),
                "help": (
                    "Linjer på højst dette beløb ignoreres.",
                    "Lines of at most this amount are ignored.",
                ),
            },
            "ignore_patterns": {
                "label": ("Linjetekster der ignoreres", "Line texts to ignore"),
                "unit": ("", ""),
                "help": (
                    "Regulære udtryk (uden forskel på store og små bogstaver), ét pr. linje, "
                    "for linjer der ikke behøver en aftalt pris (rabat, afrunding).",
                    "Regular expressions (case-insensitive), one per line, for lines that "
                    "need no agreed price (discounts, rounding).",
                ),
            },
            "grace_days": {
                "label": ("Respitdage", "Grace days"),
                "unit": ("dage", "days"),
                "help": (
                    "Dage der tolereres ud over fristen.",
                    "Days tolerated beyond the limit.",
                ),
            },
            "issue_grace_days": {
                "label": (
                    "Respitdage efter udløb (fakturadato)",
                    "Grace days after expiry (issue date)",
                ),
                "unit": ("dage", "days"),
                "help": (
                    "Når en linje ikke har en faktureret periode, står fakturadatoen i "
                    "stedet; så mange dage efter kontraktens udløb tolereres (fakturaer kommer "
                    "efter ydelsen).",
                    "When a line has no billed period, the issue date stands in for it; this "
                    "many days after the contract's expiry are tolerated (invoices come after "
                    "the service).",
                ),
            },
            "max_days": {
                "label": ("Længste betalingsfrist", "Longest payment term"),
                "unit": ("dage", "days"),
                "help": (
                    "Det meste en offentlig køber må aftale; kontraktens egen frist gælder, "
                    "når den er kortere.",
                    "The most a public buyer may agree; the contract's own term counts when "
                    "it is shorter.",
                ),
            },
            "same_amount": {
                "label": ("Kun samme beløb", "Same amount only"),
                "unit": ("", ""),
                "help": (
                    "En linje gentager kun en tidligere, når beløbet er det samme (ellers er "
                    "samme vare og periode nok).",
                    "A line repeats an earlier one only with the same amount (otherwise the "
                    "same item and period suffice).",
                ),
            },
            "line_tolerance": {
                "label": ("Tolerance pr. linje", "Tolerance per line"),
                "unit": ("kr.", "DKK"),
                "help": (
                    "Afvigelse mellem antal × enhedspris og linjebeløbet, der tolereres.",
                    "Difference between quantity × unit price and the line amount that is "
                    "tolerated.",
                ),
            },
            "total_tolerance": {
                "label": ("Tolerance pr. total", "Tolerance per total"),
                "unit": ("kr.", "DKK"),
                "help": (
                    "Afvigelse mellem summen af linjerne og fakturaens totaler, der tolereres.",
                    "Difference between the sum of the lines and the invoice totals that is "
                    "tolerated.",
                ),
            },
            "vat_percent": {
                "label": ("Momssats", "VAT rate"),
                "unit": ("%", "%"),
                "help": (
                    "Standardsatsen: moms over den markeres (under kan være momsfrie linjer).",
                    "The standard rate: tax above it is flagged (below may be exempt lines).",
                ),
            },
            "ratio": {
                "label": ("Forhold til medianen", "Ratio to the median"),
                "unit": ("×", "×"),
                "help": (
                    "Markeres, når prisen er over dette antal gange medianen hos andre "
                    "kommuner (præcis på grænsen markeres ikke).",
                    "Flagged when the price is above this many times the median other "
                    "municipalities pay (exactly at it is not).",
                ),
            },
            "min_peers": {
                "label": ("Mindst antal andre kommuner", "Fewest other municipalities"),
                "unit": ("kommuner", "municipalities"),
                "help": (
                    "Sammenlign kun, når mindst så mange andre kommuner køber varen.",
                    "Compare only when at least this many other municipalities buy the item.",
                ),
            },
            "max_age_days": {
                "label": ("Højeste alder af sammenligningspriser", "Oldest comparison price"),
                "unit": ("dage", "days"),
                "help": (
                    "Andre kommuners priser tæller, når de er set højst så mange dage før "
                    "eller efter fakturaen.",
                    "Other municipalities' prices count when seen at most this many days "
                    "before or after the invoice.",
                ),
            },
            "expression": {
                "label": ("Betingelse", "Condition"),
                "unit": ("", ""),
                "help": (
                    "Et udtryk over linjens og kontraktens felter; sandt giver et fund.",
                    "An expression over the line's and contract's fields; true raises a finding.",
                ),
            },
            "severity": {
                "label": ("Alvor", "Severity"),
                "unit": ("", ""),
                "help": ("Fundets alvor.", "The finding's severity."),
            },
            "message": {
                "label": ("Besked", "Message"),
                "unit": ("", ""),
                "help": (
                    "Fundets tekst; {rule}, {line_id} og {description} udfyldes.",
                    "The finding's text; {rule}, {line_id} and {description} are filled in.",
                ),
            },
            "overcharge": {
                "label": ("Overpris", "Overcharge"),
                "unit": ("kr.", "DKK"),
                "help": (
                    "Et udtryk for beløbet; tomt giver intet beløb.",
                    "An expression for the amount; empty gives no amount.",
                ),
            },
        }.items()
        for part, (da, en) in parts.items()
    },
    "param.payment_terms.grace_days.help": {
        "da": "Dage ud over den aftalte betalingsfrist, der tolereres.",
        "en": "Days beyond the agreed payment term that are tolerated.",
    },
    "param.outside_contract_period.grace_days.help": {
        "da": "Dage der forlænger kontraktens gyldighed i begge ender for fakturerede perioder.",
        "en": "Days that extend the contract's validity at both ends for billed periods.",
    },
    "rules.type.decimal": {"da": "tal", "en": "number"},
    "rules.type.int": {"da": "helt tal", "en": "whole number"},
    "rules.type.bool": {"da": "ja/nej", "en": "yes/no"},
    "rules.type.choice": {"da": "valg", "en": "choice"},
    "rules.type.list": {"da": "liste", "en": "list"},
    "rules.type.text": {"da": "tekst", "en": "text"},
    # validation errors of forms and query parameters, by pydantic's error type
    "validation.invalid": {"da": "ugyldig værdi", "en": "invalid value"},
    "validation.missing": {"da": "skal udfyldes", "en": "is required"},
    "validation.int_parsing": {
        "da": "skal være et helt tal",
        "en": "must be a whole number",
    },
    "validation.int_type": {
        "da": "skal være et helt tal",
        "en": "must be a whole number",
    },
    "validation.decimal_parsing": {
        "da": "skal være et tal",
        "en": "must be a number",
    },
    "validation.float_parsing": {
        "da": "skal være et tal",
        "en": "must be a number",
    },
    "validation.date_from_datetime_parsing": {
        "da": "skal være en dato (ÅÅÅÅ-MM-DD)",
        "en": "must be a date (YYYY-MM-DD)",
    },
    "validation.date_parsing": {
        "da": "skal være en dato (ÅÅÅÅ-MM-DD)",
        "en": "must be a date (YYYY-MM-DD)",
    },
    "validation.bool_parsing": {
        "da": "skal være ja eller nej",
        "en": "must be yes or no",
    },
    "validation.greater_than_equal": {
        "da": "skal være mindst {limit}",
        "en": "must be at least {limit}",
    },
    "validation.greater_than": {
        "da": "skal være større end {limit}",
        "en": "must be greater than {limit}",
    },
    "validation.less_than_equal": {
        "da": "må højst være {limit}",
        "en": "must be at most {limit}",
    },
    "validation.less_than": {
        "da": "skal være mindre end {limit}",
        "en": "must be less than {limit}",
    },
    "validation.string_too_long": {
        "da": "højst {limit} tegn",
        "en": "at most {limit} characters",
    },
    "validation.string_too_short": {
        "da": "mindst {limit} tegn",
        "en": "at least {limit} characters",
    },
    "validation.literal_error": {
        "da": "skal være en af {limit}",
        "en": "must be one of {limit}",
    },
    "validation.enum": {
        "da": "skal være en af {limit}",
        "en": "must be one of {limit}",
    },
    # signing in
    "login.title": {"da": "Log ind", "en": "Sign in"},
    "login.intro": {
        "da": "Log ind med din e-mailadresse og adgangskode.",
        "en": "Sign in with your email address and password.",
    },
    "login.email": {"da": "E-mail", "en": "Email"},
    "login.password": {"da": "Adgangskode", "en": "Password"},
    "login.submit": {"da": "Log ind", "en": "Sign in"},
    "login.with": {"da": "Log ind med {provider}", "en": "Sign in with {provider}"},
    "login.logout": {"da": "Log ud", "en": "Sign out"},
    "login.failed": {
        "da": "Forkert e-mail eller adgangskode, eller kontoen er lukket.",
        "en": "Wrong email or password, or the account is disabled.",
    },
    "login.too_many": {
        "da": "For mange forsøg. Prøv igen om {n} minutter.",
        "en": "Too many attempts. Try again in {n} minutes.",
    },
    # one's own password (/account/password)
    "nav.password": {"da": "Skift adgangskode", "en": "Change password"},
    "account.password_title": {"da": "Skift adgangskode", "en": "Change password"},
    "account.password_intro": {
        "da": "Skriv din nuværende adgangskode og den nye to gange. Den nye skal have mindst "
        "{n} tegn og må ikke være din e-mailadresse. Når den er skiftet, bliver du logget ud "
        "alle andre steder; her forbliver du logget ind.",
        "en": "Type your current password and the new one twice. The new one needs at least "
        "{n} characters and may not be your email address. Once it is changed, you are "
        "signed out everywhere else; here you stay signed in.",
    },
    "account.current_password": {"da": "Nuværende adgangskode", "en": "Current password"},
    "account.new_password": {"da": "Ny adgangskode", "en": "New password"},
    "account.repeat_password": {
        "da": "Gentag den nye adgangskode",
        "en": "Repeat the new password",
    },
    "account.password_submit": {"da": "Skift adgangskode", "en": "Change password"},
    "account.password_changed": {
        "da": "Din adgangskode er skiftet. Du er logget ud alle andre steder.",
        "en": "Your password is changed. You are signed out everywhere else.",
    },
    "account.password_managed": {
        "da": "Din adgangskode styres af din identitetsudbyder (du logger ind via din "
        "organisation), så den skiftes dér og ikke i Prisvagt.",
        "en": "Your password is managed by your identity provider (you sign in through your "
        "organisation), so it is changed there, not in Prisvagt.",
    },
    "account.tokens_have_no_password": {
        "da": "API-nøgler har ingen adgangskode. En nøgle, der kan være lækket, tilbagekaldes "
        "med prisvagt tokens revoke.",
        "en": "API tokens have no password. A token that may have leaked is revoked with "
        "prisvagt tokens revoke.",
    },
    "error.password.current_missing": {
        "da": "Skriv din nuværende adgangskode.",
        "en": "Type your current password.",
    },
    "error.password.wrong_current": {
        "da": "Den nuværende adgangskode er forkert.",
        "en": "The current password is wrong.",
    },
    "error.password.mismatch": {
        "da": "De to nye adgangskoder er ikke ens.",
        "en": "The two new passwords are not the same.",
    },
    "error.password.is_email": {
        "da": "Adgangskoden må ikke være din e-mailadresse.",
        "en": "The password may not be your email address.",
    },
    "error.password.unchanged": {
        "da": "Den nye adgangskode skal være en anden end den nuværende.",
        "en": "The new password must differ from the current one.",
    },
    "error.sign_in": {"da": "Log ind først", "en": "Sign in first"},
    "error.title": {"da": "Noget gik galt", "en": "Something went wrong"},
    "error.not_found": {"da": "Ikke fundet", "en": "Not found"},
    "error.bad_request": {"da": "Kan ikke udføres", "en": "Cannot be done"},
    "error.forbidden": {"da": "Ingen adgang", "en": "Not allowed"},
    "error.back": {"da": "Tilbage til overblikket", "en": "Back to the overview"},
    "error.invalid_input": {"da": "Ugyldig værdi", "en": "Invalid value"},
    "error.busy": {"da": "Travlt lige nu", "en": "Busy right now"},
    "error.busy_message": {
        "da": "Der er mange forespørgsler lige nu. Prøv igen om lidt.",
        "en": "There are many requests right now. Please try again in a moment.",
    },
}


MESSAGES.update(evidence_messages())


@lru_cache(maxsize=1)
def _rule_specs() -> dict[str, Any]:
    import rules

    return rules.registry()


PARAM_PARTS = ("label", "unit", "help")


def param_key(rule_id: str, name: str, part: str) -> str:
    """The catalogue key of a rule parameter's ``label``, ``unit`` or ``help``: the
    rule's own (``param.<rule>.<name>.<part>``) if it has one, else the shared one
    (``param.<name>.<part>``). A custom rule shares the keys of ``custom``."""
    own = f"param.{rule_id.split(':')[0]}.{name}.{part}"
    return own if own in MESSAGES else f"param.{name}.{part}"


def rule_title(rule_id: str, lang: str) -> str:
    """The rule's title from the rule registry, in the language; a custom or unknown
    rule shows its id."""
    spec = _rule_specs().get(rule_id)
    if spec is None:
        return rule_id
    return str(spec.title_en if lang == "en" else spec.title_da)


def rule_description(rule_id: str, lang: str = "da") -> str | None:
    """The rule's description with its worked example, in the page's language."""
    spec = _rule_specs().get(rule_id)
    return None if spec is None else str(spec.describe(lang))


def negotiate(query_lang: str | None, cookie_lang: str | None) -> str:
    """The page language: ``?lang=`` first, then the cookie, then Danish."""
    for candidate in (query_lang, cookie_lang):
        if candidate in LANGUAGES:
            return candidate  # type: ignore[return-value]
    return DEFAULT_LANGUAGE


class MissingMessage(KeyError):
    """A catalogue key that does not exist (strict mode)."""


_strict = os.environ.get("PRISVAGT_STRICT_MESSAGES", "").lower() in ("1", "true", "yes")


def set_strict(on: bool) -> bool:
    """Raise on a missing key (True) or show the key (False); returns the former mode."""
    global _strict
    before, _strict = _strict, on
    return before


def has_message(key: str) -> bool:
    """Whether the catalogue names ``key`` (for keys made from data, such as the
    evidence keys a rule writes, which are shown as written when not named)."""
    return key in MESSAGES


def translate(key: str, lang: str, **params: Any) -> str:
    """The text of ``key`` in ``lang``, with ``{name}`` placeholders filled from
    ``params`` (only when given, so texts with literal braces are left alone)."""
    entry = MESSAGES.get(key)
    if entry is None:
        if _strict:
            raise MissingMessage(key)
        return key
    text = entry.get(lang) or entry[DEFAULT_LANGUAGE]
    if params:
        try:
            text = text.format(**params)
        except (KeyError, IndexError, ValueError) as exc:
            if _strict:
                raise MissingMessage(f"{key}: placeholder {exc} not given") from None
    return text


def translator(lang: str) -> Callable[..., str]:
    def t(key: str, **params: Any) -> str:
        return translate(key, lang, **params)

    return t


def _where(error: Any, lang: str) -> str:
    """``fil x.pdf, side 3, felt email`` in the page's language."""
    parts = []
    if getattr(error, "file", None):
        parts.append(translate("error.where.file", lang, name=error.file))
    if getattr(error, "page", None) is not None:
        parts.append(translate("error.where.page", lang, n=error.page))
    if getattr(error, "line", None) is not None:
        parts.append(translate("error.where.line", lang, n=error.line))
    if getattr(error, "field", None):
        parts.append(translate("error.where.field", lang, name=_field_name(error.field, lang)))
    return ", ".join(parts)


def _field_name(field: str, lang: str) -> str:
    """A form field as the page names it ("felt roller", not "felt roles"), where the
    catalogue words it; else as named."""
    for key in (f"field.{field}", f"fieldname.{field}"):
        if key in MESSAGES:
            return translate(key, lang).lower()
    return field


def _param_text(value: Any, lang: str) -> Any:
    """A parameter naming a catalogue key (``{"key": "..."}``) is shown translated."""
    if isinstance(value, Mapping) and "key" in value:
        return translate(str(value["key"]), lang)
    return value


def error_message(error: Any, lang: str, *, where: bool = True) -> str:
    """An error as a person reads it in ``lang``: the catalogue text of its ``key``,
    else its Danish text (``InputError(da=...)``) on a Danish page, prefixed with where
    it happened (file, page, line, field) in that language; an error with neither is
    shown as raised, in English (``describe()``), rather than half translated."""
    key = getattr(error, "key", None)
    if key and key not in MESSAGES and key.startswith("validation."):
        key = "validation.invalid"  # a validation error type the catalogue does not word
    danish = getattr(error, "message_da", None)
    if key and key in MESSAGES:
        params = {k: _param_text(v, lang) for k, v in getattr(error, "params", {}).items()}
        text = translate(key, lang, **params)
    elif lang == "da" and danish:
        text = str(danish)
    elif where and hasattr(error, "describe"):
        return str(error.describe())
    else:
        return str(getattr(error, "message", error))
    prefix = _where(error, lang) if where else ""
    return f"{prefix}: {text}" if prefix else text
