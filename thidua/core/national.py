"""A synthetic national dataset for load tests and benchmarks (``manage.py generate_national``).

At ``scale=1`` (the default) it builds, for the years ``last_year - years + 1 … last_year``:

- **Units** (about 33,400): the 34 provinces and centrally-run cities of the 2025 reform (six
  cities, 28 provinces, real names); 3,321 communes and wards (``xa``) shared out among them in
  proportion to a weight per province (2–3× for the big cities); and 30,000 other units: in each
  province 14 departments (``so_nganh``), 6 mass organisations (``doan_the``), enterprises
  (``doanh_nghiep``, 6 %) and offices (``co_quan``: schools, health centres, service centres)
  under the departments. Paths and depths are those the organisations app keeps.
- **Clusters and blocs** (3,400 a year): each province organises one emulation year per year; its
  communes form clusters (``cum``) and its other units blocs (``khoi``) of 6–12 members (uniform),
  the same partition every year; about 8 % of the units (the leftovers) are in none. Leader and
  deputy are two members.
- **Pledges**: one per cluster and year, one locked version signed by every member (a single
  inactive account, ``national-data``, is the signer), 30–60 criteria (uniform) in 4–6 content
  groups, integer maximum scores 1–4 (the scale is their sum); methods: free score 60 %, yes/no
  20 %, target 15 %, graded levels 5 %; three bonus or penalty rules (a pledge-wide bonus capped at
  5, a group bonus, a pledge-wide penalty capped at 5); grades Xuất sắc ≥ 90 % (none scored 0),
  Tốt ≥ 80 %, Khá ≥ 65 %; a third of the versions carry their own tie-break chain.
- **Scores** (about 14 million lines over 10 years): one scoring round per cluster and year, every
  member's self score on every criterion (free: 60–100 % of the maximum in quarter points, 1.5 % of
  lines at 0; yes: 92 %; target: 70–120 % of the target; levels: one of the three at random) and on
  every rule (0–2 occurrences); 2 % of the lines carry a validated score (a quarter point lower,
  with its reason). Rounds of every year but the last are published with their stored results
  (computed by ``thidua.scoring.consolidation``); the last year's rounds are closed, not published.
  No cross scores are generated.
- **People** (2,000,000): 20–40 per commune, 50–150 per provincial office, 30–120 per department
  or organisation, the rest shared among offices and enterprises (uniform weights); Vietnamese
  names drawn from common family, middle and given names (sex follows the middle name), birth
  dates 1965–2002.
- **Ratings** (about 19 million): per person and year htxsnv 18 %, httnv 62 %, htnv 13 %, khtnv 2 %,
  none 5 %; per unit and year htxsnv 25 %, httnv 65 %, htnv 10 %.
- **Titles and awards**: *Lao động tiên tiến* for 75 % of the person-years rated httnv or better,
  *Chiến sĩ thi đua cơ sở* for 55 % of those rated htxsnv that also got LĐTT (one decision per unit,
  year and title, issued and recorded by the unit); *Bằng khen cấp tỉnh* for 1 % of the person-years
  rated htxsnv (one decision per province and year); *Tập thể lao động tiên tiến* for 70 % of the
  unit-years rated httnv or better. Merit basis throughout.
- **Other records**: the judgement "active in the emulation movements" (needed for Lao động
  tiên tiến) for 90 % of the person-years rated httnv or better in the last two years (the years
  a review reads); an initiative (scope cơ sở 70 %, cấp tỉnh 25 %, toàn quốc 5 %) for 20 % of
  the CSTĐCS person-years; a reprimand (period ending the next year) for 10 % of the khtnv
  person-years; a maternity year for 1 % of women's person-years (that year's rating removed);
  an open complaint for 0.1 % of the people.

Every figure is drawn from a fixed seed (units, clusters, pledges) or from an integer hash of the
row's ids (people, ratings, scores), so a run is reproducible. Smaller runs (``scale``) shrink
every count but keep the shapes (at least two provinces and one cluster per province).

Small tables are written from Python through a ``Loader`` (``COPY`` on PostgreSQL, batched
``INSERT`` on SQLite) with ids assigned here; the big ones (people, ratings, titles, score lines)
are ``INSERT … SELECT`` statements that join the units to small helper tables, so the rows never
travel through Python. On PostgreSQL the indexes and foreign keys of the big tables are dropped
during the load and put back at the end (which checks every reference once, set-wise), then the
tables are analysed. Everything runs in one transaction: a failed run leaves nothing behind.
Generated rows are marked ``is_sample`` (synthetic data; papers printed from it say so).
"""

from __future__ import annotations

import datetime
import json
import random
import time
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import connection, transaction

from thidua.core import vn

# --- names -------------------------------------------------------------------------------------

CITIES = ["Hà Nội", "Huế", "Hải Phòng", "Đà Nẵng", "Hồ Chí Minh", "Cần Thơ"]
PROVINCES = [
    "Lai Châu", "Điện Biên", "Sơn La", "Lạng Sơn", "Quảng Ninh", "Thanh Hóa", "Nghệ An",
    "Hà Tĩnh", "Cao Bằng", "Tuyên Quang", "Lào Cai", "Thái Nguyên", "Phú Thọ", "Bắc Ninh",
    "Hưng Yên", "Ninh Bình", "Quảng Trị", "Quảng Ngãi", "Gia Lai", "Khánh Hòa", "Lâm Đồng",
    "Đắk Lắk", "Đồng Nai", "Tây Ninh", "Vĩnh Long", "Đồng Tháp", "Cà Mau", "An Giang",
]  # fmt: skip
CITY_WEIGHT = {"Hà Nội": 3.0, "Hồ Chí Minh": 3.0, "Hải Phòng": 2.0}
DEPARTMENTS = [
    "Văn phòng Ủy ban nhân dân", "Sở Nội vụ", "Sở Tài chính", "Sở Tư pháp", "Sở Xây dựng",
    "Sở Công Thương", "Sở Nông nghiệp và Môi trường", "Sở Giáo dục và Đào tạo", "Sở Y tế",
    "Sở Văn hóa, Thể thao và Du lịch", "Sở Khoa học và Công nghệ", "Sở Dân tộc và Tôn giáo",
    "Thanh tra tỉnh", "Sở Ngoại vụ",
]  # fmt: skip
ORGANISATIONS = [
    "Ủy ban Mặt trận Tổ quốc Việt Nam", "Liên đoàn Lao động", "Hội Liên hiệp Phụ nữ",
    "Hội Nông dân", "Hội Cựu chiến binh", "Đoàn Thanh niên Cộng sản Hồ Chí Minh",
]  # fmt: skip
OFFICE_KINDS = [
    "Trường Mầm non", "Trường Tiểu học", "Trường Trung học cơ sở", "Trường Trung học phổ thông",
    "Trung tâm Y tế", "Bệnh viện", "Trung tâm Dịch vụ", "Ban Quản lý dự án", "Chi cục",
    "Trung tâm Phát triển quỹ đất",
]  # fmt: skip
PLACES = [
    "An Bình", "An Phú", "Bình Minh", "Đông Hòa", "Hòa Bình", "Hòa Lạc", "Hồng Phong",
    "Hưng Đạo", "Kim Liên", "Minh Khai", "Nam Sơn", "Phú Lâm", "Phúc Thành", "Quang Trung",
    "Tân An", "Tân Lập", "Thành Công", "Thanh Xuân", "Thống Nhất", "Tiên Phong", "Trung Hòa",
    "Vĩnh Phúc", "Xuân Phương", "Yên Hòa", "Đồng Tâm", "Hợp Thành", "Long Biên", "Ngọc Lâm",
]  # fmt: skip
FAMILY = [
    ("Nguyễn", 38), ("Trần", 11), ("Lê", 9), ("Phạm", 7), ("Hoàng", 5), ("Huỳnh", 4),
    ("Phan", 4), ("Vũ", 4), ("Võ", 3), ("Đặng", 2), ("Bùi", 2), ("Đỗ", 2), ("Hồ", 2),
    ("Ngô", 2), ("Dương", 1), ("Lý", 1),
]  # fmt: skip
MIDDLE_MALE = ["Văn", "Đức", "Minh", "Hữu", "Quang", "Thanh", "Công", "Xuân"]
MIDDLE_FEMALE = ["Thị", "Ngọc", "Thu", "Hồng", "Thanh", "Minh", "Phương", "Kim"]
GIVEN_MALE = [
    "An", "Bình", "Cường", "Dũng", "Đạt", "Hải", "Hùng", "Huy", "Khánh", "Long", "Nam",
    "Phong", "Quân", "Sơn", "Thắng", "Trung", "Tuấn", "Việt", "Vinh", "Hiếu",
]  # fmt: skip
GIVEN_FEMALE = [
    "Anh", "Chi", "Dung", "Giang", "Hà", "Hạnh", "Hoa", "Hương", "Lan", "Linh", "Mai", "Nga",
    "Ngân", "Nhung", "Oanh", "Phương", "Quỳnh", "Thảo", "Trang", "Yến",
]  # fmt: skip
POSITIONS = [
    ("Chuyên viên", 40), ("Giáo viên", 20), ("Nhân viên", 12), ("Bác sĩ", 6),
    ("Chuyên viên chính", 8), ("Phó Trưởng phòng", 6), ("Trưởng phòng", 4), ("Cán sự", 4),
]  # fmt: skip
GROUP_TITLES = [
    "Thực hiện nhiệm vụ chính trị được giao",
    "Cải cách hành chính và chuyển đổi số",
    "Phát triển văn hóa – xã hội",
    "Quốc phòng, an ninh và trật tự an toàn xã hội",
    "Xây dựng Đảng và hệ thống chính trị",
    "Công tác thi đua, khen thưởng",
]
CRITERIA_TEXTS = [
    "Hoàn thành các chỉ tiêu kế hoạch năm được giao",
    "Tỷ lệ hồ sơ thủ tục hành chính giải quyết đúng hạn",
    "Thu ngân sách nhà nước trên địa bàn",
    "Tỷ lệ dịch vụ công trực tuyến toàn trình",
    "Triển khai các phong trào thi đua đúng kế hoạch",
    "Thực hành tiết kiệm, chống lãng phí",
    "Không có đơn thư khiếu nại vượt cấp",
    "Tỷ lệ hộ nghèo giảm so với năm trước",
    "Hoàn thành chỉ tiêu tuyển quân",
    "Xây dựng, nhân rộng điển hình tiên tiến",
    "Tỷ lệ người dân tham gia bảo hiểm y tế",
    "Chấp hành chế độ báo cáo định kỳ",
]
TARGET_UNITS = ["%", "hồ sơ", "tỷ đồng", "lượt", "hộ"]
LEVELS = [("Tốt", Decimal("1.0")), ("Khá", Decimal("0.7")), ("Trung bình", Decimal("0.4"))]

SIGNER = "national-data"
TEMP_TABLES = ["gen_unit", "gen_year", "gen_name", "gen_position", "gen_birth", "gen_n",
               "gen_person", "gen_rating", "gen_prov"]  # fmt: skip


# --- sizes -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Counts:
    provinces: int
    communes: int
    others: int
    people: int
    clusters: int
    years: int
    last_year: int

    @property
    def first_year(self) -> int:
        return self.last_year - self.years + 1


def counts_for(scale: float, years: int = 10, last_year: int = 2025) -> Counts:
    """The target sizes at ``scale`` (1.0: the national figures of the issue)."""
    provinces = max(2, min(34, round(34 * scale)))
    return Counts(
        provinces=provinces,
        communes=max(6 * provinces, round(3321 * scale)),
        others=max(40 * provinces, round(30000 * scale)),
        people=max(1000, round(2_000_000 * scale)),
        clusters=max(2 * provinces, round(3400 * scale)),
        years=years,
        last_year=last_year,
    )


# --- writing -----------------------------------------------------------------------------------


def _sqlite_value(value):
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, uuid.UUID):
        return value.hex
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime.datetime):
        return value.astimezone(datetime.UTC).replace(tzinfo=None).isoformat(" ")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return value


class Loader:
    """Rows from Python into a table: COPY on PostgreSQL, batched INSERT elsewhere."""

    def __init__(self):
        self.postgres = connection.vendor == "postgresql"
        self.rows: dict[str, int] = {}

    def load(self, model_or_table, columns: list[str], rows: Iterable[tuple]) -> int:
        table = model_or_table if isinstance(model_or_table, str) else model_or_table._meta.db_table
        qn = connection.ops.quote_name
        cols = ", ".join(qn(c) for c in columns)
        count = 0
        with connection.cursor() as cursor:
            if self.postgres:
                with cursor.cursor.copy(f"COPY {qn(table)} ({cols}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(
                            [json.dumps(v, ensure_ascii=False) if isinstance(v, dict | list)
                             else v for v in row]
                        )  # fmt: skip
                        count += 1
            else:
                sql = (
                    f"INSERT INTO {qn(table)} ({cols}) VALUES ({', '.join(['%s'] * len(columns))})"
                )
                batch: list[list] = []
                for row in rows:
                    batch.append([_sqlite_value(v) for v in row])
                    if len(batch) >= 5000:
                        cursor.executemany(sql, batch)
                        count += len(batch)
                        batch = []
                if batch:
                    cursor.executemany(sql, batch)
                    count += len(batch)
        self.rows[table] = self.rows.get(table, 0) + count
        return count

    def execute(self, sql: str, params: list | tuple = (), table: str | None = None) -> int:
        with connection.cursor() as cursor:
            if params:  # the modulo operator is always written "% " (placeholders "%s")
                cursor.execute(sql.replace("% ", "%% "), params)
            else:
                cursor.execute(sql)
            count = cursor.rowcount
        if table:
            self.rows[table] = self.rows.get(table, 0) + max(count, 0)
        return count


def next_id(model) -> int:
    from django.db.models import Max

    return (model.objects.aggregate(m=Max("pk"))["m"] or 0) + 1


def h(expr: str, salt: int) -> str:
    """A SQL integer hash of ``expr`` in 0 … 2³¹−2, the same on PostgreSQL and SQLite: a linear
    step with a multiplier of its own per salt, then a squaring (so different salts are not
    shifted copies of one another). Every intermediate stays below 2⁶³."""
    a = f"((({expr}) * 2654435761 + {salt * 7919 + 1}) % 2147483647)"
    b = f"({a} * {48271 + 2 * salt} % 2147483647)"
    return f"({b} * {b} % 2147483647)"


# --- the plan of units and clusters, drawn in Python ----------------------------------------------


@dataclass
class UnitRow:
    id: int
    parent_id: int | None
    kind: str
    short_name: str
    name: str
    path: str
    depth: int
    province: int  # index of the province
    headcount: int = 0


@dataclass
class ClusterPlan:
    province: int  # index
    kind: str  # cum / khoi
    number: int
    members: list[int]  # unit ids
    criteria: list[tuple[int, int, str]]  # (group index, max score, method)
    groups: int
    tie_chain: bool


@dataclass
class Plan:
    counts: Counts
    units: list[UnitRow] = field(default_factory=list)
    provinces: list[UnitRow] = field(default_factory=list)
    clusters: list[ClusterPlan] = field(default_factory=list)


def _split(total: int, weights: list[float], rng: random.Random, minimum: int = 0) -> list[int]:
    """``total`` shared out in proportion to ``weights`` (largest remainders), each ≥ minimum."""
    free = total - minimum * len(weights)
    raw = [free * w / sum(weights) for w in weights]
    parts = [int(x) for x in raw]
    order = sorted(range(len(raw)), key=lambda i: raw[i] - parts[i], reverse=True)
    for i in order[: free - sum(parts)]:
        parts[i] += 1
    return [p + minimum for p in parts]


def plan_units(counts: Counts, first_id: int, rng: random.Random) -> Plan:
    plan = Plan(counts)
    names = [("Thành phố", n) for n in CITIES] + [("Tỉnh", n) for n in PROVINCES]
    if counts.provinces < len(names):
        names = names[:2] + rng.sample(names[2:], counts.provinces - 2)
    weights = [CITY_WEIGHT.get(n, 1.0) for _, n in names]
    communes = _split(counts.communes, weights, rng, minimum=6)
    others = _split(counts.others, weights, rng, minimum=40)
    next_id_ = first_id

    def add(parent: UnitRow | None, kind: str, short: str, name: str, p: int) -> UnitRow:
        nonlocal next_id_
        path = f"{parent.path if parent else '/'}{next_id_}/"
        row = UnitRow(next_id_, parent.id if parent else None, kind, short, name, path,
                      parent.depth + 1 if parent else 0, p)  # fmt: skip
        next_id_ += 1
        plan.units.append(row)
        return row

    for p, (prefix, pname) in enumerate(names):
        province = add(None, "tinh", pname, f"{prefix} {pname}", p)
        plan.provinces.append(province)
        city = prefix == "Thành phố"
        for k in range(communes[p]):
            place = f"{rng.choice(PLACES)} {k + 1}"
            word = "Phường" if city or rng.random() < 0.25 else "Xã"
            add(province, "xa", place, f"{word} {place}, {prefix.lower()} {pname}", p)
        budget = others[p]
        departments = [
            add(province, "so_nganh", d, f"{d} {prefix.lower()} {pname}", p)
            for d in DEPARTMENTS[: min(len(DEPARTMENTS), budget // 3)]
        ]
        budget -= len(departments)
        for o in ORGANISATIONS[: min(len(ORGANISATIONS), budget // 4)]:
            add(province, "doan_the", o, f"{o} {prefix.lower()} {pname}", p)
            budget -= 1
        enterprises = round(budget * 0.06)
        for k in range(enterprises):
            short = f"Công ty {rng.choice(PLACES)} {k + 1}"
            add(province, "doanh_nghiep", short, f"{short} ({pname})", p)
        for k in range(budget - enterprises):
            parent = departments[k % len(departments)]
            short = f"{rng.choice(OFFICE_KINDS)} {rng.choice(PLACES)} {k + 1}"
            add(parent, "co_quan", short, f"{short}, {pname}", p)
    _headcounts(plan, counts.people, rng)
    return plan


def _headcounts(plan: Plan, people: int, rng: random.Random) -> None:
    """Communes 20–40, provinces 50–150, departments and organisations 30–120; the rest shared
    among offices and enterprises (scaled down together when the total is small)."""
    ranges = {"xa": (20, 40), "tinh": (50, 150), "so_nganh": (30, 120), "doan_the": (30, 120)}
    fixed = [u for u in plan.units if u.kind in ranges]
    rest = [u for u in plan.units if u.kind not in ranges]
    for u in fixed:
        u.headcount = rng.randint(*ranges[u.kind])
    total_fixed = sum(u.headcount for u in fixed)
    if total_fixed > people * 0.6 or not rest:  # small runs: shrink everyone alike
        counts = _split(people, [u.headcount or 1 for u in plan.units], rng, minimum=1)
        for u, c in zip(plan.units, counts, strict=True):
            u.headcount = c
        return
    shares = _split(people - total_fixed, [rng.uniform(0.3, 1.7) for _ in rest], rng, 1)
    for u, c in zip(rest, shares, strict=True):
        u.headcount = c


def plan_clusters(plan: Plan, rng: random.Random) -> None:
    members_total = sum(1 for u in plan.units if u.kind != "tinh")
    for p in range(len(plan.provinces)):
        mine = [u for u in plan.units if u.province == p and u.kind != "tinh"]
        quota = max(1, round(plan.counts.clusters * len(mine) / members_total))
        communes = [u.id for u in mine if u.kind == "xa"]
        others = [u.id for u in mine if u.kind != "xa"]
        rng.shuffle(others)
        # Clusters for communes first, in proportion; blocs for the rest.
        share = max(1, round(quota * len(communes) / len(mine)))
        for kind, pool, limit in (("cum", communes, share), ("khoi", others, quota - share)):
            number, start = 0, 0
            while number < limit and len(pool) - start >= 6:
                size = min(rng.randint(6, 12), len(pool) - start)
                number += 1
                plan.clusters.append(_cluster(p, kind, number, pool[start : start + size], rng))
                start += size


def _cluster(p: int, kind: str, number: int, members: list[int], rng) -> ClusterPlan:
    groups = rng.randint(4, 6)
    n = rng.randint(30, 60)
    criteria = []
    for i in range(n):
        r = rng.random()
        method = (
            "free" if r < 0.60 else "yes_no" if r < 0.80 else "target" if r < 0.95 else "levels"
        )
        criteria.append((i * groups // n, rng.randint(1, 4), method))
    return ClusterPlan(p, kind, number, members, criteria, groups, rng.random() < 1 / 3)


# --- the generator -------------------------------------------------------------------------------


class Generator:
    def __init__(self, counts: Counts, seed: int = 2025, log: Callable[[str], None] = print):
        self.counts = counts
        self.seed = seed
        self.log = log
        self.loader = Loader()
        self.postgres = self.loader.postgres
        self.started = time.monotonic()
        self.timings: dict[str, float] = {}
        self.now = datetime.datetime(counts.last_year + 1, 1, 20, 9, 0, tzinfo=datetime.UTC)

    def step(self, name: str, func) -> None:
        t0 = time.monotonic()
        func()
        self.timings[name] = time.monotonic() - t0
        self.log(f"{name}: {self.timings[name]:.1f} s")

    def run(self) -> dict[str, int]:
        from thidua.awards.actions import ensure_catalogue

        with transaction.atomic():
            ensure_catalogue()
            rng = random.Random(self.seed)
            from thidua.organizations.models import Unit

            self.plan = plan_units(self.counts, next_id(Unit), rng)
            plan_clusters(self.plan, rng)
            dropped = self._drop_constraints() if self.postgres else []
            self.step("units", self.units)
            self.step("clusters", self.clusters)
            self.step("pledges", self.pledges)
            self.step("rounds", self.rounds)
            self.step("score lines", self.score_lines)
            self.step("people", self.people)
            self.step("ratings", self.ratings)
            self.step("titles and awards", self.awards)
            self.step("other records", self.other_records)
            self.step("indexes and keys", lambda: self._restore(dropped))
            if self.postgres:  # the consolidation below needs the statistics of the new rows
                self.step("analyse", self._analyse)
            self.step("results", self.results)
            self._reset_sequences()
            for table in TEMP_TABLES:
                self.loader.execute(f"DROP TABLE IF EXISTS {table}")
                self.loader.rows.pop(table, None)
        if self.postgres:
            with connection.cursor() as c:
                c.execute('ANALYZE "scoring_unitresult"')
        return dict(self.loader.rows)

    # --- PostgreSQL: indexes and foreign keys off during the load ---------------------------

    BIG = [
        "organizations_person",
        "awards_yearlyrating",
        "awards_decision",
        "awards_decisionrecipient",
        "awards_judgementfact",
        "scoring_scoreline",
        "pledges_criterion",
        "clusters_clustermembership",
        "scoring_roundunit",
    ]

    def _drop_constraints(self) -> list[str]:
        """Drop the non-key indexes and the foreign keys of the big tables; return the DDL that
        puts them back."""
        restore: list[str] = []
        with connection.cursor() as c:
            # Rows written earlier in this transaction leave deferred foreign-key checks pending,
            # and PostgreSQL refuses to alter a table until they have run: run them now.
            c.execute("SET CONSTRAINTS ALL IMMEDIATE")
            c.execute(
                """SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid)
                   FROM pg_constraint WHERE contype IN ('f', 'u')
                   AND conrelid::regclass::text = ANY(%s)""",
                [self.BIG],
            )
            constraints = c.fetchall()
            for table, name, definition in constraints:
                c.execute(f'ALTER TABLE "{table}" DROP CONSTRAINT "{name}"')
                restore.append(f'ALTER TABLE "{table}" ADD CONSTRAINT "{name}" {definition}')
            c.execute(
                """SELECT i.indexname, i.indexdef FROM pg_indexes i
                   WHERE i.schemaname = current_schema() AND i.tablename = ANY(%s)
                   AND NOT EXISTS (SELECT 1 FROM pg_constraint k
                                   WHERE k.conname = i.indexname AND k.contype = 'p')""",
                [self.BIG],
            )
            for name, definition in c.fetchall():
                c.execute(f'DROP INDEX "{name}"')
                restore.insert(0, definition)
        return restore

    def _restore(self, ddl: list[str]) -> None:
        if not ddl:
            return
        with connection.cursor() as c:
            c.execute("SET LOCAL maintenance_work_mem = '256MB'")
            for statement in ddl:
                c.execute(statement)

    def _analyse(self) -> None:
        with connection.cursor() as c:
            for table in self.loader.rows:
                c.execute(f'ANALYZE "{table}"')
            c.execute('ANALYZE "organizations_unit"')

    def _reset_sequences(self) -> None:
        if not self.postgres:
            return
        from django.apps import apps
        from django.core.management.color import no_style

        models = [m for m in apps.get_models() if m._meta.db_table in self.loader.rows]
        with connection.cursor() as c:
            for sql in connection.ops.sequence_reset_sql(no_style(), models):
                c.execute(sql)

    # --- steps --------------------------------------------------------------------------------

    def units(self) -> None:
        from thidua.organizations.models import Unit

        cols = ["id", "parent_id", "kind", "short_name", "name", "path", "depth", "is_sample",
                "search_text", "version"]  # fmt: skip
        self.loader.load(
            Unit,
            cols,
            (
                (u.id, u.parent_id, u.kind, u.short_name, u.name, u.path, u.depth, True,
                 vn.fold(f"{u.short_name} {u.name}")[:400], 1)
                for u in self.plan.units
            ),
        )  # fmt: skip
        self.loader.execute(
            "CREATE TEMP TABLE gen_unit (id bigint, headcount int, province bigint)"
        )
        self.loader.load(
            "gen_unit",
            ["id", "headcount", "province"],
            ((u.id, u.headcount, self.plan.provinces[u.province].id) for u in self.plan.units),
        )
        self.loader.execute("CREATE TEMP TABLE gen_year (year int)")
        self.loader.load("gen_year", ["year"], ((y,) for y in self.years))

    @property
    def years(self) -> range:
        return range(self.counts.first_year, self.counts.last_year + 1)

    def clusters(self) -> None:
        from thidua.accounts.models import User
        from thidua.clusters.models import Cluster, ClusterMembership, EmulationYear

        self.signer, _ = User.objects.get_or_create(
            username=SIGNER, defaults={"is_active": False, "first_name": "Dữ liệu quốc gia"}
        )
        if self.signer.has_usable_password():
            self.signer.set_unusable_password()
            self.signer.save(update_fields=["password"])
        first_year_id, first_cluster = next_id(EmulationYear), next_id(Cluster)
        n_prov = len(self.plan.provinces)
        self.year_id = lambda y, p: first_year_id + (y - self.counts.first_year) * n_prov + p
        n_cl = len(self.plan.clusters)
        self.cluster_id = lambda y, k: first_cluster + (y - self.counts.first_year) * n_cl + k
        self.loader.load(
            EmulationYear,
            ["id", "unit_id", "year", "theme"],
            (
                (self.year_id(y, p), prov.id, y, f"Năm thi đua {y}")
                for y in self.years
                for p, prov in enumerate(self.plan.provinces)
            ),
        )
        words = {"cum": "Cụm thi đua", "khoi": "Khối thi đua"}

        def clusters():
            for y in self.years:
                for k, cl in enumerate(self.plan.clusters):
                    prov = self.plan.provinces[cl.province]
                    name = f"{words[cl.kind]} số {cl.number} {prov.name}"
                    yield (self.cluster_id(y, k), self.year_id(y, cl.province), cl.kind,
                           str(cl.number), name, "", cl.members[0], cl.members[1], True,
                           1)  # fmt: skip

        self.loader.load(
            Cluster,
            ["id", "emulation_year_id", "kind", "number", "name", "description", "leader_id",
             "deputy_id", "is_sample", "version"],
            clusters(),
        )  # fmt: skip
        self.loader.load(
            ClusterMembership,
            ["cluster_id", "unit_id", "emulation_year_id"],
            (
                (self.cluster_id(y, k), unit, self.year_id(y, cl.province))
                for y in self.years
                for k, cl in enumerate(self.plan.clusters)
                for unit in cl.members
            ),
        )

    def pledges(self) -> None:
        from thidua.pledges import models as pm

        ids = {m: next_id(m) for m in (pm.Pledge, pm.PledgeVersion, pm.ContentGroup,
                                        pm.Criterion, pm.AdjustmentRule)}  # fmt: skip
        # Offsets of each cluster-year's groups, criteria and rules.
        self.version_of: dict[tuple[int, int], int] = {}
        self.group_base: dict[tuple[int, int], int] = {}
        self.criterion_base: dict[tuple[int, int], int] = {}
        self.rule_base: dict[tuple[int, int], int] = {}
        g, c, r = ids[pm.ContentGroup], ids[pm.Criterion], ids[pm.AdjustmentRule]
        v = ids[pm.PledgeVersion]
        for y in self.years:
            for k, cl in enumerate(self.plan.clusters):
                self.version_of[y, k] = v
                self.group_base[y, k], self.criterion_base[y, k], self.rule_base[y, k] = g, c, r
                v, g, c, r = v + 1, g + cl.groups, c + len(cl.criteria), r + 3
        pledge_id = lambda y, k: ids[pm.Pledge] + self.version_of[y, k] - ids[pm.PledgeVersion]  # noqa: E731
        items = [(y, k, cl) for y in self.years for k, cl in enumerate(self.plan.clusters)]
        self.loader.load(
            pm.Pledge,
            ["id", "cluster_id", "created_by_id", "created_at"],
            (
                (pledge_id(y, k), self.cluster_id(y, k), self.signer.pk, self.now)
                for y, k, _ in items
            ),
        )
        signed = lambda y: datetime.datetime(y, 2, 15, 3, 0, tzinfo=datetime.UTC)  # noqa: E731
        self.loader.load(
            pm.PledgeVersion,
            ["id", "pledge_id", "number", "status", "title", "theme", "commitments", "scale",
             "bonus_cap", "penalty_cap", "reason", "created_by_id", "created_at", "opened_at",
             "locked_at", "in_force_from", "is_sample", "version"],
            (
                (self.version_of[y, k], pledge_id(y, k), 1, "locked", f"Giao ước thi đua năm {y}",
                 f"Năm thi đua {y}", "Các thành viên cam kết thực hiện đầy đủ nội dung giao ước.",
                 sum(m for _, m, _ in cl.criteria), Decimal(5), Decimal(5), "", self.signer.pk,
                 signed(y), signed(y), signed(y), signed(y).date(), True, 1)
                for y, k, cl in items
            ),
        )  # fmt: skip
        self.loader.load(
            pm.KeyTask,
            ["pledge_version_id", "position", "key", "is_sample", "version", "text"],
            (
                (self.version_of[y, k], i, uuid.UUID(int=rng_key(y, k, 1000 + i)), True, 1, text)
                for y, k, _ in items
                for i, text in enumerate(CRITERIA_TEXTS[:3])
            ),
        )
        self.loader.load(
            pm.ContentGroup,
            ["id", "pledge_version_id", "position", "key", "is_sample", "version", "title",
             "bonus_cap", "penalty_cap"],
            (
                (self.group_base[y, k] + i, self.version_of[y, k], i,
                 uuid.UUID(int=rng_key(y, k, i)), True, 1, GROUP_TITLES[i],
                 Decimal(3) if i == 0 else None, None)
                for y, k, cl in items
                for i in range(cl.groups)
            ),
        )  # fmt: skip
        self.loader.load(
            pm.Criterion,
            ["id", "pledge_version_id", "group_id", "position", "key", "is_sample", "version",
             "code", "text", "max_score", "method", "target_value", "target_unit",
             "threshold_value", "levels", "evidence", "bonus_cap", "penalty_cap"],
            self._criteria(items),
        )  # fmt: skip
        self.loader.load(
            pm.AdjustmentRule,
            ["id", "pledge_version_id", "position", "key", "is_sample", "version", "kind", "text",
             "points", "criterion_id", "group_id"],
            (
                row
                for y, k, _ in items
                for row in (
                    (self.rule_base[y, k], self.version_of[y, k], 0,
                     uuid.UUID(int=rng_key(y, k, 500)), True, 1, "bonus",
                     "Được cấp trên khen thưởng đột xuất", Decimal(1), None, None),
                    (self.rule_base[y, k] + 1, self.version_of[y, k], 1,
                     uuid.UUID(int=rng_key(y, k, 501)), True, 1, "bonus",
                     "Có mô hình mới được nhân rộng", Decimal("0.5"), None, self.group_base[y, k]),
                    (self.rule_base[y, k] + 2, self.version_of[y, k], 2,
                     uuid.UUID(int=rng_key(y, k, 502)), True, 1, "penalty",
                     "Để xảy ra vụ việc phức tạp, kéo dài", Decimal(1), None, None),
                )
            ),
        )  # fmt: skip

        def grades():
            for y, k, cl in items:
                scale = Decimal(sum(m for _, m, _ in cl.criteria))
                for i, (label, share, strict) in enumerate(
                    (("Xuất sắc", "0.9", True), ("Tốt", "0.8", False), ("Khá", "0.65", False))
                ):
                    yield (self.version_of[y, k], i, label,
                           (scale * Decimal(share)).quantize(Decimal("0.01")), strict)  # fmt: skip

        self.loader.load(
            pm.GradeThreshold,
            ["pledge_version_id", "position", "label", "min_score", "excluded_by_zero_criterion"],
            grades(),
        )
        self.loader.load(
            pm.TieBreakStep,
            ["pledge_version_id", "position", "kind", "group_id"],
            (
                row
                for y, k, cl in items
                if cl.tie_chain
                for row in (
                    (self.version_of[y, k], 1, "fewer_penalty", None),
                    (self.version_of[y, k], 2, "group", self.group_base[y, k]),
                    (self.version_of[y, k], 3, "body", None),
                )
            ),
        )
        self.loader.execute(
            f"""INSERT INTO pledges_signature (pledge_version_id, unit_id, signed_by_id, signed_on,
                                               recorded_at)
                SELECT pv.id, m.unit_id, %s, pv.in_force_from, pv.locked_at
                FROM pledges_pledgeversion pv
                JOIN pledges_pledge p ON p.id = pv.pledge_id
                JOIN clusters_clustermembership m ON m.cluster_id = p.cluster_id
                WHERE pv.id >= {ids[pm.PledgeVersion]}""",
            [self.signer.pk],
            table="pledges_signature",
        )

    def _criteria(self, items):
        for y, k, cl in items:
            per_group: dict[int, int] = {}
            for i, (group, maximum, method) in enumerate(cl.criteria):
                per_group[group] = per_group.get(group, 0) + 1
                code = f"{group + 1}.{per_group[group]}"
                text = f"{CRITERIA_TEXTS[(i + k) % len(CRITERIA_TEXTS)]} ({code})"
                target = Decimal(50 + (i * 37 + k) % 450) if method == "target" else None
                levels = (
                    [{"label": lab, "score": str((maximum * f).quantize(Decimal("0.01")))}
                     for lab, f in LEVELS]
                    if method == "levels" else []
                )  # fmt: skip
                yield (
                    self.criterion_base[y, k] + i, self.version_of[y, k],
                    self.group_base[y, k] + group, i, uuid.UUID(int=rng_key(y, k, 2000 + i)), True,
                    1, code, text, Decimal(maximum), method, target,
                    TARGET_UNITS[i % len(TARGET_UNITS)] if target else "", None, levels,
                    "Báo cáo kết quả kèm số liệu", None, None,
                )  # fmt: skip

    def rounds(self) -> None:
        from thidua.scoring.models import RoundUnit, ScoringRound

        first = next_id(ScoringRound)
        n_cl = len(self.plan.clusters)
        self.round_id = lambda y, k: first + (y - self.counts.first_year) * n_cl + k
        self.first_round = first
        last = self.counts.last_year

        def rounds():
            for y in self.years:
                published = y < last
                closed_at = datetime.datetime(y + 1, 1, 10, 3, tzinfo=datetime.UTC)
                for k in range(len(self.plan.clusters)):
                    yield (
                        self.round_id(y, k), self.cluster_id(y, k), self.version_of[y, k],
                        f"Chấm điểm thi đua năm {y}", datetime.date(y, 12, 1),
                        datetime.date(y, 12, 20), 0,
                        "published" if published else "closed", Decimal(2), "", None,
                        self.signer.pk, datetime.datetime(y, 11, 25, tzinfo=datetime.UTC),
                        closed_at, closed_at if published else None,
                        self.signer.pk if published else None, True, 1,
                    )  # fmt: skip

        self.loader.load(
            ScoringRound,
            ["id", "cluster_id", "pledge_version_id", "title", "opens_on", "closes_on",
             "grace_days", "status", "discrepancy_threshold", "cross_mode", "cross_seed",
             "created_by_id", "created_at", "closed_at", "published_at", "published_by_id",
             "is_sample", "version"],
            rounds(),
        )  # fmt: skip
        self.loader.load(
            RoundUnit,
            ["round_id", "unit_id", "submitted_at", "submitted_by_id", "tie_order", "tie_reason",
             "is_sample", "version"],
            (
                (self.round_id(y, k), unit, datetime.datetime(y, 12, 18, tzinfo=datetime.UTC),
                 self.signer.pk, None, "", True, 1)
                for y in self.years
                for k, cl in enumerate(self.plan.clusters)
                for unit in cl.members
            ),
        )  # fmt: skip

    def score_lines(self) -> None:
        """Every member's line per criterion and rule, set-wise (the rows never reach Python)."""
        key = "(ru.id * 64 + c.position)"
        pick = h(key, 11) + " % 1000"
        zero = h(key, 12) + " % 1000"
        free = f"ROUND(c.max_score * (600 + {h(key, 13)} % 401) * 4 / 1000.0) / 4"
        value = f"ROUND(c.target_value * (700 + ({pick}) / 2) / 1000.0, 2)"
        points = f"""CASE
            WHEN c.method = 'yes_no' THEN CASE WHEN {pick} < 920 THEN c.max_score ELSE 0 END
            WHEN c.method = 'target' THEN CASE WHEN {value} >= c.target_value THEN c.max_score
                                          ELSE ROUND(c.max_score * {value} / c.target_value, 2) END
            WHEN c.method = 'levels' THEN ROUND(c.max_score * CASE {pick} % 3 WHEN 0 THEN 1.0
                                          WHEN 1 THEN 0.7 ELSE 0.4 END, 2)
            WHEN {zero} < 15 THEN 0
            ELSE {free} END"""
        choice = f"""CASE
            WHEN c.method = 'yes_no' THEN CASE WHEN {pick} < 920 THEN 'yes' ELSE 'no' END
            WHEN c.method = 'levels' THEN CASE {pick} % 3 WHEN 0 THEN 'Tốt' WHEN 1 THEN 'Khá'
                                          ELSE 'Trung bình' END
            ELSE '' END"""
        fix = "v AND pts >= 0.25"
        self.loader.execute(
            f"""INSERT INTO scoring_scoreline (round_id, unit_id, criterion_id, rule_id,
                    self_value, self_choice, self_points, self_note, self_by_id, self_at,
                    validated_points, validated_reason, validated_by_id, validated_at,
                    is_sample, version)
                SELECT round_id, unit_id, cid, NULL, val, choice, pts, '', %s, %s,
                    CASE WHEN {fix} THEN pts - 0.25 END,
                    CASE WHEN {fix} THEN 'Điều chỉnh theo minh chứng' ELSE '' END,
                    CASE WHEN {fix} THEN %s END, CASE WHEN {fix} THEN %s END,
                    {self._true}, 1
                FROM (SELECT ru.round_id, ru.unit_id, c.id AS cid,
                             CASE WHEN c.method = 'target' THEN {value} END AS val,
                             {choice} AS choice, {points} AS pts,
                             ({h(key, 14)} % 1000 < 20) AS v
                      FROM scoring_roundunit ru
                      JOIN scoring_scoringround r ON r.id = ru.round_id
                      JOIN pledges_criterion c ON c.pledge_version_id = r.pledge_version_id
                      WHERE r.id >= {self.first_round}) x""",
            [self.signer.pk, self.now, self.signer.pk, self.now],
            table="scoring_scoreline",
        )
        times = f"{h('(ru.id * 8 + a.position)', 15)} % 10"
        self.loader.execute(
            f"""INSERT INTO scoring_scoreline (round_id, unit_id, criterion_id, rule_id,
                    self_value, self_choice, self_points, self_note, self_by_id, self_at,
                    validated_points, validated_reason, is_sample, version)
                SELECT round_id, unit_id, NULL, aid, n, '', n * points, '', %s, %s, NULL, '',
                       {self._true}, 1
                FROM (SELECT ru.round_id, ru.unit_id, a.id AS aid, a.points,
                             CASE WHEN {times} < 6 THEN 0 WHEN {times} < 9 THEN 1 ELSE 2 END AS n
                      FROM scoring_roundunit ru
                      JOIN scoring_scoringround r ON r.id = ru.round_id
                      JOIN pledges_adjustmentrule a ON a.pledge_version_id = r.pledge_version_id
                      WHERE r.id >= {self.first_round}) x""",
            [self.signer.pk, self.now],
            table="scoring_scoreline",
        )

    @property
    def _true(self) -> str:
        return "TRUE" if self.postgres else "1"

    def results(self) -> None:
        """Stored results of the published rounds, from the consolidation itself (year by year)."""
        from thidua.scoring import consolidation
        from thidua.scoring.models import ScoringRound, UnitResult
        from thidua.scoring.queries import group_scores

        for y in self.years:
            if y == self.counts.last_year:
                continue
            rounds = ScoringRound.objects.filter(
                pk__gte=self.round_id(y, 0), pk__lte=self.round_id(y, len(self.plan.clusters) - 1)
            )
            scales = dict(rounds.values_list("pk", "pledge_version__scale"))
            per_group = group_scores(list(scales))
            rows = consolidation.standings(rounds)
            self.loader.load(
                UnitResult,
                ["round_id", "unit_id", "rank", "base", "bonus", "penalty", "total", "self_total",
                 "zero_count", "at_max_count", "grade", "tie_kind", "tie_group_id", "groups",
                 "scale", "year"],
                (
                    (s.round_id, s.unit_id, s.rank, s.base, s.bonus, s.penalty, s.total,
                     s.self_total, s.zero_count, s.at_max_count, s.grade, s.tie_kind,
                     s.tie_group_id,
                     {str(g): str(p)
                      for g, p in per_group.get((s.round_id, s.unit_id), {}).items()},
                     scales[s.round_id], y)
                    for s in rows
                ),
            )  # fmt: skip

    def people(self) -> None:
        names = []
        rng = random.Random(self.seed + 1)
        families = [f for f, w in FAMILY for _ in range(w)]
        for i in range(4000):
            female = i % 2 == 0
            family = families[rng.randrange(len(families))]
            middle = rng.choice(MIDDLE_FEMALE if female else MIDDLE_MALE)
            given = rng.choice(GIVEN_FEMALE if female else GIVEN_MALE)
            full = f"{family} {middle} {given}"
            names.append((i, family, middle, given, "nu" if female else "nam", vn.fold(full)))
        self.loader.execute(
            "CREATE TEMP TABLE gen_name (i int, family varchar(50), middle varchar(80), "
            "given varchar(50), sex varchar(3), folded varchar(300))"
        )
        self.loader.load("gen_name", ["i", "family", "middle", "given", "sex", "folded"], names)
        positions = [p for p, w in POSITIONS for _ in range(w)]
        self.loader.execute("CREATE TEMP TABLE gen_position (i int, position varchar(200))")
        self.loader.load("gen_position", ["i", "position"], enumerate(positions))
        start = datetime.date(1965, 1, 1)
        self.loader.execute("CREATE TEMP TABLE gen_birth (i int, day date)")
        self.loader.load(
            "gen_birth",
            ["i", "day"],
            ((i, start + datetime.timedelta(days=i * 13)) for i in range(1060)),
        )
        top = max(u.headcount for u in self.plan.units)
        self.loader.execute("CREATE TEMP TABLE gen_n (n int)")
        self.loader.load("gen_n", ["n"], ((n,) for n in range(1, top + 1)))
        key = "(u.id * 4096 + g.n)"
        self.loader.execute(
            f"""INSERT INTO organizations_person (unit_id, family_name, middle_name, given_name,
                    sex, birth_date, position, is_sample, search_text, version)
                SELECT u.id, nm.family, nm.middle, nm.given, nm.sex, b.day, pos.position,
                       {self._true}, nm.folded, 1
                FROM gen_unit u JOIN gen_n g ON g.n <= u.headcount
                JOIN gen_name nm ON nm.i = {h(key, 21)} % 4000
                JOIN gen_birth b ON b.i = {h(key, 22)} % 1060
                JOIN gen_position pos ON pos.i = {h(key, 23)} % {len(positions)}""",
            table="organizations_person",
        )
        self.loader.execute(
            "CREATE TEMP TABLE gen_person AS SELECT p.id, p.unit_id, p.sex, u.province "
            "FROM organizations_person p JOIN gen_unit u ON u.id = p.unit_id"
        )

    RATING_CASE = """CASE WHEN r < 180 THEN 'htxsnv' WHEN r < 800 THEN 'httnv'
                          WHEN r < 930 THEN 'htnv' WHEN r < 950 THEN 'khtnv' END"""

    def _rating(self, who: str, salt: int, year: str = "y.year") -> str:
        return f"{h(f'({who} * 32 + {year} - 1990)', salt)} % 1000"

    def _maternity(self, alias: str) -> str:
        """A woman's maternity year: 1 % of women's person-years."""
        return f"({alias}.sex = 'nu' AND {self._rating(f'{alias}.id', 33, f'{alias}.year')} < 10)"

    def ratings(self) -> None:
        """People's ratings go through ``gen_rating`` (with unit and province), which the titles
        and disciplines read without touching the indexed table."""
        self.loader.execute(
            f"""CREATE TEMP TABLE gen_rating AS
                SELECT id AS person_id, unit_id, province, year, {self.RATING_CASE} AS rating
                FROM (SELECT p.id, p.unit_id, p.province, p.sex, y.year,
                             {self._rating("p.id", 31)} AS r
                      FROM gen_person p CROSS JOIN gen_year y) x
                WHERE r < 950 AND NOT {self._maternity("x")}"""
        )
        self.loader.execute(
            f"""INSERT INTO awards_yearlyrating (person_id, unit_id, year, rating, is_sample,
                                                 version)
                SELECT person_id, NULL, year, rating, {self._true}, 1 FROM gen_rating""",
            table="awards_yearlyrating",
        )
        unit_r = self._rating("u.id", 32)
        self.loader.execute(
            f"""INSERT INTO awards_yearlyrating (person_id, unit_id, year, rating, is_sample,
                                                 version)
                SELECT NULL, u.id, y.year,
                       CASE WHEN {unit_r} < 250 THEN 'htxsnv' WHEN {unit_r} < 900 THEN 'httnv'
                            ELSE 'htnv' END, {self._true}, 1
                FROM gen_unit u CROSS JOIN gen_year y""",
            table="awards_yearlyrating",
        )

    def awards(self) -> None:
        from thidua.awards.models import AwardType, Decision, Regime

        types = dict(AwardType.objects.values_list("code", "pk"))
        regimes = list(
            Regime.objects.order_by("valid_from").values_list("pk", "valid_from", "valid_to")
        )

        def regime(day: datetime.date):
            return next((pk for pk, a, b in regimes if a <= day and (b is None or day <= b)), None)

        first = next_id(Decision)
        n_units = len(self.plan.units)
        unit0 = self.plan.units[0].id
        # Decision ids: per unit, year and title (LĐTT, CSTĐCS, the unit's TTLĐTT); then per
        # province and year (Bằng khen).
        per_unit = lambda u, y, t: first + ((u - unit0) * self.counts.years + y) * 3 + t  # noqa: E731
        province_first = first + n_units * self.counts.years * 3
        n_prov = len(self.plan.provinces)

        def decisions():
            for u in self.plan.units:
                for yi, y in enumerate(self.years):
                    signed = datetime.date(y + 1, 1, 15)
                    for t, abbr in enumerate(("LĐTT", "CSTĐCS", "TTLĐTT")):
                        yield (per_unit(u.id, yi, t), u.id, f"{t + 1}{yi:02d}/QĐ-{abbr}", signed,
                               u.id, u.name[:255], "Nguyễn Văn Thủ Trưởng", "Thủ trưởng đơn vị",
                               regime(signed), "", True, 1)  # fmt: skip
            for p, prov in enumerate(self.plan.provinces):
                for yi, y in enumerate(self.years):
                    signed = datetime.date(y + 1, 2, 1)
                    yield (province_first + yi * n_prov + p, prov.id, f"{300 + yi}/QĐ-UBND",
                           signed, prov.id, f"Ủy ban nhân dân {prov.name}"[:255],
                           "Trần Văn Chủ Tịch", "Chủ tịch", regime(signed), "", True,
                           1)  # fmt: skip

        self.loader.load(
            Decision,
            ["id", "recorded_in_id", "number", "signed_on", "issuer_id", "issuer_name",
             "signer_name", "signer_position", "regime_id", "note", "is_sample", "version"],
            decisions(),
        )  # fmt: skip
        yi = f"(r.year - {self.counts.first_year})"
        dec = f"{first} + ((r.unit_id - {unit0}) * {self.counts.years} + {yi}) * 3"
        person_year = "(r.person_id * 32 + r.year - 1990)"
        lđtt = f"r.rating IN ('htxsnv', 'httnv') AND {h(person_year, 41)} % 1000 < 750"
        cstđ = f"r.rating = 'htxsnv' AND {h(person_year, 42)} % 1000 < 550"
        bk = f"r.rating = 'htxsnv' AND {h(person_year, 43)} % 1000 < 10"
        cols = """INSERT INTO awards_decisionrecipient (person_id, unit_id, decision_id,
                                                        award_type_id, year, basis)"""
        provinces = self._provinces_table()
        self.loader.execute(
            f"""{cols} SELECT r.person_id, NULL, {dec}, {types["lao_dong_tien_tien"]}, r.year,
                       'merit'
                FROM gen_rating r WHERE {lđtt}""",
            table="awards_decisionrecipient",
        )
        self.loader.execute(
            f"""{cols} SELECT r.person_id, NULL, {dec} + 1, {types["chien_si_thi_dua_co_so"]},
                       r.year, 'merit'
                FROM gen_rating r WHERE {lđtt} AND {cstđ}""",
            table="awards_decisionrecipient",
        )
        self.loader.execute(
            f"""{cols} SELECT r.person_id, NULL, {province_first} + {yi} * {n_prov} + pv.i,
                       {types["bang_khen_cap_tinh"]}, r.year, 'merit'
                FROM gen_rating r JOIN {provinces} pv ON pv.id = r.province
                WHERE {bk}""",
            table="awards_decisionrecipient",
        )
        unit_r = self._rating("u.id", 32)
        unit_dec = (
            f"{first} + ((u.id - {unit0}) * {self.counts.years} "
            f"+ y.year - {self.counts.first_year}) * 3 + 2"
        )
        self.loader.execute(
            f"""{cols} SELECT NULL, u.id, {unit_dec}, {types["tap_the_lao_dong_tien_tien"]},
                       y.year, 'merit'
                FROM gen_unit u CROSS JOIN gen_year y
                WHERE {unit_r} < 900 AND {h("(u.id * 32 + y.year - 1990)", 44)} % 1000 < 700""",
            table="awards_decisionrecipient",
        )

    def _provinces_table(self) -> str:
        if not hasattr(self, "_prov_table"):
            self.loader.execute("CREATE TEMP TABLE gen_prov (id bigint, i int)")
            self.loader.load(
                "gen_prov", ["id", "i"], ((p.id, i) for i, p in enumerate(self.plan.provinces))
            )
            self._prov_table = "gen_prov"
        return self._prov_table

    def other_records(self) -> None:
        from thidua.awards.models import AwardType

        cstđ = AwardType.objects.get(code="chien_si_thi_dua_co_so").pk
        scope = f"{h('r.id', 51)} % 100"
        self.loader.execute(
            f"""INSERT INTO awards_initiative (person_id, unit_id, kind, title, scope,
                    recognised_year, recognised_by, reference, is_sample, version)
                SELECT r.person_id, NULL, 'initiative', 'Sáng kiến cải tiến quy trình công tác',
                       CASE WHEN {scope} < 70 THEN 'co_so' WHEN {scope} < 95 THEN 'cap_tinh'
                            ELSE 'toan_quoc' END,
                       r.year, 'Hội đồng sáng kiến cơ sở', '', {self._true}, 1
                FROM awards_decisionrecipient r
                WHERE r.award_type_id = {cstđ} AND {h("r.id", 52)} % 100 < 20""",
            table="awards_initiative",
        )
        if self.postgres:
            ends = "make_date(r.year + 1, 6, 30)"
            decided = "make_date(r.year, 3, 15)"
        else:
            ends = "(r.year + 1) || '-06-30'"
            decided = "r.year || '-03-15'"
        self.loader.execute(
            f"""INSERT INTO awards_discipline (person_id, unit_id, code, year, decided_on, ends_on,
                    decision_number, reason, is_sample, version)
                SELECT r.person_id, NULL, 'khien_trach', r.year, {decided}, {ends},
                       '', 'Vi phạm quy chế làm việc', {self._true}, 1
                FROM gen_rating r WHERE r.rating = 'khtnv'
                AND {h("(r.person_id * 32 + r.year - 1990)", 53)} % 100 < 10""",
            table="awards_discipline",
        )
        self.loader.execute(
            f"""INSERT INTO awards_maternityleave (person_id, year, is_sample)
                SELECT x.id, x.year, {self._true}
                FROM (SELECT p.id, p.sex, y.year FROM gen_person p CROSS JOIN gen_year y) x
                WHERE {self._maternity("x")}""",
            table="awards_maternityleave",
        )
        recent = self.counts.last_year - 1
        self.loader.execute(
            f"""INSERT INTO awards_judgementfact (person_id, unit_id, year, fact, note, is_sample)
                SELECT r.person_id, NULL, r.year, 'active_in_movements',
                       'Biên bản bình xét cuối năm', {self._true}
                FROM gen_rating r WHERE r.year >= {recent} AND r.rating IN ('htxsnv', 'httnv')
                AND {h("(r.person_id * 32 + r.year - 1990)", 55)} % 100 < 90""",
            table="awards_judgementfact",
        )
        opened = f"'{self.counts.last_year}-11-01'"
        if self.postgres:
            opened = f"DATE {opened}"
        self.loader.execute(
            f"""INSERT INTO awards_pendingmatter (person_id, unit_id, kind, status, opened_on,
                    closed_on, description, outcome, is_sample, version)
                SELECT p.id, NULL, 'complaint', 'open', {opened}, NULL,
                       'Đơn phản ánh đang được xem xét', '', {self._true}, 1
                FROM gen_person p WHERE {h("p.id", 54)} % 1000 < 1""",
            table="awards_pendingmatter",
        )


def rng_key(year: int, cluster: int, item: int) -> int:
    """A stable 128-bit key for a version part (same part, same key across years)."""
    return (0x7468696475610000 << 64) | (cluster << 24) | (item << 4) | 0


def generate(
    scale: float = 1.0,
    *,
    years: int = 10,
    last_year: int = 2025,
    seed: int = 2025,
    log: Callable[[str], None] = print,
) -> dict[str, int]:
    """Build the dataset at ``scale``; returns the rows written per table."""
    counts = counts_for(scale, years, last_year)
    return Generator(counts, seed, log).run()
