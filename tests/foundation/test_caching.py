"""Whole pages cached for anonymous visitors: served without a query, left behind at once when
content changes, never shared with a session, answered 304 when the visitor has them already."""

import os
import uuid
from itertools import count

import pytest
from django.conf import settings
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.http import HttpResponse
from django.template import engines
from django.test.utils import CaptureQueriesContext
from django.urls import path, reverse
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.views.decorators.cache import never_cache

from cooperation_portal import operations
from cooperation_portal.caching import (
    CONTENT_VERSION_KEY,
    STATUS_HEADER,
    bump_content_version,
    one_content_change,
)
from cooperation_portal.settings import cache_from_url
from projects.models import Project
from tests.factories import (
    DRAFT,
    PUBLISHED,
    CountryFactory,
    OrganisationFactory,
    ParticipationFactory,
    ProjectFactory,
)

LIST = "/en/projects/"
PARTNERS = "/en/partners/"


def project_page(project) -> str:
    return f"/en/projects/{project.slug}/"


def text(response) -> str:
    return response.content.decode()


def rendered(client, url: str, **kwargs):
    """GET `url`, and whether the page was rendered (ran queries) rather than served from the
    cache."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, **kwargs)
    return response, len(queries.captured_queries) > 0


def cached(client, url: str, **kwargs) -> str:
    """The page at `url`, once it is in the cache: a second visit is served from it."""
    client.get(url, **kwargs)
    response = client.get(url, **kwargs)
    assert response[STATUS_HEADER] == "hit", f"{url} was not cached"
    return text(response)


def directives(header: str) -> set[str]:
    return {part.strip() for part in header.split(",") if part.strip()}


# Served from the cache ----------------------------------------------------------------------


@pytest.mark.django_db
def test_a_second_anonymous_visit_is_served_from_the_cache_without_a_query(
    client, django_assert_num_queries
):
    ProjectFactory(title_en="Water in Bukavu")
    first = client.get(LIST)
    assert first[STATUS_HEADER] == "miss"
    with django_assert_num_queries(0):
        second = client.get(LIST)
    assert second.status_code == 200
    assert second[STATUS_HEADER] == "hit"
    assert second.content == first.content
    assert "Water in Bukavu" in text(second)


@pytest.mark.django_db
def test_a_head_request_is_answered_from_the_page_a_get_stored(client, django_assert_num_queries):
    client.get(LIST)
    with django_assert_num_queries(0):
        response = client.head(LIST)
    assert response.status_code == 200
    assert response[STATUS_HEADER] == "hit"


@pytest.mark.django_db
def test_the_htmx_partial_and_the_whole_page_are_cached_separately(client):
    ProjectFactory(title_en="Water in Bukavu")
    htmx = {"HX-Request": "true"}
    partial = client.get(LIST, headers=htmx)
    whole = client.get(LIST)
    assert "<html" not in text(partial) and "Water in Bukavu" in text(partial)
    assert "<html" in text(whole)
    assert whole[STATUS_HEADER] == "miss"

    partial_again, was_rendered = rendered(client, LIST, headers=htmx)
    assert not was_rendered and "<html" not in text(partial_again)
    # htmx restoring its history asks for the whole page, with HX-Request too.
    restore = {"HX-Request": "true", "HX-History-Restore-Request": "true"}
    restored, was_rendered = rendered(client, LIST, headers=restore)
    assert was_rendered and "<html" in text(restored)


@pytest.mark.django_db
def test_each_language_and_each_query_string_is_cached_separately(client):
    ProjectFactory()
    english = client.get(LIST)
    french = client.get("/fr/projects/")
    filtered = client.get(LIST, {"status": "ongoing"})
    assert '<html lang="en">' in text(english)
    assert '<html lang="fr">' in text(french)
    assert french[STATUS_HEADER] == filtered[STATUS_HEADER] == "miss"
    assert rendered(client, "/fr/projects/")[1] is False


@pytest.mark.django_db
def test_a_404_is_never_cached(client):
    for _ in range(2):
        response, was_rendered = rendered(client, "/en/projects/no-such-project/")
        assert response.status_code == 404
        assert was_rendered
        assert STATUS_HEADER not in response
        assert "public" not in response.get("Cache-Control", "")


@pytest.mark.django_db
def test_the_redirect_from_the_root_follows_each_visitor_s_language(client):
    french = client.get("/", headers={"Accept-Language": "fr"})
    english = client.get("/", headers={"Accept-Language": "en"})
    assert french.status_code == english.status_code == 302
    assert french["Location"] == "/fr/"
    assert english["Location"] == "/en/"
    assert STATUS_HEADER not in english


@pytest.mark.django_db
def test_the_health_check_is_never_cached(client, monkeypatch):
    # It asks the database in a thread of its own (cooperation_portal.operations): counted here.
    asked = []
    monkeypatch.setattr(
        operations, "database_answers", lambda timeout: asked.append(1) or (True, "")
    )
    for _ in range(2):
        response = client.get("/healthz")
        assert response.status_code == 200
        assert STATUS_HEADER not in response
    assert len(asked) == 2


@pytest.mark.django_db
def test_with_page_cache_seconds_at_0_pages_are_rendered_each_time(client, settings):
    settings.PAGE_CACHE_SECONDS = 0
    client.get(LIST)
    response, was_rendered = rendered(client, LIST)
    assert was_rendered
    assert "public" in directives(response["Cache-Control"])


# Left behind at once when content changes ---------------------------------------------------


@pytest.mark.django_db
def test_publishing_a_project_shows_it_at_once_on_the_list_and_its_page(client):
    project = ProjectFactory(title_en="Water in Bukavu", publication_status=DRAFT)
    assert "Water in Bukavu" not in cached(client, LIST)
    assert client.get(project_page(project)).status_code == 404
    project.publication_status = PUBLISHED
    project.save()
    assert "Water in Bukavu" in text(client.get(LIST))
    assert client.get(project_page(project)).status_code == 200


@pytest.mark.django_db
def test_moving_a_project_back_to_draft_hides_it_at_once(client):
    project = ProjectFactory(title_en="Water in Bukavu")
    assert "Water in Bukavu" in cached(client, LIST)
    assert "Water in Bukavu" in cached(client, project_page(project))
    project.publication_status = DRAFT
    project.save()
    assert "Water in Bukavu" not in text(client.get(LIST))
    assert client.get(project_page(project)).status_code == 404


@pytest.mark.django_db
def test_a_new_title_shows_at_once_on_the_list_and_on_the_project_page(client):
    project = ProjectFactory(title_en="Water in Bukavu")
    cached(client, LIST), cached(client, project_page(project))
    project.title_en = "Clean water in Goma"
    project.save()
    for url in (LIST, project_page(project)):
        content = text(client.get(url))
        assert "Clean water in Goma" in content and "Water in Bukavu" not in content


@pytest.mark.django_db
def test_a_renamed_organisation_shows_at_once_on_the_partners_list_and_its_projects(client):
    organisation = OrganisationFactory(name_en="Université de Kinshasa")
    project = ParticipationFactory(organisation=organisation).project
    assert "Université de Kinshasa" in cached(client, PARTNERS)
    assert "Université de Kinshasa" in cached(client, project_page(project))
    organisation.name_en = "University of Kinshasa"
    organisation.save()
    assert "University of Kinshasa" in text(client.get(PARTNERS))
    assert "University of Kinshasa" in text(client.get(project_page(project)))


@pytest.mark.django_db
def test_a_deleted_project_leaves_the_list_at_once(client):
    project = ProjectFactory(title_en="Water in Bukavu")
    assert "Water in Bukavu" in cached(client, LIST)
    project.delete()
    assert "Water in Bukavu" not in text(client.get(LIST))


@pytest.mark.django_db
def test_links_set_through_many_to_many_show_at_once(client):
    project = ProjectFactory()
    benin = CountryFactory(code="BJ")
    assert project.title not in cached(client, LIST, data={"country": "BJ"})
    project.countries.add(benin)  # through the project's own link model: no save signal
    assert project.title in text(client.get(LIST, {"country": "BJ"}))

    assert "midwifery" not in cached(client, project_page(project))
    project.keywords.add("midwifery")  # django-taggit
    assert 'href="/en/projects/?tag=midwifery"' in text(client.get(project_page(project)))


@pytest.mark.django_db
def test_the_admin_s_bulk_publish_and_draft_actions_show_at_once(client, admin_client):
    project = ProjectFactory(title_en="Water in Bukavu", publication_status=DRAFT, complete=True)
    changelist = reverse("admin:projects_project_changelist")
    assert "Water in Bukavu" not in cached(client, LIST)
    admin_client.post(
        changelist, {"action": "publish_selected", ACTION_CHECKBOX_NAME: [project.pk]}
    )
    assert "Water in Bukavu" in cached(client, LIST)
    admin_client.post(
        changelist, {"action": "move_back_to_draft", ACTION_CHECKBOX_NAME: [project.pk]}
    )
    assert "Water in Bukavu" not in text(client.get(LIST))


@pytest.mark.django_db
def test_a_write_that_sends_no_signal_shows_once_it_bumps_the_content_version(client):
    project = ProjectFactory(title_en="Water in Bukavu")
    client.get(LIST)
    Project.objects.filter(pk=project.pk).update(title_en="Clean water in Goma")
    assert "Water in Bukavu" in text(client.get(LIST))  # update() sends no signal
    bump_content_version()
    assert "Clean water in Goma" in text(client.get(LIST))


@pytest.mark.django_db
def test_writes_batched_into_one_content_change_show_when_the_batch_ends(client):
    """`load_demo` bumps the content version once for its hundreds of rows: the pages cached
    before keep being served while it writes, and none of them once it is done."""
    project = ProjectFactory(title_en="Water in Bukavu")
    client.get(LIST)
    version = cache.get(CONTENT_VERSION_KEY)
    with one_content_change():
        project.title_en = "Clean water in Goma"
        project.save()
        ProjectFactory(title_en="Schools in Kindu")
        assert cache.get(CONTENT_VERSION_KEY) == version
    page = text(client.get(LIST))
    assert "Clean water in Goma" in page and "Schools in Kindu" in page
    assert "Water in Bukavu" not in page


@pytest.mark.django_db
def test_a_batch_that_fails_bumps_nothing():
    version = cache.get(CONTENT_VERSION_KEY)
    with pytest.raises(RuntimeError), one_content_change():
        ProjectFactory()
        raise RuntimeError("the import failed")
    assert cache.get(CONTENT_VERSION_KEY) == version


@pytest.mark.django_db
def test_the_version_is_bumped_again_when_the_transaction_commits(
    client, django_capture_on_commit_callbacks
):
    project = ProjectFactory()
    with django_capture_on_commit_callbacks() as callbacks:
        project.title_en = "Clean water in Goma"
        project.save()
        # A page rendered before the commit (elsewhere, from the rows before the edit) ...
        client.get(LIST)
        assert rendered(client, LIST)[1] is False
    assert callbacks
    for callback in callbacks:
        callback()
    # ... is never read once the edit is committed.
    assert rendered(client, LIST)[1] is True


@pytest.mark.django_db
def test_a_lost_content_version_never_brings_old_pages_back(client):
    client.get(LIST)
    cache.delete(CONTENT_VERSION_KEY)
    response, was_rendered = rendered(client, LIST)
    assert was_rendered and response[STATUS_HEADER] == "miss"


# Never shared with a session ----------------------------------------------------------------


@pytest.mark.django_db
def test_staff_always_get_a_fresh_page_marked_private(client, admin_client):
    project = ProjectFactory(title_en="Water in Bukavu")
    client.get(LIST)
    # A write that sends no signal leaves the visitors' copy behind the database...
    Project.objects.filter(pk=project.pk).update(title_en="Clean water in Goma")
    staff, was_rendered = rendered(admin_client, LIST)
    # ... but staff never read that copy.
    assert was_rendered and "Clean water in Goma" in text(staff)
    assert STATUS_HEADER not in staff
    assert {"private", "no-cache"} <= directives(staff["Cache-Control"])
    assert "public" not in directives(staff["Cache-Control"])
    assert "Water in Bukavu" in text(client.get(LIST))


@pytest.mark.django_db
def test_a_page_made_for_staff_is_never_stored_for_visitors(client, admin_client):
    admin_client.get(LIST)
    response, was_rendered = rendered(client, LIST)
    assert was_rendered and response[STATUS_HEADER] == "miss"


@pytest.mark.django_db
def test_any_request_with_a_session_cookie_bypasses_the_cache(client):
    client.get(LIST)
    client.cookies[settings.SESSION_COOKIE_NAME] = "a-session-the-site-gave"
    response, was_rendered = rendered(client, LIST)
    assert was_rendered and response.status_code == 200
    assert {"private", "no-cache"} <= directives(response["Cache-Control"])
    client.cookies.pop(settings.SESSION_COOKIE_NAME)
    assert rendered(client, LIST)[1] is False


@pytest.mark.django_db
def test_the_admin_is_never_cached(client):
    for _ in range(2):
        response = client.get("/admin/login/")
        assert response.status_code == 200
        assert STATUS_HEADER not in response


# Headers: Cache-Control, Vary, ETag and 304 -------------------------------------------------


@pytest.mark.django_db
def test_anonymous_pages_may_be_reused_briefly_by_browsers_and_proxies(client, settings):
    response = client.get(LIST)
    assert directives(response["Cache-Control"]) == {"public", "max-age=60"}
    settings.PAGE_BROWSER_MAX_AGE = 30
    bump_content_version()
    assert directives(client.get(LIST)["Cache-Control"]) == {"public", "max-age=30"}


@pytest.mark.django_db
def test_pages_vary_on_htmx_and_sessions_not_on_the_language_in_their_address(client):
    project = ProjectFactory()
    listing = client.get(LIST)
    assert directives(listing["Vary"]) == {"HX-Request", "HX-History-Restore-Request", "Cookie"}
    assert directives(client.get(project_page(project))["Vary"]) == {"Cookie"}
    # A page without the language in its address depends on the visitor's language.
    assert "Accept-Language" in directives(client.get("/robots.txt")["Vary"])


@pytest.mark.django_db
def test_a_matching_if_none_match_is_answered_304_from_the_cache_and_after_a_render(
    client, django_assert_num_queries
):
    project = ProjectFactory()
    etag = client.get(project_page(project))["ETag"]
    assert etag
    with django_assert_num_queries(0):
        from_the_cache = client.get(project_page(project), headers={"If-None-Match": etag})
    assert from_the_cache.status_code == 304
    assert from_the_cache.content == b""
    assert from_the_cache["ETag"] == etag

    bump_content_version()
    after_a_render, was_rendered = rendered(
        client, project_page(project), headers={"If-None-Match": etag}
    )
    assert was_rendered and after_a_render.status_code == 304


@pytest.mark.django_db
def test_an_old_etag_gets_the_new_page_after_an_edit(client):
    project = ProjectFactory(title_en="Water in Bukavu")
    cached(client, project_page(project))
    etag = client.get(project_page(project))["ETag"]
    project.title_en = "Clean water in Goma"
    project.save()
    response = client.get(project_page(project), headers={"If-None-Match": etag})
    assert response.status_code == 200
    assert "Clean water in Goma" in text(response)
    assert response["ETag"] != etag


# Responses that must not be shared (views of this module's own URLconf) ---------------------

renders = count()


def plain(request):
    return HttpResponse(f"render {next(renders)}")


def sets_a_cookie(request):
    response = plain(request)
    response.set_cookie("flavour", "chocolate")
    return response


def private(request):
    response = plain(request)
    patch_cache_control(response, private=True)
    return response


@never_cache
def never_cached(request):
    return plain(request)


def varies_on_the_browser(request):
    response = plain(request)
    patch_vary_headers(response, ["User-Agent"])
    return response


def form_with_csrf_token(request):
    template = engines["django"].from_string("<form method='post'>{% csrf_token %}</form>")
    return HttpResponse(template.render({}, request) + f"render {next(renders)}")


def short_lived(request):
    response = plain(request)
    patch_cache_control(response, max_age=int(request.GET["seconds"]))
    return response


urlpatterns = [
    path("plain/", plain),
    path("sets-a-cookie/", sets_a_cookie),
    path("private/", private),
    path("never-cached/", never_cached),
    path("varies-on-the-browser/", varies_on_the_browser),
    path("form/", form_with_csrf_token),
    path("short-lived/", short_lived),
]


@pytest.mark.urls(__name__)
def test_a_plain_anonymous_page_is_stored(client):
    assert client.get("/plain/").content == client.get("/plain/").content


@pytest.mark.urls(__name__)
@pytest.mark.parametrize(
    "url", ["/sets-a-cookie/", "/private/", "/never-cached/", "/varies-on-the-browser/"]
)
def test_a_page_that_sets_a_cookie_is_private_or_varies_on_other_headers_is_not_stored(client, url):
    first, second = client.get(url), client.get(url)
    assert first.content != second.content
    assert STATUS_HEADER not in second


@pytest.mark.urls(__name__)
def test_a_page_with_a_csrf_token_is_never_stored_even_for_a_visitor_with_the_cookie(client):
    first = client.get("/form/")
    assert settings.CSRF_COOKIE_NAME in first.cookies
    # The visitor now sends the cookie; the token is still sent back with it each time.
    second = client.get("/form/")
    assert settings.CSRF_COOKIE_NAME in second.cookies
    assert first.content != second.content
    assert STATUS_HEADER not in second


@pytest.mark.urls(__name__)
def test_a_view_s_own_max_age_shortens_both_lifetimes(client):
    assert client.get("/short-lived/?seconds=0").content != (
        client.get("/short-lived/?seconds=0").content
    )
    response = client.get("/short-lived/?seconds=30")
    assert directives(response["Cache-Control"]) == {"public", "max-age=30"}
    assert client.get("/short-lived/?seconds=30").content == response.content


# Cache backends -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "backend", "location"),
    [
        ("locmem://", "django.core.cache.backends.locmem.LocMemCache", "portal"),
        ("locmem://elsewhere", "django.core.cache.backends.locmem.LocMemCache", "elsewhere"),
        ("dummy://", "django.core.cache.backends.dummy.DummyCache", None),
        (
            "redis://127.0.0.1:6379/2",
            "django.core.cache.backends.redis.RedisCache",
            "redis://127.0.0.1:6379/2",
        ),
        (
            "rediss://:secret@cache.example.org:6380/0",
            "django.core.cache.backends.redis.RedisCache",
            "rediss://:secret@cache.example.org:6380/0",
        ),
    ],
)
def test_cache_url_names_the_backend(url, backend, location):
    configuration = cache_from_url(url)
    assert configuration["BACKEND"] == backend
    assert configuration.get("LOCATION") == location


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("memcached://:secret@127.0.0.1:11211", "not memcached://"),
        ("127.0.0.1:6379", "not an address without a scheme"),
        ("redis:///0", "needs a host"),
        ("redis://127.0.0.1:6379/cache", "must be a number"),
    ],
)
def test_an_unknown_or_malformed_cache_url_is_refused_without_showing_its_password(url, message):
    with pytest.raises(ImproperlyConfigured, match=message) as refused:
        cache_from_url(url)
    assert "secret" not in str(refused.value)


REDIS_TEST_URL = os.environ.get("REDIS_TEST_URL", "redis://127.0.0.1:6379/11")


@pytest.fixture
def redis_cache(settings):
    """The default cache in a real Redis (database 11 unless REDIS_TEST_URL says otherwise),
    under a key prefix of this test's own, whose keys are removed afterwards."""
    import redis

    client = redis.Redis.from_url(REDIS_TEST_URL, socket_connect_timeout=1)
    try:
        client.ping()
    except redis.exceptions.ConnectionError:
        pytest.skip(f"no Redis answers at {REDIS_TEST_URL}")
    prefix = f"portal-tests-{uuid.uuid4().hex}"
    settings.CACHES = {"default": {**cache_from_url(REDIS_TEST_URL), "KEY_PREFIX": prefix}}
    yield client, prefix
    for key in client.scan_iter(match=f"{prefix}:*"):
        client.delete(key)
    client.close()


@pytest.mark.django_db
def test_pages_are_cached_and_left_behind_in_redis(client, redis_cache):
    redis_client, prefix = redis_cache
    project = ProjectFactory(title_en="Water in Bukavu")
    client.get(LIST)
    response, was_rendered = rendered(client, LIST)
    assert not was_rendered and "Water in Bukavu" in text(response)
    assert any(redis_client.scan_iter(match=f"{prefix}:*:portal:page:*"))
    assert redis_client.get(f"{prefix}:1:{CONTENT_VERSION_KEY}") is not None

    project.title_en = "Clean water in Goma"
    project.save()
    response, was_rendered = rendered(client, LIST)
    assert was_rendered and "Clean water in Goma" in text(response)
    assert rendered(client, LIST)[1] is False


@pytest.mark.django_db
def test_pages_are_still_served_when_the_cache_is_unreachable(client, settings, caplog):
    settings.CACHES = {"default": cache_from_url("redis://127.0.0.1:1/0")}
    response = client.get(LIST)
    assert response.status_code == 200
    assert "The page cache cannot be read." in caplog.text
