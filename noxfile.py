"""
Development tasks for cnbudget.

``nox`` runs the default sessions (tests, lint, typecheck, docs, build) with the
interpreter nox itself runs on; ``nox -l`` lists every session.
"""

from __future__ import annotations

import pathlib
import shutil
import tarfile
import tempfile
import zipfile

import nox

# nox.project.dependency_groups() first shipped in 2025.02.09.
nox.needs_version = ">=2025.2.9"

nox.options.sessions = ["tests", "lint", "typecheck", "docs", "build"]
# uv is not available everywhere we run; the standard library's venv is.
nox.options.default_venv_backend = "venv"
nox.options.reuse_venv = "yes"
nox.options.error_on_external_run = True
# tests_all runs on the supported versions that are installed and skips the others,
# instead of trying to download an interpreter.
nox.options.download_python = "never"
nox.options.error_on_missing_interpreters = False

ROOT = pathlib.Path(__file__).resolve().parent
PYPROJECT = nox.project.load_toml(ROOT / "pyproject.toml")
NAME = PYPROJECT["project"]["name"]
VERSION = PYPROJECT["project"]["version"]
ALL_SUPPORTED = nox.project.python_versions(PYPROJECT)

LINT_PATHS = ("src", "tests", "benchmarks", "scripts", "noxfile.py", "docs/conf.py")

# Runs inside the build session's venv, from a directory outside the repository,
# against the installed wheel.
WHEEL_SMOKE_TEST = """
import importlib.resources
import pathlib
import sysconfig
from decimal import Decimal

import cnbudget

where = pathlib.Path(cnbudget.__file__).resolve()
site_packages = pathlib.Path(sysconfig.get_paths()["purelib"]).resolve()
assert site_packages in where.parents, f"cnbudget imported from {where}, not the wheel"

grammars = importlib.resources.files("cnbudget") / "grammars"
names = sorted(p.name for p in grammars.iterdir() if p.name.endswith(".lark"))
assert "phrases.lark" in names, names
for name in names:
    assert (grammars / name).read_text(encoding="utf-8").strip(), f"{name} is empty"

# Builds each grammar through open_from_package.
amount = cnbudget.parse_amount("1,026.19 万元")
assert amount.yuan == Decimal("10261900"), amount
code = cnbudget.parse_code("208 05 05")
assert str(code) == "2080505", code

assert (importlib.resources.files("cnbudget") / "py.typed").is_file()
print(f"wheel OK: {where.parent} ({len(names)} grammars)")
"""


def _groups(*names: str) -> tuple[str, ...]:
    return nox.project.dependency_groups(PYPROJECT, *names)


def _get_pkg(posargs: list[str]) -> tuple[str, list[str]]:
    """Allow ``--installpkg path/to/wheel.whl`` to test a built distribution."""
    posargs = list(posargs)
    try:
        i = posargs.index("--installpkg")
    except ValueError:
        return ".", posargs
    pkg = posargs[i + 1]
    del posargs[i : i + 2]
    return pkg, posargs


def _install(session: nox.Session, *groups: str, pkg: str = ".") -> None:
    """Install the dependency *groups*, the runtime dependencies and then *pkg* itself."""
    session.install(*_groups(*groups), *PYPROJECT["project"]["dependencies"])
    # A reused venv may hold an older build of the same version: replace it.
    session.install("--force-reinstall", "--no-deps", pkg)


def _run_tests(session: nox.Session) -> None:
    pkg, posargs = _get_pkg(session.posargs)
    _install(session, "test", pkg=pkg)
    session.run("pytest", *posargs)


@nox.session
def tests(session: nox.Session) -> None:
    """Run the test suite against a fresh (non-editable) install."""
    _run_tests(session)


@nox.session(python=ALL_SUPPORTED)
def tests_all(session: nox.Session) -> None:
    """Run the test suite on every supported Python that is installed."""
    _run_tests(session)


@nox.session
def lint(session: nox.Session) -> None:
    """Check code style with ruff (lint rules and formatting)."""
    session.install(*_groups("lint"))
    session.run("ruff", "check", *LINT_PATHS)
    session.run("ruff", "format", "--check", *LINT_PATHS)


@nox.session
def typecheck(session: nox.Session) -> None:
    """Type-check src, tests, noxfile.py and benchmarks with mypy --strict."""
    _install(session, "typing")
    # The files to check are listed in pyproject.toml.
    session.run("mypy", *session.posargs)


@nox.session
def docs(session: nox.Session) -> None:
    """Build the HTML docs and run their doctests, treating warnings as errors."""
    _install(session, "docs")
    shutil.rmtree(ROOT / "docs" / "_build", ignore_errors=True)
    for builder in session.posargs or ["html", "doctest"]:
        # -n: nitpicky, every cross-reference must resolve; -T: full tracebacks.
        sphinx = ["python", "-Im", "sphinx", "-T", "-E", "-W", "--keep-going", "-n"]
        paths = ["-d", "docs/_build/doctrees", "docs", f"docs/_build/{builder}"]
        session.run(*sphinx, "-b", builder, *paths)


def _check_wheel(wheel: pathlib.Path) -> list[str]:
    with zipfile.ZipFile(wheel) as zf:
        names = zf.namelist()
    problems = []
    if len(names) != len(set(names)):
        problems.append(f"{wheel.name}: duplicate entries")
    expected = {f"{NAME}/grammars/{p.name}" for p in (ROOT / "grammars").glob("*.lark")}
    expected |= {f"{NAME}/grammars/phrases.lark", f"{NAME}/py.typed", f"{NAME}/data/example.txt"}
    expected.add(f"{NAME}/data/cnbudget.schema.json")
    problems += [f"{wheel.name}: missing {name}" for name in sorted(expected - set(names))]
    problems += [f"{wheel.name}: stray {name}" for name in names if name.startswith("src/")]
    return problems


def _check_sdist(sdist: pathlib.Path) -> list[str]:
    with tarfile.open(sdist) as tf:
        names = {name.split("/", 1)[1] for name in tf.getnames() if "/" in name}
    expected = [
        "grammars/phrases.lark",
        f"src/{NAME}/__init__.py",
        f"src/{NAME}/py.typed",
        "tests",
        "docs/conf.py",
        "benchmarks",
        "CHANGELOG.md",
        "README.md",
        "noxfile.py",
        "pyproject.toml",
    ]
    # A tarball may or may not list directories on their own: look for what is in them.
    present = names | {
        parent.as_posix() for name in names for parent in pathlib.PurePosixPath(name).parents
    }
    problems = [f"{sdist.name}: missing {name}" for name in expected if name not in present]
    problems += [f"{sdist.name}: stray {name}" for name in names if name.startswith("docs/_build")]
    return problems


@nox.session
def build(session: nox.Session) -> None:
    """Build sdist and wheel, check their contents, and smoke-test the installed wheel."""
    session.install("build", "twine", *PYPROJECT["project"]["dependencies"])
    tmp = pathlib.Path(tempfile.mkdtemp(prefix=f"{NAME}-build-"))
    try:
        # Without flags, build makes the sdist and then the wheel *from the sdist*:
        # that is what a release publishes.
        released = tmp / "released"
        session.run("python", "-m", "build", "--outdir", str(released), str(ROOT))
        # A wheel straight from the source tree takes the other path through hatchling.
        direct = tmp / "direct"
        session.run("python", "-m", "build", "--wheel", "--outdir", str(direct), str(ROOT))

        (sdist,) = released.glob("*.tar.gz")
        (wheel,) = released.glob("*.whl")
        (direct_wheel,) = direct.glob("*.whl")
        problems = _check_sdist(sdist) + _check_wheel(wheel) + _check_wheel(direct_wheel)
        if not wheel.name.startswith(f"{NAME}-{VERSION}-"):
            problems.append(f"{wheel.name}: expected version {VERSION}")
        with zipfile.ZipFile(wheel) as a, zipfile.ZipFile(direct_wheel) as b:
            if sorted(a.namelist()) != sorted(b.namelist()):
                problems.append("the wheel built from the sdist differs from the direct wheel")
        if problems:
            session.error("\n".join(problems))

        session.run("python", "-m", "twine", "check", "--strict", str(sdist), str(wheel))

        session.install("--force-reinstall", "--no-deps", str(wheel))
        # Run from outside the repository so that nothing can import from src/.
        outside = tmp / "outside"
        outside.mkdir()
        with session.chdir(outside):
            session.run("python", "-I", "-c", WHEEL_SMOKE_TEST)
            session.run(NAME, "parse", "--example")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


@nox.session
def parsers(session: nox.Session) -> None:
    """Rewrite the shipped LALR tables (``src/cnbudget/data/*.lalr.json``) after a grammar change."""
    _install(session, pkg="-e.")
    session.run("python", "scripts/serialize_grammars.py")


@nox.session
def goldens(session: nox.Session) -> None:
    """Regenerate the golden files of the tests after an intended change; review the diff."""
    _install(session, "test", pkg="-e.")
    session.run("pytest", "--update-goldens", *session.posargs)


@nox.session
def bench(session: nox.Session) -> None:
    """Run the benchmarks against jionlp and cn2an (not part of the default run)."""
    _install(session, "bench")
    session.run("python", "benchmarks/run.py", *session.posargs)
