# Sourced by run.sh and test.sh: a virtual environment in .venv with the pinned requirements.
# Re-installs only when the requirements files changed (a stamp holds their checksum).
req="$1"
python=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  echo "Creating .venv with $($python --version 2>&1)…"
  "$python" -m venv .venv
fi
sum=$(cat requirements*.txt | sha256sum | cut -c1-16)-$req
if [ "$(cat .venv/.studio-stamp 2>/dev/null)" != "$sum" ]; then
  echo "Installing $req into .venv (first run takes a few minutes)…"
  .venv/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip
  .venv/bin/python -m pip install --quiet --disable-pip-version-check -r "$req"
  echo "$sum" > .venv/.studio-stamp
fi
