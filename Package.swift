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
        // `lookout serve`: the lessons in a browser on 127.0.0.1 (or a class network with --lan).
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        // Already in the graph through Hummingbird; named so LookoutServe and LookoutApp may import NIOCore, Logging and HTTPTypes.
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        // `lookout sync` speaks HTTP through AsyncHTTPClient (SwiftNIO), so the binary links no libcurl.
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
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

        // MARK: `lookout serve`: server-rendered HTML pages over the same session and store as the terminal.
        .target(name: "LookoutServe", dependencies: [
            "LookoutCore", "LookoutText", "LookoutStore", "LookoutUI",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "HTTPTypes", package: "swift-http-types"),
        ]),

        // MARK: The command-line program: I/O glue and subcommands, and a thin executable.
        .target(name: "LookoutApp", dependencies: [
            "LookoutCore", "LookoutText", "LookoutStore", "LookoutUI", "LookoutTerminal", "LookoutServe",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "_CryptoExtras", package: "swift-crypto"),
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOHTTP1", package: "swift-nio"),
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
        // Route tests in process (HummingbirdTesting), many learners at once, and a real browser (Selenium).
        .testTarget(name: "LookoutServeTests", dependencies: [
            "LookoutServe", "LookoutApp", "LookoutStore", "LookoutCore", "LookoutText", "LookoutTestSupport", "lookout",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "HummingbirdTesting", package: "hummingbird"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "HTTPTypes", package: "swift-http-types"),
        ], exclude: ["Scripts"]),
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
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOHTTP1", package: "swift-nio"),
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
