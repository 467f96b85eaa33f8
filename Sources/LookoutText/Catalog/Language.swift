/// Who checked a translation, and when. A translation is a draft until a named reviewer signs it off.
public struct CatalogReview: Sendable, Hashable {
    public var reviewed: Bool
    public var reviewer: String?
    /// The date of the sign-off, `YYYY-MM-DD`.
    public var reviewedOn: String?

    public init(reviewed: Bool, reviewer: String?, reviewedOn: String?) {
        self.reviewed = reviewed
        self.reviewer = reviewer
        self.reviewedOn = reviewedOn
    }

    /// Reviewed only with a reviewer's name and a date: a flag alone does not count.
    public var isReviewed: Bool { reviewed && !(reviewer ?? "").isEmpty && !(reviewedOn ?? "").isEmpty }
}

/// The UI languages Lookout has a catalog for, and how the one in use is chosen.
public enum UILanguage: String, CaseIterable, Sendable, Hashable {
    case english = "en"
    case khmer = "km"

    public var strings: UIStrings {
        switch self {
        case .english: return .english
        case .khmer: return .khmer
        }
    }

    /// The review of the language's UI catalog (English is the original).
    public var review: CatalogReview {
        switch self {
        case .english: return CatalogReview(reviewed: true, reviewer: "original", reviewedOn: "original")
        case .khmer: return UIStrings.khmerReview
        }
    }

    /// True when the catalog is a translation nobody has signed off yet.
    public var isDraft: Bool { self != .english && !review.isReviewed }

    /// The other language, for the menu's toggle.
    public var other: UILanguage { self == .english ? .khmer : .english }

    /// A language from a code such as `km`, `km_KH.UTF-8`, `en_US`, `EN`; nil when it names none of ours.
    public init?(code: String) {
        let lower = code.lowercased()
        let base = lower.prefix { $0.isLetter }
        switch base {
        case "km", "khm", "khmer": self = .khmer
        case "en", "eng", "english": self = .english
        default: return nil
        }
    }

    /// The language the locale asks for: the first of LC_ALL, LC_MESSAGES, LANG that is set and not empty
    /// (the POSIX order), when it starts with `km`; else nil (English is the default then).
    public static func fromLocale(_ environment: [String: String]) -> UILanguage? {
        for name in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            if let value = environment[name], !value.isEmpty {
                return value.lowercased().hasPrefix("km") ? .khmer : nil
            }
        }
        return nil
    }

    /// The language in use. In order: the `--language` flag, then `LOOKOUT_LANGUAGE`, then the learner's own
    /// choice (stored with the learner), then the locale, then English.
    public static func resolve(flag: UILanguage?, environment: [String: String], learnerChoice: UILanguage?) -> UILanguage {
        if let flag { return flag }
        if let value = environment["LOOKOUT_LANGUAGE"], let language = UILanguage(code: value) { return language }
        if let learnerChoice { return learnerChoice }
        return fromLocale(environment) ?? .english
    }
}

extension UIStrings {
    /// A language's name in a menu: its own name (Latin letters only when the terminal cannot show others).
    public func name(of language: UILanguage, utf8: Bool = true) -> String {
        switch language {
        case .english: return self[.languageEnglish]
        case .khmer: return self[utf8 ? .languageKhmer : .languageKhmerASCII]
        }
    }

    /// The UI language of this catalog (English for an unknown code).
    public var uiLanguage: UILanguage { UILanguage(code: language) ?? .english }
}
