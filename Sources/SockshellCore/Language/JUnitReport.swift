/// A JUnit XML report of a script's expectations, the format CI systems read (one test case per
/// `expect`, a failure element with the sentence when it did not hold).
public enum JUnitReport {
    public struct Entry: Sendable, Equatable {
        /// `file:line`.
        public var location: String
        public var expectation: String
        /// Nil when the expectation held.
        public var failure: String?

        public init(location: String, expectation: String, failure: String?) {
            self.location = location
            self.expectation = expectation
            self.failure = failure
        }
    }

    public static func xml(suite: String, entries: [Entry], seconds: Double) -> String {
        let failures = entries.filter { $0.failure != nil }.count
        var lines = [
            #"<?xml version="1.0" encoding="UTF-8"?>"#,
            #"<testsuites tests="\#(entries.count)" failures="\#(failures)" time="\#(seconds)">"#,
            #"  <testsuite name="\#(escape(suite))" tests="\#(entries.count)""#
                + #" failures="\#(failures)" time="\#(seconds)">"#,
        ]
        for entry in entries {
            let name = escape("\(entry.location) expect \(entry.expectation)")
            if let failure = entry.failure {
                lines.append(#"    <testcase classname="\#(escape(suite))" name="\#(name)">"#)
                lines.append(#"      <failure message="\#(escape(failure))"/>"#)
                lines.append("    </testcase>")
            } else {
                lines.append(#"    <testcase classname="\#(escape(suite))" name="\#(name)"/>"#)
            }
        }
        lines.append("  </testsuite>")
        lines.append("</testsuites>")
        return lines.joined(separator: "\n") + "\n"
    }

    /// XML attribute escaping; control characters XML 1.0 forbids become spaces.
    static func escape(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "\n": out += "&#10;"
            case _ where scalar.value < 0x20 && scalar != "\t": out += " "
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
