"""Running the installed `citekit` command on one prepared case and checking the error contract
of DEVELOPERS.md (used by tests/test_cli_mutation.py)."""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

SCRIPT = Path(sys.executable).parent / "citekit"
LIBRARY = "lib"  # the library folder the cases name with --library


@dataclass
class Case:
    """One run of `citekit`: its arguments, the files made in its folder first, and what it may write."""

    name: str
    argv: list  # str, or bytes for an argument that is not UTF-8
    files: dict[str, bytes] = field(default_factory=dict)  # written into the case's folder first
    stdin: bytes | None = None
    outputs: tuple[str, ...] = ()  # files the command may create
    may_rewrite: tuple[str, ...] = ()  # inputs the command may change (validate --fix in place)
    expect: int | None = None  # the exact exit status, when the case fixes it
    free_stderr: bool = False  # stderr may carry a findings table (validate --fix to stdout)
    json_stdout: bool = False  # stdout must be JSON when the exit status is 0 or 1
    json_outputs: tuple[str, ...] = ()  # outputs that must be JSON when written
    unreadable: tuple[str, ...] = ()  # chmod 000 before the run
    folders: tuple[str, ...] = ()  # made empty before the run
    env: dict[str, str] = field(default_factory=dict)




def _snapshot(folder: Path) -> dict[str, bytes | None]:
    found = {}
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder).as_posix()
        try:
            found[relative] = None if path.is_dir() else path.read_bytes()
        except OSError:
            found[relative] = b"<unreadable>"
    return found


def _stray(path: str, allowed: set[str]) -> bool:
    """A new file the case did not ask for: anything but its outputs and the library's own files."""
    in_library = any(path == top or path.startswith(top + "/") for top in (LIBRARY, "records"))
    # Any folder used as a library gets its index (rebuilt from the files whenever they change).
    index = os.path.basename(path) == ".citekit-index.sqlite"
    return path.endswith(".tmp") or not (path in allowed or in_library or index)


def _command_line(case: Case, folder: Path) -> str:
    words = [shlex.quote(os.fsdecode(arg)) for arg in case.argv]
    env = "".join(f"{key}={shlex.quote(value)} " for key, value in case.env.items())
    stdin = " < stdin.bin" if case.stdin is not None else ""
    return f"cd {shlex.quote(str(folder))} && {env}citekit {' '.join(words)}{stdin}"


def run_case(case: Case, folder: Path, environment: dict[str, str]) -> list[str]:
    """The contract violations of one case (empty when it keeps the contract)."""
    folder.mkdir(parents=True)
    for relative, data in case.files.items():
        (folder / relative).parent.mkdir(parents=True, exist_ok=True)
        (folder / relative).write_bytes(data)
    for relative in case.folders:
        (folder / relative).mkdir(exist_ok=True)
    if case.stdin is not None:
        (folder / "stdin.bin").write_bytes(case.stdin)
    for relative in case.unreadable:
        os.chmod(folder / relative, 0)
    before = _snapshot(folder)
    try:
        done = subprocess.run([str(SCRIPT), *case.argv], cwd=folder, env={**environment, **case.env},
                              input=case.stdin, stdin=None if case.stdin is not None else subprocess.DEVNULL,
                              capture_output=True, timeout=120, check=False)
    except subprocess.TimeoutExpired:
        return ["did not finish in 120 s"]
    finally:
        for relative in case.unreadable:
            os.chmod(folder / relative, 0o755)
    after = _snapshot(folder)
    out, err = done.stdout.decode("utf-8", "replace"), done.stderr.decode("utf-8", "replace")
    problems = []
    if done.returncode not in (0, 1, 2):
        problems.append(f"exit status {done.returncode}")
    if case.expect is not None and done.returncode != case.expect:
        problems.append(f"exit status {done.returncode}, expected {case.expect}")
    if "Traceback" in out or "Traceback" in err:
        problems.append("a traceback")
    if re.search("[\x00-\x08\x0b-\x1f\x7f]", err):
        problems.append("control characters on stderr (a terminal would act on them)")
    lines = [line for line in err.splitlines() if line.strip()]
    if done.returncode == 2 and (len(err.strip().splitlines()) != 1 or not lines[0].startswith("citekit: error: ")):
        problems.append("exit status 2 without exactly one 'citekit: error: …' line on stderr")
    if done.returncode in (0, 1) and not case.free_stderr and any(not line.startswith("citekit: ") for line in lines):
        problems.append("stderr holds a line that is not one 'citekit: …' message")
    if done.returncode in (0, 1) and case.json_stdout:
        try:
            json.loads(out)
        except ValueError:
            problems.append("stdout is not JSON")
    new = [path for path in after if path not in before]
    allowed = set(case.outputs) | set(case.may_rewrite)
    strays = [path for path in new if _stray(path, allowed)]
    if strays:
        problems.append(f"wrote files it was not asked to: {strays}")
    changed = [path for path in before if path in after and after[path] != before[path]
               and path not in case.may_rewrite and not path.startswith(LIBRARY + "/") and path not in case.outputs]
    if changed:
        problems.append(f"changed files it was not asked to: {changed}")
    if done.returncode == 2 and any(path in new for path in case.outputs):
        problems.append("wrote an output although it failed")
    for output in case.json_outputs:
        if output in new and done.returncode in (0, 1):
            try:
                json.loads((folder / output).read_bytes())
            except ValueError:
                problems.append(f"{output} is not JSON")
    if problems:
        shown = (err.strip().splitlines() or [""])[-1][:300]
        return [f"{case.name}: {'; '.join(problems)}\n    $ {_command_line(case, folder)}\n    stderr: {shown}"]
    return []


def run_all(cases: list[Case], tmp_path: Path) -> None:
    home, temp, cache = tmp_path / "home", tmp_path / "tmp", tmp_path / "cache"
    home.mkdir()
    temp.mkdir()
    # HOME and the temp folder inside the test's folder, so a write outside the case folder shows up there;
    # citekit's one cache outside the library (guide-rule copies of CSL styles) in a folder of its own;
    # no bytecode written next to the installed modules either.
    environment = {"CITEKIT_CACHE_DIR": str(cache), "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
                   "HOME": str(home), "TMPDIR": str(temp),
                   "XDG_CACHE_HOME": str(home / ".cache"), "XDG_DATA_HOME": str(home / ".local/share"),
                   "XDG_CONFIG_HOME": str(home / ".config"), "LANG": "C.UTF-8", "PYTHONDONTWRITEBYTECODE": "1"}
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        results = pool.map(lambda item: run_case(item[1], tmp_path / f"{item[0]:03d}", environment),
                           enumerate(cases))
        failures = [problem for result in results for problem in result]
    leftovers = [str(path.relative_to(tmp_path)) for path in (*home.rglob("*"), *temp.rglob("*"))]
    if leftovers:
        failures.append(f"wrote outside the case folders: {leftovers[:10]}")
    assert not failures, f"{len(failures)} of {len(cases)} cases break the contract:\n" + "\n".join(failures)

