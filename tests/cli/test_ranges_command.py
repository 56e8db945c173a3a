"""`minsheng ranges set` / `list` as a planner runs them: rules for every region or one
district, replaced in place; a minimum above the maximum and an unknown indicator named."""

from __future__ import annotations

HEFEI_SEED = "000_7c865537b9a88152.txt"
MATERNAL = "孕产妇死亡率"


def test_set_list_replace_and_refuse(minsheng, seeds_dir):
    assert minsheng("import", str(seeds_dir / HEFEI_SEED)).returncode == 0
    given = ("--plan", "合肥市", "--indicator", MATERNAL)
    done = minsheng("ranges", "set", *given, "--min", "0", "--max", "20")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"{MATERNAL}\tevery region\t0–20"
    assert minsheng("ranges", "set", *given, "--region", "瑶海区", "--max", "15").returncode == 0
    assert minsheng("ranges", "set", *given, "--min", "1", "--max", "18").returncode == 0
    listed = minsheng("ranges", "list", "--plan", "合肥市")
    assert listed.stdout.splitlines() == [
        f"{MATERNAL}\tevery region\t1–18",
        f"{MATERNAL}\t瑶海区\tany–15",
    ]
    assert minsheng("ranges", "list").stdout == listed.stdout  # every plan: only Hefei's
    upside_down = minsheng("ranges", "set", *given, "--min", "30", "--max", "20")
    assert (
        upside_down.returncode == 2 and "minimum 30 is above the maximum 20" in upside_down.stderr
    )
    unknown = minsheng("ranges", "set", "--plan", "合肥市", "--indicator", "不存在", "--max", "1")
    assert unknown.returncode == 2 and "no indicator" in unknown.stderr
    none = minsheng("ranges", "set", *given)
    assert none.returncode == 2 and "minimum, a maximum or both" in none.stderr
