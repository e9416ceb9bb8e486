"""The main navigation, by role. Features add their entries to NAV_ITEMS."""

from dataclasses import dataclass

from flask import Flask, request, url_for
from flask_login import current_user

from designer.models import Role


@dataclass(frozen=True)
class NavItem:
    endpoint: str
    label: str
    roles: tuple[Role, ...]


NAV_ITEMS = [
    NavItem("home.tasks", "My tasks", (Role.FACULTY, Role.REVIEWER, Role.ORGANISER, Role.ADMIN)),
    NavItem("designs.index", "My designs", (Role.FACULTY, Role.REVIEWER, Role.ADMIN)),
    NavItem("designs.new", "New design", (Role.FACULTY, Role.REVIEWER, Role.ADMIN)),
    NavItem("designs.import_design", "Import", (Role.FACULTY, Role.REVIEWER, Role.ADMIN)),
    NavItem("review.queue", "Review queue", (Role.REVIEWER, Role.ADMIN)),
    NavItem("review.dashboard", "Committee dashboard", (Role.REVIEWER, Role.ADMIN)),
    NavItem("exports.catalogue_page", "Approved catalogue",
            (Role.ORGANISER, Role.REVIEWER, Role.ADMIN, Role.FACULTY)),
    NavItem("exports.packs_page", "Syllabi packs", (Role.ORGANISER, Role.REVIEWER, Role.ADMIN)),
    NavItem("admin.people_page", "People", (Role.ADMIN,)),
]


def nav_items() -> list[dict]:
    """The entries the current user may use, marking the current page."""
    if not current_user.is_authenticated:
        return []
    items = []
    for item in NAV_ITEMS:
        if current_user.has_role(*item.roles):
            url = url_for(item.endpoint)
            items.append({"url": url, "label": item.label, "current": request.path == url})
    return items


def init_app(app: Flask) -> None:
    """Make nav_items() available in every template."""
    app.jinja_env.globals["nav_items"] = nav_items
