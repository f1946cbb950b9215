from ninja import Router, Schema
from ninja.pagination import paginate

from thidua.api.pagination import BoundedPagination
from thidua.organizations.api import UnitOut

from . import access, queries

router = Router(tags=["clusters"])


class ClusterOut(Schema):
    id: int
    year: int
    organiser_id: int
    kind: str
    number: str
    name: str
    leader_id: int | None
    deputy_id: int | None
    is_sample: bool

    @staticmethod
    def resolve_year(obj) -> int:
        return obj.emulation_year.year

    @staticmethod
    def resolve_organiser_id(obj) -> int:
        return obj.emulation_year.unit_id


class ClusterDetailOut(ClusterOut):
    members: list[UnitOut]

    @staticmethod
    def resolve_members(obj):
        return list(queries.members_in_vietnamese_order(obj))


@router.get("/clusters", response=list[ClusterOut])
@paginate(BoundedPagination)
def list_clusters(request, year: int | None = None):
    return queries.cluster_list(request.user, year=year)


@router.get("/clusters/{cluster_id}", response=ClusterDetailOut)
def get_cluster(request, cluster_id: int):
    return access.cluster_for_viewing(request.user, cluster_id)
