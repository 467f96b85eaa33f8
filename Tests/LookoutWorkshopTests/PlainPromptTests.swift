import LookoutTestSupport
import Foundation
@testable import LookoutApp
import LookoutCore
import LookoutStore
import Testing

/// Issue 20, point 6: in plain mode `q` then `y` quits at every prompt (the facilitator's too), and `r N` starts
/// lesson N again (asking first when an attempt is in progress).
@Suite final class PlainPromptTests {
    let folders = TemporaryFolders()

    @Test func quitAtTheFacilitatorPromptQuits() throws {
        let data = try WorkshopFixture.makeStore()
        folders.track(data)
        let bank = try WorkshopFixture.writeBank(to: try folders.make("lookout-bank"))
        // First screen: Alice, Bob, Sokha, Carol, new learner, 6 = class results; then "Print it here?" q, y.
        let out = try Lookout.run(["train", "--plain", "--data-dir", data, "--bank", bank], stdin: "6\nq\ny\n1\n1\n")
        #expect(out.status == 0, "\(out.stderr)")
        let goodbye = try #require(out.stdout.range(of: "Goodbye"), "\(out.stdout)")
        let after = out.stdout[goodbye.upperBound...]
        #expect(!after.contains("Who is learning?") && !after.contains("Hello,"), "\(after)")
    }

    @Test func rNStartsALessonAgainAfterAYes() throws {
        let data = try WorkshopFixture.makeStore()
        folders.track(data)
        let bank = try WorkshopFixture.writeBank(to: try folders.make("lookout-bank"))
        // Sokha (row 3) has an unfinished attempt of L1 (lesson 1 of the only track).
        let no = try Lookout.run(["train", "--plain", "--data-dir", data, "--bank", bank], stdin: "3\n1\nr 1\nn\nq\ny\n")
        #expect(no.stdout.contains("again? The answers given so far stay saved"), "\(no.stdout)")
        func attempts() throws -> Int {
            let store = try ProgressStore.open(directory: data)
            defer { try? store.close() }
            return try store.allAttempts().filter { $0.learnerID.hasSuffix("sokha") }.count
        }
        #expect(try attempts() == 1)
        let yes = try Lookout.run(["train", "--plain", "--data-dir", data, "--bank", bank], stdin: "3\n1\nr 1\ny\nq\ny\n")
        #expect(yes.status == 0, "\(yes.stderr)")
        #expect(try attempts() == 2)
    }
}
