"""data/examples/test_users_api.py: run the example test file itself, in its own pytest."""

import shutil

from tests.examples.conftest import run_pytest

PYTEST_INI = """\
[pytest]
asyncio_default_fixture_loop_scope = function
"""


def test_example_test_file_passes_in_a_subprocess(tmp_path, example_path):
    shutil.copy(example_path("test_users_api.py"), tmp_path / "test_users_api.py")
    # Its own rootdir and config, so this suite's conftest and settings do not leak in.
    (tmp_path / "pytest.ini").write_text(PYTEST_INI, encoding="utf-8")

    returncode, output = run_pytest(
        tmp_path, "-q", "-W", "error::DeprecationWarning", "test_users_api.py"
    )
    assert returncode == 0, output
    assert "2 passed" in output
    assert "warning" not in output.lower(), output
