"""The commune's organisation, contacts and procedures from docs/xa.yml and docs/thu-tuc.yml:
rendered with working tel: and mailto: links, as schema.org data and as an English page, checked
with file:line messages, and required of the site (the strict build says what is missing)."""

from __future__ import annotations

import html
import json
import re
import subprocess
import sys

import pytest
import yaml
from conftest import ROOT, copy_sample, run_mkdocs
from htmlparse import attrs
from test_sample_site import sample  # noqa: F401 (fixture: the sample site, built)

DATA = yaml.safe_load((ROOT / "docs/xa.yml").read_text(encoding="utf-8"))


def phones() -> list[str]:
    entries = [DATA["organisation"], DATA["service_centre"], *DATA["offices"], *DATA["leaders"]]
    return [str(e[k]) for e in entries for k in ("phone", "hotline") if k in e]


def json_ld(page: str) -> dict:
    [block] = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    return json.loads(block)


def test_the_contact_page_reaches_everyone_by_phone_and_email(sample):  # noqa: F811
    assert sample.returncode == 0, sample.output
    page = sample.page("lien-he")
    links = {a["href"] for a in attrs(page, "a") if "href" in a}
    for leader in DATA["leaders"]:
        assert f"tel:{re.sub(r'[^0-9+]', '', str(leader['phone']))}" in links
        assert f"mailto:{leader['email']}" in links
        assert leader["role"] in page
    assert "tel:02000000100" in links  # the service centre's hotline
    for hours in DATA["service_centre"]["hours"]:
        assert hours in page
    data = json_ld(page)
    assert data["@context"] == "https://schema.org" and data["@type"] == "GovernmentOrganization"
    assert data["name"] == "Ủy ban nhân dân xã Mường Kim" and data["url"] == "https://muongkim.laichau.gov.vn/"
    numbers = {data["telephone"], *(point.get("telephone") for point in data["contactPoint"])}
    assert {"0200 000 0001", "0200 000 0100", "0200 000 0011", "0200 000 0012"} <= numbers
    assert not (sample.site / "xa.yml").exists() and not (sample.site / "thu-tuc.yml").exists()


def test_the_english_page_and_the_procedures(sample):  # noqa: F811
    english = sample.page("en")
    assert re.search(r"<title>People(&#39;|&#x27;|')s Committee of Muong Kim Commune", english)
    block = html.unescape(english[english.index('<div lang="en">'):])
    for office in DATA["offices"]:
        assert office["name_en"] in block and office["functions_en"] in block
    assert "Public Administration Service Centre" in block and "Monday to Friday" in block
    for number in phones():
        assert number in block
    assert "en/" in " ".join(a["href"] for a in attrs(sample.page("gioi-thieu"), "a") if "href" in a)
    procedures = sample.page("thu-tuc-hanh-chinh")
    names = yaml.safe_load((ROOT / "docs/thu-tuc.yml").read_text(encoding="utf-8"))["procedures"]
    for procedure in names:
        assert f'<a href="{procedure["url"]}">{procedure["name"]}</a>' in procedures


@pytest.fixture
def site(tmp_path):
    return copy_sample(tmp_path / "xa")


def check(root) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "loaxa.cli", "check"], cwd=root, capture_output=True,
                          text=True, encoding="utf-8")


def test_without_the_contacts_the_strict_build_stops_saying_what_to_add(site):
    (site / "docs/xa.yml").unlink()
    built = run_mkdocs(site)
    message = ("docs/xa.yml:1: tệp: trang thông tin của xã phải có cơ cấu tổ chức và thông tin liên hệ → "
               "tạo tệp `docs/xa.yml` theo mẫu ở trang /bien-tap/to-chuc/")
    assert built.returncode == 1 and message in built.output
    done = check(site)
    assert done.returncode == 1 and message in done.stderr


def test_mistakes_in_the_data_are_told_at_their_line(site):
    text = (site / "docs/xa.yml").read_text(encoding="utf-8")
    text = text.replace("  phone: 0200 000 0011", "  phone: 12345")
    text = text.replace("reviewed: 2026-11-20", "reviewed: 2024-01-15")
    (site / "docs/xa.yml").write_text(text, encoding="utf-8")
    procedures = (site / "docs/thu-tuc.yml").read_text(encoding="utf-8")
    procedures = procedures.replace("  - name: Đăng ký kết hôn\n", "  - where: Ở xã\n", 1)
    procedures = procedures.replace("https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh.html",
                                    "http://example.com/khai-sinh", 1)
    (site / "docs/thu-tuc.yml").write_text(procedures, encoding="utf-8")
    lines = text.splitlines()
    phone_line = 1 + next(i for i, line in enumerate(lines) if "phone: 12345" in line)
    done = check(site)
    assert done.returncode == 1
    assert (f"docs/xa.yml:{phone_line}: phone: số điện thoại `12345` không đúng → ghi 10–11 chữ số, "
            "bắt đầu bằng 0 hoặc +84, ví dụ `0213 3876 543`") in done.stderr
    assert ("docs/xa.yml:1: tệp: thông tin liên hệ rà soát lần cuối ngày 15/01/2024, quá 365 ngày → "
            "kiểm tra lại số điện thoại, người phụ trách, giờ làm việc rồi sửa `reviewed:` thành ngày "
            "hôm nay") in done.stderr
    assert "docs/thu-tuc.yml:5: url: địa chỉ `http://example.com/khai-sinh` không phải trang của Cổng" \
        in done.stderr
    assert re.search(r"docs/thu-tuc\.yml:\d+: name: thiếu `name` → ghi `name: …` cho mục này", done.stderr)


def test_a_change_in_the_data_reaches_a_page_built_before(site):
    assert run_mkdocs(site).returncode == 0
    data = site / "docs/xa.yml"
    data.write_text(data.read_text(encoding="utf-8").replace("0200 000 0100", "0200 000 0199"),
                    encoding="utf-8")
    rebuilt = run_mkdocs(site)
    assert rebuilt.returncode == 0, rebuilt.output
    assert "tel:02000000199" in rebuilt.page("lien-he") and "0200 000 0199" in rebuilt.page("en")


def test_a_missing_section_or_a_value_that_is_not_text_is_told_not_crashed(site):
    text = (site / "docs/xa.yml").read_text(encoding="utf-8")
    start = text.index("service_centre:")
    text = text[:start]  # the service centre's section removed
    listed = "  functions:\n    - Tham mưu\n    - Văn thư\n  functions_old: >-"
    text = text.replace("  functions: >-", listed, 1)
    (site / "docs/xa.yml").write_text(text, encoding="utf-8")
    done = check(site)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert ("docs/xa.yml:1: tệp: thiếu phần `service_centre` → thêm phần này theo mẫu ở trang "
            "/bien-tap/to-chuc/") in done.stderr
    assert re.search(r"docs/xa\.yml:\d+: functions: `functions` phải là một dòng chữ", done.stderr)
