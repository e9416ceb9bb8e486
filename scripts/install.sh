#!/usr/bin/env bash
# Install everything the app and its tests need on a fresh Debian 12 machine (as root), idempotently:
# the Debian libraries WeasyPrint and Hindi need, Chromium for browser tests, PostgreSQL for the
# multi-user tests, then a virtualenv in .venv with the project and its test extra.
set -euo pipefail
cd "$(dirname "$0")/.."

DEBIAN_PACKAGES=(
  libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fontconfig fonts-dejavu-core
  fonts-noto-core          # Noto Sans Devanagari: Hindi in pages and PDFs
  poppler-utils            # pdftoppm: PNG pages of PDFs for people to look at
  chromium                 # end-to-end tests drive Debian's Chromium through Playwright
  postgresql postgresql-client
  redis-server             # the Celery broker of the production stack and its tests
)

missing=()
for pkg in "${DEBIAN_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ "${#missing[@]}" -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "Missing Debian packages: ${missing[*]} (run this script as root to install them)" >&2
    exit 1
  fi
  apt-get update -q
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

# The single sign-on tests run a real OpenID provider (the npm package oidc-provider) with node on loopback.
# Debian 12's nodejs is 18, too old for oidc-provider 9 (it needs Node 22 LTS: URL.parse, a runtime check);
# Debian's node and npm only run `npm ci`, which brings Node 22 itself from the npm registry (the `node`
# package pinned in tests/oidc/package.json, binary in tests/oidc/node_modules/.bin/node), so the provider
# runs on the same Node whatever the system has.
if ! command -v npm >/dev/null; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "node and npm are missing (run this script as root to install them)" >&2
    exit 1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends nodejs npm
fi
(cd tests/oidc && npm ci --no-audit --no-fund --loglevel=error)
PROVIDER_NODE=$(tests/oidc/node_modules/.bin/node -v)  # fails the install if npm did not bring it
echo "OpenID provider for the tests: oidc-provider on node $PROVIDER_NODE"

PYTHON=${PYTHON:-python3.11}
command -v "$PYTHON" >/dev/null || PYTHON=python3
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e ".[test]"
echo "Installed: $(.venv/bin/python --version), WeasyPrint $(.venv/bin/python -c 'import weasyprint; print(weasyprint.__version__)')"
