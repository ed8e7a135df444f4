#!/bin/sh
# Install the Debian packages Loudong builds and tests with, if any is missing.
# Idempotent: prints nothing and exits 0 when everything is present.
# Not root: prints the exact apt-get line to run and exits 1.
set -eu

PKGS="build-essential cmake pkg-config libmicrohttpd-dev libsqlite3-dev
libjansson-dev libsodium-dev libcurl4-openssl-dev libinih-dev libcmocka-dev
libcmark-gfm-dev libcmark-gfm-extensions-dev libmagic-dev libexpat1-dev
libcairo2-dev libqrencode-dev libxlsxwriter-dev fonts-noto-cjk poppler-utils python3-openpyxl
python3 python3-aiosmtpd python3-jsonschema libgpgme-dev gnupg"

missing=""
for p in $PKGS; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
		missing="$missing $p"
	fi
done
[ -z "$missing" ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
	echo "loudong: missing Debian packages; run as root:" >&2
	echo "  apt-get install -y --no-install-recommends$missing" >&2
	exit 1
fi
echo "deps: installing$missing"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $missing
