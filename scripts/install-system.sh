#!/bin/sh
# Installs the Debian packages listed in scripts/system-packages.txt that are
# not installed yet. Nothing else may fetch system software: no browser build,
# no model. Runs as root (CI) or through sudo when it is available.
set -eu
here=$(dirname "$0")
missing=""
for pkg in $(grep -v '^#' "$here/system-packages.txt" | tr -s ' \n' ' '); do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing="$missing $pkg"
done
[ -z "$missing" ] && exit 0
sudo=""
[ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1 && sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends $missing >/dev/null
