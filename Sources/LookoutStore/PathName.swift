/// Path arithmetic on plain strings, in place of `NSString.deletingLastPathComponent` and
/// `lastPathComponent`: swift-corelibs-foundation traps (SIGILL, signal 4) on some one-letter relative
/// paths such as "x", so Lookout never calls them. These never touch the file system.
public enum PathName {
    /// The folder part of `path`: "a/b" → "a", "x" → "", "/a" → "/", "a/b/" → "a", "/" → "/".
    public static func parent(_ path: String) -> String {
        var scalars = Array(path.unicodeScalars)
        while scalars.count > 1, scalars.last == "/" { scalars.removeLast() }
        guard let slash = scalars.lastIndex(of: "/") else { return "" }
        var end = slash
        while end > 0, scalars[end - 1] == "/" { end -= 1 }
        if end == 0 { return "/" }
        return String(String.UnicodeScalarView(scalars[0..<end]))
    }

    /// The last part of `path`: "a/b" → "b", "x" → "x", "a/b/" → "b", "/" → "/".
    public static func lastComponent(_ path: String) -> String {
        var scalars = Array(path.unicodeScalars)
        while scalars.count > 1, scalars.last == "/" { scalars.removeLast() }
        if scalars == ["/"] { return "/" }
        guard let slash = scalars.lastIndex(of: "/") else { return String(String.UnicodeScalarView(scalars)) }
        return String(String.UnicodeScalarView(scalars[(slash + 1)...]))
    }

    /// The folder holding `path`, "." when it has no folder part.
    public static func directory(of path: String) -> String {
        let parent = parent(path)
        return parent.isEmpty ? "." : parent
    }
}
