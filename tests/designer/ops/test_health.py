"""`/healthz` and `/readyz` answer probes without a login; readiness names what is down."""

import socket


def test_healthz_and_readyz_answer_anonymously(client):
    assert client.get("/healthz").get_json() == {"status": "ok"}
    ready = client.get("/readyz")
    assert ready.status_code == 200
    assert ready.get_json()["checks"] == {"database": "ok", "broker": "not configured"}


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_readyz_is_503_when_the_database_is_down(make_app, tmp_path):
    app = make_app(SQLALCHEMY_DATABASE_URI=f"postgresql+psycopg://u:p@127.0.0.1:{_closed_port()}/none")
    response = app.test_client().get("/readyz")
    assert response.status_code == 503 and response.get_json()["checks"]["database"] == "down"
    assert app.test_client().get("/healthz").status_code == 200


def test_readyz_is_503_when_the_broker_is_down(make_app):
    app = make_app(CELERY_BROKER_URL=f"redis://:secret@127.0.0.1:{_closed_port()}/0")
    response = app.test_client().get("/readyz")
    assert response.status_code == 503
    assert response.get_json()["checks"] == {"database": "ok", "broker": "down"}
