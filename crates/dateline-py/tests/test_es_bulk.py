"""`dateline export --format es-bulk` through the official Elasticsearch
client's bulk helpers, against a loopback mock of the `_bulk` and index
APIs that checks every request (no cluster can run here)."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest


class MockCluster(BaseHTTPRequestHandler):
    """Answers as Elasticsearch 9 does, and keeps what it was sent."""

    indices = {}
    documents = {}
    problems = []

    def log_message(self, *args):
        pass

    def answer(self, status, body):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        # The client refuses servers that do not say what they are.
        self.send_header("X-Elastic-Product", "Elasticsearch")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def body(self):
        return self.rfile.read(int(self.headers.get("Content-Length", 0)))

    def do_GET(self):
        self.answer(200, {"version": {"number": "9.1.0", "build_flavor": "default"},
                          "tagline": "You Know, for Search"})

    def do_HEAD(self):
        self.answer(200, {})

    def do_PUT(self):
        if self.path.split("?")[0].endswith("/_bulk"):
            return self.do_POST()  # the client sends _bulk as PUT
        index = self.path.strip("/").split("?")[0]
        body = json.loads(self.body())
        if "properties" not in body.get("mappings", {}):
            self.problems.append(f"index {index} created without a mapping")
        self.indices[index] = body
        self.answer(200, {"acknowledged": True, "index": index})

    def do_POST(self):
        if not self.path.split("?")[0].endswith("/_bulk"):
            self.problems.append(f"unexpected POST {self.path}")
            return self.answer(404, {})
        if "x-ndjson" not in self.headers.get("Content-Type", ""):
            self.problems.append(f"content type {self.headers.get('Content-Type')}")
        lines = self.body().decode().splitlines()
        if len(lines) % 2:
            self.problems.append("an action without its document")
        items = []
        for action, source in zip(lines[::2], lines[1::2]):
            op = json.loads(action)["index"]
            doc = json.loads(source)
            if op["_index"] not in self.indices:
                self.problems.append(f"bulk into {op['_index']}, never created")
            if str(doc["id"]) != op["_id"]:
                self.problems.append(f"_id {op['_id']} for article {doc['id']}")
            self.documents[(op["_index"], op["_id"])] = doc
            items.append({"index": {"_index": op["_index"], "_id": op["_id"],
                                    "status": 201, "result": "created"}})
        self.answer(200, {"took": 1, "errors": False, "items": items})


@pytest.fixture
def cluster():
    MockCluster.indices, MockCluster.documents, MockCluster.problems = {}, {}, []
    server = ThreadingHTTPServer(("127.0.0.1", 0), MockCluster)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_bulk_export_loads_through_the_client(cli, warc_dir, tmp_path, cluster):
    es_module = pytest.importorskip("elasticsearch")
    from elasticsearch import helpers

    store = tmp_path / "store"
    cli("ingest", "--store", store, "-q", *sorted(warc_dir.glob("*.warc.gz")))
    bulk, mapping = tmp_path / "bulk.ndjson", tmp_path / "mapping.json"
    cli("export", "--store", store, "--format", "es-bulk", "--index", "news",
        "--mapping", mapping, "-o", bulk)
    stored = [json.loads(l) for l in cli("export", "--store", store).decode().splitlines()]
    lines = bulk.read_text().splitlines()
    assert len(lines) == 2 * len(stored) > 0

    es = es_module.Elasticsearch(cluster)
    body = json.loads(mapping.read_text())
    es.indices.create(index="news", settings=body["settings"], mappings=body["mappings"])
    # The file as it is, in one request...
    result = es.bulk(operations=bulk.read_text())
    assert result["errors"] is False and len(result["items"]) == len(stored)
    # ...and document by document through the streaming helper.
    actions = [
        {"_op_type": "index", "_index": json.loads(a)["index"]["_index"],
         "_id": json.loads(a)["index"]["_id"], "_source": json.loads(s)}
        for a, s in zip(lines[::2], lines[1::2])
    ]
    ok = [ok for ok, _ in helpers.streaming_bulk(es, actions, chunk_size=2)]
    assert all(ok) and len(ok) == len(stored)

    assert MockCluster.problems == []
    assert {doc["id"] for doc in MockCluster.documents.values()} == {a["id"] for a in stored}
    for article in stored:
        assert MockCluster.documents[("news", str(article["id"]))] == article
    properties = body["mappings"]["properties"]
    for article in stored:
        for field in article:
            assert field in properties, f"{field} is not in the mapping"
