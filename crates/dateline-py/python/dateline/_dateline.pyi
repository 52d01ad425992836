"""Type stubs of the compiled module (see ``dateline/__init__.py``)."""

from os import PathLike
from typing import Any, Dict, Iterable, Iterator, List, Literal, Optional, Sequence, Union

import pyarrow

__version__: str

Input = Literal["html", "text", "auto"]
Page = Union[bytes, bytearray, str, "Record"]
Article = Dict[str, Any]
"""The article JSON contract: ``title``, ``description``, ``site_name``,
``url``, ``language``, ``authors``, ``published``, ``modified``, ``tags``,
``categories``, ``images``, ``body``, ``text``, ``source``, ``is_article``,
``reason``; with ``places``, ``focus``, ``entities`` and ``quantities``
when enriched; ``events`` when enriched, unless ``events=False``."""

def extract(
    page: Page,
    url: Optional[str] = None,
    *,
    input: Optional[Input] = None,
    enrich: bool = False,
    path: Optional[str] = None,
    events: bool = True,
) -> Article:
    """One page to the article dict that ``dateline extract --format json``
    prints. Never raises on a bad page (``is_article`` and ``reason`` say
    what happened); ValueError on a bad ``input``, TypeError on a page of
    another type."""

def extract_many(
    pages: Iterable[Page],
    urls: Optional[Iterable[Optional[str]]] = None,
    threads: Optional[int] = None,
    *,
    input: Optional[Input] = None,
    enrich: bool = False,
    events: bool = True,
) -> List[Article]:
    """Many pages on ``threads`` cores (default: all), GIL released; the
    articles in input order."""

def annotate(text: str, *, events: bool = True) -> Dict[str, Any]:
    """``places``, ``focus``, ``entities``, ``quantities`` and ``language``
    of a clean text (and ``events`` unless ``events`` is false)."""

class Record:
    """One page as Dateline read it (a page file, or a WARC or JSONL
    record)."""

    @property
    def bytes(self) -> bytes: ...
    @property
    def url(self) -> Optional[str]: ...
    @property
    def kind(self) -> Optional[Literal["html", "text"]]: ...
    @property
    def charset(self) -> Optional[str]: ...
    @property
    def date(self) -> Optional[str]: ...
    @property
    def site(self) -> Optional[str]: ...
    @property
    def path(self) -> str: ...
    @property
    def locator(self) -> str: ...
    @property
    def source(self) -> str: ...
    @property
    def offset(self) -> int: ...

class Records(Iterator[Record]):
    """The records of some paths; unreadable ones are listed in
    ``errors``."""

    def __iter__(self) -> "Records": ...
    def __next__(self) -> Record: ...
    @property
    def errors(self) -> List[str]: ...
    def counts(self) -> Dict[str, Any]: ...

def read_records(
    paths: Union[str, "PathLike[str]", Sequence[Union[str, "PathLike[str]"]]],
) -> Records:
    """The pages of files and folders (page files, WARC, JSONL) in the
    order ``dateline extract`` reads them."""

def extract_arrow(
    batch: pyarrow.RecordBatch,
    *,
    enrich: bool = False,
    threads: Optional[int] = None,
    input: Optional[Input] = None,
    events: bool = True,
) -> pyarrow.RecordBatch:
    """A batch of pages (column ``html``, ``page``, ``content`` or
    ``text``; optional ``url``, ``charset``, ``input``, ``source``,
    ``locator``, ``date``, ``id``) to a batch of articles with the schema
    of ``dateline export --format parquet``."""

def arrow_schema() -> pyarrow.Schema:
    """The schema of ``extract_arrow``'s batches."""
