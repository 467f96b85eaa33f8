/// The audit's checks for wording cues (W074–W079): patterns that tell a test-wise learner which scenes have
/// trafficking in them, or which option is right, without reading the scene. Each rule and threshold is documented
/// in `Scenarios/FORMAT.md` ("Checking a lesson for surface cues").
///
/// Pure, like the rest of the audit.
public enum AuditCues {
    // MARK: Thresholds

    /// A wording or a word is a cue to the kind of scene when it is used in at least this many scenes of a track...
    public static let minimumScenes = 3
    /// ...and fewer than this share of them are of its less frequent kind (trafficking or not).
    public static let minorityShare = 0.2
    /// Content notes: the share of scenes with a note may differ by at most this much between the two kinds.
    public static let notePresenceGap = 0.2
    /// Right against wrong options: a word class or quotation marks are concentrated on one side when that side
    /// has at least ``minimumOptions`` options with it, its rate is at least ``rateRatio`` times the other side's,
    /// and the rates differ by at least ``rateGap`` (a share of options, 0.1 = 10 points).
    public static let minimumOptions = 3
    public static let rateRatio = 2.0
    public static let rateGap = 0.1

    /// Urgency words and phrases, matched as whole words, whatever the case.
    public static let urgencyWords: [String] = [
        "now", "right now", "tonight", "today", "at once", "straight away", "straightaway", "right away", "immediately",
        "this minute", "as soon as", "the same day", "urgent", "urgently", "quickly", "hurry",
    ]
    /// Delay words and phrases, matched as whole words, whatever the case.
    public static let delayWords: [String] = [
        "wait", "waits", "waiting", "tomorrow", "later", "monday", "next week", "next time", "in the morning",
        "after your shift", "after the shift", "end of the shift", "end of your shift", "another day", "in a few days",
        "some day", "someday",
    ]
    /// Common short words left out of the content-note words (W075): they name no topic.
    public static let noteStopWords: Set<String> = [
        "the", "and", "not", "but", "nor", "for", "with", "from", "into", "onto", "who", "whom", "which", "that", "this",
        "these", "those", "may", "might", "can", "are", "was", "were", "has", "have", "had", "its", "their", "his",
        "her", "any", "some", "all", "one", "two", "out", "off", "only", "also", "about", "than", "then", "there",
    ]
    /// Quotation marks: straight and curly double quotes, the opening single curly quote, guillemets and „.
    /// (A straight or closing single quote is also an apostrophe, so it is not counted.)
    public static let quotationMarks: Set<Character> = ["\"", "\u{201C}", "\u{201D}", "\u{2018}", "\u{00AB}", "\u{00BB}", "\u{201E}"]

    // MARK: Matching

    /// Whether `text` contains one of `phrases` as whole words (case-insensitive; a phrase's words separated by
    /// any run of non-letters).
    static func hasPhrase(_ text: String, _ phrases: [String]) -> Bool {
        let words = Self.words(text)
        for phrase in phrases {
            let p = Self.words(phrase)
            guard !p.isEmpty, p.count <= words.count else { continue }
            for i in 0...(words.count - p.count) where Array(words[i..<(i + p.count)]) == p { return true }
        }
        return false
    }

    /// The words of a text, lower-cased: runs of letters and digits.
    static func words(_ text: String) -> [String] {
        text.lowercased().split { !($0.isLetter || $0.isNumber) }.map(String.init)
    }

    static func hasQuotation(_ text: String) -> Bool { text.contains { quotationMarks.contains($0) } }

    /// The question proper: the last sentence of an `ask:` text, lower-cased, spaces collapsed.
    static func questionProper(_ ask: String) -> String {
        let sentences = Self.sentences(ask)
        return (sentences.last ?? "").lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// Sentences: text split after `.`, `?`, `!` or `…` followed by a space.
    static func sentences(_ text: String) -> [String] {
        var result: [String] = []
        var current = ""
        var previousEnds = false
        for ch in text.trimmingSpaces() {
            if previousEnds && ch.isWhitespace {
                let s = current.trimmingSpaces()
                if !s.isEmpty { result.append(s) }
                current = ""
                previousEnds = false
                continue
            }
            current.append(ch)
            previousEnds = ".?!…".contains(ch)
        }
        let s = current.trimmingSpaces()
        if !s.isEmpty { result.append(s) }
        return result
    }

    /// Whether a feature seen in `trafficking` scenes with trafficking and `ordinary` scenes without tells the kind.
    static func tellsKind(trafficking: Int, ordinary: Int) -> Bool {
        let n = trafficking + ordinary
        guard n >= minimumScenes else { return false }
        return Double(min(trafficking, ordinary)) / Double(n) < minorityShare
    }

    /// Whether `right` of `rightTotal` right options against `wrong` of `wrongTotal` other options are concentrated on
    /// one side (see ``minimumOptions``, ``rateRatio``, ``rateGap``).
    static func concentrated(_ c: AuditCueCount) -> Bool {
        guard c.rightOptions > 0, c.wrongOptions > 0 else { return false }
        let r = Double(c.right) / Double(c.rightOptions), w = Double(c.wrong) / Double(c.wrongOptions)
        let (high, low, count) = r >= w ? (r, w, c.right) : (w, r, c.wrong)
        return count >= minimumOptions && high >= rateRatio * low && high - low + 1e-9 >= rateGap
    }

    // MARK: Track checks (W074, W075, W076, W079)

    /// The checks on the whole bank, per track (the scenes naming an audience): question wording by kind (W074),
    /// content-note words by kind (W075), content-note presence by kind (W076); and per question, single look-alikes
    /// in scenes with trafficking (W079).
    static func bankWarnings(_ bank: Bank) -> [Diagnostic] {
        var result: [Diagnostic] = []
        for audience in Audience.allCases {
            let scenes = bank.scenarios.filter { $0.audiences.contains(audience) }
            result += askWarnings(scenes, audience: audience)
            result += noteWarnings(scenes, audience: audience)
        }
        // W080: a content-noted scene of a final with no alternate: a learner who must skip it cannot pass the final.
        var reported = Set<String>()
        for lesson in bank.lessons where lesson.kind.isAssessment {
            for scene in bank.scenarios(of: lesson) where scene.contentNote != nil && bank.offeredAlternate(for: scene.id) == nil {
                guard reported.insert(scene.id).inserted else { continue }
                result.append(.warning("W080", at: scene.location,
                    "scenario '\(scene.id)' has a content note and is in final '\(lesson.id)' but has no alternate, so a learner who skips it cannot pass the final; write an alternate scene with 'alternate-for: \(scene.id)' (the same sign and action, another story, no content note)"))
            }
        }
        for scene in bank.scenarios where scene.trafficking {
            for q in scene.questions where q.kind == .multi {
                let lookalikes = q.options.filter { !$0.isCorrect }
                guard lookalikes.count == 1, q.options.contains(where: \.isCorrect) else { continue }
                result.append(.warning("W079", at: q.location,
                    "multi question '\(q.id)' of scenario '\(scene.id)' has only one look-alike, so ticking it zeroes the question (one false alarm costs everything); give it at least two look-alikes"))
            }
        }
        return result
    }

    private static func noteList(_ questions: [(Scenario, Question)], limit: Int = 6) -> [Diagnostic.Note] {
        var notes = questions.dropFirst().prefix(limit).map { Diagnostic.Note(location: $0.1.location, message: "also in '\($0.0.id)'") }
        if questions.count > limit + 1 {
            notes.append(.init(location: questions[limit + 1].1.location, message: "and \(questions.count - limit - 1) more"))
        }
        return notes
    }

    static func askWarnings(_ scenes: [Scenario], audience: Audience) -> [Diagnostic] {
        var result: [Diagnostic] = []
        for kind in QuestionKind.allCases {
            // The question proper, and whether the ask opens with a context sentence, by kind of scene.
            var byWording: [String: [(Scenario, Question)]] = [:]
            var order: [String] = []
            var context: [(Scenario, Question)] = []
            for scene in scenes {
                for q in scene.questions where q.kind == kind {
                    let proper = questionProper(q.prompt)
                    if byWording[proper] == nil { order.append(proper) }
                    byWording[proper, default: []].append((scene, q))
                    if sentences(q.prompt).count > 1 { context.append((scene, q)) }
                }
            }
            let what = kind == .multi ? "'which are signs'" : "'what do you do'"
            for wording in order {
                let uses = byWording[wording] ?? []
                let t = Set(uses.filter { $0.0.trafficking }.map(\.0.id)).count
                let o = Set(uses.filter { !$0.0.trafficking }.map(\.0.id)).count
                guard tellsKind(trafficking: t, ordinary: o), let first = uses.first else { continue }
                result.append(.warning("W074", at: first.1.location,
                    "the \(what) question '\(first.1.prompt.trimmingSpaces())' ends in the same words in \(t) \(audience.rawValue) scene\(t == 1 ? "" : "s") with trafficking and \(o) without, so it tells the kind of scene; ask the same question in both kinds of scene",
                    notes: noteList(uses)))
            }
            let ct = Set(context.filter { $0.0.trafficking }.map(\.0.id)).count
            let co = Set(context.filter { !$0.0.trafficking }.map(\.0.id)).count
            if tellsKind(trafficking: ct, ordinary: co), let first = context.first {
                result.append(.warning("W074", at: first.1.location,
                    "\(what) questions that open with a context sentence are in \(ct) \(audience.rawValue) scene\(ct == 1 ? "" : "s") with trafficking and \(co) without, so the context sentence tells the kind of scene; open questions with a context sentence in both kinds of scene, or in neither",
                    notes: noteList(context)))
            }
        }
        return result
    }

    static func noteWarnings(_ scenes: [Scenario], audience: Audience) -> [Diagnostic] {
        var result: [Diagnostic] = []
        let trafficking = scenes.filter(\.trafficking), ordinary = scenes.filter { !$0.trafficking }
        if trafficking.count >= minimumScenes && ordinary.count >= minimumScenes {
            let nt = trafficking.filter { $0.contentNote != nil }.count, no = ordinary.filter { $0.contentNote != nil }.count
            let rt = Double(nt) / Double(trafficking.count), ro = Double(no) / Double(ordinary.count)
            if abs(rt - ro) > notePresenceGap + 1e-9 {
                let (more, less) = rt > ro ? ("with trafficking", "without") : ("without trafficking", "with")
                let at = (rt > ro ? ordinary : trafficking).first { $0.contentNote == nil }?.location ?? scenes[0].location
                result.append(.warning("W076", at: at,
                    "\(nt) of \(trafficking.count) \(audience.rawValue) scenes with trafficking have a content note and \(no) of \(ordinary.count) without, so a note (or its absence) tells the kind of scene, more often \(more) than \(less); give scenes of both kinds notes that name only the topic (a scene about minors, exploitation or violence always needs one)"))
            }
        }
        // Words of the notes, by kind of scene.
        var byWord: [String: (t: [Scenario], o: [Scenario])] = [:]
        var order: [String] = []
        for scene in scenes {
            guard let note = scene.contentNote else { continue }
            var inNote = Set<String>()
            for word in words(note) where word.count >= 3 && !noteStopWords.contains(word) && inNote.insert(word).inserted {
                if byWord[word] == nil { order.append(word) }
                if scene.trafficking { byWord[word, default: ([], [])].t.append(scene) } else { byWord[word, default: ([], [])].o.append(scene) }
            }
        }
        var flagged: [(word: String, t: [Scenario], o: [Scenario])] = []
        for word in order {
            guard let e = byWord[word], tellsKind(trafficking: e.t.count, ordinary: e.o.count) else { continue }
            flagged.append((word, e.t, e.o))
        }
        if !flagged.isEmpty {
            let shown = flagged.prefix(12).map { "'\($0.word)' \($0.t.count)/\($0.o.count)" }.joined(separator: ", ")
            let more = flagged.count > 12 ? " and \(flagged.count - 12) more" : ""
            let first = flagged[0]
            let at = (first.t.first ?? first.o.first)?.location ?? scenes[0].location
            result.append(.warning("W075", at: at,
                "in \(audience.rawValue) content notes, these words are used (in scenes with/without trafficking) nearly only in one kind of scene, so they tell the kind: \(shown)\(more); write notes that name only the topic, in the same words for both kinds"))
        }
        return result
    }

    // MARK: Lesson checks (W077, W078)

    /// Counts of one cue in one lesson: right options (`(*)` or `[x]`) with it, of all right options, and other
    /// options with it, of all other options.
    static func count(_ questions: [Question], _ has: (String) -> Bool) -> AuditCueCount {
        var c = AuditCueCount(right: 0, rightOptions: 0, wrong: 0, wrongOptions: 0)
        for q in questions {
            for o in q.options {
                if o.isCorrect { c.rightOptions += 1; if has(o.text) { c.right += 1 } }
                else { c.wrongOptions += 1; if has(o.text) { c.wrong += 1 } }
            }
        }
        return c
    }

    /// The cue counts of a lesson: urgency and delay words on single questions, quotation marks on each kind.
    static func lessonCounts(_ questions: [Question]) -> [String: AuditCueCount] {
        let single = questions.filter { $0.kind == .single }, multi = questions.filter { $0.kind == .multi }
        return [
            "urgency": count(single) { hasPhrase($0, urgencyWords) },
            "delay": count(single) { hasPhrase($0, delayWords) },
            "quotes-single": count(single, hasQuotation),
            "quotes-multi": count(multi, hasQuotation),
        ]
    }

    static func lessonWarnings(_ lesson: Lesson, counts: [String: AuditCueCount]) -> [Diagnostic] {
        var result: [Diagnostic] = []
        func describe(_ c: AuditCueCount, _ right: String, _ wrong: String) -> String {
            "\(c.right) of \(c.rightOptions) \(right) against \(c.wrong) of \(c.wrongOptions) \(wrong)"
        }
        for (key, words) in [("urgency", "urgency words (now, tonight, immediately...)"), ("delay", "delay words (wait, later, tomorrow...)")] {
            guard let c = counts[key], concentrated(c) else { continue }
            result.append(.warning("W077", at: lesson.location,
                "in lesson '\(lesson.id)', \(words) mark the answer: they are in \(describe(c, "right answers", "other options")) of 'what do you do' questions; write urgent but wrong options and right answers that wait sensibly"))
        }
        if let c = counts["quotes-multi"], concentrated(c) {
            result.append(.warning("W078", at: lesson.location,
                "in lesson '\(lesson.id)', quotation marks mark the answer: they are in \(describe(c, "true signs", "look-alikes")); put quoted speech into look-alikes too, or tell signs without quoting"))
        }
        if let c = counts["quotes-single"], concentrated(c) {
            result.append(.warning("W078", at: lesson.location,
                "in lesson '\(lesson.id)', quotation marks mark the answer: they are in \(describe(c, "right answers", "other options")) of 'what do you do' questions; quote in right and wrong options alike, or in neither"))
        }
        return result
    }
}

/// How often a cue (a word class, quotation marks) is in the right options of a lesson and in the others.
public struct AuditCueCount: Sendable, Codable, Equatable {
    public var right: Int
    public var rightOptions: Int
    public var wrong: Int
    public var wrongOptions: Int
}
