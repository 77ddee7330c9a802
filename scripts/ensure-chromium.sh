#!/usr/bin/env bash
# Make Debian's Chromium available for the browser tests of the data card.
# Installs it with apt-get when it is missing and we may (root, or password-less sudo).
# When it cannot be installed, says so and exits 0: the browser tests then skip on a
# developer machine and fail under CI (CI=true), where the browser is required.
set -uo pipefail

CHROMIUM="${HEMICYCLE_CHROMIUM:-/usr/bin/chromium}"
PACKAGES=(chromium fonts-dejavu-core)

if [ -x "$CHROMIUM" ]; then
    exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
    SUDO=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    SUDO=(sudo -n)
else
    echo "ensure-chromium: $CHROMIUM is missing and this user cannot install packages;" \
         "the browser tests will be skipped (install it with: apt-get install ${PACKAGES[*]})" >&2
    exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
    echo "ensure-chromium: $CHROMIUM is missing and apt-get is not available;" \
         "the browser tests will be skipped" >&2
    exit 0
fi

echo "ensure-chromium: installing ${PACKAGES[*]} with apt-get" >&2
export DEBIAN_FRONTEND=noninteractive
if "${SUDO[@]}" apt-get update -qq \
    && "${SUDO[@]}" apt-get install -y -qq --no-install-recommends "${PACKAGES[@]}" >/dev/null; then
    [ -x "$CHROMIUM" ] && exit 0
fi
echo "ensure-chromium: could not install ${PACKAGES[*]}; the browser tests will be skipped" >&2
exit 0
