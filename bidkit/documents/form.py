"""The funding proposal under the funder form's own field names, for pasting or importing into the form."""
from __future__ import annotations

import json

from ..evidence.dates import grant_span
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
        "projectTotalCost": fig.total_cost,
        "projectAmountRequested": p.amount_requested,
        "otherFunding": [{"source": line.source, "status": line.status, "year": line.year, "amount": line.amount}
                         for line in ev.other_funding],
        "otherFundingTotal": fig.other_funding_total,
        "deliveryPlan": delivery_plan(writer),
        "outcomes": funded_outcomes(fig),
        "organisationLegalName": org.legal_name if org else None,
        "organisationType": org.type if org else None,
        "organisationWebsite": org.website if org else None,
        "organisationAddress": ({k: v for k, v in org.address.model_dump().items() if v} if org and org.address
                                else None),
        "beneficiariesNumber": fig.beneficiaries,
        "beneficiariesCharacteristics": fig.beneficiary_characteristics,
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


def delivery_plan(writer) -> list[dict]:
    """Each planned activity with its year and quarter, and the real dates they stand for when start_date is given."""
    start = writer.ev.project.start_date
    found = []
    for year, items in writer.fig.delivery_years:
        for a in items:
            first, last = grant_span(start, year, a.quarter) if start else (None, None)
            found.append({"year": year, "quarter": a.quarter, "start": first and first.isoformat(),
                          "end": last and last.isoformat(), "workstream": a.workstream, "activity": a.activity,
                          "leads": [getattr(writer.ev.find_partner(r), "name", r) for r in a.leads], "outputs": a.outputs,
                          "milestone": a.is_milestone})
    return found


def whole(value):
    """40.0 as 40: a form's number fields take the figure as written."""
    return int(value) if isinstance(value, float) and value.is_integer() else value


def funded_outcomes(fig) -> list[dict]:
    return [{"id": o.id, "title": o.title, "type": o.type,
             "indicators": [{"id": i.id, "name": i.name, "unit": i.unit, "baseline": whole(i.baseline),
                             "targets": {str(y): whole(v) for y, v in sorted((i.targets or {}).items())},
                             "target": whole(i.target), "howMeasured": i.how_measured} for i in o.indicators]}
            for o in fig.funded_outcomes]


def proposal_json(writer, writers: list | None = None) -> bytes:
    return (json.dumps(proposal_fields(writer, writers), indent=2, ensure_ascii=False, sort_keys=False)
            + "\n").encode()
