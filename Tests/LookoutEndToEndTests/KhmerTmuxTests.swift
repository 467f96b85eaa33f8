import LookoutTestSupport
import Foundation
import LookoutCore
import Testing

/// Khmer in a real terminal: tmux answers cursor position reports with glibc widths, so the width check finds the
/// glibc model and the trainer draws Khmer; `terminal-test` says so.
@Suite(.enabled(if: TmuxSession.isAvailable, "tmux is not installed: install it (apt-get install tmux) to run the full-screen end-to-end tests"),
       .serialized)
struct KhmerTmuxTests {
    static let env = ["LC_ALL": "", "LC_MESSAGES": "", "LANG": "C.UTF-8", "LOOKOUT_LANGUAGE": ""]

    @Test func theWidthCheckFindsGlibcAndTheTrainerShowsKhmer() throws {
        let (bank, data) = try TestBank.make()
        let tmux = try TmuxSession([Lookout.binary, "train", "--bank", bank, "--data-dir", data, "--language", "km"],
                                   environment: Self.env)
        defer { tmux.close() }
        // The learners screen in Khmer ("who is learning?"), with the draft notice, and no English fallback note.
        let screen = try tmux.wait(for: "រៀន")
        #expect(!screen.contains("cannot show Khmer"), "\(screen)")
        #expect(!screen.contains("Who is learning?"))
        try tmux.send("Enter")
        try tmux.type("Dara")
        try tmux.send("Enter")
        try tmux.send("Enter")     // no PIN
        let menu = try tmux.wait(for: "ភាសា")
        #expect(menu.contains("Lookout"))
    }

    @Test func terminalTestNamesTheModel() throws {
        let tmux = try TmuxSession([Lookout.binary, "terminal-test"], environment: Self.env)
        defer { tmux.close() }
        let screen = try tmux.wait(for: "glibc model")
        #expect(screen.contains("measured 2,3,4,3"), "\(screen)")
    }
}
