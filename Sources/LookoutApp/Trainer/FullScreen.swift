import Foundation
import LookoutCore
import LookoutText
import LookoutTerminal
import LookoutUI

/// The full-screen ncurses trainer: draws ``TrainerView`` frames (only the cells that changed), reads keys, and runs
/// them through the same ``TrainerDriver`` as the plain mode, so every answer is stored before its feedback shows.
///
/// Quick exit: F12, or Esc pressed twice within ``escapeWindow``: clears the screen and leaves at once. A single Esc
/// goes back (it acts at once; a second Esc soon after turns it into the quick exit). Ctrl-C, SIGTERM and SIGHUP
/// restore the terminal and leave; answers given are already stored.
enum FullScreen {
    enum Availability {
        case available
        case unavailable(String)
    }

    /// Whether the full screen can run here: stdin and stdout are terminals and TERM names a terminal that can move
    /// the cursor. Otherwise `lookout train` uses the plain line mode and says why.
    static func availability(environment: [String: String] = ProcessInfo.processInfo.environment) -> Availability {
        if let problem = Terminal.check(environment: environment) { return .unavailable(problem.description) }
        return .available
    }

    /// Runs the full screen until the learner quits. Returns the exit status: 0, 74 when the progress store failed,
    /// or 128 + the signal number when a signal stopped it.
    static func run(driver: TrainerDriver, learner: String?, lesson: String?, review: Bool = false, reviewTrack: Track? = nil) -> Int32 {
        let environment = ProcessInfo.processInfo.environment
        if driver.mayShowKhmer() {
            // Before any Khmer is drawn: how does this terminal advance over Khmer?
            driver.useKhmerCheck(WidthProbe.finding(advances: WidthMeasurement.measure()))
            // A signal during the probe: the terminal modes are back and nothing was answered yet.
            if let signal = WidthMeasurement.takeInterruptingSignal() { return 128 + signal }
            if let problem = driver.khmerProblem {
                printNote("note: " + UIStrings.english(.khmerUnreadable, ["reason": problem]))
            }
        }
        let terminal: Terminal
        do {
            terminal = try Terminal.start(environment: environment)
        } catch {
            printNote("note: \(error.description); using the plain line mode (--plain)")
            return PlainMode(driver: driver).run(learnerName: learner, lessonID: lesson, review: review, reviewTrack: reviewTrack)
        }
        var session = Session(driver: driver, terminal: terminal)
        session.pendingReview = review
        session.reviewTrack = reviewTrack
        return session.run(learner: learner, lesson: lesson)
    }

    static func printNote(_ text: String) {
        printError(text)
    }

    /// Turns a key from the terminal into a navigator key. Esc goes to the navigator too: it tells a single Esc (go
    /// back) from two within its window (the quick exit) by the keys' times. F12 is handled by the caller.
    static func key(for key: Key) -> TrainerKey? {
        switch key {
        case .char(" "): return .space
        case .char(let c): return .character(c)
        case .up, .backTab: return .up
        case .down: return .down
        case .left: return .left
        case .right: return .right
        case .pageUp: return .pageUp
        case .pageDown: return .pageDown
        case .home: return .home
        case .end: return .end
        case .enter: return .enter
        case .backspace, .delete: return .backspace
        case .tab: return .tab
        case .escape: return .escape
        case .function, .resize, .control, .unknown: return nil
        }
    }

    struct Session {
        let driver: TrainerDriver
        let terminal: Terminal
        var size = Size(width: 0, height: 0)
        var pendingLesson: String?
        var pendingReview = false
        var reviewTrack: Track?

        init(driver: TrainerDriver, terminal: Terminal) {
            self.driver = driver
            self.terminal = terminal
        }

        var capabilities: ViewCapabilities {
            ViewCapabilities(utf8: terminal.capabilities.utf8, colour: terminal.capabilities.colors)
        }

        mutating func run(learner: String?, lesson: String?) -> Int32 {
            size = terminal.size
            driver.resize(width: size.width, height: size.height)
            if let learner { driver.useLearner(named: learner) }
            pendingLesson = lesson
            startPendingLesson()
            var dirty = true
            while !driver.ended {
                if let signal = Terminal.takeStopSignal() { return stop(signal: signal) }
                if dirty {
                    let frame = TrainerView.render(driver.navigator, size: size, capabilities: capabilities)
                    terminal.draw(frame)
                    driver.drew(frame)
                    dirty = false
                }
                // No key within 200 ms: the clock moves on (a countdown in the status line), nothing sleeps.
                guard let key = terminal.readKey(timeoutMilliseconds: 200) else {
                    if driver.tick() { dirty = true }
                    continue
                }
                dirty = true
                switch key {
                case .resize:
                    size = terminal.size
                    driver.resize(width: size.width, height: size.height)
                case .control(12):                      // Ctrl-L: repaint everything
                    terminal.invalidate()
                case .function(12):
                    driver.pressQuickExit()
                default:
                    if let trainerKey = FullScreen.key(for: key) { driver.press(trainerKey) }
                }
                startPendingLesson()
            }
            if let error = driver.fatalError {
                terminal.stop()
                FullScreen.printNote("error: \(error)")
                return 74
            }
            if driver.quickExit {
                terminal.clearNow()
                terminal.stop(clearingScreen: true)
                return 0
            }
            terminal.stop()
            return 0
        }

        /// `--lesson`: starts it as soon as there is a learner (given by `--learner`, or chosen on screen).
        mutating func startPendingLesson() {
            if pendingReview, driver.session.learner != nil, case .tracks = driver.navigator.screen {
                pendingReview = false
                _ = driver.startReview(track: reviewTrack)
                return
            }
            guard let id = pendingLesson, driver.session.learner != nil, case .tracks = driver.navigator.screen else { return }
            pendingLesson = nil
            _ = driver.startLesson(id: id)
        }

        func stop(signal: StopSignal) -> Int32 {
            terminal.stop()
            FullScreen.printNote(driver.strings[.stoppedBySignal])
            return 128 + signal.rawValue
        }
    }
}
