/// What the terminal can show, as far as the screens care.
public struct ViewCapabilities: Hashable, Sendable {
    /// The locale is UTF-8: draw box lines and symbols. Otherwise ASCII only.
    public var utf8: Bool
    /// Colours are shown. Otherwise the screens mark things with attributes (bold, reverse, dim).
    public var colour: Bool

    public init(utf8: Bool = true, colour: Bool = true) {
        self.utf8 = utf8
        self.colour = colour
    }
}

/// Styles and symbols for one terminal. Screens ask the theme, never pick colours or glyphs themselves.
///
/// Colours are roles on the terminal's default background; the adapter picks the hues. Attributes are added only
/// when there is no colour, so meaning never rests on colour alone: every right or wrong also has a word and a
/// symbol.
struct Theme {
    let capabilities: ViewCapabilities

    var utf8: Bool { capabilities.utf8 }
    var colour: Bool { capabilities.colour }

    private func role(_ role: ColorRole, else attributes: TextAttributes) -> Style {
        colour ? Style(foreground: role) : Style(attributes: attributes)
    }

    var plain: Style { .plain }
    var title: Style { role(.title, else: .bold) }
    var heading: Style { role(.title, else: .bold) }
    var accent: Style { role(.accent, else: .bold) }
    var key: Style { role(.accent, else: .bold) }
    var correct: Style { role(.correct, else: .bold) }
    var wrong: Style { role(.wrong, else: [.bold, .underline]) }
    var warning: Style { role(.warning, else: .bold) }
    var muted: Style { role(.muted, else: .dim) }
    var border: Style { colour ? Style(foreground: .border) : .plain }
    /// The focused row of a menu or question.
    var selected: Style { colour ? Style(background: .selection) : Style(attributes: .reverse) }

    /// `style` on a selected row.
    func onSelection(_ style: Style) -> Style {
        var s = style
        if colour { s.background = .selection } else { s.attributes.insert(.reverse) }
        return s
    }

    // MARK: Symbols

    var right: String { utf8 ? "✓" : "+" }
    var wrongMark: String { utf8 ? "✗" : "x" }
    var pointer: String { utf8 ? "›" : ">" }
    var moreBelow: String { utf8 ? "▼" : "v" }
    var moreAbove: String { utf8 ? "▲" : "^" }
    var barFull: String { utf8 ? "█" : "#" }
    var barEmpty: String { utf8 ? "░" : "." }
    var bullet: String { utf8 ? "•" : "*" }
    var separator: String { utf8 ? "·" : "-" }
    var ellipsis: String { utf8 ? "…" : "~" }

    var horizontal: String { utf8 ? "─" : "-" }
    var vertical: String { utf8 ? "│" : "|" }
    var topLeft: String { utf8 ? "┌" : "+" }
    var topRight: String { utf8 ? "┐" : "+" }
    var bottomLeft: String { utf8 ? "└" : "+" }
    var bottomRight: String { utf8 ? "┘" : "+" }

    /// The check box or radio button of an option.
    func box(kind: QuestionKindMark, on: Bool) -> String {
        switch kind {
        case .multi: return on ? "[x]" : "[ ]"
        case .single: return on ? "(*)" : "( )"
        }
    }
}

/// Which kind of box an option shows.
enum QuestionKindMark {
    case multi, single
}
