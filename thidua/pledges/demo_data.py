"""Texts of the demo pledges. What the seeds state is marked so; the rest is sample data.

Criterion rows: (code, text, max score, method, extra fields).
"""

T, YN, LV, FREE = "target", "yes_no", "levels", "free"


def pct(target, threshold, unit="%"):
    return {"target_value": target, "target_unit": unit, "threshold_value": threshold}


def levels(text):
    return {"levels": text}


# --- Cụm thi đua số IX, 2020 (seed 000) --------------------------------------------------------

IX_TITLE = "Giao ước thi đua năm 2020"
IX_COMMITMENTS = (
    "Với quyết tâm cao, UBND 06 quận trong Cụm thi đua số IX nỗ lực phấn đấu hoàn thành tốt các "
    "chỉ tiêu, nhiệm vụ đã đề ra với kết quả cao nhất, thiết thực chào mừng Đại hội Đảng bộ các "
    "cấp nhiệm kỳ 2020 – 2025 và các ngày lễ lớn của Thủ đô và đất nước năm 2020."
)
# Stated in seed 000.
IX_KEY_TASKS = [
    "Hoàn thành toàn diện các chỉ tiêu Nghị quyết Đại hội Đảng nhiệm kỳ 2015 – 2020 và kế hoạch "
    "phát triển kinh tế - xã hội 5 năm (2015 – 2020) của từng quận.",
    "Thiết thực chào mừng Đại hội Đảng các cấp nhiệm kỳ 2020 - 2025.",
    "Đẩy mạnh việc học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh.",
    "Thi đua xây dựng tổ chức Đảng, xây dựng chính quyền, Mặt trận Tổ quốc, các hội đoàn thể "
    "trong sạch, vững mạnh năm 2020.",
    "Thực hiện cuộc vận động “Toàn dân đoàn kết xây dựng nông thôn mới, đô thị văn minh”.",
]
# Groups follow the movements named in seed 000; the criteria under them are sample data.
IX_GROUPS = [
    (
        "Toàn dân bảo vệ an ninh Tổ quốc",
        [
            (
                "1.1",
                "Tỷ lệ tổ dân phố đạt tiêu chuẩn “An toàn về an ninh, trật tự”",
                5,
                T,
                pct(90, 70),
            ),
            (
                "1.2",
                "Kéo giảm tội phạm về trật tự xã hội so với năm 2019",
                5,
                T,
                pct(5, 0, "% giảm"),
            ),
            (
                "1.3",
                "Tổ chức Ngày hội “Toàn dân bảo vệ an ninh Tổ quốc” ở 100% phường",
                5,
                YN,
                {"evidence": "Kế hoạch, báo cáo kết quả tổ chức Ngày hội của các phường"},
            ),
        ],
    ),
    (
        "Toàn dân đoàn kết xây dựng đời sống văn hóa",
        [
            ("2.1", "Tỷ lệ hộ gia đình được công nhận “Gia đình văn hóa”", 5, T, pct(90, 85)),
            ("2.2", "Tỷ lệ tổ dân phố được công nhận “Tổ dân phố văn hóa”", 5, T, pct(75, 65)),
            (
                "2.3",
                "Chất lượng hoạt động của các thiết chế văn hóa, thể thao cơ sở",
                5,
                LV,
                levels("Tốt: 5; Khá: 3; Trung bình: 1"),
            ),
        ],
    ),
    (
        "Doanh nghiệp Thủ đô hội nhập và phát triển",
        [
            (
                "3.1",
                "Hoàn thành dự toán thu ngân sách nhà nước Thành phố giao",
                5,
                T,
                {**pct(100, 90), "bonus_cap": 1},
            ),
            (
                "3.2",
                "Số doanh nghiệp thành lập mới trên địa bàn",
                4,
                T,
                pct(1000, 800, "doanh nghiệp"),
            ),
            (
                "3.3",
                "Đối thoại, tháo gỡ khó khăn cho doanh nghiệp, góp phần nâng cao chỉ số PCI",
                3,
                LV,
                levels("Tốt: 3; Khá: 2; Trung bình: 1"),
            ),
        ],
    ),
    (
        "Cả nước chung tay vì người nghèo - không để ai bị bỏ lại phía sau",
        [
            (
                "4.1",
                "Giảm hộ nghèo, hộ cận nghèo theo kế hoạch của quận",
                5,
                T,
                pct(100, 80, "% kế hoạch"),
            ),
            (
                "4.2",
                "Vận động ủng hộ Quỹ “Vì người nghèo” các cấp",
                4,
                LV,
                levels("Xuất sắc: 4; Tốt: 3; Khá: 2"),
            ),
            (
                "4.3",
                "Hỗ trợ xây mới, sửa chữa nhà cho hộ nghèo, hộ có hoàn cảnh khó khăn",
                3,
                YN,
                {},
            ),
        ],
    ),
    (
        "Thực hiện văn hóa công sở và nơi công cộng",
        [
            (
                "5.1",
                "Triển khai 02 bộ quy tắc ứng xử của UBND Thành phố đến 100% cơ quan, đơn vị, "
                "tổ dân phố",
                4,
                YN,
                {},
            ),
            (
                "5.2",
                "Không có cán bộ, công chức, viên chức vi phạm quy tắc ứng xử bị xử lý kỷ luật",
                3,
                YN,
                {},
            ),
            ("5.3", "Kiểm tra, chấn chỉnh việc thực hiện văn hóa công sở", 3, FREE, {}),
        ],
    ),
    (
        "Đẩy mạnh cải cách hành chính",
        [
            (
                "6.1",
                "Kết quả Chỉ số cải cách hành chính (PAR Index) của quận",
                5,
                LV,
                levels("Tốt: 5; Khá: 3; Trung bình: 1"),
            ),
            (
                "6.2",
                "Tỷ lệ hồ sơ thủ tục hành chính giải quyết đúng và trước hạn",
                5,
                T,
                pct(98, 95),
            ),
            ("6.3", "Tỷ lệ hồ sơ tiếp nhận trực tuyến mức độ 3, 4", 4, T, pct(30, 20)),
        ],
    ),
    (
        "An toàn thực phẩm",
        [
            ("7.1", "Không để xảy ra ngộ độc thực phẩm tập thể trên địa bàn", 4, YN, {}),
            ("7.2", "Xây dựng, mở rộng chuỗi cung ứng thực phẩm an toàn", 3, T, pct(3, 1, "chuỗi")),
            ("7.3", "Kiểm tra, xử lý vi phạm về an toàn thực phẩm", 3, FREE, {}),
        ],
    ),
    (
        "Đảm bảo an ninh, quốc phòng",
        [
            ("8.1", "Hoàn thành 100% chỉ tiêu tuyển chọn và gọi công dân nhập ngũ", 4, YN, {}),
            (
                "8.2",
                "Xây dựng lực lượng dân quân tự vệ, dự bị động viên vững mạnh",
                4,
                LV,
                levels("Tốt: 4; Khá: 3; Trung bình: 2"),
            ),
            ("8.3", "Không để xảy ra điểm nóng, phức tạp về an ninh chính trị", 4, YN, {}),
        ],
    ),
]

# The model in regulations.md ("Cluster scoring", Cần Thơ): grades 95 / 85 / 75, a criterion
# scored 0 rules out the two top grades; bonus and penalty up to 3 points. Sample for Hà Nội.
GRADES = [
    {"label": "Xuất sắc", "min_score": 95, "excluded_by_zero_criterion": True},
    {"label": "Tốt", "min_score": 85, "excluded_by_zero_criterion": True},
    {"label": "Khá", "min_score": 75, "excluded_by_zero_criterion": False},
]
TIE_BREAKS = [
    {"kind": "base", "group_id": None},
    {"kind": "fewer_penalty", "group_id": None},
    {"kind": "fewer_zero", "group_id": None},
    {"kind": "body", "group_id": None},
]
# (kind, text, points, criterion code or None)
RULES = [
    ("bonus", "Có mô hình mới, cách làm hay được Thành phố công nhận và nhân rộng", 1, None),
    ("bonus", "Được Chính phủ, Bộ, ngành Trung ương khen thưởng thành tích chuyên đề", 1, None),
    ("penalty", "Chậm gửi báo cáo công tác thi đua theo quy định của Cụm (mỗi lần)", "0,5", None),
    ("penalty", "Để xảy ra khiếu kiện đông người, vượt cấp kéo dài", 1, None),
]
IX_CRITERION_RULES = [("bonus", "Vượt dự toán thu ngân sách từ 10% trở lên", 1, "3.1")]


# --- The 8 wards of Cầu Giấy, 2018 (seed 002: 08 key tasks, 04 content groups, 35 criteria) -----

WARDS_TITLE = "Giao ước thi đua năm 2018"
WARDS_COMMITMENTS = (
    "Các phường cam kết phấn đấu hoàn thành vượt mức các chỉ tiêu, nhiệm vụ mà UBND quận và "
    "HĐND các phường giao năm 2018."
)
# Drawn from the commitments listed in seed 002; their split into eight is sample.
WARDS_KEY_TASKS = [
    "Nâng cao trách nhiệm của cấp ủy Đảng, chính quyền, đặc biệt là người đứng đầu trong chỉ đạo "
    "tổ chức các phong trào thi đua, bảo đảm hiệu quả, thiết thực.",
    "Phát động và tổ chức các phong trào thi đua yêu nước bám sát nhiệm vụ chính trị trọng tâm, "
    "khâu đột phá, chủ đề hành động của Thành phố, quận và phường năm 2018.",
    "Đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh.",
    "Đổi mới công tác lãnh đạo, chỉ đạo, điều hành; xây dựng nền hành chính công khai, minh bạch "
    "theo phương châm 5 rõ và nguyên tắc “Một việc – một đầu mối xuyên suốt”.",
    "Tháo gỡ khó khăn, vướng mắc, thúc đẩy sản xuất, tạo điều kiện cho doanh nghiệp, tổ chức, "
    "cá nhân đầu tư phát triển sản xuất kinh doanh.",
    "Phát triển các lĩnh vực văn hóa, giáo dục và đào tạo, y tế; nâng cao chất lượng phong trào "
    "“Toàn dân đoàn kết xây dựng đời sống văn hóa”.",
    "Tăng cường quốc phòng, an ninh, trật tự an toàn xã hội; đẩy mạnh phong trào “Toàn dân bảo "
    "vệ an ninh Tổ quốc”, không để xảy ra trọng án, tội phạm nghiêm trọng và có tổ chức.",
    "Phấn đấu hoàn thành vượt mức các chỉ tiêu, nhiệm vụ UBND quận và HĐND phường giao.",
]
GOOD = levels("Tốt: 3; Khá: 2; Trung bình: 1")
GOOD2 = levels("Tốt: 2; Khá: 1,5; Trung bình: 1")
# The four groups are stated in seed 002; the 35 criteria are sample data.
WARDS_GROUPS = [
    (
        "Phát triển kinh tế",
        [
            (
                "1.1",
                "Hoàn thành dự toán thu ngân sách nhà nước trên địa bàn phường",
                3,
                T,
                pct(100, 90),
            ),
            ("1.2", "Thu thuế ngoài quốc doanh đạt và vượt kế hoạch quận giao", 3, T, pct(100, 90)),
            (
                "1.3",
                "Hỗ trợ hộ kinh doanh, doanh nghiệp; giải quyết kịp thời kiến nghị",
                3,
                LV,
                GOOD,
            ),
            (
                "1.4",
                "Không để phát sinh công trình vi phạm trật tự xây dựng không được xử lý",
                3,
                YN,
                {},
            ),
            ("1.5", "Quản lý chặt chẽ đất đai, không để lấn chiếm đất công", 3, YN, {}),
            (
                "1.6",
                "Chỉnh trang đô thị, duy trì vệ sinh môi trường, thu gom rác đúng giờ",
                3,
                LV,
                GOOD,
            ),
            ("1.7", "Giữ gìn trật tự lòng đường, vỉa hè trên các tuyến phố", 3, LV, GOOD),
            ("1.8", "Tỷ lệ hộ dân được sử dụng nước sạch", 3, T, pct(100, 95)),
            ("1.9", "Giải phóng mặt bằng các dự án trên địa bàn đúng tiến độ", 3, YN, {}),
            ("1.10", "Phát triển thương mại, dịch vụ, xây dựng chợ văn minh", 3, FREE, {}),
        ],
    ),
    (
        "Văn hóa – xã hội",
        [
            ("2.1", "Tỷ lệ hộ gia đình đạt danh hiệu “Gia đình văn hóa”", 3, T, pct(90, 85)),
            ("2.2", "Tỷ lệ tổ dân phố đạt danh hiệu “Tổ dân phố văn hóa”", 3, T, pct(80, 70)),
            ("2.3", "Duy trì danh hiệu “Phường đạt chuẩn văn minh đô thị”", 3, YN, {}),
            (
                "2.4",
                "Trường học trên địa bàn đạt chuẩn quốc gia; duy trì phổ cập giáo dục",
                3,
                LV,
                GOOD,
            ),
            ("2.5", "Trạm y tế phường đạt Bộ tiêu chí quốc gia về y tế xã", 3, YN, {}),
            ("2.6", "Tỷ lệ trẻ em dưới 1 tuổi được tiêm chủng đầy đủ", 3, T, pct(98, 95)),
            (
                "2.7",
                "Giảm hộ nghèo, hộ cận nghèo theo kế hoạch của quận",
                3,
                T,
                pct(100, 80, "% kế hoạch"),
            ),
            (
                "2.8",
                "Thực hiện đầy đủ chính sách với người có công, đối tượng bảo trợ xã hội",
                3,
                YN,
                {},
            ),
            ("2.9", "Hoạt động văn hóa, thể dục thể thao chào mừng các ngày lễ lớn", 3, LV, GOOD),
            ("2.10", "Giải quyết việc làm cho người lao động", 3, T, pct(200, 150, "lao động")),
        ],
    ),
    (
        "An ninh – quốc phòng",
        [
            ("3.1", "Không để xảy ra trọng án, tội phạm nghiêm trọng và có tổ chức", 3, YN, {}),
            ("3.2", "Tỷ lệ điều tra, khám phá án hình sự trên địa bàn", 3, T, pct(75, 60)),
            ("3.3", "Tổ dân phố đạt tiêu chuẩn “An toàn về an ninh, trật tự”", 3, T, pct(80, 70)),
            ("3.4", "Hoàn thành 100% chỉ tiêu tuyển quân được giao", 3, YN, {}),
            ("3.5", "Duy trì phong trào “Toàn dân bảo vệ an ninh Tổ quốc”", 2, LV, GOOD2),
            ("3.6", "Quản lý cư trú, tạm trú, tạm vắng trên địa bàn", 2, LV, GOOD2),
            (
                "3.7",
                "Xây dựng lực lượng dân quân tự vệ vững mạnh, hoàn thành huấn luyện",
                2,
                YN,
                {},
            ),
            ("3.8", "Không để xảy ra cháy, nổ gây thiệt hại nghiêm trọng", 2, YN, {}),
        ],
    ),
    (
        "Cải cách hành chính",
        [
            (
                "4.1",
                "Tỷ lệ hồ sơ thủ tục hành chính giải quyết đúng và trước hạn",
                3,
                T,
                pct(100, 95),
            ),
            (
                "4.2",
                "Thực hiện cơ chế “một cửa”, “một cửa liên thông”; công khai thủ tục",
                3,
                YN,
                {},
            ),
            (
                "4.3",
                "Thực hiện phương châm 5 rõ: rõ người, rõ việc, rõ quy trình, rõ trách nhiệm, "
                "rõ hiệu quả",
                3,
                LV,
                GOOD,
            ),
            ("4.4", "Thực hiện nguyên tắc “Một việc – một đầu mối xuyên suốt”", 3, YN, {}),
            ("4.5", "Mức độ hài lòng của người dân với dịch vụ hành chính công", 3, T, pct(90, 80)),
            ("4.6", "Ứng dụng công nghệ thông tin, tiếp nhận hồ sơ trực tuyến", 3, LV, GOOD),
            ("4.7", "Thực hiện văn hóa công sở; không có cán bộ vi phạm kỷ luật", 2, YN, {}),
        ],
    ),
]


# --- Cụm thi đua số 4, 2019 (seed 003) ----------------------------------------------------------

CUM4_TITLE = "Giao ước thi đua năm 2019"
# Stated in seed 003, including the rule of one thematic emulation or new model per member.
CUM4_COMMITMENTS = (
    "Mỗi đơn vị thành viên đăng ký thực hiện ít nhất 1 chuyên đề thi đua hoặc 1 mô hình mới trong "
    "năm 2019 nhằm đẩy mạnh thi đua thực hiện “Năm nâng cao hiệu lực, hiệu quả hoạt động của hệ "
    "thống chính trị”.\n"
    "Các đơn vị trao đổi kinh nghiệm, học tập các điển hình tiên tiến; tổ chức kiểm tra chéo công "
    "tác thi đua khen thưởng giữa các đơn vị trong cụm."
)
CUM4_KEY_TASKS = [
    "Thi đua thực hiện tốt các nhiệm vụ chính trị của đơn vị, góp phần hoàn thành thắng lợi các "
    "chỉ tiêu phát triển kinh tế - xã hội năm 2019.",
    "Thi đua triển khai và thực hiện tốt công tác cải cách hành chính với mục tiêu “5 rõ” trong "
    "quản lý, chỉ đạo, điều hành.",
    "Đẩy mạnh “Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh” gắn với thực hiện "
    "Nghị quyết Trung ương 4 khóa XII về tăng cường xây dựng, chỉnh đốn Đảng.",
    "Thực hiện 2 bộ quy tắc ứng xử, tạo bước chuyển biến mạnh về kỷ luật, kỷ cương, ý thức, "
    "trách nhiệm, chất lượng phục vụ Nhân dân của đội ngũ cán bộ, công chức.",
    "Mỗi đơn vị thành viên đăng ký thực hiện ít nhất 1 chuyên đề thi đua hoặc 1 mô hình mới "
    "trong năm 2019.",
    "Phối hợp làm tốt công tác kiểm tra, giám sát; thực hiện tốt quy chế dân chủ ở từng cơ quan, "
    "đơn vị.",
]
