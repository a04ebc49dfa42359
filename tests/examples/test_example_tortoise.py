"""data/examples/tortoise_fastapi.py: Tortoise ORM on sqlite://:memory: in the FastAPI lifespan."""

from fastapi.testclient import TestClient


def test_model_uses_primary_key_argument(load_example, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "sqlite://:memory:")
    module = load_example("tortoise_fastapi.py")
    meta = module.User._meta
    assert meta.pk_attr == "id"
    assert meta.fields_map["email"].unique is True


def test_create_and_read_users_through_the_api(load_example, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "sqlite://:memory:")
    module = load_example("tortoise_fastapi.py")

    with TestClient(module.app) as client:  # runs the lifespan: RegisterTortoise
        response = client.post("/users", json={"email": "ada@example.com", "name": "Ada"})
        assert response.status_code == 201, response.text
        created = response.json()
        assert created["email"] == "ada@example.com"

        response = client.get(f"/users/{created['id']}")
        assert response.status_code == 200
        assert response.json() == created

        # The row is in the database, not only in the response.
        assert client.portal is not None
        count = client.portal.call(module.User.filter(email="ada@example.com").count)
        assert count == 1

        # tortoise_exception_handlers(): DoesNotExist -> 404, IntegrityError -> 422
        assert client.get("/users/999").status_code == 404
        duplicate = client.post("/users", json={"email": "ada@example.com", "name": "Ada 2"})
        assert duplicate.status_code == 422
