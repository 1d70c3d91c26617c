#!/bin/sh
# install-deps.sh: installs what SSA Desk needs to build, run and test on Debian 12.
# Run as root; safe to run again.
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq \
  build-essential meson ninja-build pkg-config gettext appstream desktop-file-utils \
  libglib2.0-dev libjson-glib-dev libgtk-4-dev libadwaita-1-dev libsoup-3.0-dev \
  libsecret-1-dev libxlsxwriter-dev libsqlite3-dev libcairo2-dev libpango1.0-dev \
  libgmime-3.0-dev libxml2-dev libportal-dev libportal-gtk4-dev python3-dbus python3-gi \
  xvfb xauth dbus dbus-x11 libgl1-mesa-dri fonts-dejavu-core poppler-utils python3-openpyxl \
  imagemagick nginx-light gnome-keyring locales at-spi2-core python3-pyatspi >/dev/null
# A team's database on PostgreSQL: libpq to build, and the server the tests start themselves.
apt-get install -y -qq libpq-dev postgresql >/dev/null
# The fuzz targets (build-aux/fuzz.sh): clang with libFuzzer and the sanitizers' runtimes.
apt-get install -y -qq clang libclang-rt-14-dev llvm >/dev/null
apt-get install -y -qq --no-install-recommends libreoffice-calc-nogui flatpak-builder >/dev/null
# The Bokmål tests of the command line need the nb_NO locale.
if ! locale -a 2>/dev/null | grep -qi '^nb_NO\.utf8$'; then
  sed -i 's/^# *nb_NO.UTF-8 UTF-8/nb_NO.UTF-8 UTF-8/' /etc/locale.gen
  locale-gen >/dev/null
fi
