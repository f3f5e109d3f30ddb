#!/usr/bin/env bash
# Installs and configures Sprechzimmer on a fresh Debian 12 host from a short settings file:
# nginx (TLS, HTTP/2, WebSockets), two app processes under systemd, PostgreSQL, Redis, coturn and
# journald retention. It prints its plan first; --dry-run prints only the plan. Running it again
# changes only what differs and never replaces a generated secret.
#
#   sudo deploy/install.sh [--dry-run] SETTINGS_FILE      (see deploy/settings.example)
#
# The configuration it writes is rendered from the same templates (deploy/render.sh) that
# `npm run test:deploy` starts and checks; this script's own steps (apt, systemd, certbot) are not
# run by that test. See deploy/README.md.
set -euo pipefail

KIT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
DRY_RUN=0
if [[ "${1:-}" == "--dry-run" ]]; then
  DRY_RUN=1
  shift
fi
if [[ $# -ne 1 || ! -f "$1" ]]; then
  echo "usage: install.sh [--dry-run] SETTINGS_FILE (copy deploy/settings.example)" >&2
  exit 2
fi
SETTINGS="$1"

# --- settings: KEY=value lines, read as data (never sourced) -------------------------------------
REQUIRED=(DOMAIN PUBLIC_IP ADMIN_EMAIL SMTP_URL MAIL_FROM OPERATOR_NAME OPERATOR_ADDRESS OPERATOR_EMAIL PROCESSOR_HOSTING SUPERVISORY_AUTHORITY)
OPTIONAL=(TURN_HOST TLS_CERT TLS_KEY PRIVACY_CONTACT_EMAIL)
declare -A setting=()
while IFS= read -r line || [[ -n "$line" ]]; do
  [[ "$line" =~ ^[[:space:]]*(#|$) ]] && continue
  if [[ ! "$line" =~ ^([A-Z_]+)=(.*)$ ]]; then
    echo "$SETTINGS: cannot read line: $line" >&2
    exit 2
  fi
  key="${BASH_REMATCH[1]}"
  value="${BASH_REMATCH[2]}"
  if [[ ! " ${REQUIRED[*]} ${OPTIONAL[*]} " =~ \ $key\  ]]; then
    echo "$SETTINGS: unknown setting $key (known: ${REQUIRED[*]} ${OPTIONAL[*]})" >&2
    exit 2
  fi
  setting[$key]="$value"
done <"$SETTINGS"
missing=()
for key in "${REQUIRED[@]}"; do [[ -n "${setting[$key]:-}" ]] || missing+=("$key"); done
if ((${#missing[@]})); then
  echo "$SETTINGS: set ${missing[*]}" >&2
  exit 2
fi
if [[ -n "${setting[TLS_CERT]:-}" && -z "${setting[TLS_KEY]:-}" ]] || [[ -z "${setting[TLS_CERT]:-}" && -n "${setting[TLS_KEY]:-}" ]]; then
  echo "$SETTINGS: set both TLS_CERT and TLS_KEY, or neither (Let's Encrypt)" >&2
  exit 2
fi
export DOMAIN="${setting[DOMAIN]}" PUBLIC_IP="${setting[PUBLIC_IP]}" ADMIN_EMAIL="${setting[ADMIN_EMAIL]}"
export SMTP_URL="${setting[SMTP_URL]}" MAIL_FROM="${setting[MAIL_FROM]}"
export OPERATOR_NAME="${setting[OPERATOR_NAME]}" OPERATOR_ADDRESS="${setting[OPERATOR_ADDRESS]}" OPERATOR_EMAIL="${setting[OPERATOR_EMAIL]}"
export PRIVACY_CONTACT_EMAIL="${setting[PRIVACY_CONTACT_EMAIL]:-${setting[OPERATOR_EMAIL]}}"
export PROCESSOR_HOSTING="${setting[PROCESSOR_HOSTING]}" SUPERVISORY_AUTHORITY="${setting[SUPERVISORY_AUTHORITY]}"
export TURN_HOST="${setting[TURN_HOST]:-$DOMAIN}"
LETSENCRYPT_DIR="/etc/letsencrypt/live/$DOMAIN"
export TLS_CERT="${setting[TLS_CERT]:-$LETSENCRYPT_DIR/fullchain.pem}" TLS_KEY="${setting[TLS_KEY]:-$LETSENCRYPT_DIR/privkey.pem}"
export APP_DIR
APP_DIR="$(cd "$KIT/.." && pwd)"
export APP_ENV_FILE=/etc/sprechzimmer/sprechzimmer.env
export NGINX_USER=www-data NGINX_PID_FILE=/run/nginx.pid NGINX_LOG_DIR=/var/log/nginx NGINX_TEMP_DIR=/var/lib/nginx
export NGINX_SITE=/etc/nginx/sites-available/sprechzimmer.conf ACME_ROOT=/var/www/acme
export PG_PORT=5432 REDIS_PORT=6379
SECRETS=/etc/sprechzimmer/secrets.env
PACKAGES=(nginx coturn postgresql redis-server certbot ssl-cert openssl perl curl)

cat <<EOF
Sprechzimmer installer — plan for https://$DOMAIN (app in $APP_DIR)
  1. apt-get install ${PACKAGES[*]}; check Node.js >= 20.19 at /usr/bin/node
  2. secrets: $SECRETS (0600; generated once, kept on later runs — the data key above all)
  3. PostgreSQL: /etc/postgresql/<version>/main/conf.d/sprechzimmer.conf (localhost only, scram,
     no client addresses in its log); role and database "sprechzimmer" with the generated password
  4. Redis: /etc/redis/sprechzimmer.conf (127.0.0.1, password, nothing written to disk), included
     from /etc/redis/redis.conf
  5. coturn: /etc/turnserver.conf (use-auth-secret, UDP only, private ranges denied, no logs) on $PUBLIC_IP:3478
  6. journald: /etc/systemd/journald.conf.d/sprechzimmer-retention.conf (90 days at most, P-15)
  7. app: npm ci, npm run build:web and build:server in $APP_DIR; $APP_ENV_FILE (0600);
     /etc/systemd/system/sprechzimmer@.service; sprechzimmer@3001 and sprechzimmer@3002 enabled
  8. nginx: /etc/nginx/nginx.conf (Debian's kept as nginx.conf.orig-sprechzimmer), $NGINX_SITE,
     sites-enabled/default removed; certificate $TLS_CERT$([[ -n "${setting[TLS_CERT]:-}" ]] || echo " from Let's Encrypt (certbot --webroot, $ADMIN_EMAIL)")
  9. check https://$DOMAIN/readyz
Services are restarted only where a file changed.
EOF
if ((DRY_RUN)); then
  echo "(dry run: nothing changed)"
  exit 0
fi

[[ $EUID -eq 0 ]] || { echo "install.sh: run as root (sudo)" >&2; exit 1; }

# --- helpers -------------------------------------------------------------------------------------
CHANGED=()
# install_file MODE OWNER TARGET < content: writes only when the content differs; records TARGET.
install_file() {
  local mode=$1 owner=$2 target=$3 tmp
  tmp="$(mktemp)"
  cat >"$tmp"
  if [[ -f "$target" ]] && cmp -s "$tmp" "$target"; then
    rm -f "$tmp"
    echo "   = $target"
    return
  fi
  install -D -m "$mode" -o "${owner%%:*}" -g "${owner##*:}" "$tmp" "$target"
  rm -f "$tmp"
  CHANGED+=("$target")
  echo "   ~ $target"
}
changed() {
  local prefix
  for prefix in "$@"; do
    for file in "${CHANGED[@]}"; do [[ "$file" == "$prefix"* ]] && return 0; done
  done
  return 1
}
render() { bash "$KIT/render.sh" "$KIT/$1"; }

echo "1. packages"
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${PACKAGES[@]}"
if ! /usr/bin/node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a===20&&b>=19)?0:1)' 2>/dev/null; then
  echo "install.sh: Node.js >= 20.19 is needed at /usr/bin/node (Debian 12 ships 18): install Node 20 or 22 (e.g. the NodeSource packages) and run again" >&2
  exit 1
fi

echo "2. secrets"
install -d -m 0700 /etc/sprechzimmer
if [[ ! -f "$SECRETS" ]]; then
  umask 077
  {
    echo "PG_PASSWORD=$(openssl rand -hex 24)"
    echo "REDIS_PASSWORD=$(openssl rand -hex 24)"
    echo "TURN_SECRET=$(openssl rand -hex 32)"
    echo "DATA_ENCRYPTION_KEY=$(openssl rand -base64 32)"
  } >"$SECRETS"
  echo "   ~ $SECRETS (new: copy DATA_ENCRYPTION_KEY to your secret store, apart from backups)"
else
  echo "   = $SECRETS"
fi
# Split at the first "=" only: a base64 key ends in "=", which `IFS== read` would drop.
while IFS= read -r line; do [[ -n "$line" ]] && export "${line%%=*}=${line#*=}"; done <"$SECRETS"

echo "3. PostgreSQL"
PG_VERSION="$(ls /etc/postgresql | sort -n | tail -1)"
install_file 0644 root:root "/etc/postgresql/$PG_VERSION/main/conf.d/sprechzimmer.conf" <"$KIT/postgresql/sprechzimmer.conf"
systemctl enable -q postgresql
if changed /etc/postgresql/; then systemctl restart postgresql; else systemctl start postgresql; fi
{ printf "\\\\set password '%s'\n" "$PG_PASSWORD"; cat "$KIT/postgresql/create-database.sql"; } | runuser -u postgres -- psql -q -v ON_ERROR_STOP=1 -d postgres

echo "4. Redis"
render redis/sprechzimmer.conf.in | install_file 0640 root:redis /etc/redis/sprechzimmer.conf
grep -qx 'include /etc/redis/sprechzimmer.conf' /etc/redis/redis.conf || { echo 'include /etc/redis/sprechzimmer.conf' >>/etc/redis/redis.conf; CHANGED+=(/etc/redis/redis.conf); }
systemctl enable -q redis-server
if changed /etc/redis/; then systemctl restart redis-server; else systemctl start redis-server; fi

echo "5. coturn"
render coturn/turnserver.conf.in | install_file 0640 root:turnserver /etc/turnserver.conf
systemctl enable -q coturn
if changed /etc/turnserver.conf; then systemctl restart coturn; else systemctl start coturn; fi

echo "6. journald"
install_file 0644 root:root /etc/systemd/journald.conf.d/sprechzimmer-retention.conf <"$KIT/journald/sprechzimmer-retention.conf"
if changed /etc/systemd/journald.conf.d/; then systemctl restart systemd-journald; fi

echo "7. app"
(cd "$APP_DIR" && npm ci --no-audit --no-fund && npm run build:web && npm run build:server)
render app/sprechzimmer.env.in | install_file 0600 root:root "$APP_ENV_FILE"
render systemd/sprechzimmer@.service.in | install_file 0644 root:root /etc/systemd/system/sprechzimmer@.service
systemctl daemon-reload
systemctl enable -q sprechzimmer@3001 sprechzimmer@3002
# After an update of the code, run the installer again (or restart both): one after the other,
# so that nginx always has a process to send requests to.
for port in 3001 3002; do
  systemctl restart "sprechzimmer@$port"
  for _ in $(seq 1 60); do
    curl -fsS "http://127.0.0.1:$port/readyz" >/dev/null 2>&1 && break
    sleep 1
  done
done

echo "8. nginx"
[[ -f /etc/nginx/nginx.conf.orig-sprechzimmer ]] || cp -p /etc/nginx/nginx.conf /etc/nginx/nginx.conf.orig-sprechzimmer
rm -f /etc/nginx/sites-enabled/default
install -d -m 0755 "$ACME_ROOT"
render nginx/nginx.conf.in | install_file 0644 root:root /etc/nginx/nginx.conf
if [[ ! -f "$TLS_CERT" && -z "${setting[TLS_CERT]:-}" ]]; then
  # First run: nginx needs some certificate to start; Debian's self-signed one stands in while
  # certbot answers the challenge over port 80.
  TLS_CERT=/etc/ssl/certs/ssl-cert-snakeoil.pem TLS_KEY=/etc/ssl/private/ssl-cert-snakeoil.key render nginx/sprechzimmer.conf.in | install_file 0644 root:root "$NGINX_SITE"
  nginx -t -q && systemctl reload-or-restart nginx
  certbot certonly --webroot -w "$ACME_ROOT" -d "$DOMAIN" -m "$ADMIN_EMAIL" --agree-tos -n
  install_file 0755 root:root /etc/letsencrypt/renewal-hooks/deploy/reload-nginx <<<$'#!/bin/sh\nsystemctl reload nginx'
fi
render nginx/sprechzimmer.conf.in | install_file 0644 root:root "$NGINX_SITE"
nginx -t -q
systemctl enable -q nginx
systemctl reload-or-restart nginx

echo "9. check"
if curl -fsS --resolve "$DOMAIN:443:127.0.0.1" "https://$DOMAIN/readyz" >/dev/null; then
  echo "   https://$DOMAIN/ is ready."
else
  echo "   https://$DOMAIN/readyz does not answer 200: see journalctl -u 'sprechzimmer@*'" >&2
  exit 1
fi
