/// A colour by what it means, not by its hue. The terminal adapter picks the actual colours, and drops them all on a
/// monochrome terminal or when `NO_COLOR` is set, so no screen may rely on colour alone.
public enum ColorRole: UInt8, CaseIterable, Hashable, Sendable, Comparable {
    /// The terminal's own foreground or background colour.
    case `default`
    /// Screen titles and headings.
    case title
    /// Keys, links and things to notice.
    case accent
    /// Right answers, passes.
    case correct
    /// Wrong answers, fails, unsafe choices.
    case wrong
    /// Cautions, such as an unverified hotline.
    case warning
    /// Secondary text: hints, dates, footers.
    case muted
    /// Frames and rules.
    case border
    /// The background of the focused line.
    case selection

    public static func < (a: ColorRole, b: ColorRole) -> Bool { a.rawValue < b.rawValue }

    /// A short name for snapshots.
    public var name: String {
        switch self {
        case .default: "default"
        case .title: "title"
        case .accent: "accent"
        case .correct: "correct"
        case .wrong: "wrong"
        case .warning: "warning"
        case .muted: "muted"
        case .border: "border"
        case .selection: "selection"
        }
    }
}

/// Text attributes that every terminal can show without colour.
public struct TextAttributes: OptionSet, Hashable, Sendable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let bold = TextAttributes(rawValue: 1 << 0)
    public static let reverse = TextAttributes(rawValue: 1 << 1)
    public static let underline = TextAttributes(rawValue: 1 << 2)
    public static let dim = TextAttributes(rawValue: 1 << 3)

    /// Every attribute with its snapshot name, in a fixed order.
    public static let named: [(TextAttributes, String)] = [
        (.bold, "bold"), (.reverse, "reverse"), (.underline, "underline"), (.dim, "dim"),
    ]
}

/// How a cell is drawn: foreground and background colour roles plus attributes.
public struct Style: Hashable, Sendable, CustomStringConvertible {
    public var foreground: ColorRole
    public var background: ColorRole
    public var attributes: TextAttributes

    public init(foreground: ColorRole = .default, background: ColorRole = .default, attributes: TextAttributes = []) {
        self.foreground = foreground
        self.background = background
        self.attributes = attributes
    }

    /// The terminal's default colours, no attributes.
    public static let plain = Style()

    public static func fg(_ role: ColorRole) -> Style { Style(foreground: role) }

    public var isBold: Bool { attributes.contains(.bold) }
    public var isReverse: Bool { attributes.contains(.reverse) }
    public var isUnderline: Bool { attributes.contains(.underline) }
    public var isDim: Bool { attributes.contains(.dim) }

    public func bold() -> Style { adding(.bold) }
    public func reverse() -> Style { adding(.reverse) }
    public func underline() -> Style { adding(.underline) }
    public func dim() -> Style { adding(.dim) }
    public func background(_ role: ColorRole) -> Style { var s = self; s.background = role; return s }

    public func adding(_ extra: TextAttributes) -> Style {
        var s = self
        s.attributes.formUnion(extra)
        return s
    }

    /// A compact description for snapshots: `fg=title bold`, `bg=selection reverse`, or `plain`.
    public var description: String {
        var parts: [String] = []
        if foreground != .default { parts.append("fg=\(foreground.name)") }
        if background != .default { parts.append("bg=\(background.name)") }
        for (attribute, name) in TextAttributes.named where attributes.contains(attribute) { parts.append(name) }
        return parts.isEmpty ? "plain" : parts.joined(separator: " ")
    }
}
