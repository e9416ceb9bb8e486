"""The route x role matrix (issue 8): every route, as anonymous, owner, co-author, other faculty, reviewer
of the institution, reviewer of another institution, organiser and admin, against designs that are a
draft, submitted and approved. The expected outcome of every cell is written out below, not derived
from designer.designs.permissions, so a change of the rules has to change this table too."""

import pytest
import sqlalchemy as sa

from designer.designs import services as design_services
from designer.extensions import db
from designer.models import AuditEvent, Design, DesignRevision, Review, User, design_coauthors
from tests.conftest import login

ROLES = ["anonymous", "owner", "coauthor", "faculty", "reviewer", "other_reviewer", "organiser", "admin"]
STATES = ["draft", "submitted", "approved"]
AUTHORS = {"owner", "coauthor"}
OK, DENIED = "ok", "denied"  # ok: 200 (or a redirect within the app); denied: 403 or 404


@pytest.fixture
def world(app, flow, people, make_design):
    """One design per state, owned by `author` with `coauthor`; ids by state, and user ids by role."""
    ids = {}
    for state in STATES:
        design_id = make_design(people.author)
        with app.app_context():
            design = db.session.get(Design, design_id)
            design_services.add_coauthor(db.session, design, db.session.get(User, people.author),
                                         db.session.get(User, people.coauthor))
            db.session.commit()
        if state == "submitted":
            flow.submit(design_id, people.author)
        if state == "approved":
            flow.approve(design_id, people.author, people.reviewer2)
        ids[state] = design_id
    users = {"owner": people.author, "coauthor": people.coauthor, "faculty": people.faculty,
             "reviewer": people.reviewer, "other_reviewer": people.other_reviewer,
             "organiser": people.organiser, "admin": people.admin}
    return ids, users


def _client(app, users, role):
    client = app.test_client()
    if role != "anonymous":
        login(client, users[role])
    return client


def _outcome(response) -> str:
    if response.status_code in (401, 403, 404):
        return DENIED
    if response.status_code == 302 and "/login" in (response.location or ""):
        return "login"
    assert response.status_code < 500, response.status_code
    return OK if response.status_code in (200, 302, 303) else str(response.status_code)


# --- design pages: who may open each, per state (roles not named are denied; anonymous -> login) ---

VIEWERS = {  # can_view
    "draft": AUTHORS | {"admin"},
    "submitted": AUTHORS | {"admin", "reviewer"},
    "approved": AUTHORS | {"admin", "reviewer", "organiser", "faculty"},  # faculty: the approved revision
}
TRAIL = {  # the review trail: authors, the institution's committee, admins; never organisers
    "draft": AUTHORS | {"admin"},
    "submitted": AUTHORS | {"admin", "reviewer"},
    "approved": AUTHORS | {"admin", "reviewer"},
}
WORKING_COPY = TRAIL  # draft preview: whoever may see work in progress
APPROVED_EXPORT = {  # syllabus PDF and badge: the approved revision, for every pack role too
    "draft": set(), "submitted": set(),
    "approved": AUTHORS | {"admin", "reviewer", "other_reviewer", "organiser", "faculty"},
}
REVIEW_PAGE = {"draft": set(), "submitted": {"reviewer", "admin"}, "approved": {"reviewer", "admin"}}
EDITOR = {"draft": AUTHORS, "submitted": AUTHORS, "approved": AUTHORS}  # submitted: redirect to the page

DESIGN_GETS = {
    "/designs/{id}": VIEWERS,
    "/designs/{id}/export.json": VIEWERS,
    "/designs/{id}/edit": EDITOR,
    "/designs/{id}/review-status": TRAIL,
    "/designs/{id}/history": TRAIL,
    "/designs/{id}/audit.csv": TRAIL,
    "/review/designs/{id}": REVIEW_PAGE,
    "/designs/{id}/preview.pdf": WORKING_COPY,
    "/designs/{id}/syllabus.pdf": APPROVED_EXPORT,
    "/designs/{id}/badge.json": APPROVED_EXPORT,
    "/designs/{id}/badge.svg": APPROVED_EXPORT,
    "/designs/{id}/export/ob3": APPROVED_EXPORT,
}


def _not_approved_redirect(url, state, role):
    # Exports of a design without an approved revision explain themselves on the design page
    # (a redirect) to those who may view it.
    return APPROVED_EXPORT is DESIGN_GETS[url] and state != "approved" and role in VIEWERS[state]


def test_design_pages_by_role_and_state(app, world):
    ids, users = world
    mismatches = []
    for role in ROLES:
        client = _client(app, users, role)
        for url, allowed in DESIGN_GETS.items():
            for state in STATES:
                got = _outcome(client.get(url.format(id=ids[state])))
                if role == "anonymous":
                    want = "login"
                elif role in allowed[state] or _not_approved_redirect(url, state, role):
                    want = OK
                else:
                    want = DENIED
                if got != want:
                    mismatches.append(f"{role:15} {state:10} {url}: {got}, expected {want}")
    assert not mismatches, "\n".join(mismatches)


# --- pages without a design ---

LOGGED_IN = set(ROLES) - {"anonymous"}
AUTHOR_ROLES = {"owner", "coauthor", "faculty", "reviewer", "other_reviewer", "admin"}
COMMITTEE = {"reviewer", "other_reviewer", "admin"}
PACK_ROLES = {"reviewer", "other_reviewer", "organiser", "admin"}
PAGES = {
    "/designs": LOGGED_IN,
    "/designs/new": AUTHOR_ROLES,
    "/designs/import": AUTHOR_ROLES,
    "/notifications": LOGGED_IN,
    "/account/password": LOGGED_IN,
    "/review/queue": COMMITTEE,
    "/review/dashboard": COMMITTEE,
    "/catalogue": LOGGED_IN,  # faculty browse their institution's approved designs too
    "/packs": PACK_ROLES,
    "/admin/people": {"admin"},
    "/admin/audit": {"admin"},
    "/admin/audit.csv": {"admin"},
    "/admin/institution": {"admin"},
    "/admin/departments": {"admin"},
    "/admin/rubrics": {"admin"},
    "/admin/approval-route": {"admin"},
}


def test_pages_by_role(app, world):
    _, users = world
    mismatches = []
    for role in ROLES:
        client = _client(app, users, role)
        for url, allowed in PAGES.items():
            got = _outcome(client.get(url))
            want = "login" if role == "anonymous" else OK if role in allowed else DENIED
            if got != want:
                mismatches.append(f"{role:15} {url}: {got}, expected {want}")
    assert not mismatches, "\n".join(mismatches)


def test_the_login_page_and_health_are_public(app):
    client = app.test_client()
    assert client.get("/login").status_code == 200
    assert client.get("/healthz").status_code == 200


# --- state-changing posts: refused ones change nothing ---

def _fingerprint(app) -> tuple:
    with app.app_context():
        rows = db.session.execute(sa.select(Design.id, Design.status, Design.latest_revision,
                                            Design.approved_revision_id).order_by(Design.id)).all()
        return (tuple(rows),
                db.session.scalar(sa.select(sa.func.count()).select_from(DesignRevision)),
                db.session.scalar(sa.select(sa.func.count()).select_from(Review)),
                db.session.scalar(sa.select(sa.func.count()).select_from(AuditEvent)),
                tuple(db.session.execute(sa.select(design_coauthors)).all()))


POSTS = {  # url -> (form data, roles that may, per state)
    "/designs/{id}/edit": ({"title": "Changed", "base_revision": "{rev}"},
                           {"draft": AUTHORS, "submitted": set(), "approved": AUTHORS}),
    "/designs/{id}/submit": ({"base_revision": "{rev}"},
                             {"draft": AUTHORS, "submitted": set(), "approved": set()}),
    "/designs/{id}/withdraw": ({}, {"draft": set(), "submitted": AUTHORS, "approved": set()}),
    "/designs/{id}/delete": ({}, {"draft": {"owner"}, "submitted": set(), "approved": set()}),
    "/designs/{id}/coauthors": ({"email": "other-faculty@test.example"},
                                {"draft": {"owner"}, "submitted": set(), "approved": {"owner"}}),
    "/designs/{id}/coauthors/{coauthor}/remove": ({}, {"draft": {"owner"}, "submitted": set(),
                                                       "approved": {"owner"}}),
    "/review/designs/{id}/decision": ({"decision": "approve"}, {"draft": set(), "submitted": set(),
                                                               "approved": set()}),
}


@pytest.mark.parametrize("role", ROLES)
def test_refused_posts_change_nothing(app, world, role):
    """Every post a role may not make (or that the state does not allow) leaves the database as it was."""
    ids, users = world
    with app.app_context():
        revs = {state: db.session.get(Design, ids[state]).latest_revision for state in STATES}
    client = _client(app, users, role)
    for url, (data, allowed) in POSTS.items():
        for state in STATES:
            if role in allowed[state]:
                continue
            before = _fingerprint(app)
            form = {k: v.format(rev=revs[state]) for k, v in data.items()}
            response = client.post(url.format(id=ids[state], coauthor=users["coauthor"]), data=form)
            assert response.status_code < 500, (role, state, url)
            assert _fingerprint(app) == before, (role, state, url, response.status_code)


# --- the editor's autosaved copy (issue 11): only whoever may edit the design now keeps one ---

AUTOSAVE = {"draft": AUTHORS, "submitted": set(), "approved": AUTHORS}  # as the editor's Save
DISCARD_COPY = {"draft": AUTHORS, "submitted": AUTHORS, "approved": AUTHORS}  # my own copy, any state


def test_autosave_and_discard_by_role_and_state(app, world):
    from designer.models import EditorAutosave

    ids, users = world
    mismatches = []
    for role in ROLES:
        client = _client(app, users, role)
        for state in STATES:
            response = client.post(f"/designs/{ids[state]}/autosave", data={"title": "Typed"})
            with app.app_context():
                kept = db.session.scalar(sa.select(sa.func.count()).select_from(EditorAutosave)
                                         .where(EditorAutosave.design_id == ids[state]))
            got = (OK if response.status_code == 200 and kept == 1
                   else DENIED if response.status_code in (401, 403, 404, 409) and kept == 0
                   else f"{response.status_code} with {kept} copies")
            want = OK if role in AUTOSAVE[state] else DENIED
            if got != want:
                mismatches.append(f"{role:15} {state:10} autosave: {got}, expected {want}")
            response = client.post(f"/designs/{ids[state]}/autosave/discard")
            got = _outcome(response)
            want = "login" if role == "anonymous" else OK if role in DISCARD_COPY[state] else DENIED
            if got != want:
                mismatches.append(f"{role:15} {state:10} discard: {got}, expected {want}")
    assert not mismatches, "\n".join(mismatches)


def test_new_design_autosave_and_discard_by_role(app, world):
    """The new-design editor's copy (one slot per person): whoever may start designs, nobody else."""
    from designer.models import EditorNewAutosave

    _, users = world
    mismatches = []
    for role in ROLES:
        client = _client(app, users, role)
        response = client.post("/designs/new/autosave", data={"title": "Typed"})
        with app.app_context():
            kept = db.session.scalar(sa.select(sa.func.count()).select_from(EditorNewAutosave).where(
                EditorNewAutosave.user_id == users.get(role, 0)))
        got = (OK if response.status_code == 200 and kept == 1
               else DENIED if response.status_code in (401, 403) and kept == 0
               else f"{response.status_code} with {kept} copies")
        want = OK if role in AUTHOR_ROLES else DENIED
        if got != want:
            mismatches.append(f"{role:15} new autosave: {got}, expected {want}")
        response = client.post("/designs/new/autosave/discard")
        got = _outcome(response)
        want = "login" if role == "anonymous" else OK if role in AUTHOR_ROLES else DENIED
        if got != want:
            mismatches.append(f"{role:15} new discard: {got}, expected {want}")
        with app.app_context():
            left = db.session.scalar(sa.select(sa.func.count()).select_from(EditorNewAutosave).where(
                EditorNewAutosave.user_id == users.get(role, 0)))
        if left:
            mismatches.append(f"{role:15} new discard left {left} copies")
    assert not mismatches, "\n".join(mismatches)


def test_a_reviewer_of_another_institution_cannot_review_or_decide(app, world):
    ids, users = world
    client = _client(app, users, "other_reviewer")
    before = _fingerprint(app)
    assert client.post(f"/review/designs/{ids['submitted']}", data={}).status_code in (403, 404)
    assert client.post(f"/review/designs/{ids['submitted']}/decision", data={"decision": "approve"}
                       ).status_code in (403, 404)
    assert _fingerprint(app) == before


def test_every_route_is_in_the_matrix(app):
    """A new route must be classified here (or in the public list) before it ships."""
    covered = {u.split("?")[0] for u in DESIGN_GETS} | set(PAGES) | {u for u in POSTS}
    public = {"/", "/login", "/logout", "/healthz", "/readyz", "/static/<path:filename>", "/login/sso",
              "/login/sso/callback", "/password/forgot", "/password/reset/<secret>", "/invitation/<secret>",
              "/catalogue/public", "/catalogue/public/designs/<int:design_id>/r<int:revision>",
              "/catalogue/public/designs/<int:design_id>/r<int:revision>/<name>",
              "/catalogue/public/levels/<framework>/<value>"}
    elsewhere = {  # tested in their own packages' permission tests
        "/admin/departments/<int:department_id>",
        "/admin/departments/<int:department_id>/<any(retire, restore):action>",
        "/admin/people/<int:user_id>", "/admin/people/<int:user_id>/deactivate",
        "/admin/people/<int:user_id>/invite-again", "/admin/people/<int:user_id>/reactivate",
        "/admin/people/import", "/admin/people/invite", "/admin/rubrics/<rubric_id>",
        "/admin/rubrics/<rubric_id>/default", "/admin/rubrics/versions/<int:upload_id>.toml",
        "/institution/<int:profile_id>/logo", "/designs/<int:design_id>/clone",
        "/designs/<int:design_id>/resolve",
        "/packs/<int:job_id>", "/packs/<int:job_id>/pack.pdf", "/packs/<int:job_id>/status.json",
        "/notifications/read", "/designs/<int:design_id>/badge.<any(svg, png):kind>",
        "/designs/<int:design_id>/export/<fmt>",
        "/admin/approval-route/<int:stage_id>", "/admin/approval-route/<int:stage_id>/remove",
        "/admin/approval-route/restart", "/review/designs/<int:design_id>/assign",
        "/admin/approval-route/<int:stage_id>/move/<direction>",  # approval/test_stages.py
        # issue 11 (tests/designer/designs/test_delete_restore.py, review/test_review_form.py,
        # review/test_notify_email.py, home/test_tasks.py)
        "/tasks", "/account/notifications", "/designs/deleted", "/designs/<int:design_id>/restore",
        "/review/designs/<int:design_id>/draft",
        # issue 11, editor autosave: test_autosave_and_discard_by_role_and_state above
        "/designs/<int:design_id>/autosave", "/designs/<int:design_id>/autosave/discard",
        # and the new-design slot: test_new_design_autosave_and_discard_by_role above
        "/designs/new/autosave", "/designs/new/autosave/discard",
    }
    import re

    def pattern(url: str) -> str:
        names = {"id": "<int:design_id>", "coauthor": "<int:user_id>"}
        return re.sub(r"\{(id|coauthor)\}", lambda m: names[m[1]], url)

    known = {pattern(u) for u in covered} | public | elsewhere
    missing = sorted(r.rule for r in app.url_map.iter_rules() if r.rule not in known)
    assert not missing, "\n".join(missing)
