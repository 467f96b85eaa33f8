/// The key of one text in a typed catalog (``TextCatalog``): its English words are part of the key type (an exhaustive
/// `switch`), so English is complete by construction; the raw value is the key's stable name for catalogs in files.
///
/// A text with parts filled in at run time is a template with `{name}` placeholders, as in ``UIText``; a translation
/// keeps the same placeholders.
public protocol CatalogKey: RawRepresentable<String>, CaseIterable, Hashable, Sendable {
    /// The English text.
    var english: String { get }
}

/// A typed catalog in one language for the texts the trainer's screen catalog (``UIStrings``) does not hold: the
/// facilitator's report texts (``WorkshopText``) and the commands' messages (``CommandText``). Another language is a
/// table of key → text; any key it lacks falls back to English, so a missing translation shows English, never a gap.
public struct TextCatalog<Key: CatalogKey>: Sendable, Hashable {
    /// The language code, such as "en" or "km".
    public let language: String
    private let table: [Key: String]

    /// A catalog from a table; keys missing from `table` use the English text.
    public init(language: String, table: [Key: String]) {
        self.language = language
        self.table = table
    }

    /// English.
    public static var english: TextCatalog { TextCatalog(language: "en", table: [:]) }

    /// Khmer: no key translated yet, so every text falls back to English (see ``missingKeys``).
    public static var khmer: TextCatalog { TextCatalog(language: "km", table: [:]) }

    /// The text of a key (a template is returned with its placeholders unfilled).
    public subscript(_ key: Key) -> String { table[key] ?? key.english }

    /// The text of a key with its `{placeholders}` filled in (see ``UIStrings/fill(_:_:)``).
    public func callAsFunction(_ key: Key, _ values: [String: String] = [:]) -> String {
        UIStrings.fill(self[key], values)
    }

    /// The key's text for a count: `one` when `count` is 1, else `many`; `{n}` is the count.
    public func count(_ count: Int, one: Key, many: Key, _ values: [String: String] = [:]) -> String {
        var all = values
        all["n"] = String(count)
        return self(count == 1 ? one : many, all)
    }

    /// Keys this catalog has no text of its own for (English has its own text for every key).
    public var missingKeys: [Key] {
        language == "en" ? [] : Key.allCases.filter { table[$0] == nil }
    }

    /// Keys whose text does not use exactly the placeholders of the English text.
    public var placeholderMismatches: [Key] {
        Key.allCases.filter { key in
            guard let text = table[key] else { return false }
            return Set(UIStrings.placeholders(in: text)) != Set(UIStrings.placeholders(in: key.english))
        }
    }
}
