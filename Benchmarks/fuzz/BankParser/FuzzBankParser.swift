import LookoutCore

// libFuzzer target: the bank parser and validator on arbitrary bytes (one file, or two when the input
// holds a NUL, so cross-file checks run too). Built and run by Benchmarks/fuzz/run.sh.
// A crash, a trap or a failed invariant below is a finding; turn it into a test in LookoutCoreTests.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzBankParser(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = size == 0 || data == nil ? [] : Array(UnsafeBufferPointer(start: data, count: size))
    var files: [(path: String, bytes: [UInt8])] = []
    if let split = bytes.firstIndex(of: 0) {
        files = [("a.txt", Array(bytes[..<split])), ("b.txt", Array(bytes[(split + 1)...]))]
    } else {
        files = [("a.txt", bytes)]
    }
    let result = BankLoader.load(files: files, options: ValidationOptions(today: CalendarDate(year: 2026, month: 12, day: 1)))
    for diagnostic in result.diagnostics {
        // Every problem points into a file that was given, at line 1 or later, column 1 or later.
        guard files.contains(where: { $0.path == diagnostic.location.file }), diagnostic.location.line >= 1,
              diagnostic.location.column >= 1 else {
            fatalError("diagnostic with an impossible location: \(diagnostic)")
        }
        // Printed through the terminal-safe path, nothing unsafe is left.
        if TerminalText.containsUnsafe(TerminalText.safe(diagnostic.description)) { fatalError("unsafe text after safe()") }
    }
    _ = BankStats(bank: result.bank).text
    return 0
}

// SwiftPM links an executable with main renamed to <module>_main; with -parse-as-library there is no
// such function, so provide it and hand over to libFuzzer's driver.
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(_ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                         _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> CInt

@_cdecl("fuzz_bank_parser_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    var count = argc
    var arguments: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = argv
    return LLVMFuzzerRunDriver(&count, &arguments, fuzzBankParser)
}
