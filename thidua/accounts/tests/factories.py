import factory

from thidua.accounts.models import RoleAssignment, User


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    full_name = factory.LazyAttribute(lambda o: f"Cán bộ {o.username}")
    password = factory.django.Password("demo")


def grant(user: User, role: str, unit) -> User:
    RoleAssignment.objects.create(user=user, role=role, unit=unit)
    return user
