import Foundation
import LookoutCore

/// The full-screen ncurses trainer. Until the ncurses screens land, it reports itself unavailable
/// and `lookout train` uses the plain line mode.
enum FullScreen {
    enum Availability {
        case available
        case unavailable(String)
    }

    static func availability() -> Availability {
        .unavailable("the full-screen trainer is not built yet")
    }

    static func run(driver: TrainerDriver, learner: String?, lesson: String?) -> Int32 {
        0
    }
}
