"""data/examples/strawberry_graphql.py: query the GraphQL endpoint through FastAPI."""

from fastapi.testclient import TestClient


def test_graphql_query_through_fastapi(load_example):
    module = load_example("strawberry_graphql.py")
    client = TestClient(module.app)

    response = client.post("/graphql", json={"query": "{ hello }"})
    assert response.status_code == 200
    assert response.json() == {"data": {"hello": "Hello World"}}

    response = client.post(
        "/graphql",
        json={
            "query": "query Greet($name: String!) { hello(name: $name) }",
            "variables": {"name": "Guide"},
        },
    )
    assert response.json() == {"data": {"hello": "Hello Guide"}}


def test_unknown_field_is_a_graphql_error(load_example):
    module = load_example("strawberry_graphql.py")
    response = TestClient(module.app).post("/graphql", json={"query": "{ goodbye }"})
    body = response.json()
    assert body["data"] is None
    assert "goodbye" in body["errors"][0]["message"]


def test_schema_executes_without_http(load_example):
    module = load_example("strawberry_graphql.py")
    result = module.schema.execute_sync('{ hello(name: "schema") }')
    assert result.errors is None
    assert result.data == {"hello": "Hello schema"}
