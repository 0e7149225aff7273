#!/bin/sh
# Build Frontline Atlas.app and a .dmg on macOS (run on a Mac with Python 3.11+ and uv):
#
#   sh installer/macos/build_app.sh [--with-data DIR]
#
# 1. the one-folder bundle, as on every platform (installer/build.py);
# 2. a .app around it (the bundle goes in Contents/MacOS, the icon and
#    Info.plist beside it; QtWebEngine's helper stays inside the bundle);
# 3. a compressed .dmg with the .app and a link to /Applications (hdiutil).
# Signing and notarisation need an Apple developer identity: add
# `codesign --deep --options runtime -s "Developer ID Application: …"` before step 3.
set -eu
cd "$(dirname "$0")/../.."
uv run python installer/build.py --no-archive --no-deb "$@"
APP=dist/Frontline\ Atlas.app
rm -rf "$APP"
mkdir -p "$APP/Contents/MacOS" "$APP/Contents/Resources"
cp -R dist/frontline-atlas/. "$APP/Contents/MacOS/"
cp resources/icons/frontline-atlas.svg "$APP/Contents/Resources/"
VERSION=$(uv run python -c "import geodata; print(geodata.__version__)")
cat > "$APP/Contents/Info.plist" <<PLIST
<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0"><dict>
  <key>CFBundleName</key><string>Frontline Atlas</string>
  <key>CFBundleIdentifier</key><string>org.frontline-atlas.app</string>
  <key>CFBundleVersion</key><string>$VERSION</string>
  <key>CFBundleShortVersionString</key><string>$VERSION</string>
  <key>CFBundleExecutable</key><string>frontline-atlas</string>
  <key>CFBundlePackageType</key><string>APPL</string>
  <key>LSMinimumSystemVersion</key><string>12.0</string>
  <key>NSHighResolutionCapable</key><true/>
</dict></plist>
PLIST
STAGE=dist/dmg-stage
rm -rf "$STAGE" && mkdir -p "$STAGE"
cp -R "$APP" "$STAGE/"
ln -s /Applications "$STAGE/Applications"
hdiutil create -volname "Frontline Atlas" -srcfolder "$STAGE" -ov -format UDZO "dist/frontline-atlas-$VERSION.dmg"
rm -rf "$STAGE"
echo "built $APP and dist/frontline-atlas-$VERSION.dmg"
