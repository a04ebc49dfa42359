"""data/examples/test_users_api.py: run the example test file itself, in its own pytest."""

import shutil
import subprocess
import sys

PYTEST_INI = """\
[pytest]
asyncio_default_fixture_loop_scope = function
"""


def test_example_test_file_passes_in_a_subprocess(tmp_path, example_path):
    shutil.copy(example_path("test_users_api.py"), tmp_path / "test_users_api.py")
    # Its own rootdir and config, so this suite's conftest and settings do not leak in.
    (tmp_path / "pytest.ini").write_text(PYTEST_INI, encoding="utf-8")

    completed = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "-W",
            "error::DeprecationWarning",
            "test_users_api.py",
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    output = completed.stdout + completed.stderr
    assert completed.returncode == 0, output
    assert "2 passed" in output
    assert "warning" not in output.lower(), output
