#!/usr/bin/env bash
# Regenerates every icon from source.svg (needs rsvg-convert from librsvg2-bin and ImageMagick).
set -euo pipefail
cd "$(dirname "$0")"
render() { rsvg-convert -w "$1" -h "$1" source.svg -o "$2"; }
render 32 32x32.png
render 128 128x128.png
render 256 "128x128@2x.png"
render 512 icon.png
convert 32x32.png 128x128.png icon.png -define icon:auto-resize=16,24,32,48,64,128,256 icon.ico
cp source.svg ../ui/public/logo.svg
echo "icons written"
