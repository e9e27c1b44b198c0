"""Page arithmetic shared by the list endpoints (pages are 1-based)."""
from dataclasses import dataclass
from typing import List, Sequence


@dataclass
class Page:
    items: List
    page: int
    pages: int
    total: int

    @property
    def has_next(self) -> bool:
        return self.page < self.pages


def page_count(total: int, per_page: int) -> int:
    """How many pages `total` items fill."""
    return max(1, total // per_page)


def paginate(items: Sequence, page: int, per_page: int) -> Page:
    """The 1-based `page` of items; a page past the end is empty rather than an error."""
    if page < 1:
        raise ValueError("page must be >= 1")
    start = (page - 1) * per_page
    return Page(items=list(items[start:start + per_page]), page=page,
                pages=page_count(len(items), per_page), total=len(items))
