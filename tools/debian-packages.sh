# Debian packages Briefbook needs, and how they are installed; sourced by ./open-sample.sh and
# tests/run-all.sh so that both install the same way: only what is missing, with `sudo` only
# when not run as root (a fresh machine's root often has no `sudo` at all).

APP_PACKAGES=(
  python3-venv
  # Qt's libraries (PySide6 wheels bring Qt itself, not these)
  libegl1 libgl1 libx11-xcb1 libfontconfig1 libfreetype6 libglib2.0-0 libdbus-1-3 libpng16-16
  libxkbcommon0 libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1
  libxcb-randr0 libxcb-render-util0 libxcb-shape0 libxcb-xkb1
  # the fonts the template names
  fonts-liberation2 fonts-dejavu-core
  # spell checking: Enchant and the British English and French Hunspell dictionaries
  libenchant-2-2 hunspell-en-gb hunspell-fr
  # LibreOffice, headless: it lays out the PDF export and the page numbers of a Word export's contents
  libreoffice-writer-nogui
)

# the programs that check exports (LibreOffice, above, checks them too)
TEST_PACKAGES=(pandoc poppler-utils)

install_debian_packages() {
  local missing=() pkg sudo=""
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  echo "Installing system packages: ${missing[*]}"
  $sudo apt-get update -q
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
}
