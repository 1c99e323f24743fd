/// The version sent in User-Agent and printed by --version.
public enum SockshellVersion {
    public static let current = "0.1.0"
    public static var userAgent: String { "sockshell/\(current)" }
}
