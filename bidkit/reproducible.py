"""Same evidence and SOURCE_DATE_EPOCH, same bytes: the moment a build says it was made, and zip files (DOCX,
XLSX) with fixed entry order, times and modes."""
from __future__ import annotations

import io
import os
import zipfile
from datetime import datetime, timezone

from .problems import BidkitError

ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def moment() -> datetime:
    """SOURCE_DATE_EPOCH when set (reproducible builds), else now; naive UTC, as python-docx and openpyxl write it."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        try:
            return datetime.fromtimestamp(int(epoch), timezone.utc).replace(tzinfo=None)
        except (ValueError, OverflowError, OSError):
            raise BidkitError(f"SOURCE_DATE_EPOCH must be a whole number of seconds, not '{epoch}'") from None
    return datetime.now(timezone.utc).replace(tzinfo=None, microsecond=0)


def stable_zip(data: bytes, replace: dict[str, bytes] | None = None) -> bytes:
    """The same entries in a fixed order with a fixed time, mode and compression: identical parts, identical
    bytes. `[Content_Types].xml` stays first, where some readers expect it. `replace` swaps whole entries."""
    replace = replace or {}
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as target:
        names = sorted(source.namelist(), key=lambda n: (n != "[Content_Types].xml", n))
        for name in names:
            info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3
            target.writestr(info, replace.get(name) or source.read(name), compresslevel=6)
    return out.getvalue()
