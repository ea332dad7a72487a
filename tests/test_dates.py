"""Dates and periods as partners write them: day first, plain-English errors."""
from datetime import date, datetime

import pytest

from bidkit.evidence.dates import DateError, Period, parse_date, parse_period

D = date


@pytest.mark.parametrize("text, expected", [
    ("2018-11-14", D(2018, 11, 14)),
    ("14/11/2018", D(2018, 11, 14)),
    ("14-11-2018", D(2018, 11, 14)),
    ("14.11.2018", D(2018, 11, 14)),
    ("14 Nov 2018", D(2018, 11, 14)),
    ("14 November 2018", D(2018, 11, 14)),
    ("14th November 2018", D(2018, 11, 14)),
    ("1st March 2019", D(2019, 3, 1)),
    ("2nd Sept 2018", D(2018, 9, 2)),
    ("3rd sep 2018", D(2018, 9, 3)),
    ("14 SEPT 2018", D(2018, 9, 14)),
    ("14 nov. 2018", D(2018, 11, 14)),
    ("  14/11/2018 \t", D(2018, 11, 14)),
    ("05/06/2018", D(2018, 6, 5)),            # 5 June, never May 6
    ("29/02/2020", D(2020, 2, 29)),           # leap year
    ("2000-02-29", D(2000, 2, 29)),
    ("November 14 2018", D(2018, 11, 14)),   # issue 12: a month written as a word is unambiguous anywhere
])
def test_parse_date(text, expected):
    assert parse_date(text) == expected


def test_date_cells_are_taken_as_they_are():
    assert parse_date(D(2018, 11, 14)) == D(2018, 11, 14)
    assert parse_date(datetime(2018, 11, 14, 9, 30)) == D(2018, 11, 14)
    assert type(parse_date(datetime(2018, 11, 14, 9, 30))) is date


@pytest.mark.parametrize("text, message", [
    ("31/02/2019", "'31/02/2019' is not a real date (February 2019 has 28 days)"),
    ("29/02/2019", "'29/02/2019' is not a real date (February 2019 has 28 days)"),
    ("1900-02-29", "'1900-02-29' is not a real date (February 1900 has 28 days)"),
    ("31 April 2018", "'31 April 2018' is not a real date (April 2018 has 30 days)"),
    ("13/13/2019", "'13/13/2019' is not a real date (there is no month 13)"),
    ("2019-00-10", "'2019-00-10' is not a real date (there is no month 0)"),
    ("0000-01-01", "'0000-01-01' is not a real date (there is no year 0)"),
    ("next Tuesday", "'next Tuesday' is not a date bidkit understands; write it as 2018-11-14 or 14/11/2018"),
    ("  next Tuesday ", "'next Tuesday' is not a date bidkit understands; write it as 2018-11-14 or 14/11/2018"),
    ("11/14/2018", "'11/14/2018' is not a real date (there is no month 14); dates are read day first, so if "
                   "you meant 14 November 2018 write 14/11/2018 or 2018-11-14"),    # never month first
    ("November 14 18", "'November 14 18' is not a date bidkit understands; "
                       "write it as 2018-11-14 or 14/11/2018"),    # a month first needs its four-digit year
    ("14/11-2018", "'14/11-2018' is not a date bidkit understands; write it as 2018-11-14 or 14/11/2018"),
    ("", "'' is not a date bidkit understands; write it as 2018-11-14 or 14/11/2018"),
])
def test_bad_dates_say_why(text, message):
    with pytest.raises(DateError) as caught:
        parse_date(text)
    assert str(caught.value) == message
    assert isinstance(caught.value, ValueError)


@pytest.mark.parametrize("text, start, end", [
    # a date, and a day with a two-digit year
    ("2018-11-14", D(2018, 11, 14), D(2018, 11, 14)),
    ("14/11/2018", D(2018, 11, 14), D(2018, 11, 14)),
    ("14th November 2018", D(2018, 11, 14), D(2018, 11, 14)),
    ("27 June 17", D(2017, 6, 27), D(2017, 6, 27)),
    # a month
    ("2017-06", D(2017, 6, 1), D(2017, 6, 30)),
    ("June 2017", D(2017, 6, 1), D(2017, 6, 30)),
    ("Jun 2017", D(2017, 6, 1), D(2017, 6, 30)),
    ("June 17", D(2017, 6, 1), D(2017, 6, 30)),
    ("July 2017", D(2017, 7, 1), D(2017, 7, 31)),
    ("Aug 17", D(2017, 8, 1), D(2017, 8, 31)),
    ("Sept 17", D(2017, 9, 1), D(2017, 9, 30)),
    ("Nov 17", D(2017, 11, 1), D(2017, 11, 30)),
    ("Feb 18", D(2018, 2, 1), D(2018, 2, 28)),
    ("Feb 2020", D(2020, 2, 1), D(2020, 2, 29)),
    ("Mar 18", D(2018, 3, 1), D(2018, 3, 31)),
    ("DEC 2018", D(2018, 12, 1), D(2018, 12, 31)),
    # a qualified month
    ("Early Sept 17", D(2017, 9, 1), D(2017, 9, 10)),
    ("mid March 2018", D(2018, 3, 11), D(2018, 3, 20)),
    ("Mid-March 2018", D(2018, 3, 11), D(2018, 3, 20)),
    ("late Nov 17", D(2017, 11, 21), D(2017, 11, 30)),
    ("Late Feb 2020", D(2020, 2, 21), D(2020, 2, 29)),
    ("late January 2019", D(2019, 1, 21), D(2019, 1, 31)),
    # seasons
    ("autumn 17", D(2017, 9, 1), D(2017, 11, 30)),
    ("Autumn 2017", D(2017, 9, 1), D(2017, 11, 30)),
    ("Spring 2018", D(2018, 3, 1), D(2018, 5, 31)),
    ("summer 18", D(2018, 6, 1), D(2018, 8, 31)),
    ("Winter 2017", D(2017, 12, 1), D(2018, 2, 28)),
    ("winter 19", D(2019, 12, 1), D(2020, 2, 29)),
    # a bare year
    ("2018", D(2018, 1, 1), D(2018, 12, 31)),
    # ranges: the start of the left side to the end of the right side
    ("Nov 2018 - Jan 2019", D(2018, 11, 1), D(2019, 1, 31)),
    ("Nov 2018 to Jan 2019", D(2018, 11, 1), D(2019, 1, 31)),
    ("Nov 2018 – Jan 2019", D(2018, 11, 1), D(2019, 1, 31)),
    ("Nov 2018–Jan 2019", D(2018, 11, 1), D(2019, 1, 31)),
    ("Nov 2018 TO Jan 2019", D(2018, 11, 1), D(2019, 1, 31)),
    ("Early Sept 17 - late Nov 17", D(2017, 9, 1), D(2017, 11, 30)),
    ("14/11/2018 - 2019-03", D(2018, 11, 14), D(2019, 3, 31)),
    ("2018-11-14 - 2018-12-01", D(2018, 11, 14), D(2018, 12, 1)),
    ("2018 - 2019", D(2018, 1, 1), D(2019, 12, 31)),
    ("Autumn 17 to Spring 18", D(2017, 9, 1), D(2018, 5, 31)),
    ("June 2017 - June 2017", D(2017, 6, 1), D(2017, 6, 30)),
])
def test_parse_period(text, start, end):
    period = parse_period(text)
    assert (period.start, period.end) == (start, end)
    assert period.text == text
    assert not period.ongoing


@pytest.mark.parametrize("text", ["Ongoing", "ongoing", "ONGOING", "  Ongoing  "])
def test_ongoing_has_no_start_and_no_end(text):
    assert parse_period(text) == Period(text.strip(), None, None)
    assert parse_period(text).ongoing


def test_period_keeps_text_trimmed_for_display():
    period = parse_period("  Early Sept 17 ")
    assert period.text == "Early Sept 17"
    assert str(period) == "Early Sept 17"


def test_period_from_a_date_cell():
    assert parse_period(D(2018, 6, 5)) == Period("5 Jun 2018", D(2018, 6, 5), D(2018, 6, 5))
    assert parse_period(datetime(2018, 11, 14, 12)) == Period("14 Nov 2018", D(2018, 11, 14), D(2018, 11, 14))


def test_period_is_frozen():
    with pytest.raises(AttributeError):
        parse_period("June 17").start = D(2000, 1, 1)


PERIOD_HINT = ("write a date (14/11/2018), a month (June 2017, Jun 17), part of a month (Early Sept 17), "
               "a season (Autumn 2017), a year (2018), a range (Nov 2018 - Jan 2019) or Ongoing")


@pytest.mark.parametrize("text, message", [
    ("Jan 2019 - Nov 2018", "'Jan 2019 - Nov 2018' ends before it starts"),
    ("next Tuesday", f"'next Tuesday' is not a period bidkit understands; {PERIOD_HINT}"),
    ("Nov 2018 - soon", f"'Nov 2018 - soon' is not a period bidkit understands; {PERIOD_HINT}"),
    ("", f"'' is not a period bidkit understands; {PERIOD_HINT}"),
    ("29/02/2019", "'29/02/2019' is not a real date (February 2019 has 28 days)"),
    ("31 Feb 2019 - Mar 2019", "'31 Feb 2019' is not a real date (February 2019 has 28 days)"),
    ("2019-13", "'2019-13' is not a real date (there is no month 13)"),
])
def test_bad_periods_say_why(text, message):
    with pytest.raises(DateError) as caught:
        parse_period(text)
    assert str(caught.value) == message


@pytest.mark.parametrize("text", ["31/02/2019", "13/13/2019", "next Tuesday", "Jan 2019 - Nov 2018", "0000-01-01"])
def test_messages_have_no_python_in_them(text):
    with pytest.raises(DateError) as caught:
        parse_period(text)
    message = str(caught.value)
    assert "Traceback" not in message and "datetime" not in message and "\\" not in message


# ---------------------------------------------------------------- issue 12: dates as partners type them

HINT = "write it as 2018-11-14 or 14/11/2018"


@pytest.mark.parametrize("text, expected", [
    ("13-Nov-2018", D(2018, 11, 13)),
    ("13-Nov-18", D(2018, 11, 13)),
    ("4-Dec-18", D(2018, 12, 4)),
    ("13/Nov/2018", D(2018, 11, 13)),
    ("Tue 13 Nov 2018", D(2018, 11, 13)),
    ("Tue, 13 Nov 2018", D(2018, 11, 13)),
    ("Tuesday 13 November 2018", D(2018, 11, 13)),
    ("TUES 13 NOV 2018", D(2018, 11, 13)),
    ("2018/11/01", D(2018, 11, 1)),            # year first: always year, month, day
    ("2018.11.01", D(2018, 11, 1)),
    ("13/11/2018 10:30", D(2018, 11, 13)),     # a time of day: the day counts
    ("13/11/2018 10:30:00", D(2018, 11, 13)),
    ("13/11/2018 3pm", D(2018, 11, 13)),
    ("13 Nov 2018 10:30", D(2018, 11, 13)),
    ("13 Oct 2018 at 10:30", D(2018, 10, 13)),
    ("2018-11-13T10:30:00", D(2018, 11, 13)),
    ("2018-11-13T10:30:00Z", D(2018, 11, 13)),
    ("2018-11-13T10:30:00+01:00", D(2018, 11, 13)),
    ("2018-11-13 10:30:00.000", D(2018, 11, 13)),
    ("13th of November 2018", D(2018, 11, 13)),
    ("5th of February 2019", D(2019, 2, 5)),
    ("November 13, 2018", D(2018, 11, 13)),    # the month is a word: unambiguous first too
    ("November 13th, 2018", D(2018, 11, 13)),
    ("Nov 13 2018", D(2018, 11, 13)),
    ("March 1, 2019", D(2019, 3, 1)),
    ("Tuesday, November 13, 2018", D(2018, 11, 13)),
    ("13/11/18", D(2018, 11, 13)),
    ("1/2/19", D(2019, 2, 1)),                 # 1 February, never January 2
])
def test_every_unambiguous_form_is_read(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize("text, message", [
    ("Mon 13 Nov 2018", "'Mon 13 Nov 2018' cannot be right: 13 November 2018 is a Tuesday, not a Monday; check "
                        "the date and write it as 13/11/2018 or 2018-11-13"),
    ("13/11/2018 25:00", f"'13/11/2018 25:00' is not a date bidkit understands; {HINT}"),
    ("13/11/2018 13pm", f"'13/11/2018 13pm' is not a date bidkit understands; {HINT}"),
    ("13/11/2018 10", f"'13/11/2018 10' is not a date bidkit understands; {HINT}"),
    ("11/13/2018", "'11/13/2018' is not a real date (there is no month 13); dates are read day first, so if you "
                   "meant 13 November 2018 write 13/11/2018 or 2018-11-13"),
    ("11/13/2018 10:30", "'11/13/2018 10:30' is not a real date (there is no month 13); dates are read day first, "
                         "so if you meant 13 November 2018 write 13/11/2018 or 2018-11-13"),
    ("2018/13/01", "'2018/13/01' is not a real date (there is no month 13)"),     # year first is never y/d/m
    ("13 11 2018", f"'13 11 2018' is not a date bidkit understands; {HINT}"),
    ("Nov 2018", f"'Nov 2018' is not a date bidkit understands; {HINT}"),        # a month, not a day
    ("43417", f"'43417' is not a date bidkit understands; {HINT}"),              # an Excel serial as text
])
def test_what_is_still_refused_says_why(text, message):
    with pytest.raises(DateError) as caught:
        parse_date(text)
    assert str(caught.value) == message


def test_new_forms_work_in_periods_too():
    assert parse_period("13-Nov-2018 - 4-Dec-18") == Period("13-Nov-2018 - 4-Dec-18", D(2018, 11, 13), D(2018, 12, 4))
    assert parse_period("November 13, 2018 to Jan 2019").end == D(2019, 1, 31)


def test_the_parse_cache_is_kept():
    from bidkit.evidence.dates import _parse_text_date

    _parse_text_date.cache_clear()
    for _ in range(3):
        parse_date("13-Nov-2018")
    assert _parse_text_date.cache_info().hits == 2


@pytest.mark.parametrize("text, orders", [
    ("11/13/2018", {"month-first"}),
    ("13/11/2018", {"day-first"}),
    ("12/4/2018", {"either"}),
    ("12/4/18 - 1/15/19", {"either", "month-first"}),
    ("31/31/2018", {"neither"}),
    ("2018-11-13", set()), ("2018/11/13", set()), ("13 Nov 2018", set()), ("Ongoing", set()),
])
def test_reading_order_tells_a_month_first_date(text, orders):
    from bidkit.evidence.dates import reading_order

    assert reading_order(text) == orders
