/// `contexts`: the table `docker context ls` prints, from the store and the session's choice.
public enum ContextListing {
    /// The description the docker CLI gives its virtual `default` context.
    public static let defaultDescription = "Current DOCKER_HOST based configuration"
    /// text/tabwriter's padding in `docker context ls`: three spaces between columns.
    static let columnGap = 3

    /// The rows sorted by name with `default` among them, the current one marked ` *` after its
    /// name; ERROR appears only when some context has one (the CLI always shows it, mostly empty).
    /// Lines lose the spaces the CLI's tabwriter leaves at their ends.
    /// - Parameters:
    ///   - contexts: the stored contexts (`ContextStore.all()`).
    ///   - current: the context in use, `default` for none.
    ///   - defaultEndpoint: the default context's endpoint URL (DOCKER_HOST, else the default socket).
    public static func table(contexts: [DockerContext], current: String, defaultEndpoint: String) -> String {
        var rows = contexts.map { [$0.name, $0.description, $0.host, $0.problem ?? ""] }
        rows.append([EndpointResolution.defaultContextName, defaultDescription, defaultEndpoint, ""])
        rows.sort { $0[0] < $1[0] }
        for index in rows.indices where rows[index][0] == current { rows[index][0] += " *" }
        let showsErrors = rows.contains { !$0[3].isEmpty }
        let header = ["NAME", "DESCRIPTION", "DOCKER ENDPOINT"] + (showsErrors ? ["ERROR"] : [])
        let lines = [header] + rows.map { Array($0.prefix(header.count)) }
        let widths = header.indices.map { column in lines.map { $0[column].terminalColumns }.max() ?? 0 }
        return lines.map { line in
            line.enumerated().map { column, cell in
                column == line.count - 1 ? cell : cell.padded(to: widths[column] + columnGap)
            }.joined().trimmingTrailingSpaces() + "\n"
        }.joined()
    }
}

extension String {
    fileprivate func trimmingTrailingSpaces() -> String {
        String(self[..<(lastIndex { $0 != " " }.map(index(after:)) ?? startIndex)])
    }
}
