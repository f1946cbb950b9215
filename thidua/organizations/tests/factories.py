import factory

from thidua.organizations import actions
from thidua.organizations.models import Person, Unit


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit

    parent = None
    kind = "co_quan"
    short_name = factory.Sequence(lambda n: f"Đơn vị {n}")
    name = factory.LazyAttribute(lambda o: f"Cơ quan {o.short_name}")

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return actions.create_unit(by=None, **kwargs)


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    unit = factory.SubFactory(UnitFactory)
    family_name = "Nguyễn"
    middle_name = "Văn"
    given_name = factory.Sequence(lambda n: f"An{n}")

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return actions.create_person(by=None, **kwargs)
