// swift-tools-version: 6.1
import Foundation
import PackageDescription

let package = Package(
    name: "Lookout",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "lookout", targets: ["lookout"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    ],
    targets: [
        // MARK: Pure core: model, parser, validator, scoring, session logic.
        // No files, clock, randomness or terminal in here.
        .target(name: "LookoutCore"),

        // MARK: Every word and every column Lookout produces: the catalog (English and Khmer), layout (one width
        // table with its width models, one word wrapper), formats, and the report, debrief, gain, audit,
        // certificate and handout texts. Core returns values; this target words and lays them out.
        .target(name: "LookoutText", dependencies: ["LookoutCore"]),

        // MARK: Progress store (SQLite through GRDB).
        .target(name: "LookoutStore", dependencies: [
            "LookoutCore",
            .product(name: "GRDB", package: "GRDB.swift"),
        ]),

        // MARK: Rendering: a pure function from state to a cell buffer.
        .target(name: "LookoutUI", dependencies: ["LookoutCore", "LookoutText"]),

        // MARK: The thin ncurses adapter (the only importer of CNcursesw).
        .systemLibrary(
            name: "CNcursesw",
            pkgConfig: "ncursesw",
            providers: [.apt(["libncursesw5-dev"])]
        ),
        .target(name: "LookoutTerminal", dependencies: ["LookoutUI", "LookoutText", "CNcursesw"]),

        // MARK: The command-line program: I/O glue and subcommands, and a thin executable.
        .target(name: "LookoutApp", dependencies: [
            "LookoutCore", "LookoutText", "LookoutStore", "LookoutUI", "LookoutTerminal",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "_CryptoExtras", package: "swift-crypto"),
        ]),
        .executableTarget(name: "lookout", dependencies: ["LookoutApp"]),

        // MARK: Benchmarks (run by Benchmarks/*/run.sh, release builds).
        // The store's test and benchmark tools: never in the shipped `lookout` binary.
        .executableTarget(name: "lookout-store-tool", dependencies: [
            "LookoutApp", "LookoutStore", "LookoutCore",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ], path: "Benchmarks/store/StoreTool"),
        .executableTarget(name: "lookout-ui-bench", dependencies: ["LookoutCore", "LookoutText", "LookoutUI"],
                          path: "Benchmarks/ui/RenderBench"),

        // MARK: Tests.
        // Helpers shared by the test targets: running the real binary, temporary folders, a small bank.
        .target(name: "LookoutTestSupport", path: "Tests/LookoutTestSupport"),
        .testTarget(name: "LookoutCoreTests", dependencies: ["LookoutCore", "LookoutText"]),
        .testTarget(name: "LookoutTextTests", dependencies: ["LookoutText", "LookoutCore"]),
        .testTarget(name: "LookoutEndToEndTests", dependencies: ["lookout", "LookoutApp", "LookoutStore", "LookoutCore", "LookoutText", "LookoutTestSupport"]),
        .testTarget(name: "LookoutUITests", dependencies: ["LookoutUI", "LookoutTerminal", "LookoutTestSupport", "LookoutCore", "LookoutText"],
                    exclude: ["Snapshots"]),
        .testTarget(name: "LookoutStoreTests", dependencies: ["LookoutStore", "LookoutCore", "lookout", "lookout-store-tool"]),
        .testTarget(name: "LookoutWorkshopTests", dependencies: [
            "LookoutApp", "LookoutStore", "LookoutCore", "LookoutText", "lookout", "LookoutTestSupport",
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
        // GIFT and xAPI exports and `lookout sync`, checked with pygiftparser and a real Ralph LRS
        // (Python tools in venvs that .ci/run makes; Scripts/ holds the small Python helpers).
        .testTarget(name: "LookoutInteropTests", dependencies: [
            "LookoutApp", "LookoutStore", "LookoutCore", "LookoutText", "lookout", "LookoutTestSupport",
            .product(name: "Crypto", package: "swift-crypto"),
        ], exclude: ["Scripts"]),
    ],
    swiftLanguageModes: [.v6]
)

// MARK: Fuzz targets (libFuzzer), only when LOOKOUT_FUZZ is set: they need `-sanitize=fuzzer
// -parse-as-library`, so they are not part of `swift build` or `swift test`. Benchmarks/fuzz/run.sh
// builds and runs them.
if ProcessInfo.processInfo.environment["LOOKOUT_FUZZ"] != nil {
    package.targets += [
        .executableTarget(name: "fuzz-bank-parser", dependencies: ["LookoutCore"], path: "Benchmarks/fuzz/BankParser"),
        .executableTarget(name: "fuzz-import-reader", dependencies: ["LookoutApp", "LookoutCore", "LookoutStore"],
                          path: "Benchmarks/fuzz/ImportReader"),
    ]
}
