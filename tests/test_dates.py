from datetime import datetime, timedelta, timezone

import pytest
from loaxa.dates import DateError, format_date, parse_date

VN = timezone(timedelta(hours=7))


@pytest.mark.parametrize("text, expected", [
    ("2025-10-05", datetime(2025, 10, 5, tzinfo=VN)),
    ("2025-10-08 14:00", datetime(2025, 10, 8, 14, 0, tzinfo=VN)),
    ("2025-10-08T14:00:30", datetime(2025, 10, 8, 14, 0, 30, tzinfo=VN)),
    ("2025-10-08 14:00:00+07:00", datetime(2025, 10, 8, 14, tzinfo=VN)),
    ("2025-10-08T07:00:00Z", datetime(2025, 10, 8, 14, tzinfo=VN)),
    ("05/10/2025", datetime(2025, 10, 5, tzinfo=VN)),
    ("5/10/2025 08:30", datetime(2025, 10, 5, 8, 30, tzinfo=VN)),
    ("05.10.2025", datetime(2025, 10, 5, tzinfo=VN)),
])
def test_reads_what_staff_type(text, expected):
    assert parse_date(text) == expected


def test_vietnamese_order_is_day_first():
    assert parse_date("05/10/2025").month == 10
    assert parse_date("05/10/2025").day == 5


@pytest.mark.parametrize("text", ["2025-13-40", "31/02/2025", "2025-02-29", "10/25/2025",
                                  "2025-10-05 25:00"])
def test_impossible_dates(text):
    with pytest.raises(DateError) as caught:
        parse_date(text)
    assert caught.value.impossible


@pytest.mark.parametrize("text", ["hôm qua", "20251005", "Oct 5 2025", ""])
def test_unreadable_dates(text):
    with pytest.raises(DateError) as caught:
        parse_date(text)
    assert not caught.value.impossible


def test_format_in_vietnam_time():
    assert format_date(datetime(2025, 10, 4, 20, tzinfo=timezone.utc)) == "05/10/2025"
