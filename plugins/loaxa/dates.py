"""Reading post dates as staff type them, and writing them the Vietnamese way."""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta, timezone

from .errors import DateError

# Vietnam has kept UTC+07:00 without daylight saving since 1975; a fixed offset
# needs no time-zone database on the machine and can never drift.
VIETNAM = timezone(timedelta(hours=7), "Asia/Ho_Chi_Minh")

_TIME = r"(?:[ T]+(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2})(?:\.(?P<f>\d{1,6}))?)?)?"
_ZONE = r"\s*(?P<zone>Z|[+-]\d{2}(?::?\d{2})?)?"
_ISO = re.compile(r"^(?P<y>\d{4})[-/](?P<m>\d{1,2})[-/](?P<d>\d{1,2})" + _TIME + _ZONE + r"$")
# Vietnamese order, day first: 05/10/2025 is 5 October 2025, never 10 May.
_VIETNAMESE = re.compile(r"^(?P<d>\d{1,2})[/.-](?P<m>\d{1,2})[/.-](?P<y>\d{4})" + _TIME + _ZONE + r"$")



# Years a post of this site can carry: feeds, posters and archives all read them.
FIRST_YEAR, LAST_YEAR = 1970, 2200


def parse_date(value: object) -> datetime:
    """An aware datetime from a front-matter date; no zone means Vietnam time."""
    if isinstance(value, datetime):
        return _checked(value if value.tzinfo else value.replace(tzinfo=VIETNAM), str(value))
    if isinstance(value, date):
        return _checked(datetime.combine(value, time(), VIETNAM), str(value))
    text = str(value).strip()
    match = _ISO.match(text) or _VIETNAMESE.match(text)
    if not match:
        raise DateError(text, impossible=False)
    parts = match.groupdict()
    try:
        moment = datetime(
            int(parts["y"]), int(parts["m"]), int(parts["d"]),
            int(parts["H"] or 0), int(parts["M"] or 0), int(parts["S"] or 0),
            int((parts["f"] or "0").ljust(6, "0")),
            tzinfo=_zone(parts["zone"]),
        )
    except ValueError:
        raise DateError(text, impossible=True) from None
    return _checked(moment, text)


def _checked(moment: datetime, text: str) -> datetime:
    """`moment` when it is a year the site can show, in every zone it is written in."""
    try:
        local = moment.astimezone(VIETNAM)
        moment.astimezone(timezone.utc)
    except (OverflowError, ValueError):
        raise DateError(text, impossible=True) from None
    if not FIRST_YEAR <= local.year <= LAST_YEAR:
        raise DateError(text, impossible=True)
    return moment


def _zone(text: str | None) -> timezone:
    if not text:
        return VIETNAM
    if text == "Z":
        return timezone.utc
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "")
    hours, minutes = int(digits[:2]), int(digits[2:] or 0)
    if hours > 23 or minutes > 59:
        raise ValueError(text)
    return timezone(sign * timedelta(hours=hours, minutes=minutes))


def format_date(moment: datetime) -> str:
    """dd/mm/yyyy in Vietnam time, as residents read dates."""
    return moment.astimezone(VIETNAM).strftime("%d/%m/%Y")


def month_of(moment: datetime) -> str:
    """The month something was published in, in Vietnam time: "2025-10"."""
    return moment.astimezone(VIETNAM).strftime("%Y-%m")
