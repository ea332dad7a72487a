"""The funding proposal under the funder form's own field names, for pasting or importing into the form."""
from __future__ import annotations

import json

from ..evidence.text import plain_text

COUNTRY = {"england": "england", "scotland": "scotland", "wales": "wales", "northern-ireland": "northern-ireland",
           "uk-wide": "uk-wide"}


def proposal_fields(writer) -> dict:
    """Field name -> value: the answers as plain text (the form takes no Markdown) and the counted figures."""
    ev, fig, profile = writer.ev, writer.fig, writer.profile
    p = ev.project
    org = p.organisation
    fields: dict = {
        "funder": profile.funder,
        "programme": profile.programme,
        "profile": profile.id,
        "projectName": p.title,
        "projectCountries": [COUNTRY[n] for n in p.nations],
        "projectLocationDescription": p.locations or "",
        "projectStartDate": p.start_date.isoformat() if p.start_date else None,
        "projectDurationYears": p.duration_years,
        "projectCosts": [{"item": line.heading + (f": {line.description}" if line.description else ""),
                          "year": line.year, "costType": line.cost_type, "amount": line.amount}
                         for line in ev.budget],
        "projectTotalCost": p.cost,
        "projectAmountRequested": p.amount_requested,
        "organisationLegalName": org.legal_name if org else None,
        "organisationType": org.type if org else None,
        "organisationWebsite": org.website if org else None,
        "organisationAddress": ({k: v for k, v in org.address.model_dump().items() if v} if org and org.address
                                else None),
        "beneficiariesCharacteristics": list(dict.fromkeys(p.focus.characteristics)),
        "evidence": {**fig.counted(), "budgetTotal": fig.budget_total},
    }
    for q in profile.questions:
        answer = ev.narrative.get(q.id)
        fields[q.field] = plain_text(answer.text, writer.figure_texts()).strip() if answer else None
    return fields


def proposal_json(writer) -> bytes:
    return (json.dumps(proposal_fields(writer), indent=2, ensure_ascii=False, sort_keys=False) + "\n").encode()
