import ArgumentParser
import Foundation
import LookoutCore
import LookoutText
import LookoutTerminal
import LookoutUI

/// `lookout terminal-test`: can this terminal show Khmer? Prints Khmer samples with how each must look, measures how
/// the terminal advances over them (cursor position reports), names the width model found and says what to change.
struct TerminalTest: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "terminal-test",
        abstract: "Check whether this terminal shows Khmer correctly (for facilitators).",
        discussion: """
            Shows Khmer samples next to a description of how each must look, measures how far the terminal moves \
            the cursor over them, and says which width model matches and what to change (font, terminal) when \
            Khmer is wrong. Browsers always show Khmer correctly: see 'lookout handout' for printed lessons.
            """
    )

    /// A sample and how it must look when the terminal shapes Khmer.
    struct Sample {
        var text: String
        var meaning: String
        var looks: String
    }

    static let samples: [Sample] = [
        Sample(text: "កា", meaning: "kaa", looks: "the consonant ក with the tall vowel sign ា right after it"),
        Sample(text: "នេះ", meaning: "nih, 'this'", looks: "the vowel sign េ drawn BEFORE ន, two small circles ះ after it"),
        Sample(text: "ខ្មែរ", meaning: "khmae, 'Khmer'", looks: "ម small and UNDER ខ (no '+' sign), ែ drawn before ខ"),
        Sample(text: "ស្ត្រី", meaning: "srei, 'woman'", looks: "ត and រ small under ស, the vowel ី on top"),
        Sample(text: "ឆ្នាំ", meaning: "chnam, 'year'", looks: "ន small under ឆ, then ា with a small circle ំ above"),
        Sample(text: "ការជួញដូរមនុស្ស", meaning: "human trafficking", looks: "one word, no gaps, no boxes, no dotted circles"),
    ]

    @Flag(help: "Do not measure (for a pipe or a terminal that hangs on cursor reports).")
    var noMeasure = false

    func run() throws {
        var lines: [String] = []
        lines.append("Lookout terminal test: can this terminal show Khmer?")
        lines.append("")
        lines.append("Each sample, then how it must look:")
        for sample in Self.samples {
            lines.append("")
            lines.append("  " + sample.text)
            lines.append("      \(sample.meaning): \(sample.looks)")
        }
        lines.append("")
        print(lines.joined(separator: "\n"))
        let finding: WidthProbe.Finding?
        if noMeasure || isatty(STDOUT_FILENO) != 1 || isatty(STDIN_FILENO) != 1 {
            finding = nil
        } else {
            finding = WidthProbe.finding(advances: WidthMeasurement.measure())
            // Ctrl-C (or SIGTERM/SIGHUP) during the probe: the terminal modes are back; stop as asked.
            if let signal = WidthMeasurement.takeInterruptingSignal() {
                throw ExitCode(128 + signal)
            }
        }
        print(Self.report(finding).joined(separator: "\n"))
    }

    /// What the measurement means and what to do, in plain English.
    static func report(_ finding: WidthProbe.Finding?) -> [String] {
        let expected = DisplayWidth.Model.allCases.map { "\($0.rawValue) \(WidthProbe.expected($0).map(String.init).joined(separator: ","))" }
        var lines = ["Width check (columns the cursor moves over \(WidthProbe.samples.joined(separator: " ")); expected: \(expected.joined(separator: "; "))):"]
        switch finding {
        case nil:
            lines.append("  not measured (not a terminal, or --no-measure).")
        case .noAnswer?:
            lines.append("  the terminal did not answer the cursor position request: Lookout cannot tell how it lays out Khmer.")
            lines.append("  The trainer shows English here. Use a terminal that answers (GNOME Terminal, xfce4-terminal, Konsole, Windows Terminal).")
        case .unknown(let advances)?:
            lines.append("  measured \(advances.map(String.init).joined(separator: ",")): no model matches, so Khmer rows could be misaligned.")
            lines.append("  The trainer shows English here. Try GNOME Terminal or Konsole with the Khmer OS System font.")
        case .model(let model)?:
            lines.append("  measured \(WidthProbe.expected(model).map(String.init).joined(separator: ",")): \(model.rawValue) model, \(model.summary).")
            switch model {
            case .glibc:
                lines.append("  The columns line up with Lookout's layout. Now look at the samples above:")
            case .windowsTerminal:
                lines.append("  Lookout keeps nothing to the right of Khmer text, so a one-column difference stays inside its row. Look at the samples above:")
            case .clusterPerCell:
                lines.append("  This terminal squeezes each Khmer cluster into one cell, so glyphs overlap: the trainer shows English here.")
                lines.append("  Use GNOME Terminal, xfce4-terminal or Konsole for Khmer, or print lessons with 'lookout handout'.")
                return lines
            }
        }
        lines.append("")
        lines.append("What to change when the samples look wrong:")
        lines.append("  - Boxes or question marks: no Khmer font. Install fonts-khmeros (Khmer OS System) or fonts-noto-core;")
        lines.append("    on Windows, add the Khmer supplemental fonts (Settings > Optional features). Check with: fc-list :lang=km")
        lines.append("  - A '+' or a full-size letter where a small one belongs under another (ស្ត shows as ស+ត), or េ after its")
        lines.append("    consonant: the terminal does not shape Khmer (xterm, Alacritty, urxvt, st, the Linux console). Use")
        lines.append("    GNOME Terminal, xfce4-terminal or Konsole (complex text layout on); Windows Terminal, not the old console.")
        lines.append("  - Letters overlapping or squeezed: kitty, foot, WezTerm, Ghostty, mlterm. Use one of the terminals above.")
        lines.append("  - Still hard to read: run the trainer in English (--language en) and print the Khmer lessons with")
        lines.append("    'lookout handout --lesson ID --language km --out lesson.html' (browsers show Khmer correctly).")
        return lines
    }
}
