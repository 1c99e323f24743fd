/// A terminal's size in character cells, as the resize calls and `HostConfig.ConsoleSize` carry it.
public struct WindowSize: Sendable, Equatable {
    public var rows: Int
    public var columns: Int

    public init(rows: Int, columns: Int) {
        self.rows = rows
        self.columns = columns
    }
}
