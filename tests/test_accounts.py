"""One sign-in system (django-allauth) and the roles: who reaches the Wagtail admin."""

import pytest
from django.contrib.auth.models import Group, User
from django.core import mail
from django.urls import resolve, reverse

from shop.roles import PRODUCT_ADMINS, STORE_STAFF
from tests import factories as f

pytestmark = pytest.mark.django_db


def test_sign_up_by_email_sends_a_verification_and_signs_in(client):
    response = client.post(
        reverse("account_signup"),
        {
            "email": "new@example.com",
            "password1": "a-long-new-password-42",
            "password2": "a-long-new-password-42",
        },
    )
    assert response.status_code == 302
    user = User.objects.get(email="new@example.com")
    assert client.get(reverse("customer:profile-view")).status_code == 200
    assert user.emailaddress_set.get().verified is False
    assert len(mail.outbox) == 1 and "new@example.com" in mail.outbox[0].to


def test_sign_up_rejects_a_taken_email_and_a_weak_password(client):
    f.UserFactory(email="anna@example.com")
    taken = client.post(
        reverse("account_signup"),
        {
            "email": "anna@example.com",
            "password1": "a-long-new-password-42",
            "password2": "a-long-new-password-42",
        },
    )
    assert taken.status_code == 200 and "email" in taken.context["form"].errors
    weak = client.post(reverse("account_signup"), {"email": "b@example.com", "password1": "123", "password2": "123"})
    assert weak.status_code == 200 and "password1" in weak.context["form"].errors
    assert not User.objects.filter(email="b@example.com").exists()


def test_sign_in_by_email_and_out(client):
    f.UserFactory(email="anna@example.com")
    response = client.post(reverse("account_login"), {"login": "anna@example.com", "password": f.PASSWORD})
    assert response.status_code == 302
    assert client.get(reverse("customer:profile-view")).status_code == 200
    client.post(reverse("account_logout"))
    assert client.get(reverse("customer:profile-view")).status_code == 302


def test_repeated_failed_sign_ins_are_throttled(client):
    f.UserFactory(email="anna@example.com")
    for _ in range(5):
        response = client.post(reverse("account_login"), {"login": "anna@example.com", "password": "wrong"})
        assert "password you specified are not correct" in response.content.decode()
    # From the sixth failure on, even the right password is refused until the window passes.
    response = client.post(reverse("account_login"), {"login": "anna@example.com", "password": f.PASSWORD})
    assert response.status_code == 200
    assert "Too many failed login attempts" in response.content.decode()
    assert client.get(reverse("customer:profile-view")).status_code == 302


@pytest.mark.parametrize(
    "oscar_url,allauth_name",
    [
        ("/accounts/register/", "account_signup"),
        ("/password-reset/", "account_reset_password"),
        ("/accounts/change-password/", "account_change_password"),
    ],
)
def test_oscars_sign_in_pages_lead_to_allauth(client, oscar_url, allauth_name):
    response = client.get(oscar_url)
    assert response.status_code == 302
    assert response["Location"] == reverse(allauth_name)


def test_oscars_login_and_logout_urls_are_allauths_views():
    from allauth.account.views import LoginView, LogoutView

    assert resolve(reverse("customer:login")).func.view_class is LoginView
    assert resolve(reverse("customer:logout")).func.view_class is LogoutView


def test_account_pages_send_anonymous_users_to_allauth_sign_in(client):
    response = client.get(reverse("customer:summary"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_roles_exist_with_their_permissions():
    admins = Group.objects.get(name=PRODUCT_ADMINS)
    assert admins.permissions.filter(codename="access_admin", content_type__app_label="wagtailadmin").exists()
    staff = Group.objects.get(name=STORE_STAFF)
    assert not staff.permissions.filter(codename="access_admin").exists()


def test_wagtail_admin_loads_for_a_product_admin(client):
    client.force_login(f.UserFactory(groups=[PRODUCT_ADMINS]))
    response = client.get("/cms/")
    assert response.status_code == 200
    assert b"Pohjola PIM" in response.content


@pytest.mark.parametrize("role", ["shopper", "store staff"])
def test_wagtail_admin_is_refused_to_shoppers_and_store_staff(client, role):
    user = f.UserFactory() if role == "shopper" else f.staff_member(f.StoreFactory())
    client.force_login(user)
    response = client.get("/cms/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    sign_in = client.get(response["Location"])
    assert sign_in.status_code == 200
    assert "You do not have permission to access the admin." in sign_in.content.decode()


def test_wagtail_admin_asks_anonymous_visitors_to_sign_in(client):
    response = client.get("/cms/")
    assert response.status_code == 302 and response["Location"] == reverse("account_login") + "?next=/cms/"
    assert client.get("/cms/login/?next=/cms/")["Location"] == reverse("account_login") + "?next=/cms/"


@pytest.mark.parametrize(
    "url,answer",
    [("/dashboard/", 403), ("/dashboard/catalogue/categories/", 403), ("/dashboard/reports/", 403)],
)
def test_a_product_admins_staff_flag_opens_nothing_of_oscars_dashboard(client, url, answer):
    client.force_login(f.UserFactory(groups=[PRODUCT_ADMINS], is_staff=True))
    assert client.get(url).status_code == answer
    assert client.get("/django-admin/")["Location"].startswith("/django-admin/login/")
    home = client.get("/").content.decode()
    assert 'href="/cms/"' in home and "/dashboard/" not in home  # the header leads to the PIM


def test_store_staff_get_nothing_of_oscars_dashboard(client):
    client.force_login(f.staff_member(f.StoreFactory()))
    assert client.get("/dashboard/orders/").status_code == 403
    assert 'href="/cms/"' not in client.get("/").content.decode()


def test_superusers_reach_oscars_dashboard_and_django_admin(client):
    client.force_login(User.objects.create_superuser("root", "root@example.com", f.PASSWORD))
    for url in ("/dashboard/", "/dashboard/orders/", "/dashboard/catalogue/categories/", "/django-admin/"):
        assert client.get(url).status_code == 200, url
