"""The funding proposal under the funder form's own field names, for pasting or importing into the form."""
from __future__ import annotations

import json

from ..evidence.text import plain_text

COUNTRY = {"england": "england", "scotland": "scotland", "wales": "wales", "northern-ireland": "northern-ireland",
           "uk-wide": "uk-wide"}


def proposal_fields(writer, writers: list | None = None) -> dict:
    """Field name -> value: the answers as plain text (the form takes no Markdown) and the counted figures.
    The form's own fields hold the main language's answers; `answersByLanguage` holds every language's (the
    funder's Welsh form takes the Welsh ones under the same field names)."""
    ev, fig, profile = writer.ev, writer.fig, writer.profile
    p = ev.project
    org = p.organisation
    fields: dict = {
        "funder": writer.text(profile.funder),
        "programme": writer.text(profile.programme),
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
    fields.update(answers(writer))
    fields["language"] = writer.lang
    fields["answersByLanguage"] = {w.lang: {"language": w.lang, **answers(w)} for w in writers or [writer]}
    return fields


def answers(writer) -> dict:
    """The form's answer fields in the writer's language, as plain text with the figures in that language."""
    found = {}
    for q in writer.profile.questions:
        answer = writer.narrative.get(q.id)
        found[q.field] = plain_text(answer.text, writer.figure_texts()).strip() if answer else None
    return found


def proposal_json(writer, writers: list | None = None) -> bytes:
    return (json.dumps(proposal_fields(writer, writers), indent=2, ensure_ascii=False, sort_keys=False)
            + "\n").encode()
