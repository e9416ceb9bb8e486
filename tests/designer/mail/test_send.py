"""designer.mail delivers through a real SMTP server, one message per recipient, or logs when none is set."""

import logging

from designer import mail


def test_each_recipient_gets_their_own_message(app, smtp_server):
    with app.app_context():
        mail.send_email(
            ["a@test.example", "b@test.example"], "Design submitted", "Body text", html="<p>Body</p>"
        )
    messages = smtp_server.wait_for(2)
    assert sorted(m["To"] for m in messages) == ["a@test.example", "b@test.example"]
    assert {m["Subject"] for m in messages} == {"Design submitted"}
    text = messages[0].get_body(preferencelist=("plain",)).get_content()
    assert "Body text" in text
    assert "Micro-credential designer" in messages[0]["From"]


def test_without_a_mail_server_the_message_is_logged_not_sent(make_app, caplog):
    app = make_app(MAIL_SERVER="")
    with app.app_context(), caplog.at_level(logging.INFO, logger="designer.mail"):
        mail.send_email("a@test.example", "Hello", "secret body")
    assert "Hello" in caplog.text and "a@test.example" in caplog.text
    assert "secret body" not in caplog.text


def test_a_dispatcher_receives_the_payload_instead_of_smtp(app, smtp_server):
    queued = []
    mail.set_dispatcher(queued.extend)
    try:
        with app.app_context():
            mail.send_email("a@test.example", "Queued", "text")
    finally:
        mail.set_dispatcher(None)
    assert queued == [{"to": ["a@test.example"], "subject": "Queued", "text": "text", "html": None}]
    assert smtp_server.messages == []


def test_no_recipients_sends_nothing(app, smtp_server):
    with app.app_context():
        mail.send_email([], "Nobody", "text")
        mail.send_email(["", None], "Nobody", "text")
    assert smtp_server.messages == []
