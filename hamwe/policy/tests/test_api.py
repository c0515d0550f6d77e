"""The live policy through the API: its parts and the composed pack, read only."""

from hamwe.conftest import client_for


def test_everyone_with_a_role_reads_the_parts_and_the_pack(personas, live_policy):
    client = client_for(personas["partner_b"])
    parts = client.get("/api/v1/policy/parts/").json()
    sections = {p["section"] for p in parts["results"]}
    assert "principle" in sections
    pack = client.get("/api/v1/policy/pack/").json()
    assert pack["pack"] == live_policy.pack and pack["content"]["cycle"]["stages"]
    assert client.post("/api/v1/policy/parts/", {}).status_code in (403, 405)


def test_no_role_no_policy(personas, live_policy):
    assert client_for(personas["no_role"]).get("/api/v1/policy/pack/").status_code == 403


def test_the_pack_answers_with_a_format_suffix_too(personas, live_policy):
    response = client_for(personas["viewer"]).get("/api/v1/policy/pack.json")
    assert response.status_code == 200 and response.json()["pack"] == live_policy.pack
