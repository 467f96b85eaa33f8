import Foundation
import LookoutApp
import LookoutCore

// libFuzzer target: the import reader (`lookout import`) on arbitrary bytes. The first byte picks a mode:
//   even: the rest is the whole file; odd: the rest is a payload, wrapped in an envelope with its right
//   checksum (so mutations reach the payload decoder and the field checks, as a forger's would);
// and each input is read both in memory and through the streaming reader from a temporary file.
// Findings: a crash or trap; the two readers disagreeing; or an accepted file holding text that could
// act on a terminal (the field checks must refuse it). Built and run by Benchmarks/fuzz/run.sh.

let temporaryPath = NSTemporaryDirectory() + "lookout-fuzz-import-\(getpid()).json"

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzImportReader(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard size > 0, let data else { return 0 }
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    var file = Array(bytes.dropFirst())
    if bytes[0] & 1 == 1 {
        let digest = SHA256Digest.hash(file).map { String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16) }.joined()
        file = Array("{\"format\":\"lookout-export\",\"version\":1,\"sha256\":\"\(digest)\",\"payload\":".utf8) + file + Array("}\n".utf8)
    }
    let inMemory = Result { () throws(ExportFile.ReadError) in try ExportFile.decode(Data(file), path: "fuzz.json") }
    FileManager.default.createFile(atPath: temporaryPath, contents: Data(file))
    let streamed = Result { () throws(ExportFile.ReadError) in try ExportFile.read(path: temporaryPath, streamingAbove: 0) }
    switch (inMemory, streamed) {
    case (.success(let a), .success(let b)):
        if a != b { fatalError("the in-memory and the streaming reader read different records") }
        check(a)
    case (.failure, .failure):
        break
    case (.success, .failure(let error)):
        fatalError("only the in-memory reader accepted the file; streaming said: \(error)")
    case (.failure(let error), .success):
        fatalError("only the streaming reader accepted the file; in memory: \(error)")
    }
    return 0
}

/// An accepted file holds nothing that could act on a terminal.
func check(_ file: ExportFile) {
    var texts = [file.storeID, file.exportedAt, file.label ?? ""]
    texts += file.learners.flatMap { [$0.id, $0.name] }
    texts += file.attempts.flatMap { [$0.id, $0.learnerID, $0.lessonID] }
    for e in file.events {
        texts += [e.id, e.learnerID, e.attemptID ?? "", e.lessonID ?? "", e.scenarioID, e.questionID] + e.chosen
    }
    for text in texts where TerminalText.containsUnsafe(text) {
        fatalError("an accepted import holds unsafe text: \(TerminalText.safe(text))")
    }
}

// SwiftPM links an executable with main renamed to <module>_main; with -parse-as-library there is no
// such function, so provide it and hand over to libFuzzer's driver.
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(_ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                         _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> CInt

@_cdecl("fuzz_import_reader_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    var count = argc
    var arguments: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = argv
    return LLVMFuzzerRunDriver(&count, &arguments, fuzzImportReader)
}
