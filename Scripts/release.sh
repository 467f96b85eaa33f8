#!/usr/bin/env bash
# Builds the release archive dist/lookout-VERSION-linux-x86_64.tar.gz and its .sha256 file.
#
#   Scripts/release.sh                 release build with the Swift standard library linked in
#                                      (swift build -c release --static-swift-stdlib), then pack
#   Scripts/release.sh --binary PATH   pack PATH instead of building (the tests pass the debug binary
#                                      so that every packing and installing step is tested without a
#                                      release build; such an archive only runs where Swift is installed)
#   Scripts/release.sh --out DIR       write the archive and its .sha256 into DIR (default: dist/)
#
# The version comes from one place, Sources/LookoutApp/LookoutVersion.swift, which `lookout --version`
# prints too. The archive holds:
#
#   lookout-VERSION/bin/lookout
#   lookout-VERSION/share/lookout/Scenarios/...
#   lookout-VERSION/share/man/man1/lookout.1
#   lookout-VERSION/share/bash-completion/completions/lookout
#   lookout-VERSION/share/zsh/site-functions/_lookout
#   lookout-VERSION/share/fish/vendor_completions.d/lookout.fish
#   lookout-VERSION/README.md, LICENSE, install.sh
#
# The tar file is reproducible for a given binary: sorted names, owner root, the last commit's time.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

binary=""
out="$root/dist"
while [ "$#" -gt 0 ]; do
    case "$1" in
        --binary) binary=$2; shift 2 ;;
        --out) out=$2; shift 2 ;;
        -h|--help) sed -n '2,22p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "release.sh: unknown argument '$1' (see --help)" >&2; exit 64 ;;
    esac
done
case "$out" in /*) ;; *) out="$root/$out" ;; esac

version=$(sed -n 's/^ *public static let current = "\([^"]*\)".*/\1/p' Sources/LookoutApp/LookoutVersion.swift)
if [ -z "$version" ]; then
    echo "release.sh: cannot read the version from Sources/LookoutApp/LookoutVersion.swift" >&2
    exit 65
fi
arch=$(uname -m)
name="lookout-$version-linux-$arch"

static=no
if [ -z "$binary" ]; then
    echo "== swift build -c release --static-swift-stdlib --product lookout"
    start=$(date +%s)
    swift build -c release --static-swift-stdlib --product lookout
    echo "build took $(( $(date +%s) - start )) s"
    binary="$(swift build -c release --static-swift-stdlib --show-bin-path)/lookout"
    static=yes
fi
if [ ! -x "$binary" ]; then
    echo "release.sh: no program at $binary" >&2
    exit 66
fi

# The shared libraries the program loads: with the standard library linked in, no Swift library may
# be among them (they live in the toolchain folder, which a user's laptop does not have).
needed=$(objdump -p "$binary" | awk '/NEEDED/ { print $2 }')
echo "== shared libraries needed by $(basename "$binary"):"
printf '   %s\n' $needed
if [ "$static" = yes ] && printf '%s\n' $needed | grep -E -q '^lib(swift|Foundation|dispatch|BlocksRuntime|_Foundation)'; then
    echo "release.sh: the release binary still needs a Swift runtime library; it would not run without Swift installed" >&2
    exit 70
fi
glibc=$(objdump -T "$binary" | grep -o 'GLIBC_[0-9][0-9.]*' | sort -u -V | tail -n 1)
echo "== newest glibc symbol version used: $glibc"

stage=$(mktemp -d "${TMPDIR:-/tmp}/lookout-release.XXXXXX")
trap 'rm -rf "$stage"' EXIT
top="$stage/$name"
mkdir -p "$top/bin" "$top/share/lookout" "$top/share/man/man1" "$top/share/bash-completion/completions" \
    "$top/share/zsh/site-functions" "$top/share/fish/vendor_completions.d"

cp "$binary" "$top/bin/lookout"
# Debug information is most of the file's size and no use on a workshop laptop; the symbol table
# stays, so a crash report still names functions.
strip --strip-debug "$top/bin/lookout"
chmod 0755 "$top/bin/lookout"
cp -R Scenarios "$top/share/lookout/Scenarios"
cp Scripts/lookout.1 "$top/share/man/man1/lookout.1"
"$top/bin/lookout" --generate-completion-script bash > "$top/share/bash-completion/completions/lookout"
"$top/bin/lookout" --generate-completion-script zsh > "$top/share/zsh/site-functions/_lookout"
"$top/bin/lookout" --generate-completion-script fish > "$top/share/fish/vendor_completions.d/lookout.fish"
cp README.md LICENSE "$top/"
cp Scripts/install.sh "$top/install.sh"
chmod 0755 "$top/install.sh"
find "$top" -type d -exec chmod 0755 {} +
find "$top" -type f ! -perm -u+x -exec chmod 0644 {} +

# The packed program must run from the staging folder, outside the checkout, and find its own bank.
(cd "$stage" && env -u LOOKOUT_BANK "$top/bin/lookout" --version) | sed 's/^/   /'
(cd "$stage" && env -u LOOKOUT_BANK "$top/bin/lookout" check >/dev/null)

mkdir -p "$out"
epoch=$(git log -1 --format=%ct 2>/dev/null || date +%s)
archive="$out/$name.tar.gz"
tar --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$epoch" -C "$stage" -cf - "$name" \
    | gzip -n -9 > "$archive.tmp"
mv -f "$archive.tmp" "$archive"
(cd "$out" && sha256sum "$name.tar.gz" > "$name.tar.gz.sha256")

echo "== $archive ($(du -h "$archive" | cut -f1), binary $(du -h "$top/bin/lookout" | cut -f1))"
cat "$archive.sha256"
