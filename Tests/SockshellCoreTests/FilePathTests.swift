import SockshellCore
import Testing

struct FilePathTests {
    @Test func aRelativePathIsFoundBesideTheScript() {
        #expect(FilePath.resolved("body.json", in: "scripts") == "scripts/body.json")
        #expect(FilePath.resolved("data/body.json", in: "/home/me/scripts") == "/home/me/scripts/data/body.json")
        #expect(FilePath.resolved("../x.sks", in: ".") == "./../x.sks")
        #expect(FilePath.resolved("x", in: "/") == "/x")
    }

    @Test func anAbsolutePathOrNoFolderLeavesThePathAlone() {
        #expect(FilePath.resolved("/etc/body.json", in: "scripts") == "/etc/body.json")
        #expect(FilePath.resolved("body.json", in: nil) == "body.json")
        #expect(FilePath.resolved("-", in: nil) == "-")
    }

    @Test func theFolderOfAPath() {
        #expect(FilePath.directory(of: "scripts/setup.sks") == "scripts")
        #expect(FilePath.directory(of: "setup.sks") == ".")
        #expect(FilePath.directory(of: "/setup.sks") == "/")
        #expect(FilePath.directory(of: "/a/b/c.sks") == "/a/b")
    }
}
