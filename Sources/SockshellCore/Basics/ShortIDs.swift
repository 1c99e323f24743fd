/// Docker's ids in text made short.
public enum ShortIDs {
    /// Full 64-digit ids cut to Docker's 12-digit short form, as `docker ps` shows them.
    public static func shortened(_ text: String) -> String {
        var out = ""
        var run = ""
        func flush() {
            out += run.count == 64 ? String(run.prefix(12)) : run
            run = ""
        }
        for character in text {
            if character.isHexDigit && (character.isNumber || character.isLowercase) {
                run.append(character)
            } else {
                flush()
                out.append(character)
            }
        }
        flush()
        return out
    }
}
