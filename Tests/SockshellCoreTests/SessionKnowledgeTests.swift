import Testing

@testable import SockshellCore

/// Bodies below are shaped like dockerd 20.10's answers (see docker-api-notes.md).
struct SessionKnowledgeTests {
    static let webID = "f5dd99791a38c6e1d1a0e6b2b3a4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6"
    static let dbID = "3176a2479c92e1b1a0e6b2b3a4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7"
    static let imageID = "2b8fd9751c4c0f5dd266fcae00707e67a2545ef34f9a29354585f93dac906749"
    static let networkID = "e086a3893b05ab69242d3c44e49483a3bbbd3a26b46baa8f61ab797c1088d794"
    static let execID = "b35395de42bc8abd327f9dd65d913b9ba28c74d2f0734eeeae84fa1c616a0fca"

    private func learned(
        _ method: String, _ target: String, status: Int = 200, contentType: String? = "application/json",
        _ body: String, into knowledge: SessionKnowledge = SessionKnowledge()
    ) -> SessionKnowledge {
        var knowledge = knowledge
        knowledge.learn(
            method: method, target: target, status: status, contentType: contentType, body: Array(body.utf8))
        return knowledge
    }

    @Test func createTeachesTheIdAndTheNameFromTheQuery() {
        let knowledge = learned(
            "POST", "/containers/create?name=web", status: 201, "{\"Id\":\"\(Self.webID)\",\"Warnings\":[]}\n")
        #expect(knowledge.candidates(for: .container) == [Self.webID, "web"])
        #expect(knowledge.candidates(for: .image) == [])
    }

    @Test func versionedTargetsAndLowerCaseMethodsWork() {
        let knowledge = learned(
            "post", "/v1.41/containers/create", status: 201, "{\"Id\":\"\(Self.webID)\",\"Warnings\":[]}\n")
        #expect(knowledge.candidates(for: .container) == [Self.webID])
    }

    @Test func failuresAndNonJSONTeachNothing() {
        var knowledge = learned(
            "POST", "/containers/create?name=web", status: 409,
            "{\"message\":\"Conflict. The container name \\\"/web\\\" is already in use\"}\n")
        #expect(knowledge.candidates(for: .container) == [])
        knowledge = learned(
            "GET", "/containers/json", contentType: "text/plain", "[{\"Id\":\"\(Self.webID)\",\"Names\":[\"/web\"]}]")
        #expect(knowledge.candidates(for: .container) == [])
        knowledge = learned("GET", "/containers/json", "[{\"Id\":\"\(Self.webID)\",\"Names\":[\"/web\"]")  // cut short
        #expect(knowledge.candidates(for: .container) == [])
        knowledge = learned("GET", "/_ping", contentType: "text/plain; charset=utf-8", "OK")
        #expect(knowledge == SessionKnowledge())
    }

    @Test func containerListKeepsTheDaemonsOrderAndDropsLinkAliases() {
        let body = """
            [{"Id":"\(Self.webID)","Names":["/web"],"Image":"busybox","State":"running"},\
            {"Id":"\(Self.dbID)","Names":["/db","/web/db"],"Image":"busybox","State":"exited"}]

            """
        let knowledge = learned("GET", "/containers/json?all=1", body)
        #expect(knowledge.candidates(for: .container) == [Self.webID, "web", Self.dbID, "db"])
    }

    @Test func inspectTeachesTheNameWithoutItsSlashAndTheExecIDs() {
        let body =
            """
            {\"Id\":\"\(Self.webID)\",\"Name\":\"/boring_euclid\",\"ExecIDs\":[\"\(Self.execID)\"],\
            \"State\":{\"Status\":\"running\"}}\n
            """
        let knowledge = learned("GET", "/containers/web/json", body)
        #expect(knowledge.candidates(for: .container) == [Self.webID, "boring_euclid"])
        #expect(knowledge.candidates(for: .exec) == [Self.execID])
    }

    @Test func execCreateAndInspect() {
        var knowledge = learned("POST", "/containers/web/exec", status: 201, "{\"Id\":\"\(Self.execID)\"}\n")
        #expect(knowledge.candidates(for: .exec) == [Self.execID])
        knowledge = learned(
            "GET", "/exec/\(Self.execID)/json",
            "{\"ID\":\"\(Self.execID)\",\"Running\":false,\"ExitCode\":0,\"ContainerID\":\"\(Self.webID)\"}")
        #expect(knowledge.candidates(for: .exec) == [Self.execID])
        #expect(knowledge.candidates(for: .container) == [Self.webID])
    }

    @Test func imagesByBareIdAndTagWithoutNoneNone() {
        let body = """
            [{"Containers":-1,"Created":1466724217,"Id":"sha256:\(Self.imageID)","Labels":null,"ParentId":"",\
            "RepoDigests":null,"RepoTags":["busybox:latest","busybox:1.36"],"SharedSize":-1,"Size":1092588},\
            {"Id":"sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",\
            "RepoTags":["<none>:<none>"]}]

            """
        let knowledge = learned("GET", "/images/json", body)
        #expect(
            knowledge.candidates(for: .image) == [
                Self.imageID, "busybox:latest", "busybox:1.36",
                "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
            ])
    }

    @Test func imageInspectAtAReferenceWithSlashes() {
        let knowledge = learned(
            "GET", "/images/registry.example.com/team/app:1/json",
            "{\"Id\":\"sha256:\(Self.imageID)\",\"RepoTags\":[\"registry.example.com/team/app:1\"]}")
        #expect(knowledge.candidates(for: .image) == [Self.imageID, "registry.example.com/team/app:1"])
    }

    @Test func pullAndImportTeachTheReferenceUnlessTheStreamReportsAnError() {
        let progress = """
            {"status":"Pulling from library/busybox","id":"latest"}\r
            {"status":"Digest: sha256:abc"}\r
            {"status":"Status: Downloaded newer image for busybox:latest"}\r

            """
        var knowledge = learned("POST", "/images/create?fromImage=busybox&tag=latest", progress)
        #expect(knowledge.candidates(for: .image) == ["busybox:latest"])

        let failed =
            """
            {\"status\":\"Pulling from library/nope\"}\r\n{\"errorDetail\":{\"message\":\"not \
            found\"},\"error\":\"not found\"}\r\n
            """
        knowledge = learned("POST", "/images/create?fromImage=nope&tag=latest", failed)
        #expect(knowledge.candidates(for: .image) == [])

        let imported = "{\"status\":\"sha256:\(Self.imageID)\"}\r\n"
        knowledge = learned("POST", "/images/create?fromSrc=-&repo=busybox", imported)
        #expect(knowledge.candidates(for: .image) == [Self.imageID, "busybox:latest"])
    }

    @Test func buildCommitAndLoadTeachImages() {
        let build = """
            {"stream":"Step 1/1 : FROM busybox\\n"}\r
            {"aux":{"ID":"sha256:\(Self.imageID)"}}\r
            {"stream":"Successfully built 2b8fd9751c4c\\n"}\r

            """
        var knowledge = learned("POST", "/build?t=app&t=app:v2&q=1", build)
        #expect(knowledge.candidates(for: .image) == [Self.imageID, "app:latest", "app:v2"])
        knowledge = learned(
            "POST", "/build?t=broken", "{\"errorDetail\":{\"message\":\"failed\"},\"error\":\"failed\"}\r\n")
        #expect(knowledge.candidates(for: .image) == [])
        knowledge = learned(
            "POST", "/commit?container=web&repo=snapshot&tag=1", status: 201, "{\"Id\":\"sha256:\(Self.imageID)\"}")
        #expect(knowledge.candidates(for: .image) == [Self.imageID, "snapshot:1"])
        knowledge = learned("POST", "/images/load?quiet=0", "{\"stream\":\"Loaded image: busybox:latest\\n\"}\r\n")
        #expect(knowledge.candidates(for: .image) == ["busybox:latest"])
        knowledge = learned(
            "POST", "/build/prune", "{\"CachesDeleted\":[\"hw53o5aio51xtltp5xjp8v7fx\"],\"SpaceReclaimed\":0}")
        #expect(knowledge == SessionKnowledge())
    }

    @Test func tagAddsANameToTheSameImage() {
        var knowledge = learned(
            "GET", "/images/json", "[{\"Id\":\"sha256:\(Self.imageID)\",\"RepoTags\":[\"busybox:latest\"]}]")
        knowledge = learned(
            "POST", "/images/busybox:latest/tag?repo=localhost/bb&tag=v1", status: 201, "", into: knowledge)
        #expect(knowledge.candidates(for: .image) == [Self.imageID, "localhost/bb:v1", "busybox:latest"])
    }

    @Test func imageDeleteUntagsAndDeletesAsTheAnswerSays() {
        var knowledge = learned(
            "GET", "/images/json",
            "[{\"Id\":\"sha256:\(Self.imageID)\",\"RepoTags\":[\"busybox:latest\",\"busybox:1.36\"]}]")
        knowledge = learned("DELETE", "/images/busybox:1.36", "[{\"Untagged\":\"busybox:1.36\"}]\n", into: knowledge)
        #expect(knowledge.candidates(for: .image) == [Self.imageID, "busybox:latest"])
        knowledge = learned(
            "DELETE", "/images/busybox:latest",
            "[{\"Untagged\":\"busybox:latest\"},{\"Deleted\":\"sha256:\(Self.imageID)\"}]\n", into: knowledge)
        #expect(knowledge.candidates(for: .image) == [])
    }

    @Test func networksAndVolumes() {
        var knowledge = learned(
            "GET", "/networks",
            """
            [{\"Name\":\"none\",\"Id\":\"\(Self.networkID)\",\"Driver\":\"null\"},{\"Name\":\"host\",\
            \"Id\":\"13e871235c677f196c4e1ecebb9dc733b9b2d2ab589e30c539efeda84a24215e\"}]
            """
        )
        #expect(
            knowledge.candidates(for: .network) == [
                Self.networkID, "none", "13e871235c677f196c4e1ecebb9dc733b9b2d2ab589e30c539efeda84a24215e", "host",
            ])
        knowledge = learned(
            "GET", "/volumes",
            """
            {\"Volumes\":[{\"Name\":\"my-volume\",\"Driver\":\"local\",\
            \"Mountpoint\":\"/var/lib/docker/volumes/my-volume/_data\"}],\"Warnings\":null}\n
            """,
            into: knowledge)
        #expect(knowledge.candidates(for: .volume) == ["my-volume"])
        knowledge = learned(
            "POST", "/volumes/create", status: 201, "{\"Name\":\"data\",\"Driver\":\"local\"}", into: knowledge)
        #expect(knowledge.candidates(for: .volume) == ["data", "my-volume"])
        knowledge = learned("DELETE", "/volumes/my-volume", status: 204, contentType: nil, "", into: knowledge)
        #expect(knowledge.candidates(for: .volume) == ["data"])
        knowledge = learned("POST", "/networks/prune", "{\"NetworksDeleted\":[\"host\"]}", into: knowledge)
        #expect(knowledge.candidates(for: .network) == [Self.networkID, "none"])
    }

    @Test func eventLinesTeachByTypeAndSkipAPartialLastLine() {
        // create, network connect, start: what the event-streaming lesson shows.
        let events = """
            {"status":"create","id":"\(Self.webID)","from":"busybox","Type":"container","Action":"create",\
            "Actor":{"ID":"\(Self.webID)","Attributes":{"image":"busybox","name":"web"}},"scope":"local",\
            "time":1629574695,"timeNano":1629574695515050031}
            {"Type":"network","Action":"connect","Actor":{"ID":"\(Self.networkID)",\
            "Attributes":{"container":"\(Self.webID)","name":"none","type":"null"}},"scope":"local","time":1629574695,\
            "timeNano":1629574695600000000}
            {"status":"start","id":"\(Self.webID)","from":"busybox","Type":"container","Action":"start",\
            "Actor":{"ID":"\(Self.webID)","Attributes":{"image":"busybox","name":"web"}},"scope":"local",\
            "time":1629574696,"timeNano":1629574696000000000}
            {"Type":"volume","Action":"create","Actor":{"ID":"cache","Attributes":{"driver":"local"}},"scope":"local"}
            {"Type":"image","Action":"tag","Actor":{"ID":"sha256:\(Self.imageID)","Attributes":{"name":"busybox:mine"}}}
            {"Type":"container","Action":"exec_create: sh -c date","Actor":{"ID":"\(Self.webID)",\
            "Attributes":{"execID":"\(Self.execID)","name":"web"}}}
            {"Type":"daemon","Action":"reload","Actor":{"ID":"7TRN:IPZB","Attributes":{}}}
            {"Type":"container","Action":"create","Actor":{"ID":"\(Self.dbID)","Attr
            """
        let knowledge = learned("GET", "/v1.41/events?filters=%7B%22type%22%3A%5B%22container%22%5D%7D", events)
        #expect(knowledge.candidates(for: .container) == [Self.webID, "web"])
        #expect(knowledge.candidates(for: .network) == [Self.networkID, "none"])
        #expect(knowledge.candidates(for: .volume) == ["cache"])
        #expect(knowledge.candidates(for: .image) == [Self.imageID, "busybox:mine"])
        #expect(knowledge.candidates(for: .exec) == [Self.execID])
    }

    @Test func aLongEventsBodyTeachesFromItsNewestEventsOnly() {
        // Volume events fill the body; two network events sit just outside and just inside the newest
        // `eventsLearned` (another kind, so the volumes' per-kind limit cannot be what drops them).
        let count = SessionKnowledge.eventsLearned + 500
        let firstLearned = count - SessionKnowledge.eventsLearned
        let events = (0..<count).map { index in
            switch index {
            case firstLearned - 1: return #"{"Type":"network","Action":"create","Actor":{"ID":"n-too-old"}}"#
            case firstLearned: return #"{"Type":"network","Action":"create","Actor":{"ID":"n-kept"}}"#
            default: return "{\"Type\":\"volume\",\"Action\":\"create\",\"Actor\":{\"ID\":\"v\(index)\"}}"
            }
        }.joined(separator: "\n")
        let knowledge = learned("GET", "/events", events)
        #expect(knowledge.candidates(for: .network) == ["n-kept"])
        #expect(knowledge.candidates(for: .volume).first == "v\(count - 1)")
    }

    @Test func destroyEventsAndDeletesForgetBothIdAndName() {
        let create = "{\"Id\":\"\(Self.webID)\",\"Warnings\":[]}"
        var knowledge = learned("POST", "/containers/create?name=web", status: 201, create)
        knowledge = learned("DELETE", "/containers/web?force=1", status: 204, contentType: nil, "", into: knowledge)
        #expect(knowledge.candidates(for: .container) == [])

        knowledge = learned("POST", "/containers/create?name=web", status: 201, create)
        // a short id
        knowledge = learned("DELETE", "/containers/f5dd99791a38", status: 204, contentType: nil, "", into: knowledge)
        #expect(knowledge.candidates(for: .container) == [])

        knowledge = learned("POST", "/containers/create?name=web", status: 201, create)
        let destroy =
            """
            {\"Type\":\"container\",\"Action\":\"destroy\",\"Actor\":{\"ID\":\"\(Self.webID)\",\
            \"Attributes\":{\"name\":\"web\"}}}\n
            """
        knowledge = learned("GET", "/events", destroy, into: knowledge)
        #expect(knowledge.candidates(for: .container) == [])
    }

    @Test func pruneForgetsTheDeletedContainers() {
        var knowledge = learned(
            "GET", "/containers/json",
            "[{\"Id\":\"\(Self.webID)\",\"Names\":[\"/web\"]},{\"Id\":\"\(Self.dbID)\",\"Names\":[\"/db\"]}]")
        knowledge = learned(
            "POST", "/containers/prune", "{\"ContainersDeleted\":[\"\(Self.dbID)\"],\"SpaceReclaimed\":0}",
            into: knowledge)
        #expect(knowledge.candidates(for: .container) == [Self.webID, "web"])
    }

    @Test func renameMovesTheName() {
        var knowledge = learned(
            "POST", "/containers/create?name=web", status: 201, "{\"Id\":\"\(Self.webID)\",\"Warnings\":[]}")
        knowledge = learned(
            "POST", "/containers/web/rename?name=frontend", status: 204, contentType: nil, "", into: knowledge)
        #expect(knowledge.candidates(for: .container) == [Self.webID, "frontend"])
    }

    @Test func aReusedNameLeavesTheOldContainer() {
        var knowledge = learned(
            "POST", "/containers/create?name=web", status: 201, "{\"Id\":\"\(Self.webID)\",\"Warnings\":[]}")
        knowledge = learned(
            "POST", "/containers/create?name=web", status: 201, "{\"Id\":\"\(Self.dbID)\",\"Warnings\":[]}",
            into: knowledge)
        #expect(knowledge.candidates(for: .container) == [Self.dbID, "web", Self.webID])
    }

    @Test func seeingAnObjectAgainMakesItTheMostRecent() {
        var knowledge = learned(
            "GET", "/containers/json",
            "[{\"Id\":\"\(Self.webID)\",\"Names\":[\"/web\"]},{\"Id\":\"\(Self.dbID)\",\"Names\":[\"/db\"]}]")
        knowledge = learned("GET", "/containers/db/json", "{\"Id\":\"\(Self.dbID)\",\"Name\":\"/db\"}", into: knowledge)
        #expect(knowledge.candidates(for: .container) == [Self.dbID, "db", Self.webID, "web"])
    }

    @Test func eachKindIsBounded() {
        let count = SessionKnowledge.maximumObjectsPerKind + 100
        let items = (0..<count).map { "{\"Id\":\"id\($0)\",\"Names\":[\"/name\($0)\"]}" }
        let knowledge = learned("GET", "/containers/json", "[" + items.joined(separator: ",") + "]")
        let candidates = knowledge.candidates(for: .container)
        #expect(candidates.count == 2 * SessionKnowledge.maximumObjectsPerKind)
        #expect(candidates.prefix(2) == ["id0", "name0"])
        #expect(!candidates.contains("id\(SessionKnowledge.maximumObjectsPerKind)"))
    }

    @Test func swarmObjectsAndSystemDataUsage() {
        var knowledge = learned(
            "GET", "/services", "[{\"ID\":\"9mnpnzenvg8p8tdbtq4wvbkcz\",\"Spec\":{\"Name\":\"web\"}}]")
        #expect(knowledge.candidates(for: .service) == ["9mnpnzenvg8p8tdbtq4wvbkcz", "web"])
        knowledge = learned(
            "GET", "/nodes/self", "{\"ID\":\"24ifsmvkjbyhk\",\"Description\":{\"Hostname\":\"bf3067039e47\"}}",
            into: knowledge)
        #expect(knowledge.candidates(for: .node) == ["24ifsmvkjbyhk", "bf3067039e47"])
        knowledge = learned(
            "POST", "/secrets/create", status: 201, "{\"ID\":\"ktnbjxoalbkvbvedmg1urrz8h\"}", into: knowledge)
        #expect(knowledge.candidates(for: .secret) == ["ktnbjxoalbkvbvedmg1urrz8h"])
        let df = """
            {"LayersSize":1092588,"Images":[{"Id":"sha256:\(Self.imageID)","RepoTags":["busybox:latest"]}],\
            "Containers":[{"Id":"\(Self.webID)","Names":["/top"]}],"Volumes":[{"Name":"my-volume"}],"BuildCache":[]}
            """
        knowledge = learned("GET", "/system/df", df, into: knowledge)
        #expect(knowledge.candidates(for: .image) == [Self.imageID, "busybox:latest"])
        #expect(knowledge.candidates(for: .container) == [Self.webID, "top"])
        #expect(knowledge.candidates(for: .volume) == ["my-volume"])
    }

    @Test func pluginPrivilegesAreNotPlugins() {
        let knowledge = learned(
            "GET", "/plugins/privileges?remote=vieux/sshfs",
            "[{\"Name\":\"network\",\"Description\":\"\",\"Value\":[\"host\"]}]")
        #expect(knowledge.candidates(for: .plugin) == [])
        let listed = learned(
            "GET", "/plugins",
            """
            [{\"Id\":\"5724e2c8652da337ab2eedd19fc6fc0ec908e4bd907c7421bf6a8dfc70c4c078\",\
            \"Name\":\"vieux/sshfs:latest\",\"Enabled\":true}]
            """
        )
        #expect(
            listed.candidates(for: .plugin) == [
                "5724e2c8652da337ab2eedd19fc6fc0ec908e4bd907c7421bf6a8dfc70c4c078", "vieux/sshfs:latest",
            ])
    }
}
