import Foundation
import LookoutCore
import LookoutText
import Testing

/// No U+200B ZERO WIDTH SPACE splits a word the Khmer glossary keeps whole (issue 22, step 4): in the screen
/// catalog and in every translation file under `Scenarios/translations/km/`. The words are the list between
/// `<!-- keep-whole:begin -->` and `<!-- keep-whole:end -->` in `Scenarios/translations/km/GLOSSARY.md`, the same
/// list `Scripts/km-wordbreak` protects. Needs no Python: it reads the files as they are committed.
@Suite struct KhmerGlossaryWordBreakTests {
    static let zwsp: Unicode.Scalar = "\u{200B}"

    static var root: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    static var khmerFolder: URL { root.appendingPathComponent("Scenarios/translations/km") }

    /// The glossary's words kept whole, without any U+200B.
    static func keepWhole() throws -> [String] {
        let text = try String(contentsOf: khmerFolder.appendingPathComponent("GLOSSARY.md"), encoding: .utf8)
        let begin = try #require(text.range(of: "<!-- keep-whole:begin -->"), "GLOSSARY.md has no keep-whole list")
        let end = try #require(text.range(of: "<!-- keep-whole:end -->", range: begin.upperBound..<text.endIndex))
        return text[begin.upperBound..<end.lowerBound].split(whereSeparator: \.isNewline)
            .map { String(String.UnicodeScalarView($0.unicodeScalars.filter { $0 != zwsp })).trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
    }

    /// Where a U+200B falls inside one of `words` in `text`: one line per split word, "word (…context…)".
    static func splits(in text: String, words: [String]) -> [String] {
        // The text without U+200B, and for each of its scalars whether a U+200B stood just before it.
        var plain: [Unicode.Scalar] = []
        var breakBefore: [Bool] = []
        var pending = false
        for s in text.unicodeScalars {
            if s == zwsp { pending = true; continue }
            plain.append(s)
            breakBefore.append(pending)
            pending = false
        }
        var found: [String] = []
        for word in words {
            let w = Array(word.unicodeScalars)
            guard w.count > 1, plain.count >= w.count else { continue }
            var i = 0
            while i + w.count <= plain.count {
                if plain[i] == w[0], Array(plain[i..<(i + w.count)]) == w, breakBefore[(i + 1)..<(i + w.count)].contains(true) {
                    let from = max(0, i - 8), to = min(plain.count, i + w.count + 8)
                    var context = ""
                    for j in from..<to { if breakBefore[j] && j > from { context.append("|") }; context.unicodeScalars.append(plain[j]) }
                    found.append("\(word) (…\(context)…)")
                }
                i += 1
            }
        }
        return found
    }

    @Test func theGlossaryListsWordsToKeepWhole() throws {
        let words = try Self.keepWhole()
        #expect(words.count >= 20)
        #expect(words.contains("ខ្សែទូរស័ព្ទជំនួយ"))
        #expect(words.contains("ពេញវ័យ"))
        #expect(words.allSatisfy { $0.unicodeScalars.allSatisfy { (0x1780...0x17FF).contains($0.value) } },
                "a keep-whole word has a non-Khmer letter: \(words)")
    }

    /// The check itself catches a split word and lets a word that is whole pass.
    @Test func theCheckFindsASplitWordAndOnlyThat() {
        let words = ["ពេញវ័យ", "ជនរងគ្រោះ"]
        #expect(Self.splits(in: "មនុស្ស\u{200B}ពេញ\u{200B}វ័យ ជនរងគ្រោះ", words: words).count == 1)
        #expect(Self.splits(in: "មនុស្ស\u{200B}ពេញវ័យ\u{200B}ជន\u{200B}រង\u{200B}គ្រោះ", words: words).count == 1)
        #expect(Self.splits(in: "មនុស្ស\u{200B}ពេញវ័យ\u{200B}ដែល ជនរងគ្រោះ\u{200B}នៃ", words: words).isEmpty)
    }

    @Test func noGlossaryWordIsSplitInTheScreenCatalog() throws {
        let words = try Self.keepWhole()
        for key in UIText.allCases {
            let found = Self.splits(in: UIStrings.khmer[key], words: words)
            #expect(found.isEmpty, "\(key): U+200B inside \(found.joined(separator: ", ")); run Scripts/km-wordbreak on UIStringsKhmer.swift")
        }
    }

    @Test func noGlossaryWordIsSplitInAnyTranslationFile() throws {
        let words = try Self.keepWhole()
        let files = FileManager.default.enumerator(at: Self.khmerFolder, includingPropertiesForKeys: nil)?
            .compactMap { $0 as? URL }.filter { $0.pathExtension == "txt" } ?? []
        #expect(files.count >= 2, "no translation files under \(Self.khmerFolder.path)")
        for file in files {
            let text = try String(contentsOf: file, encoding: .utf8)
            for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let found = Self.splits(in: String(line), words: words)
                #expect(found.isEmpty, "\(file.lastPathComponent):\(n + 1): U+200B inside \(found.joined(separator: ", ")); run Scripts/km-wordbreak \(file.path)")
            }
        }
    }
}
