/// Request header names worth offering on Tab after `-H` and `header`.
public enum HTTPHeaderNames {
    public static let all: [String] = [
        // General HTTP/1.1 request headers a person sets by hand.
        "Accept", "Accept-Encoding", "Authorization", "Cache-Control", "Connection", "Content-Encoding",
        "Content-Length", "Content-Type", "Expect", "Host", "TE", "Transfer-Encoding", "Upgrade", "User-Agent",
        // Docker's own: registry credentials (base64url JSON) for pull, push, plugin install and build.
        "X-Registry-Auth", "X-Registry-Config",
    ]
}
