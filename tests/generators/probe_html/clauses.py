"""Clause wordings: (truth value, sentence) per language.  Written for this generator."""

from __future__ import annotations

from decimal import Decimal

PAYMENT = {
    "da": [
        (30, "Betalingsbetingelserne er 30 dage netto."),
        (30, "Betaling sker senest 30 dage efter modtagelse af korrekt faktura."),
        (30, "Betalingsbetingelser: løbende måned + 30 dage."),
        (20, "Fakturaer forfalder til betaling 20 dage efter Ordregivers modtagelse af fakturaen."),
        (None, None),
        (30, "Betalingsfristen er 30 (tredive) kalenderdage fra modtagelse af en korrekt elektronisk faktura."),
        (14, "Ordregiver betaler fakturaer netto 14 dage."),
    ],
    "en": [
        (30, "Payment shall be made within 30 days of receipt of a valid invoice."),
        (30, "Payment terms: net 30 days."),
        (None, None),
        (30, "Payment terms: end of month + 30 days."),
        (20, "Invoices are payable twenty (20) days after receipt."),
    ],
}  # fmt: skip

PAYMENT_DISTRACTORS = {
    "da": [
        "Faktura fremsendes senest 5 hverdage efter levering.",
        "Reklamation over mangler skal ske senest 8 dage efter levering.",
        "Leverandøren skal udstede kreditnota senest 10 dage efter en berettiget reklamation.",
    ],
    "en": [
        "Invoices shall be issued no later than 5 working days after delivery.",
        "Complaints about defects must be made within 8 days of delivery.",
        "Credit notes shall be issued within 10 days of a justified complaint.",
    ],
}

MFN = {
    "da": [
        (True, "Leverandøren yder Ordregiver mestbegunstigelse. Priserne må ikke være højere end de priser, "
               "Leverandøren tilbyder andre offentlige kunder for tilsvarende varer og mængder."),
        (True, "Priserne under denne aftale må ikke være højere end de priser, Leverandøren til enhver tid "
               "tilbyder andre offentlige kunder."),
        (False, "Der gælder ikke mestbegunstigelse i denne aftale."),
        (False, None),
        (True, "Mestbegunstigelse: Opnår en anden offentlig kunde bedre priser på tilsvarende vilkår, skal "
               "Ordregiver straks tilbydes de samme priser."),
        (False, "Ordregiver kan ikke kræve at opnå de samme priser, som Leverandøren giver andre kunder."),
    ],
    "en": [
        (True, "The Supplier shall treat the Customer as its most favoured customer, so that the Customer "
               "always receives the lowest prices the Supplier offers for comparable supplies."),
        (False, "No most favoured customer clause applies to this Agreement."),
        (False, None),
        (True, "The prices shall not be higher than the prices the Supplier offers to any other public-sector "
               "customer for comparable volumes."),
    ],
}  # fmt: skip

INDEX = {
    "da": [
        (Decimal("3"), "Priserne kan reguleres én gang årligt pr. 1. januar med udviklingen i nettoprisindekset, "
                       "dog maksimalt 3 %."),
        (Decimal("2.5"), "Priserne er faste det første år. Herefter kan priserne reguleres én gang årligt på aftalens "
                         "årsdag i henhold til nettoprisindekset (Danmarks Statistik, tabel PRIS19). Reguleringen "
                         "kan højst udgøre 2,5 pct. pr. år."),
        (None, "Priserne reguleres den 1. januar hvert år med udviklingen i forbrugerprisindekset for den "
               "seneste 12-måneders periode."),
        (None, "Priserne er faste i hele aftaleperioden, inklusive eventuelle forlængelser."),
        (Decimal("4"), "Leverandøren kan anmode om prisregulering én gang årligt med 3 måneders varsel. Reguleringen "
                       "sker efter lønindekset for den private sektor og kan maksimalt udgøre 4,0 % i forhold til "
                       "de hidtil gældende priser."),
        (Decimal("2"), "Prisregulering sker årligt pr. 1. april efter nettoprisindekset, dog begrænset til 2 procent "
                       "om året."),
        (None, "Priserne kan reguleres årligt med udviklingen i nettoprisindekset. Stiger indekset med mere end "
               "5 % i løbet af et år, kan parterne optage forhandling om priserne."),
    ],
    "en": [
        (Decimal("2.5"), "Prices may be adjusted once a year on 1 January in line with the net price index, capped "
                         "at 2.5 % per year."),
        (None, "Prices are adjusted annually in line with the consumer price index published by Statistics "
               "Denmark."),
        (None, "All prices are fixed for the entire term of the Agreement."),
        (Decimal("3"), "The Supplier may adjust the prices annually by the change in the net price index; any such "
                       "adjustment shall not exceed 3 per cent in any twelve-month period."),
        (Decimal("3.5"), "Index regulation: annually, net price index, max. 3.5 %."),
    ],
}  # fmt: skip

# percentages that are not the indexation cap
PCT_DISTRACTORS = {
    "da": [
        "Leverandøren yder 10 % rabat på varer uden for kernesortimentet.",
        "Ordregiver kan ved forsinkelse kræve en bod på 0,5 % af ordrens værdi pr. påbegyndt arbejdsdag, "
        "dog maksimalt 15 % af ordrens værdi.",
        "Leverandøren skal levere mindst 98 % af ordrelinjerne til aftalt tid.",
    ],
    "en": [
        "The Supplier grants a 10 % discount on goods outside the core range.",
        "In case of delay the Customer may claim liquidated damages of 0.5 % of the order value per "
        "working day commenced, up to a maximum of 15 %.",
        "The Supplier shall deliver at least 98 % of order lines on time.",
    ],
}
