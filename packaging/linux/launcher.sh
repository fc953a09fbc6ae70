#!/bin/sh
# /usr/bin/aipm-desktop: start the bundle installed under /opt.
exec /opt/aipm-desktop/aipm-desktop "$@"
