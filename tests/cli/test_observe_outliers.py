"""`observe import` lists outliers, but not hundreds of them."""

from __future__ import annotations

from minsheng.cli.observe_command import MAX_OUTLIERS_SHOWN, _echo_outliers
from minsheng.model.observation import ObservationRow


def test_outliers_beyond_the_first_fifty_are_counted_not_listed(capsys):
    rows = [ObservationRow("瑶海区", "指标", 2023, 1.5, row) for row in range(2, 82)]
    _echo_outliers(rows)
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == MAX_OUTLIERS_SHOWN + 1
    assert lines[0] == "  outlier (kept, please check): row 2 瑶海区 指标 2023 = 1.5"
    assert lines[-1] == "  … and 30 more outlier(s)"
