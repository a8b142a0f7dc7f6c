"""Build corpus/evening-compass.warc.gz from the two Evening Compass pages in warc_src/.

Why a script: the WARC is binary, so the HTML it holds is kept as plain files next to it and
the archive is rebuilt from them. Record ids, dates and gzip headers are fixed, so running it
again gives the same bytes (the test below checks that).

    python3 examples/build_warc.py            # rewrite the archive
    python3 examples/build_warc.py --check    # exit 1 if the committed archive is stale

The reader names records `<file name>#<k>`, k = 1-based position among the archive's
response records, so the order of PAGES below is part of the gold (gold/evening-compass.warc.gz#1.json ...).
"""

from __future__ import annotations

import io
import sys
import uuid
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

HERE = Path(__file__).resolve().parent
TARGET = HERE / "corpus" / "evening-compass.warc.gz"

# (source file, URL the page was captured from, capture time, HTTP Last-Modified)
PAGES = [
    (
        "compass-douro-capsize.html",
        "https://www.eveningcompass.example/world/europe/2024/mar/06/portugal-douro-cruise-boat-capsize-nineteen-dead",
        "2024-03-06T10:02:41Z",
        "Wed, 06 Mar 2024 09:15:00 GMT",
    ),
    (
        "compass-alentejo-aid.html",
        "https://www.eveningcompass.example/world/europe/2024/mar/13/portugal-drought-aid-farmers-alentejo",
        "2024-03-13T19:11:05Z",
        "Wed, 13 Mar 2024 18:20:00 GMT",
    ),
]


def build() -> bytes:
    """The archive's bytes: one gzip member per response record, nothing random in them."""
    output = io.BytesIO()
    writer = WARCWriter(output, gzip=True)
    for name, url, captured, modified in PAGES:
        body = (HERE / "warc_src" / name).read_bytes()
        http_headers = StatusAndHeaders(
            "200 OK",
            [
                ("Content-Type", "text/html; charset=utf-8"),
                ("Content-Length", str(len(body))),
                ("Last-Modified", modified),
                ("Server", "nginx"),
            ],
            protocol="HTTP/1.1",
        )
        record_id = f"<urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, url)}>"
        record = writer.create_warc_record(
            url,
            "response",
            payload=io.BytesIO(body),
            length=len(body),
            http_headers=http_headers,
            warc_headers_dict={"WARC-Record-ID": record_id, "WARC-Date": captured},
        )
        writer.write_record(record)
    return output.getvalue()


def main(argv: list[str]) -> int:
    data = build()
    if "--check" in argv:
        same = TARGET.exists() and TARGET.read_bytes() == data
        print(f"{TARGET.name}: {'up to date' if same else 'STALE, run build_warc.py'}")
        return 0 if same else 1
    TARGET.write_bytes(data)
    print(f"wrote {TARGET} ({len(data)} bytes, {len(PAGES)} response records)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
