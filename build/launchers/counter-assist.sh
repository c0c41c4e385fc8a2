#!/bin/sh
# counter-assist: the technician's command line, run by the installed app's own binary as Node
# (ELECTRON_RUN_AS_NODE=1), so a store PC needs no Node. The installer puts it beside the app:
#   Linux (deb)  /opt/Counter Assist/bin/counter-assist   (the app itself is …/counter-assist)
#   macOS        Counter Assist.app/Contents/bin/counter-assist
# A symbolic link to it (e.g. /usr/local/bin/counter-assist-cli) works: the link is followed.
set -e

self=$0
while [ -L "$self" ]; do
  target=$(readlink "$self")
  case $target in
    /*) self=$target ;;
    *) self=$(dirname "$self")/$target ;;
  esac
done
# The app folder on Linux, Contents on macOS.
top=$(cd "$(dirname "$self")/.." && pwd -P)

if [ -d "$top/MacOS" ]; then
  resources=$top/Resources
  app=$top/MacOS/Counter\ Assist
else
  resources=$top/resources
  app=$top/counter-assist
fi

# The content the installer put beside the app, unless the technician points elsewhere.
COUNTER_ASSIST_CONTENT=${COUNTER_ASSIST_CONTENT:-$resources/content}
export COUNTER_ASSIST_CONTENT
ELECTRON_RUN_AS_NODE=1
export ELECTRON_RUN_AS_NODE
exec "$app" "$resources/app.asar/out/cli/counter-assist.cjs" "$@"
