"""Every review route x every role: who sees what, and that a refused request changes nothing."""

import pytest
import sqlalchemy as sa

from designer.extensions import db
from designer.models import AuditEvent, Design, Review, User
from tests.conftest import login

ROLES = ["author", "coauthor", "faculty", "reviewer", "other_reviewer", "organiser", "admin", "anonymous"]
GET_ROUTES = ["design", "status", "history", "audit", "review", "queue", "dashboard", "notifications"]
# Design in review (submitted, one review by reviewer2). 200 = allowed, 403 = refused, 302 = log in first.
IN_REVIEW = {
    "author": [200, 200, 200, 200, 403, 403, 403, 200],
    "coauthor": [200, 200, 200, 200, 403, 403, 403, 200],
    "faculty": [403, 403, 403, 403, 403, 403, 403, 200],  # guessing another's design URL
    "reviewer": [200, 200, 200, 200, 200, 200, 200, 200],
    "other_reviewer": [403, 403, 403, 403, 403, 200, 200, 200],  # another institution
    "organiser": [403, 403, 403, 403, 403, 403, 403, 200],  # not approved yet
    "admin": [200, 200, 200, 200, 200, 200, 200, 200],
    "anonymous": [302, 302, 302, 302, 302, 302, 302, 302],
}
APPROVED = {  # only the design-specific routes
    "author": [200, 200, 200, 200, 403],
    "faculty": [200, 403, 403, 403, 403],  # a colleague reads the approved design, not its committee trail
    "reviewer": [200, 200, 200, 200, 200],
    "other_reviewer": [403, 403, 403, 403, 403],
    "organiser": [200, 403, 403, 403, 403],  # sees the approved design, not its committee trail
    "admin": [200, 200, 200, 200, 200],
}


def urls(d):
    return {
        "design": f"/designs/{d}",
        "status": f"/designs/{d}/review-status",
        "history": f"/designs/{d}/history",
        "audit": f"/designs/{d}/audit.csv",
        "review": f"/review/designs/{d}",
        "queue": "/review/queue",
        "dashboard": "/review/dashboard",
        "notifications": "/notifications",
    }


@pytest.fixture
def in_review(app, flow, people, make_design):
    d = make_design(people.author)
    with app.app_context():
        design = db.session.get(Design, d)
        design.coauthors.append(db.session.get(User, people.coauthor))
        db.session.commit()
    flow.submit(d, people.author)
    flow.review(d, people.reviewer2)
    return d


def as_role(app, people, role):
    client = app.test_client()
    if role != "anonymous":
        login(client, getattr(people, role))
    return client


@pytest.mark.parametrize("role", ROLES)
def test_get_routes_in_review(app, people, in_review, role):
    client = as_role(app, people, role)
    got = [client.get(urls(in_review)[name]).status_code for name in GET_ROUTES]
    assert got == IN_REVIEW[role]


@pytest.mark.parametrize("role", list(APPROVED))
def test_get_routes_when_approved(app, flow, people, make_design, role):
    d = make_design(people.author)
    flow.approve(d, people.author, people.reviewer2)
    client = as_role(app, people, role)
    got = [client.get(urls(d)[name]).status_code for name in GET_ROUTES[:5]]
    assert got == APPROVED[role]


def test_drafts_stay_private_to_their_authors(app, people, make_design):
    d = make_design(people.author)
    for role, expected in {
        "reviewer": 403,
        "organiser": 403,
        "faculty": 403,
        "author": 200,
        "admin": 200,
    }.items():
        client = as_role(app, people, role)
        assert client.get(f"/designs/{d}/history").status_code == expected, role
        assert client.get(f"/review/designs/{d}").status_code in ((403,) if role != "admin" else (404,)), role


def state(app, d):
    with app.app_context():
        design = db.session.get(Design, d)
        return (
            design.status,
            db.session.scalar(sa.select(sa.func.count()).select_from(AuditEvent)),
            db.session.scalar(sa.select(sa.func.count()).select_from(Review)),
        )


@pytest.mark.parametrize(
    "role", ["coauthor", "faculty", "reviewer", "other_reviewer", "organiser", "admin", "anonymous"]
)
def test_refused_posts_change_nothing(app, people, in_review, role):
    client = as_role(app, people, role)
    before = state(app, in_review)
    expected_author_only = 302 if role == "anonymous" else 403
    ratings = {f"rating_M0{i}": "3" for i in range(1, 7)}
    posts = {
        f"/designs/{in_review}/submit": expected_author_only if role != "coauthor" else 303,
        f"/designs/{in_review}/withdraw": expected_author_only,
        f"/review/designs/{in_review}": 302 if role == "anonymous" else (303 if role == "reviewer" else 403),
        f"/review/designs/{in_review}/decision": 302
        if role == "anonymous"
        else (303 if role == "reviewer" else 403),
    }
    if role == "coauthor":  # co-authors may withdraw (tested elsewhere); here: they cannot submit twice
        posts.pop(f"/designs/{in_review}/withdraw")
    if role == "reviewer":  # allowed, but an unknown decision: refused with a message on the page
        posts = {f"/review/designs/{in_review}/decision": 400}
    for url, expected in posts.items():
        data = (
            ratings
            if url.endswith(f"/{in_review}")
            else {"decision": "approve" if role != "reviewer" else "x"}
        )
        assert client.post(url, data=data).status_code == expected, (role, url)
    assert state(app, in_review) == before


def test_the_queue_lists_only_the_institutions_designs_not_ones_own(
    app, flow, people, make_design, make_person
):
    mine = make_design(people.reviewer)
    theirs = make_design(people.author)
    elsewhere_author = make_person(
        "faculty", email="far@else.example", name="Far Away", institution="Elsewhere University"
    )
    far = make_design(elsewhere_author)
    for d, who in ((mine, people.reviewer), (theirs, people.author), (far, elsewhere_author)):
        flow.submit(d, who)
    page = as_role(app, people, "reviewer").get("/review/queue").text
    assert f"/review/designs/{theirs}" in page
    assert f"/review/designs/{mine}" not in page and f"/review/designs/{far}" not in page
    admin_page = as_role(app, people, "admin").get("/review/queue").text
    assert all(f"/review/designs/{d}" in admin_page for d in (mine, theirs, far))
    outsider = as_role(app, people, "other_reviewer").get("/review/queue").text
    assert f"/review/designs/{far}" in outsider and f"/review/designs/{theirs}" not in outsider
