import factory

from hamwe.accounts.models import Role, User


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.org")
    full_name = factory.Sequence(lambda n: f"User {n}")
    role = Role.STAFF
    password = factory.PostGenerationMethodCall("set_password", "correct-horse-battery")

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


def give_authenticator(user):
    """A TOTP authenticator for `user`, as if they had set one up (the secret is unused)."""
    from allauth.mfa.models import Authenticator

    return Authenticator.objects.get_or_create(
        user=user, type=Authenticator.Type.TOTP, defaults={"data": {"secret": "unused"}}
    )[0]


def api_token_for(user, *, name="tests", days=30) -> str:
    """A personal API token of `user`, made as the token page makes it (so the user gets
    an authenticator first); returns the token to send."""
    from hamwe.accounts.services import token_create

    give_authenticator(user)
    return token_create(by=user, name=name, days=days)[1]
