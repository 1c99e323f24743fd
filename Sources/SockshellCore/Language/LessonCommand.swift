/// The lesson commands of the shell (lessons/README.md, "In the shell").
public enum LessonCommand: Sendable, Equatable {
    /// `lesson`: list lessons with progress.
    case list
    /// `lesson start NAME`: start, or resume where it stopped.
    case start(String)
    /// `lesson restart NAME`: start over from step 1.
    case restart(String)
    /// `lesson quit`: leave the lesson (progress kept) and offer to remove what it created.
    case quit
    /// `lesson cleanup`: remove what the current (or named) lesson created.
    case cleanup(String?)
    case next
    case back
    case hint
    /// `check`: check the last exchange against the current step again.
    case check
    case whereAmI

    static func parse(_ word: String, _ argument: String) throws(CommandSyntaxError) -> LessonCommand {
        let words = argument.split(separator: " ").map(String.init)
        switch word {
        case "next": return .next
        case "back": return .back
        case "hint": return .hint
        case "check": return .check
        case "where": return .whereAmI
        default: break
        }
        guard let sub = words.first else { return .list }
        switch sub {
        case "start", "restart":
            guard words.count == 2 else {
                throw CommandSyntaxError(
                    "lesson \(sub) needs a lesson name, e.g. lesson \(sub) create-then-start (lesson lists them)")
            }
            return sub == "start" ? .start(words[1]) : .restart(words[1])
        case "quit", "stop", "exit":
            return .quit
        case "cleanup":
            return .cleanup(words.count > 1 ? words[1] : nil)
        case "list":
            return .list
        default:
            // `lesson NAME` is a natural way to say start.
            if words.count == 1, !sub.hasPrefix("-") { return .start(sub) }
            throw CommandSyntaxError("lesson takes start NAME, restart NAME, quit or cleanup (lesson alone lists them)")
        }
    }
}
