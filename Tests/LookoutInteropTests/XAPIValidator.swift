import Foundation

/// Checks a statement (parsed by Foundation's JSONSerialization) against the requirements of xAPI 1.0.3
/// (xAPI-Data.md, section 2) that apply to statements a client sends. Written from the spec, not from
/// Lookout's mapping: it returns every problem found, as "path: what is wrong".
enum XAPIValidator {
    static let statementKeys: Set<String> = ["id", "actor", "verb", "object", "result", "context", "timestamp", "stored",
                                             "authority", "version", "attachments"]
    static let interactionTypes: Set<String> = ["true-false", "choice", "fill-in", "long-fill-in", "matching", "performance",
                                                "sequencing", "likert", "numeric", "other"]
    static let contextActivityKeys: Set<String> = ["parent", "grouping", "category", "other"]

    static func problems(_ statement: Any) -> [String] {
        var out: [String] = []
        guard let s = statement as? [String: Any] else { return ["statement: not a JSON object"] }
        for key in s.keys where !statementKeys.contains(key) { out.append("statement: unknown property '\(key)' (2.2)") }
        // 2.4.1 id: a UUID (RFC 4122 variant).
        if let id = s["id"] { if !isUUID(id) { out.append("id: not a UUID") } }
        // 2.4.2 actor: required, an Agent with exactly one inverse functional identifier.
        if let actor = s["actor"] as? [String: Any] { out += agent(actor, path: "actor") } else { out.append("actor: missing (required)") }
        // 2.4.3 verb: required, id an IRI, display a language map.
        if let verb = s["verb"] as? [String: Any] {
            if !isIRI(verb["id"]) { out.append("verb.id: not an IRI") }
            if let display = verb["display"] { out += languageMap(display, path: "verb.display") }
            for key in verb.keys where !["id", "display"].contains(key) { out.append("verb: unknown property '\(key)'") }
        } else { out.append("verb: missing (required)") }
        // 2.4.4 object: required; here an Activity.
        var choiceIDs: Set<String>?
        if let object = s["object"] as? [String: Any] {
            let (problems, ids) = activity(object, path: "object")
            out += problems
            choiceIDs = ids
        } else { out.append("object: missing (required)") }
        // 2.4.5 result.
        if let result = s["result"] {
            guard let r = result as? [String: Any] else { return out + ["result: not an object"] }
            for key in r.keys where !["score", "success", "completion", "response", "duration", "extensions"].contains(key) {
                out.append("result: unknown property '\(key)'")
            }
            if let score = r["score"] {
                if let sc = score as? [String: Any] {
                    for key in sc.keys where !["scaled", "raw", "min", "max"].contains(key) { out.append("result.score: unknown '\(key)'") }
                    if let scaled = sc["scaled"] {
                        if let v = number(scaled) { if !(v >= -1 && v <= 1) { out.append("result.score.scaled: \(v) not in -1...1") } }
                        else { out.append("result.score.scaled: not a number") }
                    }
                    if let raw = sc["raw"].flatMap(number) {
                        if let min = sc["min"].flatMap(number), raw < min { out.append("result.score.raw below min") }
                        if let max = sc["max"].flatMap(number), raw > max { out.append("result.score.raw above max") }
                    }
                } else { out.append("result.score: not an object") }
            }
            for key in ["success", "completion"] where r[key] != nil && !isBool(r[key]!) { out.append("result.\(key): not a Boolean") }
            if let response = r["response"] {
                if let text = response as? String {
                    // A choice interaction's response is choice ids separated by [,].
                    if let ids = choiceIDs, !text.isEmpty {
                        for part in text.components(separatedBy: "[,]") where !ids.contains(part) {
                            out.append("result.response: '\(part)' is not one of the interaction's choices")
                        }
                    }
                } else { out.append("result.response: not a string") }
            }
            if let duration = r["duration"] { if !isDuration(duration) { out.append("result.duration: not an ISO 8601 duration") } }
            if let ext = r["extensions"] { out += extensions(ext, path: "result.extensions") }
        }
        // 2.4.6 context.
        if let context = s["context"] {
            guard let c = context as? [String: Any] else { return out + ["context: not an object"] }
            for key in c.keys where !["registration", "instructor", "team", "contextActivities", "revision", "platform", "language",
                                      "statement", "extensions"].contains(key) {
                out.append("context: unknown property '\(key)'")
            }
            if let registration = c["registration"], !isUUID(registration) { out.append("context.registration: not a UUID") }
            if let activities = c["contextActivities"] {
                if let ca = activities as? [String: Any] {
                    for (key, value) in ca {
                        if !contextActivityKeys.contains(key) { out.append("context.contextActivities: key '\(key)' not allowed") }
                        let list = (value as? [Any]) ?? [value]
                        for (i, item) in list.enumerated() {
                            if let a = item as? [String: Any] { out += activity(a, path: "context.contextActivities.\(key)[\(i)]").0 }
                            else { out.append("context.contextActivities.\(key)[\(i)]: not an Activity") }
                        }
                    }
                } else { out.append("context.contextActivities: not an object") }
            }
            for key in ["revision", "platform"] where c[key] != nil && !(c[key] is String) { out.append("context.\(key): not a string") }
            if let language = c["language"], !isLanguageTag(language) { out.append("context.language: not an RFC 5646 tag") }
            if let ext = c["extensions"] { out += extensions(ext, path: "context.extensions") }
        }
        // 2.4.7 timestamp: ISO 8601 with a time zone.
        if let timestamp = s["timestamp"], !isTimestamp(timestamp) { out.append("timestamp: not an ISO 8601 date-time with a zone") }
        return out
    }

    static func agent(_ a: [String: Any], path: String) -> [String] {
        var out: [String] = []
        if let type = a["objectType"], (type as? String) != "Agent" { out.append("\(path).objectType: must be Agent") }
        let ifis = ["mbox", "mbox_sha1sum", "openid", "account"].filter { a[$0] != nil }
        if ifis.count != 1 { out.append("\(path): must have exactly one inverse functional identifier, has \(ifis)") }
        if let account = a["account"] {
            if let acc = account as? [String: Any] {
                if !isIRL(acc["homePage"]) { out.append("\(path).account.homePage: not an IRL") }
                if !((acc["name"] as? String).map { !$0.isEmpty } ?? false) { out.append("\(path).account.name: missing") }
                for key in acc.keys where !["homePage", "name"].contains(key) { out.append("\(path).account: unknown '\(key)'") }
            } else { out.append("\(path).account: not an object") }
        }
        if let name = a["name"], !(name is String) { out.append("\(path).name: not a string") }
        for key in a.keys where !["objectType", "name", "mbox", "mbox_sha1sum", "openid", "account"].contains(key) {
            out.append("\(path): unknown property '\(key)'")
        }
        return out
    }

    /// Problems of an Activity object, and the ids of its choices when it is a choice interaction.
    static func activity(_ a: [String: Any], path: String) -> ([String], Set<String>?) {
        var out: [String] = []
        if let type = a["objectType"], (type as? String) != "Activity" { out.append("\(path).objectType: expected Activity") }
        if !isIRI(a["id"]) { out.append("\(path).id: not an IRI") }
        for key in a.keys where !["objectType", "id", "definition"].contains(key) { out.append("\(path): unknown property '\(key)'") }
        var ids: Set<String>?
        if let definition = a["definition"] {
            guard let d = definition as? [String: Any] else { return (out + ["\(path).definition: not an object"], nil) }
            for key in ["name", "description"] where d[key] != nil { out += languageMap(d[key]!, path: "\(path).definition.\(key)") }
            if let type = d["type"], !isIRI(type) { out.append("\(path).definition.type: not an IRI") }
            if let ext = d["extensions"] { out += extensions(ext, path: "\(path).definition.extensions") }
            if let interaction = d["interactionType"] {
                guard let kind = interaction as? String, interactionTypes.contains(kind) else {
                    return (out + ["\(path).definition.interactionType: not one of the spec's"], nil)
                }
                if kind == "choice" {
                    var seen = Set<String>()
                    if let choices = d["choices"] as? [[String: Any]] {
                        for (i, c) in choices.enumerated() {
                            guard let id = c["id"] as? String, !id.isEmpty, !id.contains(where: \.isWhitespace) else {
                                out.append("\(path).definition.choices[\(i)].id: missing or has whitespace")
                                continue
                            }
                            if !seen.insert(id).inserted { out.append("\(path).definition.choices: id '\(id)' repeated") }
                            if let description = c["description"] { out += languageMap(description, path: "\(path).definition.choices[\(i)].description") }
                        }
                    } else { out.append("\(path).definition.choices: missing for a choice interaction") }
                    ids = seen
                    if let patterns = d["correctResponsesPattern"] {
                        if let list = patterns as? [String] {
                            for p in list where !p.isEmpty {
                                for part in p.components(separatedBy: "[,]") where !seen.contains(part) {
                                    out.append("\(path).definition.correctResponsesPattern: '\(part)' is not a choice id")
                                }
                            }
                        } else { out.append("\(path).definition.correctResponsesPattern: not an array of strings") }
                    }
                }
            }
        }
        return (out, ids)
    }

    static func languageMap(_ value: Any, path: String) -> [String] {
        guard let map = value as? [String: Any] else { return ["\(path): not a language map"] }
        var out: [String] = []
        for (key, text) in map {
            if !isLanguageTag(key) { out.append("\(path): key '\(key)' is not an RFC 5646 tag") }
            if !(text is String) { out.append("\(path).\(key): not a string") }
        }
        return out
    }

    static func extensions(_ value: Any, path: String) -> [String] {
        guard let map = value as? [String: Any] else { return ["\(path): not an object"] }
        return map.keys.filter { !isIRI($0) }.map { "\(path): key '\($0)' is not an IRI" }
    }

    static func isBool(_ v: Any) -> Bool {
        // JSONSerialization gives booleans as NSNumber of objCType "c" (a char); numbers are "i", "q" or "d".
        guard let n = v as? NSNumber else { return false }
        return String(cString: n.objCType) == "c"
    }

    static func number(_ v: Any) -> Double? {
        guard let n = v as? NSNumber, !isBool(v) else { return nil }
        return n.doubleValue
    }

    static func matches(_ text: String, _ pattern: String) -> Bool {
        text.range(of: pattern, options: .regularExpression) != nil
    }

    static func isUUID(_ v: Any) -> Bool {
        guard let s = v as? String else { return false }
        return matches(s, "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-8][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}$")
    }

    /// RFC 3987: a scheme, a colon, and no whitespace, angle brackets or quotes.
    static func isIRI(_ v: Any?) -> Bool {
        guard let s = v as? String else { return false }
        return matches(s, "^[A-Za-z][A-Za-z0-9+.-]*:[^\\s<>\"{}|\\\\^`]+$")
    }

    /// An IRL: an IRI that can be resolved, here http or https with a host.
    static func isIRL(_ v: Any?) -> Bool {
        guard let s = v as? String, isIRI(s) else { return false }
        return matches(s, "^https?://[^/\\s]+")
    }

    static func isLanguageTag(_ v: Any) -> Bool {
        guard let s = v as? String else { return false }
        return matches(s, "^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$")
    }

    static func isDuration(_ v: Any) -> Bool {
        guard let s = v as? String, s != "PT", s != "P" else { return false }
        return matches(s, "^P(\\d+Y)?(\\d+M)?(\\d+W)?(\\d+D)?(T(?=\\d)(\\d+H)?(\\d+M)?(\\d+(\\.\\d+)?S)?)?$")
    }

    static func isTimestamp(_ v: Any) -> Bool {
        guard let s = v as? String else { return false }
        return matches(s, "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})$")
    }
}
