"""CSV export of an account's invoices into the export directory."""
import csv
import os
import re
import time
from typing import List, Optional

FIELDS = ["id", "customer", "memo", "amount_cents", "status", "created_at"]
_SAFE_ACCOUNT = re.compile(r"^[A-Za-z0-9_-]{1,64}$")


def export_path(export_dir: str, account_id: str) -> str:
    """A fresh file name per export; account ids are validated so they cannot escape export_dir."""
    if not _SAFE_ACCOUNT.match(account_id):
        raise ValueError(f"account id not exportable: {account_id!r}")
    stamp = time.strftime("%Y%m%d-%H%M%S")
    return os.path.join(export_dir, f"{account_id}-{stamp}.csv")


def write_csv(export_dir: str, account_id: str, invoices: List[dict]) -> Optional[str]:
    """Writes the invoices as CSV; returns the file's path, or None when there was nothing to write."""
    os.makedirs(export_dir, exist_ok=True)
    path = export_path(export_dir, account_id)
    fh = open(path, "w", newline="", encoding="utf-8")
    if not invoices:
        return None
    writer = csv.DictWriter(fh, fieldnames=FIELDS, extrasaction="ignore")
    writer.writeheader()
    for invoice in invoices:
        writer.writerow(invoice)
    fh.close()
    return path
