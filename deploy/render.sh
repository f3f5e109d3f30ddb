#!/usr/bin/env bash
# Renders one kit template to stdout: every @@NAME@@ becomes the environment variable NAME.
# A placeholder without a variable is an error, so a template and its callers (install.sh and
# the kit's test, e2e/deploy-kit.deploy.ts) cannot drift apart silently.
#
#   NAME=value … bash deploy/render.sh deploy/nginx/sprechzimmer.conf.in > out.conf
set -euo pipefail
if [[ $# -ne 1 || ! -f "$1" ]]; then
  echo "usage: render.sh TEMPLATE" >&2
  exit 2
fi
exec perl -pe '
  s{@@([A-Z][A-Z0-9_]*)@@}{
    exists $ENV{$1} ? $ENV{$1} : die "render.sh: $ARGV:$.: \@\@$1\@\@ has no value (set $1)\n"
  }ge
' "$1"
