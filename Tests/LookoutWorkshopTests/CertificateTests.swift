import Crypto
import Foundation
import LookoutCore
import LookoutText
import Testing

@Suite struct DigestTests {
    @Test func fipsExamples() {
        #expect(SHA256Digest.hex(SHA256Digest.hash("")) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256Digest.hex(SHA256Digest.hash("abc")) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256Digest.hex(SHA256Digest.hash("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"))
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(SHA256Digest.hex(SHA256Digest.hash([UInt8](repeating: 0x61, count: 1_000_000)))
                == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test func agreesWithSwiftCryptoAtEveryPaddingLength() {
        // Lengths 0...200 cross every padding boundary (55, 56, 63, 64, 119, 120, 128).
        var bytes: [UInt8] = []
        for length in 0...200 {
            let expected = SHA256.hash(data: Data(bytes)).map { String(format: "%02x", $0) }.joined()
            #expect(SHA256Digest.hex(SHA256Digest.hash(bytes)) == expected, "length \(length)")
            bytes.append(UInt8(truncatingIfNeeded: length &* 37 &+ 11))
        }
    }
}

@Suite struct FingerprintTests {
    @Test func isTheHashOfTheDocumentedText() throws {
        let bank = try WorkshopFixture.bank()
        let lesson = try #require(bank.lesson("L1"))
        let text = "lookout-lesson-fingerprint 1\nlesson\tL1\npass-mark\t70\nscenario\ts1\t1\nscenario\ts2\t1\n"
        #expect(LessonFingerprint.canonicalText(lesson: lesson, bank: bank) == text)
        let expected = SHA256.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
        let fingerprint = LessonFingerprint.of(lesson: lesson, bank: bank)
        #expect(fingerprint.hex == expected)
        // The first 16 hex digits in four groups.
        let short = fingerprint.short
        #expect(short.count == 19)
        #expect(short.split(separator: " ").map(String.init) == [0, 4, 8, 12].map {
            String(expected.dropFirst($0).prefix(4))
        })
    }

    @Test func changesWhenAScenarioRevChanges() throws {
        let before = try WorkshopFixture.bank()
        let after = try WorkshopFixture.bank(replacing: ["hospitality/s2.txt": WorkshopFixture.scenario2(rev: 2, title: "An ordinary family")])
        let lessonBefore = try #require(before.lesson("L1")), lessonAfter = try #require(after.lesson("L1"))
        #expect(LessonFingerprint.of(lesson: lessonBefore, bank: before) != LessonFingerprint.of(lesson: lessonAfter, bank: after))
        #expect(LessonFingerprint.of(lesson: lessonBefore, bank: before).short != LessonFingerprint.of(lesson: lessonAfter, bank: after).short)
        // L2 is s2 alone: it changes too.
        #expect(LessonFingerprint.of(lesson: try #require(before.lesson("L2")), bank: before)
                != LessonFingerprint.of(lesson: try #require(after.lesson("L2")), bank: after))
    }

    @Test func staysForATypoFixWithoutARevBump() throws {
        let before = try WorkshopFixture.bank()
        let after = try WorkshopFixture.bank(replacing: ["hospitality/s2.txt": WorkshopFixture.scenario2(rev: 1, title: "An ordinary famiy, fixed")])
        #expect(LessonFingerprint.of(lesson: try #require(before.lesson("L1")), bank: before)
                == LessonFingerprint.of(lesson: try #require(after.lesson("L1")), bank: after))
    }

    @Test func changesWithOrderAndPassMark() throws {
        let bank = try WorkshopFixture.bank()
        let lesson = try #require(bank.lesson("L1"))
        var reordered = lesson
        reordered.scenarioIDs = ["s2", "s1"]
        var stricter = lesson
        stricter.passMark = 80
        let base = LessonFingerprint.of(lesson: lesson, bank: bank)
        #expect(LessonFingerprint.of(lesson: reordered, bank: bank) != base)
        #expect(LessonFingerprint.of(lesson: stricter, bank: bank) != base)
    }
}

@Suite struct CompletionTests {
    let bank: Bank
    let group: WorkshopFixture.Class

    init() throws {
        bank = try WorkshopFixture.bank()
        group = WorkshopFixture.makeClass()
    }

    func result(_ name: String) throws -> Result<CompletionRecord, CompletionRefusal> {
        let learner = try #require(group.learner(name))
        return Completion.record(learner: learner, lesson: try #require(bank.lesson("L1")), bank: bank,
                                 events: group.events.filter { $0.learnerID == learner.id })
    }

    @Test func alicePassed() throws {
        let record = try result("Alice").get()
        #expect(record.learnerName == "Alice")
        #expect(record.lessonID == "L1")
        #expect(abs(record.scorePercent - 87.5) < 1e-9)
        #expect(record.scoreText == "87%") // rounded down: never above the real score
        #expect(record.passMark == 70)
        #expect(record.passedAt == WorkshopFixture.day1 + 4000) // her last answer of the attempt
        #expect(record.attemptID == "att-alice")
        #expect(record.attempts == 1)
        #expect(record.fingerprint == LessonFingerprint.of(lesson: try #require(bank.lesson("L1")), bank: bank))
    }

    @Test func refusals() throws {
        // The refusal gives the pass rule's own reasons (issue 20, point 4).
        guard case .failure(.ruleNotMet(_, "L1", let reasons)) = try result("Bob") else {
            Issue.record("Bob failed L1 with 12.5 %")
            return
        }
        #expect(reasons == ["spotting the signs 25% (needs 70%)", "acting safely 0% (needs 70%)"])
        guard case .failure(.notFinished(_, "L1", let percent)) = try result(WorkshopFixture.sokha) else {
            Issue.record("Sokha answered 2 of 4 questions")
            return
        }
        #expect(abs(percent - 50) < 1e-9)
        guard case .failure(.notStarted) = try result("Carol") else {
            Issue.record("Carol has no answers")
            return
        }
        #expect(String(describing: CompletionRefusal.notPassed(learner: "Bob", lessonID: "L1", bestScorePercent: 12.5, passMark: 70))
                == "Bob has not passed lesson 'L1' (best score 12%; pass mark 70%), so there is no completion record")
    }

    @Test func aLaterRevVoidsThePass() throws {
        // Once s2 has a new rev, Alice's old answers to it no longer count: no record for the new content, and the
        // refusal says the lesson changed since she passed.
        let bumped = try WorkshopFixture.bank(replacing: ["hospitality/s2.txt": WorkshopFixture.scenario2(rev: 2, title: "An ordinary family")])
        let alice = try #require(group.learner("Alice"))
        let outcome = Completion.record(learner: alice, lesson: try #require(bumped.lesson("L1")), bank: bumped,
                                        events: group.events.filter { $0.learnerID == alice.id })
        guard case .failure(.changedSincePassed(learner: "Alice", lessonID: "L1")) = outcome else {
            Issue.record("expected 'changed since passed', got \(outcome)")
            return
        }
    }

    @Test func documentEscapesHTMLAndCarriesEveryField() throws {
        var record = try result("Alice").get()
        record.learnerName = "<script>alert('x')</script> & Co"
        let document = CompletionDocument(record: record, dateText: "2026-11-26", region: "Testland Province <North>",
                                          organisation: "Sokha \"Golden\" Guesthouse")
        let html = document.html
        #expect(!html.contains("<script>"))
        #expect(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; Co"))
        #expect(html.contains("Front desk &amp; &quot;first steps&quot; (L1)"))
        #expect(html.contains("Testland Province &lt;North&gt;"))
        #expect(html.contains("Sokha &quot;Golden&quot; Guesthouse"))
        #expect(html.contains(record.fingerprint.short))
        #expect(html.contains(record.fingerprint.hex))
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("<meta charset=\"utf-8\">"))

        let text = document.text
        for expected in ["Name:                \(record.learnerName)", "Lesson:              Front desk & \"first steps\" (L1)",
                         "Score:               87%", "Pass mark:           70%", "Date passed:         2026-11-26",
                         "Region:              Testland Province <North>", "Issued by:           Sokha \"Golden\" Guesthouse",
                         "Lesson fingerprint:  \(record.fingerprint.short)"] {
            #expect(text.contains(expected), "missing: \(expected)")
        }
    }
}
