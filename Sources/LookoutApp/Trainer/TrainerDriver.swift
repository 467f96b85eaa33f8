import Foundation
import LookoutCore
import LookoutText
import LookoutStore
import LookoutUI

/// Runs the pure ``Navigator`` and its ``TrainingSession`` against the real world: the progress store, the clock and
/// UUIDs. The full-screen trainer sends keys through the navigator; the plain line mode sends intents straight to
/// the session. Every effect is carried out (an answer stored durably) before the next screen is drawn.
public final class TrainerDriver {
    public private(set) var navigator: Navigator
    public let store: ProgressStore
    public let bank: Bank
    /// Set when the session should end; `quickExit` when it ended by the quick-exit key.
    public private(set) var ended = false
    public private(set) var quickExit = false
    /// A store failure that ends the session (the message names the file and what to do).
    public private(set) var fatalError: StoreError?

    /// The key under which a learner's UI language (`en`, `km`) is kept in the store's `meta` table.
    public static func languageKey(_ learnerID: String) -> String { "learner-language:" + learnerID }

    /// `--language`, if given: it overrides everything but a choice made from the menu during the session.
    public let languageFlag: UILanguage?
    /// The process environment (LOOKOUT_LANGUAGE, LC_ALL, LC_MESSAGES, LANG).
    public let environment: [String: String]
    /// The learner whose language the screens use now.
    private var languageLearnerID: String?

    public init(bank: Bank, region: Region?, store: ProgressStore, width: Int = 80, height: Int = 24,
                language: UILanguage? = nil, environment: [String: String] = [:]) throws(StoreError) {
        self.bank = bank
        self.store = store
        self.languageFlag = language
        self.environment = environment
        let session = TrainingSession(bank: bank, region: region, facilitatorLocked: try FacilitatorLock.isSet(store))
        let first = UILanguage.resolve(flag: language, environment: environment, learnerChoice: nil)
        self.originalRegion = region
        self.navigator = Navigator(session: session, width: width, height: height, strings: first.strings)
        if first != .english { showText(in: first) }
        try reloadLearners()
    }

    /// Records what measuring the terminal found, and applies it to the language shown now.
    public func useKhmerCheck(_ finding: WidthProbe.Finding) {
        khmerCheck = finding
        let now = UILanguage.resolve(flag: languageFlag, environment: environment, learnerChoice: nil)
        if now == .khmer { showText(in: .khmer) }
    }

    /// The region as the bank file has it (English).
    private let originalRegion: Region?

    /// What measuring the terminal found (full screen only; nil when not measured). When it found no width model
    /// Khmer can be laid out with, a Khmer choice made by default (flag, environment, stored, locale) shows English
    /// with a one-line note; a choice made from the menu shows Khmer anyway.
    public var khmerCheck: WidthProbe.Finding?

    /// Why Khmer cannot be shown here, in a few English words, or nil when it can (or nobody measured).
    public var khmerProblem: String? {
        switch khmerCheck {
        case nil: return nil
        case .noAnswer?: return "it did not answer the width check"
        case .unknown(let advances)?: return "its widths \(advances.map(String.init).joined(separator: ",")) match no model"
        case .model(let model)?: return model == .clusterPerCell ? "it squeezes each Khmer letter cluster into one cell" : nil
        }
    }

    /// True when Khmer might be shown: the language resolved now, or any learner's stored choice, is Khmer.
    public func mayShowKhmer() -> Bool {
        if UILanguage.resolve(flag: languageFlag, environment: environment, learnerChoice: nil) == .khmer { return true }
        let stored = (try? store.meta(withPrefix: "learner-language:")) ?? [:]
        return stored.values.contains { UILanguage(code: $0) == .khmer }
    }

    /// Shows the UI catalog and the bank's text (its current translations, English where there is none) in a language.
    func showText(in language: UILanguage, chosenNow: Bool = false) {
        var language = language
        if language == .khmer, !chosenNow, let problem = khmerProblem {
            language = .english
            navigator.show(message: UIStrings.english(.khmerUnreadable, ["reason": problem]))
        }
        navigator.useStrings(language.strings)
        let localized = bank.localized(to: language.rawValue)
        let region = originalRegion.flatMap { localized.region($0.id) } ?? originalRegion
        navigator.useText(of: localized, region: region)
    }

    /// The UI language in use now.
    public var language: UILanguage { navigator.strings.uiLanguage }

    /// The language stored with a learner, if they chose one.
    public func storedLanguage(learnerID: String) throws(StoreError) -> UILanguage? {
        try store.meta(Self.languageKey(learnerID)).flatMap { UILanguage(code: $0) }
    }

    /// After every input: stores a language the learner chose from the menu, and when the learner changed, shows
    /// the new learner's language (flag, LOOKOUT_LANGUAGE, their choice, the locale, English).
    func settleLanguage() {
        do throws(StoreError) {
            if let chosen = navigator.takeLanguageChoice(), let learner = session.learner {
                try store.setMeta(Self.languageKey(learner.id), chosen.rawValue)
                showText(in: chosen, chosenNow: true)
                languageLearnerID = learner.id
                return
            }
            let id = session.learner?.id
            guard id != languageLearnerID else { return }
            languageLearnerID = id
            let stored = try id.flatMap { (learnerID: String) throws(StoreError) -> UILanguage? in
                try storedLanguage(learnerID: learnerID)
            }
            let language = UILanguage.resolve(flag: languageFlag, environment: environment, learnerChoice: stored)
            if language != self.language { showText(in: language) }
        } catch {
            fatalError = error
            ended = true
        }
    }

    /// Sets the learner's language (plain mode's menu) and shows it at once.
    public func chooseLanguage(_ language: UILanguage) {
        guard let learner = session.learner else { return }
        do {
            try store.setMeta(Self.languageKey(learner.id), language.rawValue)
            showText(in: language, chosenNow: true)
            languageLearnerID = learner.id
        } catch {
            fatalError = error
            ended = true
        }
    }

    public var session: TrainingSession { navigator.session }
    public var strings: UIStrings { navigator.strings }

    static func environment() -> SessionEnvironment {
        let now = ProgressStore.now()
        return SessionEnvironment(now: now, newID: ProgressStore.newID(), utcOffsetSeconds: utcOffset(at: now))
    }

    /// How far local time is ahead of UTC at `millis` (the time zone of this computer), in seconds.
    static func utcOffset(at millis: Int64) -> Int {
        var seconds = time_t(millis / 1000)
        var parts = tm()
        localtime_r(&seconds, &parts)
        return Int(parts.tm_gmtoff)
    }

    /// The meta key of a facilitator's OK for one retake of a lesson before its retake rule allows it.
    public static func retakeKey(learnerID: String, lessonID: String) -> String { "retake-ok:\(learnerID):\(lessonID)" }

    func reloadLearners() throws(StoreError) {
        let learners = try store.learners()
        let prefix = SecretKey.learnerHashMetaKeyPrefix
        let pins = Set(try store.meta(withPrefix: prefix).keys.map { String($0.dropFirst(prefix.count)) })
        _ = navigator.handle(.learnersLoaded(learners, withPIN: pins), Self.environment())
    }

    /// A key from the full screen.
    public func press(_ key: TrainerKey) {
        let scope = navigator.debriefScope
        run(navigator.press(key, Self.environment()))
        if navigator.debriefScope != scope, session.phase == .facilitator { refreshDebrief() }
        if let lessonID = navigator.takeRecordRequest() { _ = saveOwnRecord(lessonID: lessonID) }
    }

    /// The learners the facilitator screen may show (nil: all), as chosen when it opened.
    private var facilitatorLearners: Set<String>?

    /// The debrief for the navigator's scope: every bank lesson (weak-sign practice left out), one lesson, or every
    /// answer. The gain is not touched.
    func refreshDebrief() {
        do throws(StoreError) {
            var learners = try store.learners(), events = try store.allEvents()
            if let only = facilitatorLearners {
                learners = learners.filter { only.contains($0.id) }
                events = events.filter { only.contains($0.learnerID) }
            }
            let debrief = Self.debrief(bank: bank, learners: learners, events: events, scope: navigator.debriefScope)
            _ = navigator.handle(.debriefReady(debrief, session.gain ?? Gain.make(bank: bank, learners: learners, events: events)),
                                 Self.environment())
        } catch {
            fatalError = error
            ended = true
        }
    }

    static func debrief(bank: Bank, learners: [Learner], events: [AnswerEvent], scope: DebriefScope) -> Debrief {
        switch scope {
        case .lessons:
            let lessons = Set(bank.lessons.map(\.id))
            return Debrief.make(bank: bank, learners: learners, events: events.filter { $0.lessonID.map(lessons.contains) ?? false })
        case .lesson(let id):
            return Debrief.make(bank: bank, learners: learners, events: events, filter: ClassReportFilter(lessonID: id))
        case .everything:
            return Debrief.make(bank: bank, learners: learners, events: events)
        }
    }

    /// The quick-exit key.
    public func pressQuickExit() { run(navigator.quickExit()) }

    /// An intent straight to the session (plain mode, `--lesson`).
    public func send(_ intent: SessionIntent) { run(navigator.send(intent, Self.environment())) }

    public func resize(width: Int, height: Int) { navigator.resize(width: width, height: height) }

    /// The clock moved on; returns true when the message shown changed (a countdown).
    public func tick() -> Bool {
        let before = navigator.message
        let now = ProgressStore.now()
        if navigator.idle(now) {
            settleLanguage()
            return true
        }
        navigator.tick(now)
        return navigator.message != before
    }

    /// Sets the idle timeout of the full screen, in minutes (0: never).
    public func setIdleMinutes(_ minutes: Int) { navigator.idleTimeout = Int64(max(0, minutes)) * 60_000 }

    /// Tells the navigator how the frame just drawn scrolls.
    public func drew(_ buffer: ScreenBuffer) { navigator.drew(buffer) }

    /// Carries out effects in order, feeding what they report back to the session.
    func run(_ effects: [SessionEffect]) {
        var pending = effects
        while !pending.isEmpty {
            let effect = pending.removeFirst()
            if let event = perform(effect) {
                pending += navigator.handle(event, Self.environment())
            }
            if fatalError != nil { return }
        }
        settleLanguage()
    }

    /// The region a bank uses for support resources: `preferred` if given and present, else the
    /// first region that is not the generic one, else the first.
    public static func region(in bank: Bank, preferred: String?) -> Region? {
        if let preferred, let region = bank.region(preferred) { return region }
        return bank.regions.first { $0.id != "generic" } ?? bank.regions.first
    }

    func ready(_ learner: Learner) throws(StoreError) -> SessionEvent {
        let prefix = Self.retakeKey(learnerID: learner.id, lessonID: "")
        let allowed = Set(try store.meta(withPrefix: prefix).keys.map { String($0.dropFirst(prefix.count)) })
        _ = navigator.handle(.retakesAllowed(allowed), Self.environment())
        let history = try store.events(learnerID: learner.id)
        return .learnerReady(learner, ProgressEngine.progress(bank: bank, events: history), history: history)
    }

    /// Checks a PIN or passphrase with the store's lock: wrong tries are counted in the store, so the delay (1 s,
    /// doubling, at most 16 s) grows across processes. The delay is a time the session waits for, never a sleep.
    /// Returns nil when the secret is right (or none is set), else the event that refuses it.
    func check(_ secret: String?, key: SecretKey) throws(StoreError) -> SessionEvent? {
        let now = ProgressStore.now()
        switch try SecretLock.verify(secret ?? "", key: key, store: store, now: now) {
        case .notSet, .match:
            return nil
        case .mismatch(let retryAfter):
            return .rejected(retryAt: now + Int64(retryAfter * 1000))
        case .tooEarly(let seconds):
            return .notYet(retryAt: now + Int64(seconds * 1000))
        case .malformed:
            return .failed(strings[.secretDamaged])
        }
    }

    private func perform(_ effect: SessionEffect) -> SessionEvent? {
        do throws(StoreError) {
            switch effect {
            case .addLearner(let learner, let pin):
                do {
                    let added = try store.addLearner(name: learner.name, at: learner.createdAt, id: learner.id)
                    if let pin, let hash = try? PassphraseHash.make(pin) {
                        try store.setSecretHash(.learner(added.id), hash)
                        try reloadLearners()
                    }
                    return try ready(added)
                } catch {
                    if error.isUserError { return .failed(error.description) }
                    throw error
                }
            case .unlockLearner(let learner, let pin):
                if let refused = try check(pin, key: .learner(learner.id)) { return refused }
                return try ready(learner)
            case .refreshProgress(let learner):
                return try ready(learner)
            case .startAttempt(let attempt):
                _ = try store.startAttempt(learnerID: attempt.learnerID, lessonID: attempt.lessonID,
                                           at: attempt.startedAt, id: attempt.id)
                // A facilitator's OK is for one new attempt.
                let okKey = Self.retakeKey(learnerID: attempt.learnerID, lessonID: attempt.lessonID)
                if try store.meta(okKey) != nil {
                    try store.setMeta(okKey, nil)
                    _ = navigator.handle(.retakesAllowed(session.retakeAllowed.subtracting([attempt.lessonID])), Self.environment())
                }
                return nil
            case .saveAnswer(let event):
                try store.append(event)
                return nil
            case .openFacilitator(let passphrase):
                if let refused = try check(passphrase, key: .facilitator) { return refused }
                return try classReportEvent(locked: passphrase != nil)
            case .setFacilitatorPassphrase(let passphrase):
                if try FacilitatorLock.isSet(store) { return .failed(strings[.facilitatorWrongPassphrase]) }
                guard PassphraseHash.problem(with: passphrase) == nil,
                      let code = try? FacilitatorRecovery.setPassphrase(passphrase, store: store) else {
                    return .failed(strings[.passphraseTooShort])
                }
                return .passphraseSet(recoveryCode: code)
            case .quit:
                ended = true
                return nil
            case .quickExit:
                ended = true
                quickExit = true
                return nil
            }
        } catch {
            fatalError = error
            ended = true
            return nil
        }
    }

    /// The fewest active learners the trainer shows class results for: with fewer, the "class" figures are one
    /// learner's own answers.
    public static let minimumActiveLearners = 3

    /// The class report for the facilitator screen, or why it is withheld. With no passphrase set (`locked` false),
    /// learners with a PIN are left out (counted in a message), as at the command line.
    func classReportEvent(locked: Bool) throws(StoreError) -> SessionEvent {
        var hidden = 0
        var only: Set<String>?
        if !locked {
            let prefix = SecretKey.learnerHashMetaKeyPrefix
            let withPIN = Set(try store.meta(withPrefix: prefix).keys.map { String($0.dropFirst(prefix.count)) })
            let all = try store.learners()
            let open = all.filter { !withPIN.contains($0.id) }
            hidden = all.count - open.count
            only = Set(open.map(\.id))
        }
        let report = try classReport(only: only)
        if report.activeLearners < Self.minimumActiveLearners {
            return .failed(strings(.classResultsTooFew, ["active": String(report.activeLearners)]))
        }
        if hidden > 0 { navigator.show(message: strings(.classResultsPINHidden, ["count": String(hidden)])) }
        return .classReportReady(report)
    }

    func classReport(only: Set<String>? = nil) throws(StoreError) -> ClassReport {
        var learners = try store.learners(), events = try store.allEvents()
        facilitatorLearners = only
        if let only {
            learners = learners.filter { only.contains($0.id) }
            events = events.filter { only.contains($0.learnerID) }
        }
        _ = navigator.handle(.debriefReady(Self.debrief(bank: bank, learners: learners, events: events, scope: .lessons),
                                           Gain.make(bank: bank, learners: learners, events: events)),
                             Self.environment())
        // The debrief and gain need every answer, so they are read once and the class report is built from them.
        return ClassReport.make(bank: bank, learners: learners, events: events)
    }

    /// Selects or creates a learner by name, as `--learner NAME` asks. A learner with a PIN is asked for it (the
    /// session shows the PIN prompt); nobody is logged in as someone else by name alone.
    public func useLearner(named name: String) {
        do {
            if let existing = try store.learner(named: name) {
                send(.selectLearner(id: existing.id))
                return
            }
            send(.createLearner(name: name, pin: nil))
        } catch {
            fatalError = error
            ended = true
        }
    }

    /// Starts a lesson by id, as `--lesson ID` asks. Returns false if there is no such lesson.
    public func startLesson(id: String) -> Bool {
        guard bank.lesson(id) != nil, session.learner != nil else { return false }
        send(.startLesson(id: id))
        return true
    }

    /// What `--review` did.
    public enum ReviewStart: Equatable {
        case started
        /// No scene of the track is due today.
        case nothingDue
        /// A new learner and no `--track`: the learner chooses a track first (the review is in its lessons).
        case chooseTrack
        /// No learner is chosen (or the trainer ended).
        case noLearner
    }

    /// `--review`: starts "Practise my weak signs" for the current learner on the track they chose (`--track`), else
    /// on the track of the lesson they worked on last (``TrainingSession/reviewAudience(chosen:)``); a new learner
    /// without `--track` chooses a track first.
    public func startReview(track: Track? = nil) -> ReviewStart {
        guard session.learner != nil else { return .noLearner }
        // The full screen shows why on its status line (plain mode says it in its own words).
        guard let audience = session.reviewAudience(chosen: track) else {
            navigator.show(message: strings[.reviewChooseTrack])
            return .chooseTrack
        }
        guard let plan = session.reviewPlan(audience: audience, now: ProgressStore.now()) else {
            navigator.show(message: strings[.reviewNothingDue])
            return .nothingDue
        }
        send(.startReview(plan))
        return .started
    }

    /// What saving a learner's own completion record did.
    public enum RecordSave: Equatable {
        case saved(text: String, html: String)
        /// Why not, in the learner's words (already on the full screen's status line).
        case refused(String)
    }

    /// "My progress": saves the current learner's own completion record of `lessonID` into `folder` (nil: the data
    /// folder), as FILE.txt and FILE.html, 0600. The same record, pass rule and file writer as `lookout certificate`
    /// (``CertificateFiles``), and its access rule (``TrainingSession/mayWriteOwnRecord``): the learner typed their
    /// PIN to get in, or no facilitator passphrase is set.
    public func saveOwnRecord(lessonID: String, folder: String? = nil) -> RecordSave {
        let result = writeOwnRecord(lessonID: lessonID, folder: folder)
        switch result {
        case .saved(let text, let html): navigator.show(message: strings(.recordSaved, ["text": text, "html": html]))
        case .refused(let reason): navigator.show(message: reason)
        }
        return result
    }

    private func writeOwnRecord(lessonID: String, folder: String?) -> RecordSave {
        guard let learner = session.learner, let lesson = bank.lesson(lessonID) else {
            return .refused(strings(.recordNotSaved, ["reason": "there is no lesson '\(lessonID)'"]))
        }
        guard session.mayWriteOwnRecord else { return .refused(strings[.recordNeedsPIN]) }
        let target: String
        if let folder, !folder.trimmingSpaces().isEmpty {
            let named = folder.trimmingSpaces()
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: named, isDirectory: &isFolder), isFolder.boolValue else {
                return .refused(strings(.recordFolderMissing, ["folder": named]))
            }
            target = named
        } else {
            target = PathName.directory(of: store.path)
        }
        let events: [AnswerEvent]
        do { events = try store.events(learnerID: learner.id) } catch {
            return .refused(strings(.recordNotSaved, ["reason": "\(error)"]))
        }
        switch CertificateFiles.document(learner: learner, lesson: lesson, bank: bank, events: events, regionID: nil,
                                         organisation: nil) {
        case .failure(let refusal):
            return .refused(strings(.recordNotSaved, ["reason": "\(refusal)"]))
        case .success(let document):
            var problem = ""
            let base = (target.hasSuffix("/") ? target : target + "/") + Self.recordFileName(learner: learner, lesson: lesson)
            do {
                let paths = try CertificateFiles.write(document, out: base, report: { problem = $0 })
                return .saved(text: paths.text, html: paths.html)
            } catch {
                return .refused(strings(.recordNotSaved, ["reason": problem.isEmpty ? "\(error)" : problem]))
            }
        }
    }

    /// `record-<lesson>-<name>`: the name's ASCII letters and digits (other characters become '-'), else the start
    /// of the learner's id, so the file name is safe on any file system and never a path.
    static func recordFileName(learner: Learner, lesson: Lesson) -> String {
        func slug(_ text: String) -> String {
            var out = ""
            for scalar in text.unicodeScalars {
                if scalar.isASCII, CharacterSet.alphanumerics.contains(scalar) { out.unicodeScalars.append(scalar) }
                else if !out.hasSuffix("-") { out += "-" }
            }
            return String(out.trimmingCharacters(in: CharacterSet(charactersIn: "-")).prefix(40))
        }
        let name = slug(learner.name)
        return "record-" + slug(lesson.id) + "-" + (name.isEmpty ? String(learner.id.prefix(8)) : name)
    }
}
