import Foundation
import LookoutTestSupport
import Testing

/// The release archive as a user meets it: packed by Scripts/release.sh, unpacked into an empty folder
/// outside the checkout, run with an empty home folder and no LOOKOUT_* variables, installed with
/// install.sh (twice).
///
/// Which program is packed: the archive named by `LOOKOUT_RELEASE_ARCHIVE` when it is set (a real release
/// build, `Scripts/release.sh`), otherwise one packed here by `Scripts/release.sh --binary` from the debug
/// binary that `swift test` has just built. The debug binary loads the Swift libraries from the toolchain,
/// so that archive runs only where Swift is installed; every other step (packing, the layout, finding the
/// bank from wherever it lands, the man page, the completions, install.sh) is the same. `.ci/run` builds
/// the real archive and sets `LOOKOUT_RELEASE_ARCHIVE` (README.md, "Installing").
@Suite(.serialized) struct ReleaseArchiveTests {
    static let version: String = {
        let source = (try? String(contentsOfFile: Lookout.packageRoot + "/Sources/LookoutApp/LookoutVersion.swift", encoding: .utf8)) ?? ""
        let line = source.split(separator: "\n").first { $0.hasPrefix("    public static let current = \"") } ?? ""
        return line.split(separator: "\"").dropFirst().first.map(String.init) ?? "?"
    }()

    /// A clean environment like a fresh login: no LOOKOUT_*, no XDG_*, an empty home, temporary files
    /// under `tmp`.
    static func environment(home: String, tmp: String, path: String = "/usr/local/bin:/usr/bin:/bin") -> [String] {
        ["HOME=\(home)", "PATH=\(path)", "LANG=C.UTF-8", "TMPDIR=\(tmp)", "NO_COLOR=1"]
    }

    /// Runs `command` with exactly `environment` (through env -i), in `cwd`.
    @discardableResult
    static func run(_ command: [String], environment: [String], cwd: String, stdin: String? = nil) throws -> Lookout.Output {
        try Lookout.run(["-i"] + environment + command, executable: "/usr/bin/env", cwd: cwd, stdin: stdin)
    }

    /// Every path under `root` with its kind, size and modification time, to compare before and after.
    static func listing(_ root: String) -> [String: String] {
        var result: [String: String] = [:]
        guard let enumerator = FileManager.default.enumerator(atPath: root) else { return result }
        while let relative = enumerator.nextObject() as? String {
            let attributes = (try? FileManager.default.attributesOfItem(atPath: root + "/" + relative)) ?? [:]
            let type = (attributes[.type] as? FileAttributeType)?.rawValue ?? "?"
            let size = (attributes[.size] as? NSNumber)?.intValue ?? -1
            let modified = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
            result[relative] = "\(type) \(size) \(modified)"
        }
        return result
    }

    /// The archive to test and whether it holds a real release build.
    static func archive(into folder: String) throws -> (path: String, isRelease: Bool) {
        if let given = ProcessInfo.processInfo.environment["LOOKOUT_RELEASE_ARCHIVE"], !given.isEmpty {
            print("ReleaseArchiveTests: testing the release archive \(given)")
            return (given, true)
        }
        print("ReleaseArchiveTests: LOOKOUT_RELEASE_ARCHIVE is not set; packing the debug binary \(Lookout.binary)")
        let packed = try Lookout.run(["bash", Lookout.packageRoot + "/Scripts/release.sh", "--binary", Lookout.binary, "--out", folder],
                                     executable: "/usr/bin/env", cwd: folder)
        #expect(packed.status == 0, "release.sh failed:\n\(packed.stdout)\n\(packed.stderr)")
        return (folder + "/lookout-\(version)-linux-x86_64.tar.gz", false)
    }

    @Test func archiveRunsFromWhereItLandsAndInstalls() throws {
        let folders = TemporaryFolders()
        let work = try folders.make("lookout-release")
        let (archive, isRelease) = try Self.archive(into: work)
        let name = "lookout-\(Self.version)-linux-x86_64"
        #expect(URL(fileURLWithPath: archive).lastPathComponent == name + ".tar.gz")

        // The checksum file sits beside the archive and matches it.
        let archiveFolder = URL(fileURLWithPath: archive).deletingLastPathComponent().path
        let checksum = try Lookout.run(["sha256sum", "-c", name + ".tar.gz.sha256"], executable: "/usr/bin/env", cwd: archiveFolder)
        #expect(checksum.status == 0 && checksum.stdout.contains("\(name).tar.gz: OK"), "\(checksum.stdout)\(checksum.stderr)")

        // Unpack into an empty folder outside the checkout; the user's world is this one folder.
        let world = try folders.make("lookout-user")
        let home = world + "/home", tmp = world + "/tmp", cwd = world + "/somewhere", stick = world + "/usb"
        for folder in [home, tmp, cwd, stick] { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
        let untar = try Lookout.run(["tar", "-xzf", archive, "-C", stick], executable: "/usr/bin/env", cwd: world)
        #expect(untar.status == 0, "\(untar.stderr)")
        let top = stick + "/" + name
        for file in ["bin/lookout", "share/lookout/Scenarios/lessons.txt", "share/lookout/Scenarios/taxonomy.txt",
                     "share/lookout/Scenarios/FORMAT.md", "share/man/man1/lookout.1",
                     "share/bash-completion/completions/lookout", "share/zsh/site-functions/_lookout",
                     "share/fish/vendor_completions.d/lookout.fish", "README.md", "LICENSE", "install.sh"] {
            #expect(FileManager.default.fileExists(atPath: top + "/" + file), "the archive lacks \(file)")
        }
        #expect(FileManager.default.isExecutableFile(atPath: top + "/bin/lookout"))
        #expect(FileManager.default.isExecutableFile(atPath: top + "/install.sh"))
        let bash = try String(contentsOfFile: top + "/share/bash-completion/completions/lookout", encoding: .utf8)
        #expect(bash.contains("complete") && bash.contains("certificate") && bash.contains("--plain"))
        let fish = try String(contentsOfFile: top + "/share/fish/vendor_completions.d/lookout.fish", encoding: .utf8)
        #expect(fish.contains("complete -c 'lookout'") && fish.contains("-l 'version'"))
        let zsh = try String(contentsOfFile: top + "/share/zsh/site-functions/_lookout", encoding: .utf8)
        #expect(zsh.hasPrefix("#compdef lookout"))

        // Every shared library the program needs is found on this machine.
        let ldd = try Lookout.run(["ldd", top + "/bin/lookout"], executable: "/usr/bin/env", cwd: world)
        #expect(ldd.status == 0 && !ldd.stdout.contains("not found"), "\(ldd.stdout)")
        if isRelease {
            // A release build carries its Swift runtime inside: no Swift library may be loaded.
            #expect(!ldd.stdout.contains("libswift") && !ldd.stdout.contains("libFoundation"), "\(ldd.stdout)")
        }

        let before = Self.listing(world)
        let env = Self.environment(home: home, tmp: tmp)
        let lookout = top + "/bin/lookout"

        // --version: the version, the bank beside the program, its fingerprint, the data folder not made yet.
        let version = try Self.run([lookout, "--version"], environment: env, cwd: cwd)
        #expect(version.status == 0, "\(version.stderr)")
        let realTop = URL(fileURLWithPath: top).resolvingSymlinksInPath().path
        #expect(version.stdout.hasPrefix("lookout \(Self.version)\n"))
        #expect(version.stdout.contains("bank:             \(realTop)/share/lookout/Scenarios (installed next to the program)"), "\(version.stdout)")
        #expect(version.stdout.contains("data folder:      \(home)/.local/share/lookout (in the home folder; not created yet)"), "\(version.stdout)")
        let fingerprint = try #require(version.stdout.split(separator: "\n").first { $0.hasPrefix("bank fingerprint: ") })
        #expect(fingerprint.contains("SHA-256 "))

        // The checkout's bank has the same fingerprint: it depends on the files, not on where they are.
        let source = try Self.run([lookout, "--version"], environment: env + ["LOOKOUT_BANK=\(Lookout.shippedBank)"], cwd: cwd)
        #expect(source.stdout.contains(String(fingerprint)), "\(source.stdout)")
        #expect(source.stdout.contains("(from LOOKOUT_BANK)"))

        // check: the packed bank has no errors.
        let check = try Self.run([lookout, "check"], environment: env, cwd: cwd)
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        #expect(check.stdout.contains("in \(realTop)/share/lookout/Scenarios: 0 errors"), "\(check.stdout)")

        // A plain-mode lesson: the first option every time, then end of input (which saves and exits).
        let lesson = try Self.run([lookout, "train", "--plain", "--learner", "Sokha", "--lesson", "pol-intro"], environment: env, cwd: cwd,
                                  stdin: String(repeating: "1\n", count: 60))
        #expect(lesson.status == 0, "\(lesson.stderr)")
        #expect(lesson.stdout.contains("== "), "\(lesson.stdout.prefix(2000))")
        let progress = try Self.run([lookout, "progress", "--learner", "Sokha"], environment: env, cwd: cwd)
        #expect(progress.status == 0, "\(progress.stderr)")
        #expect(progress.stdout.contains("pol-intro"), "\(progress.stdout)")
        #expect(FileManager.default.fileExists(atPath: home + "/.local/share/lookout/progress.sqlite"))

        // Through a symbolic link in a folder on PATH, started by its bare name: the bank beside the real file.
        let linkFolder = world + "/links"
        try FileManager.default.createDirectory(atPath: linkFolder, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: linkFolder + "/lookout", withDestinationPath: lookout)
        let linked = try Self.run(["lookout", "--version"], environment: Self.environment(home: home, tmp: tmp, path: linkFolder + ":/usr/bin:/bin"), cwd: cwd)
        #expect(linked.status == 0, "\(linked.stderr)")
        #expect(linked.stdout.contains("bank:             \(realTop)/share/lookout/Scenarios (installed next to the program)"), "\(linked.stdout)")
        #expect(linked.stdout.contains("(in the home folder)"), "the data folder exists now: \(linked.stdout)")

        // Nothing was written outside the data folder (its parent folders in the home folder aside).
        let after = Self.listing(world)
        let dataFolder = "home/.local/share/lookout"
        let allowed: (String) -> Bool = { path in
            path == dataFolder || path.hasPrefix(dataFolder + "/") || ["home", "home/.local", "home/.local/share"].contains(path)
                || path == "links" || path.hasPrefix("links/")
        }
        let changed = Set(after.keys).union(before.keys).filter { before[$0] != after[$0] && !allowed($0) }
        #expect(changed.isEmpty, "written outside the data folder: \(changed.sorted())")
        #expect(after.keys.contains(dataFolder + "/progress.sqlite"))

        // install.sh into a prefix; a second run is harmless.
        let prefix = world + "/prefix"
        let install = try Self.run(["sh", top + "/install.sh", prefix], environment: env, cwd: cwd)
        #expect(install.status == 0, "\(install.stdout)\(install.stderr)")
        #expect(install.stdout.contains("Installed Lookout in \(prefix)"))
        #expect(install.stdout.contains("is not on your PATH"))
        for file in ["bin/lookout", "share/lookout/Scenarios/lessons.txt", "share/man/man1/lookout.1",
                     "share/bash-completion/completions/lookout", "share/zsh/site-functions/_lookout",
                     "share/fish/vendor_completions.d/lookout.fish", "share/doc/lookout/README.md", "share/doc/lookout/LICENSE"] {
            #expect(FileManager.default.fileExists(atPath: prefix + "/" + file), "install.sh did not install \(file)")
        }
        let installed = try Self.run([prefix + "/bin/lookout", "--version"], environment: env, cwd: cwd)
        let realPrefix = URL(fileURLWithPath: prefix).resolvingSymlinksInPath().path
        #expect(installed.stdout.contains("bank:             \(realPrefix)/share/lookout/Scenarios (installed next to the program)"), "\(installed.stdout)")
        #expect(installed.stdout.contains(String(fingerprint)))
        let firstInstall = Self.listing(prefix).mapValues { String($0.split(separator: " ").prefix(2).joined(separator: " ")) }
        let again = try Self.run(["sh", top + "/install.sh", prefix], environment: env, cwd: cwd)
        #expect(again.status == 0, "\(again.stdout)\(again.stderr)")
        let secondInstall = Self.listing(prefix).mapValues { String($0.split(separator: " ").prefix(2).joined(separator: " ")) }
        #expect(firstInstall == secondInstall, "a second install changed the files")
        #expect(!again.stdout.contains("kept in"))

        // A bank edited after installing is kept, not lost, when installing again.
        let lessons = prefix + "/share/lookout/Scenarios/lessons.txt"
        try (String(contentsOfFile: lessons, encoding: .utf8) + "\n# edited by a trainer\n").write(toFile: lessons, atomically: true, encoding: .utf8)
        let third = try Self.run(["sh", top + "/install.sh", prefix], environment: env, cwd: cwd)
        #expect(third.status == 0 && third.stdout.contains("the old one is kept in \(prefix)/share/lookout/Scenarios.before-"), "\(third.stdout)")
        let kept = try FileManager.default.contentsOfDirectory(atPath: prefix + "/share/lookout").filter { $0.hasPrefix("Scenarios.before-") }
        #expect(kept.count == 1)
        if let kept = kept.first {
            #expect(try String(contentsOfFile: prefix + "/share/lookout/\(kept)/lessons.txt", encoding: .utf8).contains("# edited by a trainer"))
        }
        #expect(!(try String(contentsOfFile: lessons, encoding: .utf8)).contains("# edited by a trainer"))

        // Installed for this user under ~/.local, the bank goes beside the progress store in
        // ~/.local/share/lookout: the learner's saved progress is untouched and the folder stays private.
        let store = home + "/.local/share/lookout/progress.sqlite"
        let storeBefore = Self.listing(home + "/.local/share/lookout")["progress.sqlite"]
        let user = try Self.run(["sh", top + "/install.sh", home + "/.local"], environment: env, cwd: cwd)
        #expect(user.status == 0, "\(user.stdout)\(user.stderr)")
        #expect(Self.listing(home + "/.local/share/lookout")["progress.sqlite"] == storeBefore)
        #expect(FileManager.default.fileExists(atPath: store))
        let mode = (try FileManager.default.attributesOfItem(atPath: home + "/.local/share/lookout")[.posixPermissions] as? NSNumber)?.intValue
        #expect(mode == 0o700)
        let mine = try Self.run([home + "/.local/bin/lookout", "progress", "--learner", "Sokha"], environment: env, cwd: cwd)
        #expect(mine.status == 0 && mine.stdout.contains("pol-intro"), "\(mine.stdout)\(mine.stderr)")
        let realHome = URL(fileURLWithPath: home).resolvingSymlinksInPath().path
        let userVersion = try Self.run([home + "/.local/bin/lookout", "--version"], environment: env, cwd: cwd)
        #expect(userVersion.stdout.contains("bank:             \(realHome)/.local/share/lookout/Scenarios (installed next to the program)"), "\(userVersion.stdout)")

        try Self.checkMissingLibraryMessage(top: top, world: world)
    }

    /// install.sh with an `ldd` that reports what a laptop without ncursesw and with an old C library
    /// would: it names the packages and installs nothing. (Part of the test above, to pack only once.)
    static func checkMissingLibraryMessage(top: String, world: String) throws {
        let home = world + "/home2", tmp = world + "/tmp2", fake = world + "/fake"
        for folder in [home, tmp, fake] { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
        let ldd = """
            #!/bin/sh
            echo "$1: /lib/x86_64-linux-gnu/libc.so.6: version \\`GLIBC_2.34' not found (required by $1)"
            echo "	libncursesw.so.6 => not found"
            echo "	libsqlite3.so.0 => /lib/x86_64-linux-gnu/libsqlite3.so.0 (0x00007f0000000000)"
            echo "	libc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x00007f0000000000)"
            """
        // Written by a child process: a file that this (multi-threaded) process had open for writing
        // could leak into a child that another test starts at that moment, and then cannot be run
        // ("Text file busy") while that child lives.
        let written = try Lookout.run(["sh", "-c", "cat > \"$1\" && chmod 0755 \"$1\"", "sh", fake + "/ldd"], executable: "/usr/bin/env", stdin: ldd + "\n")
        #expect(written.status == 0)
        let prefix = world + "/prefix-without-libraries"
        let install = try run(["sh", top + "/install.sh", prefix],
                              environment: environment(home: home, tmp: tmp, path: fake + ":/usr/bin:/bin"), cwd: world)
        #expect(install.status == 69)
        #expect(install.stderr.contains("missing library: libncursesw.so.6 (Debian/Ubuntu package: libncursesw6)"), "\(install.stderr)")
        #expect(install.stderr.contains("Lookout needs GLIBC_2.34 or newer"), "\(install.stderr)")
        #expect(install.stderr.contains("sudo apt-get install libncursesw6"), "\(install.stderr)")
        #expect(!FileManager.default.fileExists(atPath: prefix), "nothing may be installed when a library is missing")
    }

    @Test func versionWithoutABankSaysSo() throws {
        let folders = TemporaryFolders()
        let world = try folders.make("lookout-user")
        let home = world + "/home", tmp = world + "/tmp"
        for folder in [home, tmp] { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
        // The test binary has no share/lookout/Scenarios beside it, and the folder has no Scenarios.
        let output = try Self.run([Lookout.binary, "--version"], environment: Self.environment(home: home, tmp: tmp), cwd: world)
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stdout.contains("bank:             no bank found (looked in: \(URL(fileURLWithPath: world).resolvingSymlinksInPath().path)/Scenarios"), "\(output.stdout)")
        #expect(output.stdout.contains("bank fingerprint: none"))
        // A LOOKOUT_BANK that does not exist is named, not a crash.
        let missing = try Self.run([Lookout.binary, "--version"], environment: Self.environment(home: home, tmp: tmp) + ["LOOKOUT_BANK=/nonexistent/bank"], cwd: world)
        #expect(missing.status == 0)
        #expect(missing.stdout.contains("bank:             /nonexistent/bank (from LOOKOUT_BANK; it does not exist)"), "\(missing.stdout)")
        // No home folder at all.
        let homeless = try Lookout.run(["-i", "PATH=/usr/bin:/bin", Lookout.binary, "--version"], executable: "/usr/bin/env", cwd: world)
        #expect(homeless.status == 0)
        #expect(homeless.stdout.contains("data folder:"), "\(homeless.stdout)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: home).isEmpty, "--version created something")
    }

    /// The bank fingerprint is what README.md defines, computed here with coreutils: the SHA-256 of
    /// "lookout-bank-fingerprint 1" and one "path<TAB>sha256" line per .txt file, sorted by path.
    @Test func bankFingerprintFollowsItsDefinition() throws {
        let folders = TemporaryFolders()
        let world = try folders.make("lookout-user")
        let copy = world + "/copy of the bank"
        try FileManager.default.copyItem(atPath: Lookout.shippedBank, toPath: copy)
        func fingerprint(_ bank: String) throws -> String {
            let output = try Self.run([Lookout.binary, "--version"], environment: Self.environment(home: world, tmp: world) + ["LOOKOUT_BANK=\(bank)"], cwd: world)
            let line = output.stdout.split(separator: "\n").first { $0.hasPrefix("bank fingerprint: ") } ?? ""
            return line.components(separatedBy: "SHA-256 ").last.map { String($0.prefix(64)) } ?? ""
        }
        let script = """
            cd "$1" && { printf 'lookout-bank-fingerprint 1\\n'
              find . -type f -name '*.txt' | sed 's|^\\./||' | LC_ALL=C sort | while IFS= read -r f; do
                printf '%s\\t%s\\n' "$f" "$(sha256sum < "$f" | cut -d' ' -f1)"; done; } | sha256sum | cut -d' ' -f1
            """
        let expected = try Lookout.run(["bash", "-c", script, "bash", copy], executable: "/usr/bin/env").stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(expected.count == 64)
        #expect(try fingerprint(Lookout.shippedBank) == expected)
        #expect(try fingerprint(copy) == expected, "the fingerprint depends on where the bank is")
        // FORMAT.md is not part of the bank; one changed byte in a scenario file is.
        try "changed".write(toFile: copy + "/FORMAT.md", atomically: true, encoding: .utf8)
        #expect(try fingerprint(copy) == expected)
        let lessons = copy + "/lessons.txt"
        try (String(contentsOfFile: lessons, encoding: .utf8) + " ").write(toFile: lessons, atomically: true, encoding: .utf8)
        #expect(try fingerprint(copy) != expected)
    }

    /// The man page covers every command and option in the command tree (from `--experimental-dump-help`,
    /// the same source as --help), names no command that does not exist, and renders without warnings.
    @Test func manPageMatchesTheCommands() throws {
        let page = try String(contentsOfFile: Lookout.packageRoot + "/Scripts/lookout.1", encoding: .utf8)
        let dump = try Lookout.run(["--experimental-dump-help"])
        #expect(dump.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(dump.stdout.utf8)) as? [String: Any])
        let root = try #require(json["command"] as? [String: Any])

        // Sections: `.SS "lookout x y"` up to the next .SS or .SH; the root's options are under `.SH OPTIONS`.
        var sections: [String: String] = [:]
        var current: String?
        for line in page.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix(".SS \"lookout") {
                current = String(line.dropFirst(5).dropLast())
            } else if line == ".SH OPTIONS" {
                current = "lookout"
            } else if line.hasPrefix(".SS") || line.hasPrefix(".SH") {
                current = nil
            } else if let current {
                sections[current, default: ""] += line + "\n"
            }
        }

        var commands: [String] = []
        func visit(_ command: [String: Any], path: String) {
            // Hidden commands (_store) and argument-parser's own `help` command are not described.
            if (command["shouldDisplay"] as? Bool) == false || path == "lookout help" { return }
            commands.append(path)
            let text = sections[path] ?? ""
            #expect(sections[path] != nil, "the man page has no section .SS \"\(path)\"")
            for argument in command["arguments"] as? [[String: Any]] ?? [] {
                if (argument["shouldDisplay"] as? Bool) == false { continue }
                let names = (argument["names"] as? [[String: Any]] ?? []).compactMap { name -> String? in
                    (name["kind"] as? String) == "long" ? name["name"] as? String : nil
                }
                if names.contains("help") { continue }
                if let long = names.first {
                    let roff = "\\-\\-" + long.replacingOccurrences(of: "-", with: "\\-")
                    // Options shared through a parent (progress reset) or listed once at the top may be
                    // described there; each command's synopsis or text must still mention it.
                    #expect(text.contains(roff) || (path.hasPrefix("lookout progress reset") && sections["lookout progress"]!.contains(roff)),
                            "the man page's section for '\(path)' does not mention --\(long)")
                } else if let value = argument["valueName"] as? String {
                    #expect(text.contains("\\fI\(value)") || text.contains(".I \(value)") || text.contains(".IR \(value)")
                            || text.contains(".RI [ \(value)"),
                            "the man page's section for '\(path)' does not mention the argument <\(value)>")
                }
            }
            for sub in command["subcommands"] as? [[String: Any]] ?? [] {
                visit(sub, path: path + " " + (sub["commandName"] as? String ?? "?"))
            }
        }
        visit(root, path: "lookout")
        #expect(commands.count > 10)
        let documented = Set(sections.keys)
        #expect(documented.subtracting(commands).isEmpty, "the man page describes commands that do not exist: \(documented.subtracting(commands).sorted())")

        for variable in ["LOOKOUT_BANK", "LOOKOUT_DATA_DIR", "XDG_DATA_HOME", "HOME", "LOOKOUT_PASSPHRASE", "NO_COLOR", "TERM", "LANG", "LOOKOUT_TIMING"] {
            #expect(page.contains(".B \(variable)\n") || page.contains(".BR \(variable) "), "ENVIRONMENT lacks \(variable)")
        }
        for code in ["0", "1", "64", "65", "73", "74", "77"] {
            #expect(page.contains(".TP\n.B \(code)\n"), "EXIT STATUS lacks \(code)")
        }
        #expect(page.contains(".TH LOOKOUT 1 ") && page.contains("\"Lookout \(Self.version)\""), "the man page's version is not \(Self.version)")

        // groff renders it with every warning turned on and says nothing.
        let groff = try Lookout.run(["groff", "-man", "-Tutf8", "-ww", "-z", Lookout.packageRoot + "/Scripts/lookout.1"], executable: "/usr/bin/env")
        #expect(groff.status == 0 && groff.stderr.isEmpty, "\(groff.stderr)")
    }
}
