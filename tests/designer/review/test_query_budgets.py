"""SQL statements per page for the main pages, against budgets, and the proof that they do not grow with
the data: an N+1 (one query per row or round) shows up here long before it is slow in production."""

import pytest

from tests.conftest import login


def rounds_of_changes(flow, people, d, n):
    for _ in range(n):
        flow.submit(d, people.author)
        flow.review(d, people.reviewer)
        flow.decide(d, people.reviewer, "request_changes", "Add evidence.")
        flow.edit(d, people.author)


@pytest.fixture
def busy(flow, people, make_design):
    """A design approved after two rounds of changes, and a second design waiting for review."""
    d = make_design(people.author)
    rounds_of_changes(flow, people, d, 2)
    flow.submit(d, people.author)
    flow.review(d, people.reviewer)
    flow.review(d, people.reviewer2)
    flow.decide(d, people.reviewer, "approve")
    waiting = make_design(people.author)
    rounds_of_changes(flow, people, waiting, 1)
    flow.submit(waiting, people.author)
    return d, waiting


# (who, page) -> the most statements one view of the page may run (sign-in, the institution's rubric,
# the institution's time zone and logo (designer.institution.display), design, revisions, panels...).
BUDGETS = {
    ("author", "/designs"): 6,
    ("author", "/designs/{d}"): 10,
    ("author", "/designs/{waiting}"): 10,
    # + the check for another design with the same course code; + the latest round (its comments show
    # beside the fields while the authors revise)
    # + the managed departments the department is chosen from; + my autosaved copy of the screen (the
    # restore offer, designer.designs.autosave)
    ("author", "/designs/{d}/edit"): 10,
    ("author", "/designs/{d}/review-status"): 15,
    ("author", "/designs/{d}/history"): 11,
    ("reviewer", "/review/queue"): 11,  # + the reviews assigned to me (designer.approval)
    # + the approval stage of the open submission; + my autosaved draft, and my review of the previous
    # round with its ratings (the form starts from it); + the revision's date for the syllabus view
    ("reviewer", "/review/designs/{waiting}"): 23,
    ("reviewer", "/review/dashboard"): 10,  # + designs by department, and the managed departments
}


def counts(client, count_queries, people, ids) -> dict:
    result = {}
    for (who, page), _budget in BUDGETS.items():
        login(client, getattr(people, who))
        url = page.format(**ids)
        client.get(url)  # warm: what the first request of a process does once is not per page view
        with count_queries() as counted:
            response = client.get(url)
        assert response.status_code == 200, url
        result[(who, page)] = counted.n
    return result


def test_main_pages_stay_within_their_budgets_and_do_not_grow_with_rounds(
    client, count_queries, flow, people, busy, make_design
):
    d, waiting = busy
    before = counts(client, count_queries, people, {"d": d, "waiting": waiting})
    over = {page: (n, BUDGETS[page]) for page, n in before.items() if n > BUDGETS[page]}
    assert not over, f"over budget (statements, budget): {over}"
    for _ in range(3):  # three more designs in the lists and two more rounds on the waiting one
        make_design(people.author)
    flow.withdraw(waiting, people.author)
    rounds_of_changes(flow, people, waiting, 2)
    flow.submit(waiting, people.author)
    after = counts(client, count_queries, people, {"d": d, "waiting": waiting})
    assert after == before
