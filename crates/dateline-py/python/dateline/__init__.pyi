from typing import Iterable, Optional, Sequence

import pyarrow

from ._dateline import (
    Record as Record,
    Records as Records,
    __version__ as __version__,
    annotate as annotate,
    arrow_schema as arrow_schema,
    extract as extract,
    extract_arrow as extract_arrow,
    extract_many as extract_many,
    read_records as read_records,
)

def pages_batch(
    records: Iterable[Record], ids: Optional[Sequence[int]] = None
) -> pyarrow.RecordBatch: ...
