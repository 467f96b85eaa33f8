import LookoutTestSupport
import Foundation
import Testing

/// Issue 10, failure 4: the store's test tools are a separate executable, not part of `lookout`.
@Suite struct ShippedBinaryTests {
    @Test func theStoreTestToolsAreNotInTheShippedBinary() throws {
        let data = try Lookout.temporaryDirectory()
        let r = try Lookout.run(["_store", "write-events", "--data-dir", data, "--count", "1"])
        #expect(r.status != 0)
        #expect(!FileManager.default.fileExists(atPath: data + "/progress.sqlite"))
        let binary = try Data(contentsOf: URL(fileURLWithPath: Lookout.binary))
        #expect(binary.range(of: Data("write-events".utf8)) == nil)
        #expect(binary.range(of: Data("bench-append".utf8)) == nil)
    }
}
