"""Login throttling: per account and per client address, 429 with a plain message, only failures
count; unknown emails cost what known ones cost; failures are logged without the password."""

import logging
import time

import pytest

from tests.conftest import PASSWORD


@pytest.fixture
def asha(make_user):
    return make_user("faculty", email="asha@test.example", name="Asha Verma")


def _try(client, email, password, address="10.0.0.1"):
    return client.post("/login", data={"email": email, "password": password},
                       environ_base={"REMOTE_ADDR": address})


def test_an_account_is_throttled_after_five_failures_a_minute(app, asha):
    client = app.test_client()
    statuses = [_try(client, "asha@test.example", f"wrong-{i}", address=f"10.0.0.{i}").status_code
                for i in range(7)]
    assert statuses == [400] * 5 + [429] * 2  # five addresses cannot share out the account's budget
    response = _try(client, "asha@test.example", PASSWORD, address="10.0.0.99")
    assert response.status_code == 429  # even the right password waits: that is the point
    page = response.get_data(as_text=True)
    assert "Too many attempts" in page and "Wait a few minutes" in page
    assert _try(app.test_client(), "other@test.example", "x", address="10.0.0.50").status_code == 400


def test_one_address_is_throttled_across_accounts(app, asha):
    client = app.test_client()
    statuses = [_try(client, f"user{i}@test.example", "wrong").status_code for i in range(22)]
    assert statuses[:20] == [400] * 20 and statuses[20:] == [429, 429]
    assert _try(client, "asha@test.example", PASSWORD, address="10.0.0.2").status_code == 302


def test_successful_logins_do_not_count(app, asha):
    for _ in range(8):
        client = app.test_client()
        assert _try(client, "asha@test.example", PASSWORD).status_code == 302


def test_the_throttle_can_be_configured(make_app, app, asha):
    strict = make_app(LOGIN_LIMIT_PER_ACCOUNT="2 per minute").test_client()
    statuses = [_try(strict, "asha@test.example", "nope", address=f"10.1.0.{i}").status_code
                for i in range(3)]
    assert statuses == [400, 400, 429]


def test_unknown_and_known_emails_cost_the_same(app, asha):
    client = app.test_client()

    def median(email):
        times = []
        for i in range(5):
            start = time.perf_counter()
            _try(client, email, "wrong-password", address=f"10.2.{len(email)}.{i}")
            times.append(time.perf_counter() - start)
        return sorted(times)[2]

    known, unknown = median("asha@test.example"), median("nobody@test.example")
    # Both pay one password hash (tens of ms); without the dummy hash unknown emails took ~5 % of it.
    assert unknown > 0.5 * known, (known, unknown)


def test_failed_logins_are_logged_without_the_password(app, asha, caplog):
    caplog.set_level(logging.WARNING, logger="designer.security")
    _try(app.test_client(), "asha@test.example", "secret-typo-123", address="10.3.0.7")
    text = caplog.text
    assert "login failed for asha@test.example from 10.3.0.7" in text
    assert "secret-typo-123" not in text


def test_throttled_attempts_are_logged(app, asha, caplog):
    caplog.set_level(logging.WARNING, logger="designer.security")
    client = app.test_client()
    for i in range(6):
        _try(client, "asha@test.example", "wrong", address=f"10.4.0.{i}")
    assert "login throttled: asha@test.example from 10.4.0.5" in caplog.text
    assert "denied 429" in caplog.text
