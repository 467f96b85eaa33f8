import Foundation
import LookoutCore
import LookoutTestSupport
import Testing

/// The shipped bank's finals can be passed by a learner who skips every content-noted scene: each such scene has an
/// alternate (`alternate-for:`), the trainer offers it in the skipped scene's place, and a learner who answers
/// everything right passes. Through the real binary in plain mode, with the answers read from the shipped bank.
@Suite struct ShippedFinalAlternateTests {
    static func shippedBank() throws -> Bank {
        let root = Lookout.shippedBank
        let paths = (FileManager.default.enumerator(atPath: root)?.compactMap { $0 as? String } ?? [])
            .filter { $0.hasSuffix(".txt") }.sorted()
        let files = try paths.map { (path: $0, bytes: Array(try Data(contentsOf: URL(fileURLWithPath: root + "/" + $0)))) }
        let result = BankLoader.load(files: files)
        #expect(!result.hasErrors)
        return result.bank
    }

    @Test func everyContentNotedSceneOfAFinalHasAnAlternate() throws {
        let bank = try Self.shippedBank()
        let finals = bank.lessons.filter { $0.kind == .final }
        #expect(!finals.isEmpty)
        for lesson in finals {
            for id in lesson.scenarioIDs {
                let scene = try #require(bank.scenario(id))
                guard scene.contentNote != nil else { continue }
                let alternate = bank.scenarios.first { $0.alternateFor == id }
                #expect(alternate != nil, "\(lesson.id): '\(id)' has a content note but no alternate")
                if let alternate {
                    #expect(alternate.contentNote == nil)
                    #expect(!alternate.keyedActions.isDisjoint(with: scene.keyedActions), "\(alternate.id)")
                    if !scene.trueIndicators.isEmpty {
                        #expect(!alternate.trueIndicators.isDisjoint(with: scene.trueIndicators), "\(alternate.id)")
                    }
                }
            }
        }
    }

    @Test(arguments: ["sch-final", "hos-final", "pol-final"])
    func skippingEveryContentNotedSceneAndAnsweringTheAlternatesPasses(_ lessonID: String) throws {
        let bank = try Self.shippedBank()
        let lesson = try #require(bank.lesson(lessonID))
        let data = NSTemporaryDirectory() + "lookout-finals-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: data, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: data) }
        let talk = try PlainConversation(["train", "--plain", "--bank", Lookout.shippedBank, "--data-dir", data,
                                          "--learner", "Pupil", "--lesson", lessonID])
        var skipped = 0
        for id in lesson.scenarioIDs {
            var scene = try #require(bank.scenario(id))
            if let note = scene.contentNote {
                try talk.wait(for: "Content note: \(note)")
                talk.send("2")                                           // skip this scene
                scene = try #require(bank.scenarios.first { $0.alternateFor == id }, "no alternate for \(id)")
                skipped += 1
            }
            try talk.wait(for: "== \(scene.title) ==")
            for question in scene.questions {
                try talk.answer(question.options.filter(\.isCorrect).map(\.text))
            }
        }
        try talk.wait(for: "PASSED", timeout: 30)
        let output = talk.finish()
        #expect(output.status == 0, "\(output.stderr)")
        #expect(skipped > 0)
        for id in lesson.scenarioIDs {
            if let scene = bank.scenario(id), scene.contentNote != nil {
                // An alternate may open like its original; the original's whole first paragraph is never shown.
                let opening = scene.story.components(separatedBy: "\n").first ?? scene.story
                #expect(!output.stdout.contains(opening), "the skipped story of \(id) was shown")
            }
        }
    }
}
