"""The smallest browser journey: log in and see one's designs, accessibly."""

from tests.e2e.conftest import assert_accessible, log_in


def test_login_and_list_is_accessible(page, make_user, make_design):
    user_id = make_user("faculty", email="asha@test.example")
    make_design(user_id)
    log_in(page, "asha@test.example")
    assert page.get_by_role("link", name="Digital Marketing Analytics Essentials").is_visible()
    assert_accessible(page)
