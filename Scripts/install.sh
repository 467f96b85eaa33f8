#!/bin/sh
# Installs Lookout from an unpacked release archive.
#
#   ./install.sh            for everyone under /usr/local when run as root, else for you under ~/.local
#   ./install.sh PREFIX     under PREFIX: PREFIX/bin/lookout, PREFIX/share/lookout/Scenarios, ...
#
# Running it again is harmless: the same files are put in place again. A scenario bank that was
# edited after installing is kept beside the new one (Scenarios.before-DATE) rather than lost.
# Learners' progress lives in the data folder (~/.local/share/lookout by default), which this
# script never touches.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
binary="$here/bin/lookout"

if [ "$#" -gt 1 ] || [ "${1:-}" = "-h" ] || [ "${1:-}" = "--help" ]; then
    echo "usage: $0 [PREFIX]   (default: /usr/local as root, ~/.local otherwise)"
    [ "$#" -gt 1 ] && exit 64
    exit 0
fi
if [ "$#" -eq 1 ]; then
    prefix=$1
elif [ "$(id -u)" -eq 0 ]; then
    prefix=/usr/local
else
    prefix="${HOME:?HOME is not set; give a PREFIX}/.local"
fi
case "$prefix" in
    /*) ;;
    *) prefix="$(pwd)/$prefix" ;;
esac

if [ ! -x "$binary" ] || [ ! -d "$here/share/lookout/Scenarios" ]; then
    echo "install.sh: run me from an unpacked Lookout archive (bin/lookout and share/lookout/Scenarios beside me)" >&2
    exit 66
fi

# The shared libraries the program needs from the system, and the Debian/Ubuntu packages that have them.
package_for() {
    case "$1" in
        libncursesw.so.*) echo libncursesw6 ;;
        libtinfo.so.*) echo libtinfo6 ;;
        libsqlite3.so.*) echo libsqlite3-0 ;;
        libstdc++.so.*) echo libstdc++6 ;;
        libgcc_s.so.*) echo libgcc-s1 ;;
        libz.so.*) echo zlib1g ;;
        libc.so.*|libm.so.*|libdl.so.*|libpthread.so.*|librt.so.*|libutil.so.*|ld-linux*) echo libc6 ;;
        *) echo "the package that provides $1" ;;
    esac
}

if command -v ldd >/dev/null 2>&1; then
    report=$(LC_ALL=C ldd "$binary" 2>&1) || true
    missing=$(printf '%s\n' "$report" | awk '/=> not found/ { print $1 }' | sort -u)
    glibc=$(printf '%s\n' "$report" | sed -n "s/.*version \`\(GLIBC_[0-9.]*\)' not found.*/\1/p" | sort -u -V | tail -n 1)
    if [ -n "$missing" ] || [ -n "$glibc" ]; then
        echo "install.sh: Lookout cannot run on this computer yet." >&2
        packages=""
        for lib in $missing; do
            pkg=$(package_for "$lib")
            echo "  missing library: $lib (Debian/Ubuntu package: $pkg)" >&2
            case " $packages " in *" $pkg "*) ;; *) packages="$packages $pkg" ;; esac
        done
        if [ -n "$glibc" ]; then
            echo "  the C library is too old: Lookout needs $glibc or newer (Ubuntu 22.04, Debian 12 or later; package libc6)" >&2
        fi
        if [ -n "$packages" ]; then
            echo "Install with:  sudo apt-get install$packages" >&2
            echo "(offline: copy those .deb files on the USB stick and run 'sudo dpkg -i *.deb')" >&2
        fi
        exit 69
    fi
else
    echo "install.sh: note: 'ldd' is not available, so the needed libraries were not checked; Lookout needs the packages libncursesw6, libtinfo6, libsqlite3-0, libstdc++6, libgcc-s1, libc6 (glibc 2.35 or newer) and zlib1g (see 'What the laptop needs' in README.md)" >&2
fi

# Installed for one user, share/lookout is also Lookout's own data folder (~/.local/share/lookout holds
# progress.sqlite too): keep it private, as Lookout itself makes it (0700).
if [ ! -d "$prefix/share/lookout" ] && [ -n "${HOME:-}" ] && [ "$HOME" != / ]; then
    case "$prefix/" in
        "$HOME"/*) mkdir -p "$prefix/share" && mkdir -m 0700 "$prefix/share/lookout" ;;
    esac
fi
mkdir -p "$prefix/bin" "$prefix/share/lookout" "$prefix/share/man/man1" \
    "$prefix/share/bash-completion/completions" "$prefix/share/zsh/site-functions" \
    "$prefix/share/fish/vendor_completions.d" "$prefix/share/doc/lookout"

# The program: copied to a temporary name and renamed, so a running copy is never half-written.
cp "$binary" "$prefix/bin/.lookout.new"
chmod 0755 "$prefix/bin/.lookout.new"
mv -f "$prefix/bin/.lookout.new" "$prefix/bin/lookout"

# The scenario bank: replaced as a whole, so files removed from the bank do not linger.
bank="$prefix/share/lookout/Scenarios"
rm -rf "$bank.new"
cp -R "$here/share/lookout/Scenarios" "$bank.new"
if [ -d "$bank" ]; then
    if diff -r -q "$bank" "$bank.new" >/dev/null 2>&1; then
        rm -rf "$bank"
    else
        kept="$bank.before-$(date +%Y%m%d-%H%M%S)"
        mv "$bank" "$kept"
        echo "The installed scenario bank differed from this release's; the old one is kept in $kept"
    fi
fi
mv "$bank.new" "$bank"
chmod -R u=rwX,go=rX "$bank"

install_file() { # source, destination
    cp "$here/$1" "$2.new" && chmod 0644 "$2.new" && mv -f "$2.new" "$2"
}
install_file share/man/man1/lookout.1 "$prefix/share/man/man1/lookout.1"
install_file share/bash-completion/completions/lookout "$prefix/share/bash-completion/completions/lookout"
install_file share/zsh/site-functions/_lookout "$prefix/share/zsh/site-functions/_lookout"
install_file share/fish/vendor_completions.d/lookout.fish "$prefix/share/fish/vendor_completions.d/lookout.fish"
install_file README.md "$prefix/share/doc/lookout/README.md"
install_file LICENSE "$prefix/share/doc/lookout/LICENSE"

echo "Installed Lookout in $prefix"
"$prefix/bin/lookout" --version | sed 's/^/  /'
case ":${PATH:-}:" in
    *":$prefix/bin:"*) ;;
    *) echo "Note: $prefix/bin is not on your PATH. Add this line to ~/.profile, then log in again:"
       echo "  export PATH=\"$prefix/bin:\$PATH\"" ;;
esac
# bash-completion looks in /usr/share, /usr/local/share and ~/.local/share only.
case "$prefix" in
    /usr|/usr/local|"${HOME:-/nonexistent}/.local") ;;
    *) echo "Note: bash does not look for completions under $prefix. For Tab completion, add this line to ~/.bashrc:"
       echo "  source \"$prefix/share/bash-completion/completions/lookout\"" ;;
esac
echo "Start it with:  lookout     (manual: man lookout)"
