/// How terminals advance the cursor over Khmer (and other complex scripts): width models built on the one width
/// table (``DisplayWidth/width(of:)-(Unicode.Scalar)``), chosen by measuring the terminal (see ``WidthProbe``).
///
/// - `glibc`: the width belongs to each scalar (Lookout's layout, ncurses' and most terminals': xterm, VTE/GNOME
///   Terminal, Alacritty, tmux, iTerm2, Terminal.app).
/// - `windowsTerminal`: glibc, except that the second of two adjacent spacing marks (Mc) in a cluster adds nothing
///   (Windows Terminal 1.23; most of Konsole's differences): `នេះ` is 2 columns, not 3.
/// - `clusterPerCell`: one cell per grapheme cluster (kitty, foot, Ghostty, WezTerm, mlterm): `កា` is 1 column.
///   Those terminals squeeze Khmer until it cannot be read; the trainer offers English there.
extension DisplayWidth {
    public enum Model: String, CaseIterable, Sendable, Hashable {
        case glibc
        case windowsTerminal = "windows-terminal"
        case clusterPerCell = "cluster-per-cell"

        /// A short description for `lookout terminal-test`.
        public var summary: String {
            switch self {
            case .glibc: return "glibc widths (each letter and spacing vowel sign counts; marks above and below count 0)"
            case .windowsTerminal: return "Windows Terminal widths (glibc, but the second of two vowel signs side by side counts 0)"
            case .clusterPerCell: return "one cell per letter cluster (Khmer is squeezed and overlaps)"
            }
        }
    }

    /// The column width of one grapheme cluster under a model.
    public static func width(of character: Character, model: Model) -> Int {
        switch model {
        case .glibc:
            return width(of: character)
        case .windowsTerminal:
            var total = 0
            var previousWasSpacingMark = false
            for scalar in character.unicodeScalars {
                let isSpacingMark = scalar.properties.generalCategory == .spacingMark
                if !(isSpacingMark && previousWasSpacingMark) { total += width(of: scalar) }
                previousWasSpacingMark = isSpacingMark
            }
            return total
        case .clusterPerCell:
            let glibc = width(of: character)
            if glibc == 0 { return 0 }
            return character.unicodeScalars.contains(where: isWide) ? 2 : 1
        }
    }

    /// The column width of a string under a model, counted cluster by cluster.
    public static func width<S: StringProtocol>(of text: S, model: Model) -> Int {
        if model == .glibc { return width(of: text) }
        var total = 0
        for character in text { total += width(of: character, model: model) }
        return total
    }
}

/// Measuring how the terminal advances over Khmer, and choosing the width model that matches.
///
/// The adapter prints each sample on a blank line, asks for the cursor position (CSI 6n) and records how many columns
/// the cursor moved. The samples cover a spacing vowel (`កា`), two adjacent vowel signs (`នេះ`), a subscript with a
/// pre-base vowel (`ខ្មែរ`) and two subscripts (`ស្ត្រី`): glibc terminals answer 2, 3, 4, 3; Windows Terminal 2, 2,
/// 4, 3; cluster-per-cell terminals 1, 1, 3, 3.
public enum WidthProbe {
    public static let samples = ["កា", "នេះ", "ខ្មែរ", "ស្ត្រី"]

    /// What the measurement found.
    public enum Finding: Hashable, Sendable {
        /// The terminal's advances match this model.
        case model(DisplayWidth.Model)
        /// The terminal answered, but with advances no model predicts.
        case unknown(advances: [Int])
        /// The terminal did not answer the cursor position request (or not in time).
        case noAnswer

        /// The model to lay out Khmer with, when there is one that Khmer is readable with.
        public var khmerModel: DisplayWidth.Model? {
            if case .model(let model) = self, model != .clusterPerCell { return model }
            return nil
        }
    }

    /// The advances a model predicts for ``samples``.
    public static func expected(_ model: DisplayWidth.Model) -> [Int] {
        samples.map { DisplayWidth.width(of: $0, model: model) }
    }

    /// The model whose predictions equal the measured advances (glibc first when two models agree), else unknown.
    public static func finding(advances: [Int]?) -> Finding {
        guard let advances, advances.count == samples.count else { return .noAnswer }
        for model in DisplayWidth.Model.allCases where expected(model) == advances { return .model(model) }
        return .unknown(advances: advances)
    }
}
