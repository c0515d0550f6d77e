#!/bin/sh
# Fetch the pinned Cytoscape.js from npm, check its hash, and vendor the one file the
# graph page loads, with its licence. Run from the repository root; commit the result.
set -eu
VERSION=3.34.4
TARBALL_SHA256=0d02363d99d805ce8d91fdecab7b2a8cb91ee280d67f309ce44c161d117b4679
DEST=hamwe/networks/static/networks/vendor/cytoscape
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "cytoscape@$VERSION" >/dev/null)
echo "$TARBALL_SHA256  $work/cytoscape-$VERSION.tgz" | sha256sum -c -
tar -xzf "$work/cytoscape-$VERSION.tgz" -C "$work"
cp "$work/package/dist/cytoscape.min.js" "$work/package/LICENSE" "$DEST/"
echo "Cytoscape.js $VERSION vendored in $DEST"
