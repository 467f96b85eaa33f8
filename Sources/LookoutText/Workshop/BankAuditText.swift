import LookoutCore

// The audit's text for `lookout check --audit`: moved here from `LookoutCore/Validation/BankAudit.swift`
// unchanged; the audit itself (the figures and the warnings) stays in LookoutCore.

extension BankAudit {
    /// A plain-text report for the terminal, no line wider than 80 columns.
    public var text: String {
        var lines: [String] = []
        let passing = lessons.filter { $0.bestCueLearner.passes == true }.count
        lines.append("Audit: can a lesson be passed by surface cues? (\(lessons.count) lesson\(lessons.count == 1 ? "" : "s"))")
        lines.append("Scored with the real engine and pass rule: signs part and actions part")
        lines.append("must each reach the pass mark; a final also needs no unsafe choice.")
        for lesson in lessons {
            lines.append("")
            lines += lesson.textLines
        }
        lines.append("")
        lines.append("A cue-only learner passes \(passing) of \(lessons.count) lesson\(lessons.count == 1 ? "" : "s"); \(diagnostics.count) audit warning\(diagnostics.count == 1 ? "" : "s").")
        return lines.joined(separator: "\n")
    }
}

// MARK: Text

extension LessonAudit {
    var textLines: [String] {
        var lines: [String] = []
        lines += WordWrap.wrap("\(id): \(kind), pass mark \(passMark), \(scenes) scene\(scenes == 1 ? "" : "s"), \(multiQuestions) multi + \(singleQuestions) single", width: 80)
        lines.append("  \(file):\(line):\(column)")
        let label = 24
        func row(_ title: String, _ kind: String, _ tokens: [String]) {
            let head = (DisplayWidth.pad(title, to: label - 2) + DisplayWidth.pad(kind, to: 7))
            lines += WordWrap.wrap(tokens.joined(separator: " "), width: 80, first: "  " + head, indent: String(repeating: " ", count: label + 7))
        }
        func countTokens(_ k: String) -> [String] {
            let c = optionCounts[k] ?? []
            return c.isEmpty ? ["-"] : c.map { "\($0.options):\($0.questions)" }
        }
        row("options:questions", "multi", countTokens("multi"))
        row("", "single", countTokens("single"))
        func positionTokens(_ k: String) -> [String] {
            let c = correctPositions[k] ?? []
            return c.isEmpty ? ["-"] : c.map { "\($0.position):\($0.count)" }
        }
        row("right at pos:count", "multi", positionTokens("multi"))
        row("", "single", positionTokens("single"))
        func lengthTokens(_ k: String) -> [String] {
            guard let l = lengths[k], l.questions > 0 || l.meanRight != nil else { return ["-"] }
            let right = l.meanRight.map { String(Int($0.rounded())) } ?? "-"
            let wrong = l.meanWrong.map { String(Int($0.rounded())) } ?? "-"
            return ["longest \(l.rightIsLongest)/\(l.questions),", "shortest \(l.rightIsShortest)/\(l.questions),",
                    "mean chars \(right) vs \(wrong)"]
        }
        row("right answer length", "multi", lengthTokens("multi"))
        row("", "single", lengthTokens("single"))
        func cueTokens(_ k: String, _ right: String, _ other: String) -> [String] {
            guard let c = cueCounts[k], c.rightOptions + c.wrongOptions > 0 else { return ["-"] }
            return ["\(right) \(c.right)/\(c.rightOptions),", "\(other) \(c.wrong)/\(c.wrongOptions)"]
        }
        row("urgency words", "single", cueTokens("urgency", "right", "others"))
        row("delay words", "single", cueTokens("delay", "right", "others"))
        row("quotation marks", "multi", cueTokens("quotes-multi", "signs", "look-alikes"))
        row("", "single", cueTokens("quotes-single", "right", "others"))
        lines.append("  " + DisplayWidth.pad("cue strategy", to: 31) + DisplayWidth.padLeft("signs", to: 6) + DisplayWidth.padLeft("actions", to: 8)
                     + DisplayWidth.padLeft("score", to: 6) + DisplayWidth.padLeft("unsafe", to: 7) + "  verdict")
        for s in strategies {
            let name: String
            switch s.id {
            case "option-count": name = "by option count"
            case "best-cue-learner": name = "best cue learner"
            default: name = s.description
            }
            let unsafe: String
            if let u = s.unsafeChoices { unsafe = s.id == "random" ? AuditText.oneDecimal(u) : String(Int(u)) } else { unsafe = "-" }
            var verdict: String
            switch s.passes {
            case true?: verdict = "PASSES"
            case false?: verdict = "fails"
            case nil:
                if s.id == "random" {
                    let near = [s.signs, s.actions].contains { $0.map { PassRule.reaches($0 + BankAudit.randomMargin, passMark) } ?? false }
                    verdict = near ? "near mark" : ""
                } else {
                    verdict = s.signs.map { PassRule.reaches($0, passMark) } == true ? "signs reach mark" : ""
                }
            }
            if s.id == "best-cue-learner" {
                lines.append("  " + String(repeating: "-", count: 74))
            }
            lines.append("  " + DisplayWidth.pad(name, to: 31) + DisplayWidth.padLeft(AuditText.percent(s.signs), to: 6)
                         + DisplayWidth.padLeft(AuditText.percent(s.actions), to: 8) + DisplayWidth.padLeft(AuditText.percent(s.score), to: 6)
                         + DisplayWidth.padLeft(unsafe, to: 7) + (verdict.isEmpty ? "" : "  " + verdict))
            if (s.id == "best-cue-learner" || s.id == "option-count") && (s.signs != nil || s.actions != nil) {
                lines += WordWrap.wrap(s.description.split(separator: " ").joined(separator: " "), width: 80, first: "    (", indent: "     ")
                if let last = lines.indices.last { lines[last] += ")" }
            }
        }
        func margin(_ v: Double?) -> String {
            guard let v else { return "-" }
            return v > 0 ? "\(AuditText.oneDecimal(v)) below" : "reaches it"
        }
        lines.append("  best cue learner to pass mark: signs \(margin(marginToPassMark.signs)), actions \(margin(marginToPassMark.actions))")
        return lines
    }
}

enum AuditText {
    /// A percentage as shown everywhere (rounded down), or "-".
    static func percent(_ v: Double?) -> String { v.map { ScoreFormat.percent($0) } ?? "-" }

    static func oneDecimal(_ v: Double) -> String {
        let tenths = Int((v * 10).rounded())
        return "\(tenths / 10).\(tenths % 10)"
    }
}
