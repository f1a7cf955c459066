"""Django's own models in the admin, as the portal's: the users' date-times (last login, date
joined) say which time they are, like every other date-time of the admin."""

from axes import models as axes_models
from django.contrib import admin
from django.contrib.auth import get_user_model

from cooperation_portal.admin_dates import BrusselsTimeMixin

User = get_user_model()

# django.contrib.auth comes before this app in INSTALLED_APPS: its admin is registered by now.
if admin.site.is_registered(User):
    UserAdmin = type(admin.site.get_model_admin(User))
    admin.site.unregister(User)
    admin.site.register(User, type(UserAdmin.__name__, (BrusselsTimeMixin, UserAdmin), {}))

# django-axes keeps no log of sign-ins (AXES_DISABLE_ACCESS_LOG, the privacy notice; the log has
# them as security events) nor of each failure: their admin pages would stay empty. Its
# "Access attempts", where officers unlock an account, stay.
for name in ("AccessLog", "AccessFailureLog"):
    model = getattr(axes_models, name, None)
    if model is not None and admin.site.is_registered(model):
        admin.site.unregister(model)
