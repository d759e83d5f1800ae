#!/bin/sh
# refleks: install for this user only, from this folder, with no internet and no admin rights.
#
# Makes a virtual environment in ~/.local/share/refleks-app/venv (REFLEKS_HOME elsewhere),
# installs refleks and its dependencies from ./wheels with pip --no-index (nothing is
# fetched), and links the refleks command into ~/.local/bin (REFLEKS_BIN elsewhere).
# Run again to update from a newer bundle. Needs Python 3.11, 3.12 or 3.13 (PYTHON=...
# names one; python.org's installer for macOS, or the distribution's python3 with venv).
set -eu

here=$(cd "$(dirname "$0")" && pwd)
python=${PYTHON:-python3}
home_dir=${REFLEKS_HOME:-${XDG_DATA_HOME:-$HOME/.local/share}/refleks-app}
bin_dir=${REFLEKS_BIN:-$HOME/.local/bin}

if ! command -v "$python" >/dev/null 2>&1; then
    echo "refleks: no $python found. Install Python 3.11, 3.12 or 3.13 (see README.txt), or set PYTHON=/path/to/python3." >&2
    exit 1
fi
if ! "$python" -c 'import sys; sys.exit(not (3, 11) <= sys.version_info[:2] <= (3, 13))'; then
    echo "refleks: $("$python" --version 2>&1) is not one this bundle has wheels for: it needs Python 3.11, 3.12 or 3.13 (set PYTHON=...)." >&2
    exit 1
fi

echo "refleks: installing into $home_dir"
"$python" -m venv --clear "$home_dir/venv"
# No configuration file and no index: only the wheels beside this script are used.
PIP_CONFIG_FILE=/dev/null PIP_NO_INDEX=1 PIP_DISABLE_PIP_VERSION_CHECK=1 \
    "$home_dir/venv/bin/python" -m pip install --quiet --no-index --no-cache-dir \
    --find-links "$here/wheels" refleks

mkdir -p "$bin_dir"
ln -sf "$home_dir/venv/bin/refleks" "$bin_dir/refleks"
echo "refleks: the command is $bin_dir/refleks"
case ":$PATH:" in
    *":$bin_dir:"*) ;;
    *) echo "refleks: $bin_dir is not on your PATH yet: add the line  export PATH=\"$bin_dir:\$PATH\"  to ~/.profile (or ~/.zprofile on a Mac) and open a new terminal." ;;
esac
