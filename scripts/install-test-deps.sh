#!/usr/bin/env bash
# Installs the Debian packages the test suite needs, only those missing.
# `apt-get update` runs at most once, and only when something is missing.
set -euo pipefail

packages=(
  jq                  # e2e tests pipe kubectl -o json through jq, as users do
  etcd-server         # the etcd store backend is tested against a real etcd
  python3-kubernetes  # the API server is checked with Python's official client
  chromium            # the web UI tests drive a headless Chromium through Playwright
  containerd          # the CRI runtime tests run real containers through containerd's CRI plugin
  runc                # ... which starts them with runc
  containernetworking-plugins  # pod IPs: CNI bridge + host-local (in /usr/lib/cni)
  docker-registry     # the local registry test images are pulled from
  busybox-static      # the test images' userland
  umoci               # builds the test images (OCI layout)
  skopeo              # pushes them to the local registry
  zlib1g-dev          # the native (AOT) podlife binary links against zlib
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# The native (AOT) publish of podlife links with clang, or gcc when there is no clang.
command -v clang >/dev/null || command -v gcc >/dev/null || missing+=(clang)
command -v kubectl >/dev/null || { echo "install-test-deps: kubectl is not on PATH; the end-to-end tests drive the real kubectl" >&2; exit 1; }
[ ${#missing[@]} -eq 0 ] && exit 0

echo "install-test-deps: installing ${missing[*]}" >&2
if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
