# lit configuration of ngx-pool-check's tests, in the style of clang/test.
#
# Substitutions (and tools found on PATH or next to clang):
#   %scan_build          scan-build for this clang
#   %clang_analyze_cc1   clang -cc1 -analyze, as in clang's own tests
#   %ngx_load            -load <the plugin>
#   %ngx_sim             -I of the nginx API simulation header (Inputs/)
#   %ngx_real            system and nginx include flags: compile against the
#                        real nginx 1.22 headers (configured by the build)
#   %ngx_includes        the -I flags of the real nginx headers (for drivers)
#   %ngx_headers         that configured nginx tree (for --nginx-src)
#   %ngx_hardened        cc1 flags of a distribution build: what the clang
#                        driver makes of `dpkg-buildflags` CPPFLAGS + CFLAGS
#                        (-O2 -D_FORTIFY_SOURCE=2, stack protector, -W...),
#                        so glibc's inline FORTIFY wrappers are what the
#                        checkers see; use with %ngx_real
#   %plugin              path of the plugin
#   %ngx_pool_check      the ngx-pool-check driver (tools/ngx-pool-check)
#   %sarif_multitool     Microsoft's SARIF validator (feature sarif-multitool),
#                        installed by tools/setup.sh outside the repository
#   %ngx_pc_src, %ngx_pc_build  the source and build directories
#   %cmake               the cmake that configured the build (cmake --install)
#   %nginx_dev_src       Debian's unconfigured nginx tree (feature nginx-dev)
#   %pre_commit          the pre-commit framework (feature pre-commit)
#   %yaml_python         a python3 with PyYAML (feature python-yaml)
#   features git, bear   those tools are on PATH

import os
import re
import subprocess

import lit.formats
from lit.llvm import llvm_config

config.name = "ngx-pool-check"
config.test_format = lit.formats.ShTest(not llvm_config.use_lit_shell)
config.suffixes = [".c", ".test"]
config.excludes = ["Inputs", "lit.cfg.py", "lit.site.cfg.py", "CMakeLists.txt"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.ngx_pc_obj_root, "test")

llvm_config.use_default_substitutions()
llvm_config.use_clang()
config.substitutions.append(("%analyze", ""))

config.substitutions.append(("%ngx_load", "-load " + config.ngx_pc_plugin))
config.substitutions.append(("%plugin", config.ngx_pc_plugin))
config.substitutions.append(("%ngx_pool_check", config.ngx_pc_driver))
config.substitutions.append(
    ("%ngx_sim", "-I " + os.path.join(config.test_source_root, "Inputs"))
)


def system_include_flags():
    """The -internal-isystem flags the clang driver gives cc1 on this host."""
    out = subprocess.run(
        [llvm_config.config.clang, "-###", "-fsyntax-only", "-x", "c", os.devnull],
        capture_output=True,
        text=True,
    ).stderr
    flags = []
    for line in out.splitlines():
        if "-cc1" not in line:
            continue
        args = re.findall(r'"((?:[^"\\]|\\.)*)"', line)
        for i, arg in enumerate(args[:-1]):
            if arg in ("-internal-isystem", "-internal-externc-isystem"):
                flags += [arg, args[i + 1]]
    return " ".join(flags)


# What Debian builds nginx and its modules with, when dpkg-buildflags cannot
# be asked (the same flags, as bookworm's dpkg-buildflags gives them).
DISTRIBUTION_FLAGS = (
    "-Wdate-time -D_FORTIFY_SOURCE=2 -g -O2 -fstack-protector-strong "
    "-Wformat -Werror=format-security"
)


def distribution_build_flags():
    """dpkg-buildflags' CPPFLAGS and CFLAGS, without debug info and paths."""
    try:
        flags = []
        for var in ("CPPFLAGS", "CFLAGS"):
            flags += subprocess.run(
                ["dpkg-buildflags", "--get", var],
                capture_output=True, text=True, check=True,
            ).stdout.split()
    except (OSError, subprocess.CalledProcessError):
        flags = DISTRIBUTION_FLAGS.split()
    return [f for f in flags if f != "-g" and not f.startswith("-ffile-prefix-map")]


def hardened_cc1_flags():
    """The cc1 flags the clang driver derives from a distribution build's
    flags: optimisation, macros, warnings and the stack protector."""
    out = subprocess.run(
        [llvm_config.config.clang, "-###", "-c", "-x", "c", os.devnull]
        + distribution_build_flags(),
        capture_output=True,
        text=True,
    ).stderr
    kept = []
    for line in out.splitlines():
        if "-cc1" not in line:
            continue
        args = re.findall(r'"((?:[^"\\]|\\.)*)"', line)
        i = 0
        while i < len(args):
            arg = args[i]
            if arg in ("-D", "-U", "-stack-protector") and i + 1 < len(args):
                if not args[i + 1].startswith("__GCC"):
                    kept += [arg, args[i + 1]]
                i += 2
                continue
            # -fgnuc-version: glibc only enables its FORTIFY wrappers for a
            # GNU C compiler; the driver always tells cc1 to be one.
            if re.match(r"-O[0-9s]?$", arg) or arg.startswith("-fgnuc-version=") or (
                arg.startswith("-W") and not arg.startswith("-Wl")
            ):
                kept.append(arg)
            i += 1
    if "_FORTIFY_SOURCE=2" not in " ".join(kept) and "_FORTIFY_SOURCE=3" not in " ".join(kept):
        lit_config.fatal("%ngx_hardened: no _FORTIFY_SOURCE in the flags " + " ".join(kept))
    return " ".join(kept)


config.substitutions.append(("%ngx_hardened", hardened_cc1_flags()))

nginx = config.ngx_pc_nginx_src
if nginx and os.path.exists(os.path.join(nginx, "objs", "ngx_auto_config.h")):
    dirs = [
        "src/core", "src/event", "src/event/modules", "src/os/unix", "objs",
        "src/http", "src/http/modules", "src/http/v2", "src/stream",
    ]
    real = system_include_flags() + " " + " ".join(
        "-I " + os.path.join(nginx, d) for d in dirs
    )
    config.substitutions.append(("%ngx_real", real))
    config.substitutions.append(
        ("%ngx_includes", " ".join("-I " + os.path.join(nginx, d) for d in dirs))
    )
    config.substitutions.append(("%ngx_headers", nginx))
    config.available_features.add("nginx-headers")

config.substitutions.append(
    ("%ngx_include", "-I " + os.path.join(config.ngx_pc_src_root, "include"))
)

# The example module is scanned by its own tests (test/ExampleModule).
config.excludes.append("example-module")

import shutil
scan_build = shutil.which("scan-build-19") or shutil.which(
    "scan-build", path=config.llvm_tools_dir)
if scan_build:
    config.substitutions.append(("%scan_build", scan_build))
    config.available_features.add("scan-build")


def sarif_multitool():
    """Sarif.Multitool where tools/setup.sh installs it (same variables)."""
    cache = os.environ.get("NGX_PC_CACHE") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"),
        "ngx-pool-check",
    )
    return os.path.join(
        cache, "sarif-multitool", "node_modules", "@microsoft",
        "sarif-multitool-linux", "Sarif.Multitool",
    )


multitool = sarif_multitool()
if os.access(multitool, os.X_OK):
    config.substitutions.append(("%sarif_multitool", multitool))
    config.available_features.add("sarif-multitool")
    # The validator is a .NET program: no ICU needed.
    config.environment["DOTNET_SYSTEM_GLOBALIZATION_INVARIANT"] = "1"
else:
    lit_config.warning(
        "SARIF validator not found at %s (run tools/setup.sh): "
        "the SARIF validation tests are skipped" % multitool
    )

# Permission tests mean nothing to root, who reads every file.
if hasattr(os, "getuid") and os.getuid() != 0:
    config.available_features.add("non-root")

# Inputs/ folders next to tests hold their data files.
config.excludes.append("Inputs")

# Where users run it (test/Integration): nginx's own build system over
# Debian's nginx-dev tree, git hooks, the pre-commit framework, the CI
# workflow, cmake --install.
config.substitutions.append(("%ngx_pc_src", config.ngx_pc_src_root))
config.substitutions.append(("%ngx_pc_build", config.ngx_pc_obj_root))
config.substitutions.append(("%cmake", config.ngx_pc_cmake))
if os.access(os.path.join(config.ngx_pc_nginx_dev_src, "configure"), os.X_OK):
    config.substitutions.append(("%nginx_dev_src", config.ngx_pc_nginx_dev_src))
    config.available_features.add("nginx-dev")
for tool in ("git", "bear"):
    if shutil.which(tool):
        config.available_features.add(tool)
pre_commit = shutil.which("pre-commit")
if pre_commit:
    config.substitutions.append(("%pre_commit", pre_commit))
    config.available_features.add("pre-commit")


def python_with_yaml():
    """This python if it has PyYAML, else Debian's python3 (python3-yaml)."""
    import sys
    for python in (sys.executable, "/usr/bin/python3"):
        if os.access(python, os.X_OK) and subprocess.run(
            [python, "-c", "import yaml"], capture_output=True
        ).returncode == 0:
            return python
    return None


python_yaml = python_with_yaml()
if python_yaml:
    config.substitutions.append(("%yaml_python", python_yaml))
    config.available_features.add("python-yaml")
# Git in the tests: no system configuration (lit passes no HOME, so no user
# configuration either), a fixed identity.
config.environment.update({
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_AUTHOR_NAME": "ngx-pool-check test",
    "GIT_AUTHOR_EMAIL": "test@ngx-pool-check.invalid",
    "GIT_COMMITTER_NAME": "ngx-pool-check test",
    "GIT_COMMITTER_EMAIL": "test@ngx-pool-check.invalid",
})

# The repository's own scripts (tools/...).
config.substitutions.append(("%ngx_src", config.ngx_pc_src_root))
