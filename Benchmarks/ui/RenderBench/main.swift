// Render + diff benchmark for the trainer's screens: prints the median time, in microseconds, to render a full
// window with TrainerView.render and diff it against the previous frame (what every key press costs before
// ncurses writes anything), and the same with no previous frame (the first frame, or after a resize).
//
// usage: lookout-ui-bench [bank folder] [width] [height] [iterations]   (defaults: Scenarios 200 60 2000)
import Foundation
import LookoutCore
import LookoutUI

let arguments = CommandLine.arguments
let bankPath = arguments.count > 1 ? arguments[1] : "Scenarios"
let width = arguments.count > 2 ? Int(arguments[2]) ?? 200 : 200
let height = arguments.count > 3 ? Int(arguments[3]) ?? 60 : 60
let iterations = arguments.count > 4 ? Int(arguments[4]) ?? 2000 : 2000

func loadBank(_ root: String) -> Bank {
    var files: [(path: String, bytes: [UInt8])] = []
    let enumerator = FileManager.default.enumerator(atPath: root)
    while let item = enumerator?.nextObject() as? String {
        guard item.hasSuffix(".txt"), let data = FileManager.default.contents(atPath: root + "/" + item) else { continue }
        files.append((path: item, bytes: Array(data)))
    }
    files.sort { $0.path < $1.path }
    let result = BankLoader.load(files: files)
    if result.hasErrors {
        FileHandle.standardError.write(Data("the bank at \(root) has errors; run lookout check\n".utf8))
        exit(65)
    }
    return result.bank
}

let bank = loadBank(bankPath)
var counter = 0
@MainActor func env() -> SessionEnvironment {
    counter += 1
    return SessionEnvironment(now: Int64(counter) * 1000, newID: "bench-\(counter)")
}

/// A trainer on the first question of the lesson with the longest story, so the scene fills the window.
@MainActor func questionTrainer() -> Navigator {
    let learner = Learner(id: "bench", name: "Bench", createdAt: 0)
    var trainer = Navigator(session: TrainingSession(bank: bank, region: bank.regions.first), width: width, height: height)
    _ = trainer.handle(.learnersLoaded([learner], withPIN: []), env())
    _ = trainer.handle(.learnerReady(learner, ProgressEngine.progress(bank: bank, events: []), history: []), env())
    let lesson = bank.lessons.max { a, b in
        let la = bank.scenarios(of: a).first?.story.count ?? 0
        let lb = bank.scenarios(of: b).first?.story.count ?? 0
        return la < lb
    }
    guard let lesson else {
        FileHandle.standardError.write(Data("the bank has no lessons\n".utf8))
        exit(65)
    }
    _ = trainer.send(.startLesson(id: lesson.id), env())
    if case .contentNote = trainer.screen { _ = trainer.press(.enter, env()) }
    return trainer
}

let size = Size(width: width, height: height)
let capabilities = ViewCapabilities(utf8: true, colour: true)
var first = questionTrainer()
var second = first
_ = second.press(.down, env())
_ = second.press(.space, env())
var feedback = second
_ = feedback.press(.enter, env())

func median(_ samples: [Double]) -> Double {
    let sorted = samples.sorted()
    return sorted[sorted.count / 2]
}

let clock = ContinuousClock()
func microseconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) * 1_000_000 + Double(duration.components.attoseconds) / 1_000_000_000_000
}

var sink = 0
/// Renders `states` in turn, each diffed against the frame before it (or against nothing when `full`).
@MainActor func measure(_ states: [Navigator], full: Bool) -> Double {
    var previous = TrainerView.render(states[0], size: size, capabilities: capabilities)
    var samples: [Double] = []
    samples.reserveCapacity(iterations)
    for i in 0..<iterations {
        let state = states[(i + 1) % states.count]
        let start = clock.now
        let frame = TrainerView.render(state, size: size, capabilities: capabilities)
        let runs = ScreenBuffer.diff(from: full ? nil : previous, to: frame)
        let elapsed = clock.now - start
        sink &+= runs.count
        previous = frame
        samples.append(microseconds(elapsed))
    }
    return median(samples)
}

let keyPress = measure([first, second], full: false)
let fullFrame = measure([first, second], full: true)
let feedbackPress = measure([second, feedback], full: false)
let cells = width * height
print("render+diff \(width)x\(height) (\(cells) cells), median of \(iterations):")
print(String(format: "  question, after a key (diff vs previous frame): %8.1f us", keyPress))
print(String(format: "  question, full frame (no previous frame):       %8.1f us", fullFrame))
print(String(format: "  question -> feedback (diff vs previous frame):   %8.1f us", feedbackPress))
if sink == -1 { print(sink) }
