# Sourced by the other scripts: the helpers they share.

# Installs the Debian/Ubuntu packages among "$@" that are missing — as root, or
# via sudo with a message — and nothing when all are there. A first argument
# --no-recommends leaves out what they merely recommend.
apt_install() {
  local missing=() p options=()
  if [ "${1:-}" = --no-recommends ]; then
    options=(--no-install-recommends)
    shift
  fi
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  ((${#missing[@]})) || return 0
  echo "==> システムパッケージを入れます: ${missing[*]}"
  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then
      echo "    (管理者権限が必要です。sudo のパスワードを求められたら入力してください)"
      sudo=(sudo)
    else
      echo "エラー: パッケージ ${missing[*]} が必要ですが、root でなく sudo もありません。" >&2
      echo "       管理者に apt-get install ${missing[*]} を依頼してください。" >&2
      return 1
    fi
  fi
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq "${options[@]}" "${missing[@]}"
}

# The first X display number from $1 up that no X server holds.
free_display() {
  local d=$1
  while [ -e "/tmp/.X${d}-lock" ]; do d=$((d + 1)); done
  echo "$d"
}
